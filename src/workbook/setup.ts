// "Set up workbook": creates the add-in's tables with the chosen system's sample data (none for a blank system), never touching what is already there.
import { PRESETS } from "../rules/presets";
import type { Rulebook } from "../rules/rulebook";
import type { Cell, TableSpec, Workbook } from "./gateway";
import { rulebookToRows, RULE_SHEET_KEYS } from "../rules/rulebookSheets";
import { storeSetUpRulebook } from "./rulebookLog";
import { boardMemberRows, conflictRows } from "./sample";
import { hasSampleData, type SampleSystemId } from "./sampleSystems";
import { placeRows, planRows } from "./samplePlans";
import { assumptionRows, planLineRows, resolutionRows } from "./sampleAlignment";
import { schemeRows } from "./sampleSchemes";
import { statementDetailRows } from "./sampleStatement";
import { deliverableRows, monitoringRows } from "./sampleMonitoring";
import { issueRows, nencIssueRows } from "./sampleIssues";
import { ISSUES } from "./tables";
import {
  NENC_SCHEME_YEARS,
  nencAssumptionRows,
  nencBoardMemberRows,
  nencPlaceRows,
  nencPlanLineRows,
  nencPlanRows,
  nencResolutionRows,
  nencSchemeRows,
  nencStatementDetailRows,
  nencDeliverableRows,
  nencMonitoringRows,
} from "./sampleNorthEast";
import { ADD_IN_TABLES, ASSUMPTIONS, BOARD_MEMBERS, PLACES, PLAN_LINES, PLANS, RESOLUTIONS, RULES_TABLES, SCHEMES, schemesTable, STATEMENT_DETAIL } from "./tables";
import { DELIVERABLES, MONITORING } from "./tables";
import { CONFLICTS } from "./tables";

export interface SetupReport {
  /** Tables created, with the sheet each went on. */
  created: { table: string; sheet: string }[];
  /** The add-in's tables that were already there and were left exactly as they were. */
  keptExisting: string[];
  /** Whether the rulebook was stored with the workbook by this set-up. */
  storedRulebook: boolean;
  /** Whether the tables created were filled with a sample system's data (false for a blank system: they are empty). */
  sample: boolean;
}

type Rows = (rulebook: Rulebook) => Cell[][];

/** A shipped system's sample: rows by table name, and the Schemes table's cost-profile years where it plans over several. */
interface SampleSet {
  rows: Record<string, Rows>;
  schemeYears?: readonly string[];
}

/** The sample data each preset ships with, by the rulebook's id; a blank system (or any other rulebook) has none. */
const SAMPLE_SETS: Record<SampleSystemId, SampleSet> = {
  "mid-south-essex": {
    rows: {
      [BOARD_MEMBERS.name]: boardMemberRows,
      [CONFLICTS.name]: () => conflictRows(),
      [PLANS.name]: () => planRows(),
      [PLACES.name]: placeRows,
      [PLAN_LINES.name]: planLineRows,
      [ASSUMPTIONS.name]: assumptionRows,
      [RESOLUTIONS.name]: resolutionRows,
      [SCHEMES.name]: schemeRows,
      [STATEMENT_DETAIL.name]: () => statementDetailRows(),
      [DELIVERABLES.name]: deliverableRows,
      [MONITORING.name]: monitoringRows,
      [ISSUES.name]: () => issueRows(),
    },
  },
  "north-east-north-cumbria": {
    rows: {
      [BOARD_MEMBERS.name]: nencBoardMemberRows,
      [PLANS.name]: nencPlanRows,
      [PLACES.name]: nencPlaceRows,
      [PLAN_LINES.name]: nencPlanLineRows,
      [ASSUMPTIONS.name]: nencAssumptionRows,
      [RESOLUTIONS.name]: nencResolutionRows,
      [SCHEMES.name]: nencSchemeRows,
      [STATEMENT_DETAIL.name]: nencStatementDetailRows,
      [ISSUES.name]: () => nencIssueRows(),
      [DELIVERABLES.name]: nencDeliverableRows,
      [MONITORING.name]: nencMonitoringRows,
    },
    schemeYears: NENC_SCHEME_YEARS,
  },
};

export { hasSampleData };

/**
 * Creates every add-in table the workbook lacks, each on a sheet of its own, in one batch, with the sample data of the
 * rulebook's system (the Partners table always from the rulebook itself); stores the rulebook if the workbook has
 * none. Tables already there, and everything else, are left exactly as they were.
 */
export async function setUpWorkbook(workbook: Workbook, rulebook: Rulebook, now: Date = new Date()): Promise<SetupReport> {
  const sample: SampleSet | undefined = hasSampleData(rulebook) ? SAMPLE_SETS[rulebook.id as SampleSystemId] : undefined;
  // The Schemes table has a score column for each of the rulebook's criteria, then the sample's financial years.
  const shaped = (spec: TableSpec): TableSpec => {
    if (spec.name !== SCHEMES.name || !rulebook.capital) return spec;
    const table = schemesTable(rulebook.capital.criteria);
    return { ...table, columns: [...table.columns, ...(sample?.schemeYears ?? []).map((header) => ({ header, kind: "money" as const }))] };
  };
  // The Rules sheets (Partners among them) always from the rulebook itself, so the SFLG edits the rules in force.
  const rules = rulebookToRows(rulebook);
  const ruleRows = new Map(RULE_SHEET_KEYS.map((k) => [RULES_TABLES[k].name, rules[k]]));
  const rowsOf = (spec: TableSpec): Cell[][] => ruleRows.get(spec.name) ?? sample?.rows[spec.name]?.(rulebook) ?? [];
  const { created, kept } = await workbook.addTables(ADD_IN_TABLES.map((spec) => ({ spec: shaped(spec), sheet: spec.sheet, rows: rowsOf(spec) })));
  // The rulebook and its change log's first entry in one save: the log starts at version 1, the rules set up with.
  const preset = PRESETS.find((p) => p.id === rulebook.id);
  const storedRulebook = await storeSetUpRulebook(workbook, rulebook, preset ? `Set up from preset ${preset.label}` : `Set up with the rulebook ${rulebook.name}`, now);
  return { created, keptExisting: kept, storedRulebook, sample: sample !== undefined };
}

/** What set-up did, in a sentence for the task pane. */
export function describeSetup(report: SetupReport): string {
  const parts: string[] = [];
  if (report.created.length > 0) {
    const moved = report.created.filter((c) => !ADD_IN_TABLES.some((t) => t.sheet === c.sheet));
    const tables = `${report.created.length} table${report.created.length === 1 ? "" : "s"}`;
    parts.push(report.sample ? `Created ${tables} with the sample data.` : `Created ${tables}, empty: a blank system has no sample data, so add your partners, Places and figures to them.`);
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
