import { afterEach, describe, expect, it } from "vitest";
import { OfficeMockObject } from "office-addin-mock";
import { ExcelWorkbook } from "../../src/workbook/excel";
import type { ReportSpec } from "../../src/workbook/gateway";

const REPORT: ReportSpec = {
  table: { name: "ICS_TestReport", sheet: "ICS Test report", columns: [{ header: "Organisation", kind: "text" }, { header: "Variance", kind: "money" }] },
  title: "A report",
  notes: ["March"],
  rows: [
    ["MSEFT", -6_500_000],
    ["SCCG", -2_600_000],
  ],
  chart: { title: "Variance", type: "bar", categories: "Organisation", values: "Variance" },
};

interface Log {
  deleted: string[];
  added: string[];
  tableNames: string[];
  charts: { type: string; seriesBy: string; title?: string }[];
  ranges: { row: number; column: number; rows: number; columns: number }[];
}

/** An Excel with some sheets and, optionally, the report's table already on one of them. */
function mockExcel(sheets: string[], reportOn?: { sheet: string; position: number }) {
  const log: Log = { deleted: [], added: [], tableNames: [], charts: [], ranges: [] };
  const range = () => ({ values: [], numberFormat: [], format: { font: { bold: false, size: 11 }, autofitColumns: () => undefined } });
  const data = {
    context: {
      workbook: {
        worksheets: {
          found: { name: "found", delete: () => undefined },
          none: { name: "" },
          created: {
            name: "",
            position: -1,
            tables: { made: { name: "" }, add() { return this.made; } },
            charts: {
              made: { title: { text: "" }, legend: { visible: true }, series: { one: { name: "", setXAxisValues: () => undefined }, getItemAt() { return this.one; } }, setPosition: () => undefined },
              add(type: string, _range: unknown, seriesBy: string) {
                log.charts.push({ type, seriesBy });
                return this.made;
              },
            },
            getRangeByIndexes(row: number, column: number, rows: number, columns: number) {
              log.ranges.push({ row, column, rows, columns });
              return range();
            },
            activate: () => undefined,
          },
          getItemOrNullObject(name: string) {
            return sheets.includes(name) || log.added.includes(name) ? this.found : this.none;
          },
          getItem(name: string) {
            return { delete: () => log.deleted.push(name) };
          },
          add(name: string) {
            log.added.push(name);
            return this.created;
          },
        },
        tables: {
          report: { name: REPORT.table.name, worksheet: { name: reportOn?.sheet ?? "", position: reportOn?.position ?? 0 } },
          none: { name: "" },
          getItemOrNullObject(name: string) {
            return reportOn && name === REPORT.table.name ? this.report : this.none;
          },
        },
      },
    },
    run: async function (callback: (context: unknown) => Promise<unknown>) {
      return callback(this.context);
    },
  };
  const excel = new OfficeMockObject(data) as unknown as { context: { workbook: Record<string, unknown> } };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const wb = excel.context.workbook as any;
  wb.worksheets.found.isNullObject = false;
  wb.worksheets.none.isNullObject = true;
  wb.tables.none.isNullObject = true;
  wb.tables.report.isNullObject = false;
  Object.assign(globalThis, { Excel: excel });
  return { log, created: wb.worksheets.created, chart: wb.worksheets.created.charts.made };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>)["Excel"];
});

describe("writing a report through Office.js (office-addin-mock)", () => {
  it("puts a first report on a new sheet with its table and a native bar chart, deleting nothing", async () => {
    const { log, chart } = mockExcel(["Sheet1"]);
    await expect(new ExcelWorkbook().writeReport(REPORT)).resolves.toBe("ICS Test report");
    expect(log.deleted).toEqual([]);
    expect(log.added).toEqual(["ICS Test report"]);
    expect(log.charts).toEqual([{ type: "BarClustered", seriesBy: "Columns" }]);
    expect(chart.title.text).toBe("Variance");
    // Title, one note, a blank row, then the table's header at row 3 (0-based) with two data rows.
    expect(log.ranges).toContainEqual({ row: 3, column: 0, rows: 3, columns: 2 });
  });

  it("never takes a sheet of the same name that is not its own", async () => {
    const { log } = mockExcel(["Sheet1", "ICS Test report"]);
    await expect(new ExcelWorkbook().writeReport(REPORT)).resolves.toBe("ICS Test report (2)");
    expect(log.deleted).toEqual([]);
  });

  it("replaces its own report sheet, and only that, in the same place", async () => {
    const { log, created } = mockExcel(["Sheet1", "My renamed report"], { sheet: "My renamed report", position: 4 });
    await expect(new ExcelWorkbook().writeReport(REPORT)).resolves.toBe("My renamed report");
    expect(log.deleted).toEqual(["My renamed report"]);
    expect(log.added).toEqual(["My renamed report"]);
    expect(created.position).toBe(4);
  });

  it("refuses rows that do not fit the report's columns before touching the workbook", async () => {
    const { log } = mockExcel(["Sheet1"]);
    await expect(new ExcelWorkbook().writeReport({ ...REPORT, rows: [["MSEFT"]] })).rejects.toThrow(/row 1 for ICS_TestReport has 1 cells; the table has 2 columns/);
    expect(log.added).toEqual([]);
  });
});
