import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { defaultRulebook } from "../../src/rules/presets";
import { evaluateDecision, type Ballot } from "../../src/rules/decisions";
import { findRule } from "../../src/rules/rulebook";
import {
  amendmentProblem,
  annulmentRecord,
  chainDecision,
  entryStatuses,
  GENESIS_HASH,
  recordDecision,
  recordingProblems,
  recordMeetingDecision,
  verifyDecisionLog,
  type LoggedDecision,
} from "../../src/rules/decisionLog";

const rb = defaultRulebook();
const rule = findRule(rb, "pb-capital");
const ballots: Ballot[] = [
  { member: "Clinical Lead, Mid Essex Alliance", partnerCode: "ICB-ME", eligible: true, vote: "for" },
  { member: "Chief Executive, MSEFT", partnerCode: "MSEFT", eligible: true, vote: "against" },
  { member: "Leader, Thurrock Council", partnerCode: "THC", eligible: false, vote: "for" },
];

function log(n: number): LoggedDecision[] {
  const out: LoggedDecision[] = [];
  for (let i = 0; i < n; i++) {
    const record = recordDecision(evaluateDecision(rb, rule, ballots), `Capital priorities round ${i + 1}`, ballots, new Date(Date.UTC(2026, 10, 22, 10, i)));
    out.push(chainDecision(record, out.at(-1)?.hash ?? GENESIS_HASH));
  }
  return out;
}

describe("the decision log's hash chain", () => {
  it("records who was eligible and how each voted", () => {
    const [entry] = log(1);
    expect(entry!.votes).toBe(
      "Clinical Lead, Mid Essex Alliance (ICB-ME, eligible): For; Chief Executive, MSEFT (MSEFT, eligible): Against; Leader, Thurrock Council (THC, not eligible): For",
    );
    expect(entry!.result).toBe("NOT CARRIED");
    expect(entry!.clause).toBe("MoU 8.4");
    expect(entry!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("verifies an untouched log, including an empty one", () => {
    expect(verifyDecisionLog([])).toEqual({ verified: true, entries: 0 });
    expect(verifyDecisionLog(log(5))).toEqual({ verified: true, entries: 5 });
  });

  it("detects an edit to any field of any entry (property)", () => {
    const entries = log(4);
    const fields = ["timestamp", "matter", "for", "against", "result", "votes", "explanation", "clause"] as const;
    fc.assert(
      fc.property(fc.nat(3), fc.constantFrom(...fields), (index, field) => {
        const edited = entries.map((e) => ({ ...e }));
        const entry = edited[index]! as unknown as Record<string, unknown>;
        entry[field] = typeof entry[field] === "number" ? (entry[field] as number) + 1 : `${String(entry[field])} (amended)`;
        const v = verifyDecisionLog(edited);
        expect(v.verified).toBe(false);
        if (!v.verified) expect(v.firstBadEntry).toBe(index + 1);
      }),
    );
  });

  it("detects a removed or reordered entry", () => {
    const entries = log(3);
    const removed = verifyDecisionLog([entries[0]!, entries[2]!]);
    expect(removed).toMatchObject({ verified: false, firstBadEntry: 2 });
    expect(verifyDecisionLog([entries[1]!, entries[0]!, entries[2]!])).toMatchObject({ verified: false, firstBadEntry: 1 });
  });
});

describe("entries recorded before the later fields", () => {
  // Two entries as the log recorded them before meeting, proposer, quorum and kinds were kept (the second with the
  // rulebook version); their hashes were computed by the code of that time and are written here, not recomputed.
  const base = {
    timestamp: "2025-06-02T09:30:00.000Z",
    body: "Partnership Board",
    rule: "pb-capital",
    clause: "MoU 8.4",
    matter: "Capital priorities 2025/26",
    eligible: 16,
    for: 13,
    against: 2,
    abstain: 1,
    absent: 0,
    excluded: 0,
    required: 12,
    result: "CARRIED" as const,
    explanation: "CARRIED: 13 of 16 eligible members for (81.3%); needs 12, not less than 75% of eligible members (MoU 8.4)",
    votes: "",
  };
  const OLD_HASHES = ["2ced7ca60a21bef862f88772b539006f33c137b0f7f5e01a7978b76f48083d68", "1e77c87623fff78117189d5f0d043dcfbbd11be0598e6f0c7dedadd07a63e391"];
  const old: LoggedDecision[] = [
    { ...base, previousHash: GENESIS_HASH, hash: OLD_HASHES[0]! },
    { ...base, matter: "Transformation 2025/26", rulebookVersion: "v1 · 0a1b2c3d", previousHash: OLD_HASHES[0]!, hash: OLD_HASHES[1]! },
  ];

  it("still verify, and a new entry with every later field chains on and verifies with them", () => {
    expect(verifyDecisionLog(old)).toEqual({ verified: true, entries: 2 });
    const later = chainDecision(
      { ...base, matter: "Capital 2026/27", meetingDate: "2026-11-30", proposer: "Chair", quorumPresent: 13, quorumRequired: 12, kind: "Decision", issue: "ISS-001" },
      OLD_HASHES[1]!,
    );
    expect(verifyDecisionLog([...old, later])).toEqual({ verified: true, entries: 3 });
    // Each later field is in the hash: changing any one of them breaks the entry.
    for (const [field, value] of [["meetingDate", "2026-11-29"], ["proposer", "Someone else"], ["quorumPresent", 12], ["kind", "Correction"], ["issue", "ISS-002"]] as const) {
      expect(verifyDecisionLog([...old, { ...later, [field]: value }])).toMatchObject({ verified: false, firstBadEntry: 3 });
    }
    // Dropping one (as if the table had no such column) breaks it too.
    const { proposer: _p, ...withoutProposer } = later;
    void _p;
    expect(verifyDecisionLog([...old, withoutProposer as LoggedDecision])).toMatchObject({ verified: false, firstBadEntry: 3 });
  });

  it("hash a later number read back as text the same, and a blank later field as absent", () => {
    const later = chainDecision({ ...base, quorumPresent: 13, quorumRequired: 12 }, GENESIS_HASH);
    const readBack = { ...later, quorumPresent: "13", quorumRequired: "12", reason: "" } as unknown as LoggedDecision;
    expect(verifyDecisionLog([readBack])).toEqual({ verified: true, entries: 1 });
  });

  it("cannot pass off a later field's value as a rulebook version", () => {
    const a = chainDecision({ ...base, rulebookVersion: "x" }, GENESIS_HASH);
    const b = chainDecision({ ...base, proposer: "x" }, GENESIS_HASH);
    expect(a.hash).not.toBe(b.hash);
  });
});

describe("recording a vote taken at a meeting", () => {
  const TODAY = "2026-11-30";
  const members: Ballot[] = Array.from({ length: 16 }, (_, i) => ({ member: `Member ${i + 1}`, eligible: true, vote: i < 13 ? "for" : "against" }));
  const details = { matter: "Capital priorities 2026/27", meetingDate: "30/11/2026", proposer: "Member 1" };
  const at = new Date(Date.UTC(2026, 10, 30, 15));

  it("carries the meeting date, proposer and quorum", () => {
    const record = recordMeetingDecision(evaluateDecision(rb, rule, members), details, members, at, TODAY);
    expect(record).toMatchObject({ meetingDate: "2026-11-30", proposer: "Member 1", quorumPresent: 16, quorumRequired: 12, kind: "Decision", result: "CARRIED" });
  });

  it("refuses without quorum, naming the count, the quorum and its clause", () => {
    const few = members.map((b, i) => (i < 11 ? b : { ...b, vote: "absent" as const }));
    const result = evaluateDecision(rb, rule, few);
    expect(recordingProblems(result, details, few, TODAY)).toEqual(["not quorate: 11 present, the rule needs 12 (illustrative: agree locally, MoU 6.4–6.6)"]);
    expect(() => recordMeetingDecision(result, details, few, at, TODAY)).toThrow(/^the decision was not recorded: not quorate: 11 present, the rule needs 12/);
  });

  it("names everything else that is missing: matter, date, proposer", () => {
    const result = evaluateDecision(rb, rule, members);
    expect(recordingProblems(result, { matter: " ", meetingDate: "", proposer: "" }, members, TODAY)).toEqual([
      "name the matter",
      "Meeting date: give the date of the meeting, e.g. 30/11/2026",
      "choose the proposer",
    ]);
    expect(recordingProblems(result, { ...details, meetingDate: "01/12/2026", proposer: "A Stranger" }, members, TODAY)).toEqual([
      "Meeting date: 01/12/2026 is after today (30/11/2026); record a decision once the meeting has taken it",
      'the proposer "A Stranger" is not a voting member of the Partnership Board in the Board members table',
    ]);
    expect(recordingProblems(result, { ...details, meetingDate: "31/11/2026" }, members, TODAY)).toEqual(['Meeting date: "31/11/2026" is not a date; type it as 30/11/2026']);
  });
});

describe("corrections and annulments", () => {
  const TODAY = "2026-11-30";
  const at = (n: number) => new Date(Date.UTC(2026, 10, 30, 10, n));
  const entries = log(3);
  const chain = (record: Parameters<typeof chainDecision>[0], on: LoggedDecision[]) => [...on, chainDecision(record, on.at(-1)!.hash)];
  const members: Ballot[] = Array.from({ length: 16 }, (_, i) => ({ member: `Member ${i + 1}`, eligible: true, vote: "for" }));

  it("a correction names the entry and why; the corrected entry is left exactly as recorded", () => {
    const correction = recordMeetingDecision(
      evaluateDecision(rb, rule, members),
      { matter: "Capital priorities round 2", meetingDate: "2026-11-30", proposer: "Member 2", correcting: { entry: 2, reason: "votes were entered against the wrong members" } },
      members,
      at(9),
      TODAY,
    );
    const amended = chain({ ...correction, amendsHash: entries[1]!.hash }, entries);
    expect(amended.slice(0, 3)).toEqual(entries);
    expect(verifyDecisionLog(amended)).toEqual({ verified: true, entries: 4 });
    expect(entryStatuses(amended)).toEqual([
      { entry: 1, kind: "Decision", status: "standing" },
      { entry: 2, kind: "Decision", status: "corrected", by: 4 },
      { entry: 3, kind: "Decision", status: "standing" },
      { entry: 4, kind: "Correction", status: "standing", amends: 2 },
    ]);
    expect(amendmentProblem(entryStatuses(amended), 2)).toBe("entry 2 was corrected by entry 4; amend entry 4 instead");
  });

  it("an annulment voids an entry, and a void entry cannot be amended again", () => {
    const annulment = annulmentRecord(entries[0]!, 1, { reason: "recorded in error: the meeting was not quorate", meetingDate: "30/11/2026" }, at(9), TODAY);
    expect(annulment).toMatchObject({ kind: "Annulment", amendsEntry: 1, result: "ANNULLED", matter: "Capital priorities round 1", for: 0 });
    expect(annulment.explanation).toBe("ANNULLED: entry 1 (NOT CARRIED — Capital priorities round 1) is void: recorded in error: the meeting was not quorate");
    const amended = chain({ ...annulment, amendsHash: entries[0]!.hash }, entries);
    const statuses = entryStatuses(amended);
    expect(statuses[0]).toEqual({ entry: 1, kind: "Decision", status: "annulled", by: 4 });
    expect(amendmentProblem(statuses, 1)).toBe("entry 1 was annulled by entry 4");
    expect(amendmentProblem(statuses, 4)).toBe("entry 4 is itself an annulment; record the decision again instead");
    expect(amendmentProblem(statuses, 9)).toBe("there is no entry 9 in the Decision log (it has 4)");
    expect(() => annulmentRecord(entries[0]!, 1, { reason: " ", meetingDate: "" }, at(9), TODAY)).toThrow(
      "the annulment was not recorded: give the reason for the annulment; Meeting date: give the date of the meeting, e.g. 30/11/2026",
    );
  });

  it("an amendment that names an entry by a hash not its own, or a later entry, amends nothing and says why", () => {
    const annulment = annulmentRecord(entries[0]!, 1, { reason: "error", meetingDate: TODAY }, at(9), TODAY);
    const wrongHash = chain({ ...annulment, amendsHash: entries[1]!.hash }, entries);
    expect(entryStatuses(wrongHash)[0]!.status).toBe("standing");
    expect(entryStatuses(wrongHash)[3]!.problem).toBe("it names entry 1 by a hash that is not that entry's");
    const forward = chain({ ...annulment, amendsEntry: 7, amendsHash: "0".repeat(64) }, entries);
    expect(entryStatuses(forward)[3]!.problem).toBe("it amends entry 7, which is not an earlier entry");
  });
});
