// How the task pane shows figures: pounds in millions for reading at a glance, percentages to one place.
import { formatGBP, MINUS, parseTypedMoney, type Money } from "../rules/money";

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
