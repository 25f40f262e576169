// The membership register, the conflicts register and the decision log through both gateways (in-memory, and Excel
// over the fake Excel): new columns read and written, older tables without them read and added to as they are, a
// correction or annulment appended as a new entry with the amended entry left exactly as it was.
import { describe, expect, it } from "vitest";
import { defaultRulebook } from "../../../src/rules/presets";
import { chainDecision, entryStatuses, GENESIS_HASH, verifyDecisionLog, type DecisionRecord } from "../../../src/rules/decisionLog";
import type { Cell, TableSpec } from "../../../src/workbook/gateway";
import { appendDecision, readBoardMembers, readConflicts, readDecisionLog } from "../../../src/workbook/decisions";
import { setUpWorkbook } from "../../../src/workbook/setup";
import { BOARD_MEMBERS, CONFLICTS, DECISION_LOG } from "../../../src/workbook/tables";
import { bothSides } from "./onBoth";
import type { Side } from "./sides";

const onBoth = bothSides();

const failed = (operation: Promise<unknown>) => operation.then(() => "no error", (e: Error) => e.message);

/** A table as an older version of the add-in made it: the first `columns` of the spec. */
async function olderTable(side: Side, spec: TableSpec, columns: number, rows: Cell[][] = []) {
  await side.workbook.addTables([{ spec: { ...spec, columns: spec.columns.slice(0, columns) }, sheet: spec.sheet, rows }]);
}

const record: DecisionRecord = {
  timestamp: "2026-11-30T15:00:00.000Z",
  body: "Partnership Board",
  rule: "pb-capital",
  clause: "MoU 8.4",
  matter: "Capital plan",
  eligible: 16,
  for: 13,
  against: 2,
  abstain: 1,
  absent: 0,
  excluded: 0,
  required: 12,
  result: "CARRIED",
  explanation: "13 of 16",
  votes: "",
  meetingDate: "2026-11-30",
  proposer: "Chief Executive, NHS Mid and South Essex ICB",
  quorumPresent: 16,
  quorumRequired: 12,
  kind: "Decision",
};

describe("the membership register", () => {
  it("reads deputies with the member they stand for and attendees without a vote, as set-up writes the sample", async () => {
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, defaultRulebook());
      const members = (await readBoardMembers(side.workbook))!;
      const icp = members.filter((m) => m.body === "Integrated Care Partnership");
      expect(icp.filter((m) => m.role === "Deputy").map((m) => m.deputyFor)).toEqual([
        "Chair, Thurrock Health and Wellbeing Board",
        "Chief Executive, Mid and South Essex NHS Foundation Trust",
      ]);
      expect(icp.filter((m) => !m.voting).map((m) => m.member)).toEqual(["Director of Public Health, Essex County Council (attendee)"]);
      return members;
    });
  });

  it("reads an older table without Deputy for and Voting: every seat votes, a deputy's member left for the count to find", async () => {
    await onBoth(async (side) => {
      await olderTable(side, BOARD_MEMBERS, 4, [
        ["Integrated Care Partnership", "Chair, Thurrock HWB", "THC", "Member"],
        ["Integrated Care Partnership", "Deputy, Thurrock HWB", "THC", "Deputy"],
      ]);
      const members = await readBoardMembers(side.workbook);
      expect(members).toEqual([
        { body: "Integrated Care Partnership", member: "Chair, Thurrock HWB", organisation: "THC", role: "Member", voting: true },
        { body: "Integrated Care Partnership", member: "Deputy, Thurrock HWB", organisation: "THC", role: "Deputy", deputyFor: "", voting: true },
      ]);
      return members;
    });
  });

  it("names the row and field of a Voting cell that is not yes or no, or a member given a Deputy for", async () => {
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, defaultRulebook());
      side.user.editCell(BOARD_MEMBERS.name, 0, "Voting", "perhaps");
      side.user.editCell(BOARD_MEMBERS.name, 1, "Deputy for", "Someone");
      const message = await failed(readBoardMembers(side.workbook));
      expect(message).toBe(
        '2 rows of ICS_BoardMembers cannot be used: ICS_BoardMembers row 1 (Voting): "perhaps" is not Yes or No; ICS_BoardMembers row 2 (Deputy for): Clinical Lead, South East Essex Alliance names a member to deputise for, but Role is not Deputy; make Role Deputy or clear Deputy for',
      );
      return message;
    });
  });
});

describe("the conflicts register", () => {
  it("reads the sample's declarations with their rows, a typed date and a date cell alike", async () => {
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, defaultRulebook());
      side.user.editCell(CONFLICTS.name, 1, "Date declared", 46279);
      const conflicts = (await readConflicts(side.workbook))!;
      expect(conflicts.map((c) => [c.row, c.action, c.declared])).toEqual([
        [1, "Excluded", "2026-10-06"],
        [2, "Excluded", "2026-09-14"],
        [3, "Declared", "2026-04-01"],
      ]);
      expect(conflicts[0]!.interest).toMatch(/^Sample: /);
      return conflicts;
    });
  });

  it("names every row that cannot be read; an older workbook without the register reads as none", async () => {
    await onBoth(async (side) => {
      expect(await readConflicts(side.workbook)).toBeUndefined();
      await setUpWorkbook(side.workbook, defaultRulebook());
      side.user.editCell(CONFLICTS.name, 0, "Action", "");
      side.user.editCell(CONFLICTS.name, 2, "Date declared", "31/02/2026");
      const message = await failed(readConflicts(side.workbook));
      expect(message).toBe(
        '2 rows of ICS_Conflicts cannot be used: ICS_Conflicts row 1 (Action): say what the Chair decided, e.g. Excluded, or Declared where the member may still vote; ICS_Conflicts row 3 (Date declared): "31/02/2026" is not a date; type it as 30/11/2026',
      );
      return message;
    });
  });
});

describe("the decision log's later columns", () => {
  it("records meeting date, proposer, quorum and kind, and reads them back as recorded", async () => {
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, defaultRulebook());
      const entry = await appendDecision(side.workbook, record);
      const log = (await readDecisionLog(side.workbook))!;
      expect(log).toEqual([entry]);
      expect(log[0]).toMatchObject({ meetingDate: "2026-11-30", proposer: record.proposer, quorumPresent: 16, quorumRequired: 12, kind: "Decision" });
      expect(verifyDecisionLog(log)).toEqual({ verified: true, entries: 1 });
      return log;
    });
  });

  it("refuses a record without quorum, writing nothing", async () => {
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, defaultRulebook());
      const message = await failed(appendDecision(side.workbook, { ...record, quorumPresent: 11 }));
      expect(message).toBe("the decision was not recorded: not quorate: 11 present, the rule needs 12");
      expect(side.view(DECISION_LOG.name)!.rows.filter((r) => r.some((c) => c !== "" && c !== null))).toEqual([]);
      return message;
    });
  });

  it("reads and adds to an older log without them (entries hashed by the old rule stay verified), recording only what the table can show", async () => {
    await onBoth(async (side) => {
      // The log as it was before rulebook versions: seventeen columns, one entry hashed then.
      const old = chainDecision({ ...record, meetingDate: undefined, proposer: undefined, quorumPresent: undefined, quorumRequired: undefined, kind: undefined }, GENESIS_HASH);
      const row = DECISION_LOG.columns.slice(0, 17).map((c) => {
        const key = { "Previous hash": "previousHash", Hash: "hash" }[c.header] ?? c.header.toLowerCase();
        return (old as unknown as Record<string, Cell>)[key] ?? "";
      });
      await olderTable(side, DECISION_LOG, 17, [row]);
      const appended = await appendDecision(side.workbook, record);
      expect(appended.meetingDate).toBeUndefined();
      expect(appended.rulebookVersion).toBeUndefined();
      expect(side.view(DECISION_LOG.name)!.headers).toHaveLength(17);
      const log = (await readDecisionLog(side.workbook))!;
      expect(verifyDecisionLog(log)).toEqual({ verified: true, entries: 2 });
      // A correction needs the columns that say what it amends: refused, naming them, nothing written.
      const message = await failed(appendDecision(side.workbook, { ...record, kind: "Correction", amendsEntry: 1, reason: "typo" }));
      expect(message).toBe('the correction was not recorded: this workbook\'s Decision log has no "Kind", "Amends entry", "Amends hash", "Reason" columns; add them at the end of the table and try again');
      expect((await readDecisionLog(side.workbook))!).toHaveLength(2);
      return { log, message };
    });
  });

  it("reads a log with the rulebook version but not the later columns, and adds to it with the version", async () => {
    await onBoth(async (side) => {
      await olderTable(side, DECISION_LOG, 18);
      const entry = await appendDecision(side.workbook, { ...record, rulebookVersion: "v1 · 0a1b2c3d" });
      expect(entry.rulebookVersion).toBe("v1 · 0a1b2c3d");
      expect(entry.proposer).toBeUndefined();
      const log = (await readDecisionLog(side.workbook))!;
      expect(verifyDecisionLog(log)).toEqual({ verified: true, entries: 1 });
      return log;
    });
  });
});

describe("corrections and annulments in the log", () => {
  it("append as new entries naming the amended entry by number and hash; the amended entry is never edited", async () => {
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, defaultRulebook());
      await appendDecision(side.workbook, record);
      await appendDecision(side.workbook, { ...record, matter: "Second" });
      const before = side.view(DECISION_LOG.name)!.rows.slice(0, 2);
      const correction = await appendDecision(side.workbook, { ...record, for: 14, against: 1, kind: "Correction", amendsEntry: 1, reason: "one vote was entered against the wrong member" });
      const annulment = await appendDecision(side.workbook, { ...record, kind: "Annulment", result: "ANNULLED", amendsEntry: 2, reason: "recorded twice" });
      expect(side.view(DECISION_LOG.name)!.rows.slice(0, 2)).toEqual(before);
      const log = (await readDecisionLog(side.workbook))!;
      expect(correction.amendsHash).toBe(log[0]!.hash);
      expect(annulment.amendsHash).toBe(log[1]!.hash);
      expect(verifyDecisionLog(log)).toEqual({ verified: true, entries: 4 });
      expect(entryStatuses(log).map((s) => [s.status, s.by])).toEqual([
        ["corrected", 3],
        ["annulled", 4],
        ["standing", undefined],
        ["standing", undefined],
      ]);
      const again = await failed(appendDecision(side.workbook, { ...record, kind: "Annulment", amendsEntry: 2, reason: "again" }));
      expect(again).toBe("the annulment was not recorded: entry 2 was annulled by entry 4");
      const missing = await failed(appendDecision(side.workbook, { ...record, kind: "Correction", amendsEntry: 9, reason: "x" }));
      expect(missing).toBe("the correction was not recorded: there is no entry 9 in the Decision log (it has 4)");
      return { log, again, missing };
    });
  });
});
