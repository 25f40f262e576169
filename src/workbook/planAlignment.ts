// The plan alignment tables as the Plan alignment panel reads them, the resolution log it keeps, and the report it writes for sharing.
import { codeKey, sameCode } from "../rules/codes";
import { penceAt, type Money } from "../rules/money";
import {
  checkAssumptions,
  forSharing,
  parseDirection,
  STATUS_LABEL,
  thresholdWords,
  type AssumptionCheck,
  type AssumptionEntry,
  type Flow,
  type PlanLine,
} from "../rules/planAlignment";
import { lookupPartner, RulebookError, type PlanAlignmentSettings, type Rulebook } from "../rules/rulebook";
import { WorkbookError, type Cell, type TableSpec, type Workbook } from "./gateway";
import { blank, moneyAt, readRows, recordsOf, textOf, type RowRecord } from "./records";
import { ASSUMPTIONS, PLAN_LINES, RESOLUTIONS } from "./tables";
import { FLAG_WORDS, readFlag } from "../rules/flags";

export function alignmentSettings(rulebook: Rulebook): PlanAlignmentSettings {
  if (!rulebook.planAlignment) throw new RulebookError(`the rulebook "${rulebook.name}" has no plan alignment section`);
  return rulebook.planAlignment;
}

/** A partner's code from its code or name; an unknown one is an error naming where. */
export function partnerCode(rulebook: Rulebook, value: Cell, where: string): string {
  const text = textOf(value);
  if (text === "") throw new WorkbookError(`${where}: blank; give a partner's code or name`);
  const partner = lookupPartner(rulebook, text);
  if (!partner) throw new WorkbookError(`${where}: unknown organisation "${text}"`);
  return partner.code;
}

/** A category's label from its label or id. */
export function categoryLabel(settings: PlanAlignmentSettings, value: Cell, where: string): string {
  const text = codeKey(textOf(value));
  const category = settings.categories.find((c) => c.id === text || codeKey(c.label) === text);
  if (!category) throw new WorkbookError(`${where}: "${textOf(value)}" is not a category (${settings.categories.map((c) => c.label).join(", ")})`);
  return category.label;
}

/** TRUE/FALSE, Yes/No or blank (no). */
export function flagOf(value: Cell, where: string): boolean {
  const flag = readFlag(value);
  if (flag === null) throw new WorkbookError(`${where}: "${textOf(value)}" is not ${FLAG_WORDS}`);
  return flag ?? false;
}

/** One plan line from a record, every cell checked; the same check for the table and for partners' returns. */
export function planLineOf(rulebook: Rulebook, r: RowRecord, where: string): PlanLine {
  const settings = alignmentSettings(rulebook);
  const organisation = partnerCode(rulebook, r["Organisation"] ?? null, `${where} (Organisation)`);
  const counterparty = partnerCode(rulebook, r["Counterparty"] ?? null, `${where} (Counterparty)`);
  if (organisation === counterparty) throw new WorkbookError(`${where}: ${organisation} is paired with itself`);
  return {
    organisation,
    counterparty,
    direction: parseDirection(r["Direction"], `${where} (Direction)`),
    category: categoryLabel(settings, r["Category"] ?? null, `${where} (Category)`),
    pence: penceAt(r["Amount"], `${where} (Amount)`),
    sensitive: flagOf(r["Competition sensitive"] ?? null, `${where} (Competition sensitive)`),
  };
}

/** The Plan lines table; undefined when the workbook has none. Line i is the table's data row i. */
export async function readPlanLines(workbook: Workbook, rulebook: Rulebook): Promise<PlanLine[] | undefined> {
  const table = await workbook.readTable(PLAN_LINES.name);
  if (!table) return undefined;
  return readRows(recordsOf(table, PLAN_LINES), PLAN_LINES, (r, where) => planLineOf(rulebook, r, where));
}

export interface Assumptions {
  system: Map<string, Money>;
  entries: AssumptionEntry[];
}

/** The Assumptions table: the system's agreed values (Organisation "System") and each organisation's own. */
export async function readAssumptions(workbook: Workbook, rulebook: Rulebook): Promise<Assumptions | undefined> {
  const settings = alignmentSettings(rulebook);
  const table = await workbook.readTable(ASSUMPTIONS.name);
  if (!table) return undefined;
  const records = recordsOf(table, ASSUMPTIONS).filter((r) => textOf(r["Organisation"]!) !== "");
  const rows = readRows(records, ASSUMPTIONS, (r, where) => {
    const who = textOf(r["Organisation"]!);
    const name = codeKey(textOf(r["Assumption"]!));
    const item = settings.assumptions.items.find((a) => a.id === name || codeKey(a.label) === name);
    if (!item) throw new WorkbookError(`${where} (Assumption): "${textOf(r["Assumption"]!)}" is not one of the rulebook's planning assumptions`);
    if (blank(r["Value"])) throw new WorkbookError(`${where} (Value): blank; give a percentage`);
    const value = moneyAt(r, "Value", where);
    return { organisation: sameCode(who, "System") ? null : partnerCode(rulebook, who, `${where} (Organisation)`), assumption: item.id, value };
  });
  const system = new Map<string, Money>();
  const entries: AssumptionEntry[] = [];
  for (const row of rows) {
    if (row.organisation === null) system.set(row.assumption, row.value);
    else entries.push({ organisation: row.organisation, assumption: row.assumption, value: row.value });
  }
  return { system, entries };
}

export const checkAssumptionsOf = (rulebook: Rulebook, a: Assumptions): AssumptionCheck[] => checkAssumptions(alignmentSettings(rulebook), a.system, a.entries);

export type ResolutionStatus = "Open" | "In progress" | "Resolved";
export const RESOLUTION_STATUSES: readonly ResolutionStatus[] = ["Open", "In progress", "Resolved"];

export interface Resolution {
  owner: string;
  action: string;
  status: string;
}

export const flowKey = (f: { payee: string; payer: string; category: string }) => [f.payee, f.payer, f.category].map(codeKey).join("\u0000");

/** The resolution log by flow (receiving organisation, paying organisation, category). */
export async function readResolutions(workbook: Workbook): Promise<Map<string, Resolution> | undefined> {
  const table = await workbook.readTable(RESOLUTIONS.name);
  if (!table) return undefined;
  const log = new Map<string, Resolution>();
  for (const r of recordsOf(table, RESOLUTIONS)) {
    const key = flowKey({ payee: textOf(r["Organisation"]!), payer: textOf(r["Counterparty"]!), category: textOf(r["Category"]!) });
    log.set(key, { owner: textOf(r["Owner"]!), action: textOf(r["Agreed action"]!), status: textOf(r["Status"]!) });
  }
  return log;
}

const resolutionRow = (f: Pick<Flow, "payee" | "payer" | "category">, r: Resolution): Cell[] => [f.payee, f.payer, f.category, r.owner, r.action, r.status];
const KEY = ["Organisation", "Counterparty", "Category"] as const;

/** Saves one flow's owner, action and status, updating its row or adding one; nothing else in the log changes. */
export function saveResolution(workbook: Workbook, flow: Pick<Flow, "payee" | "payer" | "category">, resolution: Resolution): Promise<void> {
  return workbook.upsertRows(RESOLUTIONS, KEY, [resolutionRow(flow, resolution)]);
}

/** Adds an Open row for each mismatch or missing side not yet in the log (read afresh); rows already there, and what was typed in them, are kept. */
export async function logNewMismatches(workbook: Workbook, flows: readonly Flow[]): Promise<number> {
  const log = await readResolutions(workbook);
  if (!log) throw new WorkbookError("the workbook has no resolution log table; use Set up workbook");
  const fresh = flows.filter((f) => (f.status === "mismatch" || f.status === "missing") && !log.has(flowKey(f)));
  await workbook.appendRows(RESOLUTIONS, fresh.map((f) => resolutionRow(f, { owner: "", action: "", status: "Open" })));
  return fresh.length;
}

export const ALIGNMENT_REPORT = {
  name: "ICS_AlignmentReport",
  sheet: "ICS Alignment report",
  columns: [
    { header: "Flow", kind: "text" },
    { header: "Organisation (receiving)", kind: "text" },
    { header: "Counterparty (paying)", kind: "text" },
    { header: "Category", kind: "text" },
    { header: "Income reported", kind: "money" },
    { header: "Expenditure reported", kind: "money" },
    { header: "Difference", kind: "money" },
    { header: "Status", kind: "text" },
    { header: "Owner", kind: "text" },
    { header: "Agreed action", kind: "text" },
    { header: "Resolution status", kind: "text" },
  ],
} as const satisfies TableSpec;

/** "MSEFT ← ICB-ME, Clinical contract": who receives from whom, for what. */
export const flowLabel = (f: Pick<Flow, "payee" | "payer" | "category">) => `${f.payee} ← ${f.payer}, ${f.category}`;

const pounds = (pence: number | null) => (pence === null ? null : pence / 100);

/**
 * Writes the alignment report for sharing on the add-in's own sheet: every flow that is not competition sensitive,
 * and the sensitive ones only as one line of totals (MoU 12.2). Replaces only that sheet.
 */
export async function writeAlignmentReport(workbook: Workbook, rulebook: Rulebook, flows: readonly Flow[], log: ReadonlyMap<string, Resolution>): Promise<string> {
  const settings = alignmentSettings(rulebook);
  const shared = forSharing(flows);
  const rows: Cell[][] = shared.open.map((f) => {
    const r = log.get(flowKey(f));
    return [flowLabel(f), f.payee, f.payer, f.category, pounds(f.income), pounds(f.expenditure), pounds(f.difference), STATUS_LABEL[f.status], r?.owner ?? "", r?.action ?? "", r?.status ?? ""];
  });
  const s = shared.sensitive;
  if (s.count > 0) {
    rows.push([
      "Competition sensitive (aggregate)",
      "Competition-sensitive lines",
      `${s.count} flow${s.count === 1 ? "" : "s"}, in aggregate`,
      "",
      pounds(s.income),
      pounds(s.expenditure),
      pounds(s.income - s.expenditure),
      s.worst ? `Worst: ${STATUS_LABEL[s.worst]}` : "",
      "",
      "",
      "",
    ]);
  }
  const count = (status: Flow["status"]) => flows.filter((f) => f.status === status).length;
  const test = thresholdWords(settings.materiality);
  const notes = [
    `${rulebook.name} · open-book plan alignment (${settings.clause})`,
    `${flows.length} flows: ${count("agreed")} agreed, ${count("within-tolerance")} within tolerance, ${count("mismatch")} mismatched, ${count("missing")} missing a side; material above ${test}`,
    `Competition-sensitive lines are shown only in aggregate (${settings.sensitiveClause}).`,
  ];
  return workbook.writeReport({
    table: ALIGNMENT_REPORT,
    title: "Plan alignment between partners",
    notes,
    rows,
    chart: { title: "Difference by flow (£)", type: "bar", categories: "Flow", values: "Difference" },
  });
}
