// The Excel implementation of the gateway: the only file that calls Excel.run or Office.context.
// Tables are read and written by header, in chunks kept under Excel on the web's 5 MB request and response limit,
// in as few round trips (syncs) as the work allows; the add-in's reports are updated in place.
import DataLoader from "dataloader";
import {
  checkRowWidths,
  columnPoints,
  columnPositions,
  formatOf,
  freeSheetName,
  isBlankRow,
  missingTable,
  NUMBER_FORMAT,
  recordOf,
  reportLines,
  reportTableRow,
  rowKey,
  sameCell,
  settingNotSaved,
  WorkbookError,
  type Cell,
  type CreatedTables,
  type AppendOptions,
  type NewTable,
  type Progress,
  type ReportPageLayout,
  type ReportSpec,
  type RowRecord,
  type TableData,
  type TableSpec,
  type Workbook,
} from "./gateway";
import { planChunks, jsonSize, PAYLOAD_BUDGET } from "./payload";

/** Every table the add-in owns is named ICS_…: its inputs, its log and its reports. */
const OWN_TABLE_PREFIX = "ICS_";

/** Where a report's chart goes: below the table, this many rows tall and columns wide. */
const CHART_ROWS = 22;
const CHART_COLUMNS = 8;

/** How many columns a report's chart spans: the table's width when its columns are sized for the page, else CHART_COLUMNS. */
const chartColumns = (report: ReportSpec) => (report.table.columns.some((c) => c.width !== undefined) ? report.table.columns.length : CHART_COLUMNS);

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
  /** The last data row's values, as the batch found them. */
  last: Cell[];
  /** What a data row costs in a response, in JSON characters: a guess until readBody has read some. */
  bytesPerRow: number;
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
    last: (loaded.last.values[0] ?? []) as Cell[],
    bytesPerRow: loaded.header.columnCount * GUESSED_CELL_BYTES,
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
  let bytesPerRow = shape.bytesPerRow;
  let largest = 0;
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
    largest = Math.max(largest, ...(range.values as Cell[][]).map((r) => jsonSize(r)));
  }
  // Later requests for some of these rows are sized by the largest row seen, so none can go over.
  shape.bytesPerRow = Math.max(shape.bytesPerRow, largest * 1.25);
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

/** Queues the spec's cells of `rows` into `target` (whole table rows), each run of columns formatted before it is written. */
/** A cell as written through Range.values: Excel takes a leading apostrophe as its text prefix, so one that is part of the text is doubled. */
const toExcel = (cell: Cell | undefined): Cell => (cell === null || cell === undefined ? "" : typeof cell === "string" && cell.startsWith("'") ? `'${cell}` : cell);

function queueInto(target: Excel.Range, spec: TableSpec, positions: readonly number[], rows: readonly (readonly Cell[])[]): void {
  for (const run of runsOf(positions)) {
    const block = target.getColumn(run.first).getResizedRange(0, run.specIndexes.length - 1);
    const formats = run.specIndexes.map((i) => formatOf(spec.columns[i]!));
    // Format before writing, so text stays text: the log's all-zero genesis hash must not become the number 0.
    block.numberFormat = rows.map(() => formats);
    block.values = rows.map((row) => run.specIndexes.map((i) => toExcel(row[i])));
  }
}

/** Data rows `from` to `from + count - 1` of a table, as one range. */
const bodyRows = (table: Excel.Table, from: number, count: number) => table.getDataBodyRange().getRow(from).getResizedRange(count - 1, 0);

/** The table's last `count` data rows, as one range. */
const lastRows = (table: Excel.Table, count: number) => {
  const last = table.getDataBodyRange().getLastRow();
  return count === 1 ? last : last.getOffsetRange(-(count - 1), 0).getResizedRange(count - 1, 0);
};

/**
 * Appends rows by header, a chunk per sync. Each chunk is added and written in one batch, relative to the table's
 * end, so rows someone else added meanwhile are never written over. An empty table's one blank row is filled by
 * Excel's rows.add; were it left, the blank row found at the top afterwards is removed.
 */
async function appendIn(context: Context, shape: Shape, spec: TableSpec, positions: readonly number[], rows: readonly Cell[][], progress?: Progress): Promise<void> {
  if (rows.length === 0) return;
  for (const [from, to] of planChunks(rows, (row) => 3 * jsonSize(row) + 16 * row.length)) {
    const chunk = rows.slice(from, to);
    shape.table.rows.add(undefined, chunk.map(() => shape.headers.map(() => "")));
    queueInto(lastRows(shape.table, chunk.length), spec, positions, chunk);
    await context.sync();
    progress?.(to, rows.length);
  }
  if (shape.empty) {
    const first = shape.table.getDataBodyRange().getRow(0).load("values");
    const body = shape.table.getDataBodyRange().load("rowCount");
    await context.sync();
    const blankLeft = body.rowCount > rows.length && isBlankRow(first.values[0] ?? []);
    if (blankLeft) {
      first.delete(Excel.DeleteShiftDirection.up);
      await context.sync();
    }
    shape.rowCount = body.rowCount - (blankLeft ? 1 : 0);
  } else shape.rowCount += rows.length;
  // Counted, so a deletion after it (replaceRows: new rows first, then the old ones go) knows the table is not emptied.
  shape.empty = false;
}

/**
 * The rows at `indexes` as they are now, read in runs of neighbouring rows, each request under the payload budget:
 * to check, just before changing them, that they are still the rows that were read.
 */
async function rowsNow(context: Context, shape: Shape, indexes: readonly number[]): Promise<Map<number, Cell[]>> {
  const now = new Map<number, Cell[]>();
  // Runs longer than a request can carry are cut to size.
  const most = Math.max(1, Math.floor(PAYLOAD_BUDGET / shape.bytesPerRow));
  const runs = runsFromBottom(indexes)
    .reverse()
    .flatMap(([a, b]) => Array.from({ length: Math.ceil((b - a) / most) }, (_, k): [number, number] => [a + k * most, Math.min(b, a + (k + 1) * most)]));
  const cost = (run: [number, number]) => (run[1] - run[0]) * shape.bytesPerRow;
  for (const [from, to] of planChunks(runs, cost)) {
    const loaded = runs.slice(from, to).map(([a, b]) => [a, bodyRows(shape.table, a, b - a).load("values")] as const);
    await context.sync();
    for (const [a, range] of loaded) (range.values as Cell[][]).forEach((row, k) => now.set(a + k, row));
  }
  return now;
}

/** Refuses, naming the first row, when a row is not as it was read: someone changed the table in the meantime. */
function unchanged(spec: TableSpec, now: Map<number, Cell[]>, indexes: readonly number[], same: (i: number, row: Cell[]) => boolean, what: string): void {
  const moved = indexes.find((i) => !same(i, now.get(i) ?? []));
  if (moved !== undefined) {
    throw new WorkbookError(`${spec.name} changed while it was being updated (data row ${moved + 1} is not what was read): ${what}; look at the table and try again`);
  }
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

/**
 * Deletes data rows (whole table rows, with the cells a person added in them), in runs from the bottom, a bounded
 * number of runs per request; an emptied table keeps Excel's one blank row.
 */
async function deleteRows(context: Context, shape: Shape, rows: readonly number[]): Promise<void> {
  const keepOne = rows.length === shape.rowCount;
  const runs = runsFromBottom(rows);
  for (const [from, to] of planChunks(runs, () => 256)) {
    for (const [a, b] of runs.slice(from, to)) {
      const start = keepOne && a === 0 ? 1 : a;
      if (b > start) bodyRows(shape.table, start, b - start).delete(Excel.DeleteShiftDirection.up);
    }
    await context.sync();
  }
  if (keepOne) {
    shape.table.getDataBodyRange().getRow(0).clear(Excel.ClearApplyTo.contents);
    await context.sync();
  }
  shape.rowCount = Math.max(1, shape.rowCount - rows.length);
}

const settingsOf = () => Office.context.document.settings;

function settingsCall(call: (done: (result: Office.AsyncResult<unknown>) => void) => void, what: string): Promise<void> {
  const succeeded = Office.AsyncResultStatus.Succeeded;
  return new Promise((resolve, reject) => {
    call((result) => {
      if (result.status === succeeded) resolve();
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

  /** readTable calls made together (e.g. by a panel loading) share one batch: two syncs however many tables. */
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

  missingTables(names: readonly string[]): Promise<string[]> {
    return Excel.run(async (context) => {
      const tables = names.map((n) => context.workbook.tables.getItemOrNullObject(n));
      await context.sync();
      return names.filter((_n, i) => tables[i]!.isNullObject);
    });
  }

  readTable(name: string): Promise<TableData | undefined> {
    return this.reads.load(name);
  }

  private readTables(names: readonly string[]): Promise<(TableData | undefined)[]> {
    return Excel.run(async (context) => {
      // One sync for whether each table is there and its shape: on a table that is not, the loads come back null.
      const loaded = names.map((n) => loadShape(context.workbook.tables.getItemOrNullObject(n)));
      await context.sync();
      const shapes = loaded.map((l) => (l.table.isNullObject ? undefined : found(l)));
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
          range.values = [spec.columns.map((c) => c.header), ...rows.map((row) => row.map(toExcel))];
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

  async appendRows(spec: TableSpec, rows: readonly Cell[][], options: AppendOptions = {}): Promise<void> {
    checkRowWidths(spec, rows);
    return Excel.run(async (context) => {
      const shape = await shapeOf(context, spec.name);
      const positions = columnPositions(spec, shape.headers);
      options.checkLast?.(shape.empty ? undefined : recordOf(spec, positions, shape.last));
      await appendIn(context, shape, spec, positions, rows, options.progress);
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
      // The rows to remove are checked again just before: a row someone moved in the meantime is not deleted in its place.
      const now = await rowsNow(context, shape, gone);
      unchanged(spec, now, gone, (i, row) => row.every((cell, c) => sameCell(cell, before[i]![c])), `the ${rows.length} new rows were added but the old ones were left`);
      await deleteRows(context, shape, gone);
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
      if (changes.length > 0) {
        // Each row to change is checked again just before: it must still be the row with that key.
        const targets = [...new Set(changes.map((c) => c.row))];
        const now = await rowsNow(context, shape, targets);
        unchanged(spec, now, targets, (i, row) => rowKey(shape.headers, key, row) === rowKey(shape.headers, key, body[i]!), "nothing was written");
      }
      for (const [from, to] of planChunks(changes, (c) => 2 * jsonSize(c.value) + 160)) {
        for (const c of changes.slice(from, to)) {
          const cell = shape.table.getDataBodyRange().getCell(c.row, c.column);
          cell.numberFormat = [[NUMBER_FORMAT[spec.columns[c.spec]!.kind]]];
          cell.values = [[toExcel(c.value)]];
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
    header.numberFormat = [columns.map(() => "@"), columns.map((c) => formatOf(c))];
    header.values = [columns.map((c) => c.header), columns.map(() => "")];
    const table = sheet.tables.add(header, true);
    table.name = report.table.name;
    await context.sync();
    return shapeOf(context, report.table.name);
  }

  /**
   * Writes the title, the notes and the rows into the report's sheet and table. The table is resized, never
   * deleted. Notes sit in column A above it: when they need more room than there is, whole sheet rows are inserted
   * (references to the table's cells move with it); rows are never deleted there, so nothing a person put above the
   * table goes. A column a person added to the table keeps its cells with their row, matched by the report's first
   * column (e.g. the scheme), formulas and all.
   */
  private async fillReport(context: Context, shape: Shape, report: ReportSpec, existed: boolean): Promise<void> {
    const { sheet } = shape;
    const columns = report.table.columns;
    const lines = reportLines(report);
    const room = shape.top - 2;
    if (lines.length > room) sheet.getRange(`2:${1 + lines.length - room}`).insert(Excel.InsertShiftDirection.down);
    const top = Math.max(shape.top, reportTableRow(report));
    sheet.getRangeByIndexes(1, 0, top - 1, 1).clear(Excel.ClearApplyTo.contents);
    const title = sheet.getRangeByIndexes(0, 0, 1, 1);
    title.values = [[report.title]];
    title.format.font.bold = true;
    title.format.font.size = 14;
    if (lines.length > 0) {
      const notes = sheet.getRangeByIndexes(1, 0, lines.length, 1);
      notes.numberFormat = lines.map(() => ["@"]);
      notes.values = lines.map((n) => [n]);
      // Only the headline is bold: a line that was the headline last time is not left bold.
      notes.format.font.bold = false;
      if (report.headline && report.headline.length > 0) sheet.getRangeByIndexes(1, 0, report.headline.length, 1).format.font.bold = true;
    }
    // The add-in's columns that a person deleted, or that a newer report has, are added at the table's right.
    const missing = columns.filter((c) => !shape.headers.some((h) => h.trim().toLowerCase() === c.header.toLowerCase()));
    for (const c of missing) shape.table.columns.add(undefined, undefined, c.header);
    await context.sync();
    const fresh = await shapeOf(context, report.table.name);
    const positions = columnPositions(report.table, fresh.headers);
    const carried = await this.usersCells(context, fresh, positions);
    const wanted = Math.max(report.rows.length, 1);
    await this.resize(context, fresh, wanted, () => queueInto(bodyRows(fresh.table, 0, 1), report.table, positions, [report.rows[0] ?? columns.map(() => "")]));
    for (const [from, to] of planChunks(report.rows, (row) => 3 * jsonSize(row) + 16 * row.length)) {
      queueInto(bodyRows(fresh.table, from, to - from), report.table, positions, report.rows.slice(from, to));
      await context.sync();
    }
    if (report.rows.length === 0) queueInto(bodyRows(fresh.table, 0, 1), report.table, positions, [columns.map(() => "")]);
    if (carried) {
      const keyOf = (row: readonly Cell[]) => String(row[0] ?? "");
      carried.columns.forEach((c, k) => {
        const cells = Array.from({ length: wanted }, (_, i) => [report.rows[i] ? (carried.byKey.get(keyOf(report.rows[i]!))?.[k] ?? "") : ""]);
        bodyRows(fresh.table, 0, wanted).getColumn(c).formulas = cells;
      });
    }
    this.writeTotals(fresh, report, positions);
    await this.replaceChart(context, fresh, report, positions);
    if (!existed) fresh.table.getRange().format.autofitColumns();
    const sized = report.table.columns.some((c) => c.width !== undefined);
    report.table.columns.forEach((c, i) => {
      const column = fresh.table.columns.getItemAt(positions[i]!);
      if (c.width !== undefined) column.getRange().format.columnWidth = columnPoints(c.width);
      if (c.wrap) column.getDataBodyRange().format.wrapText = true;
    });
    // Columns sized for the page: long headers wrap rather than being cut off, and rows grow to their wrapped text.
    if (sized) {
      fresh.table.getHeaderRowRange().format.wrapText = true;
      fresh.table.getRange().format.autofitRows();
    }
    this.pageSetUp(fresh, report);
    sheet.activate();
    await context.sync();
  }

  /**
   * A report prints on one page for a Board paper (ExcelApi 1.9; before that Excel's own defaults): fitted to one page,
   * landscape when wide, the title, notes, table and chart as the print area, the table's header repeated, the title
   * and page numbers in the header and footer.
   */
  private pageSetUp(shape: Shape, report: ReportSpec): void {
    if (!Office.context.requirements.isSetSupported("ExcelApi", "1.9")) return;
    const layout = shape.sheet.pageLayout;
    const charted = report.chart && report.rows.length > 0;
    const width = Math.max(shape.headers.length, charted ? chartColumns(report) : 1);
    // Down to the chart's last row (its bottom-right anchor cell, see replaceChart), else the table's last.
    const rows = shape.top + Math.max(report.rows.length, 1) + 1 + (report.totals ? 1 : 0) + (charted ? 3 + CHART_ROWS : 0);
    const wide = report.pageLayout ? report.pageLayout.orientation === "landscape" : shape.headers.length > 6;
    layout.orientation = wide ? Excel.PageOrientation.landscape : Excel.PageOrientation.portrait;
    layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 1 };
    layout.setPrintArea(shape.sheet.getRangeByIndexes(0, 0, rows, width));
    layout.setPrintTitleRows(`$${shape.top + 1}:$${shape.top + 1}`);
    const page = layout.headersFooters.defaultForAllPages;
    const bands: Pick<ReportPageLayout, "header" | "footer"> = report.pageLayout ?? { header: { left: report.title.replace(/&/g, "&&") }, footer: { left: "ICS Finance", right: "Page &P of &N" } };
    page.leftHeader = bands.header.left ?? "";
    page.centerHeader = bands.header.center ?? "";
    page.rightHeader = bands.header.right ?? "";
    page.leftFooter = bands.footer.left ?? "";
    page.centerFooter = bands.footer.center ?? "";
    page.rightFooter = bands.footer.right ?? "";
  }

  /**
   * The report's totals row as the table's own total row (Table.showTotals), so it moves with the table as it grows
   * and shrinks; the add-in's cells only, formatted as their columns. No totals: the row is hidden.
   */
  private writeTotals(shape: Shape, report: ReportSpec, positions: readonly number[]): void {
    shape.table.showTotals = report.totals !== undefined;
    if (!report.totals) return;
    const totals = shape.table.getTotalRowRange();
    queueInto(totals, report.table, positions, [report.totals]);
    totals.format.font.bold = true;
  }

  /** The cells of the columns a person added to a report table, as formulas, by the report's first column. */
  private async usersCells(context: Context, shape: Shape, positions: readonly number[]): Promise<{ columns: number[]; byKey: Map<string, Cell[]> } | undefined> {
    const columns = shape.headers.map((_h, i) => i).filter((i) => !positions.includes(i));
    if (columns.length === 0 || shape.empty) return undefined;
    const keys = bodyRows(shape.table, 0, shape.rowCount).getColumn(positions[0]!).load("values");
    const theirs = columns.map((c) => bodyRows(shape.table, 0, shape.rowCount).getColumn(c).load("formulas"));
    await context.sync();
    const byKey = new Map<string, Cell[]>();
    keys.values.forEach(([key], i) => {
      if (!byKey.has(String(key ?? ""))) byKey.set(String(key ?? ""), theirs.map((t) => t.formulas[i]![0] as Cell));
    });
    return { columns, byKey };
  }

  /**
   * Grows or shrinks a table to `wanted` data rows, at the end, and checks the count Excel then reports. Growing is
   * Table.resize (ExcelApi 1.13); before that, rows.add, after `first` is written into row 0 so the table is not
   * "empty" (Excel fills an empty table's blank row with the first row added rather than adding one).
   */
  private async resize(context: Context, shape: Shape, wanted: number, first: () => void): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const body = shape.table.getDataBodyRange().load("rowCount");
      await context.sync();
      shape.rowCount = body.rowCount;
      if (body.rowCount === wanted) return;
      if (body.rowCount > wanted) {
        await deleteRows(context, shape, Array.from({ length: body.rowCount - wanted }, (_, i) => wanted + i));
        continue;
      }
      if (Office.context.requirements.isSetSupported("ExcelApi", "1.13")) {
        shape.table.resize(shape.table.getRange().getResizedRange(wanted - body.rowCount, 0));
        await context.sync();
        continue;
      }
      first();
      const blanks = Array.from({ length: wanted - body.rowCount }, () => shape.headers.map(() => ""));
      for (const [from, to] of planChunks(blanks, (row) => jsonSize(row))) {
        shape.table.rows.add(undefined, blanks.slice(from, to));
        await context.sync();
      }
    }
    throw new WorkbookError(`the ${shape.name} table could not be made ${wanted} rows long`);
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
    const below = shape.top + Math.max(report.rows.length, 1) + (report.totals ? 1 : 0) + 3;
    chart.setPosition(shape.sheet.getRangeByIndexes(below, 0, 1, 1), shape.sheet.getRangeByIndexes(below + CHART_ROWS, chartColumns(report) - 1, 1, 1));
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
    return (await this.updateSettings([key], (stored) => ({ [key]: update(stored[key]) })))[key]!;
  }

  async updateSettings(keys: readonly string[], update: (stored: Record<string, string | undefined>) => Record<string, string>): Promise<Record<string, string>> {
    // Read afresh just before writing: a co-author's save since this pane last looked is the base, not overwritten.
    await refreshSettings();
    const stored = Object.fromEntries(
      keys.map((k) => {
        const value: unknown = settingsOf().get(k);
        return [k, typeof value === "string" ? value : undefined];
      }),
    );
    const changed = update(stored);
    for (const [k, v] of Object.entries(changed)) settingsOf().set(k, v);
    try {
      // One save for them all: the document's settings are stored whole, so none is stored without the others.
      await saveSettings();
    } catch (error) {
      // Not saved: the copy in memory goes back to what is stored, so nothing half-saved is read later.
      for (const k of Object.keys(changed)) {
        const before = stored[k];
        if (before === undefined) settingsOf().remove(k);
        else settingsOf().set(k, before);
      }
      const [key, next] = Object.entries(changed).sort((a, b) => b[1].length - a[1].length)[0] ?? ["", ""];
      throw settingNotSaved(key, next, (error as Error).message);
    }
    return changed;
  }

  /** The panels listening for changes to the add-in's tables; one handler in Excel serves them all. */
  private readonly changeListeners = new Set<() => void>();
  private changeHandler: Promise<unknown> | undefined;
  /** Table ids to names, for the events (which name a table by id); reloaded for a table made since. */
  private readonly tableNames = new Map<string, string>();

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    // Registered once, on the workbook's table collection (ExcelApi 1.7): a panel opening costs no round trip for it.
    this.changeHandler ??= Excel.run(async (context) => {
      const registered = context.workbook.tables.onChanged.add(async (event) => {
        if (this.changeListeners.size > 0 && (await this.isOwnTable(event.tableId))) for (const l of [...this.changeListeners]) l();
      });
      await context.sync();
      return registered;
    });
    return () => void this.changeListeners.delete(listener);
  }

  private async isOwnTable(tableId: string): Promise<boolean> {
    if (!this.tableNames.has(tableId)) {
      await Excel.run(async (context) => {
        const tables = context.workbook.tables.load("items/id, items/name");
        await context.sync();
        for (const t of tables.items) this.tableNames.set(t.id, t.name);
      });
    }
    return (this.tableNames.get(tableId) ?? "").startsWith(OWN_TABLE_PREFIX);
  }

  onSettingsChange(listener: () => void): () => void {
    const handler = () => listener();
    settingsOf().addHandlerAsync(Office.EventType.SettingsChanged, handler);
    return () => settingsOf().removeHandlerAsync(Office.EventType.SettingsChanged, { handler });
  }
}
