// The Rulebook tab in a 350 px and a 420 px pane: Rules sheets exported as .xlsx with a threshold edited (as a person
// would in Excel) imported and put in force, the version going up with its change log entry; the rules in force exported
// as .xlsx again carry the edit; nothing wider than the pane.
import { describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { defaultRulebook } from "../../src/rules/presets";
import { readRulesXlsx, rulesSheetsAsXlsx } from "../../src/workbook/rulesXlsx";
import { ARTIFACTS, browserSuite, openTab, openPane } from "./harness";

const suite = browserSuite();

const overflow = () => ({ scrollWidth: globalThis.document.documentElement.scrollWidth, innerWidth: globalThis.innerWidth });

/** The Mid and South Essex Rules sheets as .xlsx with the capital threshold raised to 80%, saved where the browser can pick it. */
async function editedRulesFile(): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await rulesSheetsAsXlsx(defaultRulebook())) as never);
  const sheet = book.getWorksheet("ICS Rules decisions")!;
  const headers = sheet.getRow(1).values as unknown[];
  sheet.getCell(2, headers.indexOf("Threshold")).value = 0.8;
  sheet.getCell(2, headers.indexOf("Wording")).value = "not less than 80%";
  const file = path.join(ARTIFACTS, "e2e-rules-80.xlsx");
  await writeFile(file, Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer));
  return file;
}

/** The widest the page has been over a moment (charts and lazy parts settle), against the pane's width. */
async function widest(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  let most = { scrollWidth: 0, innerWidth: 0 };
  for (let k = 0; k < 4; k++) {
    await page.waitForTimeout(200);
    const now = await page.evaluate(overflow);
    most = { scrollWidth: Math.max(most.scrollWidth, now.scrollWidth), innerWidth: now.innerWidth };
  }
  return most;
}

describe("the Rulebook tab", () => {
  it.each([350, 420])("at %i px: an edited threshold imported from the Rules sheets' .xlsx is put in force as version 2, logged, exported again, and nothing overflows", async (width) => {
    const { page, errors } = await openPane(suite, width);
    try {
      await openTab(page, "Rulebook");
      const version = page.getByTestId("rulebook-version");
      await expect.poll(() => version.textContent()).toMatch(/^Version 1 · [0-9a-f]{8}/);
      // Set-up started the log at version 1.
      await page.getByRole("list", { name: "Change log" }).getByText("Set up from preset Mid and South Essex").waitFor();
      expect((await widest(page)).scrollWidth).toBeLessThanOrEqual(width);

      await page.getByLabel("Who is putting the rules in force").fill("A. Chair");
      await page.getByLabel(/^Why/).fill("SFLG 1 April: capital priorities need 80%");
      await page.getByLabel("Rulebook file to import").setInputFiles(await editedRulesFile());
      await page.getByText("Version 2 is in force").first().waitFor({ timeout: 30_000 });
      await expect.poll(() => version.textContent()).toMatch(/^Version 2 · [0-9a-f]{8}/);
      const log = page.getByRole("list", { name: "Change log" });
      await log.getByText("Decision rule pb-capital threshold 75% → 80%").first().waitFor();
      await log.getByText("SFLG 1 April: capital priorities need 80%").waitFor();
      await log.getByText(/^Version 2 · .* · A\. Chair$/).waitFor();
      const after = await widest(page);
      await page.screenshot({ path: path.join(ARTIFACTS, `e2e-rulebook-${width}.png`), fullPage: true });
      expect(after.scrollWidth).toBeLessThanOrEqual(width);

      // The rules in force, exported as .xlsx, carry the new threshold.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export Rules sheets (.xlsx)" }).click()]);
      expect(download.suggestedFilename()).toBe("mid-south-essex-rulebook-v2.xlsx");
      const saved = path.join(ARTIFACTS, `e2e-rulebook-v2-${width}.xlsx`);
      await download.saveAs(saved);
      const { readFile } = await import("node:fs/promises");
      const bytes = await readFile(saved);
      const read = await readRulesXlsx("v2.xlsx", bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      expect(read.ok && read.records.decisions![0]!["Threshold"]).toBe(0.8);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
