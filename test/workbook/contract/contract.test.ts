// The contract: every gateway operation, on the in-memory workbook and on the Excel gateway over the fake Excel,
// with the same results — including what people do to tables between the add-in's reads and writes.
import { describe, expect, it, vi } from "vitest";
import { defaultRulebook, presetRulebook } from "../../../src/rules/presets";
import type { Scenario } from "../../../src/rules/scenario";
import { chainDecision, GENESIS_HASH, type DecisionRecord } from "../../../src/rules/decisionLog";
import type { Cell, ReportSpec, TableSpec } from "../../../src/workbook/gateway";
import { setUpWorkbook } from "../../../src/workbook/setup";
import { appendDecision, readDecisionLog } from "../../../src/workbook/decisions";
import { listScenarios, saveScenario, renameScenario, SCENARIOS_SETTING } from "../../../src/workbook/scenarios";
import { ADD_IN_TABLES, DECISION_LOG, FINANCIAL_YEAR_SETTING, PLAN_LINES, PLANS, RESOLUTIONS, RULEBOOK_SETTING, RULES_TABLES, SCHEMES, STATEMENT_DETAIL } from "../../../src/workbook/tables";
import { checkMonthlyFigures, loadMonthlyFigures, readFigureFile } from "../../../src/workbook/monthlyFigures";
import { readStatementDetail } from "../../../src/workbook/statement";
import { excelSide, fakeOf } from "./excelSide";
import { bothSides } from "./onBoth";
import { memorySide, type Side, type TableView } from "./sides";

const rulebook = defaultRulebook();
/** Excel as most users have it, and an older Excel without Table.resize (1.13) or RangeAreas (1.9): both paths are held to the same results. */
const olderExcel = (sheets?: string[]) => excelSide(sheets, { requirements: { ExcelApi: "1.8" } });
const SIDES = [memorySide, excelSide, olderExcel] as const;
const onBoth = bothSides({
  sides: SIDES,
  labels: ["the Excel gateway on the fake Excel", "the Excel gateway on an older Excel (ExcelApi 1.8) on the fake Excel"],
});

async function setUp(side: Side) {
  const report = await setUpWorkbook(side.workbook, rulebook);
  side.takeSyncs();
  return report;
}

/** What a failing operation left behind: the error's message and the table as it is. */
async function failure(side: Side, table: string, operation: () => Promise<unknown>) {
  const before = side.view(table);
  const message = await operation().then(
    () => "no error",
    (e: Error) => e.message,
  );
  expect(side.view(table), "nothing is written when an operation is refused").toEqual(before);
  return message;
}

const RESOLUTION = (org: string, owner: string): Cell[] => [org, "ICB-ME", "Clinical contract", owner, "Agree activity", "Open"];

describe("set-up", () => {
  it("creates every table on its own sheet, beside sheets already there, in at most 5 syncs; a second set-up changes nothing", async () => {
    await onBoth(async (side) => {
      const first = await setUpWorkbook(side.workbook, rulebook);
      if (side.name !== "memory") expect(side.takeSyncs()).toBeLessThanOrEqual(5);
      const tables = ADD_IN_TABLES.map((t) => side.view(t.name));
      const again = await setUpWorkbook(side.workbook, rulebook);
      expect(again.created).toEqual([]);
      expect(ADD_IN_TABLES.map((t) => side.view(t.name))).toEqual(tables);
      return { first, again, sheets: side.sheets(), tables };
    }, ["Sheet1", "ICS Plans"]);
  });

  it.each(["north-east-north-cumbria", "blank"])("sets up under the %s preset alike: its rulebook stored, its sample (or empty tables), the Schemes table's columns its own", async (id) => {
    const chosen = presetRulebook(id)!;
    await onBoth(async (side) => {
      const report = await setUpWorkbook(side.workbook, chosen);
      if (side.name !== "memory") expect(side.takeSyncs()).toBeLessThanOrEqual(5);
      const stored = JSON.parse((await side.workbook.readSetting(RULEBOOK_SETTING))!) as { id: string };
      expect(stored.id).toBe(id);
      const schemes = await side.workbook.readTable(SCHEMES.name);
      // A blank system's tables are empty but for the Rules sheets, which hold its rulebook (one tier, board, matter and rule).
      const dataTables = ADD_IN_TABLES.filter((t) => !Object.values(RULES_TABLES).some((r) => r.name === t.name));
      if (id === "blank") expect(dataTables.map((t) => side.view(t.name)?.rows.length)).toEqual(dataTables.map(() => 0));
      else expect(schemes!.headers.slice(-3)).toEqual(["2025/26", "2026/27", "2027/28"]);
      return { report, tables: ADD_IN_TABLES.map((t) => side.view(t.name)) };
    });
  });
});

describe("reading", () => {
  it("says which of the add-in's tables are missing, in one round trip", async () => {
    await onBoth(async (side) => {
      const before = await side.workbook.missingTables(ADD_IN_TABLES.map((t) => t.name));
      await setUp(side);
      side.user.deleteTable(RESOLUTIONS.name);
      const after = await side.workbook.missingTables(ADD_IN_TABLES.map((t) => t.name));
      if (side.name !== "memory") expect(side.takeSyncs()).toBe(1);
      expect(before).toHaveLength(ADD_IN_TABLES.length);
      expect(after).toEqual([RESOLUTIONS.name]);
      return { before, after };
    });
  });

  it("reads tables by header wherever columns were moved, leaves blank rows out, and loads a panel's tables in at most 3 syncs", async () => {
    await onBoth(async (side) => {
      await setUp(side);
      side.user.reorderColumns(RESOLUTIONS.name, ["Status", "Organisation", "Owner", "Counterparty", "Category", "Agreed action"]);
      side.user.insertColumn(PLAN_LINES.name, 2, "Notes", side.view(PLAN_LINES.name)!.rows.map((_r, i) => (i === 0 ? "checked" : null)));
      side.user.insertBlankRow(PLAN_LINES.name, 1);
      const [lines, resolutions, log, missing] = await Promise.all([PLAN_LINES.name, RESOLUTIONS.name, DECISION_LOG.name, "ICS_Nothing"].map((n) => side.workbook.readTable(n)));
      if (side.name !== "memory") expect(side.takeSyncs()).toBeLessThanOrEqual(3);
      expect(missing).toBeUndefined();
      expect(lines!.rows.some((r) => r.every((c) => c === "" || c === null))).toBe(false);
      return { lines, resolutions, log };
    });
  });
});

describe("writing by header", () => {
  it("appends into the right columns when a person has inserted a column in the middle and reordered the rest; their column is left alone", async () => {
    await onBoth(async (side) => {
      await setUp(side);
      const before = side.view(RESOLUTIONS.name)!;
      side.user.insertColumn(RESOLUTIONS.name, 3, "RAG", before.rows.map((_r, i) => (i === 0 ? "Red" : null)));
      side.user.reorderColumns(RESOLUTIONS.name, ["Owner", "Organisation", "Counterparty", "RAG", "Category", "Agreed action", "Status"]);
      await side.workbook.appendRows(RESOLUTIONS, [RESOLUTION("SBC", "Finance director, SBC")]);
      const after = side.view(RESOLUTIONS.name)!;
      const last = Object.fromEntries(after.headers.map((h, i) => [h, after.rows.at(-1)![i]]));
      expect(last).toEqual({ Owner: "Finance director, SBC", Organisation: "SBC", Counterparty: "ICB-ME", RAG: "", Category: "Clinical contract", "Agreed action": "Agree activity", Status: "Open" });
      expect(after.rows[0]![after.headers.indexOf("RAG")]).toBe("Red");
      return after;
    });
  });

  it("updates matching rows writing only the cells that change: a formula a person put in a cell that keeps its value stays a formula", async () => {
    await onBoth(async (side) => {
      await setUp(side);
      await side.workbook.appendRows(RESOLUTIONS, [RESOLUTION("SBC", "A N Other")]);
      const row = side.view(RESOLUTIONS.name)!.rows.length - 1;
      side.user.setFormula(RESOLUTIONS.name, row, "Owner", '="A N "&"Other"', "A N Other");
      await side.workbook.upsertRows(RESOLUTIONS, ["Organisation", "Counterparty", "Category"], [
        ["sbc ", "icb-me", "Clinical contract", "A N Other", "Agree activity", "Resolved"],
        RESOLUTION("THC", "New owner"),
      ]);
      const after = side.view(RESOLUTIONS.name)!;
      expect(after.formulas[row]![after.headers.indexOf("Owner")]).toBe('="A N "&"Other"');
      expect(after.rows[row]![after.headers.indexOf("Status")]).toBe("Resolved");
      return after;
    });
  });

  it("replaces the rows it picks and keeps every other row, formulas and a person's column included", async () => {
    await onBoth(async (side) => {
      await setUp(side);
      const lines = side.view(PLAN_LINES.name)!;
      side.user.insertColumn(PLAN_LINES.name, 6, "Comment", lines.rows.map((r) => (r[0] === "ECC" ? "council line" : null)));
      const ecc = lines.rows.findIndex((r) => r[0] === "ECC");
      side.user.setFormula(PLAN_LINES.name, ecc, "Amount", "=18600000*1", 18_600_000);
      await side.workbook.replaceRows(PLAN_LINES, [["MSEFT", "ICB-ME", "Income", "Clinical contract", 999.99, false]], (r) => r["Organisation"] === "MSEFT");
      const after = side.view(PLAN_LINES.name)!;
      expect(after.rows.filter((r) => r[0] === "MSEFT")).toHaveLength(1);
      const eccNow = after.rows.findIndex((r) => r[0] === "ECC");
      expect(after.formulas[eccNow]![after.headers.indexOf("Amount")]).toBe("=18600000*1");
      expect(after.rows[eccNow]![after.headers.indexOf("Comment")]).toBe("council line");
      return after;
    });
  });

  it("selects rows counted as readTable counts them, blank rows left out", async () => {
    await onBoth(async (side) => {
      await setUp(side);
      side.user.insertBlankRow(PLAN_LINES.name, 1);
      await side.workbook.selectRows(PLAN_LINES.name, [1, 3]);
      const selected = side.selectedRows(PLAN_LINES.name)!;
      // Before ExcelApi 1.9 (no RangeAreas) only the first row can be selected.
      expect(selected).toEqual(side.excelApi === "1.8" ? [2] : [2, 4]);
      return selected[0];
    });
  });
});

describe("at a system's scale", () => {
  const LINES = 100_000;
  const line = (i: number): Cell[] => [`ORG${i % 97}`, `CP${i % 89}`, i % 2 ? "Income" : "Expenditure", "Clinical contract", 1000 + (i % 1000) + 0.25, i % 7 === 0];

  it("writes, reads and re-imports a 100,000-line table in chunks under 5 MB, at most 10 syncs per 10,000 rows, the same on both", async () => {
    await onBoth(async (side) => {
      await setUp(side);
      const rows = Array.from({ length: LINES }, (_, i) => line(i));
      const heard: number[] = [];
      await side.workbook.replaceRows(PLAN_LINES, rows, undefined, (done, total) => {
        expect(total).toBe(LINES);
        heard.push(done);
      });
      // Progress only goes forward and ends at the whole; Excel tells it chunk by chunk.
      expect(heard.at(-1)).toBe(LINES);
      expect(heard).toEqual([...heard].sort((a, b) => a - b));
      if (side.name !== "memory") expect(heard.length).toBeGreaterThan(1);
      const writeSyncs = side.takeSyncs();
      const back = await side.workbook.readTable(PLAN_LINES.name);
      const readSyncs = side.takeSyncs();
      if (side.name !== "memory") {
        expect(writeSyncs).toBeLessThanOrEqual((10 * LINES) / 10_000);
        expect(readSyncs).toBeLessThanOrEqual((10 * LINES) / 10_000);
        expect(side.largestPayload()).toBeLessThan(5 * 1024 * 1024);
      }
      expect(back!.rows).toHaveLength(LINES);
      // Importing again over them: the 100,000 old lines are checked and removed in chunks too, never left doubled.
      await side.workbook.replaceRows(PLAN_LINES, rows.map((r) => [...r.slice(0, 4), 1, r[5]!]), (r) => String(r["Organisation"]).startsWith("ORG"));
      const again = await side.workbook.readTable(PLAN_LINES.name);
      if (side.name !== "memory") expect(side.largestPayload()).toBeLessThan(5 * 1024 * 1024);
      expect(again!.rows.filter((r) => String(r[0]).startsWith("ORG"))).toHaveLength(LINES);
      expect(again!.rows.filter((r) => r[4] === 1)).toHaveLength(LINES);
      return again!.rows;
    }, undefined, [memorySide, excelSide]);
  });
});

describe("co-authors in tables", () => {
  it("keeps a co-author's edit made between this pane's read and its write", async () => {
    await onBoth(async (side) => {
      await setUp(side);
      await side.workbook.appendRows(RESOLUTIONS, [RESOLUTION("SBC", "Theirs to change"), RESOLUTION("THC", "Mine")]);
      const seen = await side.workbook.readTable(RESOLUTIONS.name);
      const theirs = seen!.rows.findIndex((r) => r[0] === "SBC");
      side.user.editCell(RESOLUTIONS.name, theirs, "Owner", "Changed by a co-author");
      await side.workbook.upsertRows(RESOLUTIONS, ["Organisation", "Counterparty", "Category"], [RESOLUTION("THC", "Mine, updated")]);
      const after = side.view(RESOLUTIONS.name)!;
      expect(after.rows.find((r) => r[0] === "SBC")![3]).toBe("Changed by a co-author");
      expect(after.rows.find((r) => r[0] === "THC")![3]).toBe("Mine, updated");
      return after;
    });
  });
});

describe("live panels", () => {
  it("hears a person's edit to one of the add-in's tables, and nothing after it stops listening", async () => {
    await onBoth(async (side) => {
      await setUp(side);
      let heard = 0;
      const stop = side.workbook.onChange(() => heard++);
      // Excel registers the handler in a batch of its own: let it land before the edit.
      await side.workbook.readTable(RESOLUTIONS.name);
      side.user.editCell(PLAN_LINES.name, 0, "Amount", 1);
      await vi.waitFor(() => expect(heard).toBeGreaterThan(0));
      stop();
      await side.workbook.readTable(RESOLUTIONS.name);
      const before = heard;
      side.user.editCell(PLAN_LINES.name, 0, "Amount", 2);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heard).toBe(before);
      return heard > 0;
    });
  });
});

describe("bad input loses nothing", () => {
  it("names the table and column when a person renamed an add-in column, and writes nothing", async () => {
    const messages = await onBoth(async (side) => {
      await setUp(side);
      side.user.renameColumn(RESOLUTIONS.name, "Owner", "Lead");
      return Promise.all([
        failure(side, RESOLUTIONS.name, () => side.workbook.appendRows(RESOLUTIONS, [RESOLUTION("SBC", "x")])),
        failure(side, RESOLUTIONS.name, () => side.workbook.upsertRows(RESOLUTIONS, ["Organisation"], [RESOLUTION("SBC", "x")])),
        failure(side, RESOLUTIONS.name, () => side.workbook.replaceRows(RESOLUTIONS, [])),
      ]);
    });
    for (const m of messages) expect(m).toMatch(/ICS_Resolutions table has no "Owner" column/);
  });

  it("says the table is gone when a person deleted it, and writes nothing anywhere", async () => {
    const messages = await onBoth(async (side) => {
      await setUp(side);
      side.user.deleteTable(RESOLUTIONS.name);
      const sheets = side.sheets();
      const m = await failure(side, RESOLUTIONS.name, () => side.workbook.appendRows(RESOLUTIONS, [RESOLUTION("SBC", "x")]));
      expect(side.sheets()).toEqual(sheets);
      expect(await side.workbook.readTable(RESOLUTIONS.name)).toBeUndefined();
      return m;
    });
    expect(messages).toMatch(/no table named "ICS_Resolutions"/);
  });

  it("refuses rows of the wrong width before writing anything", async () => {
    await onBoth(async (side) => {
      await setUp(side);
      return failure(side, RESOLUTIONS.name, () => side.workbook.appendRows(RESOLUTIONS, [["SBC"]]));
    });
  });
});

const REPORT: TableSpec = {
  name: "ICS_TestReport",
  sheet: "ICS Test report",
  columns: [
    { header: "Organisation", kind: "text" },
    { header: "Amount", kind: "money" },
  ],
};
const report = (rows: Cell[][], notes: string[]): ReportSpec => ({
  table: REPORT,
  title: "A report",
  notes,
  rows,
  chart: { title: "Amount by organisation", type: "bar", categories: "Organisation", values: "Amount" },
});

describe("reports", () => {
  it("updates its report in place: the same table on the same sheet, grown or shrunk, notes changed, a person's column kept", async () => {
    await onBoth(async (side) => {
      await setUp(side);
      const first = await side.workbook.writeReport(report([["A", 1], ["B", 2], ["C", 3]], ["one note"]));
      side.user.insertColumn(REPORT.name, 2, "My note", ["x", null, null]);
      const second = await side.workbook.writeReport(report([["D", 4], ["E", 5], ["F", 6], ["G", 7], ["H", 8]], ["first", "second", "third"]));
      const grown = side.view(REPORT.name);
      const third = await side.workbook.writeReport(report([["I", 9]], []));
      expect([first, second, third]).toEqual(["ICS Test report", "ICS Test report", "ICS Test report"]);
      return { grown, shrunk: side.view(REPORT.name), sheets: side.sheets() };
    });
  });

  it("never breaks a formula a person pointed at the report: the report sheet and table are never deleted", async () => {
    const fake = excelSide(["Sheet1", "Summary"]);
    onBoth.own(fake);
    await fake.workbook.writeReport(report([["A", 1], ["B", 2]], ["one note"]));
    const { user } = fakeOf(fake);
    user.addFormulaCell("Summary", "A1", "=SUM(ICS_TestReport[Amount])", 3);
    user.addFormulaCell("Summary", "A2", "='ICS Test report'!B4", 1);
    await fake.workbook.writeReport(report([["C", 5], ["D", 6], ["E", 7]], ["three", "notes", "now"]));
    await fake.workbook.writeReport(report([], []));
    for (const address of ["A1", "A2"]) expect(String(user.readCell("Summary", address).formula)).not.toMatch(/#REF!/);
  });

  it("sets a report sheet to print on one page in Excel: fitted, print area round title, notes, table and chart, header repeated", async () => {
    const side = excelSide();
    onBoth.own(side);
    const sheet = await side.workbook.writeReport(report([["A", 1], ["B", 2], ["C", 3]], ["one note", "two notes"]));
    const layout = fakeOf(side).pageLayoutOf(sheet)!;
    expect(layout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 1 });
    expect(layout.orientation).toBe("Portrait");
    // Title, two notes, a blank row, the header and three rows; then the chart's rows below, down to its anchor row.
    expect(layout.printArea).toBe("A1:H33");
    expect(layout.printTitleRows).toBe("$5:$5");
    expect(layout.headerFooter).toMatchObject({ leftHeader: "A report", rightFooter: "Page &P of &N" });
    // An older Excel (before ExcelApi 1.9) keeps its own page defaults, and the report is still written.
    const older = excelSide(undefined, { requirements: { ExcelApi: "1.8" } });
    onBoth.own(older);
    await older.workbook.writeReport(report([["A", 1]], []));
    expect(fakeOf(older).pageLayoutOf("ICS Test report")).toBeUndefined();
  });

  it("keeps a report's first sheet name free of a person's sheet of the same name", async () => {
    await onBoth((side) => side.workbook.writeReport(report([["A", 1]], [])), ["ICS Test report"]);
  });
});

const BOARD: TableSpec = {
  name: "ICS_TestBoard",
  sheet: "Board pack test",
  columns: [
    { header: "Place", kind: "text", width: 24 },
    { header: "Allocation (£k)", kind: "money", format: '£#,##0,"k";-£#,##0,"k"', width: 14 },
    { header: "Share", kind: "percent", width: 10 },
  ],
};
const boardReport = (rows: Cell[][], totals: Cell[] | undefined, headline: string[] | undefined): ReportSpec => ({
  table: BOARD,
  title: "Allocation of transformation funds",
  ...(headline !== undefined && { headline }),
  notes: ["Rules applied: MoU 9.7", "Rulebook: Test · rulebook version 0123abcd · 1 April 2026"],
  rows,
  ...(totals && { totals }),
  chart: { title: "Allocation by Place (£)", type: "column", categories: "Place", values: "Allocation (£k)" },
  pageLayout: { orientation: "portrait", header: { left: "Test ICS", center: "Board pack", right: "1 April 2026" }, footer: { left: "Rulebook version 0123abcd", right: "Page &P of &N" } },
});

describe("Board pack reports", () => {
  it("writes the headline in bold, the columns' own number formats, a totals row that follows the table as it grows and shrinks, and the chart", async () => {
    await onBoth(async (side) => {
      await setUp(side);
      await side.workbook.writeReport(boardReport([["Basildon", 1_250_000.5, 0.25], ["Thurrock", 3_750_000, 0.75]], ["Total", 5_000_000.5, 1], ["£5,000k to two Places,", "summing to the fund."]));
      const first = side.reportLook(BOARD.name);
      await side.workbook.writeReport(boardReport([["A", 1, 0.2], ["B", 2, 0.2], ["C", 3, 0.2], ["D", 4, 0.4]], ["Total", 10, 1], ["Grown."]));
      const grown = { look: side.reportLook(BOARD.name), rows: side.view(BOARD.name)!.rows };
      await side.workbook.writeReport(boardReport([["E", 5, 1]], undefined, undefined));
      const shrunk = { look: side.reportLook(BOARD.name), rows: side.view(BOARD.name)!.rows };
      expect(first!.totals).toEqual(["Total", 5_000_000.5, 1]);
      expect(first!.headline).toEqual(["£5,000k to two Places,", "summing to the fund."]);
      expect(first!.formats).toEqual(["@", '£#,##0,"k";-£#,##0,"k"', "0.0%"]);
      expect(grown.look!.totals).toEqual(["Total", 10, 1]);
      expect(grown.rows).toHaveLength(4);
      expect(shrunk.look!.totals).toBeUndefined();
      expect(shrunk.look!.headline).toBeUndefined();
      expect(shrunk.look!.lines[0]).toBe("Rules applied: MoU 9.7");
      return { first, grown, shrunk, sheets: side.sheets() };
    });
  });

  it("lays out a Board pack page in Excel: widths in points, its orientation, header and footer, print area round the totals row and the chart", async () => {
    const side = excelSide();
    onBoth.own(side);
    const sheet = await side.workbook.writeReport(boardReport([["Basildon", 1, 0.5], ["Thurrock", 1, 0.5]], ["Total", 2, 1], ["Two Places."]));
    const fake = fakeOf(side);
    const layout = fake.pageLayoutOf(sheet)!;
    expect(layout.orientation).toBe("Portrait");
    expect(layout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 1 });
    expect(layout.headerFooter).toEqual({ leftHeader: "Test ICS", centerHeader: "Board pack", rightHeader: "1 April 2026", leftFooter: "Rulebook version 0123abcd", centerFooter: "", rightFooter: "Page &P of &N" });
    // Title, headline, two notes, a blank row (rows 1–5); header row 6, two rows, totals row 9; a blank, then the chart's 22 rows across the table's three columns.
    expect(fake.table(BOARD.name).address).toBe("'Board pack test'!A6:C9");
    expect(layout.printArea).toBe("A1:C34");
    const s = fake.model.findSheet(sheet)!;
    expect([0, 1, 2].map((c) => s.columnWidths.get(c))).toEqual([Math.round(24 * 5.7 + 5), Math.round(14 * 5.7 + 5), Math.round(10 * 5.7 + 5)]);
    const chart = fake.model.charts.find((c) => c.sheet === s)!;
    expect(chart.position).toEqual({ start: "'Board pack test'!A12", end: "'Board pack test'!C34" });
    expect(chart.type).toBe("ColumnClustered");
  });
});

describe("settings with co-authors", () => {
  const scenario = (id: string, name: string): Scenario => ({
    kind: "ics-finance-scenario",
    schemaVersion: 1,
    id,
    name,
    rulebookId: rulebook.id,
    savedAt: "2026-11-22T10:00:00.000Z",
    controlTotal: { month: 9, forecasts: [] },
    allocation: { fund: "1000000", formulaId: "need-weighted", useFloorsAndCaps: false, paceOfChangeBasisPoints: null },
    assumptions: [],
    capital: { envelope: null, weightPoints: [20, 20, 20, 20, 20], locks: [], objective: null, liftRecovery: false, yearEnvelopes: [] },
  });

  it("keeps a co-author's scenario saved between this pane's read and its write", async () => {
    await onBoth(async (side) => {
      await saveScenario(side.workbook, rulebook, scenario("a", "Mine"));
      await listScenarios(side.workbook, rulebook);
      side.user.coauthorSetting(SCENARIOS_SETTING, JSON.stringify([scenario("a", "Mine"), scenario("b", "Theirs")]));
      const after = await saveScenario(side.workbook, rulebook, scenario("c", "Also mine"));
      expect(after.map((s) => s.name)).toEqual(["Mine", "Theirs", "Also mine"]);
      return after;
    });
  });

  it("refuses to rename a scenario a co-author changed since it was seen, and writes nothing", async () => {
    await onBoth(async (side) => {
      await saveScenario(side.workbook, rulebook, scenario("a", "Mine"));
      const [seen] = await listScenarios(side.workbook, rulebook);
      side.user.coauthorSetting(SCENARIOS_SETTING, JSON.stringify([{ ...scenario("a", "Mine"), allocation: { ...scenario("a", "Mine").allocation, fund: "2000000" } }]));
      const stored = await side.workbook.readSetting(SCENARIOS_SETTING);
      const message = await renameScenario(side.workbook, rulebook, "a", "Renamed", seen).then(
        () => "no error",
        (e: Error) => e.message,
      );
      expect(message).toMatch(/"Mine" was changed by someone else/);
      expect(await side.workbook.readSetting(SCENARIOS_SETTING)).toBe(stored);
      return message;
    });
  });
});

describe("the settings' size limit", () => {
  it("refuses a setting that would take the workbook's settings over 2 MB, naming it, and keeps the stored one", async () => {
    await onBoth(async (side) => {
      await side.workbook.updateSetting("icsFinance.test", () => "kept");
      const message = await side.workbook.updateSetting("icsFinance.test", () => "x".repeat(2_200_000)).then(
        () => "no error",
        (e: Error) => e.message,
      );
      expect(message).toMatch(/^the setting "icsFinance.test" \(2149 KB\) was not saved, and is as it was: /);
      expect(await side.workbook.readSetting("icsFinance.test")).toBe("kept");
      return message.slice(0, message.indexOf(": ") + 2);
    });
  });
});

describe("the decision log", () => {
  const record: DecisionRecord = {
    timestamp: "2026-11-30T10:00:00.000Z",
    body: "Partnership Board",
    rule: "pb-capital",
    clause: "MoU 8.4",
    matter: "Capital plan",
    eligible: 16,
    for: 13,
    against: 2,
    abstain: 1,
    absent: 0,
    excluded: 0,
    required: 12,
    result: "CARRIED",
    explanation: "13 of 16",
    votes: "",
  };

  it("adds to a log that verifies, and refuses (naming the entry) a log someone has altered", async () => {
    await onBoth(async (side) => {
      await setUp(side);
      await appendDecision(side.workbook, record);
      await appendDecision(side.workbook, { ...record, matter: "Second" });
      const log = await readDecisionLog(side.workbook);
      expect(log![1]!.previousHash).toBe(log![0]!.hash);
      expect(log![0]!.previousHash).toBe(GENESIS_HASH);
      side.user.editCell(DECISION_LOG.name, 0, "For", 14);
      const message = await failure(side, DECISION_LOG.name, () => appendDecision(side.workbook, { ...record, matter: "Third" }));
      expect(message).toMatch(/does not verify \(entry 1 has been changed/);
      return { log, message, chained: chainDecision(record, GENESIS_HASH).hash === log![0]!.hash };
    });
  });
});

describe("the month's figures and the Statement detail table", () => {
  const FILE = [
    "Organisation,Month,Plan,YTD plan,YTD actual,Forecast outturn,Non-recurrent YTD,Non-recurrent forecast,Efficiency plan YTD,Efficiency delivered YTD,Capital spend YTD,Capital forecast,CDEL",
    "MSEFT,12,-30000000,-30000000,-36400000.25,-36900000,11000000,12000000,42000000,32760000,70000000,70500000,68000000",
    "Mid and South Essex NHS Foundation Trust,11,-30000000,-27500000,-33000000,-37000000,10000000,12000000,38500000,30030000,58000000,70500000,68000000",
  ].join("\n");

  it("replaces only that month's rows for those organisations in the Plans and Statement detail tables, wherever a person moved the columns, and reads them back the same", async () => {
    const checked = checkMonthlyFigures(rulebook, await readFigureFile("march.csv", new TextEncoder().encode(FILE).buffer as ArrayBuffer), { year: { start: 2025 } });
    expect(checked.problems).toEqual([]);
    await onBoth(async (side) => {
      await setUp(side);
      // A person's own column in the detail table, its columns reordered, and a formula in a row the load does not touch.
      side.user.insertColumn(STATEMENT_DETAIL.name, 2, "Comment", side.view(STATEMENT_DETAIL.name)!.rows.map(() => null));
      side.user.reorderColumns(STATEMENT_DETAIL.name, ["Month", "Organisation", ...STATEMENT_DETAIL.columns.slice(2).map((c) => c.header).reverse(), "Comment"]);
      const before = side.view(STATEMENT_DETAIL.name)!;
      const untouched = before.rows.findIndex((r) => r[before.headers.indexOf("Organisation")] === "EPUT" && r[before.headers.indexOf("Month")] === 12);
      side.user.setFormula(STATEMENT_DETAIL.name, untouched, "CDEL", "=21000000*1", 21_000_000);
      side.user.editCell(STATEMENT_DETAIL.name, untouched, "Comment", "EPUT's note");
      const plansBefore = side.view(PLANS.name)!;

      const loaded = await loadMonthlyFigures(side.workbook, rulebook, checked.clean, { year: { start: 2025 }, source: "march.csv" });
      const plans = side.view(PLANS.name)!;
      const detail = side.view(STATEMENT_DETAIL.name)!;
      const isLoaded = (view: TableView) => (r: Cell[]) => r[view.headers.indexOf("Organisation")] === "MSEFT" && [11, 12].includes(r[view.headers.indexOf("Month")] as number);
      expect(plans.rows.filter((r) => !isLoaded(plans)(r))).toEqual(plansBefore.rows.filter((r) => !isLoaded(plansBefore)(r)));
      expect(plans.rows.filter(isLoaded(plans))).toHaveLength(2);
      const eputNow = detail.rows.findIndex((r) => r[detail.headers.indexOf("Organisation")] === "EPUT" && r[detail.headers.indexOf("Month")] === 12);
      expect(detail.formulas[eputNow]![detail.headers.indexOf("CDEL")]).toBe("=21000000*1");
      expect(detail.rows[eputNow]![detail.headers.indexOf("Comment")]).toBe("EPUT's note");
      expect(detail.rows.filter(isLoaded(detail)).map((r) => r[detail.headers.indexOf("Source")])).toEqual(["march.csv", "march.csv"]);
      const read = await readStatementDetail(side.workbook);
      return { loaded, plans: plans.rows, detail: detail.rows, read: JSON.stringify(read), year: await side.workbook.readSetting(FINANCIAL_YEAR_SETTING) };
    });
  });
});
