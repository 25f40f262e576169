// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { defaultRulebook } from "../../src/rules/presets";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { setUpWorkbook } from "../../src/workbook/setup";
import { BOARD_MEMBERS, DECISION_LOG } from "../../src/workbook/tables";
import { readDecisionLog } from "../../src/workbook/decisions";
import type { Cell } from "../../src/workbook/gateway";
import { itFollowsTheWorkbook } from "./live";

const rulebook = defaultRulebook();
afterEach(cleanup);

async function renderSetUp(workbook = new MemoryWorkbook()) {
  await setUpWorkbook(workbook, rulebook);
  render(<App workbook={workbook} rulebook={rulebook} rulebookSource="workbook" theme={webLightTheme} />);
    fireEvent.click(screen.getByRole("tab", { name: "Decisions" }));
  await screen.findByLabelText("Vote of Clinical Lead, Mid Essex Alliance");
  return workbook;
}

const vote = (member: string, value: string) => fireEvent.change(screen.getByLabelText(`Vote of ${member}`), { target: { value } });
const result = () => screen.getByTestId("decision-result").textContent ?? "";

describe("the Decisions panel", () => {
  it("shows live whether the vote carries and how many more For votes it needs", async () => {
    await renderSetUp();
    expect(result()).toMatch(/^Does not carry0 of 16 eligible members for \(0\.0%\); needs 12/);
    fireEvent.click(screen.getByRole("button", { name: "All eligible For" }));
    expect(result()).toMatch(/^Carries16 of 16 eligible members for \(100\.0%\)/);
    for (const m of ["Place Lead, Thurrock", "Place Lead, Mid Essex", "Place Lead, South East Essex", "Place Lead, Basildon and Brentwood", "Clinical Lead, Thurrock Alliance"]) {
      vote(m, "against");
    }
    expect(result()).toContain("11 of 16 eligible members for (68.8%)");
    expect(result()).toContain("Needs 1 more For vote.");
  });

  it("sets aside the vote of a member the matter does not apply to", async () => {
    await renderSetUp();
    vote("Lead Officer, Thurrock Council", "for");
    expect(result()).toContain("0 of 16 eligible members");
    expect(result()).toContain("1 ineligible votes set aside");
  });

  it("records the decision in the log with a hash chain that verifies", async () => {
    const workbook = await renderSetUp();
    const record = screen.getByRole("button", { name: "Record decision" });
    expect((record as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText(/Matter being decided/), { target: { value: "Capital priorities 2026/27" } });
    fireEvent.click(screen.getByRole("button", { name: "All eligible For" }));
    fireEvent.click(record);
    await screen.findByText("Recorded in the decision log: CARRIED — Capital priorities 2026/27. The votes are cleared for the next decision.");
    const log = await readDecisionLog(workbook);
    expect(log).toHaveLength(1);
    expect(log![0]).toMatchObject({ rule: "pb-capital", clause: "MoU 8.4", eligible: 16, for: 16, result: "CARRIED" });
    await waitFor(() => expect(screen.getByTestId("log-status").textContent).toContain("Decision log verifies1 entry"));
  });

  it("says so when the log has been edited in the sheet", async () => {
    const workbook = new MemoryWorkbook();
    await renderSetUp(workbook);
    fireEvent.change(screen.getByLabelText(/Matter being decided/), { target: { value: "Capital" } });
    fireEvent.click(screen.getByRole("button", { name: "Record decision" }));
    await screen.findByText(/Recorded in the decision log/);
    workbook.editCell(DECISION_LOG.name, 0, "Result", "CARRIED");
    cleanup();
    render(<App workbook={workbook} rulebook={rulebook} rulebookSource="workbook" theme={webLightTheme} />);
    fireEvent.click(screen.getByRole("tab", { name: "Decisions" }));
    await waitFor(() => expect(screen.getByTestId("log-status").textContent).toContain("Decision log has been alteredentry 1 has been changed"));
  });

  it("keeps the votes and the matter when recording fails, and says why", async () => {
    class FailingWorkbook extends MemoryWorkbook {
      override async appendRows(): Promise<void> {
        throw new Error("the sheet is protected");
      }
    }
    await renderSetUp(new FailingWorkbook());
    fireEvent.change(screen.getByLabelText(/Matter being decided/), { target: { value: "Capital" } });
    vote("Clinical Lead, Mid Essex Alliance", "for");
    fireEvent.click(screen.getByRole("button", { name: "Record decision" }));
    await screen.findByText(/The decision was not recorded: the sheet is protected/);
    expect((screen.getByLabelText("Vote of Clinical Lead, Mid Essex Alliance") as HTMLSelectElement).value).toBe("for");
    expect((screen.getByLabelText(/Matter being decided/) as HTMLInputElement).value).toBe("Capital");
  });

  it("names a member whose organisation is unknown and will not record until it is fixed", async () => {
    const workbook = new MemoryWorkbook();
    await setUpWorkbook(workbook, rulebook);
    await workbook.appendRows(BOARD_MEMBERS, [["Partnership Board", "Chief Executive, Acme", "ACME", "Member"] as Cell[]]);
    render(<App workbook={workbook} rulebook={rulebook} rulebookSource="workbook" theme={webLightTheme} />);
    fireEvent.click(screen.getByRole("tab", { name: "Decisions" }));
    const alert = await screen.findByText("Fix the Board members table first");
    expect(alert.parentElement!.textContent).toContain('Chief Executive, Acme: "ACME" is neither a partner type nor a partner');
    fireEvent.change(screen.getByLabelText(/Matter being decided/), { target: { value: "Capital" } });
    expect((screen.getByRole("button", { name: "Record decision" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("filters members by the rule's body and gives one vote per partner at the Mid Essex Alliance", async () => {
    await renderSetUp();
    fireEvent.change(screen.getByLabelText("Decision rule"), { target: { value: "mea-majority" } });
    const table = await screen.findByRole("table", { name: "Votes of Mid Essex Alliance members" });
    expect(within(table).getAllByRole("row")).toHaveLength(11);
    vote("Chief Executive, Chelmsford City Council", "for");
    vote("Director of Connected Chelmsford, Chelmsford City Council", "for");
    vote("Chief Executive, Maldon District Council", "against");
    expect(result()).toMatch(/^Does not carry1 of 2 partners present for \(50\.0%\)/);
  });

  it("asks for set-up when the workbook has no tables", async () => {
    render(<App workbook={new MemoryWorkbook()} rulebook={rulebook} rulebookSource="preset" theme={webLightTheme} />);
    fireEvent.click(screen.getByRole("button", { name: "Open Decisions" }));
    expect(screen.getByRole("tab", { name: "Decisions", selected: true })).toBeTruthy();
    await screen.findByText(/This workbook has no Board members table yet/);
    fireEvent.click(screen.getByRole("button", { name: "Set up workbook" }));
    await screen.findByText("Created 17 tables with the sample data.");
    await screen.findByLabelText("Vote of Clinical Lead, Mid Essex Alliance");
  });
});

describe("the Decisions panel, live", () => {
  // A member renamed in the grid, a different name for each edit; the votes cast stay with their members.
  const member = (n: number) => `Place Lead, Thurrock (${n})`;
  itFollowsTheWorkbook({
    tab: "Decisions",
    table: BOARD_MEMBERS.name,
    ready: () => screen.findByLabelText("Vote of Clinical Lead, Mid Essex Alliance"),
    edit: (workbook, n) => {
      const rows = workbook.allTables().find((t) => t.name === BOARD_MEMBERS.name)!.rows;
      const at = rows.findIndex((r) => r[0] === "Partnership Board" && String(r[1]).startsWith("Place Lead, Thurrock"));
      workbook.editCell(BOARD_MEMBERS.name, at, "Member", member(n));
    },
    shows: (n) => screen.findByLabelText(`Vote of ${member(n)}`),
    showing: (n) => screen.queryByLabelText(`Vote of ${member(n)}`) !== null,
    type: async () => {
      fireEvent.change(screen.getByLabelText(/Matter being decided/), { target: { value: "Capital priorities 2026/27" } });
      vote("Clinical Lead, Mid Essex Alliance", "for");
    },
    typed: async () => {
      expect((await screen.findByLabelText<HTMLSelectElement>("Vote of Clinical Lead, Mid Essex Alliance")).value).toBe("for");
      expect(screen.getByLabelText<HTMLTextAreaElement>(/Matter being decided/).value).toBe("Capital priorities 2026/27");
    },
  });
});
