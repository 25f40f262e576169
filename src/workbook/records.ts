// Reading an add-in table's rows by header, so a column moved by hand is still found.
import { parseMoneyAt, type Money } from "../rules/money";
import { columnPositions, recordOf, WorkbookError, type Cell, type RowRecord, type TableData, type TableSpec } from "./gateway";

export type { RowRecord };

/** Rows as records keyed by the spec's headers, wherever a person moved the columns; a missing column is named in the error. */
export function recordsOf(table: TableData, spec: TableSpec): RowRecord[] {
  const positions = columnPositions(spec, table.headers);
  return table.rows.map((row) => recordOf(spec, positions, row));
}

export function textOf(value: Cell): string {
  return value === null ? "" : String(value).trim();
}

export const blank = (cell: Cell | undefined) => cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");

/** Reads every row, collecting every problem, so one message lists them all and nothing is half-read. */
export function readRows<T>(records: RowRecord[], spec: TableSpec, read: (r: RowRecord, where: string) => T): T[] {
  const problems: string[] = [];
  const rows: T[] = [];
  records.forEach((r, i) => {
    try {
      rows.push(read(r, `${spec.name} row ${i + 1}`));
    } catch (error) {
      problems.push((error as Error).message);
    }
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 8).join("; ");
    throw new WorkbookError(`${problems.length} row${problems.length === 1 ? "" : "s"} of ${spec.name} cannot be used: ${shown}${problems.length > 8 ? "; …" : ""}`);
  }
  return rows;
}

export const moneyAt = (r: RowRecord, column: string, where: string): Money => parseMoneyAt(r[column], `${where} (${column})`);
