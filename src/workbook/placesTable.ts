// Which unit a row of the Places table names: a unit of the tier a capability works by (a Place, or an ICP in NENC).
import { unitWords } from "../rules/allocation";
import type { Rulebook } from "../rules/rulebook";
import { lookupUnit, tierLevel, type PlacedUnit } from "../rules/tiers";
import { WorkbookError } from "./gateway";

/** The tier's label for messages: "Place", "ICP". */
export const tierLabel = (rulebook: Rulebook, tierId: string | undefined): string => rulebook.tiers[tierLevel(rulebook, tierId)]!.label;

/** The unit a Places-table row names, of the given tier (the first when none is named); an error naming the row when it is not one. */
export function placesTableUnit(rulebook: Rulebook, name: string, tierId: string | undefined, where: string): PlacedUnit {
  const tier = rulebook.tiers[tierLevel(rulebook, tierId)]!;
  const found = lookupUnit(rulebook, name, tier.id);
  if (found) return found;
  const other = lookupUnit(rulebook, name);
  if (other) throw new WorkbookError(`${where}: "${name}" is a ${other.tier.label}; this table is by ${tier.label}`);
  throw new WorkbookError(`${where}: "${name}" is not one of the rulebook's ${unitWords(tier.label).many}`);
}
