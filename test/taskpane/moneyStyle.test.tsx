// @vitest-environment jsdom
// The pane's one money style on the panels: totals rows, shares adding to 100, a changed negative style shown (and stored
// with the workbook), and feedback by the action with focus on it and the change announced.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { openPanel, openTab } from "./openPanel";
import { DISPLAY_SETTING } from "../../src/workbook/displaySettings";
import { setNegativeStyle } from "../../src/taskpane/format";

afterEach(() => {
  cleanup();
  setNegativeStyle("minus");
});

const percents = (text: string) => [...text.matchAll(/(\d+\.\d)%/g)].map((m) => Number(m[1]));

describe("the Allocation panel's money", () => {
  it("totals the allocation from the unrounded figures, with shares that add to 100.0% as shown", async () => {
    await openPanel("Allocation");
    await screen.findByTestId("allocation-explanation");
    const table = screen.getByRole("table", { name: /^Allocation by Place/ });
    const totalRow = within(table).getByTestId("allocation-total");
    expect(totalRow.textContent).toContain("Total, 4 Places");
    expect(totalRow.textContent).toContain("£60,000,000.00");
    expect(totalRow.textContent).toContain("100.0% of the fund");
    // Each Place's share of the allocation (the first percentage after its amount), summed as shown: exactly 100.0.
    const places = within(table).getAllByRole("row").slice(1, -1);
    // The share is the second line of the amount's cell: "15.6% · £51.49 a head".
    const shown = places.map((r) => percents(r.querySelectorAll("td")[1]!.children[1]!.textContent ?? "")[0]!);
    expect(Math.round(shown.reduce((a, b) => a + b, 0) * 10)).toBe(1000);
    const targets = places.map((r) => Number(/Target (\d+\.\d)%/.exec(r.querySelectorAll("td")[0]!.textContent ?? "")![1]));
    expect(Math.round(targets.reduce((a, b) => a + b, 0) * 10)).toBe(1000);
    const compared = screen.getByRole("table", { name: "Formulas compared" });
    expect(within(compared).getByTestId("comparison-total").textContent).toMatch(/^Total£60\.00m£60\.00mno change/);
  });

  it("shows negatives in brackets on the panel once chosen, stores the choice with the workbook and says so", async () => {
    const workbook = await openPanel("Allocation");
    await screen.findByTestId("allocation-explanation");
    const thurrock = () => within(screen.getByRole("table", { name: "Formulas compared" })).getByRole("row", { name: /^Thurrock/ });
    expect(thurrock().textContent).toContain("£9.00m-£0.37m");
    fireEvent.change(screen.getByLabelText("Negatives"), { target: { value: "brackets" } });
    await waitFor(() => expect(thurrock().textContent).toContain("£9.00m(£0.37m)"));
    expect(screen.getByTestId("announcer").textContent).toBe("Negative amounts now shown in brackets");
    await waitFor(async () => expect(JSON.parse((await workbook.readSetting(DISPLAY_SETTING))!)).toEqual({ negatives: "brackets" }));
    // What is typed is read back in the same style.
    fireEvent.change(screen.getByLabelText("Fund to allocate (£)"), { target: { value: "55k" } });
    expect(screen.getByText("Taken as £55,000.00")).toBeTruthy();
  });

  it("opens with the workbook's stored choice", async () => {
    await openPanel("Allocation", (workbook) => void workbook.updateSetting(DISPLAY_SETTING, () => JSON.stringify({ negatives: "brackets" })));
    await screen.findByTestId("allocation-explanation");
    await waitFor(() => expect((screen.getByLabelText("Negatives") as HTMLSelectElement).value).toBe("brackets"));
    expect(within(screen.getByRole("table", { name: "Formulas compared" })).getByRole("row", { name: /^Thurrock/ }).textContent).toContain("(£0.37m)");
  });

  it("prints the Board pack's figures in the workbook's style: negatives in brackets once chosen", async () => {
    await openPanel("Home", (workbook) => void workbook.updateSetting(DISPLAY_SETTING, () => JSON.stringify({ negatives: "brackets" })));
    await waitFor(() => expect((screen.getByLabelText("Negatives") as HTMLSelectElement).value).toBe("brackets"));
    fireEvent.click(screen.getByRole("button", { name: "Board pack" }));
    const page = await screen.findByRole("region", { name: /^Board pack: System control total/ }, { timeout: 30_000 });
    const text = page.textContent ?? "";
    expect(text).toMatch(/\(£[\d,.]+k?\)/);
    expect(text).not.toMatch(/-£\d/);
  }, 60_000);

  it("takes the matter to the Board: the Decisions panel opens with focus on the matter, and says so", async () => {
    await openPanel("Allocation");
    await screen.findByTestId("allocation-explanation");
    fireEvent.click(screen.getByRole("button", { name: "Take to Board decision" }));
    const matter = await screen.findByLabelText(/Matter being decided/);
    await waitFor(() => expect(document.activeElement).toBe(matter));
    // Said in the same moment the focus moves, and shown once the pane has drawn the announcement.
    await waitFor(() => expect(screen.getByTestId("announcer").textContent).toBe("Decisions panel: the matter from the Allocation panel is ready to vote on"));
  });

  it("puts what came of writing the allocation by the button, with focus on it", async () => {
    await openPanel("Allocation");
    await screen.findByTestId("allocation-explanation");
    fireEvent.click(screen.getByRole("button", { name: "Write allocation" }));
    const done = await screen.findByTestId("action-outcome");
    expect(done.textContent).toBe('Allocation written to the sheet "ICS Allocation".');
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(within(done).getByRole("status")).toBeTruthy();
  });
});

describe("the Decisions panel after recording", () => {
  it("no longer says the cleared vote does not carry, and moves focus to the confirmation", async () => {
    await openPanel("Decisions");
    await screen.findByLabelText("Vote of Clinical Lead, Mid Essex Alliance");
    fireEvent.change(screen.getByLabelText(/Matter being decided/), { target: { value: "Capital priorities 2026/27" } });
    fireEvent.click(screen.getByRole("button", { name: "All eligible For" }));
    expect(screen.getByTestId("decision-result").textContent).toMatch(/^Carries16 of 16/);
    fireEvent.change(screen.getByLabelText(/^Proposer/), { target: { value: "Chief Executive, NHS Mid and South Essex ICB" } });
    fireEvent.click(screen.getByRole("button", { name: "Record decision" }));
    const recorded = await screen.findByTestId("decision-recorded");
    expect(recorded.textContent).toContain("Recorded in the decision log: CARRIED — Capital priorities 2026/27.");
    await waitFor(() => expect(document.activeElement).toBe(recorded));
    expect(screen.queryByTestId("decision-result")).toBeNull();
    expect(document.body.textContent).not.toContain("Does not carry");
    // The next vote brings the live result back.
    fireEvent.change(screen.getByLabelText("Vote of Clinical Lead, Mid Essex Alliance"), { target: { value: "for" } });
    expect(screen.getByTestId("decision-result").textContent).toMatch(/^Does not carry1 of 16/);
  });
});

describe("the Plan alignment panel's money", () => {
  it("totals the differences, and puts the report's confirmation by its button with focus on it", async () => {
    await openPanel("Plan alignment");
    const list = await screen.findByRole("table", { name: "Differences, largest first" });
    const totalRow = within(list).getByTestId("differences-total");
    // The column's figures added (each flow's difference as the column shows it, signed), rounded once.
    expect(totalRow.textContent).toBe("Total, 10 flows not agreed-£74.01m");
    fireEvent.click(screen.getByRole("button", { name: "Write alignment report" }));
    const done = await screen.findByTestId("action-outcome");
    expect(done.textContent).toContain("Alignment report written");
    // By the report buttons, not at the top of the panel by the import.
    const buttons = screen.getByRole("button", { name: "Write alignment report" }).parentElement!;
    expect(buttons.compareDocumentPosition(done) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(done));
  });
});

describe("the Capital panel's money", () => {
  it("totals the funded schemes against the envelope", async () => {
    await openPanel("Capital");
    const total = await screen.findByTestId("capital-funded-total");
    expect(total.textContent).toMatch(/^Total funded: \d+ of \d+ schemes, £\d+\.\d\dmof an envelope of £\d+\.\d\dm; £\d+\.\d\dm unspent$/);
    openTab("Home");
  });
});
