// The Capital panel at Excel's usual task-pane widths: nothing wider than the pane, and at most three screens tall.
import { describe, expect, it } from "vitest";
import path from "node:path";
import { ARTIFACTS, browserSuite, openTab, openPane } from "./harness";

const artifacts = ARTIFACTS;
/** A screen is the 900 px of the test's viewport; the issue allows the Capital panel three of them from 400 px wide. */
const THREE_SCREENS = 2_700;
const suite = browserSuite();

describe("the Capital panel in a narrow task pane", () => {
  // One page load per width: set up the sample workbook, open Capital, measure once the proven portfolio shows.
  it.each([350, 400, 420])("at %i px: no horizontal overflow, and within three screens from 400 px", async (width) => {
    const { page, errors } = await openPane(suite, width);
    try {
      await openTab(page, "Capital");
      await page.getByTestId("capital-summary").waitFor({ timeout: 30_000 });
      await page.getByRole("table", { name: "Schemes ranked by weighted score" }).waitFor();
      const size = await page.evaluate(() => ({
        scrollWidth: globalThis.document.documentElement.scrollWidth,
        innerWidth: globalThis.innerWidth,
        height: globalThis.document.body.scrollHeight,
      }));
      await page.screenshot({ path: path.join(artifacts, `e2e-capital-${width}.png`), fullPage: true });
      expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
      if (width >= 400) expect(size.height).toBeLessThanOrEqual(THREE_SCREENS);
      // Every collapsed section still opens, and a scheme's row opens to its breakdown and lock.
      await page.getByRole("button", { name: /^Weights/ }).click();
      await page.getByRole("slider", { name: "Financial improvement" }).waitFor();
      await page.getByRole("button", { name: /^Rank 1, / }).click();
      await page.getByRole("combobox", { name: /^Lock / }).waitFor();
      const opened = await page.evaluate(() => globalThis.document.documentElement.scrollWidth);
      expect(opened).toBeLessThanOrEqual(size.innerWidth);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
