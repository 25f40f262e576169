// Recalculating the workbook when the rulebook in force changes, so every ICS function answers under the rules now in force.
import { onRulebookInForce } from "../rules/inForce";
import { recalculateWorkbook } from "./excel";

export { recalculateWorkbook };

/**
 * From now on, each time a rulebook is put in force (or the stored one is found invalid), asks for one
 * recalculation, after it is in force, so the functions Excel calls again see it. Returns the way to stop.
 */
export function recalculateWhenRulebookChanges(recalculate: () => Promise<void> = recalculateWorkbook): () => void {
  return onRulebookInForce(() => {
    // Nothing in the pane is waiting on this, so a failure is reported where a developer will see it, not thrown.
    recalculate().catch((error: unknown) => console.error(`ICS Finance: the workbook was not recalculated under the new rulebook: ${(error as Error).message}`));
  });
}
