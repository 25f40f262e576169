// The in-memory implementation of the gateway: the browser preview's workbook and the tests'.
import {
  checkRowWidths,
  freeSheetName,
  rowKey,
  WorkbookError,
  type Cell,
  type ChartSpec,
  type ReportSpec,
  type TableData,
  type TableSpec,
  type Workbook,
} from "./gateway";

/** What the preview shows of a report sheet besides its table. */
export interface MemoryReport {
  sheet: string;
  title: string;
  notes: string[];
  chart?: ChartSpec;
}

interface MemoryTable {
  name: string;
  sheet: string;
  headers: string[];
  rows: Cell[][];
}

export class MemoryWorkbook implements Workbook {
  readonly kind = "memory" as const;
  private readonly sheets: string[];
  private readonly tables = new Map<string, MemoryTable>();
  private readonly settings = new Map<string, string>();
  private readonly reports = new Map<string, MemoryReport>();
  private readonly listeners = new Set<() => void>();
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

  async readTable(name: string): Promise<TableData | undefined> {
    const table = this.tables.get(name.toLowerCase());
    return table && structuredClone(table);
  }

  async addTable(spec: TableSpec, sheet: string, rows: readonly Cell[][]): Promise<void> {
    checkRowWidths(spec, rows);
    if (await this.hasSheet(sheet)) throw new WorkbookError(`a sheet named "${sheet}" already exists`);
    if (await this.hasTable(spec.name)) throw new WorkbookError(`a table named "${spec.name}" already exists`);
    this.sheets.push(sheet);
    this.tables.set(spec.name.toLowerCase(), {
      name: spec.name,
      sheet,
      headers: spec.columns.map((c) => c.header),
      rows: structuredClone(rows as Cell[][]),
    });
    this.changed();
  }

  async appendRows(spec: TableSpec, rows: readonly Cell[][]): Promise<void> {
    const name = spec.name;
    const table = this.tables.get(name.toLowerCase());
    if (!table) throw new WorkbookError(`the workbook has no table named "${name}"; use Set up workbook`);
    checkRowWidths({ name, columns: table.headers }, rows);
    table.rows.push(...structuredClone(rows as Cell[][]));
    this.changed();
  }

  async replaceRows(spec: TableSpec, rows: readonly Cell[][]): Promise<void> {
    const table = this.ownTable(spec);
    checkRowWidths({ name: spec.name, columns: table.headers }, rows);
    table.rows = structuredClone(rows as Cell[][]);
    this.changed();
  }

  async upsertRows(spec: TableSpec, key: readonly string[], rows: readonly Cell[][]): Promise<void> {
    const table = this.ownTable(spec);
    checkRowWidths({ name: spec.name, columns: table.headers }, rows);
    const at = new Map(table.rows.map((r, i) => [rowKey(table.headers, key, r), i]));
    for (const row of rows) {
      const i = at.get(rowKey(table.headers, key, row));
      if (i === undefined) table.rows.push(structuredClone(row as Cell[]));
      else table.rows[i] = structuredClone(row as Cell[]);
    }
    this.changed();
  }

  async selectRows(tableName: string, rows: readonly number[]): Promise<void> {
    const table = this.tables.get(tableName.toLowerCase());
    if (!table) throw new WorkbookError(`the workbook has no table named "${tableName}"`);
    this.selection = { table: table.name, rows: [...rows] };
    this.changed();
  }

  /** The rows last selected with selectRows, for the preview and tests. */
  selected(): { table: string; rows: number[] } | undefined {
    return this.selection && structuredClone(this.selection);
  }

  private ownTable(spec: TableSpec): MemoryTable {
    const table = this.tables.get(spec.name.toLowerCase());
    if (!table) throw new WorkbookError(`the workbook has no table named "${spec.name}"; use Set up workbook`);
    return table;
  }

  async writeReport(report: ReportSpec): Promise<string> {
    checkRowWidths(report.table, report.rows);
    const own = this.tables.get(report.table.name.toLowerCase());
    const sheet = own?.sheet ?? (await freeSheetName(this, report.table.sheet));
    if (!own) this.sheets.push(sheet);
    this.tables.set(report.table.name.toLowerCase(), {
      name: report.table.name,
      sheet,
      headers: report.table.columns.map((c) => c.header),
      rows: structuredClone(report.rows as Cell[][]),
    });
    this.reports.set(report.table.name.toLowerCase(), { sheet, title: report.title, notes: [...report.notes], chart: report.chart });
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

  async writeSetting(key: string, value: string): Promise<void> {
    this.settings.set(key, value);
  }

  /** Sheets in order, for the preview's view of the workbook. */
  sheetNames(): string[] {
    return [...this.sheets];
  }

  /** Every table, for the preview's view of the workbook. */
  allTables(): TableData[] {
    return [...this.tables.values()].map((t) => structuredClone(t));
  }

  /** For tests and the preview: change a cell as a person editing the sheet would. */
  editCell(table: string, row: number, column: string, value: Cell): void {
    const t = this.tables.get(table.toLowerCase());
    const c = t?.headers.indexOf(column) ?? -1;
    if (!t || c < 0 || !t.rows[row]) throw new WorkbookError(`no cell ${table}[${column}] row ${row + 1}`);
    t.rows[row]![c] = value;
    this.changed();
  }

  /** For tests and the preview: add a column at the end of a table, as a person widening it would, one value per row. */
  addColumn(table: string, header: string, values: readonly Cell[]): void {
    const t = this.tables.get(table.toLowerCase());
    if (!t) throw new WorkbookError(`the workbook has no table named "${table}"`);
    if (values.length !== t.rows.length) throw new WorkbookError(`${values.length} values for the ${t.rows.length} rows of ${table}`);
    t.headers.push(header);
    t.rows.forEach((r, i) => r.push(values[i] ?? null));
    this.changed();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
