import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  assess,
  checkScores,
  exactPoints,
  exactScores,
  frontier,
  gate,
  normaliseWeights,
  notFundedReasons,
  outsideCapitalFramework,
  rankedSensitivity,
  scoreParts,
  seededRandom,
  sensitivity,
  weightedScore,
  type Assessment,
  type MilpSolver,
  type Scheme,
  type SensitivityResult,
} from "../../src/rules/capital";
import { buildModel, checkPortfolio, feasible, fundingOrder, meetsAll, optimise, rankOrder, shareAtLeast, shareAtMost, type Candidate, type ObjectiveId, type PortfolioRules } from "../../src/rules/portfolio";
import { loadSolver } from "../../src/rules/solver";
import { parsePlanEnvelope } from "../../src/rules/scenarioDraft";
import { defaultRulebook } from "../../src/rules/presets";

const rulebook = defaultRulebook();
const settings = rulebook.capital!;
const weights = normaliseWeights(settings.criteria.map((c) => c.weight));
const M = 100_000_000; // £1m in pence
const OBJECTIVES: ObjectiveId[] = ["total-score", "score-weighted-spend", "ranked", "value-for-money"];

let solver: MilpSolver;
beforeAll(async () => {
  solver = await loadSolver();
});

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

/** A candidate with a whole-number score, so its exact points are the score itself (one scale for every candidate). */
const candidate = (name: string, cost: number, score: number, over: Partial<Candidate> = {}): Candidate => ({
  name,
  cost,
  score,
  points: over.points ?? BigInt(score),
  place: "mid-essex",
  protectedShare: false,
  excluded: false,
  lock: null,
  ...over,
});

/** No MoU constraint but the envelope, so a worked example shows only what the objective does. */
const envelopeOnly = (envelope: number, over: Partial<PortfolioRules> = {}): PortfolioRules => ({
  envelope,
  protectedShareBasisPoints: null,
  placeMinimumBasisPoints: null,
  crossPlace: null,
  places: [],
  ...over,
});

/** The preset's MoU constraints (backlog and equipment 25%, each Place 8%, cross-Place 20–50%) for two Places. */
const mouRules = (envelope: number, over: Partial<PortfolioRules> = {}): PortfolioRules => ({
  envelope,
  protectedShareBasisPoints: settings.constraints.protectedShareBasisPoints,
  placeMinimumBasisPoints: settings.constraints.placeMinimumBasisPoints,
  crossPlace: settings.constraints.crossPlace,
  places: ["mid-essex", "thurrock"],
  placeNames: { "mid-essex": "Mid Essex", thurrock: "Thurrock" },
  ...over,
});

const names = (list: readonly Candidate[], funded: readonly boolean[]) => list.filter((_c, i) => funded[i]).map((c) => c.name);

/**
 * A tiny brute force over every subset, independent of the optimiser's search: the best sum for the summing objectives;
 * for the ordered ones, each scheme down the list taken when some portfolio still completes the choices so far.
 */
function bruteForce(list: readonly Candidate[], rules: PortfolioRules, objective: ObjectiveId): boolean[] | null {
  const sets: boolean[][] = [];
  for (let mask = 0; mask < 1 << list.length; mask++) {
    const set = list.map((_c, i) => (mask & (1 << i)) !== 0);
    if (meetsAll(list, set, rules)) sets.push(set);
  }
  if (sets.length === 0) return null;
  if (objective === "ranked" || objective === "value-for-money") {
    const decided: (boolean | undefined)[] = list.map(() => undefined);
    const completes = () => sets.some((s) => s.every((f, i) => decided[i] === undefined || decided[i] === f));
    for (const i of fundingOrder(list, objective)) {
      decided[i] = true;
      if (!completes()) decided[i] = false;
    }
    return decided.map(Boolean);
  }
  // Score-weighted spend in pence: the examples' costs are whole £1,000s, so this orders portfolios as the optimiser's £k do.
  const worth = (s: boolean[]) => list.reduce((a, c, i) => (s[i] ? a + (objective === "total-score" ? c.points : c.points * BigInt(c.cost)) : a), 0n);
  return sets.reduce((best, s) => (worth(s) > worth(best) ? s : best));
}

/**
 * A random portfolio for the fast sensitivity (only the fields it reads: each scheme's criterion scores, the
 * candidates, the rules): a third of the schemes repeat an earlier one's scores exactly, so every draw ties them, and
 * half of those its cost too, so the row decides; some locked in, some locked out, some excluded; cross-Place schemes;
 * a plan over years, carried forward or not; the MoU's constraints, or the envelope alone.
 */
function randomPortfolio(seed: number, count: number, years: number, constrained: boolean): Assessment {
  // Half in whole £100,000s within an envelope of whole £5m, so that a minimum or a maximum is met to the penny.
  const round = seed % 2 === 0;
  const random = seededRandom(seed);
  const places = ["mid-essex", "thurrock", "south-east-essex"];
  const scores: number[][] = [];
  const candidates: Candidate[] = [];
  for (let i = 0; i < count; i++) {
    const twin = i > 0 && random() < 0.35 ? Math.floor(random() * i) : -1;
    scores.push(twin >= 0 ? scores[twin]! : settings.criteria.map(() => Math.round(random() * 10) / 2));
    const cost = twin >= 0 && random() < 0.5 ? candidates[twin]!.cost : (1 + Math.floor(random() * 40)) * 10_000_000 + (round ? 0 : Math.floor(random() * 100));
    const first = Math.floor(random() * years);
    const profile = years > 1 ? Array.from({ length: years }, (_v, t) => (t === first ? cost : 0)) : null;
    const lock = random() < 0.04 ? "in" : random() < 0.05 ? "out" : null;
    const place = random() < 0.25 ? null : places[Math.floor(random() * places.length)]!;
    candidates.push({ name: `S${i}`, cost, profile, score: 0, points: 0n, place, protectedShare: random() < 0.3, excluded: random() < 0.08, lock });
  }
  const share = candidates.reduce((a, c) => a + c.cost, 0) * (0.25 + random() * 0.25);
  const envelope = round ? Math.max(1, Math.round(share / (5 * M))) * 5 * M : Math.round(share);
  const plan = years > 1 ? Array.from({ length: years }, (_v, t) => ({ label: `Year ${t + 1}`, envelope: Math.floor(envelope / years) + (t === 0 ? envelope % years : 0) })) : null;
  const rules = constrained ? mouRules(envelope, { places, years: plan, carryForward: random() < 0.5 }) : envelopeOnly(envelope, { years: plan });
  // The fast sensitivity reads nothing else of an assessment.
  return { assessed: scores.map((s) => ({ scheme: { scores: s } })), candidates, rules } as unknown as Assessment;
}

/**
 * The fast sensitivity written plainly, as it first was, to hold the quick one to: each draw's weights and scores in
 * the same arithmetic, the list sorted with a comparator (score descending, then cost ascending, then row ascending),
 * then each minimum's best schemes and then down the list, each taken only while every maximum row it is in still
 * holds; the draw's set checked by the model's own test.
 */
function plainRankedSensitivity(base: Assessment, weightPoints: readonly number[], options: { draws: number; spread: number; seed: number }): SensitivityResult {
  const random = seededRandom(options.seed);
  const { candidates, rules } = base;
  const model = buildModel(candidates, rules);
  const { min, max } = settings.scale;
  const normalised = base.assessed.map((a) => a.scheme.scores.map((s) => (s - min) / (max - min)));
  const minimums: { member: (c: Candidate) => boolean; need: number }[] = [];
  if (rules.protectedShareBasisPoints !== null) minimums.push({ member: (c) => c.protectedShare, need: shareAtLeast(rules.envelope, rules.protectedShareBasisPoints) });
  if (rules.placeMinimumBasisPoints !== null) for (const p of rules.places) minimums.push({ member: (c) => c.place === p, need: shareAtLeast(rules.envelope, rules.placeMinimumBasisPoints) });
  if (rules.crossPlace) minimums.push({ member: (c) => c.place === null, need: shareAtLeast(rules.envelope, rules.crossPlace.minBasisPoints) });
  const maximum = model.rows.map((r) => model.groups[r.group]!.kind !== "minimum");
  const usable = (i: number) => !candidates[i]!.excluded && candidates[i]!.lock !== "out";
  const order = candidates.map((_c, i) => i);
  const funded = candidates.map(() => 0);
  let infeasible = 0;
  for (let d = 0; d < options.draws; d++) {
    const weights = weightPoints.map((p) => p * (1 + options.spread * (2 * random() - 1)));
    const total = weights.reduce((a, w) => a + w, 0);
    const score = normalised.map((row) => row.reduce((s, x, c) => s + weights[c]! * x, 0) / total);
    order.sort((a, b) => score[b]! - score[a]! || candidates[a]!.cost - candidates[b]!.cost || a - b);
    const chosen = candidates.map(() => false);
    const used = model.rows.map(() => 0);
    const take = (i: number) => {
      chosen[i] = true;
      model.rows.forEach((r, j) => (used[j]! += r.coefficients[i]!));
    };
    const fits = (i: number) => model.rows.every((r, j) => !maximum[j] || r.coefficients[i] === 0 || used[j]! + r.coefficients[i]! <= r.bound);
    candidates.forEach((c, i) => c.lock === "in" && !c.excluded && take(i));
    for (const m of minimums) {
      let got = candidates.reduce((a, c, i) => (chosen[i] && m.member(c) ? a + c.cost : a), 0);
      for (const i of order) {
        if (got >= m.need) break;
        if (!chosen[i] && usable(i) && m.member(candidates[i]!) && fits(i)) {
          take(i);
          got += candidates[i]!.cost;
        }
      }
    }
    for (const i of order) if (!chosen[i] && usable(i) && fits(i)) take(i);
    if (feasible(model, chosen)) chosen.forEach((f, i) => f && funded[i]!++);
    else infeasible++;
  }
  return { draws: options.draws, funded, infeasible, unproven: 0 };
}

describe("scoring", () => {
  it("computes weighted scores exactly: decimal scores and weights give exact results, not binary fractions", () => {
    // (0.1 + 0.2 + 0.3) / 3 of a 0–5 scale is 4 exactly; the same sum in doubles is 4.000000000000001.
    expect(weightedScore([0.1, 0.2, 0.3], [1, 1, 1], settings.scale)).toBe(4);
    // Weights 0.1, 0.2, 0.7 add up to 1 exactly as decimals (1.0000000000000002 in doubles): criterion 1 alone is 10.
    expect(weightedScore([5, 0, 0], [0.1, 0.2, 0.7], settings.scale)).toBe(10);
    // A cell holding =0.1+0.2 (0.30000000000000004) is read as Excel shows it, at 15 significant digits: 0.3.
    expect(weightedScore([0.1 + 0.2, 0.3, 0.3], [1, 1, 1], settings.scale)).toBe(6);
    expect(weightedScore([5, 5, 5, 5, 5], weights, settings.scale)).toBe(100);
    expect(weightedScore([0, 0, 0, 0, 0], weights, settings.scale)).toBe(0);
    expect(weightedScore([5, 0, 0, 0, 0], weights, settings.scale)).toBe(30);
    // 30×4 + 25×2 + 20×5 + 15×3 + 10×1 = 325 of a possible 500.
    expect(weightedScore([4, 2, 5, 3, 1], [30, 25, 20, 15, 10], settings.scale)).toBe(65);
  });

  it("gives every scheme exact points on one scale, so comparisons never meet rounding", () => {
    // Weights 3 and 1: points 3×5+5 = 20, 0, 15, 3+4 = 7, over a denominator of 4 × 5.
    const exact = exactScores([[5, 5], [0, 0], [5, 0], [1, 4]], [3, 1], settings.scale);
    expect(exact.points).toEqual([20n, 0n, 15n, 7n]);
    expect(exact.points.map(exact.score)).toEqual([100, 0, 75, 35]);
    // Hundredths anywhere put every scheme on a scale of hundredths: 250 + 125 of 2 × 5 × 100.
    const decimals = exactScores([[2.5, 1.25], [5, 5]], [1, 1], settings.scale);
    expect(decimals.points).toEqual([375n, 1000n]);
    expect(decimals.points.map(decimals.score)).toEqual([37.5, 100]);
    // Scores as given (e.g. from ICS.SCHEMESCORE): 100×1.15 is 114.99999999999999 in doubles, 115 to Excel's 15 digits.
    expect(exactPoints([1.5, 70, 100 * 1.15])).toEqual([15n, 700n, 1150n]);
    expect(exactPoints([0.1 + 0.2, 0.3])).toEqual([3n, 3n]);
  });

  it("explains a score criterion by criterion, the parts adding up to the score", () => {
    const parts = scoreParts(settings, [4, 2, 5, 3, 1], weights);
    expect(parts.map((p) => [p.criterion, Math.round(p.points * 10) / 10])).toEqual([
      ["Safety and backlog risk", 24],
      ["Clinical need and health inequalities", 10],
      ["Financial improvement", 20],
      ["Strategic fit", 9],
      ["Deliverability", 2],
    ]);
    expect(parts.reduce((a, p) => a + p.points, 0)).toBeCloseTo(65, 12);
  });

  it("refuses weights all zero or negative, scores off the scale and the wrong number of scores", () => {
    expect(() => normaliseWeights([0, 0])).toThrow("the weights are all zero");
    expect(() => normaliseWeights([1, -1])).toThrow("weight 2 must be 0 or more, not -1");
    expect(() => weightedScore([1, 2], [0, 0], settings.scale)).toThrow("the weights are all zero");
    expect(() => exactScores([[1, 2]], [2, -0.5], settings.scale)).toThrow("weight 2 must be 0 or more, not -0.5");
    expect(() => checkScores([1, 2, 6, 1, 1], 5, settings.scale, "Scheme A")).toThrow("Scheme A, criterion 3: 6 is outside the scale 0–5");
    expect(() => checkScores([1, -0.5, 1, 1, 1], 5, settings.scale, "Scheme A")).toThrow("Scheme A, criterion 2: -0.5 is outside the scale 0–5");
    expect(() => checkScores([1, 2], 5, settings.scale, "Scheme A")).toThrow("Scheme A: 2 scores for 5 criteria");
    expect(() => checkScores([1, "high", 1, 1, 1], 5, settings.scale, "Scheme A")).toThrow('Scheme A, criterion 2: "high" is not a score');
    expect(checkScores([0, 5, 2.5, 1, 4], 5, settings.scale, "Scheme A")).toEqual([0, 5, 2.5, 1, 4]);
  });
});

describe("the gates (MoU 9.11, Annex 1)", () => {
  const outsideFramework = outsideCapitalFramework(rulebook);
  const open = { restricted: new Map<string, string>(), outsideFramework };

  it("reads from Annex 1 who is outside the capital element: councils, Healthwatch, other partners and the trusts that span systems", () => {
    // Annex 1 ticks the capital element for NHS providers, commissioners and regulators; EEAST, EPUT, NELFT and Provide opt out.
    expect([...outsideFramework].sort()).toEqual(["BDC", "CHC", "CVSN", "EAHSN", "ECC", "EEAST", "EPUT", "HWE", "HWS", "HWT", "LMC", "MDC", "NELFT", "PROVIDE", "SBC", "THC", "UCLP"]);
  });

  it("excludes a scheme of an organisation outside the capital element, with the clause", () => {
    expect(gate(settings, scheme({ organisation: "PROVIDE" }), open)).toEqual({ reason: "PROVIDE is outside the NHS capital framework", clause: "MoU Annex 1" });
    expect(gate(settings, scheme({ organisation: "ECC" }), open)).toEqual({ reason: "ECC is outside the NHS capital framework", clause: "MoU Annex 1" });
    expect(gate(settings, scheme({ organisation: "MSEFT" }), open)).toBeNull();
    expect(gate(settings, scheme({ organisation: "ICB-ME" }), open)).toBeNull();
    // Without the Annex 1 set (e.g. a caller that has none) the gate does not guess.
    expect(gate(settings, scheme({ organisation: "PROVIDE" }), { restricted: new Map() })).toBeNull();
  });

  it("asks a major scheme (£5m or more, to the penny) to show its revenue effect", () => {
    const major = (over: Partial<Scheme>) => scheme({ category: "major-scheme", cost: 5_000_000_00, ...over });
    expect(gate(settings, major({ cost: 5_000_000_00 - 1 }), open)).toBeNull();
    expect(gate(settings, major({}), open)).toEqual({ reason: "a major scheme (£5,000,000.00 or more) must show its revenue effect", clause: "illustrative: agree locally, MoU 9.11" });
    // By cost, whatever the category.
    expect(gate(settings, major({ category: "backlog-maintenance" }), open)?.reason).toBe("a major scheme (£5,000,000.00 or more) must show its revenue effect");
  });

  it("needs an affordability case only for a major scheme that worsens the financial position", () => {
    const major = (over: Partial<Scheme>) => scheme({ category: "major-scheme", cost: 5_000_000_00, ...over });
    expect(gate(settings, major({ revenueEffect: 250_000 }), open)).toEqual({
      reason: "a major scheme (£5,000,000.00 or more) that worsens the financial position by £250,000.00 a year, without an affordability case",
      clause: "illustrative: agree locally, MoU 9.11",
    });
    expect(gate(settings, major({ revenueEffect: 0.01 }), open)?.reason).toMatch(/worsens the financial position by £0.01 a year/);
    expect(gate(settings, major({ revenueEffect: 250_000, affordabilityCase: true }), open)).toBeNull();
    // A saving, or no effect, does not worsen the position: no case needed.
    expect(gate(settings, major({ revenueEffect: -100_000 }), open)).toBeNull();
    expect(gate(settings, major({ revenueEffect: 0 }), open)).toBeNull();
    // A penny below the threshold it is not a major scheme, whatever its revenue effect.
    expect(gate(settings, major({ cost: 5_000_000_00 - 1, revenueEffect: 250_000 }), open)).toBeNull();
  });

  it("restricts an organisation under recovery measures from discretionary capital only", () => {
    const restricted = { restricted: new Map([["MSEFT", "Organisational improvement plan"]]), outsideFramework };
    expect(gate(settings, scheme({ category: "digital" }), restricted)).toEqual({
      reason: "MSEFT is under recovery measures (Organisational improvement plan): discretionary capital restricted",
      clause: "MoU 7.7–7.8, 9.11",
    });
    expect(gate(settings, scheme({ category: "other" }), restricted)?.clause).toBe("MoU 7.7–7.8, 9.11");
    expect(gate(settings, scheme({ category: "backlog-maintenance" }), restricted)).toBeNull();
    expect(gate(settings, scheme({ category: "equipment-replacement" }), restricted)).toBeNull();
    expect(gate(settings, scheme({ category: "digital", organisation: "ICB-ME" }), restricted)).toBeNull();
  });

  it("refuses a category the rulebook does not have", () => {
    expect(() => gate(settings, scheme({ name: "Pods", category: "pods" }), open)).toThrow('Pods: "pods" is not a capital category');
  });
});

describe("the portfolio: four objectives", () => {
  it("total-score funds many small schemes where score-weighted spend and the ranked list fund the top-scoring scanner", () => {
    // £9m: one scanner scoring 90, or nine £1m schemes scoring 30 each.
    const list = [candidate("Scanner", 9 * M, 90), ...Array.from({ length: 9 }, (_v, i) => candidate(`Small ${i + 1}`, 1 * M, 30))];
    const rules = envelopeOnly(9 * M);
    const small = list.map((c) => c.name !== "Scanner");
    const scanner = list.map((c) => c.name === "Scanner");
    const expected: Record<ObjectiveId, boolean[]> = {
      // 9 × 30 = 270 against 90.
      "total-score": small,
      // 90 × £9m against 9 × 30 × £1m: three times as much.
      "score-weighted-spend": scanner,
      // The scanner heads the list and takes the whole envelope.
      ranked: scanner,
      // 30 a £1m against 10 a £1m.
      "value-for-money": small,
    };
    for (const objective of OBJECTIVES) {
      const best = optimise(solver, list, rules, objective);
      expect(best.status === "optimal" && best.funded, objective).toEqual(expected[objective]);
    }
  });

  // £10m, no other constraint. Score a £1m: Scanner 11.25, Ward 17, Clinic 16, Lift 20, Boiler 16.7, Signs 20.
  const four = [
    candidate("Scanner", 8 * M, 90),
    candidate("Ward", 5 * M, 85),
    candidate("Clinic", 5 * M, 80),
    candidate("Lift", 2 * M, 40),
    candidate("Boiler", 3 * M, 50),
    candidate("Signs", 1 * M, 20),
  ];

  it.each([
    // The most score within £10m: 85 + 50 + 40 (every other full set scores less, e.g. Ward + Clinic 165, Scanner + Lift 130).
    ["total-score", ["Ward", "Lift", "Boiler"], 175n, 175, 10 * M, "exact search"],
    // Σ score × cost in £k: Ward + Clinic 85×5,000 + 80×5,000 = 825,000, above Scanner + Lift 90×8,000 + 40×2,000 = 800,000.
    ["score-weighted-spend", ["Ward", "Clinic"], 825_000n, 165, 10 * M, "exact search"],
    // Down the list: Scanner (£8m), then nothing fits until Lift (£2m).
    ["ranked", ["Scanner", "Lift"], 130n, 130, 10 * M, "exact order"],
    // Down the list by score a £: Lift, Signs (a tie, row order), Ward; Boiler would make £11m; £2m left unspent.
    ["value-for-money", ["Ward", "Lift", "Signs"], 145n, 145, 8 * M, "exact order"],
  ] as const)("%s funds %j", (objective, funded, value, totalScore, totalCost, proof) => {
    const best = optimise(solver, four, envelopeOnly(10 * M), objective);
    expect(best.status).toBe("optimal");
    if (best.status !== "optimal") return;
    expect(best.objective).toBe(objective);
    expect(names(four, best.funded)).toEqual(funded);
    expect(best.value).toBe(value);
    expect(best.totalScore).toBe(totalScore);
    expect(best.totalCost).toBe(totalCost);
    expect(best.costByYear).toEqual([totalCost]);
    expect(best.proof).toBe(proof);
    expect(best.checks).toEqual([{ constraint: "The envelope of £10,000,000.00", met: true, detail: `${totalCost === 10 * M ? "£10,000,000.00" : "£8,000,000.00"} of £10,000,000.00` }]);
    expect(best.funded).toEqual(bruteForce(four, envelopeOnly(10 * M), objective));
  });

  it("funds down the ranked list within the constraints, passing over a scheme that would leave a Place short", () => {
    // Roof then EPR would spend all £10m and leave Thurrock below its 8% (£800,000); Ward still leaves room for Clinic.
    const list = [candidate("Roof", 6 * M, 90), candidate("EPR", 4 * M, 70), candidate("Clinic", 1 * M, 20, { place: "thurrock" }), candidate("Ward", 3 * M, 35)];
    const rules = envelopeOnly(10 * M, { placeMinimumBasisPoints: 800, places: ["mid-essex", "thurrock"], placeNames: { "mid-essex": "Mid Essex", thurrock: "Thurrock" } });
    expect(meetsAll(list, [true, true, false, false], rules)).toBe(false);
    const ranked = optimise(solver, list, rules, "ranked");
    expect(ranked.status === "optimal" && names(list, ranked.funded)).toEqual(["Roof", "Clinic", "Ward"]);
    expect(ranked.status === "optimal" && ranked.checks.every((c) => c.met)).toBe(true);
    // By score a £ (Clinic 20, EPR 17.5, Roof 15, Ward 11.7): Roof would make £11m.
    const perPound = optimise(solver, list, rules, "value-for-money");
    expect(perPound.status === "optimal" && names(list, perPound.funded)).toEqual(["EPR", "Clinic", "Ward"]);
    for (const objective of OBJECTIVES) {
      const best = optimise(solver, list, rules, objective);
      expect(best.status === "optimal" && best.funded, objective).toEqual(bruteForce(list, rules, objective));
    }
  });
});

describe("the portfolio: ties, locks and plans over years", () => {
  it("breaks ties in rank by row order, never by name", () => {
    const list = [candidate("Zebra crossing", 1 * M, 50), candidate("Aardvark unit", 1 * M, 50), candidate("Middle", 1 * M, 70)];
    expect(rankOrder(list)).toEqual([2, 0, 1]);
    const swapped = [candidate("Aardvark unit", 1 * M, 50), candidate("Zebra crossing", 1 * M, 50), candidate("Middle", 1 * M, 70)];
    expect(rankOrder(swapped)).toEqual([2, 0, 1]);
    // Room for one of the two: the ranked list funds the earlier row, whichever name it has.
    for (const l of [list, swapped]) {
      const best = optimise(solver, l.slice(0, 2), envelopeOnly(1 * M), "ranked");
      expect(best.status === "optimal" && best.funded).toEqual([true, false]);
    }
    // The same score a £ (£2m scoring 40, £1m scoring 20): row order again.
    expect(fundingOrder([candidate("B", 2 * M, 40), candidate("A", 1 * M, 20), candidate("C", 1 * M, 30)], "value-for-money")).toEqual([2, 0, 1]);
    // Exact points decide, not the doubles: 100 × 1.15 and 115 are the same score to Excel.
    const points = exactPoints([100 * 1.15, 115]);
    const close = [candidate("Formula", 1 * M, 100 * 1.15, { points: points[0]! }), candidate("Typed", 1 * M, 115, { points: points[1]! })];
    expect(rankOrder(close)).toEqual([0, 1]);
    expect(rankOrder([close[1]!, close[0]!])).toEqual([0, 1]);
  });

  it("holds locks: a scheme locked in is funded, one locked out or not eligible is not", () => {
    const list = [
      candidate("Theatre roof", 6 * M, 90, { protectedShare: true, lock: "out" }),
      candidate("EPR", 4 * M, 70, { place: null }),
      candidate("Ward", 3 * M, 35, { place: null, lock: "in" }),
      candidate("Clinic", 1 * M, 20, { place: "thurrock" }),
      candidate("Boiler", 3 * M, 80, { protectedShare: true, excluded: true }),
      candidate("Lift", 3 * M, 10, { protectedShare: true }),
    ];
    // Lift carries the backlog share (£2.75m of £11m); Clinic, Thurrock's minimum; EPR would take cross-Place past 50%
    // (£5.5m) beside the locked-in Ward. So every objective funds the same.
    const rules = mouRules(11 * M);
    for (const objective of OBJECTIVES) {
      const best = optimise(solver, list, rules, objective);
      expect(best.status === "optimal" && names(list, best.funded), objective).toEqual(["Ward", "Clinic", "Lift"]);
      if (best.status === "optimal") {
        // A list says what funding it at its turn would break; an objective that maximises also says nothing can make way.
        const listed = objective === "ranked" || objective === "value-for-money";
        expect(notFundedReasons(list, rules, best)).toEqual([
          "locked out",
          listed
            ? "funding it would break cross-Place at most 50% (£5,500,000.00)"
            : "funding it would break cross-Place at most 50% (£5,500,000.00), and no funded scheme can make way without breaking a minimum or a lock",
          "locked in",
          "",
          "not eligible",
          "",
        ]);
      }
    }
    // A set that breaks the locks says so in its checks.
    const broken = checkPortfolio(list, [true, false, false, true, true, true], rules).filter((c) => !c.met);
    expect(broken.filter((c) => / locked | not eligible/.test(c.constraint))).toEqual([
      { constraint: "Theatre roof locked out", met: false, detail: "funded" },
      { constraint: "Ward locked in", met: false, detail: "not funded" },
      { constraint: "Boiler not eligible", met: false, detail: "funded" },
    ]);
  });

  // Two years of £5m. Theatre spends £6m in its second year, more than that year's envelope.
  const plan = [
    candidate("Wards", 4 * M, 60, { profile: [3 * M, 1 * M] }),
    candidate("Theatre", 6 * M, 90, { profile: [0, 6 * M] }),
    candidate("Scanner", 3 * M, 50, { profile: [2 * M, 1 * M] }),
  ];
  const years = [
    { label: "2026/27", envelope: 5 * M },
    { label: "2027/28", envelope: 5 * M },
  ];

  // Score a £1m: Wards 15, Theatre 15, Scanner 16.7; so by value for money Scanner leads, then Wards (row order), then Theatre.
  it("keeps each year within its own envelope where nothing is carried forward", () => {
    const rules = envelopeOnly(10 * M, { years, carryForward: false });
    for (const objective of OBJECTIVES) {
      const best = optimise(solver, plan, rules, objective);
      expect(best.status).toBe("optimal");
      if (best.status !== "optimal") continue;
      // Wards and Scanner fill 2026/27 exactly; Theatre never fits 2027/28, whatever else is funded.
      expect(names(plan, best.funded), objective).toEqual(["Wards", "Scanner"]);
      expect(best.costByYear).toEqual([5 * M, 2 * M]);
      expect(best.checks).toEqual([
        { constraint: "2026/27 within its envelope of £5,000,000.00", met: true, detail: "£5,000,000.00 of £5,000,000.00" },
        { constraint: "2027/28 within its envelope of £5,000,000.00", met: true, detail: "£2,000,000.00 of £5,000,000.00" },
      ]);
      // Theatre heads the ranked list (nothing ahead of it); by value for money Scanner and Wards come first, £1m each in 2027/28.
      const left = objective === "value-for-money" ? "£3,000,000.00" : "£5,000,000.00";
      expect(notFundedReasons(plan, rules, best)[1]).toBe(`does not fit: ${left} left after higher-priority schemes (2027/28 within its envelope of £5,000,000.00)`);
    }
  });

  it("lets an unspent year's envelope pay for a later year where carry-forward is allowed", () => {
    const rules = envelopeOnly(10 * M, { years, carryForward: true });
    // Wards and Theatre: £3m by the end of 2026/27, £10m by the end of 2027/28: 150, or 60×4,000 + 90×6,000 in score × £k,
    // above Theatre and Scanner (140; 690,000) and Wards and Scanner (110; 390,000). Value for money funds Scanner and
    // Wards first (£5m, then £7m), and Theatre's £6m would take the plan to £13m.
    const expected: Record<ObjectiveId, [string[], number[]]> = {
      "total-score": [["Wards", "Theatre"], [3 * M, 7 * M]],
      "score-weighted-spend": [["Wards", "Theatre"], [3 * M, 7 * M]],
      ranked: [["Wards", "Theatre"], [3 * M, 7 * M]],
      "value-for-money": [["Wards", "Scanner"], [5 * M, 2 * M]],
    };
    for (const objective of OBJECTIVES) {
      const best = optimise(solver, plan, rules, objective);
      expect(best.status).toBe("optimal");
      if (best.status !== "optimal") continue;
      expect([names(plan, best.funded), best.costByYear], objective).toEqual(expected[objective]);
      expect(best.funded).toEqual(bruteForce(plan, rules, objective));
    }
    const best = optimise(solver, plan, rules, "total-score");
    expect(best.status === "optimal" && best.checks.map((c) => [c.constraint, c.detail])).toEqual([
      ["Spend to the end of 2026/27 within £5,000,000.00 (unspent envelope carried forward)", "£3,000,000.00 of £5,000,000.00"],
      ["Spend to the end of 2027/28 within £10,000,000.00 (unspent envelope carried forward)", "£10,000,000.00 of £10,000,000.00"],
    ]);
  });

  it("refuses a profile that does not add up to the cost, or years that do not add up to the envelope", () => {
    const rules = envelopeOnly(10 * M, { years });
    expect(() => optimise(solver, [candidate("Wards", 4 * M, 60, { profile: [3 * M, 2 * M] })], rules)).toThrow("Wards: the profile by year adds up to £5,000,000.00, not its cost of £4,000,000.00");
    expect(() => optimise(solver, [candidate("Wards", 4 * M, 60, { profile: [4 * M] })], rules)).toThrow("Wards: a cost profile of 1 years for a plan of 2");
    expect(() => optimise(solver, plan, envelopeOnly(9 * M, { years }))).toThrow("the years' envelopes do not add up to the plan's envelope");
    expect(() => optimise(solver, [candidate("Half", 150.5, 1)], envelopeOnly(M))).toThrow("Half's cost must be a whole number of pence");
  });
});

describe("the portfolio: when no portfolio meets the constraints", () => {
  it("names one constraint alone where it cannot be met, with its figures", () => {
    const result = optimise(solver, [candidate("Roof", 1 * M, 50, { protectedShare: true })], envelopeOnly(10 * M, { protectedShareBasisPoints: 2_500 }));
    expect(result).toMatchObject({
      status: "infeasible",
      reasons: ["Backlog and equipment at least 25% (£2,500,000.00) cannot be met: the schemes that may be funded for it total £1,000,000.00"],
    });
  });

  it("names a pair that conflicts only together, and not either alone", () => {
    // The only backlog scheme meets the 25% alone, and funding nothing meets the envelope alone; not both.
    const rules = envelopeOnly(10 * M, { protectedShareBasisPoints: 2_500 });
    const result = optimise(solver, [candidate("Roof", 11 * M, 50, { protectedShare: true }), candidate("Lift", 1 * M, 50)], rules);
    expect(result).toMatchObject({
      status: "infeasible",
      reasons: ["These cannot be met together: within the envelope of £10,000,000.00; backlog and equipment at least 25% (£2,500,000.00), for which the schemes that may be funded total £11,000,000.00"],
    });
    // A scheme locked in above the envelope: the envelope and the lock together.
    expect(optimise(solver, [candidate("EPR", 20 * M, 50, { lock: "in" })], envelopeOnly(10 * M))).toMatchObject({
      status: "infeasible",
      reasons: ["These cannot be met together: within the envelope of £10,000,000.00; the schemes locked in (EPR £20,000,000.00)"],
    });
  });

  it("names every smallest conflicting set: here two triples, each needing the envelope and the cross-Place minimum", () => {
    // Roof is the only backlog and the only Mid Essex scheme, EPR the only cross-Place one: £11m together, in £10m.
    const list = [candidate("Roof", 6 * M, 50, { protectedShare: true }), candidate("EPR", 5 * M, 70, { place: null }), candidate("Clinic", 1 * M, 20, { place: "thurrock" })];
    expect(optimise(solver, list, mouRules(10 * M))).toMatchObject({
      status: "infeasible",
      reasons: [
        "These cannot be met together: within the envelope of £10,000,000.00; backlog and equipment at least 25% (£2,500,000.00), for which the schemes that may be funded total £6,000,000.00; cross-Place at least 20% (£2,000,000.00), for which the schemes that may be funded total £5,000,000.00",
        "These cannot be met together: within the envelope of £10,000,000.00; Mid Essex at least 8% (£800,000.00), for which the schemes that may be funded total £6,000,000.00; cross-Place at least 20% (£2,000,000.00), for which the schemes that may be funded total £5,000,000.00",
      ],
    });
    // The smallest sets only: with two constraints unmeetable alone, the pair (cross-Place maximum, the lock) is not named.
    const alone = optimise(solver, [candidate("Roof", 1 * M, 50, { protectedShare: true }), candidate("EPR", 8 * M, 70, { place: null, lock: "in" })], mouRules(10 * M));
    expect(alone).toMatchObject({
      status: "infeasible",
      reasons: [
        "Backlog and equipment at least 25% (£2,500,000.00) cannot be met: the schemes that may be funded for it total £1,000,000.00",
        "Thurrock at least 8% (£800,000.00) cannot be met: the schemes that may be funded for it total £0.00",
      ],
    });
  });

  it("is never infeasible when a portfolio exists, however tight, and funding nothing is a portfolio", () => {
    // Roof is the only backlog scheme, Clinic the only Thurrock one; cross-Place £2m–£5m allows EPR or Scanner, not both.
    const list = [
      candidate("Roof", 3 * M, 10, { protectedShare: true }),
      candidate("EPR", 5 * M, 90, { place: null }),
      candidate("Clinic", 1 * M, 5, { place: "thurrock" }),
      candidate("Scanner", 4 * M, 95, { place: null }),
      candidate("Ward", 2 * M, 80),
    ];
    const rules = mouRules(10 * M);
    // Three portfolios meet everything: Roof, Clinic and EPR; Roof, Clinic and Scanner; and those with Ward (£10m). The
    // last is best by every objective: 190 against 105; 575 against 485 (£m × score); and down either list Scanner
    // (95, or 23.75 a £1m) comes before EPR (90, or 18) and shuts it out, while Ward (80, or 40) still fits.
    const expected = ["Roof", "Clinic", "Scanner", "Ward"];
    for (const objective of OBJECTIVES) {
      const best = optimise(solver, list, rules, objective);
      expect(best.status === "optimal" && names(list, best.funded), objective).toEqual(expected);
      expect(best.status === "optimal" && best.funded).toEqual(bruteForce(list, rules, objective));
    }
    // Every scheme too dear: the empty portfolio meets the envelope, and is the answer.
    const none = optimise(solver, [candidate("Hospital", 20 * M, 99), candidate("Wing", 15 * M, 80)], envelopeOnly(10 * M), "total-score");
    expect(none).toMatchObject({ status: "optimal", funded: [false, false], totalCost: 0, value: 0n });
  });

  it("rounds the shares so a minimum is never short and a maximum never exceeded", () => {
    // 8% of £10,000.01 is £800.0008: at least £800.01; 50% of £10,000.01 is £5,000.005: at most £5,000.00.
    expect(shareAtLeast(1_000_001, 800)).toBe(80_001);
    expect(shareAtMost(1_000_001, 5_000)).toBe(500_000);
    expect(shareAtLeast(1_000_000, 800)).toBe(80_000);
  });
});

describe("the assessment and its reasons", () => {
  // The MoU's shares set to nothing, so the reasons show the envelope and the objective at work.
  const open = { ...settings, constraints: { ...settings.constraints, protectedShareBasisPoints: 0, placeMinimumBasisPoints: 0, crossPlace: { minBasisPoints: 0, maxBasisPoints: 10_000 } } };
  // Equal criterion scores s make a weighted score of 20s.
  const even = (s: number) => [s, s, s, s, s];
  const schemes: Scheme[] = [
    scheme({ name: "Scanner", category: "equipment-replacement", cost: 6 * M, revenueEffect: -50_000, scores: even(5) }),
    scheme({ name: "Provide hub", organisation: "PROVIDE", category: "other", cost: 1 * M, scores: even(5) }),
    scheme({ name: "Theatre", category: "major-scheme", cost: 5 * M, revenueEffect: 100_000, affordabilityCase: true, scores: even(4) }),
    scheme({ name: "Ward", category: "other", cost: 3 * M, scores: even(3.5) }),
    scheme({ name: "Lift", cost: 2 * M, scores: even(3) }),
    scheme({ name: "Boiler", cost: 2 * M, scores: even(3) }),
    scheme({ name: "Signs", category: "other", cost: 1 * M, scores: even(2) }),
    scheme({ name: "App", organisation: "ICB-ME", category: "digital", cost: 1 * M, scores: even(2.5) }),
  ];
  const options = {
    weightPoints: [30, 25, 20, 15, 10],
    envelope: 10 * M,
    restricted: new Map([["ICB-ME", "Financial recovery plan"]]),
    outsideFramework: outsideCapitalFramework(rulebook),
    locks: new Map([["Signs", "out" as const]]),
    places: ["mid-essex"],
  };
  const annex = "PROVIDE is outside the NHS capital framework (MoU Annex 1)";
  const recovery = "ICB-ME is under recovery measures (Financial recovery plan): discretionary capital restricted (MoU 7.7–7.8, 9.11)";

  it("scores, ranks (ties by row order) and gives a reason for every scheme not funded, under the rulebook's objective", () => {
    const a = assess(open, schemes, options, solver);
    expect(a.objective).toBe("score-weighted-spend");
    expect(a.assessed.map((s) => [s.scheme.name, s.score, s.rank])).toEqual([
      ["Scanner", 100, 1],
      ["Provide hub", 100, 2],
      ["Theatre", 80, 3],
      ["Ward", 70, 4],
      ["Lift", 60, 5],
      ["Boiler", 60, 6],
      ["Signs", 40, 8],
      ["App", 50, 7],
    ]);
    // Score-weighted spend (£m × score): Scanner + Lift + Boiler 600 + 120 + 120 = 840, above Scanner + Ward 810.
    expect(a.optimum.status === "optimal" && names(a.candidates, a.optimum.funded)).toEqual(["Scanner", "Lift", "Boiler"]);
    expect(a.assessed.map((s) => [s.scheme.name, s.reason])).toEqual([
      ["Scanner", ""],
      ["Provide hub", annex],
      // £6m of £10m gone on Scanner, ahead of it.
      ["Theatre", "does not fit: £4,000,000.00 left after higher-priority schemes"],
      // Ward fits after Scanner but only in place of Lift and Boiler: 240 against its 210.
      ["Ward", "funding it would displace Lift and Boiler, which together add more score-weighted spend"],
      ["Lift", ""],
      ["Boiler", ""],
      ["Signs", "locked out"],
      ["App", recovery],
    ]);
    expect(a.assessed.map((s) => s.exclusion?.clause ?? null)).toEqual([null, "MoU Annex 1", null, null, null, null, null, "MoU 7.7–7.8, 9.11"]);
    expect(a.assessed.find((s) => s.scheme.name === "Signs")!.lock).toBe("out");
    // Funding down the ranked list, beside it: Scanner, then Ward; what the optimiser changed is Ward for Lift and Boiler.
    expect(a.ranked.status === "optimal" && names(a.candidates, a.ranked.funded)).toEqual(["Scanner", "Ward"]);
    if (a.optimum.status === "optimal" && a.ranked.status === "optimal") {
      // Score-weighted spend counts each cost in £k (these are whole £m).
      const spend = (funded: boolean[]) => a.candidates.reduce((s, c, i) => (funded[i] ? s + c.points * BigInt(c.cost / 100_000) : s), 0n);
      expect(a.optimum.value).toBe(spend(a.optimum.funded));
      expect(a.optimum.value).toBeGreaterThan(spend(a.ranked.funded));
    }
  });

  it("says the displaced schemes score more under total-score, and what is left under the ranked list", () => {
    const total = assess(open, schemes, { ...options, objective: "total-score" }, solver);
    // 100 + 60 + 60 = 220: the same portfolio. Ward (70) could come in for Scanner (100) or for Lift and Boiler (120): the
    // reason names the least there is to give up, which is still more than Ward brings.
    expect(total.optimum.status === "optimal" && names(total.candidates, total.optimum.funded)).toEqual(["Scanner", "Lift", "Boiler"]);
    expect(total.assessed[3]!.reason).toBe("funding it would displace Scanner, which scores more");
    const ranked = assess(open, schemes, { ...options, objective: "ranked" }, solver);
    expect(ranked.optimum).toBe(ranked.ranked);
    expect(ranked.assessed.map((s) => s.reason)).toEqual(["", annex, "does not fit: £4,000,000.00 left after higher-priority schemes", "", "does not fit: £1,000,000.00 left after higher-priority schemes", "does not fit: £1,000,000.00 left after higher-priority schemes", "locked out", recovery]);
  });

  it("keeps a scheme locked in, and says so", () => {
    const locked = assess(open, schemes, { ...options, locks: new Map([["Signs", "out" as const], ["Ward", "in" as const]]) }, solver);
    // With Ward's £3m fixed, Scanner + Ward (810) beats Theatre + Ward + Lift (730).
    expect(locked.optimum.status === "optimal" && names(locked.candidates, locked.optimum.funded)).toEqual(["Scanner", "Ward"]);
    expect(locked.assessed.map((s) => s.reason).slice(3, 6)).toEqual(["locked in", "does not fit: £1,000,000.00 left after higher-priority schemes", "does not fit: £1,000,000.00 left after higher-priority schemes"]);
  });

  it("says when no portfolio meets the constraints, for every scheme that is neither excluded nor locked out", () => {
    const a = assess(settings, schemes, options, solver);
    expect(a.optimum.status).toBe("infeasible");
    expect(a.assessed.map((s) => s.reason)).toEqual([
      "no portfolio meets the constraints",
      annex,
      "no portfolio meets the constraints",
      "no portfolio meets the constraints",
      "no portfolio meets the constraints",
      "no portfolio meets the constraints",
      "locked out",
      recovery,
    ]);
  });

  it("refuses an envelope of £0 or less", () => {
    expect(() => assess(open, schemes, { ...options, envelope: 0 }, solver)).toThrow("the envelope must be more than £0");
  });

  it("takes the plan's envelope from the single figure, or from each year's where there are years, naming a year that is missing or wrong", () => {
    expect(parsePlanEnvelope("10,000,000.01", [], [])).toEqual({ ok: true, pence: 1_000_000_001 });
    const years = [
      { label: "2026/27", envelope: "6,000,000" },
      { label: "2027/28", envelope: "4000000.50" },
    ];
    expect(parsePlanEnvelope("1", ["2026/27", "2027/28"], years)).toEqual({
      ok: true,
      pence: 1_000_000_050,
      years: [
        { label: "2026/27", envelope: 6 * M },
        { label: "2027/28", envelope: 400_000_050 },
      ],
    });
    expect(parsePlanEnvelope("1", ["2026/27", "2027/28"], years.slice(0, 1))).toEqual({ ok: false, message: "Enter the envelope for 2027/28" });
    expect(parsePlanEnvelope("1", ["2026/27", "2027/28"], [years[0]!, { label: "2027/28", envelope: "lots" }])).toEqual({ ok: false, message: '"lots" is not an amount in pounds' });
  });
});

describe("sensitivity and the frontier", () => {
  // Costs £1m–£5m; the £5m schemes (S4, S9) are major schemes without a revenue effect, so excluded.
  const schemes: Scheme[] = Array.from({ length: 12 }, (_v, i) =>
    scheme({
      name: `S${i}`,
      place: ["mid-essex", "thurrock", null][i % 3]!,
      category: i % 4 === 0 ? "backlog-maintenance" : "other",
      cost: (1 + (i % 5)) * M,
      scores: [i % 6, (i * 2) % 6, (i * 3) % 6, 5 - (i % 6), (i * 5) % 6],
    }),
  );
  const options = { weightPoints: [30, 25, 20, 15, 10], envelope: 12 * M, restricted: new Map(), outsideFramework: new Set<string>(), locks: new Map(), places: ["mid-essex", "thurrock"] };

  it("counts each scheme's share of draws, exactly solved, and repeats exactly from its seed", async () => {
    const base = assess(settings, schemes, options, solver);
    expect(base.optimum.status).toBe("optimal");
    expect(base.candidates.filter((c) => c.excluded).map((c) => c.name)).toEqual(["S4", "S9"]);
    const progress: number[] = [];
    const run = await sensitivity(settings, base, options.weightPoints, solver, { draws: 60, spread: 0.2, seed: 7, progress: (d) => progress.push(d), slice: 20 });
    expect(progress).toEqual([20, 40, 60]);
    expect(run.draws).toBe(60);
    run.funded.forEach((f, i) => {
      expect(f).toBeLessThanOrEqual(60 - run.infeasible);
      if (base.candidates[i]!.excluded) expect(f).toBe(0);
    });
    expect(await sensitivity(settings, base, options.weightPoints, solver, { draws: 60, spread: 0.2, seed: 7 })).toEqual(run);
    // With no spread every draw is the base optimum.
    const still = await sensitivity(settings, base, options.weightPoints, solver, { draws: 5, spread: 0, seed: 1 });
    expect(still).toEqual({ draws: 5, infeasible: 0, unproven: 0, funded: base.optimum.status === "optimal" ? base.optimum.funded.map((f) => (f ? 5 : 0)) : [] });
    let stop = false;
    const stopped = await sensitivity(settings, base, options.weightPoints, solver, { draws: 100, spread: 0.2, seed: 1, slice: 10, progress: () => (stop = true), cancelled: () => stop });
    expect(stopped.draws).toBe(10);
  });

  it("funds, in the fast ranked draws, only sets that meet every constraint, and never an excluded scheme", () => {
    const base = assess(settings, schemes, options, solver);
    const run = rankedSensitivity(settings, base, options.weightPoints, { draws: 500, spread: 0.2, seed: 3 });
    expect(run.draws).toBe(500);
    expect(run.infeasible).toBeLessThan(500);
    run.funded.forEach((f, i) => {
      expect(f).toBeLessThanOrEqual(500 - run.infeasible);
      if (base.candidates[i]!.excluded) expect(f).toBe(0);
    });
    expect(rankedSensitivity(settings, base, options.weightPoints, { draws: 500, spread: 0.2, seed: 3 })).toEqual(run);
  });

  it("ranks and funds each fast draw exactly as a plain comparator sort does: exact ties, locks, exclusions, plans over years", () => {
    const weightPoints = settings.criteria.map((c) => c.weight);
    const noSet: number[] = [];
    for (let seed = 1; seed <= 16; seed++) {
      const base = randomPortfolio(seed, [500, 60, 200, 20][seed % 4]!, 1 + (seed % 3), seed % 8 !== 7);
      // Spread past 1 lets a weight go below 0: scores of either sign, and far apart where the weights nearly cancel.
      const draw = { draws: seed % 4 === 0 ? 60 : 150, spread: seed % 3 === 0 ? 1.5 : 0.2, seed };
      const plain = plainRankedSensitivity(base, weightPoints, draw);
      noSet.push(plain.infeasible / draw.draws);
      expect(rankedSensitivity(settings, base, weightPoints, draw), `portfolio ${seed}`).toEqual(plain);
    }
    // Most portfolios fund every draw, and some fund only some.
    expect(noSet.filter((share) => share === 0).length).toBeGreaterThan(12);
    expect(noSet.some((share) => share > 0 && share < 1)).toBe(true);
    // Weights that sum to nothing score every scheme not-a-number (0 / 0): the list is the cost-then-row order.
    const nothing = weightPoints.map(() => 0);
    const base = randomPortfolio(99, 80, 1, true);
    expect(rankedSensitivity(settings, base, nothing, { draws: 20, spread: 0.2, seed: 5 })).toEqual(plainRankedSensitivity(base, nothing, { draws: 20, spread: 0.2, seed: 5 }));
  });

  it("traces the frontier from a quarter to one and a half times the envelope, each point the proven optimum there", async () => {
    const base = assess(settings, schemes, options, solver);
    const progress: number[] = [];
    const points = await frontier(base, solver, { points: 5, progress: (d) => progress.push(d) });
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    expect(points.map((p) => p.envelope)).toEqual([3 * M, 6.75 * M, 10.5 * M, 14.25 * M, 18 * M]);
    // The only backlog schemes are S0 (£1m) and S8 (£4m, cross-Place): at £6.75m the 25% needs £1,687,500, so S8, but
    // cross-Place may have at most £3,375,000. No portfolio there; at £3m S0 alone is enough, at £10.5m S8 fits.
    expect(points.map((p) => p.totalScore === null)).toEqual([false, true, false, false, false]);
    for (const p of points) {
      const best = optimise(solver, base.candidates, { ...base.rules, envelope: p.envelope }, base.objective);
      expect(p.totalScore).toBe(best.status === "optimal" ? best.totalScore : null);
    }
    let stop = false;
    expect(await frontier(base, solver, { points: 5, progress: () => (stop = true), cancelled: () => stop })).toHaveLength(1);
  });

  it("scales each year's envelope alike on the frontier of a plan over years", async () => {
    const plan = schemes.map((s) => ({ ...s, profile: [s.cost / 2, s.cost / 2] }));
    const base = assess(settings, plan, { ...options, years: [{ label: "2026/27", envelope: 6 * M }, { label: "2027/28", envelope: 6 * M }] }, solver);
    const points = await frontier(base, solver, { points: 3 });
    expect(points.map((p) => p.envelope)).toEqual([3 * M, 10.5 * M, 18 * M]);
  });

  it("checks constraints the same way with words and without", () => {
    const list = [
      candidate("A", 3 * M, 10, { protectedShare: true }),
      candidate("B", 2 * M, 10, { place: "thurrock" }),
      candidate("C", 4 * M, 10, { place: null, lock: "in" }),
      candidate("D", 1 * M, 10, { place: null, lock: "out" }),
      candidate("E", 2 * M, 10, { excluded: true }),
      candidate("F", 1 * M, 10, { place: "thurrock", protectedShare: true }),
    ];
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), fc.integer({ min: 1, max: 30 }), (funded, envelope) => {
        const r = mouRules(envelope * M);
        expect(meetsAll(list, funded, r)).toBe(checkPortfolio(list, funded, r).every((c) => c.met));
      }),
      { numRuns: 2000, seed: 20_261_122 },
    );
  });
});
