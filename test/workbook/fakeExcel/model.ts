// Owns the fake workbook's state and Excel's rules for it: sheets, cells, formats, shifting cells on
// insert/delete (and what that does to tables), formulas turning into #REF!, and table geometry.
// Everything here is synchronous and knows nothing of proxies or batches.
import { cellKey, intersect, MAX_COLUMNS, MAX_ROWS, parseKey, quoteSheetName, rectA1, sheetAddress, type Rect } from "./address";
import {
  evaluate,
  readInput,
  rewriteColumnReferences,
  rewriteSheetReferences,
  rewriteTableReferences,
  type Cell,
  type CellValue,
} from "./cells";
import { fail, SPECIFIC_MESSAGES } from "./errors";
import type { PageLayoutModel } from "./pageLayout";

/** Per cell map (a shift or an undo replaces the map, and so the bound): the last row holding a cell. */
const lastRows = new WeakMap<Map<number, unknown>, number>();

export interface SheetModel {
  id: string;
  name: string;
  cells: Map<number, Cell>;
  columnWidths: Map<number, number>;
  /** How the sheet prints (Worksheet.pageLayout), once anything has set it. */
  pageLayout?: PageLayoutModel;
}

export interface TableColumnModel {
  id: number;
  name: string;
}

export interface TableModel {
  id: string;
  name: string;
  sheet: SheetModel;
  /** Top-left cell of the table (the header row when headers show). */
  row: number;
  col: number;
  columns: TableColumnModel[];
  bodyRows: number;
  showHeaders: boolean;
  showTotals: boolean;
  nextColumnId: number;
}

export interface ChartSeriesModel {
  name: string;
  xValuesAddress?: string;
}

export interface ChartModel {
  id: string;
  name: string;
  sheet: SheetModel;
  type: string;
  sourceAddress: string;
  seriesBy: string;
  title: string;
  legendVisible: boolean;
  series: ChartSeriesModel[];
  position?: { start: string; end?: string };
}

export interface RangeRef {
  sheet: SheetModel;
  rect: Rect;
}

export type ChangeType = "RangeEdited" | "RowInserted" | "RowDeleted" | "ColumnInserted" | "ColumnDeleted" | "Unknown";

export interface TableChange {
  tableId: string;
  worksheetId: string;
  address: string;
  changeType: ChangeType;
}

export type Axis = "rows" | "columns";
export type WriteKind = "values" | "formulas" | "numberFormat";

/** The geometry of a table: its whole range and its parts. */
export interface TableParts {
  range: Rect;
  header: Rect | null;
  body: Rect;
  totals: Rect | null;
}

export function tableParts(t: TableModel): TableParts {
  const cols = t.columns.length;
  const bodyTop = t.row + (t.showHeaders ? 1 : 0);
  const rows = (t.showHeaders ? 1 : 0) + t.bodyRows + (t.showTotals ? 1 : 0);
  return {
    range: { row: t.row, col: t.col, rows, cols },
    header: t.showHeaders ? { row: t.row, col: t.col, rows: 1, cols } : null,
    body: { row: bodyTop, col: t.col, rows: t.bodyRows, cols },
    totals: t.showTotals ? { row: bodyTop + t.bodyRows, col: t.col, rows: 1, cols } : null,
  };
}

const INVALID_SHEET_CHARS = /[[\]:*?/\\]/;

export function validateSheetName(name: string): void {
  if (typeof name !== "string" || name.trim() === "" || name.length > 31 || INVALID_SHEET_CHARS.test(name) || name.startsWith("'") || name.endsWith("'")) {
    fail("InvalidArgument", SPECIFIC_MESSAGES.sheetName);
  }
  if (name.toLowerCase() === "history") fail("InvalidArgument", SPECIFIC_MESSAGES.sheetName);
}

/** Rules from "Rename an Excel table": starts with a letter, _ or \, then letters, digits, _ . \; no spaces, no cell references, not C or R. */
export function validateTableName(name: string): void {
  const ok =
    typeof name === "string" &&
    name.length <= 255 &&
    /^[A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\\\u00C0-\uFFFF]*$/.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[Rr]\d*[Cc]\d*$/.test(name) &&
    !/^[CcRr]$/.test(name);
  if (!ok) fail("InvalidArgument");
}

interface Snapshot {
  sheets: SheetModel[];
  sheetState: Map<SheetModel, { name: string; cells: Map<number, Cell>; widths: Map<number, number> }>;
  tables: TableModel[];
  tableState: Map<TableModel, TableModel>;
  charts: ChartModel[];
  chartState: Map<ChartModel, ChartModel>;
  activeSheet: SheetModel | undefined;
  selection: RangeRef | null;
  counter: number;
}

export class WorkbookModel {
  sheets: SheetModel[] = [];
  tables: TableModel[] = [];
  charts: ChartModel[] = [];
  activeSheet: SheetModel | undefined;
  /** What Range.select() last selected. */
  selection: RangeRef | null = null;
  /** Every area of the selection (one unless RangeAreas selected several). */
  selectionAreas: RangeRef[] = [];
  /** Table changes since the last drain, for TableChanged events. */
  private changes: TableChange[] = [];
  private counter = 0;

  constructor(sheetNames: string[] = ["Sheet1"]) {
    for (const name of sheetNames) this.addSheet(name);
    this.activeSheet = this.sheets[0];
  }

  private nextId(prefix: string): string {
    this.counter += 1;
    return `{${prefix}-${String(this.counter).padStart(8, "0")}}`;
  }

  drainChanges(): TableChange[] {
    const out = this.changes;
    this.changes = [];
    return out;
  }

  noteChange(t: TableModel, rect: Rect, changeType: ChangeType): void {
    this.changes.push({ tableId: t.id, worksheetId: t.sheet.id, address: rectA1(rect), changeType });
  }

  // Copies enough state to undo a whole request (used when a response is over the payload limit).
  snapshot(): Snapshot {
    return {
      sheets: [...this.sheets],
      sheetState: new Map(this.sheets.map((s) => [s, { name: s.name, cells: new Map(s.cells), widths: new Map(s.columnWidths) }])),
      tables: [...this.tables],
      tableState: new Map(this.tables.map((t) => [t, { ...t, columns: t.columns.map((c) => ({ ...c })) }])),
      charts: [...this.charts],
      chartState: new Map(this.charts.map((c) => [c, { ...c, series: c.series.map((s) => ({ ...s })) }])),
      activeSheet: this.activeSheet,
      selection: this.selection,
      counter: this.counter,
    };
  }

  restore(s: Snapshot): void {
    this.sheets = s.sheets;
    for (const [sheet, state] of s.sheetState) Object.assign(sheet, { name: state.name, cells: state.cells, columnWidths: state.widths });
    this.tables = s.tables;
    for (const [t, state] of s.tableState) Object.assign(t, state);
    this.charts = s.charts;
    for (const [c, state] of s.chartState) Object.assign(c, state);
    this.activeSheet = s.activeSheet;
    this.selection = s.selection;
    this.counter = s.counter;
    this.changes = [];
  }

  isAlive(entity: SheetModel | TableModel | ChartModel): boolean {
    return (this.sheets as object[]).includes(entity) || (this.tables as object[]).includes(entity) || (this.charts as object[]).includes(entity);
  }

  // ------------------------------------------------------------ sheets

  findSheet(nameOrId: string): SheetModel | undefined {
    const key = nameOrId.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key || s.id.toLowerCase() === key);
  }

  requireSheet(nameOrId: string): SheetModel {
    return this.findSheet(nameOrId) ?? fail("ItemNotFound");
  }

  addSheet(name?: string): SheetModel {
    let chosen = name;
    if (chosen === undefined || chosen === null) {
      let n = this.sheets.length + 1;
      while (this.findSheet(`Sheet${n}`)) n++;
      chosen = `Sheet${n}`;
    }
    validateSheetName(chosen);
    if (this.findSheet(chosen)) fail("ItemAlreadyExists", "A resource with the same name or identifier already exists.");
    const sheet: SheetModel = { id: this.nextId("sheet"), name: chosen, cells: new Map(), columnWidths: new Map() };
    this.sheets.push(sheet);
    return sheet;
  }

  renameSheet(sheet: SheetModel, name: string): void {
    if (sheet.name === name) return;
    validateSheetName(name);
    const other = this.findSheet(name);
    if (other && other !== sheet) fail("ItemAlreadyExists", "A resource with the same name or identifier already exists.");
    const old = sheet.name;
    sheet.name = name;
    this.rewriteFormulas((f) => rewriteSheetReferences(f, old, quoteSheetName(name)));
  }

  moveSheet(sheet: SheetModel, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length) fail("InvalidArgument");
    this.sheets = this.sheets.filter((s) => s !== sheet);
    this.sheets.splice(position, 0, sheet);
  }

  deleteSheet(sheet: SheetModel): void {
    if (this.sheets.length === 1) fail("InvalidOperation", SPECIFIC_MESSAGES.lastSheet);
    for (const t of this.tablesOn(sheet)) this.removeTable(t);
    this.charts = this.charts.filter((c) => c.sheet !== sheet);
    this.sheets = this.sheets.filter((s) => s !== sheet);
    if (this.activeSheet === sheet) this.activeSheet = this.sheets[0];
    this.rewriteFormulas((f) => rewriteSheetReferences(f, sheet.name, null));
  }

  /** Applies `edit` to every formula in the workbook (rename and delete of sheets, tables and columns). */
  rewriteFormulas(edit: (formula: string) => string): void {
    for (const sheet of this.sheets) {
      for (const [key, cell] of sheet.cells) {
        if (!cell.formula) continue;
        const formula = edit(cell.formula);
        if (formula !== cell.formula) sheet.cells.set(key, { ...cell, formula, givenResult: formula.includes("#REF!") ? undefined : cell.givenResult });
      }
    }
  }

  // ------------------------------------------------------------ reading cells

  cell(sheet: SheetModel, row: number, col: number): Cell | undefined {
    return sheet.cells.get(cellKey(row, col));
  }

  valueAt(sheet: SheetModel, row: number, col: number, depth = 0): CellValue {
    const cell = this.cell(sheet, row, col);
    if (!cell) return "";
    if (!cell.formula) return cell.value;
    if (cell.formula.includes("#REF!")) return "#REF!";
    if (cell.givenResult !== undefined) return cell.givenResult;
    if (depth > 64) return 0; // a circular reference: Excel shows 0 with a warning
    const computed = evaluate(cell.formula, (sheetName, r, c) => {
      const target = sheetName === null ? sheet : this.findSheet(sheetName);
      return target ? this.valueAt(target, r, c, depth + 1) : undefined;
    });
    return computed ?? 0;
  }

  private grid<T>(ref: RangeRef, read: (row: number, col: number) => T): T[][] {
    const { rect } = ref;
    if (rect.rows * rect.cols > 5_000_000) fail("RangeExceedsLimit" as never, "The cell count in the range has exceeded the maximum supported number.");
    const out: T[][] = [];
    for (let r = 0; r < rect.rows; r++) {
      const line: T[] = [];
      for (let c = 0; c < rect.cols; c++) line.push(read(rect.row + r, rect.col + c));
      out.push(line);
    }
    return out;
  }

  values(ref: RangeRef): CellValue[][] {
    return this.grid(ref, (r, c) => this.valueAt(ref.sheet, r, c));
  }

  formulas(ref: RangeRef): CellValue[][] {
    return this.grid(ref, (r, c) => this.cell(ref.sheet, r, c)?.formula ?? this.valueAt(ref.sheet, r, c));
  }

  numberFormats(ref: RangeRef): string[][] {
    return this.grid(ref, (r, c) => this.cell(ref.sheet, r, c)?.numberFormat ?? "General");
  }

  cellsOf<T>(ref: RangeRef, read: (cell: Cell | undefined, row: number, col: number) => T): T[][] {
    return this.grid(ref, (r, c) => read(this.cell(ref.sheet, r, c), r, c));
  }

  usedRect(sheet: SheetModel, valuesOnly: boolean): Rect | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    const include = (r: number, c: number): void => {
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    };
    for (const [key, cell] of sheet.cells) {
      const hasContent = cell.formula !== undefined || cell.value !== "";
      if (hasContent || !valuesOnly) include(...parseKey(key));
    }
    if (!valuesOnly) {
      for (const t of this.tablesOn(sheet)) {
        const { range } = tableParts(t);
        include(range.row, range.col);
        include(range.row + range.rows - 1, range.col + range.cols - 1);
      }
    }
    return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }

  // ------------------------------------------------------------ writing cells

  private putCell(sheet: SheetModel, row: number, col: number, cell: Cell | undefined): void {
    const key = cellKey(row, col);
    const empty = !cell || (cell.value === "" && cell.formula === undefined && cell.numberFormat === undefined && !cell.bold && cell.fontSize === undefined && !cell.wrapText);
    if (empty) sheet.cells.delete(key);
    else {
      sheet.cells.set(key, cell);
      const bound = lastRows.get(sheet.cells);
      if (bound !== undefined && row > bound) lastRows.set(sheet.cells, row);
    }
  }

  /** The last row holding a cell (or -1): an upper bound, kept with the cell map, so a shift past it can skip the cells. */
  private lastRow(sheet: SheetModel): number {
    let bound = lastRows.get(sheet.cells);
    if (bound === undefined) {
      bound = -1;
      for (const key of sheet.cells.keys()) bound = Math.max(bound, parseKey(key)[0]);
      lastRows.set(sheet.cells, bound);
    }
    return bound;
  }

  /**
   * Range.values / formulas / numberFormat: a 2-D array of exactly the range's size (null leaves a cell
   * unchanged), or a single value for every cell. Anything else is InvalidArgument, as in Excel.
   */
  write(ref: RangeRef, kind: WriteKind, data: unknown): void {
    const { rect, sheet } = ref;
    const at = (r: number, c: number): unknown => (Array.isArray(data) ? (data[r] as unknown[])[c] : data);
    if (Array.isArray(data)) {
      const ok = data.length === rect.rows && data.every((line) => Array.isArray(line) && line.length === rect.cols);
      if (!ok) fail("InvalidArgument", SPECIFIC_MESSAGES.dimensions);
    } else if (data === null || data === undefined) {
      fail("InvalidArgument");
    }
    for (let r = 0; r < rect.rows; r++) {
      for (let c = 0; c < rect.cols; c++) {
        const input = at(r, c);
        if (input === null || input === undefined) continue;
        this.writeCell(sheet, rect.row + r, rect.col + c, kind, input);
      }
    }
    if (kind !== "numberFormat") {
      this.expandTablesBelow(ref);
      this.syncHeaderNames(ref);
    }
    this.noteEdits(ref);
  }

  writeCell(sheet: SheetModel, row: number, col: number, kind: WriteKind, input: unknown): void {
    const existing = this.cell(sheet, row, col);
    if (kind === "numberFormat") {
      if (typeof input !== "string" && typeof input !== "number") fail("InvalidArgument");
      const format = String(input);
      this.putCell(sheet, row, col, { value: "", ...existing, numberFormat: format === "" || format === "General" ? undefined : format });
      return;
    }
    if (typeof input === "number" && !Number.isFinite(input)) fail("InvalidArgument");
    if (typeof input !== "string" && typeof input !== "number" && typeof input !== "boolean") fail("InvalidArgument");
    const base: Cell = { ...existing, value: "", formula: undefined, givenResult: undefined };
    const content = input === "" ? { value: "" as CellValue } : readInput(input, existing?.numberFormat);
    this.putCell(sheet, row, col, { ...base, ...content });
  }

  /** For fake.user.setFormula: a formula with the result Excel would show for it. */
  setFormula(sheet: SheetModel, row: number, col: number, formula: string, result?: CellValue): void {
    const existing = this.cell(sheet, row, col);
    this.putCell(sheet, row, col, { ...existing, value: 0, formula, givenResult: result });
  }

  setFormat(ref: RangeRef, apply: (cell: Cell) => Cell): void {
    for (let r = 0; r < ref.rect.rows; r++) {
      for (let c = 0; c < ref.rect.cols; c++) {
        const row = ref.rect.row + r;
        const col = ref.rect.col + c;
        this.putCell(ref.sheet, row, col, apply({ value: "", ...this.cell(ref.sheet, row, col) }));
      }
    }
  }

  clear(ref: RangeRef, applyTo: string): void {
    const contents = applyTo === "All" || applyTo === "Contents" || applyTo === "ResetContents";
    const formats = applyTo === "All" || applyTo === "Formats";
    this.setFormat(ref, (cell) => ({
      value: contents ? "" : cell.value,
      formula: contents ? undefined : cell.formula,
      givenResult: contents ? undefined : cell.givenResult,
      numberFormat: formats ? undefined : cell.numberFormat,
      bold: formats ? undefined : cell.bold,
      fontSize: formats ? undefined : cell.fontSize,
      wrapText: formats ? undefined : cell.wrapText,
    }));
    if (contents) {
      this.syncHeaderNames(ref);
      this.noteEdits(ref);
    }
  }

  private noteEdits(ref: RangeRef): void {
    for (const t of this.tablesOn(ref.sheet)) {
      const hit = intersect(tableParts(t).range, ref.rect);
      if (hit) this.noteChange(t, hit, "RangeEdited");
    }
  }

  /** Excel's auto-expansion: content written in the row right below a table (without a totals row) joins it. */
  private expandTablesBelow(ref: RangeRef): void {
    for (const t of this.tablesOn(ref.sheet)) {
      if (t.showTotals) continue;
      for (;;) {
        const { body } = tableParts(t);
        const below: Rect = { row: body.row + body.rows, col: body.col, rows: 1, cols: body.cols };
        const written = intersect(below, ref.rect);
        if (!written || below.row >= MAX_ROWS) break;
        const hasContent = this.values({ sheet: ref.sheet, rect: below }).flat().some((v) => v !== "");
        const claimed = this.tablesOn(ref.sheet).some((o) => o !== t && intersect(tableParts(o).range, below));
        if (!hasContent || claimed) break;
        t.bodyRows += 1;
      }
    }
  }

  /** Header cells are the column names: keep them unique and non-blank, and follow renames in formulas. */
  syncHeaderNames(ref: RangeRef): void {
    for (const t of this.tablesOn(ref.sheet)) {
      const { header } = tableParts(t);
      if (!header || !intersect(header, ref.rect)) continue;
      t.columns.forEach((column, i) => {
        const raw = this.valueAt(t.sheet, header.row, header.col + i);
        const others = t.columns.filter((c) => c !== column).map((c) => c.name);
        const wanted = raw === "" ? defaultColumnName(t, others) : uniqueName(String(raw), others);
        this.renameColumnTo(t, i, wanted);
      });
    }
  }

  private renameColumnTo(t: TableModel, index: number, name: string): void {
    const column = t.columns[index]!;
    const old = column.name;
    column.name = name;
    if (t.showHeaders) this.putCell(t.sheet, t.row, t.col + index, { ...this.cell(t.sheet, t.row, t.col + index), value: name, formula: undefined, givenResult: undefined });
    if (old !== name && old.toLowerCase() !== name.toLowerCase()) this.rewriteFormulas((f) => rewriteColumnReferences(f, t.name, old, name));
  }

  renameColumn(t: TableModel, index: number, name: string): void {
    if (typeof name !== "string" || name === "") fail("InvalidArgument");
    const others = t.columns.filter((_, i) => i !== index).map((c) => c.name);
    this.renameColumnTo(t, index, uniqueName(name, others));
  }

  // ------------------------------------------------------------ inserting and deleting cells

  /**
   * Inserts (delta > 0) or deletes (delta < 0) cells along an axis: for "rows", cells in columns
   * [spanStart, spanEnd] at or below `at` move down by delta. Tables in the way grow, shrink, move,
   * or make the operation fail as Excel's do. `exempt` is a table whose geometry the caller adjusts.
   */
  shift(sheet: SheetModel, axis: Axis, spanStart: number, spanEnd: number, at: number, delta: number, exempt?: TableModel): void {
    const plans: Array<() => void> = [];
    for (const t of this.tablesOn(sheet)) {
      if (t === exempt) continue;
      const plan = this.planTableShift(t, axis, spanStart, spanEnd, at, delta);
      if (plan) plans.push(plan);
    }
    // Nothing lies at or below a row shift's starting row: only the tables move (e.g. rows added at a table's end).
    if (axis === "rows" && at > this.lastRow(sheet)) {
      for (const plan of plans) plan();
      return;
    }
    const limit = axis === "rows" ? MAX_ROWS : MAX_COLUMNS;
    const moved = new Map<number, Cell>();
    for (const [key, cell] of sheet.cells) {
      const [r, c] = parseKey(key);
      const [along, across] = axis === "rows" ? [r, c] : [c, r];
      if (across < spanStart || across > spanEnd || along < at) {
        moved.set(key, cell);
        continue;
      }
      if (delta < 0 && along < at - delta) continue;
      const next = along + delta;
      if (next >= limit) fail("NonBlankCellOffSheet" as never, "Microsoft Excel can't insert new cells because it would push non-empty cells off the end of the worksheet.");
      moved.set(axis === "rows" ? cellKey(next, c) : cellKey(r, next), cell);
    }
    sheet.cells = moved;
    for (const plan of plans) plan();
  }

  private planTableShift(t: TableModel, axis: Axis, spanStart: number, spanEnd: number, at: number, delta: number): (() => void) | null {
    const { range } = tableParts(t);
    const [start, length, across, width] = axis === "rows" ? [range.row, range.rows, range.col, range.cols] : [range.col, range.cols, range.row, range.rows];
    const end = start + length - 1;
    if (across + width - 1 < spanStart || across > spanEnd || end < at) return null;
    const within = across >= spanStart && across + width - 1 <= spanEnd;
    if (!within) fail("InvalidOperation", SPECIFIC_MESSAGES.shiftTable);
    const move = (by: number): void => {
      if (axis === "rows") t.row += by;
      else t.col += by;
    };
    if (delta > 0) {
      if (start >= at) return () => move(delta);
      return axis === "rows" ? () => this.growBody(t, delta) : () => this.insertColumnsAt(t, at - t.col, delta);
    }
    const n = -delta;
    const lastDeleted = at + n - 1;
    if (start > lastDeleted) return () => move(-n);
    if (at <= start && lastDeleted >= end) return () => this.removeTable(t);
    return axis === "rows" ? this.planRowDeletion(t, at, lastDeleted) : this.planColumnDeletion(t, at, lastDeleted);
  }

  private growBody(t: TableModel, delta: number): void {
    t.bodyRows += delta;
  }

  private planRowDeletion(t: TableModel, first: number, last: number): () => void {
    const { header, body, totals } = tableParts(t);
    if (header && header.row >= first && header.row <= last) fail("InvalidOperation", SPECIFIC_MESSAGES.shiftTable);
    const bodyLost = Math.max(0, Math.min(last, body.row + body.rows - 1) - Math.max(first, body.row) + 1);
    const totalsLost = totals !== null && totals.row >= first && totals.row <= last;
    const movesUp = first < t.row ? t.row - first : 0;
    return () => {
      t.row -= movesUp;
      t.bodyRows -= bodyLost;
      if (totalsLost) t.showTotals = false;
      if (t.bodyRows === 0) this.restoreBlankRow(t);
    };
  }

  /** A table always keeps at least one body row: deleting them all leaves one blank row. */
  private restoreBlankRow(t: TableModel): void {
    const { body } = tableParts(t);
    this.shift(t.sheet, "rows", t.col, t.col + t.columns.length - 1, body.row, 1, t);
    t.bodyRows = 1;
  }

  private planColumnDeletion(t: TableModel, first: number, last: number): () => void {
    const from = Math.max(first, t.col) - t.col;
    const to = Math.min(last, t.col + t.columns.length - 1) - t.col;
    return () => {
      const removed = t.columns.splice(from, to - from + 1);
      if (first < t.col) t.col = first;
      for (const column of removed) this.rewriteFormulas((f) => rewriteColumnReferences(f, t.name, column.name, null));
    };
  }

  /** New table columns from inserted cells: named from their header cells, or Column1, Column2, ... */
  private insertColumnsAt(t: TableModel, index: number, count: number): void {
    for (let i = 0; i < count; i++) {
      const others = t.columns.map((c) => c.name);
      t.columns.splice(index + i, 0, { id: t.nextColumnId++, name: defaultColumnName(t, others) });
      if (t.showHeaders) this.putCell(t.sheet, t.row, t.col + index + i, { value: t.columns[index + i]!.name });
    }
  }

  insertCells(ref: RangeRef, direction: "Down" | "Right"): void {
    const { rect, sheet } = ref;
    if (direction === "Down") this.shift(sheet, "rows", rect.col, rect.col + rect.cols - 1, rect.row, rect.rows);
    else this.shift(sheet, "columns", rect.row, rect.row + rect.rows - 1, rect.col, rect.cols);
  }

  deleteCells(ref: RangeRef, direction: "Up" | "Left"): void {
    const { rect, sheet } = ref;
    if (direction === "Up") this.shift(sheet, "rows", rect.col, rect.col + rect.cols - 1, rect.row, -rect.rows);
    else this.shift(sheet, "columns", rect.row, rect.row + rect.rows - 1, rect.col, -rect.cols);
  }

  // ------------------------------------------------------------ tables

  tablesOn(sheet: SheetModel): TableModel[] {
    return this.tables.filter((t) => t.sheet === sheet);
  }

  findTable(nameOrId: string): TableModel | undefined {
    const key = String(nameOrId).toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === key || t.id.toLowerCase() === key);
  }

  private assertNoTableOverlap(sheet: SheetModel, rect: Rect, except?: TableModel): void {
    for (const t of this.tablesOn(sheet)) {
      if (t !== except && intersect(tableParts(t).range, rect)) fail("InvalidArgument", SPECIFIC_MESSAGES.tableOverlap);
    }
  }

  private nextTableName(): string {
    let n = 1;
    while (this.findTable(`Table${n}`)) n++;
    return `Table${n}`;
  }

  /**
   * TableCollection.add: with headers, the first row names the columns (blank or repeated names become
   * Column1 or Name2); a header-only range gets one blank body row. Without headers, Excel inserts a
   * header row of Column1..n and shifts the data down a row.
   */
  addTable(ref: RangeRef, hasHeaders: boolean): TableModel {
    const { sheet, rect } = ref;
    const bodyRows = hasHeaders ? Math.max(rect.rows - 1, 1) : rect.rows;
    this.assertNoTableOverlap(sheet, { ...rect, rows: bodyRows + 1 });
    const t: TableModel = {
      id: this.nextId("table"),
      name: this.nextTableName(),
      sheet,
      row: rect.row,
      col: rect.col,
      columns: [],
      bodyRows,
      showHeaders: true,
      showTotals: false,
      nextColumnId: 1,
    };
    if (!hasHeaders) this.shift(sheet, "rows", rect.col, rect.col + rect.cols - 1, rect.row, 1);
    for (let i = 0; i < rect.cols; i++) {
      const raw = hasHeaders ? this.valueAt(sheet, rect.row, rect.col + i) : "";
      const others = t.columns.map((c) => c.name);
      t.columns.push({ id: t.nextColumnId++, name: raw === "" ? defaultColumnName(t, others) : uniqueName(String(raw), others) });
      this.putCell(sheet, rect.row, rect.col + i, { ...this.cell(sheet, rect.row, rect.col + i), value: t.columns[i]!.name, formula: undefined, givenResult: undefined });
    }
    this.tables.push(t);
    return t;
  }

  renameTable(t: TableModel, name: string): void {
    if (t.name === name) return;
    validateTableName(name);
    const other = this.findTable(name);
    if (other && other !== t) fail("ItemAlreadyExists", "A table with the same name already exists.");
    const old = t.name;
    t.name = name;
    this.rewriteFormulas((f) => rewriteTableReferences(f, old, name));
  }

  private removeTable(t: TableModel): void {
    this.tables = this.tables.filter((x) => x !== t);
    this.rewriteFormulas((f) => rewriteTableReferences(f, t.name, null));
  }

  /** Table.delete removes the table with its data and formatting. */
  deleteTable(t: TableModel): void {
    const { range } = tableParts(t);
    this.removeTable(t);
    this.clear({ sheet: t.sheet, rect: range }, "All");
  }

  private isPlaceholderBody(t: TableModel): boolean {
    const { body } = tableParts(t);
    return t.bodyRows === 1 && this.formulas({ sheet: t.sheet, rect: body }).flat().every((v) => v === "");
  }

  /**
   * TableRowCollection.add: inserts cells below (or at `index` in) the body, within the table's columns,
   * shifting what is below down. Values must be rows × the table's columns. A table's lone blank row is
   * filled rather than kept. New rows take the number format of the row above, as Excel's tables do.
   */
  addRows(t: TableModel, index: number | null | undefined, values: unknown): Rect {
    const cols = t.columns.length;
    const rows: unknown[][] =
      values === undefined || values === null ? [new Array<unknown>(cols).fill(null)] : Array.isArray(values) ? (values as unknown[][]) : [new Array<unknown>(cols).fill(values)];
    if (rows.length === 0 || !rows.every((line) => Array.isArray(line) && line.length === cols)) fail("InvalidArgument", SPECIFIC_MESSAGES.dimensions);
    const atEnd = index === undefined || index === null || index === -1;
    if (!atEnd && (!Number.isInteger(index) || index! < 0 || index! > t.bodyRows)) fail("InvalidArgument");
    const fillPlaceholder = this.isPlaceholderBody(t) && (atEnd || index === 0);
    const { body } = tableParts(t);
    const first = fillPlaceholder ? 0 : atEnd ? t.bodyRows : index!;
    const inserted = rows.length - (fillPlaceholder ? 1 : 0);
    if (inserted > 0) {
      this.shift(t.sheet, "rows", t.col, t.col + cols - 1, body.row + first + (fillPlaceholder ? 1 : 0), inserted, t);
      t.bodyRows += inserted;
    }
    const added: Rect = { row: body.row + first, col: t.col, rows: rows.length, cols };
    const formatRow = first > 0 ? body.row + first - 1 : added.row + added.rows;
    rows.forEach((line, r) =>
      line.forEach((input, c) => {
        const format = this.cell(t.sheet, formatRow, t.col + c)?.numberFormat;
        if (format && !fillPlaceholder) this.writeCell(t.sheet, added.row + r, t.col + c, "numberFormat", format);
        if (input !== null && input !== undefined) this.writeCell(t.sheet, added.row + r, t.col + c, "values", input);
      }),
    );
    this.noteChange(t, added, "RowInserted");
    return added;
  }

  deleteRows(t: TableModel, index: number, count: number): void {
    if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 0 || index + count > t.bodyRows) fail("InvalidArgument");
    const { body } = tableParts(t);
    const removed: Rect = { row: body.row + index, col: t.col, rows: count, cols: t.columns.length };
    this.shift(t.sheet, "rows", t.col, t.col + t.columns.length - 1, removed.row, -count, t);
    t.bodyRows -= count;
    if (t.bodyRows === 0) this.restoreBlankRow(t);
    this.noteChange(t, removed, "RowDeleted");
  }

  /**
   * TableColumnCollection.add: inserts cells to the right within the table's rows. `values` may hold the
   * header and the body (header first) or the body only; `name` overrides the header.
   */
  addColumn(t: TableModel, index: number | null | undefined, values: unknown, name: string | null | undefined): number {
    const parts = tableParts(t);
    const at = index === undefined || index === null || index === -1 ? t.columns.length : index;
    if (!Number.isInteger(at) || at < 0 || at > t.columns.length) fail("InvalidArgument");
    let header: unknown = null;
    let bodyValues: unknown[][] | null = null;
    if (Array.isArray(values)) {
      const rows = values as unknown[][];
      if (!rows.every((line) => Array.isArray(line) && line.length === 1)) fail("InvalidArgument", SPECIFIC_MESSAGES.dimensions);
      if (rows.length === t.bodyRows + 1 && t.showHeaders) [header, ...bodyValues] = [rows[0]![0], ...rows.slice(1)];
      else if (rows.length === t.bodyRows) bodyValues = rows;
      else fail("InvalidArgument", SPECIFIC_MESSAGES.dimensions);
    } else if (values !== undefined && values !== null) {
      bodyValues = Array.from({ length: t.bodyRows }, () => [values]);
    }
    this.shift(t.sheet, "columns", parts.range.row, parts.range.row + parts.range.rows - 1, t.col + at, 1, t);
    const others = t.columns.map((c) => c.name);
    const wanted = name ?? (header === null || header === "" ? null : String(header));
    t.columns.splice(at, 0, { id: t.nextColumnId++, name: wanted === null ? defaultColumnName(t, others) : uniqueName(wanted, others) });
    if (t.showHeaders) this.putCell(t.sheet, t.row, t.col + at, { value: t.columns[at]!.name });
    bodyValues?.forEach((line, r) => {
      if (line[0] !== null && line[0] !== undefined) this.writeCell(t.sheet, parts.body.row + r, t.col + at, "values", line[0]);
    });
    this.noteChange(t, { ...tableParts(t).range, col: t.col + at, cols: 1 }, "ColumnInserted");
    return at;
  }

  deleteColumn(t: TableModel, index: number): void {
    if (t.columns.length === 1) fail("InvalidOperation");
    const { range } = tableParts(t);
    const [column] = t.columns.splice(index, 1);
    const removed: Rect = { ...range, col: t.col + index, cols: 1 };
    this.shift(t.sheet, "columns", range.row, range.row + range.rows - 1, t.col + index, -1, t);
    this.rewriteFormulas((f) => rewriteColumnReferences(f, t.name, column!.name, null));
    this.noteChange(t, removed, "ColumnDeleted");
  }

  /** Table.resize: the header row stays on the same row; the new range must overlap the old and no other table. */
  resizeTable(t: TableModel, ref: RangeRef): void {
    const { range } = tableParts(t);
    const headerRows = t.showHeaders ? 1 : 0;
    const totalsRows = t.showTotals ? 1 : 0;
    const ok = ref.sheet === t.sheet && ref.rect.row === t.row && intersect(range, ref.rect) !== null && ref.rect.rows > headerRows + totalsRows;
    if (!ok) fail("InvalidArgument");
    this.assertNoTableOverlap(t.sheet, ref.rect, t);
    const keep = t.columns.slice(0, ref.rect.cols);
    for (const column of t.columns.slice(ref.rect.cols)) this.rewriteFormulas((f) => rewriteColumnReferences(f, t.name, column.name, null));
    t.columns = keep;
    t.col = ref.rect.col;
    t.bodyRows = ref.rect.rows - headerRows - totalsRows;
    for (let i = keep.length; i < ref.rect.cols; i++) {
      const raw = headerRows ? this.valueAt(t.sheet, t.row, t.col + i) : "";
      const others = t.columns.map((c) => c.name);
      t.columns.push({ id: t.nextColumnId++, name: raw === "" ? defaultColumnName(t, others) : uniqueName(String(raw), others) });
      if (headerRows) this.putCell(t.sheet, t.row, t.col + i, { ...this.cell(t.sheet, t.row, t.col + i), value: t.columns[i]!.name });
    }
    this.noteChange(t, tableParts(t).range, "Unknown");
  }

  /** Showing totals inserts a row below the body within the table's columns ("Total" in the first column); hiding clears it. */
  setShowTotals(t: TableModel, show: boolean): void {
    if (t.showTotals === show) return;
    const { body, totals } = tableParts(t);
    if (show) {
      this.shift(t.sheet, "rows", t.col, t.col + t.columns.length - 1, body.row + body.rows, 1, t);
      t.showTotals = true;
      this.putCell(t.sheet, body.row + body.rows, t.col, { value: "Total" });
    } else {
      t.showTotals = false;
      this.clear({ sheet: t.sheet, rect: totals! }, "All");
    }
  }

  /** Hiding headers takes the header row out of the table (and clears it); showing them uses the row above. */
  setShowHeaders(t: TableModel, show: boolean): void {
    if (t.showHeaders === show) return;
    if (show) {
      if (t.row === 0) fail("InvalidOperation");
      this.assertNoTableOverlap(t.sheet, { row: t.row - 1, col: t.col, rows: 1, cols: t.columns.length }, t);
      t.row -= 1;
      t.showHeaders = true;
      t.columns.forEach((c, i) => this.putCell(t.sheet, t.row, t.col + i, { value: c.name }));
    } else {
      this.clear({ sheet: t.sheet, rect: tableParts(t).header! }, "All");
      t.showHeaders = false;
      t.row += 1;
    }
  }

  // ------------------------------------------------------------ charts

  addChart(sheet: SheetModel, type: string, source: RangeRef, seriesBy: string): ChartModel {
    let n = 1;
    while (this.charts.some((c) => c.sheet === sheet && c.name === `Chart ${n}`)) n++;
    const byColumns = seriesBy !== "Rows" && (seriesBy === "Columns" || source.rect.rows >= source.rect.cols);
    const seriesCount = Math.max(1, (byColumns ? source.rect.cols : source.rect.rows) - 1);
    const chart: ChartModel = {
      id: this.nextId("chart"),
      name: `Chart ${n}`,
      sheet,
      type,
      sourceAddress: sheetAddress(source.sheet.name, source.rect),
      seriesBy: byColumns ? "Columns" : "Rows",
      title: "",
      legendVisible: true,
      series: Array.from({ length: seriesCount }, (_, i) => ({ name: `Series${i + 1}` })),
    };
    this.charts.push(chart);
    return chart;
  }

  deleteChart(chart: ChartModel): void {
    this.charts = this.charts.filter((c) => c !== chart);
  }
}

function uniqueName(wanted: string, others: string[]): string {
  const taken = new Set(others.map((o) => o.toLowerCase()));
  if (!taken.has(wanted.toLowerCase())) return wanted;
  let n = 2;
  while (taken.has(`${wanted}${n}`.toLowerCase())) n++;
  return `${wanted}${n}`;
}

function defaultColumnName(_t: TableModel, others: string[]): string {
  const taken = new Set(others.map((o) => o.toLowerCase()));
  let n = 1;
  while (taken.has(`column${n}`)) n++;
  return `Column${n}`;
}
