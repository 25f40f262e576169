// The Places table as the Allocation panel reads it, and the allocation sheet it writes for a Board decision.
import { allocationUnitWords, type FormulaResult, type PlaceInput } from "../rules/allocation";
import { formatGBP, toExcelNumber, type Money } from "../rules/money";
import type { Rulebook } from "../rules/rulebook";
import { WorkbookError, type Cell, type TableSpec, type Workbook } from "./gateway";
import { blank, moneyAt, readRows, recordsOf, textOf, type RowRecord } from "./records";
import { placesTableUnit } from "./placesTable";
import { PLACES } from "./tables";

function notNegative(r: RowRecord, column: string, where: string): Money {
  const value = moneyAt(r, column, where);
  if (value.isNegative()) throw new WorkbookError(`${where} (${column}): must not be negative`);
  return value;
}

const optional = (r: RowRecord, column: string, where: string) => (blank(r[column]) ? null : notNegative(r, column, where));

/** The Places table as formula inputs; undefined when the workbook has no Places table yet. Every bad row is named, and none is half-read. */
export async function readPlaceInputs(workbook: Workbook, rulebook: Rulebook): Promise<PlaceInput[] | undefined> {
  const table = await workbook.readTable(PLACES.name);
  if (!table) return undefined;
  const records = recordsOf(table, PLACES).filter((r) => textOf(r["Place"]!) !== "");
  const seen = new Set<string>();
  return readRows(records, PLACES, (r, where) => {
    const name = textOf(r["Place"]!);
    // The units of the allocation's tier (Places unless the rulebook names another, e.g. ICPs).
    const place = placesTableUnit(rulebook, name, rulebook.allocation?.tier, where).unit;
    if (seen.has(place.id)) throw new WorkbookError(`${where}: ${place.name} appears twice`);
    seen.add(place.id);
    return {
      place: place.name,
      population: notNegative(r, "Registered population", where),
      needIndex: notNegative(r, "Need index", where),
      baseline: optional(r, "Baseline", where),
      floor: optional(r, "Floor", where),
      cap: optional(r, "Cap", where),
    };
  });
}

export const ALLOCATION_REPORT = {
  name: "ICS_Allocation",
  sheet: "ICS Allocation",
  columns: [
    { header: "Place", kind: "text" },
    { header: "Registered population", kind: "number" },
    { header: "Target share", kind: "percent" },
    { header: "Target", kind: "money" },
    { header: "Allocation", kind: "money" },
    { header: "Share", kind: "percent" },
    { header: "Per capita", kind: "money" },
    { header: "Baseline", kind: "money" },
    { header: "Distance from target before", kind: "money" },
    { header: "Distance from target after", kind: "money" },
    { header: "Limited by", kind: "text" },
  ],
} as const satisfies TableSpec;

const fraction = (m: Money) => m.toDecimalPlaces(6).toNumber();

/** What a formula's parameters were, in words, for the sheet and the Board's matter. */
export function describeParameters(result: FormulaResult): string {
  const f = result.formula;
  const pace = f.paceOfChangeBasisPoints === null ? "no pace-of-change limit" : `pace of change ${(f.paceOfChangeBasisPoints / 100).toString()}% either side of baseline`;
  return `${f.label}; ${f.useFloorsAndCaps ? "floors and caps from the Places table" : "floors and caps not applied"}; ${pace}`;
}

/** Writes the chosen allocation and its parameters on the add-in's own allocation sheet (replacing only that sheet), with a chart. */
export async function writeAllocationReport(workbook: Workbook, rulebook: Rulebook, result: FormulaResult, places: readonly PlaceInput[], extraNotes: readonly string[] = []): Promise<string> {
  const rows: Cell[][] = result.places.map((p, i) => {
    const input = places[i]!;
    return [
      p.place,
      input.population.toNumber(),
      fraction(p.targetShare),
      toExcelNumber(p.target),
      toExcelNumber(p.allocation),
      fraction(p.share),
      toExcelNumber(p.perCapita),
      input.baseline ? toExcelNumber(input.baseline) : null,
      p.distanceBefore ? toExcelNumber(p.distanceBefore) : null,
      toExcelNumber(p.distanceAfter),
      p.limitedBy ?? "None",
    ];
  });
  const notes = [
    `Fund ${formatGBP(result.fund)} · ${rulebook.name} · ${rulebook.allocation?.clause ?? ""}`,
    `Formula: ${describeParameters(result)}`,
    result.explanation,
    `The allocations sum to the fund exactly; targets are unrounded and shown to the penny.`,
    ...extraNotes,
  ];
  return workbook.writeReport({
    table: ALLOCATION_REPORT,
    title: `${allocationUnitWords(rulebook).one} transformation allocation`,
    notes,
    rows,
    // The table's column keeps its name ("Place") whatever the tier; the titles say the tier's units (ICP in NENC).
    chart: { title: `Allocation by ${allocationUnitWords(rulebook).one} (£)`, type: "column", categories: "Place", values: "Allocation" },
  });
}
