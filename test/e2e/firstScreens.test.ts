// The first screen of Allocation, Plan alignment and Scenarios at 350 px: the answer and the action that matters within it, and what an action did shown by it with focus.
import { describe, expect, it } from "vitest";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { ARTIFACTS, browserSuite, openTab, openPane } from "./harness";

/** The panel's first screen: how far below the top of the panel (under the pane's header and tabs) the answer must sit. */
const FIRST_SCREEN = 600;
const suite = browserSuite();

/** How far the bottom of the element is below the top of the open panel, in px. */
async function depth(page: Page, element: Locator): Promise<number> {
  const panel = await page.getByRole("tabpanel").boundingBox();
  const box = await element.boundingBox();
  if (!panel || !box) throw new Error("not laid out");
  return box.y + box.height - panel.y;
}

/** Whether the element is on screen now (scrolled to by the page itself, not by the test): whole, or from its top when taller than the screen. */
const onScreen = (element: Locator) =>
  element.evaluate((e) => {
    const r = e.getBoundingClientRect();
    // A pixel either way: scrolling lands on fractions of one.
    return r.top >= -1 && (r.bottom <= globalThis.innerHeight + 1 || (r.height > globalThis.innerHeight && r.top < 50));
  });

const noOverflow = (page: Page) => page.evaluate(() => globalThis.document.documentElement.scrollWidth <= globalThis.innerWidth);

describe("first screens in a narrow task pane", () => {
  it("at 350 px Allocation, Plan alignment and Scenarios show the answer and their action first, and their outcomes by the action with focus", async () => {
    const { page, errors } = await openPane(suite, 350);
    try {

      // Allocation: what the fund comes to by the formula, and writing it or taking it to the Board.
      await openTab(page, "Allocation");
      const allocation = page.getByTestId("allocation-explanation");
      await allocation.waitFor();
      const write = page.getByRole("button", { name: "Write allocation" });
      const toBoard = page.getByRole("button", { name: "Take to Board decision" });
      const placed = { answer: await depth(page, allocation), write: await depth(page, write), board: await depth(page, toBoard) };
      await page.screenshot({ path: path.join(ARTIFACTS, "e2e-first-screen-allocation-350.png") });
      expect(placed.answer).toBeLessThanOrEqual(FIRST_SCREEN);
      expect(placed.write).toBeLessThanOrEqual(FIRST_SCREEN);
      expect(placed.board).toBeLessThanOrEqual(FIRST_SCREEN);
      await expect(noOverflow(page)).resolves.toBe(true);

      // Plan alignment: how many mismatches and how much is unexplained, and the report.
      await openTab(page, "Plan alignment");
      const headline = page.getByTestId("alignment-headline");
      await headline.waitFor();
      await expect(headline.textContent()).resolves.toMatch(/^4 mismatches above materiality, £[\d.]+m unexplained/);
      const report = page.getByRole("button", { name: "Write alignment report" });
      const found = { headline: await depth(page, headline), report: await depth(page, report) };
      await page.screenshot({ path: path.join(ARTIFACTS, "e2e-first-screen-alignment-350.png") });
      expect(found.headline).toBeLessThanOrEqual(FIRST_SCREEN);
      expect(found.report).toBeLessThanOrEqual(FIRST_SCREEN);
      // The details are sections that close and open again.
      const differences = page.getByRole("button", { name: /^Differences, largest first/ });
      await differences.click();
      await page.getByRole("table", { name: "Differences, largest first" }).waitFor({ state: "detached" });
      await differences.click();
      // A flow chosen from the list further down opens its lines under the answer, in view with focus.
      await page.getByRole("button", { name: "Show the lines of MSEFT ← ICB-CPR, Clinical contract" }).click();
      const lines = page.getByRole("group", { name: "Lines for MSEFT ← ICB-CPR, Clinical contract" });
      await expect.poll(() => lines.evaluate((e) => e === globalThis.document.activeElement)).toBe(true);
      await expect(onScreen(lines)).resolves.toBe(true);
      await report.click();
      const written = page.getByTestId("action-outcome").filter({ hasText: "Alignment report written" });
      await written.waitFor();
      await expect.poll(() => written.evaluate((e) => e === globalThis.document.activeElement)).toBe(true);
      await expect(onScreen(written)).resolves.toBe(true);
      await expect(noOverflow(page)).resolves.toBe(true);

      // Scenarios: with nothing saved the answer says what to do, and saving is the action; then two compared.
      await openTab(page, "Scenarios");
      const answer = page.getByTestId("scenarios-headline");
      await answer.getByText(/^No scenarios saved in this workbook yet/).waitFor();
      const save = page.getByRole("button", { name: "Save as new scenario" });
      expect(await depth(page, answer)).toBeLessThanOrEqual(FIRST_SCREEN);
      expect(await depth(page, save)).toBeLessThanOrEqual(FIRST_SCREEN);
      for (const name of ["Plan as submitted", "Higher fund"]) {
        if (name === "Higher fund") {
          await openTab(page, "Allocation");
          await page.getByLabel("Fund to allocate (£)").fill("60,345,678.91");
          await openTab(page, "Scenarios");
        }
        await page.getByLabel("New scenario name").fill(name);
        await save.click();
        const saved = page.getByTestId("action-outcome").filter({ hasText: `Saved the current inputs as "${name}"` });
        await saved.waitFor();
        await expect.poll(() => saved.evaluate((e) => e === globalThis.document.activeElement)).toBe(true);
        await expect(onScreen(saved)).resolves.toBe(true);
      }
      await page.getByRole("checkbox", { name: "Compare Plan as submitted" }).check();
      await page.getByRole("checkbox", { name: "Compare Higher fund" }).check();
      const sentence = answer.getByText(/^"Higher fund" against "Plan as submitted": /);
      await sentence.waitFor({ timeout: 60_000 });
      await expect(sentence.textContent()).resolves.toContain("Fund +£0.35m");
      await page.evaluate(() => globalThis.scrollTo(0, 0));
      await page.screenshot({ path: path.join(ARTIFACTS, "e2e-first-screen-scenarios-350.png") });
      expect(await depth(page, answer)).toBeLessThanOrEqual(FIRST_SCREEN);
      expect(await depth(page, save)).toBeLessThanOrEqual(FIRST_SCREEN);
      await expect(noOverflow(page)).resolves.toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
