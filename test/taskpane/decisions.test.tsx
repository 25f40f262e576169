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
const propose = (member: string) => fireEvent.change(screen.getByLabelText(/^Proposer/), { target: { value: member } });
const PROPOSER = "Chief Executive, NHS Mid and South Essex ICB";

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
    propose(PROPOSER);
    fireEvent.change(screen.getByLabelText(/^Meeting date/), { target: { value: "27/11/2026" } });
    fireEvent.click(record);
    await screen.findByText("Recorded in the decision log: CARRIED — Capital priorities 2026/27. The votes are cleared for the next decision.");
    const log = await readDecisionLog(workbook);
    expect(log).toHaveLength(1);
    expect(log![0]).toMatchObject({ rule: "pb-capital", clause: "MoU 8.4", eligible: 16, for: 16, result: "CARRIED", meetingDate: "2026-11-27", proposer: PROPOSER, quorumPresent: 16, quorumRequired: 12, kind: "Decision" });
    await waitFor(() => expect(screen.getByTestId("log-status").textContent).toContain("Decision log verifies1 entry"));
  });

  it("records the Board's 75% vote only on an issue where the SLE could not reach consensus (MoU 8.3–8.4), and logs the issue", async () => {
    const workbook = await renderSetUp();
    const missing = () => screen.getByTestId("record-missing").textContent;
    const issue = screen.getByLabelText(/^Issue/) as HTMLSelectElement;
    // The sample's one issue that meets the precondition is offered and named with the clause.
    await waitFor(() => expect(issue.value).toBe("ISS-001"));
    expect(within(issue).getAllByRole("option").map((o) => o.textContent)).toEqual(["Choose the issue", "ISS-001"]);
    expect(screen.getByText(/^Precondition: .*ISS-001.*\(MoU 8\.3–8\.4\)$/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Matter being decided/), { target: { value: "Capital priorities 2026/27" } });
    fireEvent.click(screen.getByRole("button", { name: "All eligible For" }));
    propose(PROPOSER);
    fireEvent.change(issue, { target: { value: "" } });
    expect(missing()).toMatch(/^To record the decision: Precondition not met: no issue is named; .* \(MoU 8\.3–8\.4\)\.$/);
    expect((screen.getByRole("button", { name: "Record decision" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(issue, { target: { value: "ISS-001" } });
    expect(missing()).toBe("");
    fireEvent.click(screen.getByRole("button", { name: "Record decision" }));
    await screen.findByText(/Recorded in the decision log: CARRIED/);
    expect((await readDecisionLog(workbook))![0]).toMatchObject({ rule: "pb-capital", issue: "ISS-001" });
    // A rule that waits on no issue asks for none.
    fireEvent.change(screen.getByLabelText("Decision rule"), { target: { value: "pb-issue-resolution" } });
    expect(screen.queryByLabelText(/^Issue/)).toBeNull();
  });

  it("says so when the log has been edited in the sheet", async () => {
    const workbook = new MemoryWorkbook();
    await renderSetUp(workbook);
    fireEvent.change(screen.getByLabelText(/Matter being decided/), { target: { value: "Capital" } });
    fireEvent.click(screen.getByRole("button", { name: "All eligible For" }));
    propose(PROPOSER);
    fireEvent.click(screen.getByRole("button", { name: "Record decision" }));
    await screen.findByText(/Recorded in the decision log/);
    workbook.editCell(DECISION_LOG.name, 0, "Result", "NOT CARRIED");
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
    fireEvent.click(screen.getByRole("button", { name: "All eligible For" }));
    vote("Clinical Lead, Mid Essex Alliance", "against");
    propose(PROPOSER);
    fireEvent.click(screen.getByRole("button", { name: "Record decision" }));
    await screen.findByText(/The decision was not recorded: the sheet is protected/);
    expect((screen.getByLabelText("Vote of Clinical Lead, Mid Essex Alliance") as HTMLSelectElement).value).toBe("against");
    expect((screen.getByLabelText(/Matter being decided/) as HTMLInputElement).value).toBe("Capital");
    expect((screen.getByLabelText(/^Proposer/) as HTMLSelectElement).value).toBe(PROPOSER);
  });

  it("names a member whose organisation is unknown and will not record until it is fixed", async () => {
    const workbook = new MemoryWorkbook();
    await setUpWorkbook(workbook, rulebook);
    await workbook.appendRows(BOARD_MEMBERS, [["Partnership Board", "Chief Executive, Acme", "ACME", "Member", "", "Yes"] as Cell[]]);
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

  it("will not record until the matter, a meeting date not after today, the proposer and the quorum are there, and says which is missing", async () => {
    await renderSetUp();
    const record = screen.getByRole("button", { name: "Record decision" }) as HTMLButtonElement;
    const missing = () => screen.getByTestId("record-missing").textContent;
    for (const m of ["Clinical Lead, Mid Essex Alliance", "Place Lead, Mid Essex", "Chief Executive, NHS Mid and South Essex ICB"]) vote(m, "for");
    expect(screen.getByTestId("quorum-status").textContent).toBe("Not quorate 3 present, the rule needs 12 (illustrative: agree locally, MoU 6.4–6.6)");
    // Three of three present would carry a majority at the Board, but without quorum it is never shown as a plain success.
    fireEvent.change(screen.getByLabelText("Decision rule"), { target: { value: "pb-issue-resolution" } });
    for (const m of ["Clinical Lead, Mid Essex Alliance", "Place Lead, Mid Essex", "Chief Executive, NHS Mid and South Essex ICB"]) vote(m, "for");
    expect(result()).toMatch(/^Carries, but not quorate3 of 3 eligible members present for/);
    fireEvent.change(screen.getByLabelText("Decision rule"), { target: { value: "pb-capital" } });
    for (const m of ["Clinical Lead, Mid Essex Alliance", "Place Lead, Mid Essex", "Chief Executive, NHS Mid and South Essex ICB"]) vote(m, "for");
    expect(missing()).toBe("To record the decision: name the matter; choose the proposer; not quorate: 3 present, the rule needs 12 (illustrative: agree locally, MoU 6.4–6.6).");
    expect(record.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText(/Matter being decided/), { target: { value: "Capital" } });
    fireEvent.click(screen.getByRole("button", { name: "All eligible For" }));
    expect(screen.getByTestId("quorum-status").textContent).toMatch(/^Quorate 16 present/);
    fireEvent.change(screen.getByLabelText(/^Meeting date/), { target: { value: "01/01/2999" } });
    expect(missing()).toBe("To record the decision: Meeting date: 01/01/2999 is after today (" + new Date().toLocaleDateString("en-GB") + "); record a decision once the meeting has taken it; choose the proposer.");
    expect(screen.getByText(/01\/01\/2999 is after today/, { selector: "[id] *, [id]" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^Meeting date/), { target: { value: "30/11/2026" } });
    // Only voting members of the body are offered as proposer; the Healthwatch chief executive is one (not eligible on capital, still a member).
    const options = within(screen.getByLabelText(/^Proposer/)).getAllByRole("option").map((o) => o.textContent);
    expect(options[0]).toBe("Choose the proposer");
    expect(options).toContain("Chief Executive, Healthwatch Essex");
    propose(PROPOSER);
    expect(missing()).toBe("");
    expect(record.disabled).toBe(false);
  });

  it("shows a declared conflict beside the member, excludes them, and lets their deputy vote in their place at the ICP", async () => {
    await renderSetUp();
    fireEvent.change(screen.getByLabelText("Decision rule"), { target: { value: "icp-majority" } });
    await screen.findByRole("table", { name: "Votes of Integrated Care Partnership members" });
    fireEvent.change(screen.getByLabelText(/Matter being decided/), { target: { value: "Community diagnostic centre, Thurrock" } });
    const table = screen.getByRole("table", { name: "Votes of Integrated Care Partnership members" });
    const rowOf = (member: string) => within(table).getByText(member).closest("tr")!;
    const ceo = rowOf("Chief Executive, Mid and South Essex NHS Foundation Trust");
    expect(within(ceo).getByText("Excluded: conflict")).toBeTruthy();
    expect(within(ceo).getByTestId("member-conflict").textContent).toBe("Sample: non-executive director of the proposed operator (conflicts register row 2)");
    expect(screen.queryByLabelText("Vote of Chief Executive, Mid and South Essex NHS Foundation Trust")).toBeNull();
    // The hospice trustee declared an interest on ICP decisions and still votes.
    const chair = rowOf("Chair, Essex Health and Wellbeing Board");
    expect(within(chair).getByText("Interest declared")).toBeTruthy();
    // The attendee without a vote is listed, with no vote to cast.
    expect(rowOf("Director of Public Health, Essex County Council (attendee)").textContent).toContain("No voteAttends without a vote");
    expect(screen.queryByLabelText("Vote of Director of Public Health, Essex County Council (attendee)")).toBeNull();
    vote("Deputy Chief Executive, Mid and South Essex NHS Foundation Trust", "for");
    vote("Chief Executive, Healthwatch Essex", "against");
    expect(result()).toMatch(/^Does not carry1 of 2 members present for \(50\.0%\)/);
    const deputy = rowOf("Deputy Chief Executive, Mid and South Essex NHS Foundation Trust");
    expect(deputy.textContent).toContain("votes in the place of Chief Executive, Mid and South Essex NHS Foundation Trust (excluded for a conflict of interest) (ICP ToR, Voting)");
    // A member and their deputy both voting is refused, naming both.
    vote("Chair, Thurrock Health and Wellbeing Board", "for");
    vote("Deputy for the Chair, Thurrock Health and Wellbeing Board", "against");
    expect(screen.getByRole("alert").textContent).toContain(
      "Chair, Thurrock Health and Wellbeing Board and their deputy Deputy for the Chair, Thurrock Health and Wellbeing Board both voted; a deputy votes only in the member's place, never both",
    );
    // The sample's ICP can reach its illustrative quorum: everyone who may vote, for.
    vote("Deputy for the Chair, Thurrock Health and Wellbeing Board", "absent");
    fireEvent.click(screen.getByRole("button", { name: "All eligible For" }));
    expect(screen.getByTestId("quorum-status").textContent).toMatch(/^Quorate 2\d present, the rule needs 20/);
  });

  it("lists recorded decisions with their standing, and corrects or annuls an entry by a new one, leaving it as recorded", async () => {
    const workbook = await renderSetUp();
    const recordOne = async (matter: string) => {
      fireEvent.change(screen.getByLabelText(/Matter being decided/), { target: { value: matter } });
      fireEvent.click(screen.getByRole("button", { name: "All eligible For" }));
      propose(PROPOSER);
      fireEvent.click(screen.getByRole("button", { name: /^Record (decision|correction)$/ }));
      await screen.findByText(new RegExp(`Recorded in the decision log: CARRIED — ${matter}\\.`));
    };
    await recordOne("Capital priorities 2026/27");
    await recordOne("Transformation apportionment 2026/27");
    fireEvent.click(await screen.findByRole("button", { name: "Recorded decisions (2)" }));
    const first = await screen.findByTestId("log-entry-1");
    expect(first.textContent).toContain("CARRIED — Capital priorities 2026/27");
    expect(first.textContent).toContain(`proposed by ${PROPOSER}`);
    expect(first.textContent).toContain("Stands");
    const before = (await readDecisionLog(workbook))!.slice(0, 2);

    // Correct entry 1 with the votes above: a new entry, entry 1 untouched.
    fireEvent.change(screen.getByLabelText("Entry"), { target: { value: "1" } });
    fireEvent.change(screen.getByLabelText("Reason"), { target: { value: "two votes were entered against the wrong members" } });
    fireEvent.click(screen.getByRole("button", { name: "Correct with the votes above" }));
    expect(screen.getByTestId("correcting").textContent).toContain("Correcting entry 1");
    await recordOne("Capital priorities 2026/27");
    // Annul entry 2 (the list stays open, now with three entries).
    expect((await screen.findByRole("button", { name: "Recorded decisions (3)" })).getAttribute("aria-expanded")).toBe("true");
    fireEvent.change(await screen.findByLabelText("Entry"), { target: { value: "2" } });
    fireEvent.change(screen.getByLabelText("Reason"), { target: { value: "recorded at the wrong meeting" } });
    fireEvent.click(screen.getByRole("button", { name: "Annul entry" }));
    await screen.findByText(/Recorded in the decision log: ANNULLED — Transformation apportionment 2026\/27\./);

    const log = (await readDecisionLog(workbook))!;
    expect(log.slice(0, 2)).toEqual(before);
    expect(log.map((e) => [e.kind, e.amendsEntry, e.result])).toEqual([
      ["Decision", undefined, "CARRIED"],
      ["Decision", undefined, "CARRIED"],
      ["Correction", 1, "CARRIED"],
      ["Annulment", 2, "ANNULLED"],
    ]);
    // The list follows the log once it is read again with the annulment in it (entry 1's correction shows a read sooner).
    await waitFor(() => expect(screen.getByTestId("log-entry-2").textContent).toContain("Annulled by entry 4"));
    expect(screen.getByTestId("log-entry-1").textContent).toContain("Corrected by entry 3");
    expect(screen.getByTestId("log-entry-3").textContent).toContain("Corrects entry 1: two votes were entered against the wrong members");
    expect(screen.getByTestId("log-entry-4").textContent).toContain("Annuls entry 2: recorded at the wrong meeting");
    await waitFor(() => expect(screen.getByTestId("log-status").textContent).toContain("Decision log verifies4 entries"));
    // Only entries that still stand may be amended.
    expect(within(screen.getByLabelText("Entry")).getAllByRole("option").map((o) => o.textContent)).toEqual(["Choose an entry", "Entry 3: CARRIED — Capital priorities 2026/27"]);
  });

  it("asks for set-up when the workbook has no tables", async () => {
    render(<App workbook={new MemoryWorkbook()} rulebook={rulebook} rulebookSource="preset" theme={webLightTheme} />);
    fireEvent.click(screen.getByRole("button", { name: "Open Decisions" }));
    expect(screen.getByRole("tab", { name: "Decisions", selected: true })).toBeTruthy();
    await screen.findByText(/This workbook has no Board members table yet/);
    fireEvent.click(screen.getByRole("button", { name: "Set up workbook" }));
    await screen.findByText(/^Created \d+ tables with the sample data\.$/);
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
