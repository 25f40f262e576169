// The gateway to the workbook: what the task pane may ask of a workbook, whichever implementation serves it.

export type Cell = string | number | boolean | null;

export type ColumnKind = "text" | "number" | "money" | "percent" | "boolean";

export interface ColumnSpec {
  header: string;
  kind: ColumnKind;
  /** A report column's number format when its kind's will not do (e.g. £k for a Board summary). */
  format?: string;
  /** A report column's width in characters, so a page prints as laid out; autofitted when left out. */
  width?: number;
  /** A report column whose long text wraps within its width rather than running past the page. */
  wrap?: boolean;
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

/** The three parts of a printed page's header or footer (Excel's codes allowed: &P page, &N pages). */
export interface PageBand {
  left?: string;
  center?: string;
  right?: string;
}

/** How a report prints, where the default (landscape when wide, the title in the header, page numbers) will not do. */
export interface ReportPageLayout {
  orientation: "portrait" | "landscape";
  header: PageBand;
  footer: PageBand;
}

/**
 * A report the add-in writes on its own sheet: a title, a headline in bold, a few lines of notes, a table (with a
 * totals row when given) and optionally a chart. The sheet holding the report's table is the report sheet; writing
 * again replaces that sheet and nothing else. Every report prints on one page.
 */
export interface ReportSpec {
  table: TableSpec;
  title: string;
  /** One sentence, in bold under the title: what the report says, over as many lines as the page's width needs. */
  headline?: readonly string[];
  notes: readonly string[];
  rows: readonly Cell[][];
  /** The table's totals row, a cell per column ("" where there is no total). */
  totals?: readonly Cell[];
  chart?: ChartSpec;
  pageLayout?: ReportPageLayout;
}

/** Told after each chunk of a long write: rows written so far, of how many. */
export type Progress = (done: number, total: number) => void;

export interface AppendOptions {
  progress?: Progress;
  /**
   * Checks the table's last data row (undefined when the table is empty) as it is just before the rows go in, in the
   * same batch; throws to refuse, and then nothing is written. The decision log uses it to chain to the entry that is
   * really last.
   */
  checkLast?: (last: RowRecord | undefined) => void;
}

/** A data row as the add-in reads it: each of its own columns' cell by header. */
export type RowRecord = Record<string, Cell>;

/** A table for set-up to create on a sheet of its own, with its first rows. */
export interface NewTable {
  spec: TableSpec;
  /** The sheet wanted; a free name like "ICS Plans (2)" is used when it is taken. */
  sheet: string;
  rows: readonly Cell[][];
}

export interface CreatedTables {
  /** Tables created, with the sheet each went on. */
  created: { table: string; sheet: string }[];
  /** Tables already in the workbook, left exactly as they were. */
  kept: string[];
}

/**
 * The workbook as the add-in may use it. Every write is to one of the add-in's own tables (or its report sheets),
 * by header: rows are given in the spec's column order and land in the columns with those headers, wherever the
 * user has moved them; columns the user added are never written; a cell the add-in has nothing new for is left
 * alone, formula and all.
 */
export interface Workbook {
  /** "excel" inside Excel; "memory" in the browser preview and tests. */
  readonly kind: "excel" | "memory";
  hasSheet(name: string): Promise<boolean>;
  hasTable(name: string): Promise<boolean>;
  /** Which of these tables the workbook does not have (one round trip however many are asked about). */
  missingTables(names: readonly string[]): Promise<string[]>;
  /**
   * The table's header and data rows (every column, in the table's own order; blank rows left out); undefined
   * when the workbook has no such table.
   */
  readTable(name: string): Promise<TableData | undefined>;
  /** Creates each table that is not already there, each on a new sheet; never touches an existing sheet or table. */
  addTables(tables: readonly NewTable[]): Promise<CreatedTables>;
  /** Appends rows to one of the add-in's tables, formatted by its column kinds (see AppendOptions). */
  appendRows(spec: TableSpec, rows: readonly Cell[][], options?: AppendOptions): Promise<void>;
  /**
   * Removes the data rows that `remove` picks (read afresh, by the spec's headers; every row when left out) and
   * appends `rows`; every other row, and every cell in it, is left as it is. `progress` hears after each chunk.
   */
  replaceRows(spec: TableSpec, rows: readonly Cell[][], remove?: (row: RowRecord) => boolean, progress?: Progress): Promise<void>;
  /**
   * Updates the data rows of one of the add-in's tables whose key columns match a given row (text compared
   * trimmed and case-blind), writing only the cells that change, and appends the rows that match none.
   */
  upsertRows(spec: TableSpec, key: readonly string[], rows: readonly Cell[][]): Promise<void>;
  /** Selects data rows of an add-in table in the sheet (0-based, in readTable's order), to show where figures come from. */
  selectRows(tableName: string, rows: readonly number[]): Promise<void>;
  /**
   * Writes a report on the add-in's own report sheet (see ReportSpec), updating the report table in place when it
   * is there already, so formulas that point at it keep working; resolves to the sheet's name.
   */
  writeReport(report: ReportSpec): Promise<string>;
  /** A setting stored with the document (they travel with the file), read afresh so a co-author's save is seen. */
  readSetting(key: string): Promise<string | undefined>;
  /**
   * Read-modify-write of a setting: reads it afresh, gives it to `update` and saves what `update` returns. `update`
   * may throw (e.g. SettingConflictError) to refuse, and then nothing is written. Resolves to the value saved.
   */
  updateSetting(key: string, update: (stored: string | undefined) => string): Promise<string>;
  /**
   * updateSetting for several settings that must change together (the rulebook and its change log): all read afresh,
   * given to `update` by key, and saved in one save, so either every one is stored or none is. `update` returns the
   * new value of each key it changes (a key it leaves out is left as it is) and may throw to refuse.
   */
  updateSettings(keys: readonly string[], update: (stored: Record<string, string | undefined>) => Record<string, string>): Promise<Record<string, string>>;
  /**
   * Calls the listener after the add-in's tables change, whether the add-in or a person in the grid changed them;
   * returns the way to stop listening. Listeners debounce: one edit may notify more than once.
   */
  onChange(listener: () => void): () => void;
  /** Calls the listener when a co-author's saved settings arrive in this copy of the workbook; returns the way to stop. */
  onSettingsChange(listener: () => void): () => void;
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

/** The lines under a report's title: its headline (when it has one), then its notes. */
export const reportLines = (report: Pick<ReportSpec, "notes" | "headline">): string[] => [...(report.headline ?? []), ...report.notes];

/** Where a report's table starts: below the title, the headline and notes, and a blank row. */
export const reportTableRow = (report: Pick<ReportSpec, "notes" | "headline">) => reportLines(report).length + 2;

/** A column's number format: its own, else its kind's. */
export const formatOf = (column: ColumnSpec): string => column.format ?? NUMBER_FORMAT[column.kind];

/** Excel's column width in points for a width in characters (Calibri 11: the default 8.43 characters is 48 points). */
export const columnPoints = (characters: number) => Math.round(characters * 5.7 + 5);

/** Text for a page's header or footer, its ampersands doubled so Excel does not read them as codes. */
export const headerText = (text: string) => text.replace(/&/g, "&&");

/** Excel keeps at most 2 MB of settings in a workbook (Office.Settings); the in-memory workbook keeps the same limit. */
export const SETTINGS_LIMIT_BYTES = 2 * 1024 * 1024;

/** A setting that was not saved: which, how big, and that the stored one is as it was. */
export const settingNotSaved = (key: string, value: string, why: string) =>
  new WorkbookError(`the setting "${key}" (${Math.ceil(value.length / 1024)} KB) was not saved, and is as it was: ${why}`);

/** Set by a setting's update when someone else changed what the person was editing since they saw it. */
export class SettingConflictError extends WorkbookError {
  constructor(message: string) {
    super(message);
    this.name = "SettingConflictError";
  }
}

/**
 * Where each of the spec's columns is in the table (by header, trimmed and case-blind), or an error naming the
 * table and the column a person renamed or deleted.
 */
export function columnPositions(spec: Pick<TableSpec, "name" | "columns">, headers: readonly string[]): number[] {
  const at = new Map(headers.map((h, i) => [h.trim().toLowerCase(), i] as const));
  const missing = spec.columns.filter((c) => !at.has(c.header.toLowerCase()));
  if (missing.length > 0) {
    const names = missing.map((c) => `"${c.header}"`).join(", ");
    throw new WorkbookError(
      `the ${spec.name} table has no ${names} column${missing.length === 1 ? "" : "s"}: ${missing.length === 1 ? "it was" : "they were"} renamed or deleted; put the header${missing.length === 1 ? "" : "s"} back as ${names} and try again (nothing was written)`,
    );
  }
  return spec.columns.map((c) => at.get(c.header.toLowerCase())!);
}

/** A row of the spec's cells as a record by header, for a `remove` test. */
export const recordOf = (spec: Pick<TableSpec, "columns">, positions: readonly number[], row: readonly Cell[]): RowRecord =>
  Object.fromEntries(spec.columns.map((c, i) => [c.header, row[positions[i]!] ?? null]));

/** The error for a table the add-in needs that is not in the workbook (never made, or deleted by a person). */
export const missingTable = (name: string) => new WorkbookError(`the workbook has no table named "${name}": it may have been deleted; use Set up workbook to make it again`);

export const isBlankRow = (row: readonly unknown[]) => row.every((cell) => cell === "" || cell === null || cell === undefined);

/** Two cells the same as Excel would hold them: a number written equals the number read; blank is "". */
export const sameCell = (a: Cell | undefined, b: Cell | undefined) => (a ?? "") === (b ?? "");

export function checkRowWidths(spec: { name: string; columns: readonly unknown[] }, rows: readonly Cell[][]): void {
  rows.forEach((row, i) => {
    if (row.length !== spec.columns.length) {
      throw new WorkbookError(`row ${i + 1} for ${spec.name} has ${row.length} cells; the table has ${spec.columns.length} columns`);
    }
  });
}
