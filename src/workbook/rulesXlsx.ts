// The Rules sheets as an .xlsx file and back: a system shares or restores its rulebook as the sheets the SFLG edits.
import type { CellValue, Workbook as XlsxWorkbook, Worksheet } from "exceljs";
import type { Rulebook } from "../rules/rulebook";
import { rulebookToRows, RULE_SHEET_KEYS, RULE_SHEETS, type RuleProblem, type RulesRecords, type SheetCell, type SheetRecord } from "../rules/rulebookSheets";

async function excelJs(): Promise<typeof import("exceljs")> {
  const module = await import(/* webpackChunkName: "exceljs" */ "exceljs");
  return (module as unknown as { default?: typeof import("exceljs") }).default ?? module;
}

/**
 * The rulebook as the Rules sheets alone, each on its sheet as an Excel table under the same name as in the workbook,
 * so another workbook's import (or a person) finds them; percentages shown as such.
 */
export async function rulesSheetsAsXlsx(rulebook: Rulebook): Promise<ArrayBuffer> {
  const ExcelJS = await excelJs();
  const book = new ExcelJS.Workbook();
  book.creator = "ICS Finance";
  const rows = rulebookToRows(rulebook);
  for (const key of RULE_SHEET_KEYS) {
    const spec = RULE_SHEETS[key];
    const sheet = book.addWorksheet(spec.sheet, { pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    const body = rows[key].length > 0 ? rows[key] : [spec.columns.map(() => null)];
    sheet.addTable({
      name: spec.name,
      ref: "A1",
      headerRow: true,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: spec.columns.map((c) => ({ name: c.header, filterButton: true })),
      rows: body.map((r) => r.map((c) => c ?? "")),
    });
    spec.columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      const longest = body.reduce((a, r) => Math.max(a, String(r[i] ?? "").length), c.header.length);
      column.width = Math.min(60, Math.max(10, longest + 2));
      if (c.kind === "percent") for (let r = 2; r <= body.length + 1; r++) sheet.getCell(r, i + 1).numFmt = "0.00%";
    });
    sheet.views = [{ state: "frozen", ySplit: 1 }];
  }
  return (await book.xlsx.writeBuffer()) as unknown as ArrayBuffer;
}

/** A cell as the Rules sheets' reader takes it: a formula by its result, rich text as its text, a date as its ISO day. */
function cellOf(value: CellValue): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object" && "richText" in value) return value.richText.map((t) => t.text).join("");
  if (typeof value === "object" && "result" in value) return cellOf(value.result as CellValue);
  if (typeof value === "object" && "error" in value) return String(value.error);
  if (typeof value === "object" && "text" in value) return String(value.text);
  return String(value as unknown);
}

/** The row holding a Rules table's headers: the first whose cells include its first column's header. */
function headerRow(sheet: Worksheet, first: string): number | undefined {
  for (let r = 1; r <= Math.min(sheet.rowCount, 20); r++) {
    const row = sheet.getRow(r);
    for (let c = 1; c <= sheet.columnCount; c++) if (String(cellOf(row.getCell(c).value) ?? "").trim().toLowerCase() === first.toLowerCase()) return r;
  }
  return undefined;
}

export type RulesFileReading = { ok: true; records: RulesRecords } | { ok: false; problems: RuleProblem[] };

/**
 * The Rules sheets of an .xlsx (exported from this or another workbook, or edited by hand) as records by header, as
 * the workbook's own tables are read: a sheet the file lacks is left out (the reader names it), a column it lacks too.
 */
export async function readRulesXlsx(file: string, data: ArrayBuffer): Promise<RulesFileReading> {
  const ExcelJS = await excelJs();
  const book: XlsxWorkbook = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(data as never);
  } catch {
    return { ok: false, problems: [{ sheet: file, message: "it is not an .xlsx workbook that can be read; export the Rules sheets again as .xlsx" }] };
  }
  const records: RulesRecords = {};
  for (const key of RULE_SHEET_KEYS) {
    const spec = RULE_SHEETS[key];
    const sheet = book.worksheets.find((s) => s.name.trim().toLowerCase() === spec.sheet.toLowerCase());
    if (!sheet) continue;
    const top = headerRow(sheet, spec.columns[0]!.header);
    if (top === undefined) continue;
    const headers: string[] = [];
    sheet.getRow(top).eachCell({ includeEmpty: true }, (cell, c) => (headers[c - 1] = String(cellOf(cell.value) ?? "").trim().toLowerCase()));
    const at = new Map(spec.columns.map((c) => [c.header, headers.indexOf(c.header.toLowerCase())] as const).filter(([, i]) => i >= 0));
    const rows: SheetRecord[] = [];
    for (let r = top + 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      rows.push(Object.fromEntries([...at].map(([header, i]) => [header, cellOf(row.getCell(i + 1).value)])));
    }
    // Blank rows at the end (a table's empty last row) are not rows of the rules.
    while (rows.length > 0 && Object.values(rows.at(-1)!).every((c) => c === null || String(c).trim() === "")) rows.pop();
    records[key] = rows;
  }
  if (Object.keys(records).length === 0) {
    return { ok: false, problems: [{ sheet: file, message: `it has none of the Rules sheets (${RULE_SHEET_KEYS.map((k) => RULE_SHEETS[k].sheet).join(", ")}); export them from the Rulebook panel` }] };
  }
  return { ok: true, records };
}
