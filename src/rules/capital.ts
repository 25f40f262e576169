// Capital prioritisation (MoU 9.11): weighted scores that explain themselves (exactly), the gates, and the assessment: the
// portfolio the SFLG's chosen objective asks for, proven (src/rules/portfolio.ts), beside funding down the ranked list.
import { RulesInputError } from "./inputError";
import { atCode, hasCode } from "./codes";
import { exactOf, formatGBP, Money, scaled } from "./money";
import {
  buildModel,
  fundingOrder,
  bestKept,
  gbp,
  objectiveValue as valueOf,
  shareAtLeast,
  optimise,
  rankOrder,
  type Candidate,
  type Lock,
  type MilpSolver,
  type Model,
  type ObjectiveId,
  type Optimum,
  type PortfolioRules,
} from "./portfolio";
import { appliesToPartner, type CapitalSettings, type Rulebook } from "./rulebook";

export { rankOrder, type Candidate, type Lock, type MilpSolver, type ObjectiveId, type Optimum, type PortfolioRules } from "./portfolio";

export class CapitalInputError extends RulesInputError {
  constructor(message: string) {
    super(message);
    this.name = "CapitalInputError";
  }
}

// ---------------------------------------------------------------- scoring

/** Weights as fractions summing to 1, from whole points (direct or swing weighting). */
export function normaliseWeights(points: readonly number[]): number[] {
  checkWeights(points);
  const total = points.reduce((a, b) => a + b, 0);
  return points.map((p) => p / total);
}

function checkWeights(points: readonly number[]): void {
  points.forEach((p, i) => {
    if (!Number.isFinite(p) || p < 0) throw new CapitalInputError(`weight ${i + 1} must be 0 or more, not ${String(p)}`);
  });
  if (points.every((p) => p === 0)) throw new CapitalInputError("the weights are all zero");
}

/** A number from a cell as the decimal Excel holds (15 significant digits, the money module's one reading), so 0.1 + 0.2 is 0.3. */
const decimalOf = (x: number) => exactOf(x);

/**
 * Weighted scores, exactly: each scheme's points Σ weight × (score − min), as integers on one scale, and the common
 * denominator that makes them 0–100. Every comparison between schemes and portfolios uses the points; the 0–100 figure
 * (a double) is for people.
 */
export function exactScores(scores: readonly (readonly number[])[], weightPoints: readonly number[], scale: { min: number; max: number }): { points: bigint[]; score: (points: bigint) => number } {
  checkWeights(weightPoints);
  const weights = weightPoints.map(decimalOf);
  const cells = scores.map((row) => row.map(decimalOf));
  const wPlaces = Math.max(0, ...weights.map((w) => w.places));
  const sPlaces = Math.max(0, ...cells.flat().map((s) => s.places));
  const w = weights.map((x) => scaled(x, wPlaces));
  const min = BigInt(scale.min) * 10n ** BigInt(sPlaces);
  const points = cells.map((row) => row.reduce((a, s, c) => a + w[c]! * (scaled(s, sPlaces) - min), 0n));
  const denominator = w.reduce((a, b) => a + b, 0n) * BigInt(scale.max - scale.min) * 10n ** BigInt(sPlaces);
  return { points, score: (p) => new Money(p.toString()).times(100).dividedBy(denominator.toString()).toNumber() };
}

/** Weighted scores as given (e.g. from ICS.SCHEMESCORE) as exact integers on one scale: each number as Excel holds it (15 significant digits). */
export function exactPoints(scores: readonly number[]): bigint[] {
  const exact = scores.map(decimalOf);
  const places = Math.max(0, ...exact.map((e) => e.places));
  return exact.map((e) => scaled(e, places));
}

/** A scheme's weighted score, 0–100: Σ weight × (score − min) / (max − min) × 100, computed exactly and given as a double once. */
export function weightedScore(scores: readonly number[], weightPoints: readonly number[], scale: { min: number; max: number }): number {
  const exact = exactScores([scores], weightPoints, scale);
  return exact.score(exact.points[0]!);
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
  /** Whole pence, a safe integer: the whole cost over the plan. */
  cost: number;
  /** Whole pence by year of the plan, summing to cost; null for a single-year plan (or the whole cost in its first year). */
  profile?: number[] | null;
  /** £ a year; negative is a saving. */
  revenueEffect: number | null;
  affordabilityCase: boolean;
  scores: number[];
}

export interface Exclusion {
  reason: string;
  clause: string;
}

/** What the gates need to know beyond the scheme: who is under recovery measures, and to whom the capital element applies. */
export interface GateContext {
  /** Organisation code → the ladder step restricting its discretionary capital (MoU 7.7–7.8). */
  restricted: ReadonlyMap<string, string>;
  /** Organisations to which Annex 1's "allocation of NHS capital" element does not apply (data, so it crosses to a worker). */
  outsideFramework?: ReadonlySet<string>;
}

/** The organisations to which the capital element of Annex 1 does not apply: by type's default, then each one's own override. */
export function outsideCapitalFramework(rulebook: Rulebook): Set<string> {
  const element = rulebook.capital?.eligibilityElement ?? "financial-capital-transformation";
  return new Set(rulebook.partners.filter((p) => !appliesToPartner(rulebook, p, element)).map((p) => p.code));
}

/** An amount in whole pounds (as the rulebook's thresholds are) in money.ts's one style. */
const poundsText = (pounds: number) => formatGBP(new Money(pounds));

/**
 * The gates, as the rulebook states them: the organisation must be inside the NHS capital framework (Annex 1); a major
 * scheme must show its revenue effect, and one that worsens the financial position needs an affordability case; an
 * organisation under recovery measures that restrict discretionary capital cannot draw on discretionary categories.
 */
export function gate(settings: CapitalSettings, scheme: Scheme, context: GateContext): Exclusion | null {
  const category = settings.categories.find((c) => c.id === scheme.category);
  if (!category) throw new CapitalInputError(`${scheme.name}: "${scheme.category}" is not a capital category`);
  if (context.outsideFramework && hasCode(context.outsideFramework, scheme.organisation)) {
    return { reason: `${scheme.organisation} is outside the NHS capital framework`, clause: settings.eligibilityClause };
  }
  const major = scheme.cost >= settings.gates.majorSchemeAtLeastPounds * 100;
  const threshold = poundsText(settings.gates.majorSchemeAtLeastPounds);
  if (major && scheme.revenueEffect === null) {
    return { reason: `a major scheme (${threshold} or more) must show its revenue effect`, clause: settings.gates.majorSchemeClause };
  }
  if (major && scheme.revenueEffect !== null && scheme.revenueEffect > 0 && !scheme.affordabilityCase) {
    return {
      reason: `a major scheme (${threshold} or more) that worsens the financial position by ${poundsText(scheme.revenueEffect)} a year, without an affordability case`,
      clause: settings.gates.majorSchemeClause,
    };
  }
  const recovery = atCode(context.restricted, scheme.organisation);
  if (recovery && category.discretionary) {
    return { reason: `${scheme.organisation} is under recovery measures (${recovery}): discretionary capital restricted`, clause: settings.gates.recoveryClause };
  }
  return null;
}

// ---------------------------------------------------------------- the whole assessment, for the panel and the report

export interface Assessed {
  scheme: Scheme;
  score: number;
  parts: ScorePart[];
  exclusion: Exclusion | null;
  lock: Lock;
  /** 1 = best score; ties by row order. */
  rank: number;
  /** Why the chosen portfolio does not fund it (or "" when it does), in words a Board member reads. */
  reason: string;
}

export interface Assessment {
  assessed: Assessed[];
  candidates: Candidate[];
  rules: PortfolioRules;
  objective: ObjectiveId;
  /** The portfolio the chosen objective asks for, proven. */
  optimum: Optimum;
  /** Funding down the ranked list within the constraints, as the Board would by hand: what the optimiser changed. */
  ranked: Optimum;
}

export interface AssessOptions {
  weightPoints: readonly number[];
  envelope: number;
  /** The plan's years with their envelopes (whole pence), for a plan over several years. */
  years?: PortfolioRules["years"];
  restricted: ReadonlyMap<string, string>;
  outsideFramework?: ReadonlySet<string>;
  locks: ReadonlyMap<string, Lock>;
  places: readonly string[];
  placeNames?: Readonly<Record<string, string>>;
  /**
   * A scheme's unit (of any tier) → the unit of the constraints' tier it counts towards (null: above that tier, so
   * it counts as cross-unit); schemes are taken as already at the constraints' tier when not given.
   */
  unitOf?: Readonly<Record<string, string | null>>;
  /** The objective; the rulebook's default when not given. */
  objective?: ObjectiveId;
}

/** The candidates a set of schemes makes under the rulebook: exact points, the gates, the locks. */
export function candidatesOf(settings: CapitalSettings, schemes: readonly Scheme[], options: Pick<AssessOptions, "weightPoints" | "restricted" | "outsideFramework" | "locks" | "unitOf">): { candidates: Candidate[]; exclusions: (Exclusion | null)[] } {
  const exact = exactScores(schemes.map((s) => s.scores), options.weightPoints, settings.scale);
  const protectedIds = new Set(settings.categories.filter((c) => c.protectedShare).map((c) => c.id));
  const exclusions = schemes.map((s) => gate(settings, s, options));
  const candidates = schemes.map((s, i) => ({
    name: s.name,
    cost: s.cost,
    profile: s.profile ?? null,
    score: exact.score(exact.points[i]!),
    points: exact.points[i]!,
    place: s.place === null || !options.unitOf ? s.place : (options.unitOf[s.place] ?? null),
    protectedShare: protectedIds.has(s.category),
    excluded: exclusions[i] !== null,
    lock: options.locks.get(s.name) ?? null,
  }));
  return { candidates, exclusions };
}

/** Scores, gates, ranks, the chosen objective's portfolio and the ranked list's, and a reason for every scheme not funded. */
export function assess(settings: CapitalSettings, schemes: readonly Scheme[], options: AssessOptions, solver: MilpSolver): Assessment {
  if (!Number.isSafeInteger(options.envelope) || options.envelope <= 0) throw new CapitalInputError("the envelope must be more than £0");
  const weights = normaliseWeights(options.weightPoints);
  const { candidates, exclusions } = candidatesOf(settings, schemes, options);
  const rules: PortfolioRules = {
    envelope: options.envelope,
    years: options.years ?? null,
    carryForward: settings.phasing.carryForward,
    protectedShareBasisPoints: settings.constraints.protectedShareBasisPoints,
    placeMinimumBasisPoints: settings.constraints.placeMinimumBasisPoints,
    crossPlace: settings.constraints.crossPlace,
    places: options.places,
    placeNames: options.placeNames,
  };
  const objective = options.objective ?? settings.objective.default;
  const optimum = optimise(solver, candidates, rules, objective);
  const ranked = objective === "ranked" ? optimum : optimise(solver, candidates, rules, "ranked");
  const rank = new Array<number>(candidates.length);
  rankOrder(candidates).forEach((i, position) => (rank[i] = position + 1));
  const reasons = notFundedReasons(candidates, rules, optimum, exclusions);
  const assessed: Assessed[] = schemes.map((scheme, i) => ({
    scheme,
    score: candidates[i]!.score,
    parts: scoreParts(settings, scheme.scores, weights),
    exclusion: exclusions[i]!,
    lock: candidates[i]!.lock,
    rank: rank[i]!,
    reason: reasons[i]!,
  }));
  return { assessed, candidates, rules, objective, optimum, ranked };
}

/** The objective's short name, for a picker in a narrow pane. */
export const OBJECTIVE_NAMES: Record<ObjectiveId, string> = {
  "total-score": "Total score",
  "score-weighted-spend": "Score-weighted spend",
  ranked: "Fund down the ranked list",
  "value-for-money": "Value for money (score per £)",
};

/** The objective as the report and panel describe it. */
export const OBJECTIVE_LABELS: Record<ObjectiveId, string> = {
  "total-score": "maximise the total weighted score",
  "score-weighted-spend": "maximise score-weighted spend (score × cost, counted in £k)",
  ranked: "fund down the ranked list (by score)",
  "value-for-money": "value for money (fund down the list by score per £)",
};

// ---------------------------------------------------------------- why a scheme is not funded

const listNames = (names: readonly string[]) => (names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`);

/**
 * A reason for every scheme the portfolio does not fund, in words a Board member reads, each true of the proven
 * portfolio: excluded by a gate (with its clause); locked out; does not fit in what higher-priority schemes leave; for
 * an objective that maximises, the funded schemes that would have to make way (the cheapest such set to the objective,
 * found exactly), which are worth at least as much; for a list, the constraint that funding it at its turn would break.
 */
export function notFundedReasons(candidates: readonly Candidate[], rules: PortfolioRules, optimum: Optimum, exclusions: readonly (Exclusion | null)[] = []): string[] {
  // Only a proven portfolio can be explained: what makes way "scores more" is true of an optimum, not of a best guess.
  const funded = optimum.status === "optimal" ? optimum.funded : undefined;
  const model = buildModel(candidates, rules);
  const ordered = optimum.objective === "ranked" || optimum.objective === "value-for-money";
  const order = fundingOrder(candidates, optimum.objective === "value-for-money" ? "value-for-money" : "ranked");
  const position = new Array<number>(candidates.length);
  order.forEach((i, k) => (position[i] = k));
  const envelopeRows = model.rows.filter((r) => model.groups[r.group]!.kind === "envelope");
  return candidates.map((c, i) => {
    const exclusion = exclusions[i];
    if (exclusion) return exclusion.clause ? `${exclusion.reason} (${exclusion.clause})` : exclusion.reason;
    if (c.excluded) return "not eligible";
    if (c.lock === "out") return "locked out";
    if (!funded) return optimum.status === "infeasible" ? "no portfolio meets the constraints" : "no portfolio has been proven for these inputs";
    if (funded[i]) return c.lock === "in" ? "locked in" : "";
    // What the schemes ahead of it in the list leave, in each envelope row (each year, with carry-forward where allowed).
    for (const row of envelopeRows) {
      const ahead = candidates.reduce((a, _c, k) => (funded[k] && position[k]! < position[i]! ? a + row.coefficients[k]! : a), 0);
      const left = row.bound - ahead;
      if (row.coefficients[i]! > left) {
        const where = rules.years && rules.years.length > 1 ? ` (${row.label})` : "";
        return `does not fit: ${gbp(Math.max(0, left))} left after higher-priority schemes${where}`;
      }
    }
    if (ordered) return listReason(model, funded, position, i);
    const displaced = displacement(model, funded, i, optimum.objective);
    if (displaced === undefined) {
      const withIt = funded.map((f, k) => f || k === i);
      const broken = model.rows.filter((r) => r.coefficients.reduce((a, x, k) => (withIt[k] ? a + x : a), 0) > r.bound).map((r) => r.label);
      return `funding it would break ${listNames(broken)}, and no funded scheme can make way without breaking a minimum or a lock`;
    }
    if (displaced === null) return "whether anything could make way for it was not settled in time";
    if (displaced.length === 0) return "adds nothing to the objective (a score of 0)";
    // The portfolio is proven optimal and the swap keeps every constraint, so what makes way is worth at least as much.
    const lost = displaced.reduce((a, k) => a + valueOf(candidates[k]!, optimum.objective), 0n);
    const more = lost > valueOf(c, optimum.objective) ? "more" : "as much";
    const names = listNames(displaced.map((k) => candidates[k]!.name));
    const [which, add, score] = displaced.length === 1 ? ["which", "adds", "scores"] : ["which together", "add", "score"];
    return `funding it would displace ${names}, ${which} ${optimum.objective === "score-weighted-spend" ? `${add} ${more} score-weighted spend` : `${score} ${more}`}`;
  });
}

/**
 * Funded schemes (not locked in) that could make way for scheme i with every constraint still met, the least valuable
 * set a short exact search finds; whatever it gives is true to say, as the portfolio is proven optimal. Undefined when
 * no set can make way, null when the search ran out before finding one.
 */
function displacement(model: Model, funded: readonly boolean[], i: number, objective: ObjectiveId): number[] | undefined | null {
  const fixed = Int8Array.from(model.fixed, (f, k) => (k === i ? 1 : f === 1 ? 1 : funded[k] && f === -1 ? -1 : 0));
  const kept = bestKept({ ...model, fixed }, model.candidates.map((c) => valueOf(c, objective)), 5_000);
  if (kept === null) return null;
  if (kept === undefined) return undefined;
  return funded.map((f, k) => (f && fixed[k] === -1 && !kept[k] ? k : -1)).filter((k) => k >= 0);
}

/** Why a list skipped scheme i: with the schemes ahead of it decided as the list decided them, which constraint it would break. */
function listReason(model: Model, funded: readonly boolean[], position: readonly number[], i: number): string {
  // As the list stood at its turn: those ahead decided, it funded, those behind still open.
  const fixed = Int8Array.from(model.fixed, (f, k) => (f !== -1 ? f : k === i ? 1 : position[k]! < position[i]! ? (funded[k] ? 1 : 0) : -1));
  const culprits = model.groups
    .map((g, k) => ({ g, k }))
    .filter(({ g }) => g.kind === "minimum" || g.kind === "maximum")
    .filter(({ k }) => bestKept({ ...model, fixed, rows: model.rows.filter((r) => r.group !== k) }, model.candidates.map(() => 0n), 20_000));
  if (culprits.length === 0) return "funding it at its turn would break the constraints together";
  const names = culprits.map(({ g }) => g.label);
  return culprits.every(({ g }) => g.kind === "maximum") ? `funding it would break ${listNames(names)}` : `funding it at its turn would leave ${listNames(names)} unmet`;
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
  /** Draws whose portfolio could not be proven (counted apart: never as "no portfolio"). */
  unproven: number;
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
  let unproven = 0;
  let done = 0;
  const slice = options.slice ?? 25;
  while (done < options.draws) {
    if (options.cancelled?.()) break;
    const end = Math.min(options.draws, done + slice);
    for (; done < end; done++) {
      // Each draw's weights to a thousandth of a point, so the draw's scores are exact like the base's.
      const points = weightPoints.map((p) => Math.round(p * (1 + options.spread * (2 * random() - 1)) * 1000));
      const exact = exactScores(base.assessed.map((a) => a.scheme.scores), points, settings.scale);
      const candidates = base.candidates.map((c, i) => ({ ...c, points: exact.points[i]!, score: exact.score(exact.points[i]!) }));
      const result = optimise(solver, candidates, base.rules, base.objective);
      if (result.status === "optimal") result.funded.forEach((f, i) => f && funded[i]!++);
      else if (result.status === "infeasible") infeasible++;
      else unproven++;
    }
    options.progress?.(done);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { draws: done, funded, infeasible, unproven };
}

export interface FrontierPoint {
  /** Whole pence. */
  envelope: number;
  /** Null where no portfolio meets the constraints at that envelope, or none could be proven there (`proven` says which). */
  totalScore: number | null;
  proven?: boolean;
}

/** The chosen objective's proven portfolio at envelopes from a quarter to one and a half times the one given (each year's scaled alike): the efficient frontier, a solve per point. */
export async function frontier(base: Assessment, solver: MilpSolver, options: { points?: number; progress?: (done: number) => void; cancelled?: () => boolean } = {}): Promise<FrontierPoint[]> {
  const count = options.points ?? 11;
  const result: FrontierPoint[] = [];
  for (let k = 0; k < count && !options.cancelled?.(); k++) {
    const factor = 0.25 + (1.25 * k) / (count - 1);
    const years = base.rules.years?.map((y) => ({ ...y, envelope: Math.round(y.envelope * factor) }));
    const envelope = years ? years.reduce((a, y) => a + y.envelope, 0) : Math.round(base.rules.envelope * factor);
    const best = optimise(solver, base.candidates, { ...base.rules, envelope, years }, base.objective);
    result.push({ envelope, totalScore: best.status === "optimal" ? best.totalScore : null, proven: best.status !== "unproven" });
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
  // Criterion by criterion (each criterion's n schemes side by side), so a draw rescores in a loop per criterion.
  const normalised = new Float64Array(criteria * n);
  base.assessed.forEach((a, i) => a.scheme.scores.forEach((s, c) => (normalised[c * n + i] = (s - settings.scale.min) / span)));
  const cost = Float64Array.from(base.candidates, (c) => c.cost);
  const usable = Uint8Array.from(base.candidates, (c) => (!c.excluded && c.lock !== "out" ? 1 : 0));
  const lockedIn = Int32Array.from(base.candidates.flatMap((c, i) => (c.lock === "in" && !c.excluded ? [i] : [])));
  const rules = base.rules;
  const groups: { member: (c: Candidate) => boolean; need: number }[] = [];
  if (rules.protectedShareBasisPoints !== null) groups.push({ member: (c) => c.protectedShare, need: shareAtLeast(rules.envelope, rules.protectedShareBasisPoints) });
  if (rules.placeMinimumBasisPoints !== null) for (const p of rules.places) groups.push({ member: (c) => c.place === p, need: shareAtLeast(rules.envelope, rules.placeMinimumBasisPoints) });
  if (rules.crossPlace) groups.push({ member: (c) => c.place === null, need: shareAtLeast(rules.envelope, rules.crossPlace.minBasisPoints) });
  const memberOf = groups.map((g) => Uint8Array.from(base.candidates, (c) => (g.member(c) ? 1 : 0)));
  const need = Float64Array.from(groups, (g) => g.need);
  // Each scheme's groups, side by side, so each group's spend is kept as schemes are taken (whole pence, so exact).
  const memberStart = new Int32Array(n + 1);
  const memberGroup: number[] = [];
  for (let i = 0; i < n; i++) {
    memberOf.forEach((m, k) => m[i] && memberGroup.push(k));
    memberStart[i + 1] = memberGroup.length;
  }
  const memberGroups = Int32Array.from(memberGroup);
  const got = new Float64Array(groups.length);
  const model = buildModel(base.candidates, rules);
  // Every row's activity kept as schemes are taken, so a draw is checked in whole pence without another pass.
  const rows = model.rows;
  const isMaximum = rows.map((r) => model.groups[r.group]!.kind !== "minimum");
  const bound = Float64Array.from(rows, (r) => r.bound);
  const used = new Float64Array(rows.length);
  // Each scheme's rows (where its coefficient is not zero) and coefficients, side by side, its maximums first (up to
  // maximumEnd): a scheme is in a few rows.
  const touchStart = new Int32Array(n + 1);
  const maximumEnd = new Int32Array(n);
  const touchRow: number[] = [];
  const touchCoefficient: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const maximum of [true, false]) {
      rows.forEach((r, j) => {
        if (isMaximum[j] === maximum && r.coefficients[i] !== 0) {
          touchRow.push(j);
          touchCoefficient.push(r.coefficients[i]!);
        }
      });
      if (maximum) maximumEnd[i] = touchRow.length;
    }
    touchStart[i + 1] = touchRow.length;
  }
  const touchRows = Int32Array.from(touchRow);
  const touchCoefficients = Float64Array.from(touchCoefficient);
  const chosen = new Uint8Array(n);
  const take = (i: number) => {
    chosen[i] = 1;
    for (let k = touchStart[i]!; k < touchStart[i + 1]!; k++) used[touchRows[k]!]! += touchCoefficients[k]!;
    for (let k = memberStart[i]!; k < memberStart[i + 1]!; k++) got[memberGroups[k]!]! += cost[i]!;
  };
  // Every maximum (each year's envelope, or cumulative with carry-forward, and the cross-Place band) must still hold.
  // (A row a scheme is not in cannot stop it: a draw whose locked-in schemes already break a row is infeasible anyway.)
  const fits = (i: number) => {
    for (let k = touchStart[i]!; k < maximumEnd[i]!; k++) {
      const j = touchRows[k]!;
      if (used[j]! + touchCoefficients[k]! > bound[j]!) return false;
    }
    return true;
  };

  const funded = new Int32Array(n);
  const score = new Float64Array(n);
  const weights = new Float64Array(criteria);
  const ranking = drawRanking(score, cost);
  let infeasible = 0;
  for (let d = 0; d < options.draws; d++) {
    let total = 0;
    for (let c = 0; c < criteria; c++) total += (weights[c] = weightPoints[c]! * (1 + options.spread * (2 * random() - 1)));
    // Each score summed criterion by criterion from 0 and then divided by the total: the same sums in the same order.
    score.fill(0);
    for (let c = 0; c < criteria; c++) {
      const w = weights[c]!;
      for (let i = 0, at = c * n; i < n; i++, at++) score[i]! += w * normalised[at]!;
    }
    for (let i = 0; i < n; i++) score[i]! /= total;
    const order = ranking();
    chosen.fill(0);
    used.fill(0);
    got.fill(0);
    for (let k = 0; k < lockedIn.length; k++) take(lockedIn[k]!);
    // First the best schemes each unmet minimum needs, in turn; then down the list.
    for (let k = 0; k < groups.length; k++) {
      const member = memberOf[k]!;
      for (let p = 0; p < n && got[k]! < need[k]!; p++) {
        const i = order[p]!;
        if (member[i] && !chosen[i] && usable[i] && fits(i)) take(i);
      }
    }
    for (let p = 0; p < n; p++) {
      const i = order[p]!;
      if (!chosen[i] && usable[i] && fits(i)) take(i);
    }
    // Locked-in schemes were all taken and excluded or locked-out ones never, so the rows are the whole check.
    let meets = true;
    for (let j = 0; j < rows.length; j++) if (!(used[j]! <= bound[j]!)) meets = false;
    if (meets) {
      for (let i = 0; i < n; i++) funded[i]! += chosen[i]!;
    } else infeasible++;
  }
  return { draws: options.draws, funded: Array.from(funded), infeasible, unproven: 0 };
}

/**
 * The ranked list of a sensitivity draw: the schemes by score descending, then cost ascending, then row ascending (an
 * exact tie keeps that order), as the scores are when it is called, into one array reused from draw to draw. Sorting
 * row numbers with a comparator was most of a draw's time, so the list is found in two steps instead. A radix sort (two
 * passes of a byte each, stable, from the cost-then-row order) puts the schemes in 65,536 bands of the draw's range of
 * scores, best first; then an insertion pass with the exact comparison puts right the schemes that share a band (a
 * pass over a list already in order but for such neighbours, so about one comparison a scheme). The bands only make
 * the pass short; its comparison alone decides the order. A score that is not a number, or infinite (a draw whose
 * weights sum to nothing), has no band: that draw sorts the previous draw's order with the comparator, as every draw
 * once did.
 */
function drawRanking(score: Float64Array, cost: Float64Array): () => Int32Array {
  const n = score.length;
  const byCost = Int32Array.from(Array.from({ length: n }, (_v, i) => i).sort((a, b) => cost[a]! - cost[b]! || a - b));
  const tieRank = new Int32Array(n);
  byCost.forEach((i, r) => (tieRank[i] = r));
  const order = Int32Array.from({ length: n }, (_v, i) => i);
  const spare = new Int32Array(n);
  const band = new Int32Array(n);
  const lowCount = new Int32Array(256);
  const highCount = new Int32Array(256);
  const comparator = (a: number, b: number) => score[b]! - score[a]! || cost[a]! - cost[b]! || a - b;
  return () => {
    let best = -Infinity;
    let worst = Infinity;
    let numbers = true;
    for (let i = 0; i < n; i++) {
      const s = score[i]!;
      if (s > best) best = s;
      if (s < worst) worst = s;
      if (Number.isNaN(s)) numbers = false;
    }
    const range = best - worst;
    if (!numbers || !(range < Infinity)) {
      order.set(Array.from(order).sort(comparator));
      return order;
    }
    const scale = range > 0 ? 65_535 / range : 0;
    lowCount.fill(0);
    highCount.fill(0);
    for (let i = 0; i < n; i++) {
      // 0 to 65,535: never past it, for best - s is at most the range rounded alike.
      const b = ((best - score[i]!) * scale) | 0;
      band[i] = b;
      lowCount[b & 255]!++;
      highCount[b >>> 8]!++;
    }
    for (let b = 0, low = 0, high = 0; b < 256; b++) {
      const l = lowCount[b]!;
      const h = highCount[b]!;
      lowCount[b] = low;
      highCount[b] = high;
      low += l;
      high += h;
    }
    for (let p = 0; p < n; p++) {
      const i = byCost[p]!;
      spare[lowCount[band[i]! & 255]!++] = i;
    }
    for (let p = 0; p < n; p++) {
      const i = spare[p]!;
      order[highCount[band[i]! >>> 8]!++] = i;
    }
    for (let p = 1; p < n; p++) {
      const i = order[p]!;
      const s = score[i]!;
      const r = tieRank[i]!;
      let q = p - 1;
      for (; q >= 0; q--) {
        const j = order[q]!;
        const t = score[j]!;
        if (t > s || (t === s && tieRank[j]! < r)) break;
        order[q + 1] = j;
      }
      order[q + 1] = i;
    }
    return order;
  };
}
