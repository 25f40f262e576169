// Owns the table and chart proxies (TableCollection, Table, TableColumn(s), TableRow(s), Chart(s)) and
// the onChanged event handlers they expose.
import { parseAddress, sheetAddress } from "./address";
import { fail } from "./errors";
import { FakeClientObject, FakeCollection, type EventScope, type FakeRequestContext, type Locator } from "./batch";
import { tableParts, type ChartModel, type ChartSeriesModel, type RangeRef, type SheetModel, type TableColumnModel, type TableModel, type WorkbookModel } from "./model";
import { FakeRange, FakeWorksheet } from "./rangeProxies";

type Handler = (args: unknown) => unknown;

/** OfficeExtension.EventHandlers: handlers are registered (and removed) when the batch is synced. */
export class FakeEventHandlers {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly scope: (model: WorkbookModel) => EventScope,
  ) {}

  private readonly removers = new Map<Handler, () => void>();

  add(handler: Handler): { context: FakeRequestContext; remove: () => void } {
    this.context.enqueue({
      statement: "EventHandlers.add(...)",
      payload: null,
      run: (model) => {
        this.removers.set(handler, this.context.hooks.subscribe(this.scope(model), handler));
      },
    });
    return { context: this.context, remove: () => this.remove(handler) };
  }

  remove(handler: Handler): void {
    this.context.enqueue({
      statement: "EventHandlers.remove(...)",
      payload: null,
      run: () => {
        this.removers.get(handler)?.();
        this.removers.delete(handler);
      },
    });
  }
}

function rangeOf(context: FakeRequestContext, locate: (model: WorkbookModel) => RangeRef | null, nullable: boolean): FakeRange {
  return new FakeRange(context, locate, nullable);
}

// ---------------------------------------------------------------- tables

interface TableScope {
  model: WorkbookModel;
  /** Null for the workbook's collection. */
  sheet: SheetModel | null;
}

export class FakeTableCollection extends FakeCollection<TableScope, FakeTable> {
  protected get typeName(): string {
    return "TableCollection";
  }

  constructor(context: FakeRequestContext, locator: Locator<TableScope>, nullable: boolean) {
    super(context, locator, nullable);
  }

  private tablesIn(scope: TableScope): TableModel[] {
    const all = scope.sheet ? scope.model.tablesOn(scope.sheet) : scope.model.tables;
    // Excel lists a sheet's tables top-to-bottom, then left-to-right; the workbook's in creation order.
    return scope.sheet ? [...all].sort((a, b) => a.row - b.row || a.col - b.col) : all;
  }

  protected listItems(scope: TableScope): FakeTable[] {
    return this.tablesIn(scope).map((t) => new FakeTable(this.context, () => t, false));
  }

  private find(scope: TableScope, key: string): TableModel | null {
    const t = scope.model.findTable(key);
    return t && (!scope.sheet || t.sheet === scope.sheet) ? t : null;
  }

  getItem(key: string): FakeTable {
    return new FakeTable(this.context, (model) => {
      const scope = this.target(model);
      return (scope && this.find(scope, key)) ?? fail("ItemNotFound");
    }, this.nullable);
  }

  getItemOrNullObject(key: string): FakeTable {
    return new FakeTable(this.context, (model) => {
      const scope = this.target(model);
      return scope && this.find(scope, key);
    }, true);
  }

  getItemAt(index: number): FakeTable {
    return new FakeTable(this.context, (model) => {
      const scope = this.target(model);
      return (scope && this.tablesIn(scope)[index]) ?? fail("ItemNotFound");
    }, this.nullable);
  }

  /** Creates the table when the batch reaches this call; a string address may name its sheet ("Sheet1!A1:C1"). */
  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    let created: TableModel | null = null;
    this.queueCall("add", { address: typeof address === "string" ? address : "<Range>", hasHeaders }, (scope, model) => {
      created = model.addTable(resolveAddress(model, scope, address), hasHeaders);
    });
    return new FakeTable(this.context, () => created, false);
  }

  get onChanged(): FakeEventHandlers {
    return this.child("onChanged", () => new FakeEventHandlers(this.context, (model) => {
      const scope = this.require(model);
      return scope.sheet ? { kind: "sheet", id: scope.sheet.id } : { kind: "workbook" };
    }));
  }
}

function resolveAddress(model: WorkbookModel, scope: TableScope, address: FakeRange | string): RangeRef {
  if (typeof address !== "string") return address.require(model);
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: scope.sheet ?? model.activeSheet ?? fail("ItemNotFound"), rect: parseAddress(address) };
  const sheetPart = address.slice(0, bang);
  const name = sheetPart.startsWith("'") ? sheetPart.slice(1, -1).replace(/''/g, "'") : sheetPart;
  return { sheet: model.requireSheet(name), rect: parseAddress(address.slice(bang + 1)) };
}

const TABLE_SCALARS = ["name", "id", "showHeaders", "showTotals", "style", "legacyId"] as const;

export class FakeTable extends FakeClientObject<TableModel> {
  protected get typeName(): string {
    return "Table";
  }
  protected get scalarNames(): readonly string[] {
    return TABLE_SCALARS;
  }
  protected override stillExists(t: TableModel, model: WorkbookModel): boolean {
    return model.isAlive(t);
  }
  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    return name === "worksheet" ? this.worksheet : undefined;
  }
  protected readScalar(t: TableModel, name: string): unknown {
    if (name === "style") return "TableStyleMedium2";
    if (name === "legacyId") return t.id.replace(/\D/g, "").replace(/^0+/, "");
    return t[name as "name" | "id" | "showHeaders" | "showTotals"];
  }

  get name(): string {
    return this.readLoaded("name");
  }
  set name(value: string) {
    this.queueWrite("name", value, (t, model) => model.renameTable(t, value));
  }
  get id(): string {
    return this.readLoaded("id");
  }
  get showHeaders(): boolean {
    return this.readLoaded("showHeaders");
  }
  set showHeaders(value: boolean) {
    this.queueWrite("showHeaders", value, (t, model) => model.setShowHeaders(t, value));
  }
  get showTotals(): boolean {
    return this.readLoaded("showTotals");
  }
  set showTotals(value: boolean) {
    this.queueWrite("showTotals", value, (t, model) => model.setShowTotals(t, value));
  }
  get style(): string {
    return this.readLoaded("style");
  }
  set style(value: string) {
    this.queueWrite("style", value, () => undefined);
  }

  get worksheet(): FakeWorksheet {
    return this.child("worksheet", () => new FakeWorksheet(this.context, (model) => this.target(model)?.sheet ?? null, this.nullable));
  }
  get columns(): FakeTableColumnCollection {
    return this.child("columns", () => new FakeTableColumnCollection(this.context, (model) => this.target(model), this.nullable));
  }
  get rows(): FakeTableRowCollection {
    return this.child("rows", () => new FakeTableRowCollection(this.context, (model) => this.target(model), this.nullable));
  }

  private part(pick: (t: TableModel) => RangeRef["rect"] | null): FakeRange {
    return rangeOf(this.context, (model) => {
      const t = this.target(model);
      if (!t) return null;
      return { sheet: t.sheet, rect: pick(t) ?? fail("ItemNotFound") };
    }, this.nullable);
  }

  getRange(): FakeRange {
    return this.part((t) => tableParts(t).range);
  }
  getHeaderRowRange(): FakeRange {
    return this.part((t) => tableParts(t).header);
  }
  getDataBodyRange(): FakeRange {
    return this.part((t) => tableParts(t).body);
  }
  getTotalRowRange(): FakeRange {
    return this.part((t) => tableParts(t).totals);
  }

  resize(newRange: FakeRange | string): void {
    this.queueCall("resize", { newRange: typeof newRange === "string" ? newRange : "<Range>" }, (t, model) =>
      model.resizeTable(t, resolveAddress(model, { model, sheet: t.sheet }, newRange)),
    );
  }

  delete(): void {
    this.queueCall("delete", null, (t, model) => model.deleteTable(t));
  }

  convertToRange(): FakeRange {
    const range = this.getRange();
    this.queueCall("convertToRange", null, (t, model) => {
      model.tables = model.tables.filter((x) => x !== t);
    });
    return range;
  }

  get onChanged(): FakeEventHandlers {
    return this.child("onChanged", () => new FakeEventHandlers(this.context, (model) => ({ kind: "table", id: this.require(model).id })));
  }
}

// ---------------------------------------------------------------- table columns

interface ColumnRef {
  table: TableModel;
  column: TableColumnModel;
}

export class FakeTableColumnCollection extends FakeCollection<TableModel, FakeTableColumn> {
  protected get typeName(): string {
    return "TableColumnCollection";
  }

  protected listItems(t: TableModel): FakeTableColumn[] {
    return t.columns.map((column) => new FakeTableColumn(this.context, () => ({ table: t, column }), false));
  }

  private column(key: number | string, nullable: boolean): FakeTableColumn {
    return new FakeTableColumn(this.context, (model) => {
      const t = this.target(model);
      if (!t) return null;
      const lower = String(key).toLowerCase();
      const column = typeof key === "number" ? t.columns.find((c) => c.id === key) : t.columns.find((c) => c.name.toLowerCase() === lower || String(c.id) === key);
      return column ? { table: t, column } : nullable ? null : fail("ItemNotFound");
    }, nullable || this.nullable);
  }

  getItem(key: number | string): FakeTableColumn {
    return this.column(key, false);
  }
  getItemOrNullObject(key: number | string): FakeTableColumn {
    return this.column(key, true);
  }
  getItemAt(index: number): FakeTableColumn {
    return new FakeTableColumn(this.context, (model) => {
      const t = this.target(model);
      const column = t?.columns[index];
      return t && (column ? { table: t, column } : fail("InvalidArgument"));
    }, this.nullable);
  }

  add(index?: number | null, values?: unknown, name?: string | null): FakeTableColumn {
    let created: ColumnRef | null = null;
    this.queueCall("add", { index, values, name }, (t, model) => {
      const at = model.addColumn(t, index, values, name);
      created = { table: t, column: t.columns[at]! };
    });
    return new FakeTableColumn(this.context, () => created, false);
  }
}

export class FakeTableColumn extends FakeClientObject<ColumnRef> {
  protected get typeName(): string {
    return "TableColumn";
  }
  protected get scalarNames(): readonly string[] {
    return ["name", "index", "id", "values"];
  }
  protected override stillExists(ref: ColumnRef, model: WorkbookModel): boolean {
    return model.isAlive(ref.table) && ref.table.columns.includes(ref.column);
  }
  protected readScalar(ref: ColumnRef, name: string, model: WorkbookModel): unknown {
    if (name === "index") return ref.table.columns.indexOf(ref.column);
    if (name === "values") return model.values({ sheet: ref.table.sheet, rect: this.rect(ref, "range")! });
    return ref.column[name as "name" | "id"];
  }

  private rect(ref: ColumnRef, part: "range" | "header" | "body" | "totals"): RangeRef["rect"] | null {
    const r = tableParts(ref.table)[part];
    return r && { ...r, col: r.col + ref.table.columns.indexOf(ref.column), cols: 1 };
  }

  get name(): string {
    return this.readLoaded("name");
  }
  set name(value: string) {
    this.queueWrite("name", value, (ref, model) => model.renameColumn(ref.table, ref.table.columns.indexOf(ref.column), value));
  }
  get index(): number {
    return this.readLoaded("index");
  }
  get id(): number {
    return this.readLoaded("id");
  }
  get values(): unknown[][] {
    return this.readLoaded("values");
  }

  private part(part: "range" | "header" | "body" | "totals"): FakeRange {
    return rangeOf(this.context, (model) => {
      const ref = this.target(model);
      return ref && { sheet: ref.table.sheet, rect: this.rect(ref, part) ?? fail("ItemNotFound") };
    }, this.nullable);
  }

  getRange(): FakeRange {
    return this.part("range");
  }
  getHeaderRowRange(): FakeRange {
    return this.part("header");
  }
  getDataBodyRange(): FakeRange {
    return this.part("body");
  }
  getTotalRowRange(): FakeRange {
    return this.part("totals");
  }

  delete(): void {
    this.queueCall("delete", null, (ref, model) => model.deleteColumn(ref.table, ref.table.columns.indexOf(ref.column)));
  }
}

// ---------------------------------------------------------------- table rows

interface RowRef {
  table: TableModel;
  index: number;
}

export class FakeTableRowCollection extends FakeCollection<TableModel, FakeTableRow> {
  protected get typeName(): string {
    return "TableRowCollection";
  }

  protected listItems(t: TableModel): FakeTableRow[] {
    return Array.from({ length: t.bodyRows }, (_, index) => new FakeTableRow(this.context, () => ({ table: t, index }), false));
  }

  getItemAt(index: number): FakeTableRow {
    return new FakeTableRow(this.context, (model) => {
      const t = this.target(model);
      return t && (Number.isInteger(index) && index >= 0 && index < t.bodyRows ? { table: t, index } : fail("InvalidArgument"));
    }, this.nullable);
  }

  add(index?: number | null, values?: unknown, alwaysInsert?: boolean): FakeTableRow {
    let created: RowRef | null = null;
    this.queueCall("add", { index, values, alwaysInsert }, (t, model) => {
      const added = model.addRows(t, index, values);
      created = { table: t, index: added.row - tableParts(t).body.row };
    });
    return new FakeTableRow(this.context, () => created, false);
  }

  deleteRowsAt(index: number, count = 1): void {
    this.queueCall("deleteRowsAt", { index, count }, (t, model) => model.deleteRows(t, index, count));
  }

  /** Deletes rows by index (or row object), highest first so the indexes stay right. */
  deleteRows(rows: Array<number | FakeTableRow>): void {
    this.queueCall("deleteRows", { rows: rows.length }, (t, model) => {
      const indexes = rows.map((r) => (typeof r === "number" ? r : r.require(model).index)).sort((a, b) => b - a);
      if (new Set(indexes).size !== indexes.length) fail("InvalidArgument");
      for (const i of indexes) model.deleteRows(t, i, 1);
    });
  }
}

export class FakeTableRow extends FakeClientObject<RowRef> {
  protected get typeName(): string {
    return "TableRow";
  }
  protected get scalarNames(): readonly string[] {
    return ["index", "values"];
  }
  protected override stillExists(ref: RowRef, model: WorkbookModel): boolean {
    return model.isAlive(ref.table) && ref.index < ref.table.bodyRows;
  }
  private rect(ref: RowRef): RangeRef["rect"] {
    const { body } = tableParts(ref.table);
    return { ...body, row: body.row + ref.index, rows: 1 };
  }
  protected readScalar(ref: RowRef, name: string, model: WorkbookModel): unknown {
    return name === "index" ? ref.index : model.values({ sheet: ref.table.sheet, rect: this.rect(ref) });
  }

  get index(): number {
    return this.readLoaded("index");
  }
  get values(): unknown[][] {
    return this.readLoaded("values");
  }
  set values(data: unknown[][]) {
    this.queueWrite("values", data, (ref, model) => model.write({ sheet: ref.table.sheet, rect: this.rect(ref) }, "values", data));
  }

  getRange(): FakeRange {
    return rangeOf(this.context, (model) => {
      const ref = this.target(model);
      return ref && { sheet: ref.table.sheet, rect: this.rect(ref) };
    }, this.nullable);
  }

  delete(): void {
    this.queueCall("delete", null, (ref, model) => model.deleteRows(ref.table, ref.index, 1));
  }
}

// ---------------------------------------------------------------- charts

export class FakeChartCollection extends FakeCollection<SheetModel, FakeChart> {
  protected get typeName(): string {
    return "ChartCollection";
  }

  protected listItems(sheet: SheetModel, model: WorkbookModel): FakeChart[] {
    return model.charts.filter((c) => c.sheet === sheet).map((c) => new FakeChart(this.context, () => c, false));
  }

  private byName(key: string, nullable: boolean): FakeChart {
    return new FakeChart(this.context, (model) => {
      const sheet = this.target(model);
      if (!sheet) return null;
      const chart = model.charts.find((c) => c.sheet === sheet && (c.name === key || c.id === key));
      return chart ?? (nullable ? null : fail("ItemNotFound"));
    }, nullable || this.nullable);
  }

  getItem(name: string): FakeChart {
    return this.byName(name, false);
  }
  getItemOrNullObject(name: string): FakeChart {
    return this.byName(name, true);
  }
  getItemAt(index: number): FakeChart {
    return new FakeChart(this.context, (model) => {
      const sheet = this.target(model);
      return sheet && (model.charts.filter((c) => c.sheet === sheet)[index] ?? fail("InvalidArgument"));
    }, this.nullable);
  }

  add(type: string, sourceData: FakeRange, seriesBy: string = "Auto"): FakeChart {
    let created: ChartModel | null = null;
    this.queueCall("add", { type, seriesBy }, (sheet, model) => {
      created = model.addChart(sheet, type, sourceData.require(model), seriesBy);
    });
    return new FakeChart(this.context, () => created, false);
  }
}

export class FakeChart extends FakeClientObject<ChartModel> {
  protected get typeName(): string {
    return "Chart";
  }
  protected get scalarNames(): readonly string[] {
    return ["name", "id", "chartType"];
  }
  protected override stillExists(chart: ChartModel, model: WorkbookModel): boolean {
    return model.isAlive(chart);
  }
  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    if (name === "title") return this.title;
    if (name === "legend") return this.legend;
    return undefined;
  }
  protected readScalar(chart: ChartModel, name: string): unknown {
    return name === "chartType" ? chart.type : chart[name as "name" | "id"];
  }

  get name(): string {
    return this.readLoaded("name");
  }
  set name(value: string) {
    this.queueWrite("name", value, (chart) => {
      chart.name = value;
    });
  }
  get id(): string {
    return this.readLoaded("id");
  }
  get chartType(): string {
    return this.readLoaded("chartType");
  }
  get title(): FakeChartPart {
    return this.child("title", () => new FakeChartPart(this.context, (model) => this.target(model), this.nullable, "ChartTitle", "text"));
  }
  get legend(): FakeChartPart {
    return this.child("legend", () => new FakeChartPart(this.context, (model) => this.target(model), this.nullable, "ChartLegend", "visible"));
  }
  get series(): FakeChartSeriesCollection {
    return this.child("series", () => new FakeChartSeriesCollection(this.context, (model) => this.target(model), this.nullable));
  }

  setPosition(startCell: FakeRange | string, endCell?: FakeRange | string): void {
    const address = (cell: FakeRange | string | undefined, model: WorkbookModel): string | undefined =>
      cell === undefined || typeof cell === "string" ? cell : rangeAddress(cell.require(model));
    this.queueCall("setPosition", null, (chart, model) => {
      chart.position = { start: address(startCell, model)!, end: address(endCell, model) };
    });
  }

  delete(): void {
    this.queueCall("delete", null, (chart, model) => model.deleteChart(chart));
  }
}

function rangeAddress(ref: RangeRef): string {
  return sheetAddress(ref.sheet.name, ref.rect);
}

/** ChartTitle.text and ChartLegend.visible: one property each is all the fake keeps. */
export class FakeChartPart extends FakeClientObject<ChartModel> {
  constructor(
    context: FakeRequestContext,
    locator: Locator<ChartModel>,
    nullable: boolean,
    private readonly kind: "ChartTitle" | "ChartLegend",
    private readonly property: "text" | "visible",
  ) {
    super(context, locator, nullable);
  }
  protected get typeName(): string {
    return this.kind;
  }
  protected get scalarNames(): readonly string[] {
    return [this.property];
  }
  protected readScalar(chart: ChartModel): unknown {
    return this.property === "text" ? chart.title : chart.legendVisible;
  }
  get text(): string {
    return this.readLoaded("text");
  }
  set text(value: string) {
    this.queueWrite("text", value, (chart) => {
      chart.title = value;
    });
  }
  get visible(): boolean {
    return this.readLoaded("visible");
  }
  set visible(value: boolean) {
    this.queueWrite("visible", value, (chart) => {
      chart.legendVisible = value;
    });
  }
}

interface SeriesRef {
  chart: ChartModel;
  series: ChartSeriesModel;
}

export class FakeChartSeriesCollection extends FakeCollection<ChartModel, FakeChartSeries> {
  protected get typeName(): string {
    return "ChartSeriesCollection";
  }
  protected listItems(chart: ChartModel): FakeChartSeries[] {
    return chart.series.map((series) => new FakeChartSeries(this.context, () => ({ chart, series }), false));
  }
  getItemAt(index: number): FakeChartSeries {
    return new FakeChartSeries(this.context, (model) => {
      const chart = this.target(model);
      const series = chart?.series[index];
      return chart && (series ? { chart, series } : fail("InvalidArgument"));
    }, this.nullable);
  }
}

export class FakeChartSeries extends FakeClientObject<SeriesRef> {
  protected get typeName(): string {
    return "ChartSeries";
  }
  protected get scalarNames(): readonly string[] {
    return ["name"];
  }
  protected readScalar(ref: SeriesRef): unknown {
    return ref.series.name;
  }
  get name(): string {
    return this.readLoaded("name");
  }
  set name(value: string) {
    this.queueWrite("name", value, (ref) => {
      ref.series.name = value;
    });
  }
  setXAxisValues(sourceData: FakeRange): void {
    this.queueCall("setXAxisValues", null, (ref, model) => {
      ref.series.xValuesAddress = rangeAddress(sourceData.require(model));
    });
  }
}
