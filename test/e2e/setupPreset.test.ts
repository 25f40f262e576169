// Choosing North East and North Cumbria at set-up in a 350 px pane: the choice fits, the rulebook follows, and no panel is wider than the pane.
import { describe, expect, it } from "vitest";
import path from "node:path";
import { ARTIFACTS, browserSuite, openTab, tabNames } from "./harness";

const artifacts = ARTIFACTS;
const suite = browserSuite();

const overflow = () => ({ scrollWidth: globalThis.document.documentElement.scrollWidth, innerWidth: globalThis.innerWidth });

describe("set-up chooses the system", () => {
  it("at 350 px: North East and North Cumbria chosen, stored and in force, its ICPs on the Control total, no panel wider than the pane", async () => {
    const page = await suite.browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      await page.setViewportSize({ width: 350, height: 900 });
      await page.goto(`${suite.served.origin}/taskpane.html`);
      const choice = page.getByRole("radio", { name: "North East and North Cumbria (sample data)" });
      await choice.waitFor();
      // The choice itself fits the pane.
      const card = await page.evaluate(overflow);
      expect(card.scrollWidth).toBeLessThanOrEqual(card.innerWidth);
      await choice.check();
      await page.getByRole("button", { name: "Set up workbook" }).click();
      await page.getByText(/^Created \d+ tables with the sample data\.$/).waitFor();
      await page.getByText(/Rules: North East and North Cumbria Integrated Care System \(stored with this workbook\)/).waitFor();

      await openTab(page, "Control total");
      const icps = page.getByRole("table", { name: "ICPs: reserves and offsetting" });
      await icps.waitFor();
      // Each ICP heads its row (its RAG badge beside the name).
      for (const icp of ["North ICP", "Central ICP", "South ICP", "North Cumbria ICP"]) await icps.getByText(new RegExp(`^${icp}`)).first().waitFor();

      const tabs = await tabNames(page);
      const wide: string[] = [];
      for (const tab of tabs) {
        await openTab(page, tab);
        await page.getByRole("tabpanel").getByRole("heading").first().waitFor();
        let widest = { scrollWidth: 0, innerWidth: 0 };
        for (let k = 0; k < 6; k++) {
          await page.waitForTimeout(250);
          const now = await page.evaluate(overflow);
          widest = { scrollWidth: Math.max(widest.scrollWidth, now.scrollWidth), innerWidth: now.innerWidth };
        }
        if (widest.scrollWidth > widest.innerWidth) {
          wide.push(`${tab}: ${widest.scrollWidth} px`);
          await page.screenshot({ path: path.join(artifacts, `e2e-nenc-wide-${tab.toLowerCase().replace(/\W+/g, "-")}-350.png`), fullPage: true });
        }
      }
      expect(wide).toEqual([]);
      // The Decisions panel runs under NENC's rule.
      await openTab(page, "Decisions");
      await expect.poll(() => page.getByRole("combobox", { name: "Decision rule" }).inputValue()).toBe("mg-consensus");
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
