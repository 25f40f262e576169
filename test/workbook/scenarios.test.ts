import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { defaultRulebook } from "../../src/rules/presets";
import { Money } from "../../src/rules/money";
import { CAPITAL_OBJECTIVES } from "../../src/rules/rulebook";
import type { Scenario } from "../../src/rules/scenario";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { deleteScenario, duplicateScenario, listScenarios, renameScenario, saveScenario, SCENARIOS_SETTING } from "../../src/workbook/scenarios";

const rulebook = defaultRulebook();
const NOW = new Date("2026-11-22T10:00:00Z");

const scenario = (over: Partial<Scenario> = {}): Scenario => ({
  kind: "ics-finance-scenario",
  schemaVersion: 1,
  id: "s1",
  name: "Winter pressures",
  rulebookId: rulebook.id,
  savedAt: NOW.toISOString(),
  controlTotal: { month: 9, forecasts: [{ organisation: "MSEFT", forecast: "-32000000.01" }] },
  allocation: { fund: "12345678.91", formulaId: "need-weighted-pace-2", useFloorsAndCaps: true, paceOfChangeBasisPoints: 200 },
  assumptions: [{ organisation: "ICB-ME", assumption: "activity-growth", value: "0.0275" }],
  capital: { envelope: "20000000", weightPoints: [30, 25, 20, 15, 10], locks: [{ scheme: "Wickford health hub", lock: "in" }], objective: null, liftRecovery: false, yearEnvelopes: [] },
  ...over,
});

/** A workbook reopened: a fresh object holding only what the file holds (its settings). */
async function reopened(workbook: MemoryWorkbook): Promise<MemoryWorkbook> {
  const again = new MemoryWorkbook();
  const stored = await workbook.readSetting(SCENARIOS_SETTING);
  if (stored !== undefined) await again.writeSetting(SCENARIOS_SETTING, stored);
  return again;
}

const pence = fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }).map((p) => new Money(p.toString()).dividedBy(100).toFixed(2));
// The capital panel's choices: the objective (null for the rulebook's default), the recovery what-if, envelopes by year.
const capitalChoices = fc.record({
  objective: fc.constantFrom(null, ...CAPITAL_OBJECTIVES),
  liftRecovery: fc.boolean(),
  yearEnvelopes: fc.array(fc.record({ label: fc.constantFrom("2026/27", "2027/28", "2028/29"), envelope: pence.filter((p) => !p.startsWith("-")) }), { maxLength: 3 }),
});

describe("scenarios kept with the workbook", () => {
  it("round-trips every field exactly, money to the penny, and survives reopening the workbook", async () => {
    await fc.assert(
      fc.asyncProperty(pence, pence, fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 5, maxLength: 5 }), fc.option(fc.integer({ min: 0, max: 10_000 })), capitalChoices, async (fund, forecast, weights, pace, choices) => {
        const workbook = new MemoryWorkbook();
        const s = scenario({
          allocation: { fund, formulaId: "need-weighted", useFloorsAndCaps: false, paceOfChangeBasisPoints: pace },
          controlTotal: { month: 12, forecasts: [{ organisation: "ICB-STH", forecast }] },
          capital: { envelope: fund.startsWith("-") ? null : fund, weightPoints: weights, locks: [], ...choices },
        });
        await saveScenario(workbook, rulebook, s);
        const [back] = await listScenarios(await reopened(workbook), rulebook);
        expect(back).toEqual(s);
        expect(new Money(back!.allocation.fund!).eq(new Money(fund))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("reads a scenario saved before the capital panel's objective, recovery what-if and years as the defaults", async () => {
    const workbook = new MemoryWorkbook();
    const { envelope, weightPoints, locks } = scenario().capital;
    const before = { envelope, weightPoints, locks };
    await workbook.writeSetting(SCENARIOS_SETTING, JSON.stringify([{ ...scenario(), capital: before }]));
    expect(await listScenarios(workbook, rulebook)).toEqual([scenario()]);
  });

  it("lists, duplicates, renames and deletes, keeping names unique", async () => {
    const workbook = new MemoryWorkbook();
    await saveScenario(workbook, rulebook, scenario());
    await duplicateScenario(workbook, rulebook, "s1", "Winter pressures, 3% pace", "s2", NOW);
    await expect(duplicateScenario(workbook, rulebook, "s1", "winter pressures", "s3", NOW)).rejects.toThrow('there is already a scenario called "winter pressures"');
    await renameScenario(workbook, rulebook, "s2", "Recovery case");
    await expect(renameScenario(workbook, rulebook, "s2", "  ")).rejects.toThrow("a scenario needs a name");
    expect((await listScenarios(workbook, rulebook)).map((s) => [s.id, s.name])).toEqual([
      ["s1", "Winter pressures"],
      ["s2", "Recovery case"],
    ]);
    await deleteScenario(workbook, rulebook, "s1");
    expect((await listScenarios(workbook, rulebook)).map((s) => s.name)).toEqual(["Recovery case"]);
  });

  it("refuses a corrupted or foreign scenario with a clear message, and changes nothing", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.writeSetting(SCENARIOS_SETTING, "{not json");
    await expect(listScenarios(workbook, rulebook)).rejects.toThrow('the workbook\'s saved scenarios (document setting "icsFinance.scenarios") are not readable: the stored text is not JSON; nothing was changed');
    await expect(saveScenario(workbook, rulebook, scenario())).rejects.toThrow(/not readable/);
    expect(await workbook.readSetting(SCENARIOS_SETTING)).toBe("{not json");

    await workbook.writeSetting(SCENARIOS_SETTING, JSON.stringify([{ kind: "something-else" }]));
    await expect(listScenarios(workbook, rulebook)).rejects.toThrow("saved scenario 1 is not an ICS Finance scenario");
    await workbook.writeSetting(SCENARIOS_SETTING, JSON.stringify([{ ...scenario(), allocation: { ...scenario().allocation, fund: "12.345" } }]));
    await expect(listScenarios(workbook, rulebook)).rejects.toThrow(/saved scenario 1 cannot be used: allocation.fund: an amount in pounds to at most two decimal places/);
    await workbook.writeSetting(SCENARIOS_SETTING, JSON.stringify([scenario({ rulebookId: "north-east" })]));
    await expect(listScenarios(workbook, rulebook)).rejects.toThrow(`saved scenario 1 ("Winter pressures") was made under the rulebook "north-east", not this workbook's "${rulebook.id}"`);
  });
});
