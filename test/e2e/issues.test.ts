// The Issue resolution section in a narrow task pane, in headless Chromium: opened, an issue's history and next step,
// the new-issue form, all within 350 and 420 px with no accessibility violations inside the section; a step recorded.
import { describe, expect, it } from "vitest";
import path from "node:path";
import type { Page } from "playwright-core";
import { ARTIFACTS, axeViolations, browserSuite, openTab, openPane } from "./harness";

const suite = browserSuite();

/** The widest the page gets over the next 1.5 s, against the pane's width (the section reads the workbook and draws meanwhile). */
async function widest(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  const size = { scrollWidth: 0, innerWidth: 0 };
  for (let k = 0; k < 6; k++) {
    await page.waitForTimeout(250);
    const now = await page.evaluate(() => ({ scrollWidth: globalThis.document.documentElement.scrollWidth, innerWidth: globalThis.innerWidth }));
    size.scrollWidth = Math.max(size.scrollWidth, now.scrollWidth);
    size.innerWidth = now.innerWidth;
  }
  return size;
}

/** axe-core's violations inside the section only (the rest of the pane is other tests' to judge). */
async function sectionViolations(page: Page): Promise<string[]> {
  await axeViolations(page);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; help: string; nodes: { target: string[] }[] }[] };
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<Result> } }).axe;
    const result = await axe.run({ include: [['[data-testid="issues-section"]']], exclude: [["[data-tabster-dummy]"]] }, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  });
}

describe("the Issue resolution section in a narrow task pane", () => {
  it.each([350, 420])("at %i px fits the pane, opened with an issue and the new-issue form, and records a step", async (width) => {
    const { page, errors } = await openPane(suite, width);
    try {
      await openTab(page, "Decisions");
      await page.getByRole("button", { name: "Issue resolution" }).click();
      await page.getByTestId("issue-preconditions").getByText("Precondition: SLE could not reach consensus on issue ISS-001 (MoU 8.3–8.4)").waitFor();
      await page.getByRole("button", { name: "Open issue MEA-001" }).click();
      const form = page.getByRole("form", { name: "Record the next step of issue MEA-001" });
      await form.getByLabel("Votes").waitFor();
      await page.getByRole("button", { name: "Open a new issue" }).click();
      await page.getByRole("form", { name: "Open an issue" }).waitFor();
      const size = await widest(page);
      await page.getByRole("region", { name: "Issue MEA-001" }).screenshot({ path: path.join(ARTIFACTS, `e2e-issues-${width}.png`) });
      if (size.scrollWidth > size.innerWidth) await page.screenshot({ path: path.join(ARTIFACTS, `e2e-wide-issues-${width}.png`), fullPage: true });
      expect(size.scrollWidth, "nothing wider than the pane").toBeLessThanOrEqual(size.innerWidth);
      expect(await sectionViolations(page)).toEqual([]);

      await form.getByLabel("Outcome").selectOption({ label: "Decided by simple majority, final and binding; not accepted" });
      await form.getByLabel("Date").fill("2026-11-02");
      await form.getByLabel("Votes").fill("CHC: for; MDC: for; ICB-ME: against");
      await form.getByRole("button", { name: "Record step" }).click();
      await page.getByTestId("issue-outcome").getByText("Recorded: issue MEA-001. At The partners not accepting: let it rest, or exit (MEA MoU 10).").waitFor();
      const after = await widest(page);
      expect(after.scrollWidth).toBeLessThanOrEqual(after.innerWidth);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
