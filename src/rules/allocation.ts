// Place transformation allocation: shares of need, formulas as rulebook data, and water-filling within floors, caps and pace of change, exact to the penny.
import { AllocationError, formatGBP, Money, roundByLargestRemainder } from "./money";
import { RulebookError, type AllocationFormula, type AllocationSettings, type Rulebook } from "./rulebook";

export interface AllocationRow {
  weight: Money;
  /** At least this much, in £ (whole pence); null for none. */
  floor?: Money | null;
  /** At most this much, in £ (whole pence); null for none. */
  cap?: Money | null;
}

const ZERO = new Money(0);
const sum = (values: readonly Money[]) => values.reduce((a, b) => a.plus(b), ZERO);

function wholePence(amount: Money, what: string): Money {
  const pence = amount.times(100);
  if (!pence.isInteger()) throw new AllocationError(`${what} (${amount.toString()}) is not a whole number of pence`);
  return pence;
}

/**
 * Splits a fund across rows in proportion to their weights, subject to floors
 * and caps (water-filling: rows that hit a bound are fixed there and the rest
 * is shared again in proportion), in whole pence summing exactly to the fund.
 *
 * Exactly: each row gets clamp(λ·weight, floor, cap) for the one λ at which
 * the rows sum to the fund, found by walking the breakpoints where rows leave
 * their floors or reach their caps; then pence are rounded by largest
 * remainder, ties to the earlier row. A row at a bound gets exactly the bound;
 * a row between gets its proportional amount rounded down or up by a penny,
 * never past a bound. A zero-weight row gets its floor (or nothing).
 * Infeasible bounds are an error that says which.
 */
export function allocateWithinBounds(fund: Money, rows: readonly AllocationRow[], names?: readonly string[]): Money[] {
  const name = (i: number) => names?.[i] ?? `row ${i + 1}`;
  if (rows.length === 0) throw new AllocationError("there is nothing to allocate to");
  if (fund.isNegative()) throw new AllocationError(`the fund must not be negative (${formatGBP(fund)})`);
  const total = wholePence(fund, "the fund");
  const w = rows.map((r, i) => {
    if (r.weight.isNegative()) throw new AllocationError(`${name(i)}: the weight is negative; weights must be 0 or more`);
    return r.weight;
  });
  if (w.every((x) => x.isZero())) throw new AllocationError("the weights are all zero");
  const floors = rows.map((r, i) => (r.floor ? wholePence(r.floor, `${name(i)}: the floor`) : ZERO));
  const caps = rows.map((r, i) => (r.cap ? wholePence(r.cap, `${name(i)}: the cap`) : null));
  rows.forEach((_r, i) => {
    if (floors[i]!.isNegative()) throw new AllocationError(`${name(i)}: the floor is negative`);
    const cap = caps[i];
    if (cap && cap.lt(floors[i]!)) {
      throw new AllocationError(`${name(i)}: the floor ${formatGBP(floors[i]!.dividedBy(100))} is above the cap ${formatGBP(cap.dividedBy(100))}`);
    }
  });
  const floorTotal = sum(floors);
  if (floorTotal.gt(total)) {
    throw new AllocationError(`the floors add up to ${formatGBP(floorTotal.dividedBy(100))}, more than the fund of ${formatGBP(fund)}`);
  }
  // Rows with no weight stay at their floor, so only weighted rows can take the fund up to their caps.
  const most = rows.some((_r, i) => w[i]!.gt(0) && caps[i] === null)
    ? null
    : sum(rows.map((_r, i) => (w[i]!.gt(0) ? caps[i]! : floors[i]!)));
  if (most !== null && most.lt(total)) {
    throw new AllocationError(`the caps add up to ${formatGBP(most.dividedBy(100))}, less than the fund of ${formatGBP(fund)}`);
  }

  const lambda = waterLevel(total, w, floors, caps);
  const exact = w.map((weight, i) => {
    const share = weight.times(lambda);
    const cap = caps[i];
    return share.lt(floors[i]!) ? floors[i]! : cap && share.gt(cap) ? cap : share;
  });
  return roundByLargestRemainder(exact, total).map((p) => p.dividedBy(100));
}

/** The λ at which Σ clamp(λ·w, floor, cap) equals the total (in pence). */
function waterLevel(total: Money, w: readonly Money[], floors: readonly Money[], caps: readonly (Money | null)[]): Money {
  type Event = { at: Money; i: number; leavesFloor: boolean };
  const events: Event[] = [];
  let fixed = sum(floors);
  w.forEach((weight, i) => {
    if (weight.isZero()) return;
    events.push({ at: floors[i]!.dividedBy(weight), i, leavesFloor: true });
    const cap = caps[i];
    if (cap) events.push({ at: cap.dividedBy(weight), i, leavesFloor: false });
  });
  // A row leaves its floor before it can reach its cap at the same level.
  events.sort((a, b) => a.at.comparedTo(b.at) || (a.leavesFloor === b.leavesFloor ? 0 : a.leavesFloor ? -1 : 1));
  let slope = ZERO;
  let level = ZERO;
  for (const e of events) {
    if (fixed.plus(slope.times(e.at)).gte(total)) break;
    level = e.at;
    if (e.leavesFloor) {
      fixed = fixed.minus(floors[e.i]!);
      slope = slope.plus(w[e.i]!);
    } else {
      fixed = fixed.plus(caps[e.i]!);
      slope = slope.minus(w[e.i]!);
    }
  }
  return slope.isZero() ? level : total.minus(fixed).dividedBy(slope);
}

/** Each row's share of need-weighted population (population × need index): a column summing to 1. */
export function placeShares(population: readonly Money[], needIndex: readonly Money[]): Money[] {
  if (population.length !== needIndex.length) {
    throw new AllocationError(`population has ${population.length} rows but need index has ${needIndex.length}`);
  }
  population.forEach((p, i) => {
    if (p.isNegative()) throw new AllocationError(`population row ${i + 1} is negative`);
    if (needIndex[i]!.isNegative()) throw new AllocationError(`need index row ${i + 1} is negative`);
  });
  const weighted = population.map((p, i) => p.times(needIndex[i]!));
  const total = sum(weighted);
  if (total.isZero()) throw new AllocationError("the need-weighted population is zero");
  return weighted.map((x) => x.dividedBy(total));
}

// ---------------------------------------------------------------- formulas over the Places table

export interface PlaceInput {
  place: string;
  population: Money;
  needIndex: Money;
  baseline: Money | null;
  floor: Money | null;
  cap: Money | null;
}

export type Limit = "floor" | "cap" | "pace of change (below)" | "pace of change (above)";

export interface PlaceAllocation {
  place: string;
  /** The formula's share before any limit. */
  targetShare: Money;
  /** fund × target share, unrounded. */
  target: Money;
  allocation: Money;
  share: Money;
  perCapita: Money;
  /** Baseline − target: how far the Place starts from its target; null without a baseline. */
  distanceBefore: Money | null;
  /** Allocation − target: how far it ends after the limits. */
  distanceAfter: Money;
  /** The limit the Place's allocation sits at, if any. */
  limitedBy: Limit | null;
}

export interface FormulaResult {
  formula: AllocationFormula;
  fund: Money;
  places: PlaceAllocation[];
  explanation: string;
}

export function allocationSettings(rulebook: Rulebook): AllocationSettings {
  if (!rulebook.allocation) throw new RulebookError(`the rulebook "${rulebook.name}" has no allocation section`);
  return rulebook.allocation;
}

export function findFormula(rulebook: Rulebook, id: string): AllocationFormula {
  const formula = allocationSettings(rulebook).formulas.find((f) => f.id === id);
  if (!formula) throw new RulebookError(`unknown formula "${id}"`);
  return formula;
}

const WEIGHTS: Record<AllocationFormula["weighting"], (p: PlaceInput) => Money> = {
  equal: () => new Money(1),
  "per-capita": (p) => p.population,
  "need-weighted": (p) => p.population.times(p.needIndex),
};

/** Bounds from the table and from pace of change, the tighter of each; pace bounds rounded inwards to whole pence. */
function boundsOf(formula: AllocationFormula, p: PlaceInput): { floor: Money | null; cap: Money | null; floorIs: Limit; capIs: Limit } {
  let floor = formula.useFloorsAndCaps ? p.floor : null;
  let cap = formula.useFloorsAndCaps ? p.cap : null;
  let floorIs: Limit = "floor";
  let capIs: Limit = "cap";
  if (formula.paceOfChangeBasisPoints !== null && p.baseline) {
    const move = p.baseline.times(formula.paceOfChangeBasisPoints).dividedBy(10_000);
    const low = p.baseline.minus(move).toDecimalPlaces(2, Money.ROUND_CEIL);
    const high = p.baseline.plus(move).toDecimalPlaces(2, Money.ROUND_FLOOR);
    if (!floor || low.gt(floor)) [floor, floorIs] = [low, "pace of change (below)"];
    if (!cap || high.lt(cap)) [cap, capIs] = [high, "pace of change (above)"];
  }
  return { floor, cap, floorIs, capIs };
}

/** Runs one formula over the Places: target shares, the allocation within its limits, and the distances from target. */
export function runFormula(formula: AllocationFormula, fund: Money, places: readonly PlaceInput[], clause: string): FormulaResult {
  if (places.length === 0) throw new AllocationError("there are no Places to allocate to");
  places.forEach((p) => {
    if (p.population.isNegative() || p.needIndex.isNegative()) throw new AllocationError(`${p.place}: population and need index must not be negative`);
  });
  const weights = places.map(WEIGHTS[formula.weighting]);
  const totalWeight = sum(weights);
  if (totalWeight.isZero()) throw new AllocationError(`the ${formula.label} weights are all zero`);
  const bounds = places.map((p) => boundsOf(formula, p));
  const amounts = allocateWithinBounds(
    fund,
    weights.map((weight, i) => ({ weight, floor: bounds[i]!.floor, cap: bounds[i]!.cap })),
    places.map((p) => p.place),
  );
  const result = places.map((p, i): PlaceAllocation => {
    const targetShare = weights[i]!.dividedBy(totalWeight);
    const target = fund.times(targetShare);
    const allocation = amounts[i]!;
    const b = bounds[i]!;
    return {
      place: p.place,
      targetShare,
      target,
      allocation,
      share: fund.isZero() ? ZERO : allocation.dividedBy(fund),
      perCapita: p.population.isZero() ? ZERO : allocation.dividedBy(p.population),
      distanceBefore: p.baseline ? p.baseline.minus(target) : null,
      distanceAfter: allocation.minus(target),
      limitedBy: b.floor && allocation.eq(b.floor) && !allocation.eq(target) ? b.floorIs : b.cap && allocation.eq(b.cap) && !allocation.eq(target) ? b.capIs : null,
    };
  });
  const limited = result.filter((r) => r.limitedBy).map((r) => `${r.place} at its ${r.limitedBy}`);
  return {
    formula,
    fund,
    places: result,
    explanation: `${formula.label}: ${formatGBP(fund)} to ${places.length} Places by formula agreed by the partners (${clause})${limited.length ? `; ${limited.join(", ")}` : "; no limit binds"}`,
  };
}
