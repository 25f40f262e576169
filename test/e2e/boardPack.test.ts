// The Board pack as a user makes it in the browser preview at 350 and 420 px: the pages in the pane without sideways
// scrolling, one printed page per summary, and the downloaded workbook's summary sheets read back by ExcelJS.
import { describe, expect, it } from "vitest";
import path from "node:path";
import ExcelJS from "exceljs";
import { ARTIFACTS, browserSuite, openPane } from "./harness";

const artifacts = ARTIFACTS;
const SUMMARY_SHEETS = ["Board pack - Control total", "Board pack - Allocation", "Board pack - Plan alignment", "Board pack - Capital"];
const suite = browserSuite();

describe("the Board pack in the browser preview", () => {
  it.each([350, 420])("at %i px: four pages, each a printed page of its own, and a downloaded workbook that keeps them", async (width) => {
    const { page, errors } = await openPane(suite, width);
    try {
      await page.getByRole("button", { name: "Board pack", exact: true }).click();
      const pages = page.locator(".ics-board-pages .ics-board-page");
      await page.getByRole("region", { name: "Board pack: Capital prioritisation" }).waitFor({ timeout: 60_000 });
      expect(await pages.count()).toBe(4);
      const size = await page.evaluate(() => ({ scrollWidth: globalThis.document.documentElement.scrollWidth, innerWidth: globalThis.innerWidth }));
      expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
      await page.screenshot({ path: path.join(artifacts, `e2e-board-pack-${width}.png`), fullPage: true });

      // In print: only the pages, each breaking to a new sheet of paper.
      await page.emulateMedia({ media: "print" });
      const print = await page.evaluate(() => {
        const all = [...globalThis.document.querySelectorAll<HTMLElement>(".ics-board-print .ics-board-page")];
        const app = globalThis.document.getElementById("container") ?? globalThis.document.body.firstElementChild!;
        return {
          pages: all.length,
          breaks: all.filter((p) => getComputedStyle(p).breakAfter === "page").length,
          shown: all.every((p) => p.getBoundingClientRect().height > 0),
          paneHidden: getComputedStyle(app).display === "none",
        };
      });
      expect(print).toEqual({ pages: 4, breaks: 4, shown: true, paneHidden: true });
      if (width === 420) {
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, path: path.join(artifacts, "e2e-board-pack.pdf") });
        // One printed page per summary: a PDF's page objects, counted.
        expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length).toBe(4);
      }
      await page.emulateMedia({ media: "screen" });

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download .xlsx" }).click()]);
      const saved = path.join(artifacts, `e2e-board-pack-${width}.xlsx`);
      await download.saveAs(saved);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(saved);
      const names = book.worksheets.map((w) => w.name);
      expect(names).not.toContain("Sheet1");
      expect(names).toEqual(expect.arrayContaining([...SUMMARY_SHEETS, "Scenarios", "Rulebook"].filter((n) => n !== "Scenarios")));
      for (const name of SUMMARY_SHEETS) {
        const sheet = book.getWorksheet(name)!;
        expect(sheet.pageSetup.fitToPage, name).toBe(true);
        expect([sheet.pageSetup.fitToWidth, sheet.pageSetup.fitToHeight], name).toEqual([1, 1]);
        expect(sheet.pageSetup.printArea, name).toMatch(/^A1:[A-Z]+\d+$/);
        expect(sheet.getImages(), `${name}: its chart as a picture`).toHaveLength(1);
        // A totals row, in bold, with a £ format on its money.
        let totals: ExcelJS.Row | undefined;
        sheet.eachRow((row) => {
          if (["System total", "Total", "All flows"].includes(String(row.getCell(1).value)) || String(row.getCell(2).value) === "Total") totals = row;
        });
        expect(totals, `${name}: a totals row`).toBeDefined();
        const money: string[] = [];
        totals!.eachCell((cell) => {
          if (typeof cell.value === "number" && cell.numFmt?.startsWith("£")) money.push(cell.numFmt);
        });
        expect(money.length, `${name}: money in the totals row in £`).toBeGreaterThan(0);
        expect(totals!.getCell(1).font?.bold || totals!.getCell(2).font?.bold, name).toBe(true);
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});
