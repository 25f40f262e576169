// Owns what people do to the workbook outside our add-in: the local user typing, inserting, reordering and
// deleting, and a co-author doing the same remotely or saving settings. Their table edits raise
// TableChanged events ("Local" for the user, "Remote" for a co-author), as Excel's do.
import { cellA1, cellKey, parseAddress, type Rect } from "./address";
import type { CellValue } from "./cells";
import { fail } from "./errors";
import { tableParts, type SheetModel, type TableChange, type TableModel, type WorkbookModel } from "./model";
import type { StoredSettings } from "./settings";

/** Where a cell is: on a sheet (row and column zero-indexed), or in a table's body (row index, column index or header). */
export type CellTarget = { sheet: string } | { table: string };

export interface CellReading {
  value: CellValue;
  formula: CellValue;
  numberFormat: string;
}

export class FakeEditor {
  constructor(
    private readonly model: WorkbookModel,
    private readonly source: "Local" | "Remote",
    private readonly dispatch: (changes: TableChange[], source: "Local" | "Remote") => void,
  ) {}

  /** Runs an edit and raises the table events it caused. */
  private edit<T>(run: () => T): T {
    const result = run();
    this.dispatch(this.model.drainChanges(), this.source);
    return result;
  }

  private table(name: string): TableModel {
    return this.model.findTable(name) ?? fail("ItemNotFound");
  }

  private locate(target: CellTarget, row: number, col: number | string): { sheet: SheetModel; rect: Rect } {
    if ("sheet" in target) {
      if (typeof col !== "number") fail("InvalidArgument");
      return { sheet: this.model.requireSheet(target.sheet), rect: { row, col, rows: 1, cols: 1 } };
    }
    const t = this.table(target.table);
    const index = typeof col === "number" ? col : t.columns.findIndex((c) => c.name.toLowerCase() === col.toLowerCase());
    if (index < 0 || index >= t.columns.length || row < 0 || row >= t.bodyRows) fail("ItemNotFound");
    const { body } = tableParts(t);
    return { sheet: t.sheet, rect: { row: body.row + row, col: body.col + index, rows: 1, cols: 1 } };
  }

  /** Types a value into a cell, as if at the keyboard (so "0" becomes 0 under General, and "=..." a formula). */
  editCell(target: CellTarget, row: number, col: number | string, value: CellValue | null): void {
    this.edit(() => this.model.write(this.locate(target, row, col), "values", [[value ?? ""]]));
  }

  /** Enters a formula whose result the fake cannot compute itself (omit `result` for simple arithmetic). */
  setFormula(target: CellTarget, row: number, col: number | string, formula: string, result?: CellValue): void {
    this.edit(() => {
      const { sheet, rect } = this.locate(target, row, col);
      this.model.setFormula(sheet, rect.row, rect.col, formula, result);
    });
  }

  /** A formula cell anywhere, e.g. addFormulaCell("Summary", "B2", "=SUM(Partners[Share])", 100). */
  addFormulaCell(sheetName: string, address: string, formula: string, result?: CellValue): void {
    const rect = parseAddress(address);
    this.edit(() => this.model.setFormula(this.model.requireSheet(sheetName), rect.row, rect.col, formula, result));
  }

  setNumberFormat(sheetName: string, address: string, format: string): void {
    this.edit(() => this.model.write({ sheet: this.model.requireSheet(sheetName), rect: parseAddress(address) }, "numberFormat", format));
  }

  insertTableColumn(tableName: string, atIndex: number, header: string, values?: CellValue[]): void {
    this.edit(() => this.model.addColumn(this.table(tableName), atIndex, values?.map((v) => [v]), header));
  }

  /** Drags columns into a new order, given as every header in the order wanted. Data moves with its header. */
  reorderTableColumns(tableName: string, headers: string[]): void {
    this.edit(() => {
      const t = this.table(tableName);
      const order = headers.map((h) => t.columns.findIndex((c) => c.name.toLowerCase() === h.toLowerCase()));
      if (order.length !== t.columns.length || order.some((i) => i < 0) || new Set(order).size !== order.length) fail("InvalidArgument");
      const { range } = tableParts(t);
      const cells = order.map((from) =>
        Array.from({ length: range.rows }, (_, r) => t.sheet.cells.get(cellKey(range.row + r, range.col + from))),
      );
      t.columns = order.map((from) => t.columns[from]!);
      cells.forEach((column, c) =>
        column.forEach((cell, r) => {
          const key = cellKey(range.row + r, range.col + c);
          if (cell) t.sheet.cells.set(key, cell);
          else t.sheet.cells.delete(key);
        }),
      );
      this.model.noteChange(t, range, "RangeEdited");
    });
  }

  moveTableColumn(tableName: string, header: string, toIndex: number): void {
    const t = this.table(tableName);
    const names = t.columns.map((c) => c.name).filter((n) => n.toLowerCase() !== header.toLowerCase());
    names.splice(toIndex, 0, header);
    this.reorderTableColumns(tableName, names);
  }

  renameColumn(tableName: string, from: string, to: string): void {
    this.edit(() => {
      const t = this.table(tableName);
      const index = t.columns.findIndex((c) => c.name.toLowerCase() === from.toLowerCase());
      if (index < 0) fail("ItemNotFound");
      this.model.renameColumn(t, index, to);
    });
  }

  deleteColumn(tableName: string, header: string): void {
    this.edit(() => {
      const t = this.table(tableName);
      const index = t.columns.findIndex((c) => c.name.toLowerCase() === header.toLowerCase());
      if (index < 0) fail("ItemNotFound");
      this.model.deleteColumn(t, index);
    });
  }

  insertBlankRow(tableName: string, atBodyIndex: number): void {
    this.edit(() => {
      const t = this.table(tableName);
      this.model.shift(t.sheet, "rows", t.col, t.col + t.columns.length - 1, tableParts(t).body.row + atBodyIndex, 1, t);
      t.bodyRows += 1;
    });
  }

  deleteTableRow(tableName: string, atBodyIndex: number): void {
    this.edit(() => this.model.deleteRows(this.table(tableName), atBodyIndex, 1));
  }

  renameTable(from: string, to: string): void {
    this.edit(() => this.model.renameTable(this.table(from), to));
  }

  deleteTable(tableName: string): void {
    this.edit(() => this.model.deleteTable(this.table(tableName)));
  }

  addSheet(name: string): void {
    this.edit(() => this.model.addSheet(name));
  }

  renameSheet(from: string, to: string): void {
    this.edit(() => this.model.renameSheet(this.model.requireSheet(from), to));
  }

  deleteSheet(name: string): void {
    this.edit(() => this.model.deleteSheet(this.model.requireSheet(name)));
  }

  /** What a cell shows and holds (for assertions). */
  readCell(sheetName: string, address: string): CellReading {
    const sheet = this.model.requireSheet(sheetName);
    const { row, col } = parseAddress(address);
    const cell = this.model.cell(sheet, row, col);
    return { value: this.model.valueAt(sheet, row, col), formula: cell?.formula ?? this.model.valueAt(sheet, row, col), numberFormat: cell?.numberFormat ?? "General" };
  }

  /** A sheet's used range: its address, values and formulas (empty arrays for an empty sheet). */
  readSheet(sheetName: string): { address: string; values: CellValue[][]; formulas: CellValue[][] } {
    const sheet = this.model.requireSheet(sheetName);
    const rect = this.model.usedRect(sheet, true);
    if (!rect) return { address: "", values: [], formulas: [] };
    const ref = { sheet, rect };
    return { address: `${cellA1(rect.row, rect.col)}:${cellA1(rect.row + rect.rows - 1, rect.col + rect.cols - 1)}`, values: this.model.values(ref), formulas: this.model.formulas(ref) };
  }
}

export class FakeCoauthor extends FakeEditor {
  constructor(
    model: WorkbookModel,
    dispatch: (changes: TableChange[], source: "Local" | "Remote") => void,
    private readonly stored: StoredSettings,
    private readonly onSaved: () => void,
  ) {
    super(model, "Remote", dispatch);
  }

  /** A co-author's add-in saved this setting: the document has it, settingsChanged fires, and our in-memory copy has it only after refreshAsync. */
  setSetting(key: string, value: unknown): void {
    this.stored.bag.set(key, JSON.stringify(value ?? null));
    this.onSaved();
  }

  removeSetting(key: string): void {
    this.stored.bag.delete(key);
    this.onSaved();
  }
}
