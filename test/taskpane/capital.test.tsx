// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { openPanel as openTab } from "./openPanel";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { SCHEMES } from "../../src/workbook/tables";
import { CAPITAL_REPORT } from "../../src/workbook/capital";

afterEach(cleanup);

const openPanel = (prepare?: (workbook: MemoryWorkbook) => void) => openTab("Capital", prepare);

const summary = async () => (await screen.findByTestId("capital-summary", {}, { timeout: 10_000 })).textContent ?? "";
// By text, not by role: role queries over forty rows of Fluent markup are slow in jsdom.
const row = (scheme: string) => screen.getByText(scheme, { exact: true, selector: "span" }).closest("tr")!;

describe("the Capital panel", () => {
  it("finds the optimal portfolio, beats funding down the ranked list, and gives every exclusion its reason", async () => {
    await openPanel();
    const text = await summary();
    expect(text).toContain("Optimal portfolio (proven optimal by HiGHS)");
    expect(text).toMatch(/Optimum total score\d+\.\d/);
    expect(screen.getByTestId("capital-comparison").textContent).toBe(
      "Funding down the ranked list scores less and breaks: South East Essex: at least 8% (£1,300,000 of £1,600,000 needed); Basildon and Brentwood: at least 8% (£900,000 of £1,600,000 needed).",
    );
    expect(row("Emergency department expansion, Southend").textContent).toContain("a major scheme (£5,000,000 or more) without an affordability case (MoU 9.11)");
    expect(row("Virtual wards platform").textContent).toContain("MSEFT is under recovery measures (Organisational improvement plan), so cannot draw discretionary capital (MoU 7.7–7.8, 9.11)");
    // The top scorer is not in the best portfolio at £20m: cheaper schemes together score more within the constraints.
    expect(row("Linear accelerator replacement").textContent).toMatch(/^1Linear accelerator replacement Not funded/);
    expect(row("Mental health estate anti-ligature works").textContent).toContain("Funded");
    expect(row("Linear accelerator replacement").textContent).toContain("Safety and backlog risk 5/5 → 30.0");
  });

  it("honours locks: a scheme locked in is funded and one locked out is not", async () => {
    await openPanel();
    await summary();
    expect(row("Integrated medical centre, Purfleet").textContent).toContain("Not funded");
    fireEvent.change(screen.getByLabelText("Lock Integrated medical centre, Purfleet"), { target: { value: "in" } });
    // The assessment is solved asynchronously: wait for the answer to these inputs (its reason names the lock).
    await waitFor(() => expect(row("Integrated medical centre, Purfleet").textContent).toContain("locked in"));
    expect(row("Integrated medical centre, Purfleet").textContent).toContain("Funded");
    fireEvent.change(screen.getByLabelText("Lock Endoscopy stacks"), { target: { value: "out" } });
    await waitFor(() => expect(row("Endoscopy stacks").textContent).toContain("locked out"));
    expect(row("Endoscopy stacks").textContent).toContain("Not funded");
  });

  it("re-scores at once when a weight moves", async () => {
    await openPanel();
    await summary();
    const before = row("Orsett Hospital decommissioning").textContent;
    fireEvent.change(screen.getByRole("slider", { name: "Financial improvement" }), { target: { value: "100" } });
    await waitFor(() => expect(row("Orsett Hospital decommissioning").textContent).not.toBe(before));
    expect(screen.getByRole("slider", { name: "Financial improvement" })).toBeTruthy();
    expect(screen.getByText(/^100 · /)).toBeTruthy();
  });

  it("says what is wrong with the envelope, and names the constraints no portfolio can meet", async () => {
    await openPanel();
    await summary();
    fireEvent.change(screen.getByLabelText("Capital envelope (CDEL, £)"), { target: { value: "plenty" } });
    expect(screen.getByText('"plenty" is not an amount in pounds')).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Capital envelope (CDEL, £)"), { target: { value: "1,000,000" } });
    const alert = await screen.findByText("No portfolio meets the constraints");
    // Every Place's minimum, the backlog share and the cross-Place band each need a scheme, and together they cost more than £1m.
    expect(alert.parentElement!.textContent).toBe("No portfolio meets the constraintsTogether they cannot be met within £1,000,000, and no single constraint is to blame.");
  });

  it("runs the sensitivity with progress and shows each scheme's chance of being funded", async () => {
    await openPanel();
    await summary();
    fireEvent.click(screen.getByRole("button", { name: "Run 500 draws" }));
    const done = await screen.findByTestId("sensitivity-summary", {}, { timeout: 20_000 });
    expect(done.textContent).toMatch(/^500 draws/);
    expect(screen.getByRole("figure", { name: "Probability of being funded, weights varied ±20%" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Draw the frontier" }));
    await screen.findByRole("figure", { name: "Efficient frontier: best total score by envelope" }, { timeout: 10_000 });
  }, 30_000);

  it("stops the frontier when cancelled, saying how far it got", async () => {
    await openPanel();
    await summary();
    fireEvent.click(screen.getByRole("button", { name: "Draw the frontier" }));
    fireEvent.click(await screen.findByRole("button", { name: "Cancel" }));
    const stopped = await screen.findByText(/^Cancelled: \d+ of 11 envelopes solved\.$/, {}, { timeout: 10_000 });
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
    expect((screen.getByLabelText("Decision rule") as HTMLSelectElement).value).toBe("pb-capital");
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
