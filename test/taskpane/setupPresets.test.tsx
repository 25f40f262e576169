// @vitest-environment jsdom
// Choosing the system at set-up: the chosen preset is stored and put in force, and every panel follows it.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { putRulebookInForce, rulebookState } from "../../src/rules/inForce";
import { defaultRulebook } from "../../src/rules/presets";
import { App } from "../../src/taskpane/App";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { loadRulebook } from "../../src/workbook/rulebookStore";
import { ADD_IN_TABLES, PLANS } from "../../src/workbook/tables";

afterEach(() => {
  cleanup();
  putRulebookInForce(defaultRulebook(), "preset");
});

async function setUpAs(choice: string): Promise<MemoryWorkbook> {
  const workbook = new MemoryWorkbook();
  render(<App workbook={workbook} rulebook={defaultRulebook()} rulebookSource="preset" theme={webLightTheme} />);
  fireEvent.click(await screen.findByRole("radio", { name: choice }));
  fireEvent.click(screen.getByRole("button", { name: "Set up workbook" }));
  return workbook;
}

describe("choosing the system at set-up", () => {
  it("offers the three presets, Mid and South Essex first", async () => {
    render(<App workbook={new MemoryWorkbook()} rulebook={defaultRulebook()} rulebookSource="preset" theme={webLightTheme} />);
    const radios = await screen.findAllByRole("radio");
    expect(radios).toHaveLength(3);
    expect(screen.getByRole("radio", { name: "Mid and South Essex (sample data)" })).toHaveProperty("checked", true);
    expect(screen.getByRole("radio", { name: "North East and North Cumbria (sample data)" })).toBeTruthy();
    expect(screen.getByRole("radio", { name: "A blank system (no sample data)" })).toBeTruthy();
  });

  it("North East and North Cumbria: stored and in force, the header says so, the Control total is by ICP and the Decisions panel has its rule", async () => {
    const workbook = await setUpAs("North East and North Cumbria (sample data)");
    await screen.findByText(`Created ${ADD_IN_TABLES.length} tables with the sample data.`);
    expect((await loadRulebook(workbook)).rulebook.id).toBe("north-east-north-cumbria");
    const state = rulebookState();
    expect(state.status === "ready" && [state.rulebook.id, state.source]).toEqual(["north-east-north-cumbria", "workbook"]);
    await screen.findByText(/^Rules: North East and North Cumbria Integrated Care System \(stored with this workbook\)/);

    fireEvent.click(screen.getByRole("tab", { name: "Control total" }));
    const icps = await screen.findByRole("table", { name: "ICPs: reserves and offsetting" });
    for (const icp of ["North ICP", "Central ICP", "South ICP", "North Cumbria ICP"]) expect(within(icps).getByText(icp)).toBeTruthy();
    // South Tees is outside its tolerance and on the ladder; the councils sit outside the organisational control totals (26).
    const organisations = screen.getByRole("table", { name: "Organisations inside the control total" });
    expect(within(organisations).getByRole("row", { name: /RTR/ }).textContent).toMatch(/Red/);
    expect(screen.getByRole("group", { name: "Outside the control total" }).textContent).toContain("Durham County Council");

    fireEvent.click(screen.getByRole("tab", { name: "Decisions" }));
    const rule = (await screen.findByRole("combobox", { name: "Decision rule" })) as HTMLSelectElement;
    expect(rule.selectedOptions[0]!.textContent).toMatch(/^ICS Management Group: agreement \(illustrative: agree locally, NENC ICS MoU 16, 21\)/);
    expect([...rule.options].map((o) => o.value)).toEqual(["mg-consensus", "mg-capital"]);
    await screen.findByLabelText("Vote of Chief Executive, South Tees Hospitals NHS FT (South ICP)");
  });

  it("a blank system: the tables made empty, with a note, and its rule in force", async () => {
    const workbook = await setUpAs("A blank system (no sample data)");
    await screen.findByText(new RegExp(`^Created ${ADD_IN_TABLES.length} tables, empty: a blank system has no sample data`));
    expect((await workbook.readTable(PLANS.name))!.rows).toEqual([]);
    await screen.findByText(/^Rules: A new system \(stored with this workbook\)/);
    fireEvent.click(screen.getByRole("tab", { name: "Decisions" }));
    const rule = (await screen.findByRole("combobox", { name: "Decision rule" })) as HTMLSelectElement;
    expect(rule.selectedOptions[0]!.textContent).toMatch(/^Board: decision by vote/);
  });

  it("a workbook with its rulebook stored offers no choice: set-up keeps the stored one", async () => {
    render(<App workbook={new MemoryWorkbook()} rulebook={defaultRulebook()} rulebookSource="workbook" theme={webLightTheme} />);
    await screen.findByRole("button", { name: "Set up workbook" });
    expect(screen.queryAllByRole("radio")).toEqual([]);
    expect(screen.getByText(new RegExp(`with the ${defaultRulebook().name} sample data`))).toBeTruthy();
  });
});
