// The Issues table as issue resolution uses it: every event read back and checked along its route, and a new step appended only after the same checks.
import { codeKey } from "../rules/codes";
import { checkEvent, OPENED, parseIsoDate, parsePartners, parseVotes, preconditionMet, preconditionOf, votesText, type IssueEvent, type IssueState, type PreconditionCheck } from "../rules/issueResolution";
import { RulesInputError } from "../rules/inputError";
import type { DecisionRule, Rulebook } from "../rules/rulebook";
import { WorkbookError, type Cell, type Workbook } from "./gateway";
import { blank, readRows, recordsOf, textOf, type RowRecord } from "./records";
import { ISSUES } from "./tables";

export interface IssuesRead {
  /** Every event, in the table's order. */
  events: IssueEvent[];
  /** Each issue's state, in order of first appearance. */
  issues: IssueState[];
}

function fromRecord(rulebook: Rulebook, r: RowRecord, where: string): IssueEvent {
  const field = <T>(column: string, read: () => T): T => {
    try {
      return read();
    } catch (error) {
      if (error instanceof RulesInputError || error instanceof WorkbookError) throw new WorkbookError(`${where} (${column}): ${error.message}`);
      throw error;
    }
  };
  const required = (column: string) => {
    if (blank(r[column])) throw new WorkbookError(`${where} (${column}) is blank`);
    return textOf(r[column]!);
  };
  const stage = codeKey(required("Stage"));
  const optional = (column: string) => (blank(r[column]) ? undefined : textOf(r[column]!));
  return {
    ref: required("Issue ref"),
    route: required("Route"),
    // Text as typed (15/09/2026 or 2026-09-15), or a serial where Excel took the typing for a date.
    date: field("Date", () => parseIsoDate(r["Date"] ?? null, "date")),
    stage,
    outcome: stage === OPENED ? "" : required("Outcome"),
    ...(optional("Matter") ? { matter: optional("Matter")! } : {}),
    ...(optional("Rule") ? { rule: optional("Rule")! } : {}),
    detail: textOf(r["Detail"] ?? null),
    participants: field("Participants", () => parsePartners(rulebook, textOf(r["Participants"] ?? null))),
    dissenters: field("Dissenters", () => parsePartners(rulebook, textOf(r["Dissenters"] ?? null))),
    votes: field("Votes", () => parseVotes(rulebook, textOf(r["Votes"] ?? null))),
    ...(optional("Recorded at") ? { recordedAt: optional("Recorded at")! } : {}),
  };
}

/**
 * Every issue in the Issues table, each event checked along its route as it would be when appended; undefined when
 * the workbook has no Issues table. Throws WorkbookError naming every row that cannot be used (its row number and
 * column, or the step it breaks).
 */
export async function readIssues(workbook: Workbook, rulebook: Rulebook): Promise<IssuesRead | undefined> {
  const table = await workbook.readTable(ISSUES.name);
  if (!table) return undefined;
  const events = readRows(recordsOf(table, ISSUES), ISSUES, (r, where) => fromRecord(rulebook, r, where));
  const states = new Map<string, IssueState>();
  const problems: string[] = [];
  const broken = new Set<string>();
  // Each event as the rules name it (a route, stage or outcome typed by its label, a reference in another case, read
  // as its id), so whoever reads the events matches them by id.
  const named: IssueEvent[] = [];
  events.forEach((event, i) => {
    const key = codeKey(event.ref);
    // One problem per issue: its later rows cannot be judged once one step is wrong.
    if (broken.has(key)) return;
    const check = checkEvent(rulebook, states.get(key), event);
    if (check.ok) {
      states.set(key, check.state);
      const { ref, route } = check.state;
      named.push({ ...event, ref, route: route.id, stage: check.step?.stage.id ?? OPENED, outcome: check.step?.outcome.id ?? "" });
    } else {
      broken.add(key);
      problems.push(`${ISSUES.name} row ${i + 1} (issue ${event.ref}): ${check.message}`);
    }
  });
  if (problems.length > 0) {
    throw new WorkbookError(`${problems.length} issue${problems.length === 1 ? "" : "s"} in ${ISSUES.name} cannot be followed: ${problems.slice(0, 8).join("; ")}`);
  }
  return { events: named, issues: [...states.values()] };
}

const toRow = (e: IssueEvent, recordedAt: string): Cell[] => [
  e.ref.trim(),
  e.route,
  e.date,
  e.stage,
  e.outcome,
  e.matter ?? "",
  e.rule ?? "",
  e.detail.trim(),
  e.participants.join("; "),
  e.dissenters.join("; "),
  votesText(e.votes),
  recordedAt,
];

/**
 * Appends one event to the Issues table after checking it against the issue's history as the table holds it now
 * (opening a reference already used is refused); nothing is written when it is refused, or when someone appended a
 * row since the table was read. Resolves to the issue's state after the event.
 */
export async function appendIssueEvent(workbook: Workbook, rulebook: Rulebook, event: IssueEvent, now: Date = new Date()): Promise<IssueState> {
  let read: IssuesRead | undefined;
  try {
    read = await readIssues(workbook, rulebook);
  } catch (error) {
    throw new WorkbookError(`the step was not recorded: ${(error as Error).message}`);
  }
  if (!read) throw new WorkbookError("the workbook has no Issues table; use Set up workbook first");
  const state = read.issues.find((s) => codeKey(s.ref) === codeKey(event.ref));
  if (state && codeKey(event.stage) === OPENED) throw new WorkbookError(`the issue was not opened: ${state.ref} is already an issue (opened ${state.opened}); choose another reference`);
  const check = checkEvent(rulebook, state, event);
  if (!check.ok) throw new WorkbookError(`the step was not recorded: ${check.message}`);
  const recordedAt = now.toISOString();
  const last = read.events.at(-1);
  await workbook.appendRows(ISSUES, [toRow(event, recordedAt)], {
    // Someone may have recorded a step since the table was read: this one was checked against a history that is not the last.
    checkLast: (row) => {
      const same = last === undefined ? row === undefined : row !== undefined && textOf(row["Issue ref"] ?? null) === last.ref && textOf(row["Recorded at"] ?? null) === (last.recordedAt ?? "");
      if (!same) throw new WorkbookError("the step was not recorded: another step was added to the Issues table meanwhile; record it again so it is checked after that one");
    },
  });
  return check.state;
}

/**
 * Whether a decision may be recorded under `rule` on the issue `issueRef`, by the Issues table as it is now (read
 * afresh, so a step recorded a moment ago counts): a rule that waits on no issue is always met; one that does is not
 * met without an Issues table, or while the table cannot be read (the message says why).
 */
export async function checkPrecondition(workbook: Workbook, rulebook: Rulebook, rule: DecisionRule, issueRef: string | undefined): Promise<PreconditionCheck> {
  const precondition = preconditionOf(rulebook, rule);
  if (!precondition) return preconditionMet(rulebook, rule, [], issueRef);
  const unmet = (why: string): PreconditionCheck => ({ met: false, required: true, clause: precondition.clause, message: `Precondition not met: ${why} (${precondition.clause})` });
  let read: IssuesRead | undefined;
  try {
    read = await readIssues(workbook, rulebook);
  } catch (error) {
    return unmet(`the Issues table cannot be read: ${(error as Error).message}`);
  }
  if (!read) return unmet("the workbook has no Issues table to show the issue's history; use Set up workbook to add it");
  return preconditionMet(rulebook, rule, read.events, issueRef);
}
