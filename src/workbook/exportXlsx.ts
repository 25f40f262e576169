// The browser preview's in-memory workbook as an .xlsx file, so anyone can take the sample (and what they did to it) into
// Excel, or print it: number formats by column kind, columns sized to their figures, each sheet set to print one page wide.
import { NUMBER_FORMAT, type Cell, type ColumnKind } from "./gateway";
import type { MemoryWorkbook } from "./memory";

type ExcelJs = typeof import("exceljs");

/** How wide a column needs to be for its header and its figures as shown (in characters), within reason. */
function widthOf(header: string, cells: readonly Cell[], kind: ColumnKind | undefined): number {
  const shown = (c: Cell) => (typeof c === "number" && kind === "money" ? `£${Math.abs(c).toLocaleString("en-GB", { minimumFractionDigits: 2 })}-` : String(c ?? ""));
  const longest = cells.reduce<number>((a, c) => Math.max(a, shown(c).length), header.length);
  return Math.min(60, Math.max(10, longest + 2));
}

/**
 * Every sheet in order (an empty sheet with no table is left out unless it is the only one); each table as an Excel
 * table on its sheet, below a report's title and notes where it has them; money, percentages and text formatted as
 * their columns say; a page set up to print one page wide, the header row repeated, page numbers in the footer.
 */
export async function workbookAsXlsx(workbook: MemoryWorkbook): Promise<ArrayBuffer> {
  const module = await import(/* webpackChunkName: "exceljs" */ "exceljs");
  const ExcelJS = (module as unknown as { default?: ExcelJs }).default ?? module;
  const book = new ExcelJS.Workbook();
  book.creator = "ICS Finance (browser preview)";
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
    if (report) {
      sheet.getCell(1, 1).value = report.title;
      sheet.getCell(1, 1).font = { bold: true, size: 14 };
      top = report.notes.length + 3;
    }
    const rows = table.rows.length > 0 ? table.rows.map((r) => r.map((c) => c ?? "")) : [table.headers.map(() => "")];
    sheet.addTable({
      name: table.name,
      ref: sheet.getCell(top, 1).address,
      headerRow: true,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: table.headers.map((h) => ({ name: h, filterButton: true })),
      rows,
    });
    const kinds = workbook.columnKinds(table.name);
    table.headers.forEach((h, i) => {
      const column = sheet.getColumn(i + 1);
      const kind = kinds[i];
      column.width = widthOf(h, table.rows.map((r) => r[i] ?? null), kind);
      // Text stays text; money in pounds and pence with thousands separators; shares as percentages; whole numbers
      // (populations, months) grouped in thousands.
      const wholeNumbers = kind === "number" && table.rows.every((r) => typeof r[i] !== "number" || Number.isInteger(r[i]));
      const format = kind === "number" ? (wholeNumbers ? "#,##0" : undefined) : kind && kind !== "boolean" ? NUMBER_FORMAT[kind] : undefined;
      if (format) for (let r = top + 1; r <= top + rows.length; r++) sheet.getCell(r, i + 1).numFmt = format;
    });
    if (report) {
      // Each note across the table's width, wrapped, so it prints within the page rather than running off it.
      const across = table.headers.reduce((a, _h, i) => a + (sheet.getColumn(i + 1).width ?? 10), 0);
      report.notes.forEach((note, i) => {
        const row = 2 + i;
        if (table.headers.length > 1) sheet.mergeCells(row, 1, row, table.headers.length);
        const cell = sheet.getCell(row, 1);
        cell.value = note;
        cell.alignment = { wrapText: true, vertical: "top" };
        sheet.getRow(row).height = 15 * Math.max(1, Math.ceil((note.length * 1.1) / across));
      });
    }
    // The header row repeats on every printed page; the print area is the title, notes and table.
    sheet.pageSetup.printTitlesRow = `${top}:${top}`;
    sheet.pageSetup.printArea = `A1:${sheet.getCell(top + rows.length, table.headers.length).address}`;
    sheet.views = [{ state: "frozen", ySplit: top }];
  }
  return (await book.xlsx.writeBuffer()) as unknown as ArrayBuffer;
}
