// Putting an edited rulebook in force for a 300-partner system (issue 16: ≤ 200 ms): read the Rules sheets, build and
// validate the candidate as a whole, diff, log, store and put it in force, then recompute the open results under it
// (the control total roll-up of 300 organisations × 12 months and a vote).
import { bench, describe } from "vitest";
import { PlanLedger, rollUp, type PlanEntry } from "../../src/rules/controlTotal";
import { evaluateDecision } from "../../src/rules/decisions";
import { findRule, parseRulebook } from "../../src/rules/rulebook";
import { putRulebookInForce, rulebookInForce } from "../../src/rules/inForce";
import { Money } from "../../src/rules/money";
import { midSouthEssex } from "../../src/rules/presets/mid-south-essex";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { putEditedRulesInForce } from "../../src/workbook/rulesSheets";
import { setUpWorkbook } from "../../src/workbook/setup";
import { RULEBOOK_LOG_SETTING, RULES_DECISIONS } from "../../src/workbook/tables";

const ORGANISATIONS = 300;
const places = midSouthEssex.tiers[0]!.units.map((p) => p.id);
const rulebook = parseRulebook({
  ...midSouthEssex,
  partners: Array.from({ length: ORGANISATIONS }, (_, i) => ({
    code: `ORG${String(i + 1).padStart(3, "0")}`,
    name: `Organisation ${i + 1}`,
    type: i % 3 === 0 ? "commissioner" : "nhs-provider",
    place: i % 5 === 4 ? null : places[i % 4]!,
    overrides: i % 7 === 0 ? { "nhs-financial-risk": false } : {},
  })),
});
let seed = 20261201;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const entries: PlanEntry[] = rulebook.partners.flatMap((p) => {
  const plan = Math.round((random() - 0.6) * 20_000_000);
  return Array.from({ length: 12 }, (_, i) => {
    const forecast = plan + Math.round((random() - 0.6) * 8_000_000);
    return {
      organisation: p.code,
      month: i + 1,
      plan: new Money(plan),
      ytdPlan: new Money(Math.round((plan * (i + 1)) / 12)),
      ytdActual: new Money(Math.round((forecast * (i + 1)) / 12)),
      forecast: new Money(forecast),
      turnover: new Money(Math.round(100_000_000 + random() * 900_000_000)),
    };
  });
});
const ballots = Array.from({ length: 16 }, (_, i) => ({ member: `Member ${i + 1}`, eligible: true, vote: i < 13 ? ("for" as const) : ("against" as const) }));

const workbook = new MemoryWorkbook();
await setUpWorkbook(workbook, rulebook);
putRulebookInForce(rulebook, "workbook");
let turn = 0;

describe(`putting an edited rulebook in force for a ${ORGANISATIONS}-partner system, and recomputing`, () => {
  bench("read the Rules sheets, validate, log, store, put in force; roll up 300 × 12 and count a vote under it", async () => {
    // Each sample is a real change: the capital threshold goes 80% ↔ 75%. The log is emptied so it stays a meeting's size.
    const share = turn++ % 2 === 0 ? 0.8 : 0.75;
    workbook.editCell(RULES_DECISIONS.name, 0, "Threshold", share);
    workbook.editCell(RULES_DECISIONS.name, 0, "Wording", `not less than ${share * 100}%`);
    await workbook.updateSetting(RULEBOOK_LOG_SETTING, () => '{"entries":[]}');
    const result = await putEditedRulesInForce(workbook, { who: "Bench", why: "bench" });
    if (!result.ok) throw new Error(JSON.stringify(result));
    const inForce = rulebookInForce();
    rollUp(PlanLedger.of(inForce, entries), 12, new Map());
    evaluateDecision(inForce, findRule(inForce, "pb-capital"), ballots);
  });
});
