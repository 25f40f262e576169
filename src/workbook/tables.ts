// The add-in's own tables: names, sheets and columns. Set-up creates them; nothing else in a workbook is written to.
import { RULE_SHEETS, type RuleSheetKey } from "../rules/rulebookSheets";
import type { ColumnSpec, TableSpec } from "./gateway";

const text = (header: string): ColumnSpec => ({ header, kind: "text" });
const number = (header: string): ColumnSpec => ({ header, kind: "number" });
const money = (header: string): ColumnSpec => ({ header, kind: "money" });
const flag = (header: string): ColumnSpec => ({ header, kind: "boolean" });

/** The partners of the rulebook in force, read back when the SFLG puts edited rules in force (the Rules sheets). */
export const PARTNERS = RULE_SHEETS.partners satisfies TableSpec;

/** The add-in-owned Rules sheets the SFLG edits the rulebook in; their columns are the rules module's. */
export const RULES_TIERS = RULE_SHEETS.tiers satisfies TableSpec;
export const RULES_BODIES = RULE_SHEETS.bodies satisfies TableSpec;
export const RULES_MATTERS = RULE_SHEETS.matters satisfies TableSpec;
export const RULES_DECISIONS = RULE_SHEETS.decisions satisfies TableSpec;
export const RULES_CONTROL_TOTAL = RULE_SHEETS.controlTotal satisfies TableSpec;
export const RULES_MATERIALITY = RULE_SHEETS.materiality satisfies TableSpec;
export const RULES_CAPITAL = RULE_SHEETS.capital satisfies TableSpec;
export const RULES_SETTINGS = RULE_SHEETS.settings satisfies TableSpec;
export const RULES_ANNEX1 = RULE_SHEETS.annex1 satisfies TableSpec;
export const RULES_FORMULAS = RULE_SHEETS.formulas satisfies TableSpec;
export const RULES_ISSUE_RESOLUTION = RULE_SHEETS.issueResolution satisfies TableSpec;
export const RULES_PRECONDITIONS = RULE_SHEETS.preconditions satisfies TableSpec;

/** Every Rules sheet's table, by the rules module's key. */
export const RULES_TABLES: Record<RuleSheetKey, TableSpec> = RULE_SHEETS;

/**
 * The bodies' membership register: Role is Member or Deputy; a deputy names the member whose place they may take in
 * Deputy for; Voting is yes or no (an attendee without a vote). The last two came later: an older table lacks them.
 */
export const BOARD_MEMBERS = {
  name: "ICS_BoardMembers",
  sheet: "ICS Board members",
  columns: [text("Body"), text("Member"), text("Organisation"), text("Role"), text("Deputy for"), text("Voting")],
} as const satisfies TableSpec;

/** The conflicts-of-interest register (ICP ToR, Conflicts of Interest; MEA MoU 11): a declaration the count reads, never edited by the add-in. */
export const CONFLICTS = {
  name: "ICS_Conflicts",
  sheet: "ICS Conflicts",
  columns: [text("Member"), text("Organisation"), text("Matter"), text("Interest declared"), text("Date declared"), text("Action")],
} as const satisfies TableSpec;

export const DECISION_LOG = {
  name: "ICS_DecisionLog",
  sheet: "ICS Decision log",
  columns: [
    text("Timestamp"),
    text("Body"),
    text("Rule"),
    text("Clause"),
    text("Matter"),
    number("Eligible"),
    number("For"),
    number("Against"),
    number("Abstain"),
    number("Absent"),
    number("Excluded"),
    number("Required"),
    text("Result"),
    text("Explanation"),
    text("Votes"),
    text("Previous hash"),
    text("Hash"),
    // Added with rulebook versions: an older workbook's log lacks it, and its entries are read and verified without it.
    text("Rulebook version"),
    // Added for decisions a Board can audit (meeting, proposer, quorum; corrections and annulments as new entries): likewise.
    text("Meeting date"),
    text("Proposer"),
    number("Quorum present"),
    number("Quorum required"),
    text("Kind"),
    number("Amends entry"),
    text("Amends hash"),
    text("Reason"),
    // Added with issue resolution: the issue a rule's precondition was met on (MoU 8.3–8.4).
    text("Issue"),
  ],
} as const satisfies TableSpec;

// The capabilities' input tables: set-up creates them (with sample data where there is some) so a workbook has its whole shape from the start.
export const PLANS = {
  name: "ICS_Plans",
  sheet: "ICS Plans",
  columns: [
    text("Organisation"),
    number("Month"),
    money("Plan"),
    money("YTD plan"),
    money("YTD actual"),
    money("Forecast outturn"),
    money("Turnover"),
  ],
} as const satisfies TableSpec;

export const PLACES = {
  name: "ICS_Places",
  sheet: "ICS Places",
  columns: [
    text("Place"),
    number("Registered population"),
    number("Need index"),
    money("Baseline"),
    money("Floor"),
    money("Cap"),
    money("Risk reserve"),
  ],
} as const satisfies TableSpec;

export const PLAN_LINES = {
  name: "ICS_PlanLines",
  sheet: "ICS Plan lines",
  columns: [text("Organisation"), text("Counterparty"), text("Direction"), text("Category"), money("Amount"), flag("Competition sensitive")],
} as const satisfies TableSpec;

export const ASSUMPTIONS = {
  name: "ICS_Assumptions",
  sheet: "ICS Assumptions",
  columns: [text("Organisation"), text("Assumption"), { header: "Value", kind: "percent" }],
} as const satisfies TableSpec;

/** One row per mismatched flow, keyed by Organisation (receiving), Counterparty (paying) and Category; what people type here is kept. */
export const RESOLUTIONS = {
  name: "ICS_Resolutions",
  sheet: "ICS Resolution log",
  columns: [text("Organisation"), text("Counterparty"), text("Category"), text("Owner"), text("Agreed action"), text("Status")],
} as const satisfies TableSpec;

export const SCHEMES = {
  name: "ICS_Schemes",
  sheet: "ICS Schemes",
  columns: [
    text("Scheme"),
    text("Organisation"),
    text("Place"),
    text("Category"),
    text("Backlog risk"),
    money("Capital cost"),
    money("Revenue effect"),
    flag("Affordability case"),
  ],
} as const satisfies TableSpec;

/** The Schemes table with one score column per criterion of the rulebook in force, headed by the criterion's label. */
export function schemesTable(criteria: readonly { label: string }[]): TableSpec {
  return { ...SCHEMES, columns: [...SCHEMES.columns, ...criteria.map((c) => number(c.label))] };
}

/**
 * What the control total statement needs beyond the Plans table, one row per organisation per month: non-recurrent
 * items, efficiency and capital against CDEL; Source says where the row came from (a file loaded, or the sample).
 */
export const STATEMENT_DETAIL = {
  name: "ICS_StatementDetail",
  sheet: "ICS Statement detail",
  columns: [
    text("Organisation"),
    number("Month"),
    money("Non-recurrent YTD"),
    money("Non-recurrent forecast"),
    money("Efficiency plan YTD"),
    money("Efficiency delivered YTD"),
    money("Capital spend YTD"),
    money("Capital forecast"),
    money("CDEL"),
    text("Source"),
  ],
} as const satisfies TableSpec;

/** Each unit's agreed deliverables and the outcome each is measured by (MoU 9.9–9.10): the first tranche waits for them. */
export const DELIVERABLES = {
  name: "ICS_Deliverables",
  sheet: "ICS Deliverables",
  columns: [text("Unit"), text("Deliverable"), text("Outcome measure"), text("Due quarter")],
} as const satisfies TableSpec;

/** Each unit's quarterly return on its transformation funding, milestones and spend to date (the year so far). */
export const MONITORING = {
  name: "ICS_Monitoring",
  sheet: "ICS Monitoring",
  columns: [text("Unit"), text("Quarter"), number("Milestones due"), number("Milestones delivered"), money("Spend to date"), text("Note")],
} as const satisfies TableSpec;

/**
 * Issue resolution, append-only: one row per event of an issue (opened on a route, then each stage's outcome with its
 * date, who took part, the partners failing to agree and, at a vote, each partner's vote). A row is never edited; a
 * correction is a new issue. Dates are text, yyyy-mm-dd, so Excel does not turn them into serial numbers.
 */
export const ISSUES = {
  name: "ICS_Issues",
  sheet: "ICS Issues",
  columns: [
    text("Issue ref"),
    text("Route"),
    text("Date"),
    text("Stage"),
    text("Outcome"),
    text("Matter"),
    text("Rule"),
    text("Detail"),
    text("Participants"),
    text("Dissenters"),
    text("Votes"),
    text("Recorded at"),
  ],
} as const satisfies TableSpec;

/** Every table set-up creates, in the order their sheets are added. */
export const ADD_IN_TABLES: readonly TableSpec[] = [
  PARTNERS,
  BOARD_MEMBERS,
  DECISION_LOG,
  CONFLICTS,
  PLANS,
  PLACES,
  PLAN_LINES,
  ASSUMPTIONS,
  RESOLUTIONS,
  SCHEMES,
  STATEMENT_DETAIL,
  ISSUES,
  DELIVERABLES,
  MONITORING,
  RULES_SETTINGS,
  RULES_ANNEX1,
  RULES_TIERS,
  RULES_BODIES,
  RULES_MATTERS,
  RULES_DECISIONS,
  RULES_CONTROL_TOTAL,
  RULES_MATERIALITY,
  RULES_CAPITAL,
  RULES_FORMULAS,
  RULES_ISSUE_RESOLUTION,
  RULES_PRECONDITIONS,
];

/** Where the workbook keeps the rulebook it was made with. */
export const RULEBOOK_SETTING = "icsFinance.rulebook";

/** The rulebook's change log: each version put in force, when, by whom (as typed), what changed and why. */
export const RULEBOOK_LOG_SETTING = "icsFinance.rulebookLog";

/** The financial year the Plans and Statement detail tables' months are of, e.g. "2025/26". */
export const FINANCIAL_YEAR_SETTING = "icsFinance.financialYear";
