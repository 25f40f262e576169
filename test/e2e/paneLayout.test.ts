// Every panel at Excel's usual task-pane widths: nothing wider than the pane, whichever tab is open, and the tabs on one row.
import { describe, expect, it } from "vitest";
import path from "node:path";
import { ARTIFACTS, browserSuite, openTab, tabNames, openPane } from "./harness";

const artifacts = ARTIFACTS;
const suite = browserSuite();

describe("every panel in a narrow task pane", () => {
  // One page load per width; each tab in turn, measured once its panel has drawn.
  it.each([350, 420])("at %i px no tab's panel is wider than the pane", async (width) => {
    const { page, errors } = await openPane(suite, width);
    try {
      const tabs = await tabNames(page);
      expect(tabs.length).toBeGreaterThanOrEqual(6);
      // Nine tabs do not fit 350 or 420 px: some are in the menu.
      await page.getByRole("button", { name: /^More panels \(\d+\)$/ }).waitFor();
      const wide: string[] = [];
      for (const tab of tabs) {
        await openTab(page, tab);
        await page.getByRole("tabpanel").getByRole("heading").first().waitFor();
        // The tabs stay on one row, the open panel's tab in it, the rest behind "More".
        const row = await page.getByRole("tablist", { name: "Capabilities" }).boundingBox();
        const chosen = await page.getByRole("tab", { name: tab, exact: true, selected: true }).boundingBox();
        expect(chosen, `${tab}'s tab shows`).not.toBeNull();
        expect(row!.height, `the tabs on one row with ${tab} open`).toBeLessThan(chosen!.height * 1.5);
        expect(chosen!.x + chosen!.width).toBeLessThanOrEqual(width);
        // The panel reads the workbook and draws over the next moments: the widest the page gets in 1.5 s is what counts.
        const size = { scrollWidth: 0, innerWidth: 0 };
        for (let k = 0; k < 6; k++) {
          await page.waitForTimeout(250);
          const now = await page.evaluate(() => ({ scrollWidth: globalThis.document.documentElement.scrollWidth, innerWidth: globalThis.innerWidth }));
          size.scrollWidth = Math.max(size.scrollWidth, now.scrollWidth);
          size.innerWidth = now.innerWidth;
        }
        if (size.scrollWidth > size.innerWidth) {
          wide.push(`${tab}: ${size.scrollWidth} px`);
          await page.screenshot({ path: path.join(artifacts, `e2e-wide-${tab.toLowerCase().replace(/\W+/g, "-")}-${width}.png`), fullPage: true });
        }
      }
      expect(wide).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
