// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { openPanel as openTab } from "./openPanel";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { SCHEMES } from "../../src/workbook/tables";
import { CAPITAL_REPORT } from "../../src/workbook/capital";
import { itFollowsTheWorkbook } from "./live";

afterEach(cleanup);

const openPanel = (prepare?: (workbook: MemoryWorkbook) => void) => openTab("Capital", prepare);

const summary = async () => (await screen.findByTestId("capital-summary")).textContent ?? "";
// By text, not by role: role queries over forty rows of Fluent markup are slow in jsdom.
const row = (scheme: string) => screen.getByText(scheme, { exact: true, selector: "span" }).closest("tr")!;
/** Opens a scheme's row: its score breakdown and its lock (the rank is the row's disclosure). */
const openRow = (scheme: string) => fireEvent.click(row(scheme).querySelector("button[aria-expanded=false]")!);
/** Opens one of the panel's collapsed sections by its title. */
const openSection = (title: string | RegExp) => fireEvent.click(screen.getByText(title));

describe("the Capital panel", () => {
  it("funds what the rulebook's objective asks for, proven, beside funding down the ranked list, with a reason for every scheme not funded", async () => {
    await openPanel();
    const text = await summary();
    expect(text).toContain("Maximise score-weighted spend (score × cost, counted in £k)");
    expect(text).toContain("proven to the penny");
    expect(screen.getByTestId("capital-comparison").textContent).toBe("Funding down the ranked list gives the same portfolio.");
    expect(row("Emergency department expansion, Southend").textContent).toContain(
      "a major scheme (£5,000,000.00 or more) that worsens the financial position by £400,000.00 a year, without an affordability case (illustrative: agree locally, MoU 9.11)",
    );
    expect(row("Virtual wards platform").textContent).toContain("MSEFT is under recovery measures (Organisational improvement plan): discretionary capital restricted (MoU 7.7–7.8, 9.11)");
    // Annex 1: EPUT spans several systems, so the capital element does not apply to it (the preset's override).
    expect(row("Mental health estate anti-ligature works").textContent).toContain("Excluded");
    expect(row("Mental health estate anti-ligature works").textContent).toContain("EPUT is outside the NHS capital framework (MoU Annex 1)");
    // Score-weighted spend funds the top scorer, a large scheme; a scheme further down says what is left for it.
    expect(row("Linear accelerator replacement").textContent).toMatch(/^1Linear accelerator replacement Funded/);
    openRow("Linear accelerator replacement");
    expect(row("Linear accelerator replacement").textContent).toContain("Safety and backlog risk 5/5 → 30.0");
    expect(row("Wickford health hub").textContent).toContain("does not fit: £200,000.00 left after higher-priority schemes");
  });

  it("changes the objective: the total score prefers many small schemes, and says what it adds and drops against the list", async () => {
    await openPanel();
    await summary();
    fireEvent.change(screen.getByLabelText("Objective"), { target: { value: "total-score" } });
    await waitFor(() => expect(screen.getByTestId("capital-comparison").textContent).toMatch(/^Against funding down the ranked list \(8 schemes, £19,800,000.00, total score 550.0\): adds /));
    expect(screen.getByTestId("capital-comparison").textContent).toContain("drops Integrated medical centre, Purfleet.");
    expect(row("Integrated medical centre, Purfleet").textContent).toContain("Not funded");
    expect(row("Integrated medical centre, Purfleet").textContent).toMatch(/funding it would displace .+, which together score more/);
    expect(screen.getByText(/The rulebook's default is to maximise score-weighted spend/)).toBeTruthy();
  });

  it("lifts the recovery restrictions as a what-if, and the restricted schemes compete again", async () => {
    await openPanel();
    await summary();
    expect(row("Virtual wards platform").textContent).toContain("Excluded");
    fireEvent.click(screen.getByRole("switch", { name: /What if the SLE lifted the recovery restrictions on MSEFT/ }));
    await waitFor(() => expect(row("Virtual wards platform").textContent).not.toContain("Excluded"));
    openSection(/^Rules applied/);
    expect(screen.getByText(/recovery restrictions on .*MSEFT.* lifted for this what-if/)).toBeTruthy();
  });

  it("plans over the financial years of the Schemes table, each year within its own envelope", async () => {
    // Every scheme's cost falls in 2026/27 except the linear accelerator's, spread over two years.
    await openPanel((workbook) => {
      const table = workbook.allTables().find((t) => t.name === SCHEMES.name)!;
      const cost = table.headers.indexOf("Capital cost");
      const linac = table.rows.findIndex((r) => r[0] === "Linear accelerator replacement");
      workbook.addColumn(SCHEMES.name, "2026/27", table.rows.map((r, i) => (i === linac ? 1_000_000 : (r[cost] ?? null))));
      workbook.addColumn(SCHEMES.name, "2027/28", table.rows.map((_r, i) => (i === linac ? 2_100_000 : null)));
    });
    // Each year starts at the single envelope (£20m each, £40m in all): too much for the cross-Place band to be met.
    await screen.findByText(/Cross-Place at least 20% \(£8,000,000\.00\) cannot be met: the schemes that may be funded for it total £6,100,000\.00/);
    fireEvent.change(screen.getByLabelText("2026/27"), { target: { value: "12,000,000" } });
    fireEvent.change(screen.getByLabelText("2027/28"), { target: { value: "2,000,000" } });
    await summary();
    // The accelerator needs £2.1m in 2027/28, more than that year's £2m: it does not fit, and the plan shows each year.
    await waitFor(() => expect(row("Linear accelerator replacement").textContent).toContain("does not fit: £2,000,000.00 left after higher-priority schemes (2027/28 within its envelope of £2,000,000.00)"));
    const plan = screen.getByRole("table", { name: "Plan by year" });
    expect(plan.textContent).toContain("2026/27");
    expect(plan.textContent).toContain("£12.00m");
    expect(plan.textContent).toContain("2027/28£0.00m£2.00m");
  });

  it("honours locks: a scheme locked in is funded and one locked out is not", async () => {
    await openPanel();
    await summary();
    expect(row("Thurrock diagnostic ultrasound").textContent).toContain("Not funded");
    openRow("Thurrock diagnostic ultrasound");
    fireEvent.change(screen.getByLabelText("Lock Thurrock diagnostic ultrasound"), { target: { value: "in" } });
    // The assessment is solved asynchronously: wait for the answer to these inputs (its reason names the lock).
    await waitFor(() => expect(row("Thurrock diagnostic ultrasound").textContent).toContain("locked in"));
    expect(row("Thurrock diagnostic ultrasound").textContent).toContain("Funded");
    openRow("Endoscopy stacks");
    fireEvent.change(screen.getByLabelText("Lock Endoscopy stacks"), { target: { value: "out" } });
    await waitFor(() => expect(row("Endoscopy stacks").textContent).toContain("locked out"));
    expect(row("Endoscopy stacks").textContent).toContain("Not funded");
  });

  it("re-scores at once when a weight moves", async () => {
    await openPanel();
    await summary();
    const before = row("Orsett Hospital decommissioning").textContent;
    openSection("Weights");
    fireEvent.change(screen.getByRole("slider", { name: "Financial improvement" }), { target: { value: "100" } });
    await waitFor(() => expect(row("Orsett Hospital decommissioning").textContent).not.toBe(before));
    expect(screen.getByRole("slider", { name: "Financial improvement" })).toBeTruthy();
    expect(screen.getByText(/^100 · /)).toBeTruthy();
  });

  it("says what is wrong with the envelope, takes £1m as typed, and names the constraints no portfolio can meet", async () => {
    await openPanel();
    await summary();
    fireEvent.change(screen.getByLabelText("Capital envelope (CDEL, £)"), { target: { value: "plenty" } });
    expect(screen.getByText('"plenty" is not an amount in pounds')).toBeTruthy();
    // What people type: "1m" is taken as £1,000,000.00, and the field says so before the figures use it.
    fireEvent.change(screen.getByLabelText("Capital envelope (CDEL, £)"), { target: { value: "1m" } });
    expect(screen.getByText("Taken as £1,000,000.00")).toBeTruthy();
    const alert = await screen.findByText("No portfolio meets the constraints");
    // Every Place's minimum, the backlog share and the cross-Place band each need a scheme, and together they cost more than £1m.
    // The smallest sets that conflict, each with its figures: no eligible cross-Place scheme costs £1m or less, and no set of
    // them lands within the band of £200,000 to £500,000.
    expect(alert.parentElement!.textContent).toBe(
      "No portfolio meets the constraintsThese cannot be met together: within the envelope of £1,000,000.00; cross-Place at least 20% (£200,000.00), for which the schemes that may be funded total £6,100,000.00. These cannot be met together: cross-Place at least 20% (£200,000.00), for which the schemes that may be funded total £6,100,000.00; cross-Place at most 50% (£500,000.00).",
    );
  });

  it("runs the sensitivity with progress and shows each scheme's chance of being funded", async () => {
    await openPanel();
    await summary();
    openSection("Sensitivity to the weights");
    fireEvent.click(screen.getByRole("button", { name: "Run 500 draws" }));
    // 500 exact solves on the test's own thread: on a busy two-core machine that can take most of a minute (the net, not a speed check).
    const done = await screen.findByTestId("sensitivity-summary", {}, { timeout: 60_000 });
    expect(done.textContent).toMatch(/^500 draws/);
    expect(screen.getByRole("figure", { name: "Probability of being funded, weights varied ±20%" })).toBeTruthy();
    openSection("Efficient frontier");
    fireEvent.click(screen.getByRole("button", { name: "Draw the frontier" }));
    const frontier = await screen.findByRole("figure", { name: /^(Efficient frontier: best total score|Total score) by envelope/ }, { timeout: 30_000 });
    // The marker is the chosen portfolio's point: the envelope now, with the score the panel reports for the proven portfolio.
    const score = screen.getByText(/^Total score .*funding down the ranked list/).querySelector("strong")!.textContent;
    expect(frontier.textContent).toContain(`The chosen portfolio: envelope £20.0m, total score ${score}, marked on the line.`);
  }, 120_000);

  it("stops the frontier when cancelled, saying how far it got", async () => {
    await openPanel();
    await summary();
    openSection("Efficient frontier");
    fireEvent.click(screen.getByRole("button", { name: "Draw the frontier" }));
    fireEvent.click(await screen.findByRole("button", { name: "Cancel" }));
    const stopped = await screen.findByText(/^Cancelled: \d+ of 11 envelopes solved\.$/);
    expect(Number(/(\d+) of 11/.exec(stopped.textContent ?? "")![1])).toBeLessThan(11);
    expect(screen.getByRole("button", { name: "Draw it again" })).toBeTruthy();
  });

  it("takes the funded list to the Partnership Board's capital rule, and writes the report", async () => {
    const workbook = await openPanel();
    await summary();
    fireEvent.click(screen.getByRole("button", { name: "Write capital report" }));
    await screen.findByText('Capital report written to the sheet "ICS Capital report".');
    const report = (await workbook.readTable(CAPITAL_REPORT.name))!;
    expect(report.rows).toHaveLength(40);
    expect(report.rows[0]!.slice(0, 2)).toEqual([1, "Linear accelerator replacement"]);
    fireEvent.click(screen.getByRole("button", { name: "Take to Board decision" }));
    // The Decisions panel loads when first opened.
    expect(((await screen.findByLabelText("Decision rule")) as HTMLSelectElement).value).toBe("pb-capital");
    expect((screen.getByLabelText(/Matter being decided/) as HTMLTextAreaElement).value).toMatch(/^Capital priorities within an envelope of £20,000,000.00: fund \d+ schemes/);
  });

  it("names a bad row of the Schemes table", async () => {
    await openPanel((workbook) => workbook.editCell(SCHEMES.name, 2, "Deliverability", 9));
    const alert = await screen.findByText(/row of ICS_Schemes cannot be used/);
    expect(alert.textContent).toContain("ICS_Schemes row 3, criterion 5: 9 is outside the scale 0–5");
  });
});

describe("the Capital panel and the control total", () => {
  it("says so, rather than quietly lifting recovery restrictions, when the Plans table cannot be read", async () => {
    await openPanel((workbook) => workbook.editCell("ICS_Plans", 0, "Plan", "lots"));
    await screen.findByText("Recovery restrictions not applied");
    expect(screen.getByText(/The control total's Plans table could not be read/).textContent).toContain('ICS_Plans row 1 (Plan): "lots" is not an amount in pounds');
  });
});

describe("the Capital panel, live", () => {
  // The first scheme renamed in the grid, a phase for each edit.
  const scheme = (n: number) => `Basildon theatres roof replacement, phase ${n}`;
  itFollowsTheWorkbook({
    tab: "Capital",
    table: SCHEMES.name,
    ready: summary,
    edit: (workbook, n) => workbook.editCell(SCHEMES.name, 0, "Scheme", scheme(n)),
    shows: (n) => screen.findByText(scheme(n), { exact: true, selector: "span" }),
    showing: (n) => screen.queryByText(scheme(n), { exact: true, selector: "span" }) !== null,
    type: async () => {
      fireEvent.change(screen.getByLabelText("Capital envelope (CDEL, £)"), { target: { value: "25,000,000" } });
    },
    typed: async () => {
      expect((await screen.findByLabelText<HTMLInputElement>("Capital envelope (CDEL, £)")).value).toBe("25,000,000");
    },
  });
});
