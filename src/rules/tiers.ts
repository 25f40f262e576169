// The tiers between the organisations and the system, as data: finding a unit, a partner's unit at any tier, and the roll-up maps.
import { codeKey } from "./codes";
import type { Partner, Rulebook, TierSpec, TierUnit } from "./rulebook";

export interface PlacedUnit {
  tier: TierSpec;
  /** The tier's position, 0 for the lowest. */
  level: number;
  unit: TierUnit;
}

const indexes = new WeakMap<Rulebook, Map<string, PlacedUnit>>();

/** Every unit of every tier by id, built once per rulebook. */
function unitIndex(rulebook: Rulebook): Map<string, PlacedUnit> {
  let index = indexes.get(rulebook);
  if (!index) {
    index = new Map();
    rulebook.tiers.forEach((tier, level) => tier.units.forEach((unit) => index!.set(unit.id, { tier, level, unit })));
    indexes.set(rulebook, index);
  }
  return index;
}

/** A unit of any tier (or only of `tierId`) by id or name, case and spacing ignored. */
export function lookupUnit(rulebook: Rulebook, idOrName: string, tierId?: string): PlacedUnit | undefined {
  const key = codeKey(idOrName);
  for (const placed of unitIndex(rulebook).values()) {
    if (tierId !== undefined && placed.tier.id !== tierId) continue;
    if (placed.unit.id === key || codeKey(placed.unit.name) === key) return placed;
  }
  return undefined;
}

export function unitById(rulebook: Rulebook, id: string): PlacedUnit | undefined {
  return unitIndex(rulebook).get(id);
}

/** The level of a tier by id; the lowest (0) when none is named. An unknown id is a validation error, so never met here. */
export function tierLevel(rulebook: Rulebook, tierId: string | undefined): number {
  if (tierId === undefined) return 0;
  return Math.max(0, rulebook.tiers.findIndex((t) => t.id === tierId));
}

/**
 * The unit at `level` that a unit (by id) rolls up to: itself at its own level, the chain of `within` above it.
 * Null when the unit is above that level, or belongs to no unit there (it rolls straight to the system).
 */
export function unitAtLevel(rulebook: Rulebook, unitId: string | null, level: number): TierUnit | null {
  let placed = unitId === null ? undefined : unitById(rulebook, unitId);
  if (!placed || placed.level > level) return null;
  while (placed.level < level) {
    const up: PlacedUnit | undefined = placed.unit.within === null ? undefined : unitById(rulebook, placed.unit.within);
    if (!up) return null;
    placed = up;
  }
  return placed.unit;
}

/** A partner's unit at a tier (by level): its own unit, or the one its unit is within. */
export const partnerUnitAt = (rulebook: Rulebook, partner: Partner, level: number): TierUnit | null => unitAtLevel(rulebook, partner.place, level);

/** The units a capability works by (a tier by id, else the first), in the rulebook's order. */
export function unitsOfTier(rulebook: Rulebook, tierId?: string): TierUnit[] {
  return rulebook.tiers[tierLevel(rulebook, tierId)]!.units;
}

/** A tier's units as a capability's constraints use them: ids in order, names, and every unit of any tier mapped to the tier's unit it rolls up to. */
export interface TierUnits {
  /** The tier's units' ids, in the rulebook's order. */
  places: string[];
  placeNames: Record<string, string>;
  /** Any unit's id → the unit of this tier it is (or is within); null for a unit above the tier, which serves more than one of its units. */
  unitOf: Record<string, string | null>;
}

const tierUnitsCache = new WeakMap<Rulebook, Map<number, TierUnits>>();

/** The units of a tier (by id; the first when none is named) and the map from every unit up to them, built once per rulebook. */
export function tierUnits(rulebook: Rulebook, tierId?: string): TierUnits {
  const level = tierLevel(rulebook, tierId);
  let byLevel = tierUnitsCache.get(rulebook);
  if (!byLevel) tierUnitsCache.set(rulebook, (byLevel = new Map()));
  let found = byLevel.get(level);
  if (!found) {
    const units = rulebook.tiers[level]!.units;
    const unitOf: Record<string, string | null> = {};
    for (const tier of rulebook.tiers) for (const unit of tier.units) unitOf[unit.id] = unitAtLevel(rulebook, unit.id, level)?.id ?? null;
    found = { places: units.map((u) => u.id), placeNames: Object.fromEntries(units.map((u) => [u.id, u.name])), unitOf };
    byLevel.set(level, found);
  }
  return found;
}

/** The units capital's minimum and cross-unit band are by (constraints.tier; the first tier when absent). */
export const capitalUnits = (rulebook: Rulebook): TierUnits => tierUnits(rulebook, rulebook.capital?.constraints.tier);

/** The name of any tier's unit by id; the id itself when there is none. */
export const unitName = (rulebook: Rulebook, id: string): string => unitById(rulebook, id)?.unit.name ?? id;
