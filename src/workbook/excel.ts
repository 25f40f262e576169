// The Excel implementation of the gateway: the only file that calls Excel.run or Office.context.
// Tables are read and written by header, in chunks kept under Excel on the web's 5 MB request and response limit,
// in as few round trips (syncs) as the work allows; the add-in's reports are updated in place.
import DataLoader from "dataloader";
import {
  checkRowWidths,
  columnPositions,
  freeSheetName,
  isBlankRow,
  missingTable,
  NUMBER_FORMAT,
  recordOf,
  reportTableRow,
  rowKey,
  sameCell,
  settingNotSaved,
  WorkbookError,
  type Cell,
  type CreatedTables,
  type NewTable,
  type Progress,
  type ReportSpec,
  type RowRecord,
  type TableData,
  type TableSpec,
  type Workbook,
} from "./gateway";
import { planChunks, jsonSize, PAYLOAD_BUDGET } from "./payload";

/** Every table the add-in owns is named ICS_…: its inputs, its log and its reports. */
const OWN_TABLE_PREFIX = "ICS_";

/** What a cell costs in a response before any has been read: a guess, corrected from the first chunk. */
const GUESSED_CELL_BYTES = 48;

type Context = Excel.RequestContext;

/** A table as one batch found it: enough to read and write it by header. */
interface Shape {
  table: Excel.Table;
  name: string;
  sheet: Excel.Worksheet;
  headers: string[];
  rowCount: number;
  columnCount: number;
  /** The sheet row of the header (0-based). */
  top: number;
  /** Whether the body is Excel's one blank row of an empty table. */
  empty: boolean;
}

const isPayloadError = (error: unknown) =>
  error instanceof OfficeExtension.Error && (error.code === "RequestPayloadSizeLimitExceeded" || error.code === "ResponsePayloadSizeLimitExceeded");


/** Queues what `found` needs of a table; read it after the next sync. */
function loadShape(table: Excel.Table) {
  return {
    table,
    header: table.getHeaderRowRange().load("values, rowIndex, columnCount"),
    body: table.getDataBodyRange().load("rowCount"),
    last: table.getDataBodyRange().getLastRow().load("values"),
    sheet: table.worksheet.load("name, position"),
    named: table.load("name"),
  };
}

function found(loaded: ReturnType<typeof loadShape>): Shape {
  const headers = (loaded.header.values[0] ?? []).map((h) => String(h));
  const rowCount = loaded.body.rowCount;
  return {
    table: loaded.table,
    name: loaded.named.name,
    sheet: loaded.sheet,
    headers,
    rowCount,
    columnCount: loaded.header.columnCount,
    top: loaded.header.rowIndex,
    empty: rowCount === 1 && isBlankRow(loaded.last.values[0] ?? []),
  };
}

/** One of the add-in's tables, by name: one sync, or an error saying it is not there. */
async function shapeOf(context: Context, name: string): Promise<Shape> {
  const loaded = loadShape(context.workbook.tables.getItem(name));
  try {
    await context.sync();
  } catch (error) {
    if (error instanceof OfficeExtension.Error && error.code === "ItemNotFound") throw missingTable(name);
    throw error;
  }
  return found(loaded);
}

/**
 * Every data row's values, in chunks each under the payload budget: the first sized by a guess, the rest by what the
 * rows read so far cost; a chunk Excel still refuses as too large is halved and read again.
 */
async function readBody(context: Context, shape: Shape): Promise<Cell[][]> {
  if (shape.empty) return [];
  const rows: Cell[][] = [];
  let bytesPerRow = shape.columnCount * GUESSED_CELL_BYTES;
  while (rows.length < shape.rowCount) {
    const start = rows.length;
    const n = Math.max(1, Math.min(shape.rowCount - start, Math.floor(PAYLOAD_BUDGET / bytesPerRow)));
    const range = shape.table.getDataBodyRange().getRow(start).getResizedRange(n - 1, 0).load("values");
    try {
      await context.sync();
    } catch (error) {
      if (!isPayloadError(error) || n === 1) throw error;
      bytesPerRow = (2 * PAYLOAD_BUDGET) / n;
      continue;
    }
    rows.push(...(range.values as Cell[][]));
    bytesPerRow = Math.max(bytesPerRow * 0.5, (jsonSize(range.values) / n) * 1.25);
  }
  return rows;
}

/** Runs of neighbouring table columns the spec writes: a column a person put between two of them splits a run. */
function runsOf(positions: readonly number[]): { first: number; specIndexes: number[] }[] {
  const order = positions.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const runs: { first: number; specIndexes: number[] }[] = [];
  for (const [p, i] of order) {
    const run = runs.at(-1);
    if (run && run.first + run.specIndexes.length === p) run.specIndexes.push(i);
    else runs.push({ first: p, specIndexes: [i] });
  }
  return runs;
}

/** Queues the spec's cells of `rows` into the body from data row `from`, each run formatted by kind before it is written. */
function queueRows(shape: Shape, spec: TableSpec, positions: readonly number[], from: number, rows: readonly (readonly Cell[])[]): void {
  if (rows.length === 0) return;
  const body = shape.table.getDataBodyRange();
  for (const run of runsOf(positions)) {
    const target = body.getCell(from, run.first).getResizedRange(rows.length - 1, run.specIndexes.length - 1);
    const formats = run.specIndexes.map((i) => NUMBER_FORMAT[spec.columns[i]!.kind]);
    // Format before writing, so text stays text: the log's all-zero genesis hash must not become the number 0.
    target.numberFormat = rows.map(() => formats);
    target.values = rows.map((row) => run.specIndexes.map((i) => row[i] ?? ""));
  }
}

/** Appends rows by header, a chunk per sync; Excel's one blank row of an empty table is filled rather than left as a gap. */
async function appendIn(context: Context, shape: Shape, spec: TableSpec, positions: readonly number[], rows: readonly Cell[][], progress?: Progress): Promise<void> {
  let next = shape.empty ? 0 : shape.rowCount;
  let spare = shape.empty ? 1 : 0;
  for (const [from, to] of planChunks(rows, (row) => 3 * jsonSize(row))) {
    const chunk = rows.slice(from, to);
    const added = chunk.length - spare;
    if (added > 0) shape.table.rows.add(undefined, Array.from({ length: added }, () => shape.headers.map(() => "")));
    queueRows(shape, spec, positions, next, chunk);
    await context.sync();
    next += chunk.length;
    spare = 0;
    progress?.(to, rows.length);
  }
  shape.rowCount = Math.max(next, 1);
  shape.empty = next === 0;
}

/** Contiguous runs of data rows, last first, so deleting one does not move the next. */
function runsFromBottom(rows: readonly number[]): [number, number][] {
  const sorted = [...rows].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const r of sorted) {
    const run = runs.at(-1);
    if (run && run[1] === r) run[1] = r + 1;
    else runs.push([r, r + 1]);
  }
  return runs.reverse();
}

/** Deletes data rows (whole table rows, cells a person added with them); an emptied table keeps Excel's one blank row. */
function queueDeleteRows(shape: Shape, rows: readonly number[]): void {
  const keepOne = rows.length === shape.rowCount;
  for (const [from, to] of runsFromBottom(rows)) {
    const start = keepOne && from === 0 ? 1 : from;
    if (to > start) shape.table.getDataBodyRange().getRow(start).getResizedRange(to - start - 1, 0).delete(Excel.DeleteShiftDirection.up);
  }
  if (keepOne) shape.table.getDataBodyRange().getRow(0).clear(Excel.ClearApplyTo.contents);
}

const settingsOf = () => Office.context.document.settings;

function settingsCall(call: (done: (result: Office.AsyncResult<unknown>) => void) => void, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    call((result) => {
      if (result.status === Office.AsyncResultStatus.Succeeded) resolve();
      else reject(new WorkbookError(`the workbook's settings could not be ${what}: ${result.error?.message ?? "unknown error"}`));
    });
  });
}

const refreshSettings = () => settingsCall((done) => settingsOf().refreshAsync(done), "read afresh");
const saveSettings = () => settingsCall((done) => settingsOf().saveAsync(done), "saved");

/**
 * A full calculation (ExcelApi 1.1): every formula is marked dirty and recalculated. The ICS functions are not
 * volatile and their inputs have not changed, so a plain recalculation would leave their old answers in place.
 * Inside Excel only, never in the browser preview.
 */
export async function recalculateWorkbook(): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.application.calculate(Excel.CalculationType.full);
    await context.sync();
  });
}

export class ExcelWorkbook implements Workbook {
  readonly kind = "excel" as const;

  /** readTable calls made together (e.g. by a panel loading) share one batch: three syncs however many tables. */
  private readonly reads = new DataLoader<string, TableData | undefined>((names) => this.readTables(names), { cache: false });

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
    return this.reads.load(name);
  }

  private readTables(names: readonly string[]): Promise<(TableData | undefined)[]> {
    return Excel.run(async (context) => {
      const tables = names.map((n) => context.workbook.tables.getItemOrNullObject(n));
      await context.sync();
      const loaded = tables.map((t) => (t.isNullObject ? undefined : loadShape(t)));
      await context.sync();
      const shapes = loaded.map((l) => l && found(l));
      // Small tables share a sync; a large one is read in chunks of its own.
      const estimate = (s: Shape) => s.rowCount * s.columnCount * GUESSED_CELL_BYTES;
      const small = shapes.filter((s): s is Shape => s !== undefined && !s.empty && estimate(s) <= PAYLOAD_BUDGET);
      const bodies = new Map<Shape, Cell[][]>();
      for (const [from, to] of planChunks(small, estimate)) {
        const ranges = small.slice(from, to).map((s) => [s, s.table.getDataBodyRange().load("values")] as const);
        try {
          await context.sync();
          for (const [s, range] of ranges) bodies.set(s, range.values as Cell[][]);
        } catch (error) {
          if (!isPayloadError(error)) throw error;
        }
      }
      const result: (TableData | undefined)[] = [];
      for (const s of shapes) {
        if (!s) {
          result.push(undefined);
          continue;
        }
        const rows = bodies.get(s) ?? (await readBody(context, s));
        result.push({ name: s.name, sheet: s.sheet.name, headers: s.headers, rows: s.empty ? [] : rows.filter((r) => !isBlankRow(r)) });
      }
      return result;
    });
  }

  async addTables(tables: readonly NewTable[]): Promise<CreatedTables> {
    tables.forEach((t) => checkRowWidths(t.spec, t.rows));
    return Excel.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      const existing = context.workbook.tables.load("items/name");
      await context.sync();
      const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
      const tableNames = new Set(existing.items.map((t) => t.name.toLowerCase()));
      const result: CreatedTables = { created: [], kept: [] };
      const fresh = tables.filter((t) => {
        if (!tableNames.has(t.spec.name.toLowerCase())) return true;
        result.kept.push(t.spec.name);
        return false;
      });
      const names = { hasSheet: async (n: string) => taken.has(n.toLowerCase()) };
      for (const [from, to] of planChunks(fresh, (t) => 2 * jsonSize(t.rows))) {
        for (const { spec, sheet: wanted, rows } of fresh.slice(from, to)) {
          const name = await freeSheetName(names, wanted);
          taken.add(name.toLowerCase());
          const sheet = context.workbook.worksheets.add(name);
          const range = sheet.getRangeByIndexes(0, 0, rows.length + 1, spec.columns.length);
          const formats = spec.columns.map((c) => NUMBER_FORMAT[c.kind]);
          range.numberFormat = [spec.columns.map(() => "@"), ...rows.map(() => formats)];
          range.values = [spec.columns.map((c) => c.header), ...rows.map((row) => row.map((cell) => cell ?? ""))];
          const table = sheet.tables.add(range, true);
          table.name = spec.name;
          range.format.autofitColumns();
          result.created.push({ table: spec.name, sheet: name });
        }
        await context.sync();
      }
      return result;
    });
  }

  async appendRows(spec: TableSpec, rows: readonly Cell[][], progress?: Progress): Promise<void> {
    checkRowWidths(spec, rows);
    return Excel.run(async (context) => {
      const shape = await shapeOf(context, spec.name);
      const positions = columnPositions(spec, shape.headers);
      await appendIn(context, shape, spec, positions, rows, progress);
    });
  }

  async replaceRows(spec: TableSpec, rows: readonly Cell[][], remove: (row: RowRecord) => boolean = () => true, progress?: Progress): Promise<void> {
    checkRowWidths(spec, rows);
    return Excel.run(async (context) => {
      const shape = await shapeOf(context, spec.name);
      const positions = columnPositions(spec, shape.headers);
      const before = await readBody(context, shape);
      const gone = before.flatMap((row, i) => (!isBlankRow(row) && remove(recordOf(spec, positions, row)) ? [i] : []));
      // New rows first, old ones after: a failure part-way leaves both to see, never neither.
      await appendIn(context, shape, spec, positions, rows, progress);
      if (gone.length === 0) return;
      // The rows to remove are checked again just before: a row a co-author moved in the meantime is not deleted in its place.
      const now = gone.map((i) => shape.table.getDataBodyRange().getRow(i).load("values"));
      await context.sync();
      const moved = gone.filter((i, k) => !(now[k]!.values[0] ?? []).every((cell, c) => sameCell(cell as Cell, before[i]![c])));
      if (moved.length > 0) {
        throw new WorkbookError(
          `${spec.name} changed while it was being updated (row ${moved[0]! + 1} is not what was read): the new rows were added but the old ones were left; look at the table and try again`,
        );
      }
      queueDeleteRows(shape, gone);
      await context.sync();
    });
  }

  async upsertRows(spec: TableSpec, key: readonly string[], rows: readonly Cell[][]): Promise<void> {
    checkRowWidths(spec, rows);
    return Excel.run(async (context) => {
      const shape = await shapeOf(context, spec.name);
      const positions = columnPositions(spec, shape.headers);
      const specHeaders = spec.columns.map((c) => c.header);
      const body = await readBody(context, shape);
      const at = new Map(body.map((r, i) => [rowKey(shape.headers, key, r), i]));
      const unmatched: Cell[][] = [];
      const changes: { row: number; column: number; spec: number; value: Cell }[] = [];
      for (const row of rows) {
        const i = at.get(rowKey(specHeaders, key, row));
        if (i === undefined) {
          unmatched.push(row);
          continue;
        }
        // Only the cells that change are written: a formula whose value stays is left as it is.
        positions.forEach((c, j) => {
          if (!sameCell(body[i]![c], row[j])) changes.push({ row: i, column: c, spec: j, value: row[j] ?? "" });
        });
      }
      for (const [from, to] of planChunks(changes, (c) => 2 * jsonSize(c.value) + 64)) {
        for (const c of changes.slice(from, to)) {
          const cell = shape.table.getDataBodyRange().getCell(c.row, c.column);
          cell.numberFormat = [[NUMBER_FORMAT[spec.columns[c.spec]!.kind]]];
          cell.values = [[c.value]];
        }
        await context.sync();
      }
      await appendIn(context, shape, spec, positions, unmatched);
    });
  }

  selectRows(tableName: string, rows: readonly number[]): Promise<void> {
    return Excel.run(async (context) => {
      const shape = await shapeOf(context, tableName);
      if (rows.length === 0) return;
      // Rows are counted as readTable counts them, blank rows left out: each is found again by its place among the rest.
      const body = await readBody(context, shape);
      const dataRows = body.flatMap((r, i) => (isBlankRow(r) ? [] : [i]));
      const targets = rows.map((i) => dataRows[i]).filter((i): i is number => i !== undefined);
      if (targets.length === 0) return;
      const ranges = targets.map((i) => shape.table.getDataBodyRange().getRow(i).load("address"));
      await context.sync();
      shape.sheet.activate();
      // RangeAreas (ExcelApi 1.9) takes addresses on the one sheet, without its name; before 1.9, the first row alone.
      if (Office.context.requirements.isSetSupported("ExcelApi", "1.9")) shape.sheet.getRanges(ranges.map((r) => r.address.split("!").pop()).join(",")).select();
      else ranges[0]!.select();
      await context.sync();
    });
  }

  async writeReport(report: ReportSpec): Promise<string> {
    checkRowWidths(report.table, report.rows);
    const { chart } = report;
    if (chart) for (const header of [chart.values, chart.categories]) {
      if (!report.table.columns.some((c) => c.header === header)) throw new WorkbookError(`the report has no "${header}" column to chart`);
    }
    let sheetName: string | undefined;
    try {
      return await Excel.run(async (context) => {
        const existing = context.workbook.tables.getItemOrNullObject(report.table.name);
        await context.sync();
        const shape = existing.isNullObject ? await this.newReport(context, report) : await shapeOf(context, report.table.name);
        sheetName = shape.sheet.name;
        await this.fillReport(context, shape, report, !existing.isNullObject);
        return shape.sheet.name;
      });
    } catch (error) {
      // The previous report's table is still there; its title says plainly that this update did not finish.
      if (sheetName) await this.markFailed(sheetName, report.title).catch(() => undefined);
      throw error;
    }
  }

  /** A new report sheet (with a free name) holding the report's table, header only; fillReport writes the rest. */
  private async newReport(context: Context, report: ReportSpec): Promise<Shape> {
    const sheets = context.workbook.worksheets.load("items/name");
    await context.sync();
    const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
    const name = await freeSheetName({ hasSheet: async (n) => taken.has(n.toLowerCase()) }, report.table.sheet);
    const sheet = context.workbook.worksheets.add(name);
    const columns = report.table.columns;
    const header = sheet.getRangeByIndexes(reportTableRow(report), 0, 2, columns.length);
    header.numberFormat = [columns.map(() => "@"), columns.map((c) => NUMBER_FORMAT[c.kind])];
    header.values = [columns.map((c) => c.header), columns.map(() => "")];
    const table = sheet.tables.add(header, true);
    table.name = report.table.name;
    await context.sync();
    return shapeOf(context, report.table.name);
  }

  /**
   * Writes the title, the notes and the rows into the report's sheet and table. The table is resized, never
   * deleted; notes that grow or shrink insert or delete whole sheet rows above it, so references to the table's
   * cells move with it; a column a person added to the table is left alone.
   */
  private async fillReport(context: Context, shape: Shape, report: ReportSpec, existed: boolean): Promise<void> {
    const { sheet } = shape;
    const columns = report.table.columns;
    const wantedTop = reportTableRow(report);
    if (shape.top !== wantedTop && shape.top >= 1) {
      // Sheet rows 2 onwards (A1 numbering) hold the notes: whole rows are inserted or deleted there to make room.
      const rows = sheet.getRange(`2:${1 + Math.abs(wantedTop - shape.top)}`);
      if (shape.top < wantedTop) rows.insert(Excel.InsertShiftDirection.down);
      else rows.delete(Excel.DeleteShiftDirection.up);
    }
    const title = sheet.getRangeByIndexes(0, 0, 1, 1);
    title.values = [[report.title]];
    title.format.font.bold = true;
    title.format.font.size = 14;
    if (report.notes.length > 0) {
      const notes = sheet.getRangeByIndexes(1, 0, report.notes.length, 1);
      notes.numberFormat = report.notes.map(() => ["@"]);
      notes.values = report.notes.map((n) => [n]);
    }
    sheet.getRangeByIndexes(wantedTop - 1, 0, 1, 1).clear(Excel.ClearApplyTo.contents);
    // The add-in's columns that a person deleted, or that a newer report has, are added at the table's right.
    const missing = columns.filter((c) => !shape.headers.some((h) => h.trim().toLowerCase() === c.header.toLowerCase()));
    for (const c of missing) shape.table.columns.add(undefined, undefined, c.header);
    await context.sync();
    const fresh = await shapeOf(context, report.table.name);
    const positions = columnPositions(report.table, fresh.headers);
    // Resize to the new rows: more are added at the end, fewer deleted from the end; an empty report keeps one blank row.
    const wanted = Math.max(report.rows.length, 1);
    if (wanted < fresh.rowCount) queueDeleteRows(fresh, Array.from({ length: fresh.rowCount - wanted }, (_, i) => wanted + i));
    const have = Math.min(wanted, fresh.rowCount);
    for (const [from, to] of planChunks(report.rows, (row) => 3 * jsonSize(row))) {
      const chunk = report.rows.slice(from, to);
      const added = to - Math.max(from, have);
      if (added > 0) fresh.table.rows.add(undefined, Array.from({ length: added }, () => fresh.headers.map(() => "")));
      queueRows(fresh, report.table, positions, from, chunk);
      await context.sync();
    }
    if (report.rows.length === 0) queueRows(fresh, report.table, positions, 0, [columns.map(() => "")]);
    await this.replaceChart(context, fresh, report, positions);
    if (!existed) fresh.table.getRange().format.autofitColumns();
    sheet.activate();
    await context.sync();
  }

  /** The report's chart, drawn afresh below the table (a chart is the add-in's own; no formula points at it). */
  private async replaceChart(context: Context, shape: Shape, report: ReportSpec, positions: readonly number[]): Promise<void> {
    const name = `${report.table.name}_Chart`;
    const old = shape.sheet.charts.getItemOrNullObject(name);
    await context.sync();
    if (!old.isNullObject) old.delete();
    const spec = report.chart;
    if (!spec || report.rows.length === 0) return;
    const column = (header: string) => shape.table.columns.getItemAt(positions[report.table.columns.findIndex((c) => c.header === header)]!).getDataBodyRange();
    const chart = shape.sheet.charts.add(spec.type === "bar" ? Excel.ChartType.barClustered : Excel.ChartType.columnClustered, column(spec.values), Excel.ChartSeriesBy.columns);
    chart.name = name;
    chart.title.text = spec.title;
    chart.legend.visible = false;
    const series = chart.series.getItemAt(0);
    series.name = spec.values;
    series.setXAxisValues(column(spec.categories));
    const below = shape.top + report.rows.length + 3;
    chart.setPosition(shape.sheet.getRangeByIndexes(below, 0, 1, 1), shape.sheet.getRangeByIndexes(below + 22, 7, 1, 1));
  }

  private markFailed(sheetName: string, title: string): Promise<void> {
    return Excel.run(async (context) => {
      const cell = context.workbook.worksheets.getItem(sheetName).getRangeByIndexes(0, 0, 1, 1);
      const when = new Date().toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
      cell.values = [[`${title}: the update at ${when} did not finish; the figures below may be the previous report's or incomplete. Write the report again.`]];
      await context.sync();
    });
  }

  async readSetting(key: string): Promise<string | undefined> {
    await refreshSettings();
    const value: unknown = settingsOf().get(key);
    return typeof value === "string" ? value : undefined;
  }

  async updateSetting(key: string, update: (stored: string | undefined) => string): Promise<string> {
    // Read afresh just before writing: a co-author's save since this pane last looked is the base, not overwritten.
    const stored = await this.readSetting(key);
    const next = update(stored);
    settingsOf().set(key, next);
    try {
      await saveSettings();
    } catch (error) {
      // Not saved: the copy in memory goes back to what is stored, so nothing half-saved is read later.
      if (stored === undefined) settingsOf().remove(key);
      else settingsOf().set(key, stored);
      throw settingNotSaved(key, next, (error as Error).message);
    }
    return next;
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
      void handler.then((registered) =>
        Excel.run(registered.context, async (context) => {
          registered.remove();
          await context.sync();
        }),
      );
    };
  }

  onSettingsChange(listener: () => void): () => void {
    const handler = () => listener();
    settingsOf().addHandlerAsync(Office.EventType.SettingsChanged, handler);
    return () => settingsOf().removeHandlerAsync(Office.EventType.SettingsChanged, { handler });
  }
}
