// The browser preview's in-memory workbook as an .xlsx file, so anyone can take the sample (and what they did to it) into Excel.
import type { MemoryWorkbook } from "./memory";

/** Every sheet in order; each table as an Excel table on its sheet, below a report's title and notes where it has them. */
export async function workbookAsXlsx(workbook: MemoryWorkbook): Promise<ArrayBuffer> {
  const module = await import(/* webpackChunkName: "exceljs" */ "exceljs");
  const ExcelJS = (module as unknown as { default?: typeof import("exceljs") }).default ?? module;
  const book = new ExcelJS.Workbook();
  book.creator = "ICS Finance (browser preview)";
  const tables = workbook.allTables();
  for (const name of workbook.sheetNames()) {
    const sheet = book.addWorksheet(name.slice(0, 31));
    const table = tables.find((t) => t.sheet === name);
    if (!table) continue;
    const report = workbook.reportOf(table.name);
    let top = 1;
    if (report) {
      sheet.getCell(1, 1).value = report.title;
      sheet.getCell(1, 1).font = { bold: true, size: 14 };
      report.notes.forEach((note, i) => (sheet.getCell(2 + i, 1).value = note));
      top = report.notes.length + 3;
    }
    sheet.addTable({
      name: table.name,
      ref: sheet.getCell(top, 1).address,
      headerRow: true,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: table.headers.map((h) => ({ name: h, filterButton: true })),
      rows: table.rows.length > 0 ? table.rows.map((r) => r.map((c) => c ?? "")) : [table.headers.map(() => "")],
    });
    table.headers.forEach((h, i) => (sheet.getColumn(i + 1).width = Math.min(48, Math.max(12, h.length + 4))));
  }
  return (await book.xlsx.writeBuffer()) as unknown as ArrayBuffer;
}
