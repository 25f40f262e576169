// The Issues table through both gateways (in-memory, and Excel over the fake Excel): the sample's issues read back and
// followed along their routes; a step appended by header wherever a person moved the columns; a refused step, a bad
// row and a reused reference named alike, with nothing written.
import { describe, expect, it } from "vitest";
import { findRule } from "../../../src/rules/rulebook";
import { describeStatus, parsePartners, parseVotes, preconditionMet, type IssueEvent } from "../../../src/rules/issueResolution";
import { defaultRulebook, presetRulebook } from "../../../src/rules/presets";
import type { AppendOptions, Cell, TableSpec, Workbook } from "../../../src/workbook/gateway";
import { appendIssueEvent, checkPrecondition, readIssues } from "../../../src/workbook/issues";
import { setUpWorkbook } from "../../../src/workbook/setup";
import { ISSUES } from "../../../src/workbook/tables";
import { bothSides } from "./onBoth";
import type { Side } from "./sides";

const mse = defaultRulebook();
const onBoth = bothSides();

const WHEN = new Date(Date.UTC(2026, 10, 2, 10));
const step = (ref: string, route: string, date: string, stage: string, outcome: string, more: Partial<IssueEvent> & { votesText?: string; dissentersText?: string } = {}): IssueEvent => ({
  ref,
  route,
  date,
  stage,
  outcome,
  detail: more.detail ?? "",
  participants: [],
  dissenters: parsePartners(mse, more.dissentersText ?? ""),
  votes: parseVotes(mse, more.votesText ?? ""),
});

/** What a failing operation left behind: its message, and the Issues table unchanged. */
async function refused(side: Side, operation: () => Promise<unknown>): Promise<string> {
  const before = side.view(ISSUES.name);
  const message = await operation().then(() => "no error", (e: Error) => e.message);
  expect(side.view(ISSUES.name), "nothing is written when a step is refused").toEqual(before);
  return message;
}

describe("the Issues table", () => {
  it("holds the sample's issues after set-up, each followed along its route; the SLE's failure on ISS-001 is the Board capital vote's precondition", async () => {
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, mse);
      const read = (await readIssues(side.workbook, mse))!;
      const statuses = read.issues.map((s) => [s.ref, describeStatus(s.status)]);
      expect(statuses).toEqual([
        ["ISS-001", "At Partnership Board decides, with not less than 75% of eligible members (MoU 8.4)"],
        ["ISS-003", "At Partnership Board decides, with not less than 75% of eligible members (MoU 8.4)"],
        ["ISS-002", "At Independent facilitator selected by the SLE (MoU 8.10(3))"],
        ["MEA-001", "At Second meeting, without the partners failing to agree (MEA MoU 10)"],
      ]);
      expect(preconditionMet(mse, findRule(mse, "pb-capital"), read.events, "ISS-001").message).toBe("Precondition: SLE could not reach consensus on issue ISS-001 (MoU 8.3–8.4)");
      expect(preconditionMet(mse, findRule(mse, "pb-transformation"), read.events, "ISS-003").met).toBe(true);
      expect(read.issues.find((s) => s.ref === "ISS-002")!.steps[1]!.result!.explanation).toMatch(/^NOT CARRIED: 2 of 5 eligible partners participating/);
      expect(side.view(ISSUES.name)!.rows.every((r) => String(r[7]).startsWith("Sample:"))).toBe(true);
      return { statuses, events: read.events };
    });
  });

  it("appends a step by header when a person has reordered the columns and added one of their own; it reads back the same", async () => {
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, mse);
      side.user.reorderColumns(ISSUES.name, ISSUES.columns.map((c) => c.header).reverse());
      side.user.insertColumn(ISSUES.name, 2, "Owner's note", Array.from({ length: 10 }, () => "keep"));
      const state = await appendIssueEvent(side.workbook, mse, step("MEA-001", "mea-failure-to-agree", "2026-11-02", "second-meeting", "decided-not-accepted", { votesText: "CHC: for; MDC: for; ICB-ME: against" }), WHEN);
      expect(state.status).toMatchObject({ kind: "open", stage: { id: "dissenters-choice" } });
      const after = await appendIssueEvent(side.workbook, mse, step("MEA-001", "mea-failure-to-agree", "2026-11-03", "dissenters-choice", "exit"), WHEN);
      expect(after.notices).toEqual([{ partners: ["BDC"], given: "2026-11-03", effectiveFrom: "2026-12-03", days: 30, clause: "MEA MoU 8, 10" }]);
      const view = side.view(ISSUES.name)!;
      expect(view.rows.map((r) => r[view.headers.indexOf("Owner's note")])).toEqual([...Array.from({ length: 10 }, () => "keep"), "", ""]);
      const last = Object.fromEntries(view.headers.map((h, i) => [h, view.rows.at(-1)![i]]));
      expect(last).toMatchObject({ "Issue ref": "MEA-001", Date: "2026-11-03", Stage: "dissenters-choice", Outcome: "exit", "Recorded at": WHEN.toISOString() });
      const read = (await readIssues(side.workbook, mse))!;
      const mea = read.issues.find((s) => s.ref === "MEA-001")!;
      expect(mea.notices).toEqual(after.notices);
      return { view, status: describeStatus(mea.status) };
    });
  });

  it("refuses a step out of turn, a reused reference and a bad row alike, naming the stage, the issue or the row and column, and writes nothing", async () => {
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, mse);
      const early = await refused(side, () => appendIssueEvent(side.workbook, mse, step("ISS-002", "issue-resolution", "2026-11-02", "partnership-board", "decided", { votesText: "MSEFT: for" }), WHEN));
      expect(early).toMatch(/^the step was not recorded: "Partnership Board majority decision" \(MoU 8\.10\(4\)\) cannot come yet: the issue is at "Independent facilitator selected by the SLE"/);
      const reused = await refused(side, () => appendIssueEvent(side.workbook, mse, { ...step("ISS-001", "issue-resolution", "2026-11-02", "opened", ""), detail: "Another" }, WHEN));
      expect(reused).toBe("the issue was not opened: ISS-001 is already an issue (opened 2026-09-01); choose another reference");
      // A route, stage and outcome typed by their labels, the reference in lower case, are read as their ids.
      side.user.editCell(ISSUES.name, 1, "Stage", "SLE seeks agreement by consensus");
      side.user.editCell(ISSUES.name, 1, "Outcome", "SLE could not reach consensus");
      side.user.editCell(ISSUES.name, 1, "Issue ref", "iss-001");
      const byLabel = (await readIssues(side.workbook, mse))!.events[1]!;
      expect(byLabel).toMatchObject({ ref: "ISS-001", route: "sle-consensus", stage: "sle-consensus", outcome: "no-consensus" });
      // A UK date reads as the day it names; a day the calendar does not have is named by row and column.
      side.user.editCell(ISSUES.name, 1, "Date", "15/09/2026");
      expect((await readIssues(side.workbook, mse))!.events[1]!.date).toBe("2026-09-15");
      side.user.editCell(ISSUES.name, 1, "Date", "31/09/2026");
      const bad = await refused(side, () => readIssues(side.workbook, mse));
      expect(bad).toMatch(/ICS_Issues row 2 \(Date\): the date "31\/09\/2026" is not a day of the calendar/);
      side.user.editCell(ISSUES.name, 1, "Date", "2026-08-15");
      const order = await refused(side, () => appendIssueEvent(side.workbook, mse, step("ISS-002", "issue-resolution", "2026-11-02", "facilitator", "resolved"), WHEN));
      expect(order).toMatch(/^the step was not recorded: 1 issue in ICS_Issues cannot be followed: ICS_Issues row 2 \(issue iss-001\): the date 2026-08-15 is before the issue's last step \(2026-09-01\)/);
      return { early, reused, bad, order };
    });
  });

  it("refuses a step when another was added meanwhile (a co-author between this pane's read and its write), and writes nothing", async () => {
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, mse);
      const coauthor: Workbook = Object.create(side.workbook, {
        appendRows: {
          value: async (spec: TableSpec, rows: Cell[][], options?: AppendOptions) => {
            await side.workbook.appendRows(ISSUES, [["ISS-009", "issue-resolution", "2026-11-01", "opened", "", "", "", "A co-author's issue", "", "", "", "2026-11-01T09:00:00.000Z"]]);
            return side.workbook.appendRows(spec, rows, options);
          },
        },
      });
      const message = await appendIssueEvent(coauthor, mse, step("ISS-002", "issue-resolution", "2026-11-02", "facilitator", "resolved"), WHEN).then(() => "no error", (e: Error) => e.message);
      expect(message).toMatch(/another step was added to the Issues table meanwhile; record it again/);
      const refs = side.view(ISSUES.name)!.rows.map((r) => r[0]);
      expect(refs.slice(-2)).toEqual(["MEA-001", "ISS-009"]);
      return { message, refs };
    });
  });

  it("checks a rule's precondition against the table as it is now: met on ISS-001, not met once the table is gone or a row is spoilt", async () => {
    const pbCapital = findRule(mse, "pb-capital");
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, mse);
      const met = await checkPrecondition(side.workbook, mse, pbCapital, "ISS-001");
      expect(met).toEqual({ met: true, required: true, clause: "MoU 8.3–8.4", message: "Precondition: SLE could not reach consensus on issue ISS-001 (MoU 8.3–8.4)" });
      const other = await checkPrecondition(side.workbook, mse, pbCapital, "ISS-002");
      expect(other.met).toBe(false);
      expect((await checkPrecondition(side.workbook, mse, findRule(mse, "icp-majority"), undefined)).met).toBe(true);
      side.user.editCell(ISSUES.name, 1, "Outcome", "stalemate");
      const spoilt = await checkPrecondition(side.workbook, mse, pbCapital, "ISS-001");
      expect(spoilt.message).toMatch(/^Precondition not met: the Issues table cannot be read: .*row 2 \(issue ISS-001\): "stalemate" is not an outcome/);
      side.user.deleteTable(ISSUES.name);
      const gone = await checkPrecondition(side.workbook, mse, pbCapital, "ISS-001");
      expect(gone.message).toBe("Precondition not met: the workbook has no Issues table to show the issue's history; use Set up workbook to add it (MoU 8.3–8.4)");
      return { met, other, spoilt, gone };
    });
  });

  it.each([
    ["north-east-north-cumbria", ["NENC-001: At The ICS opens discussions on offsetting between ICPs (a proposal) (NENC ICS MoU 30)"]],
    ["blank", []],
  ])("holds the %s preset's sample (NENC's issue on its way to the offsetting discussion; none for a blank system), and takes a new issue", async (id, sample) => {
    const rb = presetRulebook(id)!;
    const route = rb.issueResolution!.routes[0]!;
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, rb);
      expect((await readIssues(side.workbook, rb))!.issues.map((s) => `${s.ref}: ${describeStatus(s.status)}`)).toEqual(sample);
      const state = await appendIssueEvent(side.workbook, rb, { ref: "NEW-1", route: route.id, date: "2026-11-02", stage: "opened", outcome: "", detail: "First issue", participants: [], dissenters: [], votes: [] }, WHEN);
      return describeStatus(state.status);
    });
  });
});
