// Reading an add-in table's rows by header, so a column moved by hand is still found.
import { WorkbookError, type Cell, type TableData, type TableSpec } from "./gateway";

export type RowRecord = Record<string, Cell>;

/** Rows as records keyed by header; a missing column is named in the error. */
export function recordsOf(table: TableData, spec: TableSpec): RowRecord[] {
  const index = new Map(table.headers.map((h, i) => [h.trim().toLowerCase(), i]));
  const positions = spec.columns.map((c) => {
    const i = index.get(c.header.toLowerCase());
    if (i === undefined) throw new WorkbookError(`the table ${spec.name} has no "${c.header}" column`);
    return [c.header, i] as const;
  });
  return table.rows.map((row) => Object.fromEntries(positions.map(([header, i]) => [header, row[i] ?? null])));
}

export function textOf(value: Cell): string {
  return value === null ? "" : String(value).trim();
}
