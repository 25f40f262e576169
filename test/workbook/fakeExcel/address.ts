// Owns A1 addresses: parsing "A1:C3", printing them, and quoting sheet names as Excel does in Range.address.
import { fail } from "./errors";

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A rectangle of cells, zero-indexed like Range.rowIndex / Range.columnIndex. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function columnLetters(col: number): string {
  let letters = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

interface Corner {
  row?: number;
  col?: number;
}

function parseCorner(text: string): Corner {
  const cell = CELL.exec(text);
  if (cell) return { col: columnIndex(cell[1]!), row: Number(cell[2]) - 1 };
  const column = COLUMN.exec(text);
  if (column) return { col: columnIndex(column[1]!) };
  const row = ROW.exec(text);
  if (row) return { row: Number(row[1]) - 1 };
  return fail("InvalidArgument");
}

/** Parses "A1", "A1:C3", "A:C" (whole columns) or "2:4" (whole rows); a sheet prefix is not accepted here. */
export function parseAddress(address: string): Rect {
  const parts = address.trim().split(":");
  if (parts.length > 2 || parts.some((p) => p === "")) fail("InvalidArgument");
  const a = parseCorner(parts[0]!);
  const b = parts.length === 2 ? parseCorner(parts[1]!) : a;
  const wholeColumns = a.row === undefined && b.row === undefined && a.col !== undefined && b.col !== undefined;
  const wholeRows = a.col === undefined && b.col === undefined && a.row !== undefined && b.row !== undefined;
  if (!wholeColumns && !wholeRows && (a.row === undefined || a.col === undefined || b.row === undefined || b.col === undefined)) {
    fail("InvalidArgument");
  }
  const r0 = wholeColumns ? 0 : Math.min(a.row!, b.row!);
  const r1 = wholeColumns ? MAX_ROWS - 1 : Math.max(a.row!, b.row!);
  const c0 = wholeRows ? 0 : Math.min(a.col!, b.col!);
  const c1 = wholeRows ? MAX_COLUMNS - 1 : Math.max(a.col!, b.col!);
  if (r1 >= MAX_ROWS || c1 >= MAX_COLUMNS || r0 < 0 || c0 < 0) fail("InvalidArgument");
  return { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

export function cellA1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

export function rectA1(rect: Rect): string {
  const first = cellA1(rect.row, rect.col);
  if (rect.rows === 1 && rect.cols === 1) return first;
  return `${first}:${cellA1(rect.row + rect.rows - 1, rect.col + rect.cols - 1)}`;
}

/** Excel quotes a sheet name unless it is a plain identifier that could not be read as a cell reference. */
export function quoteSheetName(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !CELL.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

export function sheetAddress(sheetName: string, rect: Rect): string {
  return `${quoteSheetName(sheetName)}!${rectA1(rect)}`;
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const rowEnd = Math.min(a.row + a.rows, b.row + b.rows);
  const colEnd = Math.min(a.col + a.cols, b.col + b.cols);
  return rowEnd > row && colEnd > col ? { row, col, rows: rowEnd - row, cols: colEnd - col } : null;
}

/** A cell's key in a sheet's cell map: one number (row × columns + column), cheap to hash for a 100,000-row table. */
export function cellKey(row: number, col: number): number {
  return row * MAX_COLUMNS + col;
}

export function parseKey(key: number): [number, number] {
  return [Math.floor(key / MAX_COLUMNS), key % MAX_COLUMNS];
}
