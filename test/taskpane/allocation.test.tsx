// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { openPanel as openTab } from "./openPanel";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { PLACES } from "../../src/workbook/tables";
import { ALLOCATION_REPORT } from "../../src/workbook/allocation";
import { itFollowsTheWorkbook } from "./live";

afterEach(cleanup);

const openPanel = (prepare?: (workbook: MemoryWorkbook) => void) => openTab("Allocation", prepare);

const result = () => screen.getByRole("table", { name: /^Allocation by Place/ });
const placeRow = (place: string) => within(result()).getByRole("row", { name: new RegExp(`^${place}`) });
const pence = (cells: unknown[]) => cells.reduce<number>((a, c) => a + Math.round((c as number) * 100), 0);

describe("the Allocation panel", () => {
  it("shares last year's total by the need-weighted formula, with targets, distances and per-head amounts", async () => {
    await openPanel();
    await screen.findByTestId("allocation-explanation");
    expect((screen.getByLabelText("Fund to allocate (£)") as HTMLInputElement).value).toBe("60,000,000.00");
    expect(screen.getByTestId("allocation-explanation").textContent).toBe(
      "Need-weighted per capita: £60,000,000.00 to 4 Places by formula agreed by the partners (MoU 9.7–9.9); no limit binds.",
    );
    expect(placeRow("Thurrock").textContent).toContain("Target 15.6%");
    expect(placeRow("Thurrock").textContent).toContain("Baseline £0.27m below target; allocation on target");
    expect(placeRow("Thurrock").textContent).toContain("£9,371,998.22");
    expect(placeRow("Thurrock").textContent).toContain("£51.49 a head");
    const chart = screen.getByRole("figure", { name: "Target and allocation by Place" });
    expect(chart.querySelectorAll("svg rect").length).toBeGreaterThanOrEqual(8);
  });

  it("compares formulas side by side with the differences per Place, and shows which limit binds", async () => {
    await openPanel();
    await screen.findByTestId("allocation-explanation");
    const compared = screen.getByRole("table", { name: "Formulas compared" });
    const thurrock = within(compared).getByRole("row", { name: /^Thurrock/ });
    // Per capita would give Thurrock less than its floor of £9,000,000, so the floor holds it there.
    expect(thurrock.textContent).toContain("£9.00m-£0.37m");
    fireEvent.click(screen.getByRole("checkbox", { name: "Equal shares" }));
    expect((screen.getByRole("checkbox", { name: "Equal shares" }) as HTMLInputElement).disabled).toBe(true);

    fireEvent.change(screen.getByLabelText("Formula"), { target: { value: "per-capita" } });
    expect(placeRow("Thurrock").textContent).toContain("at floor");
    expect(placeRow("Thurrock").textContent).toContain("£9,000,000.00");
    fireEvent.click(screen.getByRole("switch", { name: /floor and cap/ }));
    expect(placeRow("Thurrock").textContent).not.toContain("at floor");
    expect(placeRow("Thurrock").textContent).toContain("£8,950,819.67");
  });

  it("holds each Place within the pace of change from its baseline, and refuses a pace that is not a percentage", async () => {
    await openPanel();
    await screen.findByTestId("allocation-explanation");
    fireEvent.change(screen.getByLabelText("Pace of change (%)"), { target: { value: "2" } });
    expect(placeRow("Mid Essex").textContent).toContain("at pace of change (below)");
    // 2% below a baseline of £18,900,000.
    expect(placeRow("Mid Essex").textContent).toContain("£18,522,000.00");
    fireEvent.change(screen.getByLabelText("Pace of change (%)"), { target: { value: "two" } });
    expect(screen.getByText('"two" is not a percentage')).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Pace of change (%)"), { target: { value: "2.125" } });
    expect(screen.getByText("Give a percentage from 0 to 100, to at most two decimal places")).toBeTruthy();
  });

  it("says what is wrong with the fund or the bounds, never a silently wrong answer", async () => {
    await openPanel();
    await screen.findByTestId("allocation-explanation");
    const fund = screen.getByLabelText("Fund to allocate (£)");
    fireEvent.change(fund, { target: { value: "lots" } });
    expect(screen.getByText('"lots" is not an amount in pounds')).toBeTruthy();
    fireEvent.change(fund, { target: { value: "-5" } });
    expect(screen.getByText("The fund must not be negative")).toBeTruthy();
    fireEvent.change(fund, { target: { value: "5,000,000" } });
    expect(screen.getByRole("alert").textContent).toBe(
      "Cannot allocatethe floors add up to £9,000,000.00, more than the fund of £5,000,000.00",
    );
    expect(screen.queryByRole("table", { name: /^Allocation by Place/ })).toBeNull();
  });

  it("names the bad rows of the Places table and shows no figures from it", async () => {
    await openPanel((workbook) => {
      workbook.editCell(PLACES.name, 1, "Need index", "high");
      workbook.editCell(PLACES.name, 3, "Registered population", -5);
    });
    const alert = await screen.findByText(/rows of ICS_Places cannot be used/);
    expect(alert.textContent).toContain('ICS_Places row 2 (Need index): "high" is not an amount in pounds');
    expect(alert.textContent).toContain("ICS_Places row 4 (Registered population): must not be negative");
    expect(screen.queryByTestId("allocation-explanation")).toBeNull();
  });

  it("writes the chosen allocation and its parameters to its own sheet, summing to the fund, and replaces only that sheet", async () => {
    const workbook = await openPanel();
    await screen.findByTestId("allocation-explanation");
    fireEvent.change(screen.getByLabelText("Fund to allocate (£)"), { target: { value: "12,345,678.91" } });
    fireEvent.change(screen.getByLabelText("Pace of change (%)"), { target: { value: "2" } });
    await screen.findByText(/the floors add up to/);
    fireEvent.change(screen.getByLabelText("Pace of change (%)"), { target: { value: "" } });
    fireEvent.click(screen.getByRole("button", { name: "Write allocation" }));
    await screen.findByText('Allocation written to the sheet "ICS Allocation".');
    const table = await workbook.readTable(ALLOCATION_REPORT.name);
    expect(table!.rows.map((r) => r[0])).toEqual(["Thurrock", "South East Essex", "Mid Essex", "Basildon and Brentwood"]);
    expect(pence(table!.rows.map((r) => r[4]))).toBe(1_234_567_891);
    const report = workbook.reportOf(ALLOCATION_REPORT.name)!;
    expect(report.notes[1]).toBe("Formula: Need-weighted per capita; floors and caps from the Places table; no pace-of-change limit");
    expect(report.chart).toMatchObject({ type: "column", categories: "Place", values: "Allocation" });

    const sheets = workbook.sheetNames();
    fireEvent.change(screen.getByLabelText("Formula"), { target: { value: "equal" } });
    fireEvent.click(screen.getByRole("button", { name: "Write allocation" }));
    await screen.findByText('Allocation written to the sheet "ICS Allocation".');
    expect(workbook.sheetNames()).toEqual(sheets);
    expect(workbook.reportOf(ALLOCATION_REPORT.name)!.notes[1]).toMatch(/^Formula: Equal shares/);
  });

  it("takes the allocation to the Partnership Board's transformation rule in the Decisions panel", async () => {
    await openPanel();
    await screen.findByTestId("allocation-explanation");
    fireEvent.click(screen.getByRole("button", { name: "Take to Board decision" }));
    expect(screen.getByRole("tab", { name: "Decisions", selected: true })).toBeTruthy();
    // The Decisions panel loads when first opened.
    expect(((await screen.findByLabelText("Decision rule")) as HTMLSelectElement).value).toBe("pb-transformation");
    const matter = (screen.getByLabelText(/Matter being decided/) as HTMLTextAreaElement).value;
    expect(matter).toMatch(/^Apportionment of £60,000,000.00 transformation funding to Places \(Need-weighted per capita; /);
    expect(matter).toContain("Thurrock £9,371,998.22");
    expect(screen.getByText(/come from the Allocation panel/)).toBeTruthy();
  });
});

describe("the Allocation panel, live", () => {
  // Thurrock's baseline, £n more: the fund offered (last year's total) follows it.
  const fund = (n: number) => `60,000,00${n}.00`;
  const fundShown = () => screen.queryByLabelText<HTMLInputElement>("Fund to allocate (£)")?.value;
  itFollowsTheWorkbook({
    tab: "Allocation",
    table: PLACES.name,
    ready: () => screen.findByTestId("allocation-explanation"),
    edit: (workbook, n) => workbook.editCell(PLACES.name, 0, "Baseline", 9_100_000 + n),
    shows: (n) => waitFor(() => expect(fundShown()).toBe(fund(n))),
    showing: (n) => fundShown() === fund(n),
    type: async () => {
      fireEvent.change(screen.getByLabelText("Pace of change (%)"), { target: { value: "2" } });
    },
    typed: async () => {
      expect((await screen.findByLabelText<HTMLInputElement>("Pace of change (%)")).value).toBe("2");
      expect(placeRow("Mid Essex").textContent).toContain("at pace of change");
    },
  });
});
