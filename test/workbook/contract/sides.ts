// The two gateways the contract suite holds to the same results: the in-memory workbook (the preview's) and the
// Excel gateway running on the fake Excel. Each side also plays the person at the grid and the co-author.
import { formatOf, reportLines, type Cell, type Workbook } from "../../../src/workbook/gateway";
import { MemoryWorkbook } from "../../../src/workbook/memory";

/** A table as a person would see it in the grid: headers, every data row (blank ones too) and formulas. */
export interface TableView {
  sheet: string;
  headers: string[];
  rows: Cell[][];
  /** The formula in each cell, "" where the cell holds a plain value. */
  formulas: string[][];
}

/** A report as a reader of the sheet sees it beyond its rows: the lines over the table, formats, totals and chart. */
export interface ReportLook {
  title: string;
  /** The bold lines under the title, when there are any. */
  headline: string[] | undefined;
  lines: string[];
  /** Each column's number format in the body ("General" where none). */
  formats: string[];
  totals: Cell[] | undefined;
  chart: { title: string; type: "bar" | "column" } | undefined;
}

export interface Side {
  readonly name: "memory" | "excel";
  /** The ExcelApi requirement set the Excel side has; undefined for memory (everything). */
  readonly excelApi?: string;
  readonly workbook: Workbook;
  view(table: string): TableView | undefined;
  reportLook(table: string): ReportLook | undefined;
  sheets(): string[];
  /** Round trips to Excel since the last call (always 0 in memory). */
  takeSyncs(): number;
  /** The largest request and response Excel saw, in bytes (0 in memory). */
  largestPayload(): number;
  user: {
    editCell(table: string, row: number, column: string, value: Cell): void;
    setFormula(table: string, row: number, column: string, formula: string, value: Cell): void;
    insertColumn(table: string, at: number, header: string, values: readonly Cell[]): void;
    reorderColumns(table: string, headers: readonly string[]): void;
    renameColumn(table: string, from: string, to: string): void;
    insertBlankRow(table: string, at: number): void;
    deleteTable(table: string): void;
    /** A co-author's saved change to a document setting, arriving in this copy. */
    coauthorSetting(key: string, value: string): void;
  };
  /** The selected data rows of a table, as body row numbers (0-based, blank rows counted). */
  selectedRows(table: string): number[] | undefined;
  dispose(): void;
}

const blankAsEmpty = (cell: Cell | undefined): Cell => (cell === null || cell === undefined ? "" : cell);

export function memorySide(sheets?: string[]): Side {
  const workbook = new MemoryWorkbook(sheets);
  return {
    name: "memory",
    workbook,
    view(table) {
      const t = workbook.allTables().find((x) => x.name.toLowerCase() === table.toLowerCase());
      if (!t) return undefined;
      return { sheet: t.sheet, headers: t.headers, rows: t.rows.map((r) => r.map(blankAsEmpty)), formulas: workbook.formulasOf(table) };
    },
    reportLook(table) {
      const r = workbook.reportOf(table);
      if (!r) return undefined;
      return {
        title: r.title,
        headline: r.headline,
        lines: reportLines(r),
        formats: r.columns.map((c) => formatOf(c)),
        totals: r.totals?.map(blankAsEmpty),
        chart: r.chart && { title: r.chart.title, type: r.chart.type },
      };
    },
    sheets: () => workbook.sheetNames(),
    takeSyncs: () => 0,
    largestPayload: () => 0,
    user: {
      editCell: (t, r, c, v) => workbook.editCell(t, r, c, v),
      setFormula: (t, r, c, f, v) => workbook.setFormula(t, r, c, f, v),
      insertColumn: (t, at, h, values) => workbook.addColumn(t, h, values, at),
      reorderColumns: (t, headers) => workbook.reorderColumns(t, headers),
      renameColumn: (t, from, to) => workbook.renameColumn(t, from, to),
      insertBlankRow: (t, at) => workbook.insertBlankRow(t, at),
      deleteTable: (t) => workbook.deleteTable(t),
      coauthorSetting: (k, v) => void workbook.writeSetting(k, v),
    },
    selectedRows(table) {
      const s = workbook.selected();
      if (!s || s.table.toLowerCase() !== table.toLowerCase()) return undefined;
      // Memory records rows in readTable's order; map them to body rows, counting blank ones, as Excel's grid has them.
      const all = workbook.allTables().find((x) => x.name === s.table)!.rows;
      const data = all.flatMap((r, i) => (r.every((c) => c === null || c === "") ? [] : [i]));
      return s.rows.map((i) => data[i]!);
    },
    dispose: () => undefined,
  };
}
