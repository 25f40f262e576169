// The capital portfolio as an exact integer model: constraints in whole pence, objectives in exact integers, HiGHS as the
// fast proposer and an exact check (feasibility to the penny, optimality by an exact search under an LP-dual bound) as the judge.
import { RulesInputError } from "./inputError";
import { formatPence } from "./money";
import { OBJECTIVES, type ObjectiveId } from "./objectives";


/** Whole pence, safe integers. */
export type Pence = number;

export type Lock = "in" | "out" | null;

export interface Candidate {
  name: string;
  /** Whole pence: the scheme's total cost over every year of the plan. */
  cost: Pence;
  /** Whole pence by year of the plan, summing to cost; null puts the whole cost in the plan's first year. */
  profile?: readonly Pence[] | null;
  /** The weighted score, 0–100, for people (a double); `points` is the exact figure every comparison uses. */
  score: number;
  /** The weighted score exactly, on one scale shared by every candidate of a problem (an integer proportional to score). */
  points: bigint;
  /** A Place id, or null for a cross-Place scheme. */
  place: string | null;
  protectedShare: boolean;
  /** Not eligible: never funded. */
  excluded: boolean;
  lock: Lock;
}

export interface PlanYear {
  label: string;
  /** Whole pence: that year's capital envelope (CDEL). */
  envelope: Pence;
}

export interface PortfolioRules {
  /** Whole pence: the envelope over the whole plan (the sum of the years' where there are years). */
  envelope: Pence;
  /** The plan's years, each with its envelope; absent for a single-year plan. */
  years?: readonly PlanYear[] | null;
  /** Unspent envelope may be carried into later years (each year's cumulative spend within the cumulative envelope). */
  carryForward?: boolean;
  protectedShareBasisPoints: number | null;
  placeMinimumBasisPoints: number | null;
  crossPlace: { minBasisPoints: number; maxBasisPoints: number } | null;
  /** The Places each must get its minimum (those with a scheme or not). */
  places: readonly string[];
  /** How to name a Place in a message; its id when not given. */
  placeNames?: Readonly<Record<string, string>>;
}

export class PortfolioInputError extends RulesInputError {
  constructor(message: string) {
    super(message);
    this.name = "PortfolioInputError";
  }
}

// ---------------------------------------------------------------- figures for people

/** An amount in a reason, in money.ts's one style ("£200,000.00"), as the pane and the reports write it. */
export const gbp = (pence: Pence) => formatPence(pence);
const percent = (basisPoints: number) => `${basisPoints / 100}%`;
export const placeName = (rules: PortfolioRules, place: string) => rules.placeNames?.[place] ?? place;

/** Whole pence at least `basisPoints` of the envelope: the requirement rounded up, so it is never short. */
export const shareAtLeast = (envelope: Pence, basisPoints: number) => Number((BigInt(envelope) * BigInt(basisPoints) + 9_999n) / 10_000n);
/** Whole pence at most `basisPoints` of the envelope: rounded down, so it is never exceeded. */
export const shareAtMost = (envelope: Pence, basisPoints: number) => Number((BigInt(envelope) * BigInt(basisPoints)) / 10_000n);

// ---------------------------------------------------------------- the model: rows in "≤" form, in whole pence

/** A family of rows that a person names as one constraint (the envelope, a Place's minimum, the cross-Place band...). */
export interface ConstraintGroup {
  id: string;
  /** "Mid Essex at least 8% (£800,000)". */
  label: string;
  /** What the schemes that may be funded make of it, for an explanation; filled when it matters. */
  kind: "envelope" | "minimum" | "maximum" | "locks";
}

export interface Row {
  group: number;
  /** Coefficient per candidate, whole pence (negative in a "≥" row turned round). */
  coefficients: Float64Array;
  bound: number;
  /** How the row reads to people: "£x of £y" is built from `activity` and this. */
  describe: (activity: number) => string;
  /** The row's own words. */
  label: string;
}

export interface Model {
  candidates: readonly Candidate[];
  rules: PortfolioRules;
  groups: ConstraintGroup[];
  rows: Row[];
  /** 1 fixed in, 0 fixed out, -1 free. */
  fixed: Int8Array;
}

/** Each scheme's cost in each year of the plan (a single year when the rules have none). */
export function yearCosts(candidates: readonly Candidate[], rules: PortfolioRules): number[][] {
  const years = rules.years?.length ?? 1;
  return candidates.map((c) => {
    if (!c.profile) return Array.from({ length: years }, (_v, t) => (t === 0 ? c.cost : 0));
    if (c.profile.length !== years) throw new PortfolioInputError(`${c.name}: a cost profile of ${c.profile.length} years for a plan of ${years}`);
    return [...c.profile];
  });
}

/** Checks figures are whole pence and sums stay exact in doubles (below 2^53 pence, about £90 trillion). */
function checkFigures(candidates: readonly Candidate[], rules: PortfolioRules): void {
  const whole = (n: number, what: string) => {
    if (!Number.isSafeInteger(n) || n < 0) throw new PortfolioInputError(`${what} must be a whole number of pence, 0 or more (not ${String(n)})`);
  };
  whole(rules.envelope, "the envelope");
  rules.years?.forEach((y) => whole(y.envelope, `the envelope for ${y.label}`));
  if (rules.years && rules.years.reduce((a, y) => a + y.envelope, 0) !== rules.envelope) throw new PortfolioInputError("the years' envelopes do not add up to the plan's envelope");
  let total = 0;
  for (const c of candidates) {
    whole(c.cost, `${c.name}'s cost`);
    if (c.profile) {
      c.profile.forEach((p, t) => whole(p, `${c.name}'s cost in year ${t + 1}`));
      const sum = c.profile.reduce((a, p) => a + p, 0);
      if (sum !== c.cost) throw new PortfolioInputError(`${c.name}: the profile by year adds up to ${gbp(sum)}, not its cost of ${gbp(c.cost)}`);
    }
    if (c.points < 0n) throw new PortfolioInputError(`${c.name}: a score below 0`);
    total += c.cost;
  }
  if (!Number.isSafeInteger(total)) throw new PortfolioInputError("the schemes' costs add up to more than can be summed exactly to the penny");
}

/** The rows of the MoU's constraints and the plan's envelopes, every figure in whole pence. */
export function buildModel(candidates: readonly Candidate[], rules: PortfolioRules): Model {
  checkFigures(candidates, rules);
  const n = candidates.length;
  const groups: ConstraintGroup[] = [];
  const rows: Row[] = [];
  const cost = (pick: (c: Candidate) => boolean, sign: 1 | -1) => Float64Array.from(candidates, (c) => (pick(c) ? sign * c.cost : 0));
  const byYear = yearCosts(candidates, rules);

  const years = rules.years && rules.years.length > 0 ? rules.years : [{ label: "", envelope: rules.envelope }];
  if (years.length === 1) {
    const g = groups.push({ id: "envelope", label: `within the envelope of ${gbp(rules.envelope)}`, kind: "envelope" }) - 1;
    rows.push({ group: g, coefficients: Float64Array.from(byYear, (y) => y[0]!), bound: rules.envelope, label: `the envelope of ${gbp(rules.envelope)}`, describe: (a) => `${gbp(a)} of ${gbp(rules.envelope)}` });
  } else {
    let cumulative = 0;
    years.forEach((y, t) => {
      cumulative += y.envelope;
      const bound = rules.carryForward ? cumulative : y.envelope;
      const label = rules.carryForward ? `spend to the end of ${y.label} within ${gbp(bound)} (unspent envelope carried forward)` : `${y.label} within its envelope of ${gbp(bound)}`;
      const g = groups.push({ id: `year-${t}`, label, kind: "envelope" }) - 1;
      const coefficients = Float64Array.from(byYear, (costs) => (rules.carryForward ? costs.slice(0, t + 1).reduce((a, b) => a + b, 0) : costs[t]!));
      rows.push({ group: g, coefficients, bound, label, describe: (a) => `${gbp(a)} of ${gbp(bound)}` });
    });
  }
  const minimum = (id: string, label: string, pick: (c: Candidate) => boolean, need: Pence) => {
    const g = groups.push({ id, label, kind: "minimum" }) - 1;
    rows.push({ group: g, coefficients: cost(pick, -1), bound: -need, label, describe: (a) => `${gbp(-a)} of ${gbp(need)} needed` });
  };
  if (rules.protectedShareBasisPoints !== null) {
    const need = shareAtLeast(rules.envelope, rules.protectedShareBasisPoints);
    minimum("protected", `backlog and equipment at least ${percent(rules.protectedShareBasisPoints)} (${gbp(need)})`, (c) => c.protectedShare, need);
  }
  if (rules.placeMinimumBasisPoints !== null) {
    const need = shareAtLeast(rules.envelope, rules.placeMinimumBasisPoints);
    for (const p of rules.places) minimum(`place-${p}`, `${placeName(rules, p)} at least ${percent(rules.placeMinimumBasisPoints)} (${gbp(need)})`, (c) => c.place === p, need);
  }
  if (rules.crossPlace) {
    const low = shareAtLeast(rules.envelope, rules.crossPlace.minBasisPoints);
    const high = shareAtMost(rules.envelope, rules.crossPlace.maxBasisPoints);
    minimum("cross-min", `cross-Place at least ${percent(rules.crossPlace.minBasisPoints)} (${gbp(low)})`, (c) => c.place === null, low);
    const label = `cross-Place at most ${percent(rules.crossPlace.maxBasisPoints)} (${gbp(high)})`;
    const g = groups.push({ id: "cross-max", label, kind: "maximum" }) - 1;
    rows.push({ group: g, coefficients: cost((c) => c.place === null, 1), bound: high, label, describe: (a) => `${gbp(a)} of at most ${gbp(high)}` });
  }
  const fixed = new Int8Array(n);
  candidates.forEach((c, i) => (fixed[i] = c.excluded || c.lock === "out" ? 0 : c.lock === "in" ? 1 : -1));
  if (candidates.some((c) => c.lock === "in" && !c.excluded)) groups.push({ id: "locks", label: "the schemes locked in", kind: "locks" });
  return { candidates, rules, groups, rows, fixed };
}

/** Each row's activity for a chosen set, exactly. */
export function activities(model: Model, funded: ArrayLike<boolean | number>): number[] {
  return model.rows.map((r) => {
    let a = 0;
    for (let i = 0; i < r.coefficients.length; i++) if (funded[i]) a += r.coefficients[i]!;
    return a;
  });
}

/** Whether a chosen set meets every row, the locks and the gates, in whole pence. */
export function feasible(model: Model, funded: ArrayLike<boolean | number>): boolean {
  for (let i = 0; i < model.fixed.length; i++) if (model.fixed[i] !== -1 && Boolean(funded[i]) !== (model.fixed[i] === 1)) return false;
  return activities(model, funded).every((a, j) => a <= model.rows[j]!.bound);
}

// ---------------------------------------------------------------- objectives

export { OBJECTIVES, type ObjectiveId };

/** Objectives that fund down a list (ranked by score, or by score per £) rather than maximise a sum. */
export const isOrdered = (objective: ObjectiveId) => objective === "ranked" || objective === "value-for-money";

/**
 * Score-weighted spend counts each scheme's cost to the nearest £1,000 (half up; under £500 counts as nothing): the
 * objective is then an exact integer coarse enough for a solver to tell one unit from its tolerances, while every
 * constraint stays exact to the penny. Capital schemes cost thousands to millions, so the rounding is immaterial to a
 * Board; it is stated wherever the objective is named.
 */
export const thousands = (pence: Pence) => (BigInt(pence) + 50_000n) / 100_000n;

/** What an objective maximises for one scheme, as an exact integer: its points, or points × cost in £k. */
export const objectiveValue = (c: Candidate, objective: ObjectiveId) => (objective === "score-weighted-spend" ? c.points * thousands(c.cost) : c.points);

/** What an objective maximises, per scheme, as an exact integer. */
export function values(candidates: readonly Candidate[], objective: "total-score" | "score-weighted-spend"): bigint[] {
  return candidates.map((c) => objectiveValue(c, objective));
}

/** The order an ordered objective funds in: by score (or score per £) highest first, ties by row order, exactly. */
export function fundingOrder(candidates: readonly Candidate[], objective: ObjectiveId): number[] {
  const order = candidates.map((_c, i) => i);
  const perPound = objective === "value-for-money";
  // Score per £ compared by cross-multiplying, so no division rounds. A scheme costing nothing that scores comes first
  // (its ratio is unbounded), among such schemes by score; one costing nothing that scores nothing counts as 0 per £.
  const free = (c: Candidate) => c.cost === 0 && c.points > 0n;
  const key = (c: Candidate): [bigint, bigint] => (!perPound ? [c.points, 1n] : free(c) ? [c.points, 0n] : c.cost === 0 ? [0n, 1n] : [c.points, BigInt(c.cost)]);
  return order.sort((a, b) => {
    const x = candidates[a]!;
    const y = candidates[b]!;
    if (perPound && free(x) !== free(y)) return free(x) ? -1 : 1;
    const [px, cx] = key(x);
    const [py, cy] = key(y);
    const left = perPound && !free(x) ? py * cx : py;
    const right = perPound && !free(x) ? px * cy : px;
    return left > right ? 1 : left < right ? -1 : a - b;
  });
}

/** The ranked list as people read it: highest score first, ties by row order (never by name). */
export const rankOrder = (candidates: readonly Candidate[]) => fundingOrder(candidates, "ranked");

// ---------------------------------------------------------------- exact search

/** How many nodes an exact search may visit before it says it could not finish. */
export const SEARCH_NODE_LIMIT = 400_000;

interface SearchState {
  model: Model;
  /** Per candidate, the exact value (objective): all zero for a feasibility question. */
  value: readonly bigint[];
  /** Multipliers ≥ 0, one per row (the LP relaxation's duals, or zeros): they fold the rows into one surrogate row. */
  y: readonly number[];
}

export type SearchResult = {
  complete: boolean;
  best: Uint8Array | null;
  bestValue: bigint;
  nodes: number;
  /** The bound at the root (the surrogate LP's value, in doubles): no portfolio is worth more. */
  bound: number;
};

/**
 * Exact depth-first branch and bound over the free candidates. Feasibility is exact: every row's least activity still
 * possible, in whole pence. The bound folds the rows into one surrogate knapsack with multipliers y ≥ 0 (any such y gives
 * a valid bound, the LP's duals a tight one) and fills it greedily by value per unit, the last item in part (Dantzig's
 * bound). The bound is computed in doubles and a node is pruned only when it falls short of the target by far more than
 * any rounding could account for, so a pruned node never held a better portfolio. Finds a set worth at least `target`,
 * keeps improving it, and says whether it searched everything.
 */
function search(s: SearchState, target: bigint, incumbent: Uint8Array | null, nodeLimit: number, firstOnly = false): SearchResult {
  const { model, value, y } = s;
  const n = model.candidates.length;
  const rows = model.rows;
  const m = rows.length;
  const least = new Float64Array(m);
  const x = new Uint8Array(n);
  let current = 0n;
  for (let i = 0; i < n; i++) {
    if (model.fixed[i] === 1) {
      x[i] = 1;
      current += value[i]!;
    }
  }
  for (let j = 0; j < m; j++) {
    const a = rows[j]!.coefficients;
    let l = 0;
    for (let i = 0; i < n; i++) if (model.fixed[i] === 1) l += a[i]!;
    else if (model.fixed[i] === -1 && a[i]! < 0) l += a[i]!;
    least[j] = l;
  }
  // Locked-in schemes, or minimums no free scheme can reach, may rule out every set before the search starts.
  for (let j = 0; j < m; j++) if (least[j]! > rows[j]!.bound) return { complete: true, best: null, bestValue: -1n, nodes: 0, bound: -Infinity };

  // The surrogate row: weight Σ y·a per candidate, capacity Σ y·b less what the locked-in schemes use.
  const weight = Float64Array.from(model.candidates, (_c, i) => rows.reduce((a, r, j) => a + y[j]! * r.coefficients[i]!, 0));
  let capacity = rows.reduce((a, r, j) => a + y[j]! * r.bound, 0);
  for (let i = 0; i < n; i++) if (model.fixed[i] === 1) capacity -= weight[i]!;
  const worth = value.map((v) => Number(v));
  // Free candidates by value per unit of surrogate weight, best first; those that weigh nothing or less come first.
  const free: number[] = [];
  for (let i = 0; i < n; i++) if (model.fixed[i] === -1) free.push(i);
  const density = (i: number) => (weight[i]! <= 0 ? Infinity : worth[i]! / weight[i]!);
  free.sort((a, b) => density(b) - density(a) || worth[b]! - worth[a]! || a - b);
  const depth = free.length;
  const light = free.findIndex((i) => weight[i]! > 0);
  const firstHeavy = light === -1 ? depth : light;
  const sumWeight = new Float64Array(depth + 1);
  const sumWorth = new Float64Array(depth + 1);
  for (let k = 0; k < depth; k++) {
    sumWeight[k + 1] = sumWeight[k]! + weight[free[k]!]!;
    sumWorth[k + 1] = sumWorth[k]! + worth[free[k]!]!;
  }
  // Rounding in doubles is bounded by the size of the figures summed, not of the result (a minimum row's negative terms
  // can cancel the envelope's): the surrogate's room is widened by a billionth of every term it is made of, which only
  // loosens the bound, and a node is pruned only when even that bound falls short of the target by more than rounding.
  const magnitude = sumWorth[depth]! + Math.abs(Number(current)) + 1;
  const roomSlack = 1e-9 * (rows.reduce((a, r, j) => a + Math.abs(y[j]! * r.bound), 0) + weight.reduce((a, w) => a + Math.abs(w), 0) + 1);
  // Values are integers: a node whose bound is short of the target by more than rounding cannot reach it.
  const slack = 1e-9 * magnitude + 1e-6;
  let used = 0;

  /** The surrogate's LP bound on what the undecided (from position d on) can add, in doubles. */
  const fill = (d: number): number => {
    // Light candidates (weight ≤ 0) are all taken; then heavy ones while they fit, the first that does not in part.
    const start = Math.max(d, firstHeavy);
    const room = capacity - used - (sumWeight[start]! - sumWeight[d]!) + roomSlack;
    const gain = sumWorth[start]! - sumWorth[d]!;
    if (room < 0) return -Infinity;
    let lo = start;
    let hi = depth;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (sumWeight[mid]! - sumWeight[start]! <= room) lo = mid;
      else hi = mid - 1;
    }
    let bound = gain + sumWorth[lo]! - sumWorth[start]!;
    if (lo < depth) bound += (worth[free[lo]!]! * (room - (sumWeight[lo]! - sumWeight[start]!))) / weight[free[lo]!]!;
    return bound;
  };
  const promising = (d: number) => Number(current) + fill(d) >= Number(target) - slack;

  const tried = new Uint8Array(depth);
  const rootBound = Number(current) + fill(0) + slack;
  let best = incumbent;
  let bestValue = incumbent ? target - 1n : -1n;
  let nodes = 0;

  const set = (i: number, take: boolean, sign: 1 | -1): boolean => {
    if (take) {
      current += sign === 1 ? value[i]! : -value[i]!;
      used += sign * weight[i]!;
    }
    x[i] = sign === 1 && take ? 1 : 0;
    let ok = true;
    for (let j = 0; j < m; j++) {
      const a = rows[j]!.coefficients[i]!;
      if (a === 0) continue;
      // Deciding a candidate in adds max(0, a) to the least activity; deciding it out adds max(0, −a).
      const delta = take ? (a > 0 ? a : 0) : a < 0 ? -a : 0;
      least[j]! += sign * delta;
      if (sign === 1 && least[j]! > rows[j]!.bound) ok = false;
    }
    return ok;
  };

  let d = 0;
  while (d >= 0) {
    if (d === depth) {
      // A leaf: every row holds (the least activity is the activity), and the value reaches the target.
      if (current >= target) {
        best = Uint8Array.from(x);
        bestValue = current;
        target = current + 1n;
        if (firstOnly) return { complete: false, best, bestValue, nodes, bound: rootBound };
      }
      d--;
      continue;
    }
    const i = free[d]!;
    if (tried[d] === 0) {
      if (++nodes > nodeLimit) return { complete: false, best, bestValue, nodes, bound: rootBound };
      // Nothing below this node can reach the target: go back.
      if (!promising(d)) {
        d--;
        continue;
      }
      tried[d] = 1;
      if (set(i, true, 1)) d++;
      continue;
    }
    if (tried[d] === 1) {
      set(i, true, -1);
      tried[d] = 2;
      if (set(i, false, 1) && promising(d + 1)) d++;
      continue;
    }
    set(i, false, -1);
    tried[d] = 0;
    d--;
  }
  return { complete: true, best, bestValue, nodes, bound: rootBound };
}

/**
 * The most valuable set meeting every row that a search of `nodeLimit` nodes finds (without the LP's help: for small
 * questions such as which funded schemes could make way for another); every set it gives meets every row exactly.
 * Undefined when there is none, null when the search ran out before finding one.
 */
export function bestKept(model: Model, value: readonly bigint[], nodeLimit: number): Uint8Array | undefined | null {
  const result = search({ model, value, y: model.rows.map(() => 0) }, 0n, null, nodeLimit);
  return result.best ?? (result.complete ? undefined : null);
}

/** A feasibility question asked exactly: some set meeting every row, or none (complete), or the search ran out. */
export function findFeasible(model: Model, nodeLimit = SEARCH_NODE_LIMIT): SearchResult {
  return search({ model, value: model.candidates.map(() => 0n), y: model.rows.map(() => 0) }, 0n, null, nodeLimit);
}

// ---------------------------------------------------------------- HiGHS, as the proposer

/** The solver the optimum needs: HiGHS's one-shot solve of a CPLEX LP-format model (see src/rules/solver.ts for loading it). */
export interface MilpSolver {
  solve(model: string, options?: Record<string, unknown>): {
    Status: string;
    ObjectiveValue: number;
    Columns: Record<string, { Primal: number }>;
    Rows?: { Primal?: number; Dual?: number }[];
  };
}

/**
 * HiGHS's options, chosen deliberately: presolve on; no relative or absolute gap, so it does not stop short of the
 * optimum; feasibility tolerances tight for a model in £m (1e-9 of £1m is a tenth of a penny). It only proposes: every
 * answer is checked exactly afterwards, so a tolerance can make it slower, never wrong.
 */
export const SOLVER_OPTIONS = {
  presolve: "on",
  mip_rel_gap: 0,
  mip_abs_gap: 0,
  primal_feasibility_tolerance: 1e-9,
  mip_feasibility_tolerance: 1e-9,
  output_flag: false,
} as const;

/** Costs go to HiGHS in £m, so £1bn is 10 and a penny 1e-8, and values scaled to at most 1,000: coefficients it handles well. */
const ROW_SCALE = 1e8;

const variable = (i: number) => `x${i}`;
const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(17));
const term = (coefficient: number, i: number) => `${coefficient >= 0 ? "+" : "-"} ${fmt(Math.abs(coefficient))} ${variable(i)}`;

function lpFormat(model: Model, valueScaled: readonly number[], options: { binary: boolean; cuts: readonly Uint8Array[]; objectiveAtLeast?: number }): string {
  const n = model.candidates.length;
  const terms = (coefficient: (i: number) => number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const c = coefficient(i);
      if (c !== 0) out.push(term(c, i));
    }
    return out.length > 0 ? out.join(" ") : `0 ${variable(0)}`;
  };
  const lines = ["Maximize", ` value: ${terms((i) => valueScaled[i]!)}`, "Subject To"];
  model.rows.forEach((r, j) => lines.push(` r${j}: ${terms((i) => r.coefficients[i]! / ROW_SCALE)} <= ${fmt(r.bound / ROW_SCALE)}`));
  if (options.objectiveAtLeast !== undefined) lines.push(` better: ${terms((i) => valueScaled[i]!)} >= ${fmt(options.objectiveAtLeast)}`);
  // A set checked exactly and found to break a row is cut off, and HiGHS asked again.
  options.cuts.forEach((cut, k) => {
    const ones = cut.reduce((a, v, i) => (v && model.fixed[i] === -1 ? a + 1 : a), 0);
    lines.push(` cut${k}: ${terms((i) => (model.fixed[i] !== -1 ? 0 : cut[i] ? 1 : -1))} <= ${ones - 1}`);
  });
  lines.push("Bounds");
  for (let i = 0; i < n; i++) lines.push(model.fixed[i] === -1 ? ` 0 <= ${variable(i)} <= 1` : ` ${variable(i)} = ${model.fixed[i]}`);
  if (options.binary) lines.push("Binary", ` ${Array.from({ length: n }, (_v, i) => variable(i)).join(" ")}`);
  lines.push("End");
  return lines.join("\n");
}

/** The largest of some exact values, as a double, for scaling what HiGHS sees. */
const largest = (xs: readonly bigint[]) => xs.reduce((a, v) => (v > a ? v : a), 1n);

/** HiGHS's best set, rounded and checked exactly; a set that breaks a row to the penny is cut off and HiGHS asked again. */
function propose(solver: MilpSolver, model: Model, valueScaled: readonly number[], seconds: number): Uint8Array | null {
  const cuts: Uint8Array[] = [];
  for (let attempt = 0; attempt < 6; attempt++) {
    const result = solver.solve(lpFormat(model, valueScaled, { binary: true, cuts }), { ...SOLVER_OPTIONS, time_limit: seconds });
    // Stopped by the time limit, HiGHS may still hold a portfolio: it is checked like any other.
    if (result.Status !== "Optimal" && result.Status !== "Time limit reached") return null;
    if (Object.keys(result.Columns).length === 0) return null;
    const x = Uint8Array.from(model.candidates, (_c, i) => ((result.Columns[variable(i)]?.Primal ?? 0) > 0.5 ? 1 : 0));
    if (feasible(model, x)) return x;
    cuts.push(x);
  }
  return null;
}

/** Lagrangian multipliers from the LP relaxation's duals, as exact integers over a common scale (any y ≥ 0 gives a valid bound). */
function multipliers(solver: MilpSolver, model: Model, valueScaled: readonly number[], valueScale: number): number[] {
  const result = model.rows.length > 0 ? solver.solve(lpFormat(model, valueScaled, { binary: false, cuts: [] }), SOLVER_OPTIONS) : undefined;
  return model.rows.map((_r, j) => {
    const dual = result?.Status === "Optimal" ? (result.Rows?.[j]?.Dual ?? 0) : 0;
    const original = (Math.abs(dual) * valueScale) / ROW_SCALE;
    return Number.isFinite(original) ? original : 0;
  });
}

// ---------------------------------------------------------------- the verified optimum

export type Proof =
  /** The exact search of every set the bound could not rule out. */
  | "exact search"
  /** HiGHS, asked for any portfolio worth one unit more than the one found (checked to the penny), reports there is none. */
  | "solver cut"
  /** Each scheme in turn funded where a portfolio meeting every constraint could still be completed, each answer exact. */
  | "exact order";

export interface Portfolio {
  funded: boolean[];
  totalScore: number;
  /** The objective's exact value (Σ points, or Σ points × pence), for comparing portfolios. */
  value: bigint;
  totalCost: Pence;
  /** Whole pence by year of the plan. */
  costByYear: Pence[];
  checks: Check[];
}

export interface Check {
  constraint: string;
  met: boolean;
  detail: string;
}

export type Optimum =
  | ({ status: "optimal"; objective: ObjectiveId; proof: Proof; nodes: number } & Portfolio)
  | { status: "infeasible"; objective: ObjectiveId; reasons: string[]; nodes: number }
  | ({ status: "unproven"; objective: ObjectiveId; message: string } & Partial<Portfolio>);

/** Every constraint, checked exactly in whole pence for a chosen set, in words. */
export function checkPortfolio(candidates: readonly Candidate[], funded: readonly boolean[], rules: PortfolioRules): Check[] {
  const model = buildModel(candidates, rules);
  const acts = activities(model, funded);
  const checks = model.rows.map((r, j) => ({ constraint: capitalise(r.label), met: acts[j]! <= r.bound, detail: r.describe(acts[j]!) }));
  candidates.forEach((c, i) => {
    if (c.lock === "in" && !c.excluded && !funded[i]) checks.push({ constraint: `${c.name} locked in`, met: false, detail: "not funded" });
    if ((c.lock === "out" || c.excluded) && funded[i]) checks.push({ constraint: `${c.name} ${c.excluded ? "not eligible" : "locked out"}`, met: false, detail: "funded" });
  });
  return checks;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Whether a chosen set meets every constraint, in whole pence. */
export function meetsAll(candidates: readonly Candidate[], funded: ArrayLike<boolean | number>, rules: PortfolioRules): boolean {
  return feasible(buildModel(candidates, rules), funded);
}

export function portfolioOf(candidates: readonly Candidate[], funded: ArrayLike<boolean | number>, rules: PortfolioRules, objective: ObjectiveId): Portfolio {
  const f = Array.from(funded, Boolean);
  const years = rules.years?.length ?? 1;
  const byYear = yearCosts(candidates, rules);
  const costByYear = Array.from({ length: years }, (_v, t) => candidates.reduce((a, _c, i) => (f[i] ? a + byYear[i]![t]! : a), 0));
  const value = candidates.reduce((a, c, i) => (f[i] ? a + objectiveValue(c, objective) : a), 0n);
  return {
    funded: f,
    totalScore: candidates.reduce((a, c, i) => (f[i] ? a + c.score : a), 0),
    value,
    totalCost: candidates.reduce((a, c, i) => (f[i] ? a + c.cost : a), 0),
    costByYear,
    checks: checkPortfolio(candidates, f, rules),
  };
}

/**
 * The portfolio the chosen objective asks for, proven: feasible to the penny and optimal for the objective, or infeasible
 * with the smallest set of constraints that conflict; an answer the add-in cannot prove is said to be unproven, never
 * passed off as optimal.
 */
export function optimise(solver: MilpSolver, candidates: readonly Candidate[], rules: PortfolioRules, objective: ObjectiveId = "total-score", options: OptimiseOptions = {}): Optimum {
  if (candidates.length === 0) throw new PortfolioInputError("there are no schemes to prioritise");
  const nodeLimit = options.nodeLimit ?? SEARCH_NODE_LIMIT;
  const model = buildModel(candidates, rules);
  if (isOrdered(objective)) return fundDownTheList(solver, model, objective, nodeLimit);
  const value = values(candidates, objective);
  const free = model.fixed.reduce((a, f) => (f === -1 ? a + 1 : a), 0);
  const valueScale = Number(largest(value)) / 1000;
  const valueScaled = value.map((v) => Number(v) / valueScale);
  // A few schemes are searched exactly at once; for more, the LP relaxation's duals make the search's bound tight.
  const y = free > (options.exactUpTo ?? EXACT_UP_TO) ? multipliers(solver, model, valueScaled, valueScale) : model.rows.map(() => 0);
  // A plan over several years has several binding rows, where HiGHS's own branch and bound (an LP at every node) is far
  // better at finding the best portfolio: it proposes first there, and the exact search starts from its answer.
  const manyRows = (rules.years?.length ?? 1) > 1 && free > (options.exactUpTo ?? EXACT_UP_TO);
  let best: Uint8Array | null = null;
  let bestValue = -1n;
  let nodes = 0;
  let bound = Infinity;
  if (!manyRows) {
    const first = search({ model, value, y }, 0n, null, nodeLimit);
    nodes = first.nodes;
    bound = first.bound;
    if (first.complete && first.best === null) return { status: "infeasible", objective, reasons: explainInfeasible(model, nodeLimit), nodes };
    if (first.complete) return { status: "optimal", objective, proof: "exact search", nodes, ...portfolioOf(candidates, topUp(model, first.best!), rules, objective) };
    [best, bestValue] = [first.best, first.bestValue];
  }
  // The search ran out (or was not tried first): HiGHS proposes a portfolio, checked to the penny, and the exact search
  // tries again from it; failing that, HiGHS is asked for anything better.
  const proposal = propose(solver, model, valueScaled, options.solverSeconds ?? SOLVER_SECONDS);
  const proposed = proposal ? value.reduce((a, v, i) => (proposal[i] ? a + v : a), 0n) : -1n;
  if (proposal && proposed > bestValue) [best, bestValue] = [proposal, proposed];
  const again = search({ model, value, y }, best ? bestValue + 1n : 0n, best, manyRows ? Math.min(nodeLimit, MANY_ROWS_NODE_LIMIT) : nodeLimit);
  nodes += again.nodes;
  bound = Math.min(bound, again.bound);
  if (again.complete && again.best === null) return { status: "infeasible", objective, reasons: explainInfeasible(model, nodeLimit), nodes };
  if (again.complete) return { status: "optimal", objective, proof: "exact search", nodes, ...portfolioOf(candidates, topUp(model, again.best!), rules, objective) };
  [best, bestValue] = [again.best, again.bestValue];
  if (best && nothingBetter(solver, model, valueScaled, valueScale, bestValue, options.solverSeconds ?? SOLVER_SECONDS)) {
    return { status: "optimal", objective, proof: "solver cut", nodes, ...portfolioOf(candidates, topUp(model, best), rules, objective) };
  }
  const short = best ? (100 * (bound - Number(bestValue))) / bound : null;
  const within = short === null || !Number.isFinite(short) ? "" : `; no portfolio can be worth more than ${short < 0.01 ? "0.01" : short.toFixed(2)}% more`;
  return unproven(candidates, rules, objective, best, `the exact check stopped after ${nodes.toLocaleString("en-GB")} steps without proving it the best${within}`);
}

/**
 * Whether HiGHS, asked for a portfolio worth at least one unit more than `found`, reports none. Only asked where one unit
 * is at least a thousand times its feasibility tolerance (1e-9) on the scaled objective, so its "infeasible" cannot be a
 * rounding: HiGHS accepts points slightly outside a row, never rejects ones inside it.
 */
function nothingBetter(solver: MilpSolver, model: Model, valueScaled: readonly number[], valueScale: number, found: bigint, seconds: number): boolean {
  if (1 / valueScale < 1e-6) return false;
  const cut = { valueScaled, atLeast: Number(found + 1n) / valueScale };
  const result = solver.solve(lpFormat(model, valueScaled, { binary: true, cuts: [], objectiveAtLeast: cut.atLeast }), { ...SOLVER_OPTIONS, time_limit: seconds });
  return result.Status === "Infeasible";
}

/**
 * An optimal set with every scheme that still fits added, in the ranked list's order: only schemes worth nothing to the
 * objective can (a score of 0, or under £500 in score-weighted spend), so the value, and its proof, are unchanged, and a
 * Board is not told a scheme that fits in money left over goes unfunded.
 */
function topUp(model: Model, funded: Uint8Array): Uint8Array {
  const x = Uint8Array.from(funded);
  // Each row's activity kept up to date, so a plan of thousands of schemes is topped up in one pass.
  const acts = activities(model, x);
  for (const i of rankOrder(model.candidates)) {
    if (x[i] || model.fixed[i] !== -1) continue;
    // Funding one more only adds cost: rows it touches must stay within their bounds; a "≥" row only gets easier.
    if (model.rows.every((r, j) => acts[j]! + r.coefficients[i]! <= r.bound)) {
      x[i] = 1;
      model.rows.forEach((r, j) => (acts[j]! += r.coefficients[i]!));
    }
  }
  return x;
}

export interface OptimiseOptions {
  /** How many nodes an exact search may visit. */
  nodeLimit?: number;
  /** Up to this many free schemes the exact search runs alone, without HiGHS. */
  exactUpTo?: number;
  /** How long HiGHS may take when asked. */
  solverSeconds?: number;
}

/** With several binding rows the exact search after HiGHS is a quick check, not the main proof. */
const MANY_ROWS_NODE_LIMIT = 100_000;

/** How long HiGHS may look for a portfolio when the exact search alone has not settled it. */
export const SOLVER_SECONDS = 3;

/** Up to this many free schemes (4,096 sets) an exact search alone is quicker than asking HiGHS for the LP's duals. */
export const EXACT_UP_TO = 12;

function unproven(candidates: readonly Candidate[], rules: PortfolioRules, objective: ObjectiveId, best: Uint8Array | null, why: string): Optimum {
  return best
    ? { status: "unproven", objective, message: `Not proven optimal: ${why}. The portfolio shown meets every constraint to the penny.`, ...portfolioOf(candidates, best, rules, objective) }
    : { status: "unproven", objective, message: `Could not find a portfolio or prove there is none: ${why}.` };
}

/**
 * Funding down a list (by score, or by score per £), as the Board would by hand but within the constraints: each scheme
 * in turn is funded when, with it, a portfolio meeting every constraint can still be completed; each such question is
 * answered exactly, so the result is the list's own portfolio, proven.
 *
 * A witness is kept: a portfolio meeting every row that agrees with every decision so far. A scheme already in it, or
 * one that can join it, is funded without a search; otherwise the question is asked (see `completes`) and a "yes"
 * brings a new witness. A "no" leaves the witness as it was, since it does not hold that scheme.
 */
function fundDownTheList(solver: MilpSolver, model: Model, objective: ObjectiveId, nodeLimit: number): Optimum {
  const { candidates, rules } = model;
  const start = completes(solver, model, nodeLimit);
  let nodes = start.nodes;
  if (start.result === "unknown") return unproven(candidates, rules, objective, null, "the search for a first portfolio ran out of steps");
  if (start.result !== "yes") return { status: "infeasible", objective, reasons: explainInfeasible(model, nodeLimit), nodes };
  let witness = start.witness;
  const fixed = Int8Array.from(model.fixed);
  const decided = { ...model, fixed };
  for (const i of fundingOrder(candidates, objective)) {
    if (fixed[i] !== -1) continue;
    fixed[i] = 1;
    if (witness[i]) continue;
    const joined = Uint8Array.from(witness);
    joined[i] = 1;
    if (feasible(decided, joined)) {
      witness = joined;
      continue;
    }
    const answer = completes(solver, decided, nodeLimit);
    nodes += answer.nodes;
    if (answer.result === "unknown") return unproven(candidates, rules, objective, null, `whether ${candidates[i]!.name} can be funded could not be settled`);
    if (answer.result === "yes") witness = answer.witness;
    else fixed[i] = 0;
  }
  return { status: "optimal", objective, proof: "exact order", nodes, ...portfolioOf(candidates, Array.from(fixed, (f) => f === 1), rules, objective) };
}

type Completion = { result: "yes"; witness: Uint8Array; nodes: number } | { result: "no" | "unknown"; nodes: number };

/** A first, short exact search: most questions are settled in a few hundred steps. */
const QUICK_NODE_LIMIT = 2_000;

/**
 * Whether the decisions so far can be completed into a portfolio meeting every row, with one such portfolio when they
 * can. "Yes" is always a set checked exactly, whoever found it (the exact search, or HiGHS when the search is slow to);
 * "no" is only ever the exact search's, its bound built from HiGHS's phase-one duals (how far the LP relaxation is from
 * meeting the rows) when a short search has not settled it.
 */
function completes(solver: MilpSolver, model: Model, nodeLimit: number): Completion {
  const n = model.fixed.length;
  const chosen = Uint8Array.from(model.fixed, (f) => (f === 1 ? 1 : 0));
  const acts = activities(model, chosen);
  // The undecided can only add cost: a row over its bound already cannot be mended by a "≤" row; check that first.
  let canStayOut = true;
  for (let j = 0; j < model.rows.length; j++) {
    const row = model.rows[j]!;
    if (acts[j]! > row.bound) {
      let reachable = acts[j]!;
      for (let i = 0; i < n; i++) if (model.fixed[i] === -1 && row.coefficients[i]! < 0) reachable += row.coefficients[i]!;
      if (reachable > row.bound) return { result: "no", nodes: 0 };
      canStayOut = false;
    }
  }
  if (canStayOut) return { result: "yes", witness: chosen, nodes: 0 };
  const settled = (found: SearchResult, nodes: number): Completion | null =>
    found.best ? { result: "yes", witness: found.best, nodes } : found.complete ? { result: "no", nodes } : null;
  const quick = findFeasible(model, Math.min(nodeLimit, QUICK_NODE_LIMIT));
  const answer = settled(quick, quick.nodes);
  if (answer) return answer;
  const proposal = propose(solver, model, model.candidates.map(() => 0), SOLVER_SECONDS);
  if (proposal) return { result: "yes", witness: proposal, nodes: quick.nodes };
  const y = phaseOneMultipliers(solver, model);
  const full = search({ model, value: model.candidates.map(() => 0n), y }, 0n, null, nodeLimit);
  let nodes = quick.nodes + full.nodes;
  const phaseOne = settled(full, nodes);
  if (phaseOne) return phaseOne;
  // The relaxation can meet every row, but a minimum may still be out of reach in whole schemes: for each minimum not yet
  // met, a search for the most the schemes could give it under the other rows (their LP duals the bound), pruning every
  // branch that cannot reach it. Any set it finds meets every row; none, and no set can.
  for (let j = 0; j < model.rows.length; j++) {
    const row = model.rows[j]!;
    if (row.bound >= 0 || acts[j]! <= row.bound) continue;
    const gives = Array.from(row.coefficients, (a) => (a < 0 ? -a : 0));
    const others = { ...model, rows: model.rows.filter((_r, k) => k !== j) };
    const yOthers = multipliers(solver, others, gives.map((g) => g / ROW_SCALE), ROW_SCALE);
    const y = [...yOthers.slice(0, j), 0, ...yOthers.slice(j)];
    const found = search({ model, value: gives.map((g) => BigInt(g)), y }, BigInt(-row.bound), null, nodeLimit, true);
    nodes += found.nodes;
    const answer = settled(found, nodes);
    if (answer) return answer;
  }
  return { result: "unknown", nodes };
}

/**
 * Multipliers for a feasibility question: the duals of HiGHS's phase-one LP (least total shortfall of the rows over the
 * LP relaxation). Where the relaxation cannot meet the rows they fold them into one row no set can meet, which the exact
 * search sees at once; elsewhere they still weigh each row by how much it binds. Any y ≥ 0 gives a valid search, so a
 * failed solve only gives zeros.
 */
function phaseOneMultipliers(solver: MilpSolver, model: Model): number[] {
  const n = model.candidates.length;
  const lines = ["Minimize", ` shortfall: ${model.rows.map((_r, j) => `+ s${j}`).join(" ")}`, "Subject To"];
  model.rows.forEach((r, j) => {
    const terms: string[] = [];
    for (let i = 0; i < n; i++) if (r.coefficients[i] !== 0 && model.fixed[i] === -1) terms.push(term(r.coefficients[i]! / ROW_SCALE, i));
    let bound = r.bound;
    for (let i = 0; i < n; i++) if (model.fixed[i] === 1) bound -= r.coefficients[i]!;
    lines.push(` r${j}: ${terms.join(" ")} - s${j} <= ${fmt(bound / ROW_SCALE)}`);
  });
  lines.push("Bounds");
  for (let i = 0; i < n; i++) if (model.fixed[i] === -1 && model.rows.some((r) => r.coefficients[i] !== 0)) lines.push(` 0 <= ${variable(i)} <= 1`);
  lines.push("End");
  const result = solver.solve(lines.join("\n"), SOLVER_OPTIONS);
  return model.rows.map((_r, j) => (result.Status === "Optimal" ? Math.abs(result.Rows?.[j]?.Dual ?? 0) : 0));
}

// ---------------------------------------------------------------- why there is no portfolio

/**
 * The smallest sets of constraints that cannot be met together by the schemes that may be funded, each proven by an
 * exact search, with their figures: one constraint alone where that is the cause, else the smallest pairs or triples.
 */
export function explainInfeasible(model: Model, nodeLimit = SEARCH_NODE_LIMIT): string[] {
  const groups = model.groups.map((_g, k) => k);
  const lockedIn = model.candidates.filter((c) => c.lock === "in" && !c.excluded);
  const locks = model.groups.findIndex((g) => g.kind === "locks");
  const only = (keep: ReadonlySet<number>): Model => {
    // Drop every row outside the kept groups; without the locks group the locked-in schemes are free again.
    const fixed = Int8Array.from(model.fixed, (f, i) => (f === 1 && !keep.has(locks) && model.candidates[i]!.lock === "in" ? -1 : f));
    return { ...model, fixed, rows: model.rows.filter((r) => keep.has(r.group)) };
  };
  for (let size = 1; size <= Math.min(groups.length, 3); size++) {
    const conflicts: number[][] = [];
    for (const subset of combinations(groups, size)) {
      if (subset.every((g) => model.groups[g]!.kind === "locks")) {
        continue;
      }
      const result = findFeasible(only(new Set(subset)), nodeLimit);
      if (result.complete && !result.best) conflicts.push(subset);
    }
    if (conflicts.length > 0) return conflicts.map((subset) => describeConflict(model, subset, lockedIn));
  }
  return ["No portfolio meets every constraint together; the add-in could not name a set of three or fewer that conflict"];
}

function* combinations(items: readonly number[], size: number, from = 0, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === size) {
    yield prefix;
    return;
  }
  for (let k = from; k < items.length; k++) yield* combinations(items, size, k + 1, [...prefix, items[k]!]);
}

/** A conflict in words, each constraint with its figure and, for a minimum, what the schemes that may be funded can give it. */
function describeConflict(model: Model, subset: readonly number[], lockedIn: readonly Candidate[]): string {
  const usable = (i: number) => model.fixed[i] !== 0;
  const parts = subset.map((g) => {
    const group = model.groups[g]!;
    if (group.kind === "locks") return `the schemes locked in (${lockedIn.map((c) => `${c.name} ${gbp(c.cost)}`).join(", ")})`;
    const row = model.rows.find((r) => r.group === g)!;
    if (group.kind === "minimum") {
      const available = model.candidates.reduce((a, _c, i) => (usable(i) ? a - row.coefficients[i]! : a), 0);
      return subset.length === 1 ? `${group.label} cannot be met: the schemes that may be funded for it total ${gbp(available)}` : `${group.label}, for which the schemes that may be funded total ${gbp(available)}`;
    }
    return subset.length === 1 ? `${group.label} cannot be met` : group.label;
  });
  return parts.length === 1 ? capitalise(parts[0]!) : `These cannot be met together: ${parts.join("; ")}`;
}
