// "Set up workbook": creates the add-in's tables with the sample data, never touching what is already there.
import type { Rulebook } from "../rules/rulebook";
import { freeSheetName, type Cell, type TableSpec, type Workbook } from "./gateway";
import { boardMemberRows, partnerRows } from "./sample";
import { placeRows, planRows } from "./samplePlans";
import { assumptionRows, planLineRows, resolutionRows } from "./sampleAlignment";
import { schemeRows } from "./sampleSchemes";
import { ADD_IN_TABLES, ASSUMPTIONS, BOARD_MEMBERS, PARTNERS, PLACES, PLAN_LINES, PLANS, RESOLUTIONS, RULEBOOK_SETTING, SCHEMES, schemesTable } from "./tables";

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
};

function sampleRows(spec: TableSpec, rulebook: Rulebook): Cell[][] {
  return SAMPLES[spec.name]?.(rulebook) ?? [];
}

export async function setUpWorkbook(workbook: Workbook, rulebook: Rulebook): Promise<SetupReport> {
  const report: SetupReport = { created: [], keptExisting: [], storedRulebook: false };
  for (const spec of ADD_IN_TABLES) {
    if (await workbook.hasTable(spec.name)) {
      report.keptExisting.push(spec.name);
      continue;
    }
    const sheet = await freeSheetName(workbook, spec.sheet);
    // The Schemes table has a score column for each of the rulebook's criteria.
    const shaped = spec.name === SCHEMES.name && rulebook.capital ? schemesTable(rulebook.capital.criteria) : spec;
    await workbook.addTable(shaped, sheet, sampleRows(shaped, rulebook));
    report.created.push({ table: spec.name, sheet });
  }
  if ((await workbook.readSetting(RULEBOOK_SETTING)) === undefined) {
    await workbook.writeSetting(RULEBOOK_SETTING, JSON.stringify(rulebook));
    report.storedRulebook = true;
  }
  return report;
}

/** What set-up did, in a sentence for the task pane. */
export function describeSetup(report: SetupReport): string {
  const parts: string[] = [];
  if (report.created.length > 0) {
    const moved = report.created.filter((c) => !ADD_IN_TABLES.some((t) => t.sheet === c.sheet));
    parts.push(`Created ${report.created.length} tables with the sample data.`);
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
