// Place transformation allocation: shares of need, formulas as rulebook data, and water-filling within floors, caps and pace of change, exact to the penny.
import { AllocationError, exactOf, formatGBP, Money, scaled, type Exact } from "./money";
import { waterFillPence } from "./waterFill";
import { RulebookError, type AllocationFormula, type AllocationSettings, type Rulebook } from "./rulebook";
import { tierLevel } from "./tiers";

export interface AllocationRow {
  weight: Money;
  /** At least this much, in £ (whole pence); null for none. */
  floor?: Money | null;
  /** At most this much, in £ (whole pence); null for none. */
  cap?: Money | null;
}

const ZERO = new Money(0);
const sum = (values: readonly Money[]) => values.reduce((a, b) => a.plus(b), ZERO);
const total = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n);
const pounds = (pence: bigint) => formatGBP(poundsOf(pence));

/** Pence to pounds without arithmetic: 123456n → 1234.56. */
function poundsOf(pence: bigint): Money {
  const digits = (pence < 0n ? -pence : pence).toString().padStart(3, "0");
  return new Money(`${pence < 0n ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`);
}

/**
 * Splits a fund across rows in proportion to their weights, subject to floors
 * and caps (water-filling: rows that hit a bound are fixed there and the rest
 * is shared again in proportion), in whole pence summing exactly to the fund.
 *
 * Exactly: each row gets clamp(λ·weight, floor, cap) for the one λ at which
 * the rows sum to the fund, found where rows leave their floors or reach their
 * caps and held as an exact fraction over whole pence (see waterFill.ts); then
 * pence are rounded by largest remainder, ties to the earlier row. A row at a
 * bound gets exactly the bound; a row between gets its proportional amount
 * rounded down or up by a penny, never past a bound. A zero-weight row gets its
 * floor (or nothing). Infeasible bounds are an error that says which.
 */
export function allocateWithinBounds(fund: Money, rows: readonly AllocationRow[], names?: readonly string[]): Money[] {
  const exact = rows.map((r) => ({ weight: exactOf(r.weight), floor: r.floor ? exactOf(r.floor) : null, cap: r.cap ? exactOf(r.cap) : null }));
  return allocateExact(exactOf(fund), exact, names).map(poundsOf);
}

export interface ExactRow {
  weight: Exact;
  floor: Exact | null;
  cap: Exact | null;
}

/**
 * The allocation on exact decimals (from Money, or straight from Excel's numbers), checked and filled in whole
 * numbers; in pence, so a caller handing amounts to Excel converts once (Number(pence) / 100 is the nearest double).
 */
export function allocateExact(fund: Exact, rows: readonly ExactRow[], names?: readonly string[]): bigint[] {
  const name = (i: number) => names?.[i] ?? `row ${i + 1}`;
  const inPence = (value: Exact, what: string) => {
    if (value.places > 2) throw new AllocationError(`${what} (${poundsText(value)}) is not a whole number of pence`);
    return scaled(value, 2);
  };
  if (rows.length === 0) throw new AllocationError("there is nothing to allocate to");
  if (fund.units < 0n) throw new AllocationError(`the fund must not be negative (${formatGBP(new Money(poundsText(fund)))})`);
  const fundPence = inPence(fund, "the fund");
  rows.forEach((r, i) => {
    if (r.weight.units < 0n) throw new AllocationError(`${name(i)}: the weight is negative; weights must be 0 or more`);
  });
  if (rows.every((r) => r.weight.units === 0n)) throw new AllocationError("the weights are all zero");
  const floors = rows.map((r, i) => (r.floor ? inPence(r.floor, `${name(i)}: the floor`) : 0n));
  const caps = rows.map((r, i) => (r.cap ? inPence(r.cap, `${name(i)}: the cap`) : null));
  floors.forEach((floor, i) => {
    if (floor < 0n) throw new AllocationError(`${name(i)}: the floor is negative`);
    const cap = caps[i];
    if (cap !== null && cap !== undefined && cap < floor) {
      throw new AllocationError(`${name(i)}: the floor ${pounds(floor)} is above the cap ${pounds(cap)}`);
    }
  });
  const floorTotal = total(floors);
  if (floorTotal > fundPence) throw new AllocationError(`the floors add up to ${pounds(floorTotal)}, more than the fund of ${pounds(fundPence)}`);
  // Rows with no weight stay at their floor, so only weighted rows can take the fund up to their caps.
  const weighted = rows.map((r) => r.weight.units > 0n);
  if (weighted.every((w, i) => !w || caps[i] !== null)) {
    const most = total(floors.map((floor, i) => (weighted[i] ? caps[i]! : floor)));
    if (most < fundPence) throw new AllocationError(`the caps add up to ${pounds(most)}, less than the fund of ${pounds(fundPence)}`);
  }
  // Weights on one scale: the most decimal places any of them has.
  const places = Math.max(...rows.map((r) => r.weight.places));
  return waterFillPence(
    fundPence,
    rows.map((r) => scaled(r.weight, places)),
    floors,
    caps,
  );
}

/** An exact decimal as plain text, for messages: { units: 12345n, places: 3 } → "12.345". */
function poundsText(value: Exact): string {
  const digits = (value.units < 0n ? -value.units : value.units).toString().padStart(value.places + 1, "0");
  const whole = value.places === 0 ? digits : `${digits.slice(0, -value.places)}.${digits.slice(-value.places)}`;
  return value.units < 0n ? `-${whole}` : whole;
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
  /** What the units allocated to are called: Places, or ICPs where the allocation is by ICP (NENC). */
  units: UnitWords;
}

/** A tier's units in words, one and many: "Place", "Places"; "ICP", "ICPs". */
export interface UnitWords {
  one: string;
  many: string;
}

export const PLACE_WORDS: UnitWords = { one: "Place", many: "Places" };

/** A tier's label, one and many. */
export const unitWords = (label: string): UnitWords => ({ one: label, many: /s$/i.test(label) ? label : `${label}s` });

/** The units the allocation's tier has, in words (the first tier's when the allocation names none). */
export const allocationUnitWords = (rulebook: Rulebook): UnitWords => unitWords(rulebook.tiers[tierLevel(rulebook, rulebook.allocation?.tier)]!.label);

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

/**
 * Runs one formula over the Places (the units of the allocation's tier, named in messages as `units` says): target
 * shares, the allocation within its limits, and the distances from target.
 */
export function runFormula(formula: AllocationFormula, fund: Money, places: readonly PlaceInput[], clause: string, units: UnitWords = PLACE_WORDS): FormulaResult {
  if (places.length === 0) throw new AllocationError(`there are no ${units.many} to allocate to`);
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
    explanation: `${formula.label}: ${formatGBP(fund)} to ${places.length} ${places.length === 1 ? units.one : units.many} by formula agreed by the partners (${clause})${limited.length ? `; ${limited.join(", ")}` : "; no limit binds"}`,
    units,
  };
}
