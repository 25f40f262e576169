// How the task pane shows figures, the one place it does: £ to the penny for detail, £k or £m with stated decimals for
// summaries, shares that add to 100, negatives in the pane's one style (minus or brackets), and typed amounts read back.
import {
  formatGBP,
  formatPence,
  groupThousands,
  Money,
  parseTypedMoney,
  PENCE_ROUNDING,
  roundByLargestRemainder,
  signedText,
  type NegativeStyle,
} from "../rules/money";

export type { NegativeStyle } from "../rules/money";

/**
 * The pane's negative style, set once from the workbook's display setting (App sets it before its panels render, so
 * every figure in one render is shown the same way). Defaults to the minus sign, as Excel shows a negative.
 */
let paneNegatives: NegativeStyle = "minus";
export const negativeStyle = (): NegativeStyle => paneNegatives;
export function setNegativeStyle(style: NegativeStyle): void {
  paneNegatives = style;
}

/** A magnitude as shown (`body`) with the pane's sign: "-£1.20m" or "(£1.20m)". */
const signed = (body: string, negative: boolean) => signedText(body, negative, paneNegatives);

/** Detail: "£1,234.50", "-£1,234.50" or "(£1,234.50)", to the penny (half-even). */
export function pounds(amount: Money): string {
  return formatGBP(amount, paneNegatives);
}

/** Detail for an amount the rules hold in whole pence (plan lines, schemes). */
export const penceAsPounds = (pence: number): string => formatPence(pence, paneNegatives);

/** The units a summary or a statement may be shown in (the rulebook says which for the statement), and how a column heads them. */
export type DisplayUnit = "pounds" | "thousands" | "millions";
export const UNIT_LABEL: Record<DisplayUnit, string> = { pounds: "£", thousands: "£k", millions: "£m" };
export const UNIT_SCALE: Record<DisplayUnit, { divisor: number; places: number }> = {
  pounds: { divisor: 1, places: 2 },
  thousands: { divisor: 1_000, places: 0 },
  millions: { divisor: 1_000_000, places: 2 },
};
const SUFFIX: Record<DisplayUnit, string> = { pounds: "", thousands: "k", millions: "m" };

/**
 * The named display point: an amount in the unit, rounded half-even to `places` here and nowhere earlier (totals are
 * summed from unrounded figures before this). A figure that rounds to nothing is shown without a sign.
 */
function scaled(amount: Money, unit: DisplayUnit, places: number): { digits: string; negative: boolean } {
  const shown = amount.dividedBy(UNIT_SCALE[unit].divisor).toDecimalPlaces(places, PENCE_ROUNDING);
  return { digits: groupThousands(shown.abs().toFixed(places)), negative: shown.isNegative() && !shown.isZero() };
}

/** A statement's cell, the unit in the column's heading: "-1,235" or "(1,235)" in £k. */
export function inUnit(amount: Money, unit: DisplayUnit, places = UNIT_SCALE[unit].places): string {
  const { digits, negative } = scaled(amount, unit, places);
  return signed(digits, negative);
}

/** An amount with its unit for a sentence or a summary: "-£36,500k", "£1.20m", "(£1,234.50)". */
export function withUnit(amount: Money, unit: DisplayUnit, places = UNIT_SCALE[unit].places): string {
  const { digits, negative } = scaled(amount, unit, places);
  return signed(`£${digits}${SUFFIX[unit]}`, negative);
}

/** Summary in millions with stated decimals: "£19.80m" (2, the default), "£19.8m" (1). */
export const millions = (amount: Money, places = 2): string => withUnit(amount, "millions", places);

/** Summary in thousands with stated decimals: "£36,500k" (0, the default). */
export const thousands = (amount: Money, places = 0): string => withUnit(amount, "thousands", places);

/** A change from a figure, always signed: "+£0.12m", and a fall "-£0.12m" or "(£0.12m)"; "no change" when it shows as nothing. */
export function change(amount: Money, show: (m: Money) => string = millions): string {
  const text = show(amount);
  if (amount.isZero() || text === show(new Money(0))) return "no change";
  return amount.isNegative() ? text : `+${text}`;
}

/** "42.5%" from a fraction (half-even at the display point). */
export function percent(fraction: Money, places = 1): string {
  return `${fraction.times(100).toDecimalPlaces(places, PENCE_ROUNDING).toFixed(places)}%`;
}

/**
 * Each part's share of their sum as shown ("42.5%"), adding to exactly 100.0% as shown: the shares are rounded by
 * largest remainder at the display point (money.ts's rule, ties to the earlier part), never one by one. Parts are
 * magnitudes (shares of a total are of one sign); undefined when they sum to nothing.
 */
export function shares(parts: readonly Money[], places = 1): string[] | undefined {
  if (parts.some((p) => p.isNegative())) throw new RangeError("shares are of parts that are not negative");
  const total = parts.reduce((sum, p) => sum.plus(p), new Money(0));
  if (total.isZero()) return undefined;
  const units = new Money(10).pow(places + 2);
  const rounded = roundByLargestRemainder(
    parts.map((p) => p.times(units).dividedBy(total)),
    units,
  );
  return rounded.map((u) => `${u.dividedBy(new Money(10).pow(places)).toFixed(places)}%`);
}

/** The sum of amounts, exact: a totals row adds the unrounded figures and rounds once, where it is shown. */
export const total = (amounts: readonly Money[]): Money => amounts.reduce((sum, a) => sum.plus(a), new Money(0));

export const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * What an amount typed in the pane is taken as ("Taken as £1,200,000.00" for "£1.2m"), shown beside the field before
 * it is used; nothing when it is written that way already or is not an amount (the field's error says why).
 */
export function takenAs(typed: string | undefined): string | undefined {
  if (!typed || typed.trim() === "") return undefined;
  try {
    const shown = pounds(parseTypedMoney(typed));
    const plain = typed.trim().replace(/\s+/g, "");
    return plain === shown || plain === shown.replace("£", "") ? undefined : `Taken as ${shown}`;
  } catch {
    return undefined;
  }
}
