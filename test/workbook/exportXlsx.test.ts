import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { defaultRulebook } from "../../src/rules/presets";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { setUpWorkbook } from "../../src/workbook/setup";
import { workbookAsXlsx } from "../../src/workbook/exportXlsx";
import { writeAllocationReport } from "../../src/workbook/allocation";
import { readPlaceInputs } from "../../src/workbook/allocation";
import { runFormula, findFormula } from "../../src/rules/allocation";
import { Money } from "../../src/rules/money";
import { assess } from "../../src/rules/capital";
import { initialDraft } from "../../src/rules/scenarioDraft";
import { loadSolver } from "../../src/rules/solver";
import { rulebookVersion } from "../../src/workbook/boardPack";
import { buildBoardPack, writeBoardPack } from "../../src/workbook/boardPackData";
import { saveScenario } from "../../src/workbook/scenarios";
import { draftToScenario } from "../../src/rules/scenarioDraft";
import { saveDisplaySettings } from "../../src/workbook/displaySettings";

describe("the preview workbook as .xlsx", () => {
  it("writes every sheet and table, with reports' titles above their tables, and reads back the same rows", async () => {
    const rulebook = defaultRulebook();
    const workbook = new MemoryWorkbook();
    await setUpWorkbook(workbook, rulebook);
    const places = (await readPlaceInputs(workbook, rulebook))!;
    await writeAllocationReport(workbook, rulebook, runFormula(findFormula(rulebook, "need-weighted"), new Money(60_000_000), places, "MoU 9.7–9.9"), places);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await workbookAsXlsx(workbook)) as never);
    // The new workbook's empty Sheet1 is left out: every sheet in the file holds one of the tables; then the rulebook.
    expect(book.worksheets.map((w) => w.name)).toEqual([...workbook.sheetNames().filter((n) => n !== "Sheet1"), "Rulebook"]);
    const partners = book.getWorksheet("ICS Partners")!;
    const original = (await workbook.readTable("ICS_Partners"))!;
    expect(partners.getRow(1).values).toEqual([undefined, ...original.headers]);
    expect(partners.getRow(2).values).toEqual([undefined, ...original.rows[0]!.map((c) => c ?? undefined)]);
    expect(partners.rowCount).toBe(original.rows.length + 1);
    const allocation = book.getWorksheet("ICS Allocation")!;
    expect(allocation.getCell(1, 1).value).toBe("Place transformation allocation");
    expect(allocation.getCell(3, 1).value).toBe("Formula: Need-weighted per capita; floors and caps from the Places table; no pace-of-change limit");
  });

  it("formats money as pounds and pence and sets every sheet to print one page wide, header row repeated", async () => {
    const workbook = new MemoryWorkbook();
    await setUpWorkbook(workbook, defaultRulebook());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await workbookAsXlsx(workbook)) as never);
    const plans = book.getWorksheet("ICS Plans")!;
    const headers = (plans.getRow(1).values as unknown[]).slice(1);
    const plan = headers.indexOf("Plan") + 1;
    expect(plans.getCell(2, plan).numFmt).toBe("£#,##0.00;-£#,##0.00");
    expect(plans.getCell(2, headers.indexOf("Organisation") + 1).numFmt).toBe("@");
    // In brackets once the workbook's display choice says so, and when asked for.
    await saveDisplaySettings(workbook, { negatives: "brackets" });
    const bracketed = new ExcelJS.Workbook();
    await bracketed.xlsx.load((await workbookAsXlsx(workbook)) as never);
    expect(bracketed.getWorksheet("ICS Plans")!.getCell(2, plan).numFmt).toBe("£#,##0.00;(£#,##0.00)");
    expect(bracketed.getWorksheet("ICS Plans")!.getCell(2, headers.indexOf("Organisation") + 1).numFmt).toBe("@");
    const asked = new ExcelJS.Workbook();
    await asked.xlsx.load((await workbookAsXlsx(workbook, { negatives: "minus" })) as never);
    expect(asked.getWorksheet("ICS Plans")!.getCell(2, plan).numFmt).toBe("£#,##0.00;-£#,##0.00");
    for (const sheet of book.worksheets) {
      expect(sheet.pageSetup.fitToPage, sheet.name).toBe(true);
      expect(sheet.pageSetup.fitToWidth, sheet.name).toBe(1);
      expect(sheet.pageSetup.printTitlesRow, sheet.name).toMatch(/^\d+:\d+$/);
      expect(sheet.pageSetup.printArea, sheet.name).toMatch(/^A1:[A-Z]+\d+$/);
    }
  });
});

describe("the Board pack in the .xlsx", () => {
  it("keeps each summary sheet on one page: £ formats (£k for the control total), the totals row, the chart as a picture, the print area round it; then the scenarios and the rulebook with its version", async () => {
    const rulebook = defaultRulebook();
    const workbook = new MemoryWorkbook();
    await setUpWorkbook(workbook, rulebook);
    await saveScenario(workbook, rulebook, draftToScenario(initialDraft(rulebook), { id: "s1", name: "Winter pressures", rulebook, now: new Date("2026-01-05T10:00:00Z") }));
    const solver = await loadSolver();
    const pack = await buildBoardPack(workbook, rulebook, initialDraft(rulebook), { date: "2026-04-01", assess: async (s, x, o) => assess(s, x, o, solver) });
    const sheets = await writeBoardPack(workbook, pack.summaries, rulebook.name);
    // A 1×1 PNG stands for the chart the browser draws.
    const png = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0)).buffer;
    const charts = new Map(pack.summaries.map((s) => [s.table.name, { png, width: 640, height: 300 }]));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await workbookAsXlsx(workbook, { rulebook, charts })) as never);
    expect(book.worksheets.map((w) => w.name)).not.toContain("Sheet1");
    for (const [i, name] of sheets.entries()) {
      const summary = pack.summaries[i]!;
      const sheet = book.getWorksheet(name)!;
      expect(sheet.pageSetup.fitToPage, name).toBe(true);
      expect([sheet.pageSetup.fitToWidth, sheet.pageSetup.fitToHeight], name).toEqual([1, 1]);
      expect(sheet.pageSetup.orientation, name).toBe(summary.orientation);
      expect(sheet.headerFooter.oddHeader, name).toBe(`&L${rulebook.name}&CBoard pack&R1 April 2026`);
      expect(sheet.getImages(), name).toHaveLength(1);
      // The table's totals row: the summary's totals, exact, under the rows, in bold.
      const table = sheet.getTable(summary.table.name) as unknown as { table: { tableRef?: string; ref: string; totalsRow: boolean } };
      expect(table.table.totalsRow, name).toBe(true);
      const headerRow = [...Array(40).keys()].map((r) => r + 1).find((r) => sheet.getCell(r, 1).value === summary.table.columns[0]!.header)!;
      const totalsRow = headerRow + summary.rows.length + 1;
      summary.totals.forEach((t, c) => {
        if (typeof t === "number") {
          expect(sheet.getCell(totalsRow, c + 1).value, `${name} totals ${c}`).toBe(t);
          expect(sheet.getCell(totalsRow, c + 1).numFmt, `${name} totals ${c}`).toBe(summary.table.columns[c]!.format ?? (summary.table.columns[c]!.kind === "money" ? "£#,##0.00;-£#,##0.00" : summary.table.columns[c]!.kind === "percent" ? "0.0%" : "General"));
        }
      });
      const image = sheet.getImages()[0]!;
      const imageBottom = Math.ceil(image.range.tl.nativeRow + 300 / 20);
      const area = sheet.pageSetup.printArea!.match(/^A1:([A-Z]+)(\d+)$/)!;
      expect(Number(area[2]), name).toBeGreaterThanOrEqual(imageBottom);
    }
    const control = book.getWorksheet(sheets[0]!)!;
    const planCell = [...Array(40).keys()].map((r) => control.getRow(r + 1)).find((row) => row.getCell(1).value === pack.summaries[0]!.rows[0]![0])!.getCell(3);
    expect(planCell.numFmt).toBe('£#,##0,"k";-£#,##0,"k"');
    // In brackets, every money cell of every summary (£k and pounds, body and totals row) and no other.
    await saveDisplaySettings(workbook, { negatives: "brackets" });
    await writeBoardPack(workbook, pack.summaries, rulebook.name);
    const bracketed = new ExcelJS.Workbook();
    await bracketed.xlsx.load((await workbookAsXlsx(workbook, { rulebook, charts })) as never);
    for (const [i, name] of sheets.entries()) {
      const summary = pack.summaries[i]!;
      const sheet = bracketed.getWorksheet(name)!;
      const headerRow = [...Array(40).keys()].map((r) => r + 1).find((r) => sheet.getCell(r, 1).value === summary.table.columns[0]!.header)!;
      summary.table.columns.forEach((c, k) => {
        for (const r of [headerRow + 1, headerRow + summary.rows.length + 1]) {
          const format = sheet.getCell(r, k + 1).numFmt;
          if (c.kind === "money") expect(format, `${name} ${c.header}`).toBe(c.header.includes("£k") ? '£#,##0,"k";(£#,##0,"k")' : "£#,##0.00;(£#,##0.00)");
          else expect(format ?? "", `${name} ${c.header}`).not.toContain("(£");
        }
      });
    }
    const allocation = book.getWorksheet(sheets[1]!)!;
    expect(allocation.getCell(2, 1).font?.bold).toBe(true);
    const scenarios = book.getWorksheet("Scenarios")!;
    expect(scenarios.getColumn(1).values).toContain("Winter pressures");
    const rules = book.getWorksheet("Rulebook")!;
    expect(rules.getRow(4).values).toEqual([undefined, "Rulebook version", rulebookVersion(rulebook)]);
  }, 60_000);
});
