// The in-memory implementation of the gateway: the browser preview's workbook and the tests'. It keeps what Excel
// keeps that the add-in must respect: columns a person added or moved, blank rows, formulas in cells.
import {
  checkRowWidths,
  columnPositions,
  freeSheetName,
  isBlankRow,
  missingTable,
  recordOf,
  rowKey,
  sameCell,
  settingNotSaved,
  SETTINGS_LIMIT_BYTES,
  WorkbookError,
  type Cell,
  type ChartSpec,
  type ColumnKind,
  type ColumnSpec,
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

/** What the preview shows of a report sheet besides its table. */
export interface MemoryReport {
  sheet: string;
  title: string;
  headline?: string[];
  notes: string[];
  /** The add-in's columns as the report gave them (formats and widths for the page). */
  columns: ColumnSpec[];
  totals?: Cell[];
  chart?: ChartSpec;
  pageLayout?: ReportPageLayout;
}

/** A cell as the workbook holds it: its value, and the formula that computes it when there is one. */
interface MemoryCell {
  value: Cell;
  formula?: string;
}

interface MemoryTable {
  name: string;
  sheet: string;
  headers: string[];
  rows: MemoryCell[][];
  /** The add-in's columns' kinds by header, for number formats (a person's columns have none). */
  kinds: Map<string, ColumnKind>;
}

const kindsOf = (spec: TableSpec) => new Map(spec.columns.map((c) => [c.header, c.kind] as const));

const cellOf = (value: Cell | undefined): MemoryCell => ({ value: value ?? null });
const valuesOf = (row: readonly MemoryCell[]): Cell[] => row.map((c) => c.value);
/** As Excel reads a cell: a blank one is "". */
const readOf = (row: readonly MemoryCell[]): Cell[] => row.map((c) => c.value ?? "");

export class MemoryWorkbook implements Workbook {
  readonly kind = "memory" as const;
  private readonly sheets: string[];
  private readonly tables = new Map<string, MemoryTable>();
  private readonly settings = new Map<string, string>();
  private readonly reports = new Map<string, MemoryReport>();
  private readonly listeners = new Set<() => void>();
  private readonly settingsListeners = new Set<() => void>();
  private selection: { table: string; rows: number[] } | undefined;

  constructor(sheets: string[] = ["Sheet1"]) {
    this.sheets = [...sheets];
  }

  async hasSheet(name: string): Promise<boolean> {
    return this.sheets.some((s) => s.toLowerCase() === name.toLowerCase());
  }

  async hasTable(name: string): Promise<boolean> {
    return this.tables.has(name.toLowerCase());
  }

  async missingTables(names: readonly string[]): Promise<string[]> {
    return names.filter((n) => !this.tables.has(n.toLowerCase()));
  }

  async readTable(name: string): Promise<TableData | undefined> {
    const table = this.tables.get(name.toLowerCase());
    if (!table) return undefined;
    return { name: table.name, sheet: table.sheet, headers: [...table.headers], rows: table.rows.map(readOf).filter((r) => !isBlankRow(r)) };
  }

  async addTables(tables: readonly NewTable[]): Promise<CreatedTables> {
    tables.forEach((t) => checkRowWidths(t.spec, t.rows));
    const result: CreatedTables = { created: [], kept: [] };
    for (const { spec, sheet: wanted, rows } of tables) {
      if (this.tables.has(spec.name.toLowerCase())) {
        result.kept.push(spec.name);
        continue;
      }
      const sheet = await freeSheetName(this, wanted);
      this.sheets.push(sheet);
      this.tables.set(spec.name.toLowerCase(), { name: spec.name, sheet, headers: spec.columns.map((c) => c.header), rows: rows.map((r) => r.map(cellOf)), kinds: kindsOf(spec) });
      result.created.push({ table: spec.name, sheet });
    }
    this.changed();
    return result;
  }

  async appendRows(spec: TableSpec, rows: readonly Cell[][], options: AppendOptions = {}): Promise<void> {
    checkRowWidths(spec, rows);
    const table = this.ownTable(spec.name);
    const at = columnPositions(spec, table.headers);
    const last = table.rows.at(-1);
    options.checkLast?.(last && recordOf(spec, at, readOf(last)));
    if (rows.length === 0) return;
    table.rows.push(...rows.map((row) => this.newRow(table, at, row)));
    options.progress?.(rows.length, rows.length);
    this.changed();
  }

  async replaceRows(spec: TableSpec, rows: readonly Cell[][], remove: (row: RowRecord) => boolean = () => true, progress?: Progress): Promise<void> {
    checkRowWidths(spec, rows);
    const table = this.ownTable(spec.name);
    const at = columnPositions(spec, table.headers);
    const kept = table.rows.filter((r) => {
      const values = readOf(r);
      return isBlankRow(values) || !remove(recordOf(spec, at, values));
    });
    table.rows = [...kept, ...rows.map((row) => this.newRow(table, at, row))];
    if (rows.length > 0) progress?.(rows.length, rows.length);
    this.changed();
  }

  async upsertRows(spec: TableSpec, key: readonly string[], rows: readonly Cell[][]): Promise<void> {
    checkRowWidths(spec, rows);
    const table = this.ownTable(spec.name);
    const at = columnPositions(spec, table.headers);
    const specHeaders = spec.columns.map((c) => c.header);
    const index = new Map(table.rows.map((r, i) => [rowKey(table.headers, key, valuesOf(r)), i]));
    for (const row of rows) {
      const i = index.get(rowKey(specHeaders, key, row));
      if (i === undefined) {
        index.set(rowKey(specHeaders, key, row), table.rows.length);
        table.rows.push(this.newRow(table, at, row));
        continue;
      }
      const target = table.rows[i]!;
      // Only what changes is written: a formula in a cell whose value stays is left as it is.
      at.forEach((c, j) => {
        if (!sameCell(target[c]!.value, row[j])) target[c] = cellOf(row[j]);
      });
    }
    this.changed();
  }

  async selectRows(tableName: string, rows: readonly number[]): Promise<void> {
    const table = this.ownTable(tableName);
    this.selection = { table: table.name, rows: [...rows] };
    this.changed();
  }

  /** The rows last selected with selectRows (in readTable's order), for the preview and tests. */
  selected(): { table: string; rows: number[] } | undefined {
    return this.selection && structuredClone(this.selection);
  }

  private ownTable(name: string): MemoryTable {
    const table = this.tables.get(name.toLowerCase());
    if (!table) throw missingTable(name);
    return table;
  }

  /** A new data row: the spec's cells in their columns, the columns a person added left blank. */
  private newRow(table: MemoryTable, at: readonly number[], row: readonly Cell[]): MemoryCell[] {
    const cells = table.headers.map(() => cellOf(null));
    at.forEach((c, j) => (cells[c] = cellOf(row[j])));
    return cells;
  }

  async writeReport(report: ReportSpec): Promise<string> {
    checkRowWidths(report.table, report.rows);
    const spec = report.table;
    const own = this.tables.get(spec.name.toLowerCase());
    let sheet: string;
    if (own) {
      // In place: the table keeps its sheet, its name and any column a person added; the add-in's columns are rewritten.
      sheet = own.sheet;
      own.kinds = kindsOf(spec);
      for (const c of spec.columns) if (!own.headers.some((h) => h.trim().toLowerCase() === c.header.toLowerCase())) {
        own.headers.push(c.header);
        own.rows.forEach((r) => r.push(cellOf(null)));
      }
      const at = columnPositions(spec, own.headers);
      // A person's cells stay with their row, matched by the report's first column.
      const theirs = new Map<string, MemoryCell[]>();
      for (const r of own.rows) {
        const key = String(r[at[0]!]!.value ?? "");
        if (!theirs.has(key)) theirs.set(key, r);
      }
      own.rows = report.rows.map((row) => {
        const before = theirs.get(String(row[0] ?? ""));
        const cells = own.headers.map((_h, c) => (before && !at.includes(c) ? { ...before[c]! } : cellOf(null)));
        at.forEach((c, j) => (cells[c] = cellOf(row[j])));
        return cells;
      });
    } else {
      sheet = await freeSheetName(this, spec.sheet);
      this.sheets.push(sheet);
      this.tables.set(spec.name.toLowerCase(), { name: spec.name, sheet, headers: spec.columns.map((c) => c.header), rows: report.rows.map((r) => r.map(cellOf)), kinds: kindsOf(spec) });
    }
    this.reports.set(spec.name.toLowerCase(), {
      sheet,
      title: report.title,
      ...(report.headline !== undefined && { headline: [...report.headline] }),
      notes: [...report.notes],
      columns: spec.columns.map((c) => ({ ...c })),
      ...(report.totals && { totals: [...report.totals] }),
      chart: report.chart,
      ...(report.pageLayout && { pageLayout: structuredClone(report.pageLayout) }),
    });
    this.changed();
    return sheet;
  }

  /** The report written with a table, for the preview and tests. */
  reportOf(tableName: string): MemoryReport | undefined {
    return this.reports.get(tableName.toLowerCase());
  }

  async readSetting(key: string): Promise<string | undefined> {
    return this.settings.get(key);
  }

  async updateSetting(key: string, update: (stored: string | undefined) => string): Promise<string> {
    return (await this.updateSettings([key], (stored) => ({ [key]: update(stored[key]) })))[key]!;
  }

  async updateSettings(keys: readonly string[], update: (stored: Record<string, string | undefined>) => Record<string, string>): Promise<Record<string, string>> {
    const changed = update(Object.fromEntries(keys.map((k) => [k, this.settings.get(k)])));
    const all = new Map(this.settings);
    for (const [k, v] of Object.entries(changed)) all.set(k, v);
    const bytes = new TextEncoder().encode(JSON.stringify(Object.fromEntries([...all].map(([k, v]) => [k, JSON.stringify(v)])))).length;
    if (bytes > SETTINGS_LIMIT_BYTES) {
      const [key, next] = Object.entries(changed).sort((a, b) => b[1].length - a[1].length)[0]!;
      throw settingNotSaved(key, next, `the workbook's settings would be ${(bytes / 1024 / 1024).toFixed(1)} MB; Excel keeps at most 2 MB`);
    }
    for (const [k, v] of Object.entries(changed)) this.settings.set(k, v);
    return changed;
  }

  /** Sheets in order, for the preview's view of the workbook. */
  sheetNames(): string[] {
    return [...this.sheets];
  }

  /** Every table with every row (blank ones too), for the preview's view of the workbook. */
  allTables(): TableData[] {
    return [...this.tables.values()].map((t) => ({ name: t.name, sheet: t.sheet, headers: [...t.headers], rows: t.rows.map(valuesOf) }));
  }

  /** Each column's kind (the add-in's columns; undefined for a person's), for number formats in the preview's .xlsx. */
  columnKinds(table: string): (ColumnKind | undefined)[] {
    const t = this.ownTable(table);
    return t.headers.map((h) => t.kinds.get(h));
  }

  /** A table's formulas by row and column ("" where a cell holds a plain value), for tests. */
  formulasOf(table: string): string[][] {
    return this.ownTable(table).rows.map((r) => r.map((c) => c.formula ?? ""));
  }

  // What a person (or a co-author) does in the grid, for the preview and tests.

  /** Changes a cell (0-based data row, by header) as a person editing the sheet would. */
  editCell(table: string, row: number, column: string, value: Cell): void {
    this.setCell(table, row, column, { value });
  }

  /** Puts a formula in a cell, with the value Excel would compute for it. */
  setFormula(table: string, row: number, column: string, formula: string, value: Cell): void {
    this.setCell(table, row, column, { value, formula });
  }

  private setCell(table: string, row: number, column: string, cell: MemoryCell): void {
    const t = this.tables.get(table.toLowerCase());
    const c = t?.headers.indexOf(column) ?? -1;
    if (!t || c < 0 || !t.rows[row]) throw new WorkbookError(`no cell ${table}[${column}] row ${row + 1}`);
    t.rows[row]![c] = cell;
    this.changed();
  }

  /** Inserts a column into a table (at the end when `at` is left out), as a person widening it would, one value per row. */
  addColumn(table: string, header: string, values: readonly Cell[], at?: number): void {
    const t = this.ownTable(table);
    if (values.length !== t.rows.length) throw new WorkbookError(`${values.length} values for the ${t.rows.length} rows of ${table}`);
    const i = at ?? t.headers.length;
    t.headers.splice(i, 0, header);
    t.rows.forEach((r, k) => r.splice(i, 0, cellOf(values[k])));
    this.changed();
  }

  /** Puts a table's columns in a new order (every header once), as a person dragging them would. */
  reorderColumns(table: string, headers: readonly string[]): void {
    const t = this.ownTable(table);
    const order = headers.map((h) => t.headers.indexOf(h));
    if (order.some((i) => i < 0) || new Set(order).size !== t.headers.length) throw new WorkbookError(`${headers.join(", ")} is not an order of ${table}'s columns`);
    t.headers = order.map((i) => t.headers[i]!);
    t.rows = t.rows.map((r) => order.map((i) => r[i]!));
    this.changed();
  }

  /** Renames a column's header, as a person typing over it would. */
  renameColumn(table: string, from: string, to: string): void {
    const t = this.ownTable(table);
    const i = t.headers.indexOf(from);
    if (i < 0) throw new WorkbookError(`${table} has no "${from}" column`);
    t.headers[i] = to;
    this.changed();
  }

  /** Inserts a blank data row before row `at` (0-based), as a person inserting a table row would. */
  insertBlankRow(table: string, at: number): void {
    const t = this.ownTable(table);
    t.rows.splice(at, 0, t.headers.map(() => cellOf(null)));
    this.changed();
  }

  /** Deletes a table (its sheet stays), as a person converting it to a range and clearing it would. */
  deleteTable(table: string): void {
    this.ownTable(table);
    this.tables.delete(table.toLowerCase());
    this.reports.delete(table.toLowerCase());
    this.changed();
  }

  /** Stores a setting as another copy of the add-in (a co-author's) saved it; the add-in itself writes through updateSetting. */
  async writeSetting(key: string, value: string): Promise<void> {
    this.settings.set(key, value);
    for (const l of this.settingsListeners) l();
  }

  onSettingsChange(listener: () => void): () => void {
    this.settingsListeners.add(listener);
    return () => this.settingsListeners.delete(listener);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
