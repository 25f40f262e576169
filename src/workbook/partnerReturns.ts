// Partners' plan returns as .xlsx files in the documented template: parsed in the browser with ExcelJS (loaded only when used), every row checked, nothing half-imported.
import type { CellValue, Workbook as XlsxWorkbook } from "exceljs";
import type { PlanLine } from "../rules/planAlignment";
import type { Rulebook } from "../rules/rulebook";
import { WorkbookError, type Cell, type Progress, type Workbook } from "./gateway";
import { alignmentSettings, partnerCode, planLineOf, readPlanLines } from "./planAlignment";
import { recordsOf, textOf } from "./records";
import { PLAN_LINES } from "./tables";

/** The template: one sheet of this name, a header row of these columns, one line per row. */
export const RETURN_SHEET = "Plan return";
export const RETURN_COLUMNS = PLAN_LINES.columns.map((c) => c.header);

export class ImportError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`${problems.length} problem${problems.length === 1 ? "" : "s"} in the returns; nothing was imported: ${problems.slice(0, 6).join("; ")}${problems.length > 6 ? "; …" : ""}`);
    this.name = "ImportError";
  }
}

export interface PartnerReturn {
  file: string;
  /** The partner whose return it is: every line's Organisation. */
  organisation: string;
  lines: PlanLine[];
}

async function excelJs(): Promise<typeof import("exceljs")> {
  const module = await import(/* webpackChunkName: "exceljs" */ "exceljs");
  return (module as unknown as { default?: typeof import("exceljs") }).default ?? module;
}

/** An ExcelJS cell value as a plain cell: a formula by its result, rich text as its text. */
function plain(value: CellValue, where: string): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) throw new WorkbookError(`${where}: a date is not an amount or a name`);
  if (typeof value === "object" && "richText" in value) return value.richText.map((t) => t.text).join("");
  if (typeof value === "object" && "result" in value) return plain(value.result as CellValue, where);
  if (typeof value === "object" && "error" in value) throw new WorkbookError(`${where}: the cell shows ${value.error}`);
  if (typeof value === "object" && "text" in value) return String(value.text);
  throw new WorkbookError(`${where}: cannot read this cell`);
}

/** One file's return, every row checked; its problems are listed with file, sheet and row. */
export async function parseReturn(file: string, data: ArrayBuffer, rulebook: Rulebook): Promise<PartnerReturn> {
  alignmentSettings(rulebook);
  const ExcelJS = await excelJs();
  const book: XlsxWorkbook = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(data as never);
  } catch {
    throw new ImportError([`${file}: not an .xlsx workbook that can be read`]);
  }
  const sheet = book.getWorksheet(RETURN_SHEET);
  if (!sheet) throw new ImportError([`${file}: no sheet named "${RETURN_SHEET}" (use the return template)`]);
  const headerRow = sheet.getRow(1);
  const headers: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (cell, col) => (headers[col - 1] = textOf(plain(cell.value, `${file} header`))));
  const missing = RETURN_COLUMNS.filter((c) => !headers.some((h) => h.toLowerCase() === c.toLowerCase()));
  if (missing.length > 0) throw new ImportError([`${file}, sheet "${RETURN_SHEET}": no ${missing.map((m) => `"${m}"`).join(", ")} column`]);

  const problems: string[] = [];
  const lines: PlanLine[] = [];
  for (let n = 2; n <= sheet.rowCount; n++) {
    const where = `${file}, sheet "${RETURN_SHEET}", row ${n}`;
    try {
      const row = sheet.getRow(n);
      const cells = headers.map((_h, i) => plain(row.getCell(i + 1).value, where));
      if (cells.every((c) => c === null || textOf(c) === "")) continue;
      const [record] = recordsOf({ name: RETURN_SHEET, sheet: RETURN_SHEET, headers, rows: [cells] }, PLAN_LINES);
      lines.push(planLineOf(rulebook, record!, where));
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length === 0 && lines.length === 0) problems.push(`${file}: the return has no plan lines`);
  const organisations = [...new Set(lines.map((l) => l.organisation))];
  if (organisations.length > 1) problems.push(`${file}: a return is one partner's, but it holds lines for ${organisations.join(", ")}`);
  if (problems.length > 0) throw new ImportError(problems);
  return { file, organisation: organisations[0]!, lines };
}

/** Several files, each checked; any problem in any file stops the whole import. Progress is reported per file. */
export async function parseReturns(
  files: readonly { name: string; data: ArrayBuffer }[],
  rulebook: Rulebook,
  progress: (done: number, total: number) => void = () => undefined,
): Promise<PartnerReturn[]> {
  const problems: string[] = [];
  const returns: PartnerReturn[] = [];
  for (const [i, f] of files.entries()) {
    try {
      returns.push(await parseReturn(f.name, f.data, rulebook));
    } catch (error) {
      problems.push(...(error instanceof ImportError ? error.problems : [`${f.name}: ${(error as Error).message}`]));
    }
    progress(i + 1, files.length);
  }
  const seen = new Map<string, string>();
  for (const r of returns) {
    const other = seen.get(r.organisation);
    if (other) problems.push(`${other} and ${r.file} are both ${r.organisation}'s return; import one`);
    seen.set(r.organisation, r.file);
  }
  if (problems.length > 0) throw new ImportError(problems);
  return returns;
}

export const lineRow = (l: PlanLine): Cell[] => [l.organisation, l.counterparty, l.direction === "income" ? "Income" : "Expenditure", l.category, l.pence / 100, l.sensitive];

/** Merges returns into the Plan lines table: each partner's previous lines are replaced by its return; every other line, and every cell of it, stays as it was. */
export async function mergeReturns(workbook: Workbook, rulebook: Rulebook, returns: readonly PartnerReturn[], progress?: Progress): Promise<{ removed: number; added: number }> {
  const replaced = new Set(returns.map((r) => r.organisation));
  const added = returns.flatMap((r) => r.lines.map(lineRow));
  let removed = 0;
  await workbook.replaceRows(PLAN_LINES, added, (record) => {
    const who = textOf(record["Organisation"] ?? null);
    const code = (() => {
      try {
        return partnerCode(rulebook, who, "");
      } catch {
        return who; // a line the add-in cannot place is kept as it is, for a person to fix
      }
    })();
    if (replaced.has(code)) removed++;
    return replaced.has(code);
  }, progress);
  return { removed, added: added.length };
}

/** The return template as an .xlsx file: the Plan return sheet (with the partner's current lines when one is named) and how to fill it in. */
export async function returnTemplate(workbook: Workbook, rulebook: Rulebook, organisation?: string): Promise<ArrayBuffer> {
  const settings = alignmentSettings(rulebook);
  const ExcelJS = await excelJs();
  const book = new ExcelJS.Workbook();
  book.creator = "ICS Finance";
  const sheet = book.addWorksheet(RETURN_SHEET);
  sheet.columns = RETURN_COLUMNS.map((header) => ({ header, key: header, width: header === "Competition sensitive" ? 22 : 24 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(5).numFmt = "£#,##0.00;-£#,##0.00";
  if (organisation) {
    const code = partnerCode(rulebook, organisation, "the template's organisation");
    const lines = ((await readPlanLines(workbook, rulebook)) ?? []).filter((l) => l.organisation === code);
    for (const l of lines) sheet.addRow(lineRow(l).map((c, i) => (i === 5 ? (c ? "Yes" : "No") : c)));
  }
  const help = book.addWorksheet("How to fill in");
  [
    ["One partner's plan lines with the other partners, one line per counterparty, direction and category."],
    ["Organisation: your partner code (e.g. MSEFT) or name, the same on every line."],
    ["Counterparty: the other partner's code or name."],
    ["Direction: Income (you plan to receive it) or Expenditure (you plan to pay it)."],
    [`Category: one of ${settings.categories.map((c) => c.label).join(", ")}.`],
    ["Amount: £ for the year, to the penny at most."],
    [`Competition sensitive: Yes or No. Sensitive lines are shared with other partners only in aggregate (${settings.sensitiveClause}).`],
    ["Importing a return replaces only that partner's previous lines."],
  ].forEach((row) => help.addRow(row));
  help.getColumn(1).width = 110;
  return (await book.xlsx.writeBuffer()) as unknown as ArrayBuffer;
}
