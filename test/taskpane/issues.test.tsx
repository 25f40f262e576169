// @vitest-environment jsdom
// The Issue resolution section of the Decisions panel: issues with their stage and status, the Board capital vote's
// precondition named with its issue and clause, only the route's next step offered, Enter records it, errors named by field.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { readIssues } from "../../src/workbook/issues";
import { ISSUES } from "../../src/workbook/tables";
import { openPanel, rulebook } from "./openPanel";

afterEach(cleanup);

async function openIssues() {
  const workbook = await openPanel("Decisions");
  fireEvent.click(await screen.findByRole("button", { name: "Issue resolution" }));
  await screen.findByRole("list", { name: "Issues" });
  return workbook;
}

const outcome = () => screen.getByTestId("issue-outcome").textContent ?? "";
const options = (select: HTMLElement) => [...(select as HTMLSelectElement).options].map((o) => o.textContent);

describe("the Issue resolution section", () => {
  it("lists each issue with its stage and status, and says the Board capital vote's precondition is met on ISS-001 (MoU 8.3–8.4)", async () => {
    await openIssues();
    const items = within(screen.getByRole("list", { name: "Issues" })).getAllByRole("listitem");
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^ISS-001Open.*At Partnership Board decides, with not less than 75% of eligible members \(MoU 8\.4\)Open$/),
      expect.stringMatching(/^ISS-003Open.*At Partnership Board decides, with not less than 75% of eligible members \(MoU 8\.4\)Open$/),
      expect.stringMatching(/^ISS-002Open.*At Independent facilitator selected by the SLE \(MoU 8\.10\(3\)\)Open$/),
      expect.stringMatching(/^MEA-001Open.*At Second meeting, without the partners failing to agree \(MEA MoU 10\)Open$/),
    ]);
    const preconditions = screen.getByTestId("issue-preconditions").textContent ?? "";
    expect(preconditions).toContain("Partnership Board: NHS capital priorities Precondition metPrecondition: SLE could not reach consensus on issue ISS-001 (MoU 8.3–8.4)");
    // Each Board vote waits on an SLE failure about its own matter: ISS-003 is the transformation apportionment's.
    expect(preconditions).toContain("Precondition: SLE could not reach consensus on issue ISS-003 (MoU 8.3–8.4)");
  });

  it("offers only the next stage's outcomes, records one on Enter, and says so in the live region", async () => {
    const workbook = await openIssues();
    const user = userEvent.setup();
    fireEvent.click(screen.getByRole("button", { name: "Open issue ISS-002" }));
    const form = await screen.findByRole("form", { name: "Record the next step of issue ISS-002" });
    expect(within(form).getByText("Next: Independent facilitator selected by the SLE (MoU 8.10(3))")).toBeTruthy();
    const select = within(form).getByLabelText(/^Outcome/);
    expect(options(select)).toEqual(["Choose…", "Resolved with the independent facilitator", "The facilitator could not resolve it"]);
    expect(within(screen.getByRole("list", { name: "History of issue ISS-002" })).getByText(/NOT CARRIED: 2 of 5 eligible partners participating/)).toBeTruthy();
    fireEvent.change(select, { target: { value: "not-resolved" } });
    const date = within(form).getByLabelText(/^Date/);
    fireEvent.change(date, { target: { value: "2026-11-02" } });
    await user.type(date, "{Enter}");
    await waitFor(() => expect(outcome()).toBe("Recorded: issue ISS-002. At Partnership Board majority decision (MoU 8.10(4))."));
    const read = (await readIssues(workbook, rulebook))!;
    expect(read.events.at(-1)).toMatchObject({ ref: "ISS-002", stage: "facilitator", outcome: "not-resolved", date: "2026-11-02" });
    // The form follows the issue to the Board's vote: a vote stage asks for the votes.
    const next = await screen.findByRole("form", { name: "Record the next step of issue ISS-002" });
    await waitFor(() => expect(within(next).getByText("Next: Partnership Board majority decision (MoU 8.10(4))")).toBeTruthy());
    expect(within(next).getByLabelText(/^Votes/)).toBeTruthy();
  });

  it("names the field at fault and records nothing: a date that is no day, an unknown partner's vote, a step the count does not give", async () => {
    const workbook = await openIssues();
    const user = userEvent.setup();
    const rows = () => workbook.allTables().find((t) => t.name === ISSUES.name)!.rows.length;
    const before = rows();
    fireEvent.click(screen.getByRole("button", { name: "Open issue MEA-001" }));
    const form = await screen.findByRole("form", { name: "Record the next step of issue MEA-001" });
    fireEvent.change(within(form).getByLabelText(/^Outcome/), { target: { value: "decided-accepted" } });
    const date = within(form).getByLabelText(/^Date/);
    fireEvent.change(date, { target: { value: "30/02/2026" } });
    fireEvent.change(within(form).getByLabelText(/^Votes/), { target: { value: "CHC: for; XYZ: for" } });
    await user.click(within(form).getByRole("button", { name: "Record step" }));
    expect(await within(form).findByText('the date "30/02/2026" is not a day of the calendar; type it as 15/09/2026')).toBeTruthy();
    expect(within(form).getByText(/"XYZ" is not a partner in the rulebook/)).toBeTruthy();
    // Corrected, but BDC failed to agree and takes no part in the second meeting: refused by the route, said in the live region.
    fireEvent.change(date, { target: { value: "02/11/2026" } });
    fireEvent.change(within(form).getByLabelText(/^Votes/), { target: { value: "CHC: for; MDC: for; BDC: against" } });
    await user.type(date, "{Enter}");
    await waitFor(() => expect(outcome()).toMatch(/^Not recorded: the step was not recorded: BDC failed to agree and takes no part in "Second meeting, without the partners failing to agree" \(MEA MoU 10\)/));
    expect(rows()).toBe(before);
  });

  it("opens a new issue on a route, its reference new", async () => {
    const workbook = await openIssues();
    const user = userEvent.setup();
    fireEvent.click(screen.getByRole("button", { name: "Open a new issue" }));
    const form = await screen.findByRole("form", { name: "Open an issue" });
    fireEvent.change(within(form).getByLabelText(/^Reference/), { target: { value: "ISS-001" } });
    fireEvent.change(within(form).getByLabelText(/^What the issue is/), { target: { value: "Estates: shared use of the Braintree site" } });
    fireEvent.change(within(form).getByLabelText(/^Route/), { target: { value: "issue-resolution" } });
    await user.click(within(form).getByRole("button", { name: "Open issue" }));
    await waitFor(() => expect(outcome()).toBe("Not recorded: the issue was not opened: ISS-001 is already an issue (opened 2026-09-01); choose another reference"));
    const ref = within(form).getByLabelText(/^Reference/);
    fireEvent.change(ref, { target: { value: "ISS-004" } });
    await user.type(ref, "{Enter}");
    await waitFor(() => expect(outcome()).toBe("Opened: issue ISS-004. At SLE discusses openly, with advice (MoU 8.10(1))."));
    expect((await readIssues(workbook, rulebook))!.issues.map((s) => s.ref)).toEqual(["ISS-001", "ISS-003", "ISS-002", "MEA-001", "ISS-004"]);
    await screen.findByRole("button", { name: "Open issue ISS-004" });
  });
});
