// The gateway's row operations in Excel, through office-addin-mock: replacing a table's rows, updating by key, and selecting rows.
import { afterEach, describe, expect, it } from "vitest";
import { ExcelWorkbook } from "../../src/workbook/excel";
import type { TableSpec } from "../../src/workbook/gateway";

const SPEC = {
  name: "ICS_Test",
  sheet: "ICS Test",
  columns: [
    { header: "Organisation", kind: "text" },
    { header: "Category", kind: "text" },
    { header: "Amount", kind: "money" },
  ],
} as const satisfies TableSpec;

interface Log {
  added: unknown[][];
  deleted: string[];
  written: { row: number | "body" | "last"; values: unknown[][]; numberFormat: unknown[][] }[];
  selected: string[];
  activated: number;
}

function mockTable(rows: unknown[][], exists = true) {
  const log: Log = { added: [], deleted: [], written: [], selected: [], activated: 0 };
  const rowRange = (i: number) => ({
    address: `'ICS Test'!A${i + 2}:C${i + 2}`,
    load() {
      return this;
    },
    set values(v: unknown[][]) {
      log.written.push({ row: i, values: v, numberFormat: this.numberFormat });
    },
    numberFormat: [] as unknown[][],
    getResizedRange(down: number) {
      return { delete: () => log.deleted.push(`rows ${i + 1}–${i + 1 + down}`) };
    },
    select: () => log.selected.push(`row ${i}`),
  });
  const last = {
    numberFormat: [] as unknown[][],
    set values(v: unknown[][]) {
      log.written.push({ row: "last", values: v, numberFormat: this.numberFormat });
    },
    getOffsetRange() {
      return this;
    },
    getResizedRange() {
      return this;
    },
  };
  const body = () => ({
    get values() {
      return rows.length ? rows : [["", "", ""]];
    },
    set values(v: unknown[][]) {
      log.written.push({ row: "body", values: v, numberFormat: this.numberFormat });
    },
    rowCount: Math.max(rows.length, 1),
    numberFormat: [] as unknown[][],
    load() {
      return this;
    },
    getRow: rowRange,
    getLastRow: () => last,
  });
  const table = {
    name: "ICS_Test",
    header: { values: [["Organisation", "Category", "Amount"]], load() { return this; } },
    getHeaderRowRange() {
      return this.header;
    },
    getDataBodyRange: body,
    rows: { add: (_i: unknown, values: unknown[][]) => log.added.push(...values) },
    worksheet: {
      activate: () => (log.activated += 1),
      getRanges: (addresses: string) => ({ select: () => log.selected.push(addresses) }),
    },
  };
  const context = {
    workbook: { tables: { getItemOrNullObject: () => (exists ? { ...table, isNullObject: false } : { isNullObject: true }) } },
    sync: async () => undefined,
  };
  // A plain stand-in for Excel's object model: enough of its shape to see what the gateway asks of it.
  const mock = { run: async (callback: (c: unknown) => Promise<unknown>) => callback(context), DeleteShiftDirection: { up: "Up" } };
  return { mock, log };
}

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
  delete (globalThis as { Office?: unknown }).Office;
});

describe("the Excel gateway's row operations", () => {
  it("replaces a table's rows, shrinking it to the new ones, formatted by column kind", async () => {
    const { mock, log } = mockTable([["A", "x", 1], ["B", "y", 2], ["C", "z", 3]]);
    (globalThis as { Excel?: unknown }).Excel = mock;
    await new ExcelWorkbook().replaceRows(SPEC, [["D", "w", 4]]);
    expect(log.deleted).toEqual(["rows 2–3"]);
    expect(log.added).toEqual([]);
    expect(log.written).toEqual([{ row: "body", values: [["D", "w", 4]], numberFormat: [["@", "@", "£#,##0.00;-£#,##0.00"]] }]);
  });

  it("grows a table to take more rows, and leaves one blank row when there are none", async () => {
    const grow = mockTable([["A", "x", 1]]);
    (globalThis as { Excel?: unknown }).Excel = grow.mock;
    await new ExcelWorkbook().replaceRows(SPEC, [["A", "x", 1], ["B", "y", null], ["C", "z", 3]]);
    expect(grow.log.added).toEqual([["", "", ""], ["", "", ""]]);
    expect(grow.log.written[0]!.values).toEqual([["A", "x", 1], ["B", "y", ""], ["C", "z", 3]]);

    const empty = mockTable([["A", "x", 1], ["B", "y", 2]]);
    (globalThis as { Excel?: unknown }).Excel = empty.mock;
    await new ExcelWorkbook().replaceRows(SPEC, []);
    expect(empty.log.deleted).toEqual(["rows 2–2"]);
    expect(empty.log.written[0]!.values).toEqual([["", "", ""]]);
  });

  it("updates the rows whose key matches (trimmed, case-blind) and appends the rest", async () => {
    const { mock, log } = mockTable([["MSEFT", "Recharges", 1], ["MECCG", "Clinical contract", 2]]);
    (globalThis as { Excel?: unknown }).Excel = mock;
    await new ExcelWorkbook().upsertRows(SPEC, ["Organisation", "Category"], [["meccg ", "clinical contract", 20], ["SCCG", "Recharges", 5]]);
    expect(log.written[0]).toEqual({ row: 1, values: [["meccg ", "clinical contract", 20]], numberFormat: [["@", "@", "£#,##0.00;-£#,##0.00"]] });
    expect(log.added).toEqual([["", "", ""]]);
    expect(log.written[1]).toEqual({ row: "last", values: [["SCCG", "Recharges", 5]], numberFormat: [["@", "@", "£#,##0.00;-£#,##0.00"]] });
  });

  it("selects the rows in their sheet, as one selection where Excel allows it", async () => {
    const { mock, log } = mockTable([["A", "x", 1], ["B", "y", 2], ["C", "z", 3]]);
    (globalThis as { Excel?: unknown }).Excel = mock;
    (globalThis as { Office?: unknown }).Office = { context: { requirements: { isSetSupported: () => true } } };
    await new ExcelWorkbook().selectRows("ICS_Test", [0, 2]);
    expect(log.activated).toBe(1);
    expect(log.selected).toEqual(["A2:C2,A4:C4"]);

    (globalThis as { Office?: unknown }).Office = { context: { requirements: { isSetSupported: () => false } } };
    await new ExcelWorkbook().selectRows("ICS_Test", [2, 0]);
    expect(log.selected.at(-1)).toBe("row 2");
  });

  it("refuses to work on a table the add-in has not made", async () => {
    const { mock } = mockTable([], false);
    (globalThis as { Excel?: unknown }).Excel = mock;
    await expect(new ExcelWorkbook().replaceRows(SPEC, [])).rejects.toThrow('the workbook has no table named "ICS_Test"; use Set up workbook');
  });
});
