// Money: the one decimal.js configuration, parsing, rounding to pence and £ formatting.
import { RulesInputError } from "./inputError";
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

export class MoneyParseError extends RulesInputError {
  constructor(readonly input: unknown, reason: string) {
    super(reason);
    this.name = "MoneyParseError";
  }
}

/**
 * Excel holds a number as a double but works to, and shows, 15 significant digits. A formula's result carries
 * binary noise beyond them (=100*1.15 gives 114.99999999999999); a typed value has at most 15, so reading a number
 * at 15 significant digits gives back what was typed exactly and what a formula meant. Amounts of £10 trillion or
 * more cannot carry pence in 15 digits, in Excel or here.
 */
export const EXCEL_SIGNIFICANT_DIGITS = 15;

/** A number from Excel as the decimal Excel means by it: rounded to 15 significant digits, so formula noise goes. */
export function fromExcelNumber(value: number): Money {
  if (!Number.isFinite(value)) throw new MoneyParseError(value, `${String(value)} is not an amount`);
  if (value === 0) return new Money(0);
  return new Money(value.toPrecision(EXCEL_SIGNIFICANT_DIGITS));
}

/**
 * The minus sign the add-in writes: "-" (hyphen-minus), as Excel's own number formats show a negative amount, so a
 * figure read in a panel or a message looks as it does in the cells and stays a number when pasted into one.
 * Both "-" and "−" (U+2212, as typeset documents and some systems export) are read.
 */
export const MINUS = "-";

/** An amount given as text: optional brackets (negative), one minus sign, £, then digits with optional thousands separators. */
const AMOUNT_TEXT = /^(\()?\s*([-\u2212])?\s*(£)?\s*([-\u2212])?\s*([0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)\s*(\))?$/;
/** Thousands separators as UK finance writes them: 1 to 3 digits, then groups of exactly 3. */
const GROUPED = /^[1-9][0-9]{0,2}(?:,[0-9]{3})+$/;

const decimalComma = (input: string, written: string) => `"${input}" uses a comma as a decimal point; use a full stop, e.g. ${written}`;

/** Why text that is almost an amount is not one, or null when there is nothing more useful to say than "not an amount". */
function separatorProblem(input: string, digits: string): string | null {
  const [whole = "", fraction] = digits.split(".");
  if (!whole.includes(",")) return null;
  const groups = whole.split(",");
  // One comma, no full stop, and not a thousands group after it (or nothing before it): a decimal comma.
  if (fraction === undefined && groups.length === 2 && (groups[1]!.length !== 3 || /^0+$/.test(groups[0]!))) {
    return decimalComma(input, input.trim().replace(",", "."));
  }
  return GROUPED.test(whole) ? null : `"${input}": thousands separators must separate groups of three digits`;
}

/** The continental way round, "1.234,56": full stops grouping thousands and a comma before the pence. */
const CONTINENTAL = /^[0-9]{1,3}(?:\.[0-9]{3})*,[0-9]+$/;

function parseMoneyText(input: string): Money {
  const text = input.trim();
  if (text === "") throw new MoneyParseError(input, "the amount is empty");
  const notAmount = () => new MoneyParseError(input, `"${input}" is not an amount in pounds`);
  const match = AMOUNT_TEXT.exec(text);
  if (!match) {
    const bare = text.replace(/^[(\s\-\u2212£]+|[)\s]+$/g, "");
    if (CONTINENTAL.test(bare)) {
      throw new MoneyParseError(input, decimalComma(input, text.replace(/\./g, "").replace(",", ".")));
    }
    if (/^[0-9][0-9,]*\s+[0-9][0-9\s,]*(?:\.[0-9]+)?$/.test(bare)) throw new MoneyParseError(input, `"${input}" has spaces inside the number; group thousands with commas, e.g. 1,234,567`);
    throw notAmount();
  }
  const [, open, signBefore, , signAfter, digits = "", close] = match;
  if (Boolean(open) !== Boolean(close) || (signBefore && signAfter) || (open && (signBefore || signAfter))) throw notAmount();
  const problem = separatorProblem(input, digits);
  if (problem) throw new MoneyParseError(input, problem);
  const value = new Money(digits.replace(/,/g, ""));
  if (value.isZero()) return new Money(0);
  return open || signBefore || signAfter ? value.negated() : value;
}

/**
 * The one parser of amounts at the boundary, for functions, panels and imports alike: a number as Excel hands it
 * over (read at Excel's 15 significant digits, see fromExcelNumber), or text as finance users write it: "£1,234.50",
 * "-1234.5", "−£12" or "(1,234.50)" for a negative. Thousands separators must group threes ("1,2,3" is refused), and
 * a decimal comma ("1234,56") is refused with the reason, never read as 123,456.
 */
export function parseMoney(input: unknown): Money {
  if (typeof input === "number") return fromExcelNumber(input);
  if (typeof input === "string") return parseMoneyText(input);
  throw new MoneyParseError(input, `${input === null || input === undefined ? "a blank" : typeof input} is not an amount`);
}

/** The shorthands finance people type for thousands, millions and billions of pounds. */
const SCALES: Record<string, number> = { k: 3, m: 6, bn: 9 };
const SHORTHAND = /^(.*[0-9.])\s*(k|m|bn)(\s*\))?$/i;

/**
 * An amount as a person types it into the pane: whatever parseMoney takes, and the shorthands "55k", "£1.2m",
 * "-32m", "(1.5bn)" (thousands, millions, billions of pounds, scaled exactly). Cells and imports use parseMoney,
 * where "55k" is not an amount.
 */
export function parseTypedMoney(input: string): Money {
  const text = input.trim();
  const shorthand = SHORTHAND.exec(text);
  if (!shorthand) return parseMoneyText(input);
  const [, number = "", suffix = "", close = ""] = shorthand;
  try {
    return parseMoneyText(`${number}${close}`).times(new Money(10).pow(SCALES[suffix.toLowerCase()]!));
  } catch (error) {
    if (error instanceof MoneyParseError) throw new MoneyParseError(input, error.message.replace(`"${number}${close}"`, `"${input}"`));
    throw error;
  }
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

/**
 * How a negative amount is shown: with the add-in's one minus sign ("-£1,234.50") or in brackets ("(£1,234.50)"), as
 * finance papers often do. A display choice only: both are read back by parseMoney.
 */
export type NegativeStyle = "minus" | "brackets";
export const NEGATIVE_STYLES: readonly NegativeStyle[] = ["minus", "brackets"];

/** Text for an amount already rounded for display: `body` is its magnitude as shown ("£1,234.50", "1,235", "£19.8m"). */
export function signedText(body: string, negative: boolean, negatives: NegativeStyle = "minus"): string {
  if (!negative) return body;
  return negatives === "brackets" ? `(${body})` : `${MINUS}${body}`;
}

/** Digits grouped in thousands with commas, UK style: "1234567.5" as "1,234,567.5". */
export function groupThousands(digits: string): string {
  const [whole, fraction] = digits.split(".");
  return `${whole!.replace(GROUPS, ",")}${fraction === undefined ? "" : `.${fraction}`}`;
}

/**
 * "£1,234.50", "-£1,234.50" (or "(£1,234.50)"): pence-rounded, grouped in thousands, UK style. The one way an amount
 * to the penny is written, in the pane and in the rules' reasons alike; a negative that rounds to nothing is "£0.00".
 */
export function formatGBP(amount: Money, negatives: NegativeStyle = "minus"): string {
  const rounded = toPence(amount);
  return signedText(`£${groupThousands(rounded.abs().toFixed(2))}`, rounded.isNegative() && !rounded.isZero(), negatives);
}

/**
 * formatGBP for an amount held in whole pence (schemes, plan lines), in integers: the same text without building a
 * Decimal, for reasons written many times over (every draw of the sensitivity builds its model's labels).
 */
export function formatPence(pence: number, negatives: NegativeStyle = "minus"): string {
  if (!Number.isSafeInteger(pence)) throw new RangeError(`${String(pence)} is not a whole number of pence`);
  const size = Math.abs(pence);
  const body = `£${groupThousands(String(Math.floor(size / 100)))}.${String(size % 100).padStart(2, "0")}`;
  return signedText(body, pence < 0, negatives);
}

export class AllocationError extends RulesInputError {
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
export function roundByLargestRemainder(exact: readonly Money[], total: Money): Money[] {
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

/** The exact decimal a Money holds, or a number as Excel means it (15 significant digits, see fromExcelNumber). */
export function exactOf(value: { toFixed(): string } | number): Exact {
  if (typeof value === "number" && Number.isSafeInteger(value) && Math.abs(value) < 1e15) return { units: BigInt(value), places: 0 };
  const text = (typeof value === "number" ? fromExcelNumber(value) : value).toFixed();
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

/**
 * An amount in £ as whole pence, a safe integer (sums in doubles stay exact); a fraction of a penny is an error.
 * A number is read as Excel means it (15 significant digits), so 114.99999999999999 from =100*1.15 is 11,500 pence
 * while a typed 1.005 is still a fraction of a penny. A number of £10 trillion or more is refused: its pence are
 * past Excel's 15 digits.
 */
export function wholePence(amount: Money | number, where: string): number {
  if (typeof amount === "number") {
    // Fast and exact: p / 100 === amount exactly when amount is the double nearest p pence; below 10^15 pence that is also its 15-digit reading.
    const pence = Math.round(amount * 100);
    if (Math.abs(pence) < 1e15 && pence / 100 === amount) return pence === 0 ? 0 : pence;
  }
  // Past £10 trillion, Excel's 15 digits do not reach the pence: refuse rather than silently drop them.
  if (typeof amount === "number" && Math.abs(amount) >= 1e13 && Number.isFinite(amount)) {
    throw new MoneyParseError(amount, `${where}: ${fromExcelNumber(amount).toString()} is too large an amount to hold to the penny (Excel keeps 15 significant digits)`);
  }
  const money = typeof amount === "number" ? fromExcelNumber(amount) : amount;
  const exact = exactOf(money);
  if (exact.places > 2) throw new MoneyParseError(amount, `${where}: ${money.toString()} is not a whole number of pence`);
  const pence = Number(scaled(exact, 2));
  if (!Number.isSafeInteger(pence)) throw new MoneyParseError(amount, `${where}: ${money.toString()} is too large an amount`);
  return pence;
}

/**
 * An amount cell as whole pence, as plan lines and schemes hold money: the one parser (parseMoneyAt), then the
 * whole-pence check; "where" names the cell in either error.
 */
export function penceAt(input: unknown, where: string): number {
  return wholePence(typeof input === "number" && Number.isFinite(input) ? input : parseMoneyAt(input, where), where);
}

/** Whole pence (as plan lines and schemes hold them) as pounds, exactly: no division in doubles. */
export function fromPence(pence: number | bigint): Money {
  if (typeof pence === "number" && !Number.isSafeInteger(pence)) throw new RangeError(`${String(pence)} is not a whole number of pence`);
  return new Money(pence.toString()).dividedBy(100);
}
