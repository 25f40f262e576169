// The decision log's record of a vote and its hash chain, so that an edit to any entry is detectable.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { codeKey } from "./codes";
import { DecisionInputError, type Ballot, type DecisionResult, type MemberNote } from "./decisions";
import { parseMeetingDate } from "./dayDate";

/** A decision; a correction (the vote recorded again as it should have been); an annulment (the entry void). */
export const ENTRY_KINDS = ["Decision", "Correction", "Annulment"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** What the log keeps of one decision: who was eligible, how each voted, the rule applied and the result. */
export interface DecisionRecord {
  timestamp: string;
  body: string;
  rule: string;
  clause: string;
  matter: string;
  eligible: number;
  for: number;
  against: number;
  abstain: number;
  absent: number;
  excluded: number;
  required: number;
  result: "CARRIED" | "NOT CARRIED" | "ANNULLED";
  explanation: string;
  votes: string;
  /**
   * The rulebook the vote ran under ("v3 · 1a2b3c4d": version and short hash). Entries recorded before versions were
   * kept have none; it is hashed only when present, so their hashes, and the chain through them, stay as they were.
   */
  rulebookVersion?: string;
  // Kept since issue 16: like the rulebook version, each is hashed only when present, so every older entry verifies.
  /** The day of the meeting that took the decision, "2026-11-30". */
  meetingDate?: string;
  /** The member who proposed it, as the Board members table names them. */
  proposer?: string;
  /** Voting members (or partners) present, and the rule's quorum (none where the rule sets none). */
  quorumPresent?: number;
  quorumRequired?: number;
  /** Left out of entries made before kinds were kept: those are decisions. */
  kind?: EntryKind;
  /** For a correction or annulment: the entry it amends, by number (from 1) and by its hash. */
  amendsEntry?: number;
  amendsHash?: string;
  reason?: string;
  /** For a rule that waits on an issue's outcome (the Board's 75% after the SLE's failure, MoU 8.3–8.4): that issue's reference. */
  issue?: string;
}

/** The fields added after the rulebook version, in the log table's order; hashed by name, and only when present. */
export const LATER_RECORD_FIELDS = ["meetingDate", "proposer", "quorumPresent", "quorumRequired", "kind", "amendsEntry", "amendsHash", "reason", "issue"] as const satisfies readonly (keyof DecisionRecord)[];

export interface LoggedDecision extends DecisionRecord {
  previousHash: string;
  hash: string;
}

/** The "previous hash" of the first entry. */
export const GENESIS_HASH = "0".repeat(64);

/** The record's fields in a fixed order (the hash's and the log table's), so neither depends on how a row was read back. */
export const DECISION_RECORD_FIELDS: readonly (keyof DecisionRecord)[] = [
  "timestamp",
  "body",
  "rule",
  "clause",
  "matter",
  "eligible",
  "for",
  "against",
  "abstain",
  "absent",
  "excluded",
  "required",
  "result",
  "explanation",
  "votes",
];

/** A later field is present when it has something in it: a blank cell read back is the field left out. */
const present = (value: unknown): boolean => value !== undefined && value !== null && String(value).trim() !== "";

/**
 * The hash of an entry and the one before it. The later fields go in as one object of those present, by name (a
 * number and its text hash alike), after the version; an entry with none of them hashes exactly as it did before they
 * existed, and an object can never be read as a version's text.
 */
export function hashDecision(record: DecisionRecord, previousHash: string): string {
  const version = record.rulebookVersion ?? "";
  const later = Object.fromEntries(LATER_RECORD_FIELDS.filter((f) => present(record[f])).map((f) => [f, String(record[f]).trim()]));
  const canonical = JSON.stringify([
    previousHash,
    ...DECISION_RECORD_FIELDS.map((f) => String(record[f])),
    ...(version === "" ? [] : [version]),
    ...(Object.keys(later).length === 0 ? [] : [later]),
  ]);
  return bytesToHex(sha256(utf8ToBytes(canonical)));
}

export function chainDecision(record: DecisionRecord, previousHash: string): LoggedDecision {
  return { ...record, previousHash, hash: hashDecision(record, previousHash) };
}

const VOTE_LABEL = { for: "For", against: "Against", abstain: "Abstain", absent: "Absent", excluded: "Excluded" } as const;

/**
 * "Clinical Lead, Mid Essex Alliance (ICB-ME, eligible): For; ...", each ballot as typed, with what the count made of
 * it in brackets ("[in place of ...]", "[excluded: conflicts register row 3]"); deputies and non-voting attendees say so.
 */
export function describeVotes(ballots: readonly Ballot[], notes: readonly MemberNote[] = []): string {
  return ballots
    .map((b) => {
      const seat = b.voting === false ? "no vote" : b.deputyFor === undefined ? undefined : b.deputyFor.trim() === "" ? "deputy" : `deputy for ${b.deputyFor.trim()}`;
      const who = [b.partnerCode, seat, b.eligible ? "eligible" : "not eligible"].filter(Boolean).join(", ");
      const tags = notes.filter((n) => n.member === b.member).map((n) => ` [${n.tag}]`).join("");
      return `${b.member} (${who}): ${VOTE_LABEL[b.vote]}${tags}`;
    })
    .join("; ");
}

export function recordDecision(result: DecisionResult, matter: string, ballots: readonly Ballot[], timestamp: Date): DecisionRecord {
  return {
    timestamp: timestamp.toISOString(),
    body: result.body,
    rule: result.ruleId,
    clause: result.clause,
    matter,
    eligible: result.eligible,
    for: result.counts.for,
    against: result.counts.against,
    abstain: result.counts.abstain,
    absent: result.counts.absent,
    excluded: result.counts.excluded,
    required: result.required,
    result: result.carried ? "CARRIED" : "NOT CARRIED",
    explanation: result.explanation,
    votes: describeVotes(ballots, result.notes),
  };
}

/** What the Board says about a decision beyond the votes: when, who proposed it, and whether it amends an earlier entry. */
export interface MeetingDetails {
  matter: string;
  /** As typed: "30/11/2026" or "2026-11-30". */
  meetingDate: string;
  proposer: string;
  /** A correction: this vote replaces the entry's record, for the reason given. */
  correcting?: { entry: number; reason: string };
  /** The issue whose history meets the rule's precondition, where it has one (checked against the Issues table by the caller). */
  issue?: string;
}

/**
 * Everything that keeps a vote from being recorded, each naming what is missing (empty when it may be recorded):
 * the matter, a meeting date not after today, a proposer from the body's register, the quorum, a correction's reason.
 */
export function recordingProblems(result: DecisionResult, details: MeetingDetails, ballots: readonly Ballot[], today: string): string[] {
  const problems: string[] = [];
  if (details.matter.trim() === "") problems.push("name the matter");
  try {
    parseMeetingDate(details.meetingDate, today);
  } catch (error) {
    problems.push((error as Error).message);
  }
  const proposer = details.proposer.trim();
  if (proposer === "") problems.push("choose the proposer");
  else if (!ballots.some((b) => b.voting !== false && codeKey(b.member) === codeKey(proposer))) {
    problems.push(`the proposer "${proposer}" is not a voting member of the ${result.body} in the Board members table`);
  }
  if (!result.quorum.quorate) problems.push(result.quorum.explanation);
  if (details.correcting && details.correcting.reason.trim() === "") problems.push("give the reason for the correction");
  return problems;
}

/**
 * The record of a vote taken at a meeting: refused (DecisionInputError listing every problem) unless it may be
 * recorded, so a decision is never recorded without quorum. A correction carries the entry it corrects; the log
 * fills in that entry's hash when it appends.
 */
export function recordMeetingDecision(result: DecisionResult, details: MeetingDetails, ballots: readonly Ballot[], timestamp: Date, today: string): DecisionRecord {
  const problems = recordingProblems(result, details, ballots, today);
  if (problems.length > 0) throw new DecisionInputError(`the decision was not recorded: ${problems.join("; ")}`);
  return {
    ...recordDecision(result, details.matter.trim(), ballots, timestamp),
    meetingDate: parseMeetingDate(details.meetingDate, today),
    proposer: details.proposer.trim(),
    quorumPresent: result.quorum.present,
    ...(result.quorum.required === undefined ? {} : { quorumRequired: result.quorum.required }),
    ...(details.correcting
      ? { kind: "Correction" as const, amendsEntry: details.correcting.entry, reason: details.correcting.reason.trim() }
      : { kind: "Decision" as const }),
    ...(details.issue?.trim() ? { issue: details.issue.trim() } : {}),
  };
}

/**
 * An annulment: a new entry saying an earlier one is void, and why; the earlier entry stays exactly as recorded.
 * It names the annulled entry's body, rule, clause and matter, and counts no votes.
 */
export function annulmentRecord(target: LoggedDecision, entry: number, annulment: { reason: string; meetingDate: string; proposer?: string }, timestamp: Date, today: string): DecisionRecord {
  const reason = annulment.reason.trim();
  const problems: string[] = [];
  if (reason === "") problems.push("give the reason for the annulment");
  let meetingDate = "";
  try {
    meetingDate = parseMeetingDate(annulment.meetingDate, today);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (problems.length > 0) throw new DecisionInputError(`the annulment was not recorded: ${problems.join("; ")}`);
  const proposer = annulment.proposer?.trim() ?? "";
  return {
    timestamp: timestamp.toISOString(),
    body: target.body,
    rule: target.rule,
    clause: target.clause,
    matter: target.matter,
    eligible: 0,
    for: 0,
    against: 0,
    abstain: 0,
    absent: 0,
    excluded: 0,
    required: 0,
    result: "ANNULLED",
    explanation: `ANNULLED: entry ${entry} (${target.result} — ${target.matter}) is void: ${reason}`,
    votes: "",
    meetingDate,
    ...(proposer === "" ? {} : { proposer }),
    kind: "Annulment",
    amendsEntry: entry,
    reason,
  };
}

/** An entry's kind: one recorded before kinds were kept is a decision. */
export const kindOf = (entry: DecisionRecord): EntryKind => entry.kind ?? "Decision";

/** Where a log entry stands now: as recorded, replaced by a correction, or void. */
export interface EntryStatus {
  /** From 1, as the log numbers entries. */
  entry: number;
  kind: EntryKind;
  status: "standing" | "corrected" | "annulled";
  /** The correction or annulment that amended it. */
  by?: number;
  /** For a correction or annulment: the entry it amends. */
  amends?: number;
  /** Why a correction or annulment amends nothing (it points at no earlier entry, or not at that entry's hash). */
  problem?: string;
}

/**
 * Why an entry cannot be amended (undefined when it can): it must be an earlier entry that still stands, since a
 * corrected entry is amended through its correction and an annulled one is void.
 */
export function amendmentProblem(statuses: readonly EntryStatus[], entry: number): string | undefined {
  const target = statuses[entry - 1];
  if (!Number.isInteger(entry) || !target) return `there is no entry ${entry} in the Decision log (it has ${statuses.length})`;
  if (target.kind === "Annulment") return `entry ${entry} is itself an annulment; record the decision again instead`;
  if (target.status === "annulled") return `entry ${entry} was annulled by entry ${target.by}`;
  if (target.status === "corrected") return `entry ${entry} was corrected by entry ${target.by}; amend entry ${target.by} instead`;
  return undefined;
}

/** Each entry's standing, reading the corrections and annulments in order: the log itself is never edited. */
export function entryStatuses(entries: readonly LoggedDecision[]): EntryStatus[] {
  const statuses: EntryStatus[] = entries.map((e, i) => ({ entry: i + 1, kind: kindOf(e), status: "standing" }));
  entries.forEach((e, i) => {
    const own = statuses[i]!;
    if (own.kind === "Decision") return;
    const n = Number(e.amendsEntry);
    own.amends = Number.isInteger(n) ? n : undefined;
    const target = entries[n - 1];
    const problem =
      !Number.isInteger(n) || n < 1 || n > i
        ? `it amends entry ${String(e.amendsEntry ?? "")}, which is not an earlier entry`
        : target!.hash !== e.amendsHash
          ? `it names entry ${n} by a hash that is not that entry's`
          : amendmentProblem(statuses.slice(0, i), n);
    if (problem) {
      own.problem = problem;
      return;
    }
    statuses[n - 1] = { ...statuses[n - 1]!, status: own.kind === "Annulment" ? "annulled" : "corrected", by: i + 1 };
  });
  return statuses;
}

export type LogVerification =
  | { verified: true; entries: number }
  | { verified: false; entries: number; firstBadEntry: number; reason: string };

/** Walks the chain: each entry must point at the one before and hash to what it says. Entries are numbered from 1. */
export function verifyDecisionLog(entries: readonly LoggedDecision[]): LogVerification {
  let previous = GENESIS_HASH;
  for (const [i, entry] of entries.entries()) {
    const fail = (reason: string): LogVerification => ({ verified: false, entries: entries.length, firstBadEntry: i + 1, reason });
    if (entry.previousHash !== previous) {
      return fail(`entry ${i + 1} does not follow entry ${i}: an entry was removed, inserted or reordered`);
    }
    if (hashDecision(entry, entry.previousHash) !== entry.hash) {
      return fail(`entry ${i + 1} has been changed since it was recorded`);
    }
    previous = entry.hash;
  }
  return { verified: true, entries: entries.length };
}
