// The gateway to the workbook: what the task pane may ask of a workbook, whichever implementation serves it.

export type Cell = string | number | boolean | null;

export type ColumnKind = "text" | "number" | "money" | "boolean";

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
  /** Settings stored with the document (they travel with the file). */
  readSetting(key: string): Promise<string | undefined>;
  writeSetting(key: string, value: string): Promise<void>;
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
  boolean: "General",
};

export function checkRowWidths(spec: { name: string; columns: readonly unknown[] }, rows: readonly Cell[][]): void {
  rows.forEach((row, i) => {
    if (row.length !== spec.columns.length) {
      throw new WorkbookError(`row ${i + 1} for ${spec.name} has ${row.length} cells; the table has ${spec.columns.length} columns`);
    }
  });
}
