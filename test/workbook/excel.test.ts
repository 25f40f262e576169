import { afterEach, describe, expect, it } from "vitest";
import { OfficeMockObject } from "office-addin-mock";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { setUpWorkbook } from "../../src/workbook/setup";
import { defaultRulebook } from "../../src/rules/presets";
import { BOARD_MEMBERS, DECISION_LOG, PARTNERS } from "../../src/workbook/tables";

interface Recorded {
  sheetsAdded: string[];
  tablesAdded: { sheet: string; hasHeaders: boolean }[];
  rowsAdded: unknown[][];
  settings: Map<string, string>;
}

/**
 * An Excel object model with the sheets and tables named, as office-addin-mock
 * serves it: properties must be loaded and synced before they are read.
 */
function mockExcel(sheets: string[], tables: Record<string, { headers: string[]; rows: unknown[][]; sheet: string }>) {
  const recorded: Recorded = { sheetsAdded: [], tablesAdded: [], rowsAdded: [], settings: new Map() };
  const tableMocks = Object.fromEntries(
    Object.entries(tables).map(([name, t], i) => [
      `t${i}`,
      {
        name,
        header: { values: [t.headers] },
        body: {
          values: t.rows.length ? t.rows : [t.headers.map(() => "")],
          rowCount: Math.max(t.rows.length, 1),
          // The rows written at the end of the table: offset and resize stand for themselves here.
          last: { values: [], numberFormat: [], getOffsetRange() { return this; }, getResizedRange() { return this; } },
          getLastRow() {
            return this.last;
          },
        },
        worksheet: { name: t.sheet },
        rows: { add: (_index: unknown, values: unknown[][]) => recorded.rowsAdded.push(...values) },
        getHeaderRowRange() {
          return this.header;
        },
        getDataBodyRange() {
          return this.body;
        },
      },
    ]),
  );
  const names = Object.keys(tables);
  const data = {
    context: {
      workbook: {
        worksheets: {
          found: { name: "found" },
          none: { name: "" },
          created: {
            name: "",
            range: { values: [], numberFormat: [], format: { autofitColumns: () => undefined } },
            tables: {
              made: { name: "" },
              add(_range: unknown, hasHeaders: boolean) {
                recorded.tablesAdded.push({ sheet: recorded.sheetsAdded.at(-1)!, hasHeaders });
                return this.made;
              },
            },
            getRangeByIndexes() {
              return this.range;
            },
          },
          getItemOrNullObject(name: string) {
            return sheets.includes(name) || recorded.sheetsAdded.includes(name) ? this.found : this.none;
          },
          add(name: string) {
            recorded.sheetsAdded.push(name);
            return this.created;
          },
        },
        tables: {
          ...tableMocks,
          none: { name: "" },
          getItemOrNullObject(name: string) {
            const i = names.indexOf(name);
            return i >= 0 ? (this as Record<string, unknown>)[`t${i}`] : this.none;
          },
        },
      },
    },
    run: async function (callback: (context: unknown) => Promise<unknown>) {
      return callback(this.context);
    },
  };
  const excel = new OfficeMockObject(data) as unknown as typeof data & { context: { workbook: Record<string, unknown> } };
  // Office.js makes isNullObject readable after any sync; the mock needs it set.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const wbMock = excel.context.workbook as any;
  wbMock.worksheets.found.isNullObject = false;
  wbMock.worksheets.none.isNullObject = true;
  wbMock.tables.none.isNullObject = true;
  names.forEach((_n, i) => (wbMock.tables[`t${i}`].isNullObject = false));
  const office = new OfficeMockObject({
    context: {
      document: {
        settings: {
          get: (key: string) => recorded.settings.get(key) ?? null,
          set: (key: string, value: string) => recorded.settings.set(key, value),
          saveAsync: (callback: (r: { status: string }) => void) => callback({ status: "succeeded" }),
        },
      },
    },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  });
  (office as unknown as { AsyncResultStatus: Record<string, string> }).AsyncResultStatus = { Succeeded: "succeeded", Failed: "failed" };
  Object.assign(globalThis, { Excel: excel, Office: office });
  return { excel: wbMock, recorded };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>)["Excel"];
  delete (globalThis as Record<string, unknown>)["Office"];
});

describe("the Excel gateway (Office.js, through office-addin-mock)", () => {
  it("finds sheets and tables by name", async () => {
    mockExcel(["Sheet1"], { ICS_Partners: { headers: ["Code"], rows: [], sheet: "ICS Partners" } });
    const wb = new ExcelWorkbook();
    expect(await wb.hasSheet("Sheet1")).toBe(true);
    expect(await wb.hasSheet("Budget")).toBe(false);
    expect(await wb.hasTable("ICS_Partners")).toBe(true);
    expect(await wb.hasTable("ICS_Plans")).toBe(false);
  });

  it("reads a table's header and rows, dropping the blank row an empty table keeps", async () => {
    mockExcel([], {
      ICS_BoardMembers: { headers: ["Body", "Member"], rows: [["Partnership Board", "Chair"]], sheet: "ICS Board members" },
      ICS_DecisionLog: { headers: ["Timestamp"], rows: [], sheet: "ICS Decision log" },
    });
    const wb = new ExcelWorkbook();
    expect(await wb.readTable("ICS_BoardMembers")).toEqual({
      name: "ICS_BoardMembers",
      sheet: "ICS Board members",
      headers: ["Body", "Member"],
      rows: [["Partnership Board", "Chair"]],
    });
    expect((await wb.readTable("ICS_DecisionLog"))!.rows).toEqual([]);
    expect(await wb.readTable("Nothing")).toBeUndefined();
  });

  it("creates a table on a new sheet, headers first, text columns formatted as text", async () => {
    const { excel, recorded } = mockExcel([], {});
    await new ExcelWorkbook().addTable(PARTNERS, "ICS Partners", [["MSEFT", "Mid and South Essex NHS FT", "NHS provider", "System-wide"]]);
    expect(recorded.sheetsAdded).toEqual(["ICS Partners"]);
    expect(recorded.tablesAdded).toEqual([{ sheet: "ICS Partners", hasHeaders: true }]);
    const range = excel.worksheets.created.range;
    expect(range.values).toEqual([["Code", "Name", "Type", "Place"], ["MSEFT", "Mid and South Essex NHS FT", "NHS provider", "System-wide"]]);
    expect(range.numberFormat[1]).toEqual(["@", "@", "@", "@"]);
    expect(excel.worksheets.created.tables.made.name).toBe("ICS_Partners");
  });

  it("refuses to add a table where the sheet or the table already exists", async () => {
    mockExcel(["ICS Partners"], { ICS_DecisionLog: { headers: ["Timestamp"], rows: [], sheet: "Log" } });
    const wb = new ExcelWorkbook();
    await expect(wb.addTable(PARTNERS, "ICS Partners", [])).rejects.toThrow(/sheet named "ICS Partners" already exists/);
    await expect(wb.addTable(DECISION_LOG, "New sheet", [])).rejects.toThrow(/table named "ICS_DecisionLog" already exists/);
  });

  it("set-up leaves existing tables alone and puts new ones on fresh sheet names", async () => {
    const { recorded } = mockExcel(["ICS Partners"], {
      ICS_BoardMembers: { headers: BOARD_MEMBERS.columns.map((c) => c.header), rows: [["x", "y", "z", "Member"]], sheet: "Members" },
    });
    const report = await setUpWorkbook(new ExcelWorkbook(), defaultRulebook());
    expect(report.keptExisting).toEqual(["ICS_BoardMembers"]);
    expect(recorded.sheetsAdded[0]).toBe("ICS Partners (2)");
    expect(recorded.sheetsAdded).not.toContain("ICS Board members");
    expect(recorded.settings.has("icsFinance.rulebook")).toBe(true);
  });

  it("appends rows to an existing table and stores settings with the document", async () => {
    const { excel, recorded } = mockExcel([], { ICS_BoardMembers: { headers: ["Body"], rows: [["Partnership Board"]], sheet: "M" } });
    const wb = new ExcelWorkbook();
    const spec = { name: "ICS_BoardMembers", sheet: "M", columns: [{ header: "Body", kind: "text" as const }] };
    await wb.appendRows(spec, [["SLE"], ["ICP"]]);
    expect(recorded.rowsAdded).toEqual([[""], [""]]);
    const target = (excel.tables as Record<string, { body: { last: { values: unknown[][]; numberFormat: string[][] } } }>).t0!.body.last;
    expect(target.numberFormat).toEqual([["@"], ["@"]]);
    expect(target.values).toEqual([["SLE"], ["ICP"]]);
    await expect(wb.appendRows({ ...spec, name: "ICS_Missing" }, [["x"]])).rejects.toThrow(/no table named "ICS_Missing"/);
    await wb.writeSetting("k", "v");
    expect(await wb.readSetting("k")).toBe("v");
  });

  it("fills an empty table's blank row first, formatting the decision log's hashes as text", async () => {
    const { excel, recorded } = mockExcel([], { ICS_DecisionLog: { headers: DECISION_LOG.columns.map((c) => c.header), rows: [], sheet: "Log" } });
    const row = DECISION_LOG.columns.map((c) => (c.kind === "number" ? 1 : "0".repeat(64)));
    await new ExcelWorkbook().appendRows(DECISION_LOG, [row]);
    expect(recorded.rowsAdded).toEqual([]);
    const target = (excel.tables as Record<string, { body: { last: { values: unknown[][]; numberFormat: string[][] } } }>).t0!.body.last;
    expect(target.values).toEqual([row]);
    expect(target.numberFormat[0]!.at(-1)).toBe("@");
    expect(target.numberFormat[0]![DECISION_LOG.columns.findIndex((c) => c.header === "For")]).toBe("General");
  });
});
