// The Excel implementation of the gateway: the only file that calls Excel.run or Office.context.
import {
  checkRowWidths,
  freeSheetName,
  NUMBER_FORMAT,
  reportTableRow,
  rowKey,
  WorkbookError,
  type Cell,
  type ReportSpec,
  type TableData,
  type TableSpec,
  type Workbook,
} from "./gateway";

/** Every table the add-in owns is named ICS_…: its inputs, its log and its reports. */
const OWN_TABLE_PREFIX = "ICS_";

const isBlankRow = (row: unknown[]) => row.every((cell) => cell === "" || cell === null);

/** One of the add-in's tables, or an error saying to set the workbook up. */
async function ownTable(context: Excel.RequestContext, name: string): Promise<Excel.Table> {
  const table = context.workbook.tables.getItemOrNullObject(name);
  await context.sync();
  if (table.isNullObject) throw new WorkbookError(`the workbook has no table named "${name}"; use Set up workbook`);
  return table;
}

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

  replaceRows(spec: TableSpec, rows: readonly Cell[][]): Promise<void> {
    checkRowWidths(spec, rows);
    return Excel.run(async (context) => {
      const table = await ownTable(context, spec.name);
      const body = table.getDataBodyRange().load("rowCount");
      await context.sync();
      // One batch: grow or shrink the table to the new rows, format, then write; nothing outside the table moves but its own sheet's cells below it.
      const wanted = Math.max(rows.length, 1);
      if (wanted > body.rowCount) table.rows.add(undefined, Array.from({ length: wanted - body.rowCount }, () => spec.columns.map(() => "")));
      if (wanted < body.rowCount) table.getDataBodyRange().getRow(wanted).getResizedRange(body.rowCount - wanted - 1, 0).delete(Excel.DeleteShiftDirection.up);
      const target = table.getDataBodyRange();
      const formats = spec.columns.map((c) => NUMBER_FORMAT[c.kind]);
      const values = rows.length > 0 ? rows.map((row) => row.map((cell) => cell ?? "")) : [spec.columns.map(() => "")];
      target.numberFormat = values.map(() => formats);
      target.values = values;
      await context.sync();
    });
  }

  async upsertRows(spec: TableSpec, key: readonly string[], rows: readonly Cell[][]): Promise<void> {
    checkRowWidths(spec, rows);
    const fresh = await Excel.run(async (context) => {
      const table = await ownTable(context, spec.name);
      const header = table.getHeaderRowRange().load("values");
      const body = table.getDataBodyRange().load("values");
      await context.sync();
      const headers = (header.values[0] ?? []).map(String);
      const at = new Map((body.values as Cell[][]).map((r, i) => [rowKey(headers, key, r), i]));
      const formats = spec.columns.map((c) => NUMBER_FORMAT[c.kind]);
      const unmatched: Cell[][] = [];
      for (const row of rows) {
        const i = at.get(rowKey(headers, key, row));
        if (i === undefined) {
          unmatched.push(row);
          continue;
        }
        const target = table.getDataBodyRange().getRow(i);
        target.numberFormat = [formats];
        target.values = [row.map((cell) => cell ?? "")];
      }
      await context.sync();
      return unmatched;
    });
    await this.appendRows(spec, fresh);
  }

  selectRows(tableName: string, rows: readonly number[]): Promise<void> {
    return Excel.run(async (context) => {
      const table = await ownTable(context, tableName);
      if (rows.length === 0) return;
      const body = table.getDataBodyRange();
      const ranges = rows.map((i) => body.getRow(i).load("address"));
      const sheet = table.worksheet;
      await context.sync();
      sheet.activate();
      // RangeAreas (ExcelApi 1.9) takes addresses on the one sheet, without its name; before 1.9, the first row alone.
      if (Office.context.requirements.isSetSupported("ExcelApi", "1.9")) sheet.getRanges(ranges.map((r) => r.address.split("!").pop()).join(",")).select();
      else body.getRow(rows[0]!).select();
      await context.sync();
    });
  }

  async writeReport(report: ReportSpec): Promise<string> {
    checkRowWidths(report.table, report.rows);
    const own = await this.reportSheet(report.table.name);
    const name = own?.name ?? (await freeSheetName(this, report.table.sheet));
    return Excel.run(async (context) => {
      if (own) {
        // The sheet holding the report's own table is the add-in's: it is replaced whole, and nothing else is touched.
        context.workbook.worksheets.getItem(own.name).delete();
        await context.sync();
      }
      const sheet = context.workbook.worksheets.add(name);
      if (own) sheet.position = own.position;
      const title = sheet.getRangeByIndexes(0, 0, 1, 1);
      title.values = [[report.title]];
      title.format.font.bold = true;
      title.format.font.size = 14;
      if (report.notes.length > 0) {
        const notes = sheet.getRangeByIndexes(1, 0, report.notes.length, 1);
        notes.numberFormat = report.notes.map(() => ["@"]);
        notes.values = report.notes.map((n) => [n]);
      }
      const top = reportTableRow(report);
      const columns = report.table.columns;
      const range = sheet.getRangeByIndexes(top, 0, report.rows.length + 1, columns.length);
      range.numberFormat = [columns.map(() => "@"), ...report.rows.map(() => columns.map((c) => NUMBER_FORMAT[c.kind]))];
      range.values = [columns.map((c) => c.header), ...report.rows.map((row) => row.map((cell) => cell ?? ""))];
      const table = sheet.tables.add(range, true);
      table.name = report.table.name;
      range.format.autofitColumns();
      if (report.chart && report.rows.length > 0) {
        const { chart: spec } = report;
        const at = (header: string) => {
          const i = columns.findIndex((c) => c.header === header);
          if (i < 0) throw new WorkbookError(`the report has no "${header}" column to chart`);
          return sheet.getRangeByIndexes(top + 1, i, report.rows.length, 1);
        };
        const chart = sheet.charts.add(spec.type === "bar" ? "BarClustered" : "ColumnClustered", at(spec.values), "Columns");
        chart.title.text = spec.title;
        chart.legend.visible = false;
        const series = chart.series.getItemAt(0);
        series.name = spec.values;
        series.setXAxisValues(at(spec.categories));
        const below = top + report.rows.length + 3;
        chart.setPosition(sheet.getRangeByIndexes(below, 0, 1, 1), sheet.getRangeByIndexes(below + 22, 7, 1, 1));
      }
      sheet.activate();
      await context.sync();
      return name;
    });
  }

  /** The sheet holding a report's table, if the add-in has written it before. */
  private reportSheet(tableName: string): Promise<{ name: string; position: number } | undefined> {
    return Excel.run(async (context) => {
      const table = context.workbook.tables.getItemOrNullObject(tableName);
      await context.sync();
      if (table.isNullObject) return undefined;
      const sheet = table.worksheet.load("name, position");
      await context.sync();
      return { name: sheet.name, position: sheet.position };
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

  onChange(listener: () => void): () => void {
    // One handler on the workbook's table collection (ExcelApi 1.7): an event names the table by id, so ids are mapped to names, reloading the map for a table made since.
    const names = new Map<string, string>();
    const isOwn = async (tableId: string) => {
      if (!names.has(tableId)) {
        await Excel.run(async (context) => {
          const tables = context.workbook.tables.load("items/id, items/name");
          await context.sync();
          for (const t of tables.items) names.set(t.id, t.name);
        });
      }
      return (names.get(tableId) ?? "").startsWith(OWN_TABLE_PREFIX);
    };
    let stopped = false;
    const handler = Excel.run(async (context) => {
      const registered = context.workbook.tables.onChanged.add(async (event) => {
        if (!stopped && (await isOwn(event.tableId))) listener();
      });
      await context.sync();
      return registered;
    });
    return () => {
      stopped = true;
      void handler.then((registered) => Excel.run(registered.context, async (context) => {
        registered.remove();
        await context.sync();
      }));
    };
  }
}
