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

describe("the preview workbook as .xlsx", () => {
  it("writes every sheet and table, with reports' titles above their tables, and reads back the same rows", async () => {
    const rulebook = defaultRulebook();
    const workbook = new MemoryWorkbook();
    await setUpWorkbook(workbook, rulebook);
    const places = (await readPlaceInputs(workbook, rulebook))!;
    await writeAllocationReport(workbook, rulebook, runFormula(findFormula(rulebook, "need-weighted"), new Money(60_000_000), places, "MoU 9.7–9.9"), places);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await workbookAsXlsx(workbook)) as never);
    // The new workbook's empty Sheet1 is left out: every sheet in the file holds one of the tables.
    expect(book.worksheets.map((w) => w.name)).toEqual(workbook.sheetNames().filter((n) => n !== "Sheet1"));
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
    for (const sheet of book.worksheets) {
      expect(sheet.pageSetup.fitToPage, sheet.name).toBe(true);
      expect(sheet.pageSetup.fitToWidth, sheet.name).toBe(1);
      expect(sheet.pageSetup.printTitlesRow, sheet.name).toMatch(/^\d+:\d+$/);
      expect(sheet.pageSetup.printArea, sheet.name).toMatch(/^A1:[A-Z]+\d+$/);
    }
  });
});
