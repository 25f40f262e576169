import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  assess,
  bruteForce,
  checkPortfolio,
  meetsAll,
  rankedSensitivity,
  sensitivity,
  checkScores,
  gate,
  greedy,
  infeasibleConstraints,
  normaliseWeights,
  optimise,
  portfolioRules,
  scoreParts,
  weightedScore,
  type Candidate,
  type PortfolioRules,
  type Scheme,
} from "../../src/rules/capital";
import { loadSolver } from "../../src/rules/solver";
import { defaultRulebook } from "../../src/rules/presets";

const settings = defaultRulebook().capital!;
const weights = normaliseWeights(settings.criteria.map((c) => c.weight));
const M = 100_000_000; // £1m in pence

const scheme = (over: Partial<Scheme>): Scheme => ({
  name: "Scheme",
  organisation: "MSEFT",
  place: "mid-essex",
  category: "backlog-maintenance",
  backlogRisk: "High",
  cost: 2 * M,
  revenueEffect: null,
  affordabilityCase: false,
  scores: [3, 3, 3, 3, 3],
  ...over,
});

const candidate = (name: string, cost: number, score: number, place: string | null, protectedShare = false, lock: Candidate["lock"] = null, excluded = false): Candidate => ({
  name,
  cost,
  score,
  place,
  protectedShare,
  excluded,
  lock,
});

describe("scoring", () => {
  it("normalises weighted scores to 0–100 and explains them criterion by criterion", () => {
    expect(weightedScore([5, 5, 5, 5, 5], weights, settings.scale)).toBeCloseTo(100, 12);
    expect(weightedScore([0, 0, 0, 0, 0], weights, settings.scale)).toBe(0);
    expect(weightedScore([5, 0, 0, 0, 0], weights, settings.scale)).toBeCloseTo(30, 12);
    const parts = scoreParts(settings, [4, 2, 5, 3, 1], weights);
    expect(parts.map((p) => [p.criterion, Math.round(p.points * 10) / 10])).toEqual([
      ["Safety and backlog risk", 24],
      ["Clinical need and health inequalities", 10],
      ["Financial improvement", 20],
      ["Strategic fit", 9],
      ["Deliverability", 2],
    ]);
    expect(parts.reduce((a, p) => a + p.points, 0)).toBeCloseTo(weightedScore([4, 2, 5, 3, 1], weights, settings.scale), 12);
  });

  it("refuses weights all zero or negative, and scores off the scale", () => {
    expect(() => normaliseWeights([0, 0])).toThrow("the weights are all zero");
    expect(() => normaliseWeights([1, -1])).toThrow("weight 2 must be 0 or more");
    expect(() => checkScores([1, 2, 6, 1, 1], 5, settings.scale, "Scheme A")).toThrow("Scheme A, criterion 3: 6 is outside the scale 0–5");
    expect(() => checkScores([1, 2], 5, settings.scale, "Scheme A")).toThrow("Scheme A: 2 scores for 5 criteria");
  });
});

describe("the gates (MoU 9.11)", () => {
  it("excludes a major scheme without an affordability case, at the threshold and above", () => {
    expect(gate(settings, scheme({ category: "major-scheme", cost: 5_000_000_00 - 1 }), new Map())).toBeNull();
    expect(gate(settings, scheme({ category: "major-scheme", cost: 5_000_000_00 }), new Map())).toEqual({
      reason: "a major scheme (£5,000,000 or more) without an affordability case",
      clause: "MoU 9.11",
    });
    expect(gate(settings, scheme({ category: "major-scheme", cost: 9 * M, affordabilityCase: true }), new Map())).toBeNull();
  });

  it("restricts an organisation under recovery measures from discretionary capital only", () => {
    const restricted = new Map([["MSEFT", "Organisational improvement plan"]]);
    expect(gate(settings, scheme({ category: "digital" }), restricted)?.reason).toBe(
      "MSEFT is under recovery measures (Organisational improvement plan), so cannot draw discretionary capital",
    );
    expect(gate(settings, scheme({ category: "backlog-maintenance" }), restricted)).toBeNull();
    expect(gate(settings, scheme({ category: "digital", organisation: "EPUT" }), restricted)).toBeNull();
  });
});

const rules = (envelope: number, over: Partial<PortfolioRules> = {}): PortfolioRules => ({
  ...portfolioRules(settings, envelope, ["mid-essex", "thurrock"]),
  ...over,
});

describe("the portfolio", () => {
  it("finds the optimum where funding down the ranked list breaks the MoU's constraints", async () => {
    const solver = await loadSolver();
    const list = [
      candidate("Theatre roof", 6 * M, 90, "mid-essex", true),
      candidate("EPR", 4 * M, 70, null),
      candidate("Ward", 3 * M, 35, null),
      candidate("Clinic", 1 * M, 20, "thurrock"),
    ];
    const r = rules(10 * M);
    const g = greedy(list, r);
    expect(g.funded).toEqual([true, true, false, false]);
    expect(g.totalScore).toBe(160);
    expect(g.checks.filter((c) => !c.met).map((c) => `${c.constraint}: ${c.detail}`)).toEqual(["thurrock: at least 8%: £0 of £800,000 needed"]);
    const best = optimise(solver, list, r);
    expect(best.status).toBe("optimal");
    if (best.status !== "optimal") return;
    expect(best.funded).toEqual([true, false, true, true]);
    expect(best.totalScore).toBe(145);
    expect(best.checks.every((c) => c.met)).toBe(true);
  });

  it("holds locks: a scheme locked in is funded, one locked out or not eligible is not", async () => {
    const solver = await loadSolver();
    const list = [
      candidate("Theatre roof", 6 * M, 90, "mid-essex", true, "out"),
      candidate("EPR", 4 * M, 70, null),
      candidate("Ward", 3 * M, 35, null, false, "in"),
      candidate("Clinic", 1 * M, 20, "thurrock"),
      candidate("Boiler", 3 * M, 80, "mid-essex", true, null, true),
      candidate("Lift", 3 * M, 10, "mid-essex", true),
    ];
    // Lift carries the backlog share; Clinic, Thurrock's minimum; EPR would take cross-Place past 50% beside the locked-in Ward.
    const best = optimise(solver, list, rules(11 * M));
    expect(best.status === "optimal" && best.funded).toEqual([false, false, true, true, false, true]);
  });

  it("is never below greedy when greedy meets the constraints, and equals brute force on small random cases", async () => {
    const solver = await loadSolver();
    const places = ["mid-essex", "thurrock"];
    const arbitrary = fc.array(
      fc.record({
        cost: fc.integer({ min: 1, max: 40 }).map((m) => m * 10_000_000),
        score: fc.integer({ min: 0, max: 1000 }).map((s) => s / 10),
        place: fc.constantFrom<string | null>("mid-essex", "thurrock", null),
        protectedShare: fc.boolean(),
        lock: fc.constantFrom<Candidate["lock"]>(null, null, null, null, "in", "out"),
        excluded: fc.boolean().map((b) => b && Math.random() < 0.3),
      }),
      { minLength: 1, maxLength: 10 },
    );
    await fc.assert(
      fc.asyncProperty(arbitrary, fc.integer({ min: 5, max: 200 }), async (raw, envelopeTenths) => {
        const list = raw.map((c, i) => ({ name: `S${i}`, ...c }));
        const r: PortfolioRules = { ...portfolioRules(settings, envelopeTenths * 10_000_000, places) };
        const brute = bruteForce(list, r);
        const best = optimise(solver, list, r);
        if (!brute) {
          expect(best.status).toBe("infeasible");
          return;
        }
        expect(best.status).toBe("optimal");
        if (best.status !== "optimal") return;
        expect(best.totalScore).toBeCloseTo(brute.totalScore, 9);
        const g = greedy(list, r);
        if (g.checks.every((c) => c.met)) expect(best.totalScore).toBeGreaterThanOrEqual(g.totalScore - 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it("names what cannot be met when no portfolio is feasible", async () => {
    const solver = await loadSolver();
    const list = [candidate("Roof", 1 * M, 50, "mid-essex", true), candidate("EPR", 8 * M, 70, null, false, "in")];
    const r = rules(10 * M);
    const result = optimise(solver, list, r);
    expect(result).toEqual({
      status: "infeasible",
      reasons: [
        "backlog and equipment schemes total £1,000,000, less than the 25% (£2,500,000) they must have",
        "thurrock's eligible schemes total £0, less than its minimum of £800,000",
        "cross-Place schemes locked in cost £8,000,000, above the band's £5,000,000",
      ],
    });
    // Each constraint can be met alone, but not all within £10m: the cross-Place minimum is the one to drop.
    const together = optimise(solver, [candidate("Roof", 6 * M, 50, "mid-essex", true), candidate("EPR", 5 * M, 70, null), candidate("Clinic", 1 * M, 20, "thurrock")], r);
    expect(together).toEqual({ status: "infeasible", reasons: ["Together they cannot be met; dropping any one of these would allow a portfolio: cross-Place at least 20%"] });
    expect(infeasibleConstraints([candidate("A", 20 * M, 1, null, false, "in")], rules(10 * M, { placeMinimumBasisPoints: null, protectedShareBasisPoints: null, crossPlace: null }))).toEqual([
      "the schemes locked in cost £20,000,000, more than the envelope of £10,000,000",
    ]);
  });
});

describe("sensitivity", () => {
  const schemes: Scheme[] = Array.from({ length: 12 }, (_v, i) =>
    scheme({
      name: `S${i}`,
      place: ["mid-essex", "thurrock", null][i % 3]!,
      category: i % 4 === 0 ? "backlog-maintenance" : "other",
      cost: (1 + (i % 5)) * M,
      scores: [i % 6, (i * 2) % 6, (i * 3) % 6, 5 - (i % 6), (i * 5) % 6],
    }),
  );
  const options = { weightPoints: [30, 25, 20, 15, 10], envelope: 12 * M, restricted: new Map(), locks: new Map(), places: ["mid-essex", "thurrock"] };

  it("counts each scheme's share of draws, exactly solved, and repeats exactly from its seed", async () => {
    const solver = await loadSolver();
    const base = assess(settings, schemes, options, solver);
    expect(base.optimum.status).toBe("optimal");
    const progress: number[] = [];
    const run = await sensitivity(settings, base, options.weightPoints, solver, { draws: 60, spread: 0.2, seed: 7, progress: (d) => progress.push(d), slice: 20 });
    expect(progress).toEqual([20, 40, 60]);
    expect(run.draws).toBe(60);
    run.funded.forEach((f) => expect(f).toBeLessThanOrEqual(60));
    expect(await sensitivity(settings, base, options.weightPoints, solver, { draws: 60, spread: 0.2, seed: 7 })).toEqual(run);
    // With no spread every draw is the base optimum.
    const still = await sensitivity(settings, base, options.weightPoints, solver, { draws: 5, spread: 0, seed: 1 });
    expect(still.funded).toEqual(base.optimum.status === "optimal" ? base.optimum.funded.map((f) => (f ? 5 : 0)) : []);
    let stop = false;
    const stopped = await sensitivity(settings, base, options.weightPoints, solver, { draws: 100, spread: 0.2, seed: 1, slice: 10, progress: () => (stop = true), cancelled: () => stop });
    expect(stopped.draws).toBe(10);
  });

  it("funds, in the fast ranked draws, only sets that meet every constraint", async () => {
    const solver = await loadSolver();
    const base = assess(settings, schemes, options, solver);
    const run = rankedSensitivity(settings, base, options.weightPoints, { draws: 500, spread: 0.2, seed: 3 });
    expect(run.draws).toBe(500);
    expect(run.infeasible).toBeLessThan(500);
    run.funded.forEach((f, i) => {
      expect(f).toBeLessThanOrEqual(500 - run.infeasible);
      if (base.candidates[i]!.excluded) expect(f).toBe(0);
    });
  });

  it("checks constraints the same way with words and without", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), fc.integer({ min: 1, max: 30 }), (funded, envelope) => {
        const list = [
          candidate("A", 3 * M, 10, "mid-essex", true),
          candidate("B", 2 * M, 10, "thurrock"),
          candidate("C", 4 * M, 10, null, false, "in"),
          candidate("D", 1 * M, 10, null, false, "out"),
          candidate("E", 2 * M, 10, "mid-essex", false, null, true),
          candidate("F", 1 * M, 10, "thurrock", true),
        ];
        const r = rules(envelope * M);
        expect(meetsAll(list, funded, r)).toBe(checkPortfolio(list, funded, r).every((c) => c.met));
      }),
      { numRuns: 2000 },
    );
  });
});

