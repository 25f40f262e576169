// Owns the workbook, worksheet and range proxies (Excel.Workbook, WorksheetCollection, Worksheet, Range,
// RangeFormat, RangeFont): what each property reads and what each method queues.
import { MAX_COLUMNS, MAX_ROWS, parseAddress, sheetAddress, type Rect } from "./address";
import { displayText } from "./cells";
import { fail } from "./errors";
import { FakeClientObject, FakeCollection, type FakeRequestContext, type Locator } from "./batch";
import { tableParts, type RangeRef, type SheetModel, type WorkbookModel } from "./model";
import { FakeChartCollection, FakeTableCollection } from "./tableProxies";
import { FakePageLayout } from "./pageLayout";

export class FakeWorkbook extends FakeClientObject<WorkbookModel> {
  protected get typeName(): string {
    return "Workbook";
  }
  protected get scalarNames(): readonly string[] {
    return [];
  }
  protected readScalar(): unknown {
    return null;
  }

  constructor(context: FakeRequestContext) {
    super(context, (model) => model, false);
  }

  get worksheets(): FakeWorksheetCollection {
    return this.child("worksheets", () => new FakeWorksheetCollection(this.context));
  }

  get tables(): FakeTableCollection {
    return this.child("tables", () => new FakeTableCollection(this.context, (model) => ({ model, sheet: null }), false));
  }
}

export class FakeWorksheetCollection extends FakeCollection<WorkbookModel, FakeWorksheet> {
  protected get typeName(): string {
    return "WorksheetCollection";
  }

  constructor(context: FakeRequestContext) {
    super(context, (model) => model, false);
  }

  protected listItems(model: WorkbookModel): FakeWorksheet[] {
    return model.sheets.map((sheet) => new FakeWorksheet(this.context, () => sheet, false));
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, (model) => model.requireSheet(key), false);
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, (model) => model.findSheet(key) ?? null, true);
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, (model) => model.activeSheet ?? null, false);
  }

  getFirst(): FakeWorksheet {
    return new FakeWorksheet(this.context, (model) => model.sheets[0] ?? null, false);
  }

  /** Adds the sheet when the batch reaches this call; the proxy then stands for the new sheet. */
  add(name?: string): FakeWorksheet {
    let created: SheetModel | null = null;
    this.queueCall("add", { name }, (model) => {
      created = model.addSheet(name);
    });
    return new FakeWorksheet(this.context, () => created, false);
  }
}

export class FakeWorksheet extends FakeClientObject<SheetModel> {
  protected get typeName(): string {
    return "Worksheet";
  }
  protected get scalarNames(): readonly string[] {
    return ["name", "id", "position", "visibility"];
  }
  protected readScalar(sheet: SheetModel, name: string, model: WorkbookModel): unknown {
    if (name === "position") return model.sheets.indexOf(sheet);
    if (name === "visibility") return "Visible";
    return sheet[name as "name" | "id"];
  }
  protected override stillExists(sheet: SheetModel, model: WorkbookModel): boolean {
    return model.isAlive(sheet);
  }

  constructor(context: FakeRequestContext, locator: Locator<SheetModel>, nullable: boolean) {
    super(context, locator, nullable);
  }

  get name(): string {
    return this.readLoaded("name");
  }
  set name(value: string) {
    this.queueWrite("name", value, (sheet, model) => model.renameSheet(sheet, value));
  }
  get id(): string {
    return this.readLoaded("id");
  }
  get position(): number {
    return this.readLoaded("position");
  }
  set position(value: number) {
    this.queueWrite("position", value, (sheet, model) => model.moveSheet(sheet, value));
  }
  get visibility(): string {
    return this.readLoaded("visibility");
  }

  get tables(): FakeTableCollection {
    return this.child("tables", () => new FakeTableCollection(this.context, (model) => {
      const sheet = this.target(model);
      return sheet && { model, sheet };
    }, this.nullable));
  }

  get charts(): FakeChartCollection {
    return this.child("charts", () => new FakeChartCollection(this.context, (model) => this.target(model), this.nullable));
  }

  get pageLayout(): FakePageLayout {
    return this.child("pageLayout", () => new FakePageLayout(this.context, (model) => this.target(model), this.nullable));
  }

  private range(rect: (sheet: SheetModel, model: WorkbookModel) => Rect | null, nullable = this.nullable): FakeRange {
    return new FakeRange(this.context, (model) => {
      const sheet = this.target(model);
      if (!sheet) return null;
      const r = rect(sheet, model);
      return r && { sheet, rect: r };
    }, nullable);
  }

  getRange(address?: string): FakeRange {
    return this.range(() => (address === undefined || address === "" ? { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLUMNS } : parseAddress(address)));
  }

  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(address.split(",").map((a) => this.getRange(a.trim())));
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return this.range(() => checkedRect({ row: startRow, col: startColumn, rows: rowCount, cols: columnCount }));
  }

  getCell(row: number, column: number): FakeRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  /** The smallest range holding every value (and, unless valuesOnly, every formatted cell); A1 on an empty sheet. */
  getUsedRange(valuesOnly?: boolean): FakeRange {
    return this.range((sheet, model) => model.usedRect(sheet, valuesOnly === true) ?? { row: 0, col: 0, rows: 1, cols: 1 });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return this.range((sheet, model) => model.usedRect(sheet, valuesOnly === true), true);
  }

  delete(): void {
    this.queueCall("delete", null, (sheet, model) => model.deleteSheet(sheet));
  }

  activate(): void {
    this.queueCall("activate", null, (sheet, model) => {
      model.activeSheet = sheet;
    });
  }
}

function checkedRect(rect: Rect): Rect {
  const ok =
    [rect.row, rect.col, rect.rows, rect.cols].every(Number.isInteger) &&
    rect.row >= 0 &&
    rect.col >= 0 &&
    rect.rows >= 1 &&
    rect.cols >= 1 &&
    rect.row + rect.rows <= MAX_ROWS &&
    rect.col + rect.cols <= MAX_COLUMNS;
  return ok ? rect : fail("InvalidArgument");
}

const RANGE_SCALARS = ["values", "formulas", "numberFormat", "text", "address", "addressLocal", "rowIndex", "columnIndex", "rowCount", "columnCount", "cellCount", "valueTypes"] as const;

export class FakeRange extends FakeClientObject<RangeRef> {
  protected get typeName(): string {
    return "Range";
  }
  protected get scalarNames(): readonly string[] {
    return RANGE_SCALARS;
  }
  protected override stillExists(ref: RangeRef, model: WorkbookModel): boolean {
    return model.isAlive(ref.sheet);
  }
  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    if (name === "format") return this.format;
    if (name === "worksheet") return this.worksheet;
    return undefined;
  }

  protected readScalar(ref: RangeRef, name: string, model: WorkbookModel): unknown {
    const { rect } = ref;
    switch (name as (typeof RANGE_SCALARS)[number]) {
      case "values":
        return model.values(ref);
      case "formulas":
        return model.formulas(ref);
      case "numberFormat":
        return model.numberFormats(ref);
      case "text":
        return model.cellsOf(ref, (cell, r, c) => displayText(model.valueAt(ref.sheet, r, c), cell?.numberFormat));
      case "valueTypes":
        return model.cellsOf(ref, (_cell, r, c) => valueType(model.valueAt(ref.sheet, r, c)));
      case "address":
      case "addressLocal":
        return sheetAddress(ref.sheet.name, rect);
      case "rowIndex":
        return rect.row;
      case "columnIndex":
        return rect.col;
      case "rowCount":
        return rect.rows;
      case "columnCount":
        return rect.cols;
      case "cellCount":
        return rect.rows * rect.cols;
    }
  }

  get values(): unknown[][] {
    return this.readLoaded("values");
  }
  set values(data: unknown[][]) {
    this.queueWrite("values", data, (ref, model) => model.write(ref, "values", data));
  }
  get formulas(): unknown[][] {
    return this.readLoaded("formulas");
  }
  set formulas(data: unknown[][]) {
    this.queueWrite("formulas", data, (ref, model) => model.write(ref, "formulas", data));
  }
  get numberFormat(): unknown[][] {
    return this.readLoaded("numberFormat");
  }
  set numberFormat(data: unknown[][]) {
    this.queueWrite("numberFormat", data, (ref, model) => model.write(ref, "numberFormat", data));
  }
  get text(): string[][] {
    return this.readLoaded("text");
  }
  get valueTypes(): string[][] {
    return this.readLoaded("valueTypes");
  }
  get address(): string {
    return this.readLoaded("address");
  }
  get addressLocal(): string {
    return this.readLoaded("addressLocal");
  }
  get rowIndex(): number {
    return this.readLoaded("rowIndex");
  }
  get columnIndex(): number {
    return this.readLoaded("columnIndex");
  }
  get rowCount(): number {
    return this.readLoaded("rowCount");
  }
  get columnCount(): number {
    return this.readLoaded("columnCount");
  }
  get cellCount(): number {
    return this.readLoaded("cellCount");
  }

  get worksheet(): FakeWorksheet {
    return this.child("worksheet", () => new FakeWorksheet(this.context, (model) => this.target(model)?.sheet ?? null, this.nullable));
  }

  get format(): FakeRangeFormat {
    return this.child("format", () => new FakeRangeFormat(this.context, (model) => this.target(model), this.nullable));
  }

  /** A range derived from this one, resolved when the batch first uses it. */
  private derived(rect: (own: Rect) => Rect): FakeRange {
    return new FakeRange(this.context, (model) => {
      const ref = this.target(model);
      return ref && { sheet: ref.sheet, rect: checkedRect(rect(ref.rect)) };
    }, this.nullable);
  }

  getCell(row: number, column: number): FakeRange {
    return this.derived((r) => ({ row: r.row + row, col: r.col + column, rows: 1, cols: 1 }));
  }
  getRow(row: number): FakeRange {
    return this.derived((r) => (row < 0 || row >= r.rows ? fail("InvalidArgument") : { ...r, row: r.row + row, rows: 1 }));
  }
  getColumn(column: number): FakeRange {
    return this.derived((r) => (column < 0 || column >= r.cols ? fail("InvalidArgument") : { ...r, col: r.col + column, cols: 1 }));
  }
  getLastRow(): FakeRange {
    return this.derived((r) => ({ ...r, row: r.row + r.rows - 1, rows: 1 }));
  }
  getLastColumn(): FakeRange {
    return this.derived((r) => ({ ...r, col: r.col + r.cols - 1, cols: 1 }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived((r) => ({ ...r, rows: r.rows + deltaRows, cols: r.cols + deltaColumns }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived((r) => ({ ...r, row: r.row + rowOffset, col: r.col + columnOffset }));
  }
  getRowsBelow(count = 1): FakeRange {
    return this.derived((r) => ({ ...r, row: r.row + r.rows, rows: count }));
  }
  getRowsAbove(count = 1): FakeRange {
    return this.derived((r) => ({ ...r, row: r.row - count, rows: count }));
  }
  getBoundingRect(other: FakeRange | string): FakeRange {
    return new FakeRange(this.context, (model) => {
      const ref = this.target(model);
      if (!ref) return null;
      const b = typeof other === "string" ? parseAddress(other) : other.require(model).rect;
      const row = Math.min(ref.rect.row, b.row);
      const col = Math.min(ref.rect.col, b.col);
      const rows = Math.max(ref.rect.row + ref.rect.rows, b.row + b.rows) - row;
      const cols = Math.max(ref.rect.col + ref.rect.cols, b.col + b.cols) - col;
      return { sheet: ref.sheet, rect: { row, col, rows, cols } };
    }, this.nullable);
  }

  clear(applyTo: string = "All"): void {
    this.queueCall("clear", { applyTo }, (ref, model) => model.clear(ref, applyTo));
  }

  delete(shift: string): void {
    if (shift !== "Up" && shift !== "Left") fail("InvalidArgument");
    this.queueCall("delete", { shift }, (ref, model) => model.deleteCells(ref, shift));
  }

  /** Inserts cells here, shifting the rest; returns the (new, blank) range at this place. */
  insert(shift: string): FakeRange {
    if (shift !== "Down" && shift !== "Right") fail("InvalidArgument");
    this.queueCall("insert", { shift }, (ref, model) => model.insertCells(ref, shift));
    return this.derived((r) => r);
  }

  select(): void {
    this.selectArea(true);
  }

  /** Selects this range alone (first) or adds it to the selection, as RangeAreas.select does with each area. */
  selectArea(first: boolean): void {
    this.queueCall("select", null, (ref, model) => {
      model.activeSheet = ref.sheet;
      if (first) {
        model.selection = ref;
        model.selectionAreas = [ref];
      } else model.selectionAreas = [...model.selectionAreas, ref];
    });
  }
}

/** Worksheet.getRanges (ExcelApi 1.9): several areas of one sheet, from addresses separated by commas; select() only. */
export class FakeRangeAreas {
  constructor(private readonly areas: FakeRange[]) {}

  select(): void {
    this.areas.forEach((area, i) => area.selectArea(i === 0));
  }
}

function valueType(value: unknown): string {
  if (value === "") return "Empty";
  if (typeof value === "number") return "Double";
  if (typeof value === "boolean") return "Boolean";
  if (typeof value === "string" && /^#[A-Z/0!?]+[!?A]?$/.test(value)) return "Error";
  return "String";
}

export class FakeRangeFormat extends FakeClientObject<RangeRef> {
  protected get typeName(): string {
    return "RangeFormat";
  }
  protected get scalarNames(): readonly string[] {
    return ["wrapText", "columnWidth"];
  }
  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    return name === "font" ? this.font : undefined;
  }
  protected readScalar(ref: RangeRef, name: string, model: WorkbookModel): unknown {
    if (name === "columnWidth") {
      const widths = new Set(Array.from({ length: ref.rect.cols }, (_, i) => ref.sheet.columnWidths.get(ref.rect.col + i) ?? DEFAULT_COLUMN_WIDTH));
      return widths.size === 1 ? [...widths][0] : null;
    }
    return uniform(model.cellsOf(ref, (cell) => cell?.wrapText ?? false));
  }

  get font(): FakeRangeFont {
    return this.child("font", () => new FakeRangeFont(this.context, (model) => this.target(model), this.nullable));
  }
  get wrapText(): boolean | null {
    return this.readLoaded("wrapText");
  }
  set wrapText(value: boolean | null) {
    this.queueWrite("wrapText", value, (ref, model) => model.setFormat(ref, (cell) => ({ ...cell, wrapText: value === true || undefined })));
  }
  get columnWidth(): number | null {
    return this.readLoaded("columnWidth");
  }
  set columnWidth(value: number) {
    this.queueWrite("columnWidth", value, (ref) => {
      for (let i = 0; i < ref.rect.cols; i++) ref.sheet.columnWidths.set(ref.rect.col + i, value);
    });
  }

  /** Widens each column to its longest displayed text: about 7 points a character, as Calibri 11 measures. */
  autofitColumns(): void {
    this.queueCall("autofitColumns", null, (ref, model) => {
      const texts = model.cellsOf(ref, (cell, r, c) => displayText(model.valueAt(ref.sheet, r, c), cell?.numberFormat));
      for (let i = 0; i < ref.rect.cols; i++) {
        const longest = Math.max(0, ...texts.map((line) => line[i]!.length));
        if (longest > 0) ref.sheet.columnWidths.set(ref.rect.col + i, Math.round(longest * 7 + 5));
      }
    });
  }

  autofitRows(): void {
    this.queueCall("autofitRows", null, () => undefined);
  }
}

const DEFAULT_COLUMN_WIDTH = 48;

function uniform<T>(grid: T[][]): T | null {
  const set = new Set(grid.flat());
  return set.size === 1 ? [...set][0]! : null;
}

export class FakeRangeFont extends FakeClientObject<RangeRef> {
  protected get typeName(): string {
    return "RangeFont";
  }
  protected get scalarNames(): readonly string[] {
    return ["bold", "size"];
  }
  protected readScalar(ref: RangeRef, name: string, model: WorkbookModel): unknown {
    return name === "bold" ? uniform(model.cellsOf(ref, (cell) => cell?.bold ?? false)) : uniform(model.cellsOf(ref, (cell) => cell?.fontSize ?? 11));
  }
  get bold(): boolean | null {
    return this.readLoaded("bold");
  }
  set bold(value: boolean) {
    this.queueWrite("bold", value, (ref, model) => model.setFormat(ref, (cell) => ({ ...cell, bold: value || undefined })));
  }
  get size(): number | null {
    return this.readLoaded("size");
  }
  set size(value: number) {
    this.queueWrite("size", value, (ref, model) => model.setFormat(ref, (cell) => ({ ...cell, fontSize: value === 11 ? undefined : value })));
  }
}

/** The range of a table part, for the table proxies. */
export function tablePartRange(context: FakeRequestContext, locate: Locator<RangeRef>, nullable: boolean): FakeRange {
  return new FakeRange(context, locate, nullable);
}

export { tableParts };
