// The Rules sheets through both gateways (in-memory, and Excel over the fake Excel): written at set-up, edited by a
// person (columns moved), read back and put in force alike; a bad edit refused alike, nothing stored.
import { describe, expect, it, vi } from "vitest";
import { putRulebookInForce, rulebookInForce } from "../../../src/rules/inForce";
import { defaultRulebook, presetRulebook } from "../../../src/rules/presets";
import { rulebookToRows, RULE_SHEET_KEYS } from "../../../src/rules/rulebookSheets";
import { appendDecision, readDecisionLog } from "../../../src/workbook/decisions";
import { readRulebookLog, versionOf } from "../../../src/workbook/rulebookLog";
import { rulebookHash } from "../../../src/rules/rulebookVersion";
import { putEditedRulesInForce, readRulesRecords, writeRulesSheets } from "../../../src/workbook/rulesSheets";
import { loadRulebook } from "../../../src/workbook/rulebookStore";
import { setUpWorkbook } from "../../../src/workbook/setup";
import { RULEBOOK_LOG_SETTING, RULEBOOK_SETTING, RULES_DECISIONS, RULES_TABLES } from "../../../src/workbook/tables";
import { excelSide, fakeOf } from "./excelSide";
import { bothSides } from "./onBoth";
import type { Side } from "./sides";

// Each side starts, and each test ends, with the preset in force: a story may put another in force.
const onBoth = bothSides({ reset: () => putRulebookInForce(defaultRulebook(), "preset") });

const WHEN = new Date(Date.UTC(2026, 3, 1, 9));

describe("the Rules sheets", () => {
  it.each(["mid-south-essex", "north-east-north-cumbria", "blank"])("set-up writes the %s rulebook to the Rules tables, and they read back as its rows", async (id) => {
    const rb = presetRulebook(id)!;
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, rb, WHEN);
      const rows = rulebookToRows(rb);
      for (const key of RULE_SHEET_KEYS) {
        const view = side.view(RULES_TABLES[key].name)!;
        expect(view.headers).toEqual(RULES_TABLES[key].columns.map((c) => c.header));
        expect(view.rows.length).toBe(Math.max(rows[key].length, view.rows.length === 1 && rows[key].length === 0 ? 1 : 0));
      }
      return readRulesRecords(side.workbook);
    });
  });

  it("a threshold edited in the sheet, with the columns reordered by a person, is put in force, logged and recorded by the next decision", async () => {
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, defaultRulebook(), WHEN);
      const headers = RULES_DECISIONS.columns.map((c) => c.header);
      side.user.reorderColumns(RULES_DECISIONS.name, [...headers].reverse());
      side.user.editCell(RULES_DECISIONS.name, 0, "Threshold", 0.8);
      side.user.editCell(RULES_DECISIONS.name, 0, "Wording", "not less than 80%");
      const result = await putEditedRulesInForce(side.workbook, { who: "A. Chair", why: "SFLG meeting 1 April: capital votes need 80%" }, WHEN);
      expect(result.ok).toBe(true);
      expect(rulebookInForce().rules[0]!.threshold.fraction).toEqual({ numerator: 4, denominator: 5 });
      const stored = JSON.parse((await side.workbook.readSetting(RULEBOOK_SETTING))!) as { rules: { threshold: { fraction: unknown } }[] };
      expect(stored.rules[0]!.threshold.fraction).toEqual({ numerator: 4, denominator: 5 });
      const log = await readRulebookLog(side.workbook);
      expect(log.map((e) => e.version)).toEqual([1, 2]);
      expect(log[1]!.changes).toContain("Decision rule pb-capital threshold 75% → 80%");
      await appendDecision(side.workbook, {
        timestamp: WHEN.toISOString(), body: "Partnership Board", rule: "pb-capital", clause: "MoU 8.4", matter: "Capital", eligible: 16, for: 13, against: 3,
        abstain: 0, absent: 0, excluded: 0, required: 13, result: "CARRIED", explanation: "13 of 16", votes: "",
      });
      const entries = await readDecisionLog(side.workbook);
      expect(entries![0]!.rulebookVersion).toBe(`v2 · ${log[1]!.hash.slice(0, 8)}`);
      return { log, entries };
    });
  });

  it("a bad edit is refused alike, naming sheet, row and field; nothing is stored and the rulebook in force is unchanged", async () => {
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, defaultRulebook(), WHEN);
      const before = await side.workbook.readSetting(RULEBOOK_SETTING);
      side.user.editCell(RULES_DECISIONS.name, 2, "Threshold", 1.5);
      const result = await putEditedRulesInForce(side.workbook, { who: "A. Chair", why: "try" }, WHEN);
      expect(result).toEqual({ ok: false, problems: [{ sheet: "ICS Rules decisions", row: 3, field: "Threshold", message: "150% is outside 0–100%" }] });
      expect(rulebookInForce()).toBe(defaultRulebook());
      expect(await side.workbook.readSetting(RULEBOOK_SETTING)).toBe(before);
      expect((await readRulebookLog(side.workbook)).map((e) => e.version)).toEqual([1]);
      return result;
    });
  });
});

describe("a workbook set up before a Rules sheet existed", () => {
  it("gets the missing sheets from the rules in force when an edit is put in force, and the edit on the sheets it has is read with them", async () => {
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, defaultRulebook(), WHEN);
      for (const table of [RULES_TABLES.settings.name, RULES_TABLES.annex1.name, RULES_TABLES.formulas.name]) side.user.deleteTable(table);
      side.user.editCell(RULES_DECISIONS.name, 0, "Threshold", 0.8);
      side.user.editCell(RULES_DECISIONS.name, 0, "Wording", "not less than 80%");
      const result = await putEditedRulesInForce(side.workbook, { who: "A. Chair", why: "80%" }, WHEN);
      expect(result.ok && result.entry.changes).toEqual(["Decision rule pb-capital threshold 75% → 80%", 'Decision rule pb-capital threshold wording "not less than 75%" → "not less than 80%"']);
      expect(side.view(RULES_TABLES.annex1.name)!.rows).toHaveLength(defaultRulebook().elements.length);
      return result.ok && result.entry;
    });
  });
});

describe("the rulebook and its change log are stored together", () => {
  it("updateSettings reads the settings afresh, saves those changed together and leaves the rest; a refusal saves none", async () => {
    await onBoth(async (side) => {
      await side.workbook.updateSettings(["icsFinance.a", "icsFinance.b"], () => ({ "icsFinance.a": "1", "icsFinance.b": "1" }));
      const seen: Record<string, string | undefined>[] = [];
      const saved = await side.workbook.updateSettings(["icsFinance.a", "icsFinance.b", "icsFinance.c"], (stored) => {
        seen.push(stored);
        return { "icsFinance.b": "2" };
      });
      const refused = await side.workbook
        .updateSettings(["icsFinance.a", "icsFinance.b"], () => {
          throw new Error("refused");
        })
        .catch((e: Error) => e.message);
      const now = await Promise.all(["icsFinance.a", "icsFinance.b", "icsFinance.c"].map((k) => side.workbook.readSetting(k)));
      expect(seen).toEqual([{ "icsFinance.a": "1", "icsFinance.b": "1", "icsFinance.c": undefined }]);
      expect(now).toEqual(["1", "2", undefined]);
      return { saved, refused, now };
    });
  });

  it("set-up starts the log at version 1, naming the preset", async () => {
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, defaultRulebook(), WHEN);
      const log = await readRulebookLog(side.workbook);
      expect(log).toEqual([{ version: 1, hash: rulebookHash(defaultRulebook()), when: WHEN.toISOString(), who: "", changes: [], why: "Set up from preset Mid and South Essex" }]);
      expect(versionOf(defaultRulebook(), log)).toEqual({ version: 1, hash: log[0]!.hash, logged: true });
      // Set up again: the stored rulebook and its log are kept as they are.
      await setUpWorkbook(side.workbook, presetRulebook("blank")!, WHEN);
      expect(await readRulebookLog(side.workbook)).toEqual(log);
      return log;
    });
  });

  it("putting rules in force saves the document's settings once: the rulebook and its log entry in one save", async () => {
    putRulebookInForce(defaultRulebook(), "preset");
    const side = excelSide();
    onBoth.own(side);
    await setUpWorkbook(side.workbook, defaultRulebook(), WHEN);
    side.user.editCell(RULES_DECISIONS.name, 0, "Threshold", 0.8);
    side.user.editCell(RULES_DECISIONS.name, 0, "Wording", "not less than 80%");
    const saves = vi.spyOn(Office.context.document.settings, "saveAsync");
    expect((await putEditedRulesInForce(side.workbook, { who: "A. Chair", why: "80%" }, WHEN)).ok).toBe(true);
    expect(saves).toHaveBeenCalledTimes(1);
    const stored = fakeOf(side).storedSettings();
    expect(JSON.parse(stored[RULEBOOK_SETTING] as string).rules[0].threshold.fraction).toEqual({ numerator: 4, denominator: 5 });
    expect(JSON.parse(stored[RULEBOOK_LOG_SETTING] as string).entries.map((e: { version: number }) => e.version)).toEqual([1, 2]);
  });

  it("a save that fails stores neither the rulebook nor its log entry, and the rules in force are unchanged", async () => {
    const bagBytes = (bag: Record<string, unknown>) => Buffer.byteLength(JSON.stringify(Object.fromEntries(Object.entries(bag).map(([k, v]) => [k, JSON.stringify(v)]))), "utf8");
    // A rule's note grown to 4,000 characters: the rulebook grows more than its log entry does.
    const putLongNote = async (side: Side) => {
      await setUpWorkbook(side.workbook, defaultRulebook(), WHEN);
      side.user.editCell(RULES_DECISIONS.name, 0, "Note", "n".repeat(4_000));
      return putEditedRulesInForce(side.workbook, { who: "A. Chair", why: "a longer note" }, WHEN);
    };
    // Measured on a workbook with room: the settings with the log entry alone (what the older add-in saved first), and with both.
    const measure = excelSide();
    const beforeAll = await (async () => {
      await setUpWorkbook(measure.workbook, defaultRulebook(), WHEN);
      return fakeOf(measure).storedSettings();
    })();
    measure.dispose();
    const roomy = excelSide();
    onBoth.own(roomy);
    expect((await putLongNote(roomy)).ok).toBe(true);
    const afterAll = fakeOf(roomy).storedSettings();
    const logFirst = bagBytes({ ...beforeAll, [RULEBOOK_LOG_SETTING]: afterAll[RULEBOOK_LOG_SETTING] });
    expect(bagBytes(afterAll)).toBeGreaterThan(logFirst + 1_000);
    // Room for the log entry alone, not for both: saved one after the other, the log would be ahead of the rules.
    putRulebookInForce(defaultRulebook(), "preset");
    const side = excelSide(undefined, { settingsLimitBytes: logFirst + 500 });
    onBoth.own(side);
    const refused = await putLongNote(side).then(
      () => "put in force",
      (e: Error) => e.message,
    );
    expect(refused).toMatch(/was not saved, and is as it was/);
    expect(fakeOf(side).storedSettings()).toEqual(beforeAll);
    expect(await side.workbook.readSetting(RULEBOOK_SETTING)).toBe(beforeAll[RULEBOOK_SETTING]);
    expect((await readRulebookLog(side.workbook)).map((e) => e.version)).toEqual([1]);
    expect(rulebookInForce()).toBe(defaultRulebook());
  });

  it("a log ahead of the stored rulebook (an older add-in's half-done put in force) reads as the version stored, and the next change follows the log", async () => {
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, defaultRulebook(), WHEN);
      // The older add-in logged version 2 and then failed to store it.
      await side.workbook.updateSetting(RULEBOOK_LOG_SETTING, (stored) => {
        const log = JSON.parse(stored!) as { entries: unknown[] };
        return JSON.stringify({ entries: [...log.entries, { version: 2, hash: "f".repeat(64), when: WHEN.toISOString(), who: "B. Other", changes: ["lost"], why: "never stored" }] });
      });
      expect(versionOf(defaultRulebook(), await readRulebookLog(side.workbook)).version).toBe(1);
      side.user.editCell(RULES_DECISIONS.name, 0, "Threshold", 0.8);
      side.user.editCell(RULES_DECISIONS.name, 0, "Wording", "not less than 80%");
      const result = await putEditedRulesInForce(side.workbook, { who: "A. Chair", why: "80%" }, WHEN);
      expect(result.ok && result.entry.version).toBe(3);
      expect(result.ok && result.entry.changes).toEqual(["Decision rule pb-capital threshold 75% → 80%", 'Decision rule pb-capital threshold wording "not less than 75%" → "not less than 80%"']);
      return (await readRulebookLog(side.workbook)).map((e) => e.version);
    });
  });

  it("rules stored without a log entry (the log behind) are logged as their own version before the change made from them", async () => {
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, defaultRulebook(), WHEN);
      const stored = structuredClone(defaultRulebook());
      stored.rules[1]!.label = "stored by hand";
      await side.workbook.updateSetting(RULEBOOK_SETTING, () => JSON.stringify(stored));
      const inForce = (await loadRulebook(side.workbook)).rulebook;
      putRulebookInForce(inForce, "workbook");
      expect(versionOf(inForce, await readRulebookLog(side.workbook))).toMatchObject({ version: 2, logged: false });
      await writeRulesSheets(side.workbook, inForce);
      // Every row replaced: the table holds the new rows from its first, no blank row left above them.
      expect(side.view(RULES_DECISIONS.name)!.rows.map((r) => r[0])).toEqual(inForce.rules.map((r) => r.id));
      side.user.editCell(RULES_DECISIONS.name, 0, "Threshold", 0.8);
      side.user.editCell(RULES_DECISIONS.name, 0, "Wording", "not less than 80%");
      expect(await putEditedRulesInForce(side.workbook, { who: "A. Chair", why: "80%" }, WHEN)).toMatchObject({ ok: true });
      const log = await readRulebookLog(side.workbook);
      expect(log.map((e) => [e.version, e.hash === rulebookHash(inForce)])).toEqual([
        [1, false],
        [2, true],
        [3, false],
      ]);
      expect(log[1]!.why).toMatch(/^Rules stored without a change-log entry/);
      return log;
    });
  });

  it("refuses, storing nothing, when someone else put another rulebook in force since this one was", async () => {
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, defaultRulebook(), WHEN);
      const theirs = structuredClone(defaultRulebook());
      theirs.rules[1]!.label = "theirs";
      await side.workbook.updateSetting(RULEBOOK_SETTING, () => JSON.stringify(theirs));
      side.user.editCell(RULES_DECISIONS.name, 0, "Label", "mine");
      const refused = await putEditedRulesInForce(side.workbook, { who: "A. Chair", why: "mine" }, WHEN).catch((e: Error) => e.message);
      expect(refused).toMatch(/someone else put another version of the rulebook in force meanwhile/);
      expect(JSON.parse((await side.workbook.readSetting(RULEBOOK_SETTING))!).rules[1].label).toBe("theirs");
      expect((await readRulebookLog(side.workbook)).map((e) => e.version)).toEqual([1]);
      return refused;
    });
  });
});
