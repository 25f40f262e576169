import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import ExcelJS from "exceljs";
import { axeViolations, launchBrowser, openTab, serveDist, type Served } from "./harness";
import { RETURN_COLUMNS, RETURN_SHEET } from "../../src/workbook/partnerReturns";

const artifacts = path.resolve(__dirname, "../../test-results");
let served: Served;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const requests: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  served = await serveDist();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

async function vote(member: string, choice: "For" | "Against" | "Abstain" | "Absent" | "Excluded") {
  await page.getByLabel(`Vote of ${member}`, { exact: true }).selectOption({ label: choice });
}

/** The preview's workbook tab, once its panel (loaded on demand) is showing. */
async function openPreview() {
  await openTab(page, "Preview workbook");
  await page.getByRole("heading", { name: "Preview workbook" }).waitFor();
}

/** The proposer, chosen from the body's register: a decision is not recorded without one. */
async function propose(member = "Chief Executive, NHS Mid and South Essex ICB") {
  await page.getByLabel("Proposer").selectOption({ label: member });
}

const PLACE_LEADS = ["Place Lead, Thurrock", "Place Lead, South East Essex", "Place Lead, Mid Essex", "Place Lead, Basildon and Brentwood"];

describe("the browser preview, end to end in headless Chromium", () => {
  it("opens on the in-memory workbook and sets up the sample data", async () => {
    await page.goto(`${served.origin}/taskpane.html`);
    await page.getByRole("heading", { name: "ICS Finance" }).waitFor();
    await expect(page.getByText("Browser preview").first().isVisible()).resolves.toBe(true);
    await page.getByRole("button", { name: "Set up workbook" }).click();
    await page.getByText(/^Created \d+ tables with the sample data\.$/).waitFor();
    await page.screenshot({ path: path.join(artifacts, "e2e-home.png"), fullPage: true });
    await page.getByRole("button", { name: "Open Decisions" }).click();
    await page.getByLabel("Vote of Clinical Lead, Mid Essex Alliance").waitFor();
  });

  it("records a Partnership Board vote that carries at exactly 75% (12 of 16)", async () => {
    await page.getByLabel("Decision rule").selectOption("pb-capital");
    await page.getByLabel("Matter being decided").fill("Capital priorities 2026/27");
    await page.getByRole("button", { name: "All eligible For" }).click();
    for (const lead of PLACE_LEADS) await vote(lead, "Against");
    const result = page.getByTestId("decision-result");
    await expect(result.textContent()).resolves.toContain("12 of 16 eligible members for (75.0%); needs 12");
    await expect(result.textContent()).resolves.toMatch(/^Carries/);
    await propose();
    await page.getByRole("button", { name: "Record decision" }).click();
    await page.getByText("Recorded in the decision log: CARRIED — Capital priorities 2026/27.").waitFor();
  });

  it("records one just below that does not carry (11 of 15)", async () => {
    await page.getByLabel("Decision rule").selectOption("pb-transformation");
    await page.getByLabel("Matter being decided").fill("Transformation apportionment 2026/27");
    await page.getByRole("button", { name: "All eligible For" }).click();
    await vote("Clinical Lead, Thurrock Alliance", "Excluded");
    for (const lead of PLACE_LEADS) await vote(lead, "Against");
    const result = page.getByTestId("decision-result");
    await expect(result.textContent()).resolves.toContain("11 of 15 eligible members for (73.3%); needs 12");
    await expect(result.textContent()).resolves.toContain("Needs 1 more For vote.");
    await propose();
    await page.getByRole("button", { name: "Record decision" }).click();
    await page.getByText("Recorded in the decision log: NOT CARRIED — Transformation apportionment 2026/27.").waitFor();
  });

  it("shows the quorum live and will not record without it, naming what is missing", async () => {
    await page.getByLabel("Decision rule").selectOption("icp-majority");
    await page.getByLabel("Matter being decided").fill("Community diagnostic centre, Thurrock");
    await vote("Deputy Chief Executive, Mid and South Essex NHS Foundation Trust", "For");
    await expect(page.getByTestId("quorum-status").textContent()).resolves.toBe("Not quorate 1 present, the rule needs 20 (illustrative: agree locally, ICP ToR, Voting)");
    await expect(page.getByTestId("record-missing").textContent()).resolves.toBe(
      "To record the decision: choose the proposer; not quorate: 1 present, the rule needs 20 (illustrative: agree locally, ICP ToR, Voting).",
    );
    await expect(page.getByRole("button", { name: "Record decision" }).isDisabled()).resolves.toBe(true);
    await page.getByText("Excluded: conflict").first().waitFor();
    await page.getByLabel("Decision rule").selectOption("pb-capital");
    await page.getByLabel("Matter being decided").fill("");
  });

  it("shows that the decision log verifies, and keeps both entries in the workbook", async () => {
    const status = page.getByTestId("log-status");
    await status.getByText("Decision log verifies").waitFor();
    await expect(status.textContent()).resolves.toContain("2 entries");
    // The recorded decisions, opened, fit a 350 px pane: nothing wider than the page.
    await page.getByRole("button", { name: "Recorded decisions (2)" }).click();
    await page.getByTestId("log-entry-2").getByText("NOT CARRIED — Transformation apportionment 2026/27").waitFor();
    await page.setViewportSize({ width: 350, height: 900 });
    // Once the pane has laid itself out at the new width (the tab row measures again, "More" may load): no wider than it.
    await expect.poll(() => page.evaluate(() => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(artifacts, "e2e-recorded-decisions-350.png"), fullPage: true });
    await page.setViewportSize({ width: 420, height: 900 });
    await page.screenshot({ path: path.join(artifacts, "e2e-decisions.png"), fullPage: true });
    await openPreview();
    const log = page.getByRole("table", { name: "ICS_DecisionLog" });
    await expect(log.getByRole("row").count()).resolves.toBe(3);
    await page.screenshot({ path: path.join(artifacts, "e2e-workbook.png"), fullPage: true });
  });

  it("tracks the control total: the system position, the ladder, a what if, and the report sheet", async () => {
    await openTab(page, "Control total");
    const system = page.getByTestId("system-position");
    await system.getByText("System position, March").waitFor();
    await expect(system.textContent()).resolves.toContain("-£7.30m");
    const organisations = page.getByRole("table", { name: "Organisations inside the control total" });
    await expect(organisations.getByRole("row", { name: /MSEFT/ }).textContent()).resolves.toContain("Organisational improvement plan");
    await page.screenshot({ path: path.join(artifacts, "e2e-control-total.png"), fullPage: true });

    await page.getByLabel("Organisation", { exact: true }).selectOption("MSEFT");
    await page.getByLabel("Forecast outturn (£)").fill("-30,000,000");
    await system.getByText("What if").waitFor();
    await expect(system.textContent()).resolves.toContain("-£0.80m");
    await expect(organisations.getByRole("row", { name: /MSEFT/ }).textContent()).resolves.not.toContain("improvement plan");
    await page.screenshot({ path: path.join(artifacts, "e2e-control-total-what-if.png"), fullPage: true });

    await page.getByRole("button", { name: "Write report" }).click();
    await page.getByText('Report written to the sheet "ICS Control total report".').waitFor();
    await openPreview();
    const report = page.getByRole("table", { name: "ICS_ControlTotalReport" });
    // The sheet's figures, not the what if: six organisations inside the control total, MSEFT most adverse.
    await expect(report.getByRole("row").count()).resolves.toBe(7);
    await expect(report.getByRole("row").nth(1).textContent()).resolves.toContain("Mid and South Essex NHS Foundation Trust");
    await openTab(page, "Control total");
  });

  it("allocates the transformation fund to Places, compares formulas, writes the allocation and takes it to the Board", async () => {
    await openTab(page, "Allocation");
    const explanation = page.getByTestId("allocation-explanation");
    await explanation.waitFor();
    await expect(explanation.textContent()).resolves.toContain("Need-weighted per capita: £60,000,000.00 to 4 Places");
    await page.getByLabel("Pace of change (%)").fill("2");
    const places = page.getByRole("table", { name: /^Allocation by Place/ });
    await expect(places.getByRole("row", { name: /^Mid Essex/ }).textContent()).resolves.toContain("£18,522,000.00");
    const compared = page.getByRole("table", { name: "Formulas compared" });
    await expect(compared.getByRole("row", { name: /^Thurrock/ }).textContent()).resolves.toContain("£9.00m");
    await page.screenshot({ path: path.join(artifacts, "e2e-allocation.png"), fullPage: true });

    await page.getByRole("button", { name: "Write allocation" }).click();
    await page.getByText('Allocation written to the sheet "ICS Allocation".').waitFor();
    await page.getByRole("button", { name: "Take to Board decision" }).click();
    await expect(page.getByLabel("Decision rule").inputValue()).resolves.toBe("pb-transformation");
    await expect(page.getByLabel("Matter being decided").inputValue()).resolves.toMatch(/^Apportionment of £60,000,000.00 transformation funding/);
    await page.getByRole("button", { name: "All eligible For" }).click();
    await propose();
    await page.getByRole("button", { name: "Record decision" }).click();
    await page.getByText(/Recorded in the decision log: CARRIED — Apportionment of £60,000,000.00/).waitFor();

    await openPreview();
    const allocation = page.getByRole("table", { name: "ICS_Allocation" });
    await expect(allocation.getByRole("row").count()).resolves.toBe(5);
    await expect(page.getByRole("table", { name: "ICS_DecisionLog" }).getByRole("row").count()).resolves.toBe(4);
  });

  it("aligns plans pair by pair: matrix, drill-down to the lines, an imported return, the log and the sharing report", async () => {
    await openTab(page, "Plan alignment");
    const summary = page.getByTestId("alignment-summary");
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toContain("28 plan lines make 16 flows");
    await page.getByRole("button", { name: "MSEFT receiving from ICB-CPR: Mismatch" }).click();
    await page.getByRole("button", { name: "Select lines in the sheet" }).click();
    await page.getByText("Selected 2 lines in the Plan lines table (rows 9, 10).").waitFor();
    await page.screenshot({ path: path.join(artifacts, "e2e-alignment.png"), fullPage: true });

    // EPUT's missing return, as a real .xlsx file through the file picker: parsed in the page by ExcelJS.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(RETURN_SHEET);
    sheet.addRow(RETURN_COLUMNS);
    sheet.addRow(["EPUT", "ICB-ME", "Income", "Clinical contract", 38_400_000, "No"]);
    sheet.addRow(["EPUT", "ICB-STH", "Income", "Clinical contract", 22_100_000, "No"]);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    await page.getByLabel("Plan return files").setInputFiles({ name: "EPUT return.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
    await page.getByText("Imported EPUT: 2 lines in, 0 earlier lines of theirs replaced.").waitFor();
    await expect(summary.textContent()).resolves.toContain("30 plan lines make 16 flows");

    await page.getByRole("button", { name: "Add new mismatches to the log" }).click();
    await page.getByText(/to the resolution log as Open\./).waitFor();
    await page.getByRole("button", { name: "Write alignment report" }).click();
    await page.getByText(/Alignment report written to the sheet "ICS Alignment report"/).waitFor();
    await openPreview();
    const report = page.getByRole("table", { name: "ICS_AlignmentReport" });
    await expect(report.getByRole("row").last().textContent()).resolves.toContain("Competition-sensitive lines");
    await expect(page.getByRole("table", { name: "ICS_PlanLines" }).locator("tr[aria-selected=true]").count()).resolves.toBe(2);
  });

  it("prioritises capital: the proven portfolio in a worker, each objective beside the ranked list, sensitivity, the frontier, and the Board's 75% decision", async () => {
    await openTab(page, "Capital");
    const summary = page.getByTestId("capital-summary");
    await summary.waitFor({ timeout: 30_000 });
    await expect(summary.textContent()).resolves.toContain("Maximise score-weighted spend (score × cost, counted in £k)");
    await expect(summary.textContent()).resolves.toContain("proven to the penny");
    await expect(page.getByTestId("capital-comparison").textContent()).resolves.toBe("Funding down the ranked list gives the same portfolio.");
    await page.screenshot({ path: path.join(artifacts, "e2e-capital-default.png"), fullPage: true });
    // The total score objective prefers many smaller schemes: the panel says what it adds and drops against the list.
    await page.getByLabel("Objective", { exact: true }).selectOption("total-score");
    await page.getByText(/^Against funding down the ranked list \(8 schemes/).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(artifacts, "e2e-capital-total-score.png"), fullPage: true });
    await page.getByLabel("Objective", { exact: true }).selectOption("score-weighted-spend");
    await page.getByText("Funding down the ranked list gives the same portfolio.").waitFor({ timeout: 30_000 });
    // Sensitivity and the frontier are collapsed sections under the schemes: opened as a user would.
    await page.getByRole("button", { name: "Sensitivity to the weights" }).click();
    await page.getByRole("button", { name: "Run 500 draws" }).click();
    await page.getByTestId("sensitivity-summary").waitFor({ timeout: 60_000 });
    await expect(page.getByTestId("sensitivity-summary").textContent()).resolves.toMatch(/^500 draws/);
    await page.getByRole("button", { name: "Efficient frontier" }).click();
    await page.getByRole("button", { name: "Draw the frontier" }).click();
    // Eleven exact solves in the worker: on a busy two-core machine (CI runs the unit tests alongside) that can take over 30 s.
    await page.getByRole("figure", { name: /^(Efficient frontier: best total score|Total score) by envelope/ }).waitFor({ timeout: 120_000 });
    await page.screenshot({ path: path.join(artifacts, "e2e-capital.png"), fullPage: true });

    await page.getByRole("button", { name: "Write capital report" }).click();
    await page.getByText('Capital report written to the sheet "ICS Capital report".').waitFor();
    await page.getByRole("button", { name: "Take to Board decision" }).click();
    await expect(page.getByLabel("Decision rule").inputValue()).resolves.toBe("pb-capital");
    await page.getByRole("button", { name: "All eligible For" }).click();
    await propose();
    await page.getByRole("button", { name: "Record decision" }).click();
    await page.getByText(/Recorded in the decision log: CARRIED — Capital priorities within an envelope of £20,000,000.00/).waitFor();
    await openPreview();
    await expect(page.getByRole("table", { name: "ICS_CapitalReport" }).getByRole("row").count()).resolves.toBe(41);
    await expect(page.getByRole("table", { name: "ICS_DecisionLog" }).getByRole("row").count()).resolves.toBe(5);
  }, 300_000);

  it("models scenarios across the panels: saves two, compares them side by side and applies one after confirming what it replaces", async () => {
    await openTab(page, "Scenarios");
    // From the keyboard: type a name, Tab to the button, Enter.
    await page.getByLabel("New scenario name").fill("Plan as submitted");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByText('Saved the current inputs as "Plan as submitted" in this workbook.').waitFor();

    // The winter case, set in each panel, with a screenshot of each under it.
    await openTab(page, "Control total");
    await page.getByLabel("Organisation", { exact: true }).selectOption("MSEFT");
    await page.getByLabel("Forecast outturn (£)").fill("-32,000,000.01");
    await page.getByTestId("system-position").getByText("What if").waitFor();
    await page.screenshot({ path: path.join(artifacts, "e2e-scenario-control-total.png"), fullPage: true });
    await openTab(page, "Allocation");
    await page.getByLabel("Fund to allocate (£)").fill("60,345,678.91");
    await page.getByLabel("Pace of change (%)").fill("2");
    await page.getByRole("table", { name: /Allocation by Place/ }).first().waitFor();
    await page.screenshot({ path: path.join(artifacts, "e2e-scenario-allocation.png"), fullPage: true });
    await openTab(page, "Plan alignment");
    await page.getByLabel("System pay award (%)").fill("4.5");
    await page.screenshot({ path: path.join(artifacts, "e2e-scenario-alignment.png"), fullPage: true });
    await openTab(page, "Capital");
    await page.getByLabel("Capital envelope (CDEL, £)").fill("25,000,000");
    await page.getByTestId("capital-summary").waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(artifacts, "e2e-scenario-capital.png"), fullPage: true });

    await openTab(page, "Scenarios");
    await page.getByLabel("New scenario name").fill("Winter pressures");
    await page.getByRole("button", { name: "Save as new scenario" }).click();
    await page.getByText('Saved the current inputs as "Winter pressures" in this workbook.').waitFor();

    // Duplicate from the keyboard through the menu.
    await page.getByRole("button", { name: "More actions for Winter pressures" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("menuitem", { name: "Duplicate…" }).waitFor();
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").getByLabel("Scenario name").fill("Winter pressures, no pace limit");
    await page.keyboard.press("Enter");
    await page.getByText('Duplicated "Winter pressures" as "Winter pressures, no pace limit".').waitFor();

    await page.getByRole("checkbox", { name: "Compare Plan as submitted" }).check();
    await page.getByRole("checkbox", { name: "Compare Winter pressures", exact: true }).check();
    const table = page.getByRole("table", { name: "Scenarios side by side" });
    await table.waitFor({ timeout: 30_000 });
    await expect(table.getByRole("row", { name: /^Fund/ }).textContent()).resolves.toContain("+£0.35m on the first");
    await page.getByRole("figure", { name: "Allocation per Place by scenario" }).locator("svg rect").first().waitFor();
    await page.screenshot({ path: path.join(artifacts, "e2e-scenarios-compare.png"), fullPage: true });

    await page.getByRole("button", { name: "Apply Winter pressures to the workbook" }).click();
    const dialog = page.getByRole("alertdialog");
    const sheets = dialog.getByRole("list", { name: "Sheets the scenario writes" });
    await sheets.waitFor({ timeout: 30_000 });
    await expect(sheets.textContent()).resolves.toContain('Capital report: replaces the sheet "ICS Capital report"');
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(artifacts, "e2e-scenarios-apply.png") });
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Apply and replace" }).click();
    await page.getByText(/Applied "Winter pressures": wrote "ICS Control total report", "ICS Allocation", "ICS Capital report"/).waitFor({ timeout: 30_000 });
    await openPreview();
    await expect(page.getByRole("table", { name: "ICS_Allocation" }).getByRole("row").count()).resolves.toBe(5);
    await expect(page.getByRole("table", { name: "ICS_ControlTotalReport" }).getByRole("row", { name: /Mid and South Essex NHS Foundation Trust/ }).textContent()).resolves.toMatch(/-?32,?000,?000\.01/);
  });

  it("works from the keyboard: tabs by arrow keys, a panel from More, a scenario ticked with Space, a dialog closed with Escape", async () => {
    await page.getByRole("tab", { name: "Home" }).focus();
    // Home chosen first, so the row holds the tabs after it (the last panel's tab, pinned while open, no longer is).
    await page.keyboard.press("Enter");
    await page.getByRole("tabpanel", { name: "Home" }).waitFor();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await page.getByRole("tabpanel", { name: "Decisions" }).waitFor();
    // At 420 px Scenarios is in the More menu: Tab leaves the tab list for More, Enter opens it, its initial letter finds it.
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => globalThis.document.activeElement?.getAttribute("aria-label"))).resolves.toMatch(/^More panels/);
    await page.keyboard.press("Enter");
    await page.getByRole("menu").waitFor();
    await page.keyboard.press("s");
    await page.keyboard.press("Enter");
    await page.getByRole("tabpanel", { name: "Scenarios" }).waitFor();
    // Focus lands on the chosen panel's tab, now in the row.
    await expect(page.evaluate(() => globalThis.document.activeElement?.textContent)).resolves.toBe("Scenarios");
    const tick = page.getByRole("checkbox", { name: "Compare Winter pressures, no pace limit" });
    await tick.focus();
    await page.keyboard.press("Space");
    await expect(tick.isChecked()).resolves.toBe(true);
    await page.keyboard.press("Space");
    await expect(tick.isChecked()).resolves.toBe(false);
    await page.getByRole("button", { name: "Apply Plan as submitted to the workbook" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("alertdialog").waitFor({ timeout: 30_000 });
    await page.keyboard.press("Escape");
    await page.getByRole("alertdialog").waitFor({ state: "detached" });
  });

  it("downloads the preview workbook as an .xlsx file that Excel can open", async () => {
    await openPreview();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download as .xlsx" }).click()]);
    expect(download.suggestedFilename()).toBe("ICS Finance preview.xlsx");
    // Kept beside the screenshots, to open in another spreadsheet application.
    const saved = path.join(artifacts, "e2e-preview.xlsx");
    await download.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    expect(book.worksheets.map((w) => w.name)).toContain("ICS Decision log");
    expect(book.getWorksheet("ICS Capital report")!.getCell(1, 1).value).toBe("Capital prioritisation");
  });

  it("passes axe-core with no violations on every panel", async () => {
    const found: string[] = [];
    for (const tab of ["Home", "Decisions", "Control total", "Allocation", "Plan alignment", "Capital", "Scenarios", "Preview workbook"]) {
      await openTab(page, tab);
      await page.getByRole("tabpanel", { name: tab }).locator("h2").first().waitFor();
      await page.waitForTimeout(300);
      for (const v of await axeViolations(page)) found.push(`${tab}: ${v}`);
    }
    expect(found).toEqual([]);
  });

  it("made no request outside its own origin and raised no page errors", () => {
    const foreign = requests.filter((u) => !u.startsWith(served.origin) && !u.startsWith("data:"));
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
