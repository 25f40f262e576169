// "Set up workbook": creates the add-in's tables with the sample data, never touching what is already there.
import type { Rulebook } from "../rules/rulebook";
import type { Cell, TableSpec, Workbook } from "./gateway";
import { boardMemberRows, partnerRows } from "./sample";
import { placeRows, planRows } from "./samplePlans";
import { assumptionRows, planLineRows, resolutionRows } from "./sampleAlignment";
import { schemeRows } from "./sampleSchemes";
import { statementDetailRows } from "./sampleStatement";
import { ADD_IN_TABLES, ASSUMPTIONS, BOARD_MEMBERS, PARTNERS, PLACES, PLAN_LINES, PLANS, RESOLUTIONS, RULEBOOK_SETTING, SCHEMES, schemesTable, STATEMENT_DETAIL } from "./tables";

export interface SetupReport {
  /** Tables created, with the sheet each went on. */
  created: { table: string; sheet: string }[];
  /** The add-in's tables that were already there and were left exactly as they were. */
  keptExisting: string[];
  /** Whether the rulebook was stored with the workbook by this set-up. */
  storedRulebook: boolean;
}

const SAMPLES: Record<string, (rulebook: Rulebook) => Cell[][]> = {
  [PARTNERS.name]: partnerRows,
  [BOARD_MEMBERS.name]: boardMemberRows,
  [PLANS.name]: planRows,
  [PLACES.name]: placeRows,
  [PLAN_LINES.name]: planLineRows,
  [ASSUMPTIONS.name]: assumptionRows,
  [RESOLUTIONS.name]: resolutionRows,
  [SCHEMES.name]: schemeRows,
  [STATEMENT_DETAIL.name]: statementDetailRows,
};

function sampleRows(spec: TableSpec, rulebook: Rulebook): Cell[][] {
  return SAMPLES[spec.name]?.(rulebook) ?? [];
}

/**
 * Creates every add-in table the workbook lacks, each on a sheet of its own, in one batch; stores the rulebook if
 * the workbook has none. Tables already there, and everything else, are left exactly as they were.
 */
export async function setUpWorkbook(workbook: Workbook, rulebook: Rulebook): Promise<SetupReport> {
  // The Schemes table has a score column for each of the rulebook's criteria.
  const shaped = (spec: TableSpec) => (spec.name === SCHEMES.name && rulebook.capital ? schemesTable(rulebook.capital.criteria) : spec);
  const { created, kept } = await workbook.addTables(ADD_IN_TABLES.map((spec) => ({ spec: shaped(spec), sheet: spec.sheet, rows: sampleRows(shaped(spec), rulebook) })));
  let storedRulebook = false;
  await workbook.updateSetting(RULEBOOK_SETTING, (stored) => {
    storedRulebook = stored === undefined;
    return stored ?? JSON.stringify(rulebook);
  });
  return { created, keptExisting: kept, storedRulebook };
}

/** What set-up did, in a sentence for the task pane. */
export function describeSetup(report: SetupReport): string {
  const parts: string[] = [];
  if (report.created.length > 0) {
    const moved = report.created.filter((c) => !ADD_IN_TABLES.some((t) => t.sheet === c.sheet));
    parts.push(`Created ${report.created.length} table${report.created.length === 1 ? "" : "s"} with the sample data.`);
    if (moved.length > 0) {
      parts.push(`Sheet names already in use were left alone, so ${moved.map((m) => `${m.table} went on "${m.sheet}"`).join(", ")}.`);
    }
  }
  if (report.keptExisting.length > 0) {
    parts.push(
      `${report.keptExisting.length === ADD_IN_TABLES.length ? "The workbook is already set up: " : "Already in the workbook and left unchanged: "}${report.keptExisting.join(", ")}.`,
    );
  }
  return parts.join(" ");
}
