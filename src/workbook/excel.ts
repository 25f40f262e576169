// The Excel implementation of the gateway: the only file that calls Excel.run or Office.context.
import { checkRowWidths, NUMBER_FORMAT, WorkbookError, type Cell, type TableData, type TableSpec, type Workbook } from "./gateway";

const isBlankRow = (row: unknown[]) => row.every((cell) => cell === "" || cell === null);

export class ExcelWorkbook implements Workbook {
  readonly kind = "excel" as const;

  hasSheet(name: string): Promise<boolean> {
    return Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(name);
      await context.sync();
      return !sheet.isNullObject;
    });
  }

  hasTable(name: string): Promise<boolean> {
    return Excel.run(async (context) => {
      const table = context.workbook.tables.getItemOrNullObject(name);
      await context.sync();
      return !table.isNullObject;
    });
  }

  readTable(name: string): Promise<TableData | undefined> {
    return Excel.run(async (context) => {
      const table = context.workbook.tables.getItemOrNullObject(name);
      await context.sync();
      if (table.isNullObject) return undefined;
      const header = table.getHeaderRowRange().load("values");
      const body = table.getDataBodyRange().load("values");
      const sheet = table.worksheet.load("name");
      await context.sync();
      return {
        name,
        sheet: sheet.name,
        headers: (header.values[0] ?? []).map(String),
        // A table with no data keeps one blank row in Excel; it is not a row of data.
        rows: (body.values as Cell[][]).filter((row) => !isBlankRow(row)),
      };
    });
  }

  addTable(spec: TableSpec, sheetName: string, rows: readonly Cell[][]): Promise<void> {
    checkRowWidths(spec, rows);
    return Excel.run(async (context) => {
      const existingSheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
      const existingTable = context.workbook.tables.getItemOrNullObject(spec.name);
      await context.sync();
      if (!existingSheet.isNullObject) throw new WorkbookError(`a sheet named "${sheetName}" already exists`);
      if (!existingTable.isNullObject) throw new WorkbookError(`a table named "${spec.name}" already exists`);
      const sheet = context.workbook.worksheets.add(sheetName);
      const width = spec.columns.length;
      const range = sheet.getRangeByIndexes(0, 0, rows.length + 1, width);
      const formats = spec.columns.map((c) => NUMBER_FORMAT[c.kind]);
      range.numberFormat = [spec.columns.map(() => "@"), ...rows.map(() => formats)];
      range.values = [spec.columns.map((c) => c.header), ...rows.map((row) => row.map((cell) => cell ?? ""))];
      const table = sheet.tables.add(range, true);
      table.name = spec.name;
      range.format.autofitColumns();
      await context.sync();
    });
  }

  appendRows(spec: TableSpec, rows: readonly Cell[][]): Promise<void> {
    checkRowWidths(spec, rows);
    if (rows.length === 0) return Promise.resolve();
    return Excel.run(async (context) => {
      const table = context.workbook.tables.getItemOrNullObject(spec.name);
      await context.sync();
      if (table.isNullObject) throw new WorkbookError(`the workbook has no table named "${spec.name}"; use Set up workbook`);
      const body = table.getDataBodyRange().load("values, rowCount");
      await context.sync();
      // An empty table keeps one blank row: fill it rather than leave a gap.
      const reuseBlankRow = body.rowCount === 1 && isBlankRow(body.values[0] ?? []);
      const newRows = reuseBlankRow ? rows.length - 1 : rows.length;
      if (newRows > 0) table.rows.add(undefined, Array.from({ length: newRows }, () => spec.columns.map(() => "")));
      // Format before writing, so text stays text: the log's all-zero genesis hash must not become the number 0.
      const last = table.getDataBodyRange().getLastRow();
      const target = rows.length === 1 ? last : last.getOffsetRange(-(rows.length - 1), 0).getResizedRange(rows.length - 1, 0);
      const formats = spec.columns.map((c) => NUMBER_FORMAT[c.kind]);
      target.numberFormat = rows.map(() => formats);
      target.values = rows.map((row) => row.map((cell) => cell ?? ""));
      await context.sync();
    });
  }

  async readSetting(key: string): Promise<string | undefined> {
    const value: unknown = Office.context.document.settings.get(key);
    return typeof value === "string" ? value : undefined;
  }

  writeSetting(key: string, value: string): Promise<void> {
    const settings = Office.context.document.settings;
    settings.set(key, value);
    return new Promise((resolve, reject) => {
      settings.saveAsync((result) => {
        if (result.status === Office.AsyncResultStatus.Succeeded) resolve();
        else reject(new WorkbookError(`the workbook's settings could not be saved: ${result.error?.message ?? "unknown error"}`));
      });
    });
  }
}
