import { describe, expect, it } from "vitest";
import { defaultRulebook } from "../../src/rules/presets";
import { evaluateDecision, type Ballot } from "../../src/rules/decisions";
import { recordDecision } from "../../src/rules/decisionLog";
import { findRule, parseRulebook } from "../../src/rules/rulebook";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { describeSetup, setUpWorkbook } from "../../src/workbook/setup";
import { ADD_IN_TABLES, DECISION_LOG, RULEBOOK_SETTING } from "../../src/workbook/tables";
import { appendDecision, readBoardMembers, readDecisionLog, verifyWorkbookLog } from "../../src/workbook/decisions";
import { loadRulebook, saveRulebook } from "../../src/workbook/rulebookStore";

const rb = defaultRulebook();

describe("Set up workbook", () => {
  it("creates every add-in table with the sample data and stores the rulebook", async () => {
    const wb = new MemoryWorkbook();
    const report = await setUpWorkbook(wb, rb);
    expect(report.created.map((c) => c.table)).toEqual(ADD_IN_TABLES.map((t) => t.name));
    expect(report.storedRulebook).toBe(true);
    const members = await readBoardMembers(wb);
    const board = members!.filter((m) => m.body === "Partnership Board");
    expect(board.length).toBe(31);
    expect((await wb.readTable("ICS_Partners"))!.rows.length).toBe(rb.partners.length);
    expect(await readDecisionLog(wb)).toEqual([]);
    expect(JSON.parse((await wb.readSetting(RULEBOOK_SETTING))!)).toEqual(rb);
  });

  it("refuses to clobber: a second set-up changes nothing and says so", async () => {
    const wb = new MemoryWorkbook();
    await setUpWorkbook(wb, rb);
    wb.editCell("ICS_BoardMembers", 0, "Member", "Chair (edited by hand)");
    const before = wb.allTables();
    const report = await setUpWorkbook(wb, rb);
    expect(report.created).toEqual([]);
    expect(report.keptExisting).toHaveLength(ADD_IN_TABLES.length);
    expect(wb.allTables()).toEqual(before);
    expect(describeSetup(report)).toMatch(/^The workbook is already set up/);
  });

  it("never takes a sheet name that is in use: it uses a fresh one", async () => {
    const wb = new MemoryWorkbook(["Sheet1", "ICS Decision log", "ICS Decision log (2)"]);
    const report = await setUpWorkbook(wb, rb);
    expect(report.created.find((c) => c.table === DECISION_LOG.name)!.sheet).toBe("ICS Decision log (3)");
    expect(describeSetup(report)).toMatch(/ICS_DecisionLog went on "ICS Decision log \(3\)"/);
  });

  it("keeps the workbook's own rulebook over the preset", async () => {
    const wb = new MemoryWorkbook();
    const edited = parseRulebook({ ...structuredClone(rb), name: "Edited rules" });
    await saveRulebook(wb, edited);
    await setUpWorkbook(wb, rb);
    expect((await loadRulebook(wb)).rulebook.name).toBe("Edited rules");
    expect((await loadRulebook(new MemoryWorkbook())).source).toBe("preset");
  });

  it("reports a corrupted stored rulebook rather than replacing it", async () => {
    const wb = new MemoryWorkbook();
    await wb.writeSetting(RULEBOOK_SETTING, "{not json");
    await expect(loadRulebook(wb)).rejects.toThrow(/not readable JSON/);
    await wb.writeSetting(RULEBOOK_SETTING, JSON.stringify({ ...rb, rules: [] }));
    await expect(loadRulebook(wb)).rejects.toThrow(/rulebook is not valid/);
  });
});

describe("the Decision log table", () => {
  const rule = findRule(rb, "pb-capital");
  const ballots: Ballot[] = [{ member: "Clinical Lead, Mid Essex Alliance", partnerCode: "ICB-ME", eligible: true, vote: "for" }];
  const record = (n: number) => recordDecision(evaluateDecision(rb, rule, ballots), `Matter ${n}`, ballots, new Date(Date.UTC(2026, 0, n)));

  it("appends chained entries that verify, and detects an edit made in the sheet", async () => {
    const wb = new MemoryWorkbook();
    await setUpWorkbook(wb, rb);
    await appendDecision(wb, record(1));
    await appendDecision(wb, record(2));
    await appendDecision(wb, record(3));
    expect(await verifyWorkbookLog(wb)).toEqual({ verified: true, entries: 3 });
    wb.editCell(DECISION_LOG.name, 1, "For", 9);
    expect(await verifyWorkbookLog(wb)).toMatchObject({ verified: false, firstBadEntry: 2 });
  });

  it("needs the table: without set-up it says what to do", async () => {
    await expect(appendDecision(new MemoryWorkbook(), record(1))).rejects.toThrow(/use Set up workbook first/);
  });
});
