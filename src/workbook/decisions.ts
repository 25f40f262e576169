// The Board members, Conflicts and Decision log tables as the Decisions panel uses them.
import type { DeclaredConflict } from "../rules/conflicts";
import { parseDayDate } from "../rules/dayDate";
import {
  amendmentProblem,
  chainDecision,
  DECISION_RECORD_FIELDS,
  entryStatuses,
  GENESIS_HASH,
  LATER_RECORD_FIELDS,
  verifyDecisionLog,
  type DecisionRecord,
  type LoggedDecision,
  type LogVerification,
} from "../rules/decisionLog";
import { readFlag } from "../rules/flags";
import type { Cell, TableSpec, Workbook } from "./gateway";
import { WorkbookError } from "./gateway";
import { readRows, recordsOf, textOf } from "./records";
import { rulebookVersionLabel } from "./rulebookLog";
import { BOARD_MEMBERS, CONFLICTS, DECISION_LOG } from "./tables";

export interface BoardMember {
  body: string;
  member: string;
  organisation: string;
  role: "Member" | "Deputy";
  /** For a deputy: the member whose place they may take; "" where the register does not say. Undefined for a member. */
  deputyFor?: string;
  /** Whether the seat votes: an attendee without a vote is in the register too. Blank (or an older table) is yes. */
  voting: boolean;
}

/**
 * A table as this workbook has it: the spec's columns less any of `later` (added since the table was first made)
 * that its header row lacks, so an older table is read, and added to, as it is.
 */
function asItIs(spec: TableSpec, later: readonly string[], headers: readonly string[]): TableSpec {
  const has = new Set(headers.map((h) => h.trim().toLowerCase()));
  return { ...spec, columns: spec.columns.filter((c) => !later.includes(c.header) || has.has(c.header.toLowerCase())) };
}

const MEMBER_LATER = ["Deputy for", "Voting"];

export async function readBoardMembers(workbook: Workbook): Promise<BoardMember[] | undefined> {
  const table = await workbook.readTable(BOARD_MEMBERS.name);
  if (!table) return undefined;
  const spec = asItIs(BOARD_MEMBERS, MEMBER_LATER, table.headers);
  const records = recordsOf(table, spec).filter((r) => textOf(r["Member"]!) !== "");
  return readRows(records, BOARD_MEMBERS, (r, where) => {
    const role = textOf(r["Role"]!).toLowerCase() === "deputy" ? "Deputy" : "Member";
    const deputyFor = textOf(r["Deputy for"] ?? null);
    if (role === "Member" && deputyFor !== "") {
      throw new WorkbookError(`${where} (Deputy for): ${textOf(r["Member"]!)} names a member to deputise for, but Role is not Deputy; make Role Deputy or clear Deputy for`);
    }
    const voting = readFlag(r["Voting"] ?? null);
    if (voting === null) throw new WorkbookError(`${where} (Voting): "${textOf(r["Voting"]!)}" is not Yes or No`);
    return {
      body: textOf(r["Body"]!),
      member: textOf(r["Member"]!),
      organisation: textOf(r["Organisation"]!),
      role,
      ...(role === "Deputy" ? { deputyFor } : {}),
      voting: voting ?? true,
    };
  });
}

/**
 * The conflicts-of-interest register, row numbers as the table shows them (blank rows left out); undefined when the
 * workbook has none (made before the register), which the count reads as no declarations. A row without a member,
 * matter, interest or action, or with a date that is not one, is named, and nothing is read.
 */
export async function readConflicts(workbook: Workbook): Promise<DeclaredConflict[] | undefined> {
  const table = await workbook.readTable(CONFLICTS.name);
  if (!table) return undefined;
  const records = recordsOf(table, CONFLICTS);
  return readRows(records, CONFLICTS, (r, where) => {
    const field = (header: string, missing: string) => {
      const value = textOf(r[header]!);
      if (value === "") throw new WorkbookError(`${where} (${header}): ${missing}`);
      return value;
    };
    const member = field("Member", "name the member who declared the interest");
    let declared: string | undefined;
    try {
      declared = parseDayDate(r["Date declared"], "Date declared");
    } catch (error) {
      throw new WorkbookError(`${where} (Date declared): ${(error as Error).message.replace(/^Date declared: /, "")}`);
    }
    return {
      row: records.indexOf(r) + 1,
      member,
      organisation: textOf(r["Organisation"]!),
      matter: field("Matter", "give the matter, scheme or issue reference the interest touches (or All matters)"),
      interest: field("Interest declared", "say what the interest is"),
      ...(declared ? { declared } : {}),
      action: field("Action", "say what the Chair decided, e.g. Excluded, or Declared where the member may still vote"),
    };
  });
}

/** The log's columns, in table order: the record's fields, the chain, then the fields added later. */
const LOG_FIELDS: readonly (keyof LoggedDecision)[] = [...DECISION_RECORD_FIELDS, "previousHash", "hash", "rulebookVersion", ...LATER_RECORD_FIELDS];
const NUMERIC = new Set<keyof LoggedDecision>(["eligible", "for", "against", "abstain", "absent", "excluded", "required"]);
/** Headers after Hash: an older workbook's log lacks some or all of them, and is read and added to without them. */
const LOG_LATER = DECISION_LOG.columns.slice(DECISION_RECORD_FIELDS.length + 2).map((c) => c.header);
const fieldOf = new Map(DECISION_LOG.columns.map((c, i) => [c.header, LOG_FIELDS[i]!]));
const OPTIONAL = new Set<keyof LoggedDecision>(["rulebookVersion", ...LATER_RECORD_FIELDS]);

const logSpec = (headers: readonly string[]): TableSpec => asItIs(DECISION_LOG, LOG_LATER, headers);

function toRow(entry: LoggedDecision, spec: TableSpec): Cell[] {
  return spec.columns.map((c) => entry[fieldOf.get(c.header)!] ?? "");
}

function fromRecord(record: Record<string, Cell>): LoggedDecision {
  const entry: Record<string, string | number> = {};
  for (const [header, field] of fieldOf) {
    const cell = record[header];
    if (OPTIONAL.has(field)) {
      // Absent or blank (an older entry or table): the field is left out, so the entry hashes as it was recorded.
      const value = cell === undefined || cell === null ? "" : typeof cell === "number" ? cell : textOf(cell);
      if (value !== "") entry[field] = value;
      continue;
    }
    // A number read back as text, or text read back as a number, must not change the hash.
    entry[field] = NUMERIC.has(field) && typeof cell === "number" ? cell : textOf(cell ?? null);
  }
  return entry as unknown as LoggedDecision;
}

async function readLog(workbook: Workbook): Promise<{ log: LoggedDecision[]; spec: TableSpec } | undefined> {
  const table = await workbook.readTable(DECISION_LOG.name);
  if (!table) return undefined;
  const spec = logSpec(table.headers);
  return { log: recordsOf(table, spec).map(fromRecord), spec };
}

export async function readDecisionLog(workbook: Workbook): Promise<LoggedDecision[] | undefined> {
  return (await readLog(workbook))?.log;
}

export async function verifyWorkbookLog(workbook: Workbook): Promise<LogVerification | undefined> {
  const log = await readDecisionLog(workbook);
  return log && verifyDecisionLog(log);
}

/**
 * Appends a decision, chained to the last entry's hash, after checking the whole chain as it is in the sheet now: a
 * log that does not verify is not added to (the error names the first entry that breaks it), so a new entry never
 * seals over an altered one. The chain is tamper-evident within this workbook: anyone who can edit the sheet can
 * recompute every hash, so it shows accidental or casual change, not a determined forger.
 *
 * A correction or annulment must amend an earlier entry that still stands; the entry's hash is taken from the log as
 * it is now, so the amendment names exactly what it amends. A record without quorum is refused.
 */
export async function appendDecision(workbook: Workbook, record: DecisionRecord): Promise<LoggedDecision> {
  const read = await readLog(workbook);
  if (!read) throw new WorkbookError("the workbook has no Decision log table; use Set up workbook first");
  const { log, spec } = read;
  const check = verifyDecisionLog(log);
  if (!check.verified) {
    throw new WorkbookError(`the decision was not recorded: the Decision log does not verify (${check.reason}). Restore entry ${check.firstBadEntry} as it was recorded, or ask the SFLG how to record the break, before adding to it`);
  }
  if (record.quorumRequired !== undefined && (record.quorumPresent ?? 0) < record.quorumRequired) {
    throw new WorkbookError(`the decision was not recorded: not quorate: ${record.quorumPresent ?? 0} present, the rule needs ${record.quorumRequired}`);
  }
  const headers = new Set(spec.columns.map((c) => c.header));
  let amendsHash: string | undefined;
  if (record.kind === "Correction" || record.kind === "Annulment") {
    const missing = ["Kind", "Amends entry", "Amends hash", "Reason"].filter((h) => !headers.has(h));
    if (missing.length > 0) {
      throw new WorkbookError(`the ${record.kind.toLowerCase()} was not recorded: this workbook's Decision log has no ${missing.map((h) => `"${h}"`).join(", ")} column${missing.length === 1 ? "" : "s"}; add ${missing.length === 1 ? "it" : "them"} at the end of the table and try again`);
    }
    const entry = Number(record.amendsEntry);
    const problem = amendmentProblem(entryStatuses(log), entry);
    if (problem) throw new WorkbookError(`the ${record.kind.toLowerCase()} was not recorded: ${problem}`);
    amendsHash = log[entry - 1]!.hash;
  }
  // Only what this table can show is recorded (and hashed), so every entry verifies as the table holds it. The
  // rulebook the vote ran under is the version stored with the workbook, which is the one in force.
  const rulebookVersion = headers.has("Rulebook version") ? (record.rulebookVersion ?? (await rulebookVersionLabel(workbook))) : undefined;
  const full: DecisionRecord = { ...record, ...(rulebookVersion ? { rulebookVersion } : {}), ...(amendsHash ? { amendsHash } : {}) };
  const toLog = Object.fromEntries(
    Object.entries(full).filter(([field, value]) => {
      if (!OPTIONAL.has(field as keyof LoggedDecision)) return true;
      const header = DECISION_LOG.columns[LOG_FIELDS.indexOf(field as keyof LoggedDecision)]!.header;
      return headers.has(header) && value !== undefined && String(value).trim() !== "";
    }),
  ) as unknown as DecisionRecord;
  const previous = log.at(-1)?.hash ?? GENESIS_HASH;
  const entry = chainDecision(toLog, previous);
  await workbook.appendRows(spec, [toRow(entry, spec)], {
    // Someone may have recorded a decision since the log was read: the entry must chain to the one really last.
    checkLast: (last) => {
      if (textOf(last?.["Hash"] ?? GENESIS_HASH) !== previous) {
        throw new WorkbookError("the decision was not recorded: another decision was added to the Decision log meanwhile; record it again so it follows that one");
      }
    },
  });
  return entry;
}
