// The browser preview's in-memory workbook as an .xlsx file, so anyone can take the sample (and what they did to it) into
// Excel, or print it: number formats by column kind (money's negatives as the pane shows them), columns sized to their
// figures, each sheet set to print one page wide; the Board pack's sheets each on one page with their totals row and
// their chart as a picture; the scenarios and the rulebook as sheets of their own.
import { rulebookVersion, withNegatives } from "./boardPack";
import { readDisplaySettings } from "./displaySettings";
import { formatOf, NUMBER_FORMAT, reportLines, type Cell, type ColumnKind, type ColumnSpec } from "./gateway";
import type { MemoryReport, MemoryWorkbook } from "./memory";
import type { NegativeStyle } from "../rules/money";
import type { Rulebook } from "../rules/rulebook";
import { SCENARIOS_SETTING } from "./scenarios";
import { RULEBOOK_SETTING } from "./tables";

type ExcelJs = typeof import("exceljs");
type Sheet = import("exceljs").Worksheet;

/** A chart drawn in the browser, as a PNG, for the report whose table it charts (ExcelJS cannot write Excel charts). */
export interface ChartImage {
  png: ArrayBuffer;
  /** Its size on the sheet, in pixels. */
  width: number;
  height: number;
}

export interface XlsxOptions {
  /** The rulebook in force, for the Rulebook sheet when the workbook has none stored. */
  rulebook?: Rulebook;
  /** Report charts as pictures, by report table name. */
  charts?: ReadonlyMap<string, ChartImage>;
  /** Negative money after a minus sign or in brackets; by default as the workbook's display choice has them. */
  negatives?: NegativeStyle;
}

/** How wide a column needs to be for its header and its figures as shown (in characters), within reason. */
function widthOf(header: string, cells: readonly Cell[], kind: ColumnKind | undefined, negatives: NegativeStyle): number {
  const sign = negatives === "brackets" ? "()" : "-";
  const shown = (c: Cell) => (typeof c === "number" && kind === "money" ? `£${Math.abs(c).toLocaleString("en-GB", { minimumFractionDigits: 2 })}${sign}` : String(c ?? ""));
  const longest = cells.reduce<number>((a, c) => Math.max(a, shown(c).length), header.length);
  return Math.min(60, Math.max(10, longest + 2));
}

/** Excel's header and footer codes for a band's three parts. */
const band = (b: { left?: string; center?: string; right?: string }) => `${b.left ? `&L${b.left}` : ""}${b.center ? `&C${b.center}` : ""}${b.right ? `&R${b.right}` : ""}`;

/** Rows of a pixel height at Excel's default row height (15 points, 20 pixels). */
const ROW_PIXELS = 20;

/** A JSON value as rows of path and value, for a sheet a person can read and filter. */
function flatten(value: unknown, path: string, out: [string, Cell][]): [string, Cell][] {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${path}[${i + 1}]`, out));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, path === "" ? k : `${path}.${k}`, out);
  else out.push([path, value === undefined ? null : (value as Cell)]);
  return out;
}

/** A plain sheet of rows under a bold header, printed one page wide. */
function listSheet(book: import("exceljs").Workbook, name: string, title: string, headers: string[], rows: Cell[][], widths: number[]): void {
  const sheet = book.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddHeader: `&L&"-,Bold"${title.replace(/&/g, "&&")}`, oddFooter: "&LICS Finance&RPage &P of &N" },
  });
  sheet.getCell(1, 1).value = title;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getRow(3).values = headers;
  sheet.getRow(3).font = { bold: true };
  rows.forEach((r, i) => (sheet.getRow(4 + i).values = r.map((c) => c ?? "")));
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  for (let i = 0; i < rows.length; i++) sheet.getCell(4 + i, widths.length).alignment = { wrapText: true, vertical: "top" };
  sheet.pageSetup.printTitlesRow = "3:3";
  sheet.pageSetup.printArea = `A1:${sheet.getCell(3 + Math.max(rows.length, 1), headers.length).address}`;
  sheet.views = [{ state: "frozen", ySplit: 3 }];
}

/** The scenarios saved with the workbook, one row per field; none when there are none. */
async function scenariosSheet(book: import("exceljs").Workbook, workbook: MemoryWorkbook): Promise<void> {
  const stored = await workbook.readSetting(SCENARIOS_SETTING);
  if (stored === undefined) return;
  let list: unknown;
  try {
    list = JSON.parse(stored);
  } catch {
    return;
  }
  if (!Array.isArray(list) || list.length === 0) return;
  const rows = list.flatMap((s: { name?: unknown }) => flatten(s, "", []).map(([path, value]): Cell[] => [String(s.name ?? ""), path, value]));
  listSheet(book, "Scenarios", "Scenarios saved with this workbook", ["Scenario", "Field", "Value"], rows, [26, 40, 50]);
}

/** The rulebook the workbook computes under (stored with it, else the one in force), one row per setting, with its version. */
async function rulebookSheet(book: import("exceljs").Workbook, workbook: MemoryWorkbook, inForce: Rulebook | undefined): Promise<void> {
  const stored = await workbook.readSetting(RULEBOOK_SETTING);
  let rulebook: unknown = inForce;
  if (stored !== undefined) {
    try {
      rulebook = JSON.parse(stored);
    } catch {
      rulebook = inForce;
    }
  }
  if (rulebook === undefined) return;
  const rows: Cell[][] = [["Rulebook version", rulebookVersion(rulebook as Rulebook)], ...flatten(rulebook, "", []).map(([p, v]): Cell[] => [p, v])];
  listSheet(book, "Rulebook", `Rulebook: ${(rulebook as { name?: string }).name ?? ""}`, ["Setting", "Value"], rows, [48, 70]);
}

/** Lines a text takes in a column of a width in characters, wrapped at spaces (as a spreadsheet wraps it, near enough). */
const linesIn = (text: string, width: number) => Math.max(1, Math.ceil(text.length / Math.max(1, width - 1)));

/**
 * Lays a Board pack page: the report's widths; headers and the wrapping columns wrapped, each row as tall as its
 * wrapped text (set here: not every application sizes rows to wrapped text when it opens a file); its page, header and
 * footer; one page.
 */
function boardPage(sheet: Sheet, report: MemoryReport, top: number, last: number): void {
  const widths = report.columns.map((c) => c.width ?? 10);
  report.columns.forEach((c: ColumnSpec, i) => {
    sheet.getColumn(i + 1).width = widths[i];
    sheet.getCell(top, i + 1).alignment = { wrapText: true, vertical: "bottom", horizontal: c.kind === "text" ? "left" : "right" };
  });
  sheet.getRow(top).height = 15 * Math.max(...report.columns.map((c, i) => linesIn(c.header, widths[i]!)));
  for (let r = top + 1; r <= last; r++) {
    let lines = 1;
    report.columns.forEach((c, i) => {
      // Every cell of a row at its top, so a figure sits on the first line of a wrapped neighbour.
      const cell = sheet.getCell(r, i + 1);
      cell.alignment = c.wrap ? { wrapText: true, vertical: "top" } : { vertical: "top" };
      if (c.wrap) lines = Math.max(lines, linesIn(String(cell.value ?? ""), widths[i]!));
    });
    sheet.getRow(r).height = 15 * lines;
  }
  const layout = report.pageLayout!;
  sheet.pageSetup.orientation = layout.orientation;
  sheet.pageSetup.fitToHeight = 1;
  sheet.headerFooter.oddHeader = band(layout.header);
  sheet.headerFooter.oddFooter = band(layout.footer);
}

/**
 * Every sheet in order (an empty sheet with no table is left out unless it is the only one); each table as an Excel
 * table on its sheet, below a report's title, headline and notes where it has them, with its totals row; money,
 * percentages and text formatted as their columns say; a page set up to print one page wide (a Board pack page on one
 * page), the header row repeated, page numbers in the footer; then the scenarios and the rulebook.
 */
export async function workbookAsXlsx(workbook: MemoryWorkbook, options: XlsxOptions = {}): Promise<ArrayBuffer> {
  const module = await import(/* webpackChunkName: "exceljs" */ "exceljs");
  const ExcelJS = (module as unknown as { default?: ExcelJs }).default ?? module;
  const book = new ExcelJS.Workbook();
  book.creator = "ICS Finance (browser preview)";
  const negatives = options.negatives ?? (await readDisplaySettings(workbook)).negatives;
  const tables = workbook.allTables();
  const names = workbook.sheetNames();
  const used = names.filter((name) => tables.some((t) => t.sheet === name));
  for (const name of used.length > 0 ? used : names) {
    const table = tables.find((t) => t.sheet === name);
    const report = table && workbook.reportOf(table.name);
    const wide = (table?.headers.length ?? 0) > 6;
    const sheet = book.addWorksheet(name.slice(0, 31), {
      pageSetup: { paperSize: 9, orientation: wide ? "landscape" : "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
      headerFooter: { oddHeader: `&L&"-,Bold"${(report?.title ?? name).replace(/&/g, "&&")}`, oddFooter: "&LICS Finance&RPage &P of &N" },
    });
    if (!table) continue;
    let top = 1;
    const lines = report ? reportLines(report) : [];
    if (report) {
      sheet.getCell(1, 1).value = report.title;
      sheet.getCell(1, 1).font = { name: "Calibri", bold: true, size: 14 };
      top = lines.length + 3;
    }
    const rows = table.rows.length > 0 ? table.rows.map((r) => r.map((c) => c ?? "")) : [table.headers.map(() => "")];
    const specs = table.headers.map((h) => report?.columns.find((c) => c.header === h));
    const totals = report?.totals;
    sheet.addTable({
      name: table.name,
      ref: sheet.getCell(top, 1).address,
      headerRow: true,
      totalsRow: totals !== undefined,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: table.headers.map((h, i) => (i === 0 && totals ? { name: h, filterButton: true, totalsRowLabel: String(totals[0] ?? "") } : { name: h, filterButton: true, totalsRowFunction: "none" as const })),
      rows,
    });
    const totalsRow = top + rows.length + 1;
    if (totals) {
      // The totals as the rules computed them, exact to the penny (not a formula another application recomputes).
      table.headers.forEach((h, i) => {
        const at = report!.columns.findIndex((c) => c.header === h);
        const cell = sheet.getCell(totalsRow, i + 1);
        cell.value = at < 0 ? null : (totals[at] ?? null) === "" ? null : (totals[at] as string | number | boolean | null);
        cell.font = { name: "Calibri", bold: true, size: 11 };
      });
    }
    const last = top + rows.length + (totals ? 1 : 0);
    const kinds = workbook.columnKinds(table.name);
    table.headers.forEach((h, i) => {
      const column = sheet.getColumn(i + 1);
      const kind = kinds[i];
      column.width = widthOf(h, table.rows.map((r) => r[i] ?? null), kind, negatives);
      // Text stays text; money in pounds and pence with thousands separators (or £k where the report says); shares
      // as percentages; whole numbers (populations, months) grouped in thousands.
      const spec = specs[i];
      const wholeNumbers = kind === "number" && table.rows.every((r) => typeof r[i] !== "number" || Number.isInteger(r[i]));
      const given = spec?.format ?? (kind === "number" ? (wholeNumbers ? "#,##0" : undefined) : kind && kind !== "boolean" ? (spec ? formatOf(spec) : NUMBER_FORMAT[kind]) : undefined);
      // Money's negatives as the pane shows them: "-£1,234" or "(£1,234)", in pounds and in £k alike.
      const format = given && (spec?.kind ?? kind) === "money" ? withNegatives(given, negatives) : given;
      if (format) for (let r = top + 1; r <= last; r++) sheet.getCell(r, i + 1).numFmt = format;
    });
    let printed = last;
    if (report) {
      // Each line across the table's width, wrapped, so it prints within the page rather than running off it; the
      // headline in bold.
      const across = table.headers.reduce((a, _h, i) => a + (specs[i]?.width ?? sheet.getColumn(i + 1).width ?? 10), 0);
      lines.forEach((line, i) => {
        const row = 2 + i;
        if (table.headers.length > 1) sheet.mergeCells(row, 1, row, table.headers.length);
        const cell = sheet.getCell(row, 1);
        cell.value = line;
        cell.alignment = { wrapText: true, vertical: "top" };
        if (i < (report.headline?.length ?? 0)) cell.font = { name: "Calibri", bold: true, size: 11 };
        // A Board pack's lines come wrapped to the page's width already.
        sheet.getRow(row).height = 15 * Math.max(1, Math.ceil((line.length * (report.pageLayout ? 1 : 1.1)) / across));
      });
      const image = options.charts?.get(table.name);
      if (image) {
        const id = book.addImage({ buffer: image.png as never, extension: "png" });
        sheet.addImage(id, { tl: { col: 0, row: last + 1 }, ext: { width: image.width, height: image.height } });
        printed = last + 1 + Math.ceil(image.height / ROW_PIXELS) + 1;
      }
      if (report.pageLayout) boardPage(sheet, report, top, last);
    }
    // The header row repeats on every printed page; the print area is the title, notes, table and chart.
    sheet.pageSetup.printTitlesRow = `${top}:${top}`;
    sheet.pageSetup.printArea = `A1:${sheet.getCell(printed, table.headers.length).address}`;
    sheet.views = [{ state: "frozen", ySplit: top }];
  }
  await scenariosSheet(book, workbook);
  await rulebookSheet(book, workbook, options.rulebook);
  return (await book.xlsx.writeBuffer()) as unknown as ArrayBuffer;
}
