import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { optimise, OBJECTIVES, type Candidate, type MilpSolver, type ObjectiveId, type PortfolioRules } from "../../src/rules/portfolio";
import { loadSolver } from "../../src/rules/solver";
import { oracle, oracleFeasible } from "./portfolioOracle";

/**
 * The optimiser against every subset: 10,000 seeded random portfolios (2–14 schemes, costs in pounds and pence from
 * £1k to £1bn, envelopes 20–90% of the total, with and without Place, protected-share and cross-Place constraints,
 * locks, exclusions, plans over one to five years with and without carry-forward, every objective). Run in chunks so
 * no test holds the worker's event loop for long.
 */
const CHUNKS = Number(process.env.CHUNKS ?? 20);
const PER_CHUNK = 500;
const HIGHS_CHUNKS = Math.max(4, Math.ceil(CHUNKS / 5));
const PLACES = ["thurrock", "mid-essex", "south-east-essex"];

interface Instance {
  candidates: Candidate[];
  rules: PortfolioRules;
  objective: ObjectiveId;
}

/** Splits whole pence into `parts` whole-pence pieces summing exactly, by the given fractions. */
function split(total: number, fractions: readonly number[]): number[] {
  const sum = fractions.reduce((a, b) => a + b, 0) || 1;
  const pieces = fractions.map((f) => Math.floor((total * f) / sum));
  pieces[0]! += total - pieces.reduce((a, b) => a + b, 0);
  return pieces;
}

const scheme = fc.record({
  // Within 1.5 orders of magnitude of the instance's own scale (itself £1k to £1bn), in pounds and pence.
  magnitude: fc.double({ min: 0, max: 1.5, noNaN: true }),
  pence: fc.integer({ min: 0, max: 99 }),
  // Scores with a decimal, 0.0–100.0: the exact points are tenths.
  tenths: fc.integer({ min: 0, max: 1_000 }),
  place: fc.constantFrom<string | null>(...PLACES, null),
  protectedShare: fc.boolean(),
  lock: fc.integer({ min: 0, max: 29 }).map((k): Candidate["lock"] => (k === 0 ? "in" : k === 1 ? "out" : null)),
  excluded: fc.integer({ min: 0, max: 14 }).map((k) => k === 0),
  profile: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 5, maxLength: 5 }),
});

const instance: fc.Arbitrary<Instance> = fc
  .record({
    schemes: fc.array(scheme, { minLength: 2, maxLength: 14 }),
    scale: fc.double({ min: 3, max: 7.5, noNaN: true }),
    envelopePercent: fc.integer({ min: 20, max: 90 }),
    years: fc.constantFrom(1, 1, 1, 2, 3, 5),
    yearShares: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 5, maxLength: 5 }),
    carryForward: fc.boolean(),
    // Each constraint present in about half the instances, so feasible and infeasible ones are both common.
    protectedShare: fc.option(fc.integer({ min: 0, max: 3_000 }), { nil: null, freq: 2 }),
    placeMinimum: fc.option(fc.integer({ min: 0, max: 700 }), { nil: null, freq: 2 }),
    crossPlace: fc.option(fc.tuple(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 1_000, max: 8_000 })), { nil: null, freq: 2 }),
    objective: fc.constantFrom(...OBJECTIVES),
    // Usually the Places with a scheme; sometimes every Place, so a Place without one makes its minimum unmeetable.
    everyPlace: fc.integer({ min: 0, max: 3 }).map((k) => k === 0),
  })
  .map((r) => {
    const candidates: Candidate[] = r.schemes.map((s, i) => {
      const cost = Math.floor(10 ** (r.scale + s.magnitude)) * 100 + s.pence;
      return {
        name: `S${i + 1}`,
        cost,
        profile: r.years > 1 ? split(cost, s.profile.slice(0, r.years).map((x, t) => (t === 0 ? x + 1 : x))) : null,
        score: s.tenths / 10,
        points: BigInt(s.tenths),
        place: s.place,
        protectedShare: s.protectedShare,
        excluded: s.excluded,
        lock: s.lock,
      };
    });
    const total = candidates.reduce((a, c) => a + c.cost, 0);
    const envelope = Math.max(1, Math.floor((total * r.envelopePercent) / 100));
    const years = r.years > 1 ? split(envelope, r.yearShares.slice(0, r.years)).map((e, t) => ({ label: `${2026 + t}/${27 + t}`, envelope: e })) : null;
    const rules: PortfolioRules = {
      envelope,
      years,
      carryForward: r.carryForward,
      protectedShareBasisPoints: r.protectedShare,
      placeMinimumBasisPoints: r.placeMinimum,
      crossPlace: r.crossPlace ? { minBasisPoints: r.crossPlace[0], maxBasisPoints: r.crossPlace[0] + r.crossPlace[1] } : null,
      places: r.placeMinimum === null ? [] : r.everyPlace ? PLACES : PLACES.filter((p) => candidates.some((c) => c.place === p)),
    };
    return { candidates, rules, objective: r.objective };
  });

let solver: MilpSolver;
beforeAll(async () => {
  solver = await loadSolver();
});

const tally = { instances: 0, infeasible: 0, highs: 0, unproven: 0, cut: 0 };

describe("the capital optimiser against every subset (10,000 seeded instances)", () => {
  for (let chunk = 0; chunk < CHUNKS; chunk++) {
    it(`agrees with the exact oracle, chunk ${chunk + 1} of ${CHUNKS}`, () => {
      fc.assert(
        fc.property(instance, ({ candidates, rules, objective }) => {
          tally.instances++;
          const truth = oracle(candidates, rules, objective);
          const answer = optimise(solver, candidates, rules, objective);
          if (truth.value === null) {
            tally.infeasible++;
            expect(answer.status).toBe("infeasible");
            if (answer.status === "infeasible") expect(answer.reasons.length).toBeGreaterThan(0);
            return;
          }
          expect(answer.status).toBe("optimal");
          if (answer.status !== "optimal") return;
          expect(oracleFeasible(candidates, rules, (i) => answer.funded[i]!)).toBe(true);
          if (objective === "ranked" || objective === "value-for-money") expect(answer.funded).toEqual(truth.funded);
          else expect(answer.value).toBe(truth.value);
        }),
        { seed: 20_261_201 + chunk, numRuns: PER_CHUNK },
      );
    });
  }

  // The production path sends up to a dozen free schemes straight to the exact search; these send every instance with
  // a free scheme through HiGHS's LP duals, and with the search cut short (20 to 2,000 nodes) through HiGHS's proposal,
  // the second search and the "solver cut" proof too. Cut short, an answer may honestly be "unproven", but an answer
  // given as optimal or infeasible must still agree with the oracle.
  const NODE_LIMITS = [20, 200, 2_000, 400_000];
  for (let chunk = 0; chunk < HIGHS_CHUNKS; chunk++) {
    it(`agrees with the exact oracle through HiGHS, chunk ${chunk + 1} of ${HIGHS_CHUNKS}`, () => {
      const nodeLimit = NODE_LIMITS[chunk % NODE_LIMITS.length]!;
      fc.assert(
        fc.property(instance, ({ candidates, rules, objective }) => {
          tally.highs++;
          const linear = objective === "ranked" || objective === "value-for-money" ? "total-score" : objective;
          const truth = oracle(candidates, rules, linear);
          const answer = optimise(solver, candidates, rules, linear, { exactUpTo: 0, nodeLimit });
          if (answer.status === "unproven") {
            tally.unproven++;
            if (answer.funded) expect(oracleFeasible(candidates, rules, (i) => answer.funded![i]!)).toBe(true);
            if (answer.value !== undefined) expect(truth.value !== null && answer.value <= truth.value).toBe(true);
            return;
          }
          if (truth.value === null) {
            expect(answer.status).toBe("infeasible");
            return;
          }
          expect(answer.status === "optimal" && oracleFeasible(candidates, rules, (i) => answer.funded[i]!)).toBe(true);
          expect(answer.status === "optimal" && answer.value).toBe(truth.value);
          if (answer.status === "optimal" && answer.proof === "solver cut") tally.cut++;
        }),
        { seed: 20_261_301 + chunk, numRuns: PER_CHUNK },
      );
    });
  }

  // The lists decide scheme by scheme with exact feasibility searches; larger lists (16–18 schemes) make sure each search
  // stops at its first portfolio rather than listing them all.
  it("funds down the lists exactly as the oracle does with 16 to 18 schemes", () => {
    fc.assert(
      fc.property(instance, fc.array(scheme, { minLength: 14, maxLength: 16 }), fc.constantFrom<ObjectiveId>("ranked", "value-for-money"), (base, more, objective) => {
        const extra = more.map((s, k) => ({ ...base.candidates[k % base.candidates.length]!, name: `T${k + 1}`, points: BigInt(s.tenths), score: s.tenths / 10, lock: null, excluded: false }));
        const candidates = [...base.candidates, ...extra].slice(0, 18);
        const truth = oracle(candidates, base.rules, objective);
        const answer = optimise(solver, candidates, base.rules, objective);
        if (truth.value === null) {
          expect(answer.status).toBe("infeasible");
          return;
        }
        expect(answer.status === "optimal" && answer.funded).toEqual(truth.funded);
      }),
      { seed: 20_261_401, numRuns: 120 },
    );
  });

  it("ran every instance", () => {
    expect(tally.instances).toBeGreaterThanOrEqual(CHUNKS * PER_CHUNK);
    // Enough of each kind to mean something: feasible and infeasible both well represented.
    expect(tally.infeasible).toBeGreaterThan(tally.instances / 10);
    expect(tally.instances - tally.infeasible).toBeGreaterThan(tally.instances / 4);
    console.log(`capital oracle: ${tally.instances} instances (${tally.infeasible} infeasible) and ${tally.highs} more through HiGHS (${tally.cut} proven by the solver cut, ${tally.unproven} honestly unproven with the search cut short), 0 disagreements`);
  });
});
