// Money: the one decimal.js configuration, parsing, rounding to pence and £ formatting.
import DecimalJs from "decimal.js";

/**
 * The project's own Decimal constructor. A clone, so no other library's use of
 * decimal.js (or ours of theirs) can change how money is computed.
 * 40 significant digits covers any NHS budget in pence with room for ratios.
 */
export const Money = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Money = InstanceType<typeof Money>;

/**
 * Rounding to pence is half-even ("banker's rounding"): unbiased over many
 * figures, so rounded sub-totals do not drift in one direction.
 */
export const PENCE_ROUNDING = DecimalJs.ROUND_HALF_EVEN;

export class MoneyParseError extends Error {
  constructor(readonly input: unknown, reason: string) {
    super(reason);
    this.name = "MoneyParseError";
  }
}

const AMOUNT_TEXT = /^\(?-?£?-?\d[\d,]*(\.\d+)?\)?$/;

/**
 * Parses an amount as a finance user or Excel gives it: a number (Excel's
 * double, read through its shortest decimal form, which is what was typed) or
 * text such as "£1,234.50", "-1234.5" or "(1,234.50)" for a negative.
 */
export function parseMoney(input: unknown): Money {
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw new MoneyParseError(input, `${String(input)} is not an amount`);
    return new Money(String(input));
  }
  if (typeof input === "string") {
    const text = input.trim().replace(/\s+/g, "");
    if (text === "") throw new MoneyParseError(input, "the amount is empty");
    if (!AMOUNT_TEXT.test(text)) throw new MoneyParseError(input, `"${input}" is not an amount in pounds`);
    const bracketed = text.startsWith("(") && text.endsWith(")");
    const minus = (text.match(/-/g) ?? []).length;
    if (minus > 1 || (bracketed && minus > 0) || text.startsWith("(") !== text.endsWith(")")) {
      throw new MoneyParseError(input, `"${input}" is not an amount in pounds`);
    }
    const digits = text.replace(/[()£,-]/g, "");
    const value = new Money(digits);
    return bracketed || minus === 1 ? value.negated() : value;
  }
  throw new MoneyParseError(input, `${input === null || input === undefined ? "a blank" : typeof input} is not an amount`);
}

/** parseMoney, with where the value came from in the error (e.g. "plans row 3"), for people finding the cell. */
export function parseMoneyAt(input: unknown, where: string): Money {
  try {
    return parseMoney(input);
  } catch (error) {
    if (error instanceof MoneyParseError) throw new MoneyParseError(input, `${where}: ${error.message}`);
    throw error;
  }
}

/** Rounds to whole pence (half-even): the boundary where a figure is shown, written or allocated. */
export function toPence(amount: Money): Money {
  return amount.toDecimalPlaces(2, PENCE_ROUNDING);
}

/** The number Excel should receive for an amount: pence-rounded, then converted once. */
export function toExcelNumber(amount: Money): number {
  return toPence(amount).toNumber();
}

const GROUPS = /\B(?=(\d{3})+(?!\d))/g;

/** "£1,234.50", "-£1,234.50": pence-rounded, grouped in thousands, UK style. */
export function formatGBP(amount: Money): string {
  const rounded = toPence(amount);
  const [whole, fraction] = rounded.abs().toFixed(2).split(".");
  const sign = rounded.isNegative() && !rounded.isZero() ? "-" : "";
  return `${sign}£${whole!.replace(GROUPS, ",")}.${fraction!}`;
}

export class AllocationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AllocationError";
  }
}

/**
 * Splits an amount across shares in proportion to their weights, in whole
 * pence, summing exactly to the amount (largest remainder). Each share first
 * gets its proportional amount rounded down to the penny; the pence left over
 * go one each to the shares with the largest remainders, ties to the earlier
 * share, so the result is deterministic. A negative amount (a deficit) is
 * split as its magnitude and negated, so shares of a loss mirror those of a gain.
 */
export function allocateByLargestRemainder(amount: Money, weights: readonly Money[]): Money[] {
  if (weights.length === 0) throw new AllocationError("there is nothing to allocate to");
  if (!amount.times(100).isInteger()) throw new AllocationError(`${amount.toString()} is not a whole number of pence`);
  if (weights.some((w) => w.isNegative() || !w.isFinite())) throw new AllocationError("weights must not be negative");
  const total = weights.reduce((sum, w) => sum.plus(w), new Money(0));
  if (total.isZero()) throw new AllocationError("the weights are all zero");
  const pennies = amount.abs().times(100);
  const floors = roundByLargestRemainder(
    weights.map((w) => pennies.times(w).dividedBy(total)),
    pennies,
  );
  const sign = amount.isNegative() ? -1 : 1;
  return floors.map((p) => p.dividedBy(100).times(sign));
}

/**
 * Rounds exact parts (in whole units, e.g. pence) to integers summing to
 * `total`: each part rounded down, then the units left over one each to the
 * parts with the largest remainders, ties to the earlier part. A part that is
 * already whole is never raised while a part with a remainder is waiting, so
 * an exact bound (a floor or cap in whole pence) is never crossed.
 */
function roundByLargestRemainder(exact: readonly Money[], total: Money): Money[] {
  const floors = exact.map((e) => e.floor());
  let left = total.minus(floors.reduce((sum, f) => sum.plus(f), new Money(0))).toNumber();
  const order = exact
    .map((e, i) => ({ i, remainder: e.minus(floors[i]!) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    floors[i] = floors[i]!.plus(1);
    left -= 1;
  }
  return floors;
}

// ---------------------------------------------------------------- exact decimals as whole numbers

/** An exact decimal as a whole number and its decimal places: value = units / 10^places. */
export interface Exact {
  units: bigint;
  places: number;
}

const DECIMAL = /^(-?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** The exact decimal a finite number or a Money holds (a number through its shortest decimal form, as Excel shows it). */
export function exactOf(value: { toFixed(): string } | number): Exact {
  if (typeof value === "number" && Number.isSafeInteger(value)) return { units: BigInt(value), places: 0 };
  const text = typeof value === "number" ? String(value) : value.toFixed();
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`${text} is not a finite decimal`);
  const [, sign, whole = "", fraction = "", exponent = "0"] = match;
  const digits = (whole + fraction).replace(/^0+(?=\d)/, "") || "0";
  let places = fraction.length - Number(exponent);
  let units = BigInt(digits);
  if (places < 0) [units, places] = [units * 10n ** BigInt(-places), 0];
  while (places > 0 && units % 10n === 0n) [units, places] = [units / 10n, places - 1];
  return { units: sign ? -units : units, places };
}

/** The value in units of 10^-places (places at least the value's own); e.g. pounds to pence with places = 2. */
export function scaled(value: Exact, places: number): bigint {
  return value.units * 10n ** BigInt(places - value.places);
}

/** An amount in £ as whole pence, a safe integer (sums in doubles stay exact); a fraction of a penny is an error. */
export function wholePence(amount: Money | number, where: string): number {
  if (typeof amount === "number") {
    // Exact shortcut: p / 100 === amount exactly when amount is the double nearest p pence, i.e. its shortest decimal form has at most 2 places.
    const pence = Math.round(amount * 100);
    if (Number.isSafeInteger(pence) && pence / 100 === amount) return pence === 0 ? 0 : pence;
  }
  const exact = exactOf(amount);
  if (exact.places > 2) throw new MoneyParseError(amount, `${where}: ${String(amount)} is not a whole number of pence`);
  const pence = Number(scaled(exact, 2));
  if (!Number.isSafeInteger(pence)) throw new MoneyParseError(amount, `${where}: ${String(amount)} is too large an amount`);
  return pence;
}
