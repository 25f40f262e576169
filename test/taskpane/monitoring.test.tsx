// @vitest-environment jsdom
// The Allocation panel's monitoring section on the sample: this quarter's RAG per Place in words and colour, what it
// does to the next tranche, the deliverables on demand, following the fund and the grid as they change.
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { openPanel } from "./openPanel";
import { MONITORING } from "../../src/workbook/tables";

afterEach(cleanup);

const summary = () => screen.getByTestId("monitoring-summary");
const place = (name: string) => within(screen.getByRole("list", { name: /^Monitoring by Place/ })).getByRole("listitem", { name });

async function openMonitoring() {
  const workbook = await openPanel("Allocation");
  await screen.findByTestId("allocation-explanation");
  await waitFor(() => expect(summary().textContent).toMatch(/^Q2/));
  fireEvent.click(screen.getByRole("button", { name: /^Monitoring by Place/ }));
  return workbook;
}

describe("monitoring transformation funds on the Allocation panel", () => {
  it("says this quarter's RAG for every Place in the collapsed header, live to screen readers", async () => {
    await openPanel("Allocation");
    await screen.findByTestId("allocation-explanation");
    await waitFor(() => expect(summary().textContent).toBe("Q2: 1 green, 1 amber, 1 red, 1 no return; £4.56m held"));
    expect(summary().getAttribute("aria-live")).toBe("polite");
    expect(screen.queryByRole("list", { name: /^Monitoring by Place/ })).toBeNull();
  });

  it("shows per Place the allocation, a RAG badge in words, and the consequence for the next tranche with its clause", async () => {
    await openMonitoring();
    const see = place("South East Essex");
    expect(within(see).getByTestId("rag-south-east-essex").textContent).toBe("Q2 Red");
    expect(see.textContent).toContain("£18.23m");
    expect(see.textContent).toContain("Q3 tranche £4.56m held pending SFLG review (illustrative: agree locally, MoU 7.8, 9.9–9.10)");
    expect(place("Mid Essex").textContent).toContain("Q3 tranche £4.58m released with an action plan");
    expect(within(place("Mid Essex")).getByTestId("rag-mid-essex").textContent).toBe("Q2 Amber");
    expect(within(place("Thurrock")).getByTestId("rag-thurrock").textContent).toBe("Q2 Green");
    expect(within(place("Basildon and Brentwood")).getByTestId("rag-basildon-brentwood").textContent).toBe("Q2 no return");
    expect(place("Basildon and Brentwood").textContent).toContain("Q3 tranche £3.52m awaiting the Q2 return");
  });

  it("opens a Place's deliverables and why its RAG is what it is", async () => {
    await openMonitoring();
    const toggle = within(place("South East Essex")).getByRole("button", { name: "Show 3 deliverables and why" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    const deliverables = within(place("South East Essex")).getByRole("list", { name: "South East Essex: deliverables" });
    expect(within(deliverables).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Q1: Sample: Frailty virtual ward (outcome: Bed days of people over 80)",
      "Q2: Sample: Same-day urgent care hub in Southend (outcome: A&E attendances that need no treatment)",
      "Q3: Sample: Mental health crisis alternatives (outcome: Mental health A&E waits over 12 hours)",
    ]);
    expect(place("South East Essex").textContent).toContain("Q2 RED: 4 of 6 milestones due delivered (66.7%): red");
    expect(place("South East Essex").textContent).toContain("Released £9.12m · held £4.56m · awaiting £4.56m");
  });

  it("follows the fund: the tranches are the new allocation's quarters", async () => {
    await openMonitoring();
    fireEvent.change(screen.getByLabelText("Fund to allocate (£)"), { target: { value: "40,000,000" } });
    // Thurrock's floor of £9m binds on £40m; South East Essex gets £11.17m, a quarter of it £2.79m.
    await waitFor(() => expect(place("South East Essex").textContent).toContain("£11.17m"));
    expect(place("South East Essex").textContent).toContain("Q3 tranche £2.79m held pending SFLG review");
  });

  it("follows the grid: a return corrected there turns the Place green and releases its tranche, said in the live summary", async () => {
    const workbook = await openMonitoring();
    const row = (await workbook.readTable(MONITORING.name))!.rows.findIndex((r) => r[0] === "South East Essex" && r[1] === "Q2");
    act(() => {
      workbook.editCell(MONITORING.name, row, "Milestones delivered", 6);
      workbook.editCell(MONITORING.name, row, "Spend to date", 9_000_000);
    });
    await waitFor(() => expect(summary().textContent).toBe("Q2: 2 green, 1 amber, 0 red, 1 no return"));
    expect(place("South East Essex").textContent).toContain("Q3 tranche £4.56m released (illustrative");
  });

  it("names a bad row of the Monitoring table by row and field, and still shows the allocation", async () => {
    const workbook = await openMonitoring();
    act(() => workbook.editCell(MONITORING.name, 1, "Spend to date", "lots"));
    await screen.findByText(/ICS_Monitoring row 2 \(Spend to date\): "lots" is not an amount in pounds/);
    expect(screen.queryByRole("list", { name: /^Monitoring by Place/ })).toBeNull();
    expect(screen.getByRole("table", { name: /^Allocation by Place/ })).toBeTruthy();
  });
});
