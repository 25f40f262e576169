// The Board members and Decision log tables as the Decisions panel uses them.
import { chainDecision, DECISION_RECORD_FIELDS, GENESIS_HASH, verifyDecisionLog, type DecisionRecord, type LoggedDecision, type LogVerification } from "../rules/decisionLog";
import type { Cell, TableSpec, Workbook } from "./gateway";
import { WorkbookError } from "./gateway";
import { recordsOf, textOf } from "./records";
import { rulebookVersionLabel } from "./rulebookLog";
import { BOARD_MEMBERS, DECISION_LOG } from "./tables";

export interface BoardMember {
  body: string;
  member: string;
  organisation: string;
  role: "Member" | "Deputy";
}

export async function readBoardMembers(workbook: Workbook): Promise<BoardMember[] | undefined> {
  const table = await workbook.readTable(BOARD_MEMBERS.name);
  if (!table) return undefined;
  return recordsOf(table, BOARD_MEMBERS)
    .filter((r) => textOf(r["Member"]!) !== "")
    .map((r) => ({
      body: textOf(r["Body"]!),
      member: textOf(r["Member"]!),
      organisation: textOf(r["Organisation"]!),
      role: textOf(r["Role"]!).toLowerCase() === "deputy" ? "Deputy" : "Member",
    }));
}

/** The log's columns, in table order: the record's fields, the chain, then the rulebook version (added later). */
const LOG_FIELDS: readonly (keyof LoggedDecision)[] = [...DECISION_RECORD_FIELDS, "previousHash", "hash", "rulebookVersion"];
const NUMERIC = new Set<keyof LoggedDecision>(["eligible", "for", "against", "abstain", "absent", "excluded", "required"]);
const VERSION_HEADER = "Rulebook version";

/** The log as this workbook's table has it: an older workbook's has no Rulebook version column, and is read and added to without it. */
function logSpec(headers: readonly string[]): TableSpec {
  const hasVersion = headers.some((h) => h.trim().toLowerCase() === VERSION_HEADER.toLowerCase());
  return hasVersion ? DECISION_LOG : { ...DECISION_LOG, columns: DECISION_LOG.columns.filter((c) => c.header !== VERSION_HEADER) };
}

function toRow(entry: LoggedDecision, spec: TableSpec): Cell[] {
  return LOG_FIELDS.slice(0, spec.columns.length).map((f) => entry[f] ?? "");
}

function fromRecord(record: Record<string, Cell>): LoggedDecision {
  const entry: Record<string, string | number> = {};
  DECISION_LOG.columns.forEach((column, i) => {
    const field = LOG_FIELDS[i]!;
    const cell = record[column.header];
    if (field === "rulebookVersion") {
      // Absent (an older entry or table): the field is left out, so the entry hashes as it was recorded.
      const version = cell === undefined ? "" : textOf(cell);
      if (version !== "") entry[field] = version;
      return;
    }
    // A number read back as text, or text read back as a number, must not change the hash.
    entry[field] = NUMERIC.has(field) && typeof cell === "number" ? cell : textOf(cell ?? null);
  });
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
 */
export async function appendDecision(workbook: Workbook, record: DecisionRecord): Promise<LoggedDecision> {
  const read = await readLog(workbook);
  if (!read) throw new WorkbookError("the workbook has no Decision log table; use Set up workbook first");
  const { log, spec } = read;
  const check = verifyDecisionLog(log);
  if (!check.verified) {
    throw new WorkbookError(`the decision was not recorded: the Decision log does not verify (${check.reason}). Restore entry ${check.firstBadEntry} as it was recorded, or ask the SFLG how to record the break, before adding to it`);
  }
  // The rulebook the vote ran under: the version stored with the workbook, which is the one in force. A log without the
  // column (an older workbook) records none, so the entry hashes as the table can show it.
  const hasVersion = spec.columns.length === DECISION_LOG.columns.length;
  const rulebookVersion = hasVersion ? (record.rulebookVersion ?? (await rulebookVersionLabel(workbook))) : undefined;
  const { rulebookVersion: _given, ...rest } = record;
  void _given;
  const toLog: DecisionRecord = rulebookVersion ? { ...rest, rulebookVersion } : rest;
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
