// The gateway to the workbook: what the task pane may ask of a workbook, whichever implementation serves it.

export type Cell = string | number | boolean | null;

export type ColumnKind = "text" | "number" | "money" | "percent" | "boolean";

export interface ColumnSpec {
  header: string;
  kind: ColumnKind;
}

/** One of the add-in's own tables: the only places it ever writes. */
export interface TableSpec {
  /** Excel table name (no spaces), e.g. ICS_DecisionLog. */
  name: string;
  /** The sheet set-up creates for it. */
  sheet: string;
  columns: readonly ColumnSpec[];
}

export interface TableData {
  name: string;
  sheet: string;
  headers: string[];
  rows: Cell[][];
}

/** A native chart of one table column against another. */
export interface ChartSpec {
  title: string;
  type: "bar" | "column";
  /** Header of the column that names the categories (e.g. Organisation). */
  categories: string;
  /** Header of the column holding the values. */
  values: string;
}

/**
 * A report the add-in writes on its own sheet: a title, a few lines of notes,
 * a table and optionally a chart. The sheet holding the report's table is the
 * report sheet; writing again replaces that sheet and nothing else.
 */
export interface ReportSpec {
  table: TableSpec;
  title: string;
  notes: readonly string[];
  rows: readonly Cell[][];
  chart?: ChartSpec;
}

export interface Workbook {
  /** "excel" inside Excel; "memory" in the browser preview and tests. */
  readonly kind: "excel" | "memory";
  hasSheet(name: string): Promise<boolean>;
  hasTable(name: string): Promise<boolean>;
  /** The table's header and data rows; undefined when the workbook has no such table. */
  readTable(name: string): Promise<TableData | undefined>;
  /** Creates a new sheet holding a new table; fails rather than touch an existing sheet or table. */
  addTable(spec: TableSpec, sheet: string, rows: readonly Cell[][]): Promise<void>;
  /** Appends rows to one of the add-in's tables, formatted by its column kinds. */
  appendRows(spec: TableSpec, rows: readonly Cell[][]): Promise<void>;
  /** Replaces every data row of one of the add-in's tables, e.g. plan lines merged from partners' returns. */
  replaceRows(spec: TableSpec, rows: readonly Cell[][]): Promise<void>;
  /**
   * Updates the data rows of one of the add-in's tables whose key columns match a given row (text compared
   * trimmed and case-blind), and appends the rows that match none; every other row is left as it is.
   */
  upsertRows(spec: TableSpec, key: readonly string[], rows: readonly Cell[][]): Promise<void>;
  /** Selects data rows of an add-in table in the sheet (0-based, in readTable's order), to show where figures come from. */
  selectRows(tableName: string, rows: readonly number[]): Promise<void>;
  /** Writes a report on the add-in's own report sheet (see ReportSpec); resolves to the sheet's name. */
  writeReport(report: ReportSpec): Promise<string>;
  /** Settings stored with the document (they travel with the file). */
  readSetting(key: string): Promise<string | undefined>;
  writeSetting(key: string, value: string): Promise<void>;
  /**
   * Calls the listener after the add-in's tables change, whether the add-in or a person in the grid changed them;
   * resolves nothing, returns the way to stop listening. Listeners debounce: one edit may notify more than once.
   */
  onChange(listener: () => void): () => void;
}

export class WorkbookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkbookError";
  }
}

/** Number formats per column kind, so text stays text (a timestamp is not turned into a date). */
export const NUMBER_FORMAT: Record<ColumnKind, string> = {
  text: "@",
  number: "General",
  money: "£#,##0.00;-£#,##0.00",
  percent: "0.0%",
  boolean: "General",
};

/** The first free sheet name: "ICS Partners", else "ICS Partners (2)", ... */
export async function freeSheetName(workbook: Pick<Workbook, "hasSheet">, wanted: string): Promise<string> {
  if (!(await workbook.hasSheet(wanted))) return wanted;
  for (let n = 2; ; n++) {
    const candidate = `${wanted} (${n})`;
    if (!(await workbook.hasSheet(candidate))) return candidate;
  }
}

/** A row's key for upsertRows: its key columns' cells, trimmed and case-blind. */
export function rowKey(headers: readonly string[], key: readonly string[], row: readonly Cell[]): string {
  return key
    .map((k) => {
      const i = headers.findIndex((h) => h.trim().toLowerCase() === k.toLowerCase());
      if (i < 0) throw new WorkbookError(`the table has no "${k}" column to match rows by`);
      return String(row[i] ?? "").trim().toLowerCase();
    })
    .join("\u0000");
}

/** Where a report's table starts: below the title, the notes and a blank row. */
export const reportTableRow = (report: ReportSpec) => report.notes.length + 2;

export function checkRowWidths(spec: { name: string; columns: readonly unknown[] }, rows: readonly Cell[][]): void {
  rows.forEach((row, i) => {
    if (row.length !== spec.columns.length) {
      throw new WorkbookError(`row ${i + 1} for ${spec.name} has ${row.length} cells; the table has ${spec.columns.length} columns`);
    }
  });
}
