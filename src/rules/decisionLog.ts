// The decision log's record of a vote and its hash chain, so that an edit to any entry is detectable.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { Ballot, DecisionResult } from "./decisions";

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
  result: "CARRIED" | "NOT CARRIED";
  explanation: string;
  votes: string;
  /**
   * The rulebook the vote ran under ("v3 · 1a2b3c4d": version and short hash). Entries recorded before versions were
   * kept have none; it is hashed only when present, so their hashes, and the chain through them, stay as they were.
   */
  rulebookVersion?: string;
}

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

export function hashDecision(record: DecisionRecord, previousHash: string): string {
  const version = record.rulebookVersion ?? "";
  const canonical = JSON.stringify([previousHash, ...DECISION_RECORD_FIELDS.map((f) => String(record[f])), ...(version === "" ? [] : [version])]);
  return bytesToHex(sha256(utf8ToBytes(canonical)));
}

export function chainDecision(record: DecisionRecord, previousHash: string): LoggedDecision {
  return { ...record, previousHash, hash: hashDecision(record, previousHash) };
}

const VOTE_LABEL = { for: "For", against: "Against", abstain: "Abstain", absent: "Absent", excluded: "Excluded" } as const;

/** "Clinical Lead, Mid Essex Alliance (ICB-ME, eligible): For; ..." */
export function describeVotes(ballots: readonly Ballot[]): string {
  return ballots
    .map((b) => {
      const who = [b.partnerCode, b.eligible ? "eligible" : "not eligible"].filter(Boolean).join(", ");
      return `${b.member} (${who}): ${VOTE_LABEL[b.vote]}`;
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
    votes: describeVotes(ballots),
  };
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
