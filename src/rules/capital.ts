// Capital prioritisation (MoU 9.11): weighted scores that explain themselves, the gates, and the portfolio: greedy as spreadsheets do it, and the optimum from a real MILP solver.
import type { CapitalSettings } from "./rulebook";

export class CapitalInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CapitalInputError";
  }
}

// ---------------------------------------------------------------- scoring

/** Weights as fractions summing to 1, from whole points (direct or swing weighting). */
export function normaliseWeights(points: readonly number[]): number[] {
  points.forEach((p, i) => {
    if (!Number.isFinite(p) || p < 0) throw new CapitalInputError(`weight ${i + 1} must be 0 or more, not ${String(p)}`);
  });
  const total = points.reduce((a, b) => a + b, 0);
  if (total === 0) throw new CapitalInputError("the weights are all zero");
  return points.map((p) => p / total);
}

/** A scheme's weighted score, 0–100: Σ weight × (score − min) / (max − min) × 100. */
export function weightedScore(scores: readonly number[], weights: readonly number[], scale: { min: number; max: number }): number {
  let total = 0;
  for (let c = 0; c < weights.length; c++) total += weights[c]! * ((scores[c]! - scale.min) / (scale.max - scale.min));
  return total * 100;
}

/** Checks one scheme's criterion scores against the stated scale, naming the row and criterion. */
export function checkScores(scores: readonly unknown[], count: number, scale: { min: number; max: number }, where: string): number[] {
  if (scores.length !== count) throw new CapitalInputError(`${where}: ${scores.length} scores for ${count} criteria`);
  return scores.map((s, c) => {
    if (typeof s !== "number" || !Number.isFinite(s)) throw new CapitalInputError(`${where}, criterion ${c + 1}: ${JSON.stringify(s ?? "")} is not a score`);
    if (s < scale.min || s > scale.max) throw new CapitalInputError(`${where}, criterion ${c + 1}: ${s} is outside the scale ${scale.min}–${scale.max}`);
    return s;
  });
}

export interface ScorePart {
  criterion: string;
  score: number;
  weight: number;
  /** Points this criterion adds to the 0–100 score. */
  points: number;
}

/** A score criterion by criterion, so every score can be explained. */
export function scoreParts(settings: CapitalSettings, scores: readonly number[], weights: readonly number[]): ScorePart[] {
  return settings.criteria.map((c, i) => ({
    criterion: c.label,
    score: scores[i]!,
    weight: weights[i]!,
    points: (weights[i]! * (scores[i]! - settings.scale.min) * 100) / (settings.scale.max - settings.scale.min),
  }));
}

// ---------------------------------------------------------------- the schemes and the gates

export interface Scheme {
  name: string;
  organisation: string;
  /** A Place id, or null for a cross-Place scheme. */
  place: string | null;
  /** A rulebook category id. */
  category: string;
  backlogRisk: string | null;
  /** Whole pence, a safe integer. */
  cost: number;
  /** £ a year; negative is a saving. */
  revenueEffect: number | null;
  affordabilityCase: boolean;
  scores: number[];
}

export type Lock = "in" | "out" | null;

export interface Exclusion {
  reason: string;
  clause: string;
}

/**
 * The gates, as the rulebook states them: a major scheme without an affordability case is not eligible; an
 * organisation under recovery measures that restrict discretionary capital cannot draw on discretionary categories.
 */
export function gate(settings: CapitalSettings, scheme: Scheme, restricted: ReadonlyMap<string, string>): Exclusion | null {
  const category = settings.categories.find((c) => c.id === scheme.category);
  if (!category) throw new CapitalInputError(`${scheme.name}: "${scheme.category}" is not a capital category`);
  if (scheme.cost >= settings.gates.majorSchemeAtLeastPounds * 100 && !scheme.affordabilityCase) {
    return {
      reason: `a major scheme (£${settings.gates.majorSchemeAtLeastPounds.toLocaleString("en-GB")} or more) without an affordability case`,
      clause: settings.gates.majorSchemeClause,
    };
  }
  const recovery = restricted.get(scheme.organisation);
  if (recovery && category.discretionary) {
    return { reason: `${scheme.organisation} is under recovery measures (${recovery}), so cannot draw discretionary capital`, clause: settings.gates.recoveryClause };
  }
  return null;
}

// ---------------------------------------------------------------- the portfolio

export interface Candidate {
  name: string;
  /** Whole pence. */
  cost: number;
  score: number;
  place: string | null;
  protectedShare: boolean;
  /** Not eligible: never funded. */
  excluded: boolean;
  lock: Lock;
}

export interface PortfolioRules {
  /** Whole pence. */
  envelope: number;
  protectedShareBasisPoints: number | null;
  placeMinimumBasisPoints: number | null;
  crossPlace: { minBasisPoints: number; maxBasisPoints: number } | null;
  /** The Places each must get its minimum (those with a scheme or not). */
  places: readonly string[];
  /** How to name a Place in a message; its id when not given. */
  placeNames?: Readonly<Record<string, string>>;
}

const placeName = (rules: PortfolioRules, place: string) => rules.placeNames?.[place] ?? place;

export function portfolioRules(settings: CapitalSettings, envelope: number, places: readonly string[]): PortfolioRules {
  return {
    envelope,
    protectedShareBasisPoints: settings.constraints.protectedShareBasisPoints,
    placeMinimumBasisPoints: settings.constraints.placeMinimumBasisPoints,
    crossPlace: settings.constraints.crossPlace,
    places,
  };
}

/** Whole pence at least `basisPoints` of the envelope: the requirement rounded up, so it is never short. */
const shareOf = (envelope: number, basisPoints: number) => Math.ceil((envelope * basisPoints) / 10_000);

export interface Check {
  constraint: string;
  met: boolean;
  detail: string;
}

const gbp = (pence: number) => `£${(pence / 100).toLocaleString("en-GB", { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;

/** Every constraint, checked exactly in whole pence for a chosen set. */
export function checkPortfolio(candidates: readonly Candidate[], funded: readonly boolean[], rules: PortfolioRules): Check[] {
  const sum = (pick: (c: Candidate) => boolean) => candidates.reduce((a, c, i) => (funded[i] && pick(c) ? a + c.cost : a), 0);
  const total = sum(() => true);
  const checks: Check[] = [{ constraint: "Within the envelope", met: total <= rules.envelope, detail: `${gbp(total)} of ${gbp(rules.envelope)}` }];
  if (rules.protectedShareBasisPoints !== null) {
    const need = shareOf(rules.envelope, rules.protectedShareBasisPoints);
    const got = sum((c) => c.protectedShare);
    checks.push({ constraint: `At least ${rules.protectedShareBasisPoints / 100}% to backlog and equipment`, met: got >= need, detail: `${gbp(got)} of ${gbp(need)} needed` });
  }
  if (rules.placeMinimumBasisPoints !== null) {
    const need = shareOf(rules.envelope, rules.placeMinimumBasisPoints);
    for (const place of rules.places) {
      const got = sum((c) => c.place === place);
      checks.push({ constraint: `${placeName(rules, place)}: at least ${rules.placeMinimumBasisPoints / 100}%`, met: got >= need, detail: `${gbp(got)} of ${gbp(need)} needed` });
    }
  }
  if (rules.crossPlace) {
    const low = shareOf(rules.envelope, rules.crossPlace.minBasisPoints);
    const high = Math.floor((rules.envelope * rules.crossPlace.maxBasisPoints) / 10_000);
    const got = sum((c) => c.place === null);
    checks.push({
      constraint: `Cross-Place ${rules.crossPlace.minBasisPoints / 100}–${rules.crossPlace.maxBasisPoints / 100}%`,
      met: got >= low && got <= high,
      detail: `${gbp(got)}, band ${gbp(low)}–${gbp(high)}`,
    });
  }
  candidates.forEach((c, i) => {
    if (c.lock === "in" && !c.excluded && !funded[i]) checks.push({ constraint: `${c.name} locked in`, met: false, detail: "not funded" });
    if ((c.lock === "out" || c.excluded) && funded[i]) checks.push({ constraint: `${c.name} ${c.excluded ? "not eligible" : "locked out"}`, met: false, detail: "funded" });
  });
  return checks;
}

/** Whether a chosen set meets every constraint, in whole pence: checkPortfolio's answer without the words. */
export function meetsAll(candidates: readonly Candidate[], funded: ArrayLike<boolean>, rules: PortfolioRules): boolean {
  let total = 0;
  let protectedCost = 0;
  let cross = 0;
  const perPlace = new Map<string, number>();
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    if (!funded[i]) {
      if (c.lock === "in" && !c.excluded) return false;
      continue;
    }
    if (c.excluded || c.lock === "out") return false;
    total += c.cost;
    if (c.protectedShare) protectedCost += c.cost;
    if (c.place === null) cross += c.cost;
    else perPlace.set(c.place, (perPlace.get(c.place) ?? 0) + c.cost);
  }
  if (total > rules.envelope) return false;
  if (rules.protectedShareBasisPoints !== null && protectedCost < shareOf(rules.envelope, rules.protectedShareBasisPoints)) return false;
  if (rules.placeMinimumBasisPoints !== null) {
    const need = shareOf(rules.envelope, rules.placeMinimumBasisPoints);
    if (rules.places.some((p) => (perPlace.get(p) ?? 0) < need)) return false;
  }
  if (rules.crossPlace && (cross < shareOf(rules.envelope, rules.crossPlace.minBasisPoints) || cross > Math.floor((rules.envelope * rules.crossPlace.maxBasisPoints) / 10_000))) return false;
  return true;
}

export interface Portfolio {
  funded: boolean[];
  totalScore: number;
  totalCost: number;
  checks: Check[];
}

function portfolioOf(candidates: readonly Candidate[], funded: boolean[], rules: PortfolioRules): Portfolio {
  return {
    funded,
    totalScore: candidates.reduce((a, c, i) => (funded[i] ? a + c.score : a), 0),
    totalCost: candidates.reduce((a, c, i) => (funded[i] ? a + c.cost : a), 0),
    checks: checkPortfolio(candidates, funded, rules),
  };
}

/** The order a ranked list shows: higher score first, then lower cost, then name. */
export function rankOrder(candidates: readonly Candidate[]): number[] {
  return candidates
    .map((_c, i) => i)
    .sort((a, b) => candidates[b]!.score - candidates[a]!.score || candidates[a]!.cost - candidates[b]!.cost || candidates[a]!.name.localeCompare(candidates[b]!.name) || a - b);
}

/** "Fund down the ranked list", as spreadsheets do: locked-in schemes first, then by rank while the envelope lasts; the MoU's constraints are not consulted. */
export function greedy(candidates: readonly Candidate[], rules: PortfolioRules): Portfolio {
  const funded = candidates.map(() => false);
  let left = rules.envelope;
  candidates.forEach((c, i) => {
    if (c.lock === "in" && !c.excluded) [funded[i], left] = [true, left - c.cost];
  });
  for (const i of rankOrder(candidates)) {
    const c = candidates[i]!;
    if (funded[i] || c.excluded || c.lock === "out" || c.cost > left) continue;
    funded[i] = true;
    left -= c.cost;
  }
  return portfolioOf(candidates, funded, rules);
}

/** Every subset, for checking the solver on small cases: the best total score that meets every constraint, or null. */
export function bruteForce(candidates: readonly Candidate[], rules: PortfolioRules): Portfolio | null {
  if (candidates.length > 20) throw new CapitalInputError("brute force is for 20 schemes or fewer");
  let best: Portfolio | null = null;
  for (let mask = 0; mask < 1 << candidates.length; mask++) {
    const funded = candidates.map((_c, i) => (mask & (1 << i)) !== 0);
    if (!meetsAll(candidates, funded, rules)) continue;
    const p = portfolioOf(candidates, funded, rules);
    if (!best || p.totalScore > best.totalScore + 1e-9) best = p;
  }
  return best;
}

// ---------------------------------------------------------------- the optimum, by mixed-integer programming

/** The solver the optimum needs: HiGHS's one-shot solve of a CPLEX LP-format model (see src/rules/solver.ts for loading it). */
export interface MilpSolver {
  solve(model: string, options?: Record<string, unknown>): {
    Status: string;
    ObjectiveValue: number;
    Columns: Record<string, { Primal: number }>;
  };
}

const variable = (i: number) => `x${i}`;
const term = (coefficient: number, i: number) => `${coefficient >= 0 ? "+" : "-"} ${Math.abs(coefficient)} ${variable(i)}`;

/** The model in CPLEX LP format: maximise the total score subject to the envelope, the MoU's constraints, the locks and the gates. Costs in £. */
export function portfolioModel(candidates: readonly Candidate[], rules: PortfolioRules): string {
  const pounds = (pence: number) => pence / 100;
  const rows: string[] = [];
  const sum = (pick: (c: Candidate) => boolean) =>
    candidates
      .map((c, i) => (pick(c) ? term(pounds(c.cost), i) : ""))
      .filter(Boolean)
      .join(" ");
  rows.push(` envelope: ${sum(() => true) || "0 x0"} <= ${pounds(rules.envelope)}`);
  if (rules.protectedShareBasisPoints !== null) rows.push(` protected: ${sum((c) => c.protectedShare) || "0 x0"} >= ${pounds(shareOf(rules.envelope, rules.protectedShareBasisPoints))}`);
  if (rules.placeMinimumBasisPoints !== null) {
    rules.places.forEach((p, k) => rows.push(` place${k}: ${sum((c) => c.place === p) || "0 x0"} >= ${pounds(shareOf(rules.envelope, rules.placeMinimumBasisPoints!))}`));
  }
  if (rules.crossPlace) {
    const cross = sum((c) => c.place === null) || "0 x0";
    rows.push(` crossLow: ${cross} >= ${pounds(shareOf(rules.envelope, rules.crossPlace.minBasisPoints))}`);
    rows.push(` crossHigh: ${cross} <= ${pounds(Math.floor((rules.envelope * rules.crossPlace.maxBasisPoints) / 10_000))}`);
  }
  const bounds = candidates.map((c, i) => (c.excluded || c.lock === "out" ? ` ${variable(i)} = 0` : c.lock === "in" ? ` ${variable(i)} = 1` : ` 0 <= ${variable(i)} <= 1`));
  return [
    "Maximize",
    ` score: ${candidates.map((c, i) => term(c.score, i)).join(" ") || "0 x0"}`,
    "Subject To",
    ...rows,
    "Bounds",
    ...bounds,
    "Binary",
    ` ${candidates.map((_c, i) => variable(i)).join(" ")}`,
    "End",
  ].join("\n");
}

/** Which constraints cannot be met even each on its own, by the schemes that may be funded: the names an infeasible result gives. */
export function infeasibleConstraints(candidates: readonly Candidate[], rules: PortfolioRules): string[] {
  const usable = candidates.filter((c) => !c.excluded && c.lock !== "out");
  const locked = candidates.filter((c) => c.lock === "in" && !c.excluded);
  const problems: string[] = [];
  const lockedCost = locked.reduce((a, c) => a + c.cost, 0);
  if (lockedCost > rules.envelope) problems.push(`the schemes locked in cost ${gbp(lockedCost)}, more than the envelope of ${gbp(rules.envelope)}`);
  const available = (pick: (c: Candidate) => boolean) => usable.filter(pick).reduce((a, c) => a + c.cost, 0);
  if (rules.protectedShareBasisPoints !== null) {
    const need = shareOf(rules.envelope, rules.protectedShareBasisPoints);
    if (available((c) => c.protectedShare) < need) problems.push(`backlog and equipment schemes total ${gbp(available((c) => c.protectedShare))}, less than the ${rules.protectedShareBasisPoints / 100}% (${gbp(need)}) they must have`);
  }
  if (rules.placeMinimumBasisPoints !== null) {
    const need = shareOf(rules.envelope, rules.placeMinimumBasisPoints);
    for (const p of rules.places) {
      if (available((c) => c.place === p) < need) problems.push(`${placeName(rules, p)}'s eligible schemes total ${gbp(available((c) => c.place === p))}, less than its minimum of ${gbp(need)}`);
    }
  }
  if (rules.crossPlace) {
    const need = shareOf(rules.envelope, rules.crossPlace.minBasisPoints);
    if (available((c) => c.place === null) < need) problems.push(`cross-Place schemes total ${gbp(available((c) => c.place === null))}, less than the ${rules.crossPlace.minBasisPoints / 100}% (${gbp(need)}) band`);
    const lockedCross = locked.filter((c) => c.place === null).reduce((a, c) => a + c.cost, 0);
    const max = Math.floor((rules.envelope * rules.crossPlace.maxBasisPoints) / 10_000);
    if (lockedCross > max) problems.push(`cross-Place schemes locked in cost ${gbp(lockedCross)}, above the band's ${gbp(max)}`);
  }
  return problems;
}

/** When each constraint can be met alone but not all together: which ones, dropped one at a time, would let a portfolio through. */
function conflicting(solver: MilpSolver, candidates: readonly Candidate[], rules: PortfolioRules): string {
  const without: { name: string; rules: PortfolioRules }[] = [];
  if (rules.protectedShareBasisPoints !== null) without.push({ name: `backlog and equipment at least ${rules.protectedShareBasisPoints / 100}%`, rules: { ...rules, protectedShareBasisPoints: null } });
  if (rules.placeMinimumBasisPoints !== null) {
    for (const p of rules.places) {
      without.push({ name: `${placeName(rules, p)} at least ${rules.placeMinimumBasisPoints / 100}%`, rules: { ...rules, places: rules.places.filter((q) => q !== p) } });
    }
  }
  if (rules.crossPlace) {
    without.push({ name: `cross-Place at least ${rules.crossPlace.minBasisPoints / 100}%`, rules: { ...rules, crossPlace: { ...rules.crossPlace, minBasisPoints: 0 } } });
    without.push({ name: `cross-Place at most ${rules.crossPlace.maxBasisPoints / 100}%`, rules: { ...rules, crossPlace: { ...rules.crossPlace, maxBasisPoints: 10_000 } } });
  }
  const culprits = without.filter((w) => solver.solve(portfolioModel(candidates, w.rules), { output_flag: false }).Status === "Optimal").map((w) => w.name);
  return culprits.length > 0
    ? `Together they cannot be met; dropping any one of these would allow a portfolio: ${culprits.join("; ")}`
    : `Together they cannot be met within ${gbp(rules.envelope)}, and no single constraint is to blame`;
}

export type Optimum = ({ status: "optimal" } & Portfolio) | { status: "infeasible"; reasons: string[] };

/**
 * The funded set that maximises the total score within the envelope and the MoU's constraints, solved to proven
 * optimality (relative and absolute MIP gaps of zero), then checked exactly in whole pence; infeasible sets are named.
 */
export function optimise(solver: MilpSolver, candidates: readonly Candidate[], rules: PortfolioRules): Optimum {
  if (candidates.length === 0) throw new CapitalInputError("there are no schemes to prioritise");
  const result = solver.solve(portfolioModel(candidates, rules), { mip_rel_gap: 0, mip_abs_gap: 1e-9, output_flag: false });
  if (result.Status === "Infeasible") {
    const reasons = infeasibleConstraints(candidates, rules);
    return { status: "infeasible", reasons: reasons.length > 0 ? reasons : [conflicting(solver, candidates, rules)] };
  }
  if (result.Status !== "Optimal") throw new CapitalInputError(`the solver stopped without an optimum (${result.Status})`);
  const funded = candidates.map((_c, i) => (result.Columns[variable(i)]?.Primal ?? 0) > 0.5);
  const portfolio = portfolioOf(candidates, funded, rules);
  const broken = portfolio.checks.filter((c) => !c.met);
  if (broken.length > 0) throw new CapitalInputError(`the solver's answer breaks ${broken.map((b) => b.constraint).join(", ")} when checked to the penny`);
  return { status: "optimal", ...portfolio };
}

// ---------------------------------------------------------------- the whole assessment, for the panel and the report

export interface Assessed {
  scheme: Scheme;
  score: number;
  parts: ScorePart[];
  exclusion: Exclusion | null;
  lock: Lock;
  /** 1 = best score. */
  rank: number;
}

export interface Assessment {
  assessed: Assessed[];
  candidates: Candidate[];
  rules: PortfolioRules;
  greedy: Portfolio;
  optimum: Optimum;
}

/** Scores, gates, ranks, and both selections for a set of schemes under the rulebook, with the user's weights, envelope and locks. */
export function assess(
  settings: CapitalSettings,
  schemes: readonly Scheme[],
  options: {
    weightPoints: readonly number[];
    envelope: number;
    restricted: ReadonlyMap<string, string>;
    locks: ReadonlyMap<string, Lock>;
    places: readonly string[];
    placeNames?: Readonly<Record<string, string>>;
  },
  solver: MilpSolver,
): Assessment {
  if (!Number.isSafeInteger(options.envelope) || options.envelope <= 0) throw new CapitalInputError("the envelope must be more than £0");
  const weights = normaliseWeights(options.weightPoints);
  const protectedIds = new Set(settings.categories.filter((c) => c.protectedShare).map((c) => c.id));
  const assessed: Assessed[] = schemes.map((scheme) => ({
    scheme,
    score: weightedScore(scheme.scores, weights, settings.scale),
    parts: scoreParts(settings, scheme.scores, weights),
    exclusion: gate(settings, scheme, options.restricted),
    lock: options.locks.get(scheme.name) ?? null,
    rank: 0,
  }));
  const candidates: Candidate[] = assessed.map((a) => ({
    name: a.scheme.name,
    cost: a.scheme.cost,
    score: a.score,
    place: a.scheme.place,
    protectedShare: protectedIds.has(a.scheme.category),
    excluded: a.exclusion !== null,
    lock: a.lock,
  }));
  rankOrder(candidates).forEach((i, position) => (assessed[i]!.rank = position + 1));
  const rules = { ...portfolioRules(settings, options.envelope, options.places), placeNames: options.placeNames };
  return { assessed, candidates, rules, greedy: greedy(candidates, rules), optimum: optimise(solver, candidates, rules) };
}

// ---------------------------------------------------------------- sensitivity and the frontier

/** A small seeded generator (mulberry32), so a sensitivity run can be repeated exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface SensitivityResult {
  draws: number;
  /** How many draws funded each scheme, in the schemes' order. */
  funded: number[];
  /** Draws with no feasible portfolio. */
  infeasible: number;
}

/**
 * Monte Carlo over the weights: each draw moves every weight by up to ±spread (uniformly), rescores the schemes and
 * finds that draw's optimal portfolio with the solver; a scheme's probability of being funded is the share of draws
 * that fund it. Runs in slices so a caller can show progress and stop it.
 */
export async function sensitivity(
  settings: CapitalSettings,
  base: Assessment,
  weightPoints: readonly number[],
  solver: MilpSolver,
  options: { draws: number; spread: number; seed: number; progress?: (done: number) => void; cancelled?: () => boolean; slice?: number },
): Promise<SensitivityResult> {
  const random = seededRandom(options.seed);
  const funded = base.candidates.map(() => 0);
  let infeasible = 0;
  let done = 0;
  const slice = options.slice ?? 25;
  while (done < options.draws) {
    if (options.cancelled?.()) break;
    const end = Math.min(options.draws, done + slice);
    for (; done < end; done++) {
      const points = weightPoints.map((p) => p * (1 + options.spread * (2 * random() - 1)));
      const weights = normaliseWeights(points);
      const candidates = base.candidates.map((c, i) => ({ ...c, score: weightedScore(base.assessed[i]!.scheme.scores, weights, settings.scale) }));
      const result = optimise(solver, candidates, base.rules);
      if (result.status === "optimal") result.funded.forEach((f, i) => f && funded[i]!++);
      else infeasible++;
    }
    options.progress?.(done);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { draws: done, funded, infeasible };
}

export interface FrontierPoint {
  /** Whole pence. */
  envelope: number;
  /** Null where no portfolio meets the constraints at that envelope. */
  totalScore: number | null;
}

/** The best total score at envelopes from a quarter to one and a half times the one given: the efficient frontier, a solve per point. */
export async function frontier(base: Assessment, solver: MilpSolver, options: { points?: number; progress?: (done: number) => void; cancelled?: () => boolean } = {}): Promise<FrontierPoint[]> {
  const count = options.points ?? 11;
  const result: FrontierPoint[] = [];
  for (let k = 0; k < count && !options.cancelled?.(); k++) {
    const envelope = Math.round(base.rules.envelope * (0.25 + (1.25 * k) / (count - 1)));
    const best = optimise(solver, base.candidates, { ...base.rules, envelope });
    result.push({ envelope, totalScore: best.status === "optimal" ? best.totalScore : null });
    options.progress?.(k + 1);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return result;
}

/** Above this many schemes a sensitivity draw funds down the ranked list within the constraints instead of solving exactly. */
export const EXACT_SENSITIVITY_LIMIT = 60;

/**
 * The fast sensitivity for large portfolios: each draw rescores every scheme (in doubles) and funds, within the
 * constraints, first the best schemes each unmet minimum needs (backlog and equipment, each Place, cross-Place), then
 * down the ranked list while the envelope and the cross-Place maximum allow. A draw whose selection still breaks a
 * constraint counts as infeasible. A heuristic per draw, not an optimum: the panel says which it used.
 */
export function rankedSensitivity(settings: CapitalSettings, base: Assessment, weightPoints: readonly number[], options: { draws: number; spread: number; seed: number }): SensitivityResult {
  const random = seededRandom(options.seed);
  const n = base.candidates.length;
  const criteria = settings.criteria.length;
  const span = settings.scale.max - settings.scale.min;
  const normalised = new Float64Array(n * criteria);
  base.assessed.forEach((a, i) => a.scheme.scores.forEach((s, c) => (normalised[i * criteria + c] = (s - settings.scale.min) / span)));
  const cost = Float64Array.from(base.candidates, (c) => c.cost);
  const usable = base.candidates.map((c) => !c.excluded && c.lock !== "out");
  const rules = base.rules;
  const groups: { member: (c: Candidate) => boolean; need: number }[] = [];
  if (rules.protectedShareBasisPoints !== null) groups.push({ member: (c) => c.protectedShare, need: shareOf(rules.envelope, rules.protectedShareBasisPoints) });
  if (rules.placeMinimumBasisPoints !== null) for (const p of rules.places) groups.push({ member: (c) => c.place === p, need: shareOf(rules.envelope, rules.placeMinimumBasisPoints) });
  if (rules.crossPlace) groups.push({ member: (c) => c.place === null, need: shareOf(rules.envelope, rules.crossPlace.minBasisPoints) });
  const crossMax = rules.crossPlace ? Math.floor((rules.envelope * rules.crossPlace.maxBasisPoints) / 10_000) : Infinity;
  const memberOf = groups.map((g) => base.candidates.map(g.member));
  const isCross = base.candidates.map((c) => c.place === null);

  const funded = new Array<number>(n).fill(0);
  const score = new Float64Array(n);
  const order = Array.from({ length: n }, (_v, i) => i);
  const chosen = new Uint8Array(n);
  const weights = new Float64Array(criteria);
  let infeasible = 0;
  for (let d = 0; d < options.draws; d++) {
    let total = 0;
    for (let c = 0; c < criteria; c++) total += (weights[c] = weightPoints[c]! * (1 + options.spread * (2 * random() - 1)));
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < criteria; c++) s += weights[c]! * normalised[i * criteria + c]!;
      score[i] = s / total;
    }
    order.sort((a, b) => score[b]! - score[a]! || cost[a]! - cost[b]! || a - b);
    chosen.fill(0);
    let spent = 0;
    let cross = 0;
    const take = (i: number) => {
      chosen[i] = 1;
      spent += cost[i]!;
      if (isCross[i]) cross += cost[i]!;
    };
    base.candidates.forEach((c, i) => c.lock === "in" && !c.excluded && take(i));
    const fits = (i: number) => spent + cost[i]! <= rules.envelope && (!isCross[i] || cross + cost[i]! <= crossMax);
    groups.forEach((g, k) => {
      let got = 0;
      for (let i = 0; i < n; i++) if (chosen[i] && memberOf[k]![i]) got += cost[i]!;
      for (const i of order) {
        if (got >= g.need) break;
        if (!chosen[i] && usable[i] && memberOf[k]![i] && fits(i)) {
          take(i);
          got += cost[i]!;
        }
      }
    });
    for (const i of order) if (!chosen[i] && usable[i] && fits(i)) take(i);
    if (meetsAll(base.candidates, chosen as unknown as ArrayLike<boolean>, rules)) {
      for (let i = 0; i < n; i++) if (chosen[i]) funded[i]!++;
    } else infeasible++;
  }
  return { draws: options.draws, funded, infeasible };
}
