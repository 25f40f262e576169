// Issue resolution: an issue's history of events along its route, which step may come next, what a vote stage's count says, exit notices, and the preconditions decision rules wait on.
import { codeKey } from "./codes";
import { evaluateDecision, parseVote, resolveEligibility, type Ballot, type DecisionResult } from "./decisions";
import { parseDayDate } from "./dayDate";
import { RulesInputError } from "./inputError";
import { OPENED, type IssueOutcome, type IssueRoute, type IssueStage, type Precondition } from "./issueRoutes";
import { appliesToPartner, lookupPartner, type DecisionRule, type Rulebook, type VoteKind } from "./rulebook";

export { OPENED };

export class IssueInputError extends RulesInputError {
  constructor(message: string) {
    super(message);
    this.name = "IssueInputError";
  }
}

export interface IssueVote {
  /** The partner the vote is for, by code (one vote per partner, or one per member representing it). */
  partner: string;
  vote: VoteKind;
}

/** One line of an issue's history: the issue opened on a route, or a stage's outcome on a date. Never edited; a correction is a new issue. */
export interface IssueEvent {
  ref: string;
  route: string;
  /** yyyy-mm-dd. */
  date: string;
  /** A stage of the route, or OPENED for the first event. */
  stage: string;
  /** An outcome of the stage; blank when the issue is opened. */
  outcome: string;
  /** When opened: the rulebook matter the issue is about; its Annex 1 element says which partners are affected (MoU 8.10(2)). */
  matter?: string;
  /** At a vote stage with several rules (capital, transformation): the one that counted it. */
  rule?: string;
  /** When opened, what the issue is; afterwards, notes on the step. */
  detail: string;
  /** Partner codes: when opened, the parties to the issue; at a stage, who took part. */
  participants: readonly string[];
  /** Partner codes of the partners failing to agree (registered with the Chair; giving notice to exit). */
  dissenters: readonly string[];
  /** At a vote stage, each participating partner's (or member's) vote. */
  votes: readonly IssueVote[];
  /** When it was written to the workbook (ISO timestamp). */
  recordedAt?: string;
}

/**
 * A calendar date as yyyy-mm-dd, from what a person types or a sheet holds: 15/09/2026 (UK order), 2026-09-15, or an
 * Excel date serial; a real day only (no 31 April, no 29 February outside a leap year). One reading with the
 * Decisions panel's meeting dates (dayDate.ts).
 */
export function parseIsoDate(value: unknown, field = "date"): string {
  const shown = typeof value === "number" ? String(value) : `"${String(value ?? "").trim()}"`;
  let iso: string | undefined;
  try {
    iso = parseDayDate(value, field);
  } catch {
    throw new IssueInputError(`the ${field} ${shown} is not a day of the calendar; type it as 15/09/2026`);
  }
  if (iso === undefined) throw new IssueInputError(`the ${field} is blank; type it as 15/09/2026`);
  return iso;
}

/** The calendar date `days` after an ISO date, counted in whole days on UTC dates (no clock change can move it). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = parseIsoDate(isoDate).split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** "ECC: for; SBC: against" (or one a line) as votes; a partner by code or name, a vote as the Decisions panel words it. */
export function parseVotes(rulebook: Rulebook, text: string): IssueVote[] {
  return text
    .split(/[;\n]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.lastIndexOf(":");
      if (at < 0) throw new IssueInputError(`"${part}" is not a vote; write it as CODE: for (or against, abstain, absent, excluded)`);
      return { partner: partnerCode(rulebook, part.slice(0, at)), vote: parseVote(part.slice(at + 1)) };
    });
}

export const votesText = (votes: readonly IssueVote[]): string => votes.map((v) => `${v.partner}: ${v.vote}`).join("; ");

/** "ECC, SBC" (commas, semicolons or lines) as partner codes, each checked against the rulebook's partners. */
export function parsePartners(rulebook: Rulebook, text: string): string[] {
  return [...new Set(text.split(/[,;\n]/).map((p) => p.trim()).filter(Boolean).map((p) => partnerCode(rulebook, p)))];
}

function partnerCode(rulebook: Rulebook, codeOrName: string): string {
  const partner = lookupPartner(rulebook, codeOrName.trim());
  if (!partner) throw new IssueInputError(`"${codeOrName.trim()}" is not a partner in the rulebook (give a partner's code or name)`);
  return partner.code;
}

export function findRoute(rulebook: Rulebook, routeId: string): IssueRoute {
  const routes = rulebook.issueResolution?.routes ?? [];
  const route = routes.find((r) => r.id === codeKey(routeId) || codeKey(r.label) === codeKey(routeId));
  if (!route) {
    throw new IssueInputError(
      routes.length === 0 ? "the rulebook in force has no issue resolution routes" : `unknown route "${routeId}"; the routes are ${routes.map((r) => r.id).join(", ")}`,
    );
  }
  return route;
}

/** One event as the history shows it: the stage, the outcome and, at a vote stage, the count. */
export interface IssueStep {
  event: IssueEvent;
  stage: IssueStage;
  outcome: IssueOutcome;
  result?: DecisionResult;
  /** Partners failing to agree that the count left out (the MEA's second meeting). */
  excluded: string[];
}

/** A partner's notice (to exit the Mid Essex Alliance): given on a date, effective from `date + days`. */
export interface ExitNotice {
  partners: string[];
  given: string;
  /** The first day the exit may take effect: the date given plus the notice days, on the calendar. */
  effectiveFrom: string;
  days: number;
  clause: string;
}

export type IssueStatus =
  | { kind: "open"; stage: IssueStage }
  | { kind: "resolved" | "ended"; stage: IssueStage; outcome: IssueOutcome; date: string };

export interface IssueState {
  ref: string;
  route: IssueRoute;
  title: string;
  matter?: string;
  opened: string;
  parties: string[];
  /** Every partner registered as failing to agree, in the order named. */
  dissenters: string[];
  steps: IssueStep[];
  status: IssueStatus;
  notices: ExitNotice[];
}

/** A step that may be recorded next: the stage (the current one) and each outcome it may end with. */
export interface NextStep {
  stage: IssueStage;
  outcomes: IssueOutcome[];
}

/** What the issue's status says: "At SLE majority ... (MoU 8.10(2))", "Resolved 2026-10-02: ... (MoU 8.10(2))". */
export function describeStatus(status: IssueStatus): string {
  if (status.kind === "open") return `At ${status.stage.label} (${status.stage.clause})`;
  return `${status.kind === "resolved" ? "Resolved" : "Closed"} ${status.date}: ${status.outcome.label} (${status.stage.clause})`;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The step that may be recorded next on an issue; none once it is resolved or ended. */
export function nextSteps(state: IssueState): NextStep[] {
  return state.status.kind === "open" ? [{ stage: state.status.stage, outcomes: [...state.status.stage.outcomes] }] : [];
}

/**
 * An issue's state from its events (in the order recorded), each checked as it would be when appended; throws
 * IssueInputError naming the event (its number in the issue's history) that breaks the route.
 */
export function issueState(rulebook: Rulebook, events: readonly IssueEvent[]): IssueState {
  if (events.length === 0) throw new IssueInputError("an issue needs at least the event that opens it");
  let state: IssueState | undefined;
  events.forEach((event, i) => {
    try {
      state = applyEvent(rulebook, state, event).state;
    } catch (error) {
      if (!(error instanceof RulesInputError)) throw error;
      throw new IssueInputError(`issue ${event.ref}, event ${i + 1}: ${error.message}`);
    }
  });
  return state!;
}

export type EventCheck = { ok: true; state: IssueState; step?: IssueStep } | { ok: false; message: string };

/** Whether `event` may follow the issue's history (undefined for a new issue), and the state it leads to; never throws for bad input. */
export function checkEvent(rulebook: Rulebook, state: IssueState | undefined, event: IssueEvent): EventCheck {
  try {
    return { ok: true, ...applyEvent(rulebook, state, event) };
  } catch (error) {
    if (!(error instanceof RulesInputError)) throw error;
    return { ok: false, message: error.message };
  }
}

function applyEvent(rulebook: Rulebook, state: IssueState | undefined, event: IssueEvent): { state: IssueState; step?: IssueStep } {
  const ref = event.ref.trim();
  if (ref === "") throw new IssueInputError("an issue needs a reference, e.g. ISS-004");
  const date = parseIsoDate(event.date);
  if (!state) return { state: open(rulebook, { ...event, ref, date }) };

  if (codeKey(ref) !== codeKey(state.ref)) throw new IssueInputError(`the event is for issue ${ref}, not ${state.ref}`);
  if (event.stage === OPENED) throw new IssueInputError(`issue ${state.ref} was opened on ${state.opened}; choose another reference for a new issue`);
  if (findRoute(rulebook, event.route).id !== state.route.id) {
    throw new IssueInputError(`issue ${state.ref} is on the route "${state.route.label}", not "${event.route}"`);
  }
  const last = state.steps.at(-1)?.event.date ?? state.opened;
  if (date < last) throw new IssueInputError(`the date ${date} is before the issue's last step (${last}); steps are recorded in order`);
  if (state.status.kind !== "open") {
    throw new IssueInputError(`issue ${state.ref} is ${lowerFirst(describeStatus(state.status))}; nothing follows it (a correction is a new issue)`);
  }
  const current = state.status.stage;
  const stage = state.route.stages.find((s) => s.id === codeKey(event.stage) || codeKey(s.label) === codeKey(event.stage));
  if (!stage) throw new IssueInputError(`the route "${state.route.label}" has no stage "${event.stage}"; its stages are ${state.route.stages.map((s) => s.id).join(", ")}`);
  if (stage.id !== current.id) {
    const ahead = state.route.stages.indexOf(stage) > state.route.stages.indexOf(current);
    throw new IssueInputError(
      ahead
        ? `"${stage.label}" (${stage.clause}) cannot come yet: the issue is at "${current.label}" (${current.clause}), which must escalate first; the route goes stage by stage`
        : `"${stage.label}" is behind the issue, which is at "${current.label}" (${current.clause})`,
    );
  }
  const outcome = stage.outcomes.find((o) => o.id === codeKey(event.outcome) || codeKey(o.label) === codeKey(event.outcome));
  if (!outcome) {
    throw new IssueInputError(`"${event.outcome}" is not an outcome of "${stage.label}"; choose ${stage.outcomes.map((o) => `"${o.label}"`).join(" or ")}`);
  }
  const dissenters = [...new Set([...state.dissenters, ...event.dissenters])];
  const { result, excluded } = countVote(rulebook, state, stage, outcome, event, dissenters);
  const step: IssueStep = { event: { ...event, ref: state.ref, date }, stage, outcome, excluded, ...(result ? { result } : {}) };
  const notices = outcome.startsNotice ? [...state.notices, notice(state, stage, event, date)] : state.notices;
  const at = state.route.stages.indexOf(stage);
  const status: IssueStatus =
    outcome.effect === "escalates"
      ? { kind: "open", stage: state.route.stages[at + 1]! }
      : outcome.effect === "repeats"
        ? { kind: "open", stage }
        : { kind: outcome.effect === "resolves" ? "resolved" : "ended", stage, outcome, date };
  return { state: { ...state, dissenters, steps: [...state.steps, step], status, notices }, step };
}

function open(rulebook: Rulebook, event: IssueEvent): IssueState {
  if (codeKey(event.stage) !== OPENED) throw new IssueInputError(`issue ${event.ref} has no opening event: its first event must be "${OPENED}"`);
  const route = findRoute(rulebook, event.route);
  const title = event.detail.trim();
  if (title === "") throw new IssueInputError(`issue ${event.ref}: say what the issue is (Detail)`);
  if (event.votes.length > 0) throw new IssueInputError(`issue ${event.ref}: an issue is opened without votes`);
  let matter: string | undefined;
  if (event.matter !== undefined && event.matter.trim() !== "") {
    const key = codeKey(event.matter);
    matter = rulebook.matters.find((m) => m.id === key || codeKey(m.label) === key)?.id;
    if (!matter) throw new IssueInputError(`unknown matter "${event.matter}"; the matters are ${rulebook.matters.map((m) => m.id).join(", ")}`);
  }
  return {
    ref: event.ref,
    route,
    title,
    ...(matter ? { matter } : {}),
    opened: event.date,
    parties: [...event.participants],
    dissenters: [...event.dissenters],
    steps: [],
    status: { kind: "open", stage: route.stages[0]! },
    notices: [],
  };
}

/**
 * A vote stage's count under its rule (evaluateDecision): eligible where the rule's matter applies to the partner and,
 * for an issue about a matter, the partner is affected by it (Annex 1; MoU 8.10(2)); the partners failing to agree
 * left out where the stage excludes them. The outcome must be the one the count gives.
 */
function countVote(
  rulebook: Rulebook,
  state: IssueState,
  stage: IssueStage,
  outcome: IssueOutcome,
  event: IssueEvent,
  dissenters: readonly string[],
): { result?: DecisionResult; excluded: string[] } {
  if (stage.kind !== "vote") {
    if (event.votes.length > 0) throw new IssueInputError(`"${stage.label}" is a ${stage.kind}, not a vote; leave Votes blank`);
    return { excluded: [] };
  }
  const rule = voteRule(rulebook, stage, event.rule);
  if (event.votes.length === 0) throw new IssueInputError(`"${stage.label}" is a vote: give each participating partner's vote, to count under ${rule.id} (${rule.clause})`);
  const excluded: string[] = [];
  if (stage.excludesDissenters) {
    if (dissenters.length === 0) throw new IssueInputError(`"${stage.label}" excludes the partners failing to agree, and none are registered on issue ${state.ref}; name them (Dissenters)`);
    const voting = event.votes.filter((v) => dissenters.includes(v.partner) && ["for", "against", "abstain"].includes(v.vote)).map((v) => v.partner);
    if (voting.length > 0) {
      throw new IssueInputError(`${[...new Set(voting)].join(", ")} failed to agree and take${voting.length === 1 ? "s" : ""} no part in "${stage.label}" (${stage.clause}); leave their votes out`);
    }
  }
  const element = state.matter ? rulebook.matters.find((m) => m.id === state.matter)!.element : undefined;
  const ballots: Ballot[] = event.votes.map((v) => {
    const partner = lookupPartner(rulebook, v.partner);
    if (!partner) throw new IssueInputError(`"${v.partner}" is not a partner in the rulebook`);
    if (stage.excludesDissenters && dissenters.includes(partner.code)) {
      excluded.push(partner.code);
      return { member: partner.code, partnerCode: partner.code, eligible: true, vote: "excluded" };
    }
    const eligible = resolveEligibility(rulebook, rule, partner.code).eligible && (element === undefined || appliesToPartner(rulebook, partner, element));
    return { member: partner.code, partnerCode: partner.code, eligible, vote: v.vote };
  });
  const result = evaluateDecision(rulebook, rule, ballots);
  const wanted = outcome.vote === "carried";
  if (result.carried !== wanted) {
    const fits = stage.outcomes.filter((o) => (o.vote === "carried") === result.carried).map((o) => `"${o.label}"`);
    throw new IssueInputError(`"${outcome.label}" needs the vote ${wanted ? "to carry" : "not to carry"}, but it is ${result.explanation}; the count fits ${fits.join(" or ")}`);
  }
  return { result, excluded };
}

function voteRule(rulebook: Rulebook, stage: IssueStage, named: string | undefined): DecisionRule {
  const ids = stage.rules ?? [];
  const key = named?.trim() ? codeKey(named) : undefined;
  if (key === undefined && ids.length > 1) throw new IssueInputError(`"${stage.label}" is counted under ${ids.join(" or ")}: say which (Rule)`);
  const id = key === undefined ? ids[0] : ids.find((r) => r === key || codeKey(rulebook.rules.find((x) => x.id === r)?.label ?? "") === key);
  if (!id) throw new IssueInputError(`"${named}" does not count "${stage.label}"; its rules are ${ids.join(", ")}`);
  return rulebook.rules.find((r) => r.id === id)!;
}

function notice(state: IssueState, stage: IssueStage, event: IssueEvent, date: string): ExitNotice {
  const given = event.dissenters.length > 0 ? [...event.dissenters] : [...state.dissenters];
  if (given.length === 0) throw new IssueInputError(`name the partner giving notice (Dissenters)`);
  const strangers = given.filter((p) => !state.dissenters.includes(p));
  if (strangers.length > 0) {
    throw new IssueInputError(`${strangers.join(", ")} did not fail to agree on issue ${state.ref}; only a partner failing to agree gives notice here (${stage.clause})`);
  }
  const { days, clause } = stage.notice!;
  return { partners: given, given: date, effectiveFrom: addDays(date, days), days, clause };
}

/** Events grouped by issue (reference compared case-blind), each issue's in the order recorded; issues in order of first appearance. */
export function groupIssues(events: readonly IssueEvent[]): IssueEvent[][] {
  const byRef = new Map<string, IssueEvent[]>();
  for (const e of events) {
    const key = codeKey(e.ref);
    const group = byRef.get(key);
    if (group) group.push(e);
    else byRef.set(key, [e]);
  }
  return [...byRef.values()];
}

/** The precondition a rule waits on, if any. */
export function preconditionOf(rulebook: Rulebook, rule: DecisionRule): Precondition | undefined {
  return rulebook.issueResolution?.preconditions.find((p) => p.rule === rule.id);
}

export interface PreconditionCheck {
  met: boolean;
  /** Whether the rule has a precondition at all. */
  required: boolean;
  /** "Precondition: SLE could not reach consensus on issue ISS-001 (MoU 8.3–8.4)", or why it is not met. */
  message: string;
  clause?: string;
}

/**
 * Whether a decision may be taken under `rule` on the issue `issueRef`: the issue's history (from `issues`, every
 * recorded event) must hold the stage's outcome the rulebook's precondition names. The message names the clause.
 */
export function preconditionMet(rulebook: Rulebook, rule: DecisionRule, issues: readonly IssueEvent[], issueRef: string | undefined): PreconditionCheck {
  const p = preconditionOf(rulebook, rule);
  if (!p) return { met: true, required: false, message: `${rule.label} waits on no issue's outcome` };
  const route = findRoute(rulebook, p.route);
  const stage = route.stages.find((s) => s.id === p.stage)!;
  const outcome = stage.outcomes.find((o) => o.id === p.outcome)!;
  const no = (why: string): PreconditionCheck => ({ met: false, required: true, clause: p.clause, message: `Precondition not met: ${why}; ${rule.label} needs "${outcome.label}" recorded on an issue first (${p.clause})` });
  const ref = issueRef?.trim() ?? "";
  if (ref === "") return no("no issue is named");
  const events = issues.filter((e) => codeKey(e.ref) === codeKey(ref));
  if (events.length === 0) return no(`there is no issue ${ref}`);
  let state: IssueState;
  try {
    state = issueState(rulebook, events);
  } catch (error) {
    if (!(error instanceof RulesInputError)) throw error;
    return no(`issue ${ref}'s history cannot be read (${error.message})`);
  }
  if (state.route.id !== route.id) return no(`issue ${state.ref} is on the route "${state.route.label}", not "${route.label}"`);
  if (state.matter !== undefined && state.matter !== rule.matter) {
    const label = (id: string) => rulebook.matters.find((m) => m.id === id)?.label ?? id;
    return no(`issue ${state.ref} is about "${label(state.matter)}", not "${label(rule.matter)}"`);
  }
  const reached = state.steps.find((s) => s.stage.id === stage.id && s.outcome.id === outcome.id);
  if (!reached) return no(`issue ${state.ref} is ${lowerFirst(describeStatus(state.status))}`);
  return { met: true, required: true, clause: p.clause, message: `Precondition: ${outcome.label} on issue ${state.ref} (${p.clause})` };
}

/** The issues on which a rule's precondition is met, for offering them where a decision is recorded. */
export function issuesMeeting(rulebook: Rulebook, rule: DecisionRule, issues: readonly IssueEvent[]): string[] {
  return groupIssues(issues)
    .map((events) => events[0]!.ref)
    .filter((ref) => preconditionMet(rulebook, rule, issues, ref).met);
}
