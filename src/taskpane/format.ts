// How the task pane shows figures: pounds in millions for reading at a glance, percentages to one place.
import { formatGBP, MINUS, parseTypedMoney, PENCE_ROUNDING, type Money } from "../rules/money";

/** "-£2.50m", "£0.35m": rounded for display only; the exact figure is in the workbook and the title attribute. One minus sign, money.ts's. */
export function millions(amount: Money): string {
  const m = amount.dividedBy(1_000_000).toDecimalPlaces(2);
  const sign = m.isNegative() && !m.isZero() ? MINUS : "";
  return `${sign}£${m.abs().toFixed(2)}m`;
}

/** "42.5%" from a fraction. */
export function percent(fraction: Money): string {
  return `${fraction.times(100).toDecimalPlaces(1).toFixed(1)}%`;
}

export const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * What an amount typed in the pane is taken as ("Taken as £1,200,000.00" for "£1.2m"), shown beside the field before
 * it is used; nothing when it is written that way already or is not an amount (the field's error says why).
 */
export function takenAs(typed: string | undefined): string | undefined {
  if (!typed || typed.trim() === "") return undefined;
  try {
    const shown = formatGBP(parseTypedMoney(typed));
    const plain = typed.trim().replace(/\s+/g, "");
    return plain === shown || plain === shown.replace("£", "") ? undefined : `Taken as ${shown}`;
  } catch {
    return undefined;
  }
}

/** The units a statement may be shown in (the rulebook says which), and how each column heads them. */
export type DisplayUnit = "pounds" | "thousands" | "millions";
export const UNIT_LABEL: Record<DisplayUnit, string> = { pounds: "£", thousands: "£k", millions: "£m" };
export const UNIT_SCALE: Record<DisplayUnit, { divisor: number; places: number }> = {
  pounds: { divisor: 1, places: 2 },
  thousands: { divisor: 1_000, places: 0 },
  millions: { divisor: 1_000_000, places: 2 },
};

/**
 * The named display point for a statement's figures: an amount in the unit, rounded half-even on its own line (so
 * "-1,235" in £k), grouped in thousands, with money.ts's one minus sign. Totals are summed before this, never after.
 */
export function inUnit(amount: Money, unit: DisplayUnit): string {
  const { divisor, places } = UNIT_SCALE[unit];
  const shown = amount.dividedBy(divisor).toDecimalPlaces(places, PENCE_ROUNDING);
  const [whole, fraction] = shown.abs().toFixed(places).split(".");
  const sign = shown.isNegative() && !shown.isZero() ? MINUS : "";
  return `${sign}${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${fraction ? `.${fraction}` : ""}`;
}

/** An amount with its unit for a sentence: "-£36,500k", "£1.20m", "-£1,234.50" (rounded as inUnit rounds). */
export function withUnit(amount: Money, unit: DisplayUnit): string {
  const shown = inUnit(amount, unit);
  const negative = shown.startsWith(MINUS);
  return `${negative ? MINUS : ""}£${negative ? shown.slice(MINUS.length) : shown}${unit === "thousands" ? "k" : unit === "millions" ? "m" : ""}`;
}
