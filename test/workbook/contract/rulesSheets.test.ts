// The Rules sheets through both gateways (in-memory, and Excel over the fake Excel): written at set-up, edited by a
// person (columns moved), read back and put in force alike; a bad edit refused alike, nothing stored.
import { afterEach, describe, expect, it } from "vitest";
import { putRulebookInForce, rulebookInForce } from "../../../src/rules/inForce";
import { defaultRulebook, presetRulebook } from "../../../src/rules/presets";
import { rulebookToRows, RULE_SHEET_KEYS } from "../../../src/rules/rulebookSheets";
import { appendDecision, readDecisionLog } from "../../../src/workbook/decisions";
import { readRulebookLog } from "../../../src/workbook/rulebookLog";
import { putEditedRulesInForce, readRulesRecords } from "../../../src/workbook/rulesSheets";
import { setUpWorkbook } from "../../../src/workbook/setup";
import { RULEBOOK_SETTING, RULES_DECISIONS, RULES_TABLES } from "../../../src/workbook/tables";
import { excelSide } from "./excelSide";
import { memorySide, type Side } from "./sides";

let opened: Side[] = [];
afterEach(() => {
  opened.reverse().forEach((s) => s.dispose());
  opened = [];
  putRulebookInForce(defaultRulebook(), "preset");
});

async function onBoth<T>(story: (side: Side) => Promise<T>): Promise<T> {
  const results: T[] = [];
  for (const make of [memorySide, excelSide]) {
    putRulebookInForce(defaultRulebook(), "preset");
    const side = make();
    opened.push(side);
    results.push(await story(side));
  }
  expect(results[1], "the Excel gateway on the fake Excel must give what the in-memory workbook gives").toEqual(results[0]);
  return results[0]!;
}

const WHEN = new Date(Date.UTC(2026, 3, 1, 9));

describe("the Rules sheets", () => {
  it.each(["mid-south-essex", "north-east-north-cumbria", "blank"])("set-up writes the %s rulebook to the Rules tables, and they read back as its rows", async (id) => {
    const rb = presetRulebook(id)!;
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, rb);
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
      await setUpWorkbook(side.workbook, defaultRulebook());
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
      await setUpWorkbook(side.workbook, defaultRulebook());
      const before = await side.workbook.readSetting(RULEBOOK_SETTING);
      side.user.editCell(RULES_DECISIONS.name, 2, "Threshold", 1.5);
      const result = await putEditedRulesInForce(side.workbook, { who: "A. Chair", why: "try" }, WHEN);
      expect(result).toEqual({ ok: false, problems: [{ sheet: "ICS Rules decisions", row: 3, field: "Threshold", message: "150% is outside 0–100%" }] });
      expect(rulebookInForce()).toBe(defaultRulebook());
      expect(await side.workbook.readSetting(RULEBOOK_SETTING)).toBe(before);
      expect(await readRulebookLog(side.workbook)).toEqual([]);
      return result;
    });
  });
});
