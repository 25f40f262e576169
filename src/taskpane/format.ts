// How the task pane shows figures: pounds in millions for reading at a glance, percentages to one place.
import type { Money } from "../rules/money";

/** "−£2.50m", "£0.35m": rounded for display only; the exact figure is in the workbook and the title attribute. */
export function millions(amount: Money): string {
  const m = amount.dividedBy(1_000_000).toDecimalPlaces(2);
  const sign = m.isNegative() && !m.isZero() ? "−" : "";
  return `${sign}£${m.abs().toFixed(2)}m`;
}

/** "42.5%" from a fraction. */
export function percent(fraction: Money): string {
  return `${fraction.times(100).toDecimalPlaces(1).toFixed(1)}%`;
}

export const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
