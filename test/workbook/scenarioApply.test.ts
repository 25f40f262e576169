import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { defaultRulebook } from "../../src/rules/presets";
import { Money } from "../../src/rules/money";
import { loadSolver } from "../../src/rules/solver";
import type { MilpSolver } from "../../src/rules/capital";
import { draftToScenario, initialDraft, scenarioToDraft, type Draft } from "../../src/rules/scenarioDraft";
import { assessWith, evaluateScenario } from "../../src/rules/scenarioOutcome";
import { ScenarioError } from "../../src/rules/scenario";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { setUpWorkbook } from "../../src/workbook/setup";
import { applyScenario, readScenarioData, sheetsToReplace } from "../../src/workbook/scenarioApply";
import { ALLOCATION_REPORT } from "../../src/workbook/allocation";
import { CAPITAL_REPORT } from "../../src/workbook/capital";
import { CONTROL_TOTAL_REPORT } from "../../src/workbook/controlTotal";
import { PLACES } from "../../src/workbook/tables";
import { problemsOf } from "../../src/taskpane/scenarios/comparison";

const rulebook = defaultRulebook();
const NOW = new Date("2026-11-22T10:00:00Z");
let solver: MilpSolver;
beforeAll(async () => {
  solver = await loadSolver();
});

const winter = (): Draft => {
  const d = initialDraft(rulebook);
  return {
    ...d,
    controlTotal: { month: null, forecasts: [{ organisation: "MSEFT", forecast: "-32,000,000.01" }] },
    allocation: { ...d.allocation, fund: "60,345,678.91", pace: "2" },
    assumptions: [{ organisation: "System", assumption: "pay-award", value: "4.5" }],
    capital: { ...d.capital, envelope: "25,000,000", locks: [{ scheme: "Wickford health hub", lock: "in" }] },
  };
};

async function sampleWorkbook() {
  const workbook = new MemoryWorkbook();
  await setUpWorkbook(workbook, rulebook);
  return workbook;
}

describe("the panels' inputs as a scenario", () => {
  it("holds every typed field exactly, and opens back as the same inputs", () => {
    const s = draftToScenario(winter(), { id: "w", name: " Winter pressures ", rulebook, now: NOW });
    expect(s.name).toBe("Winter pressures");
    expect(s.controlTotal.forecasts).toEqual([{ organisation: "MSEFT", forecast: "-32000000.01" }]);
    expect(s.allocation).toMatchObject({ fund: "60345678.91", paceOfChangeBasisPoints: 200 });
    expect(s.assumptions).toEqual([{ organisation: "System", assumption: "pay-award", value: "0.045" }]);
    expect(s.capital).toMatchObject({ envelope: "25000000", locks: [{ scheme: "Wickford health hub", lock: "in" }] });
    expect(scenarioToDraft(s, rulebook)).toEqual(winter());
  });

  it("round-trips any amount in whole pence through the panels' text and back", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), (fundPence, forecastPence) => {
        const text = (p: bigint) => new Money(p.toString()).dividedBy(100).toFixed(2);
        const d = winter();
        d.allocation.fund = text(fundPence);
        d.controlTotal.forecasts = [{ organisation: "ICB-STH", forecast: text(forecastPence) }];
        const s = draftToScenario(d, { id: "x", name: "x", rulebook, now: NOW });
        const again = draftToScenario(scenarioToDraft(s, rulebook), { id: "x", name: "x", rulebook, now: NOW });
        expect(again).toEqual(s);
        expect(new Money(s.allocation.fund!).times(100).toFixed(0)).toBe(fundPence.toString());
        expect(new Money(s.controlTotal.forecasts[0]!.forecast).times(100).toFixed(0)).toBe(forecastPence.toString());
      }),
      { numRuns: 1_000 },
    );
  });

  it("names the panel and field of an input that cannot be saved", () => {
    const bad = (change: (d: Draft) => void) => {
      const d = winter();
      change(d);
      return () => draftToScenario(d, { id: "x", name: "Bad", rulebook, now: NOW });
    };
    expect(bad((d) => (d.allocation.fund = "lots"))).toThrow(ScenarioError);
    expect(bad((d) => (d.allocation.fund = "lots"))).toThrow('Allocation, fund: "lots" is not an amount in pounds');
    expect(bad((d) => (d.allocation.fund = "10.005"))).toThrow("Allocation, fund: the fund must be in whole pence");
    expect(bad((d) => (d.allocation.pace = "two"))).toThrow('Allocation, pace of change: "two" is not a percentage');
    expect(bad((d) => (d.capital.envelope = "0"))).toThrow("Capital, envelope: the envelope must be more than £0");
    expect(bad((d) => (d.controlTotal.forecasts = [{ organisation: "MSEFT", forecast: "minus ten" }]))).toThrow('Control total, MSEFT: "minus ten" is not an amount in pounds');
    expect(bad((d) => (d.assumptions = [{ organisation: "System", assumption: "pay-award", value: "high" }]))).toThrow('Plan alignment, System pay-award: "high" is not a percentage');
    expect(bad(() => undefined)).not.toThrow();
  });
});

describe("a scenario against the sample workbook", () => {
  it("gives each capability's figures under the scenario's inputs", async () => {
    const workbook = await sampleWorkbook();
    const data = await readScenarioData(workbook, rulebook);
    const base = await evaluateScenario(rulebook, draftToScenario(initialDraft(rulebook), { id: "b", name: "Base", rulebook, now: NOW }), data, assessWith(solver));
    const w = await evaluateScenario(rulebook, draftToScenario(winter(), { id: "w", name: "Winter", rulebook, now: NOW }), data, assessWith(solver));
    if (!base.controlTotal.ok || !w.controlTotal.ok || !w.allocation.ok || !w.capital.ok || !base.capital.ok || !w.assumptions.ok || !base.assumptions.ok) throw new Error("expected figures");
    const mseft = w.controlTotal.report.inside.find((o) => o.partner.code === "MSEFT")!;
    expect(mseft.forecast.toFixed(2)).toBe("-32000000.01");
    // The system moves by exactly MSEFT's change.
    const before = base.controlTotal.report.inside.find((o) => o.partner.code === "MSEFT")!.forecast;
    expect(w.controlTotal.report.system.forecast.minus(base.controlTotal.report.system.forecast).eq(mseft.forecast.minus(before))).toBe(true);
    // The allocation shares the scenario's fund exactly, within 2% of each baseline.
    const total = w.allocation.result.places.reduce((a, p) => a.plus(p.allocation), new Money(0));
    expect(total.toFixed(2)).toBe("60345678.91");
    expect(w.allocation.result.formula.paceOfChangeBasisPoints).toBe(200);
    // Capital: the lock holds and the larger envelope is used.
    const optimum = w.capital.assessment.optimum;
    if (optimum.status !== "optimal") throw new Error("expected an optimum");
    const wickford = w.capital.assessment.assessed.findIndex((a) => a.scheme.name === "Wickford health hub");
    expect(optimum.funded[wickford]).toBe(true);
    expect(optimum.totalCost).toBeLessThanOrEqual(2_500_000_000);
    // A system pay award of 4.5% against organisations' 5.5%: more deviate than under the sheet's values.
    const flagged = (checks: { flagged: boolean }[]) => checks.filter((c) => c.flagged).length;
    expect(flagged(w.assumptions.checks)).toBeGreaterThan(flagged(base.assumptions.checks));
  });

  it("says which locks name schemes the table no longer has, and applies regardless", async () => {
    const workbook = await sampleWorkbook();
    const d = winter();
    d.capital.locks = [...d.capital.locks, { scheme: "Demolished annexe", lock: "in" }];
    const scenario = draftToScenario(d, { id: "w", name: "Winter pressures", rulebook, now: NOW });
    const outcome = await evaluateScenario(rulebook, scenario, await readScenarioData(workbook, rulebook), assessWith(solver));
    if (!outcome.capital.ok) throw new Error("expected figures");
    expect(outcome.capital.unknownLocks).toEqual(["Demolished annexe"]);
    expect(problemsOf([{ scenario, outcome }])).toEqual([{ text: '"Winter pressures", capital: locks on schemes no longer in the Schemes table do nothing (Demolished annexe)', blocksApply: false }]);
  });

  it("applies a scenario to the add-in's three report sheets only, saying which it replaces", async () => {
    const workbook = await sampleWorkbook();
    const inputTables = JSON.stringify(workbook.allTables());
    expect((await sheetsToReplace(workbook)).map((s) => s.exists)).toEqual([false, false, false]);
    const scenario = draftToScenario(winter(), { id: "w", name: "Winter pressures", rulebook, now: NOW });
    const data = await readScenarioData(workbook, rulebook);
    const sheets = await applyScenario(workbook, rulebook, scenario, await evaluateScenario(rulebook, scenario, data, assessWith(solver)), data);
    expect(sheets).toEqual([CONTROL_TOTAL_REPORT.sheet, ALLOCATION_REPORT.sheet, CAPITAL_REPORT.sheet]);
    expect((await sheetsToReplace(workbook)).map((s) => s.exists)).toEqual([true, true, true]);
    // The input tables are as they were; only the reports are new.
    const reportNames = new Set<string>([CONTROL_TOTAL_REPORT.name, ALLOCATION_REPORT.name, CAPITAL_REPORT.name]);
    expect(JSON.stringify(workbook.allTables().filter((t) => !reportNames.has(t.name)))).toBe(inputTables);
    expect(workbook.reportOf(ALLOCATION_REPORT.name)!.notes.join("\n")).toContain('Scenario "Winter pressures"');
    const allocation = (await workbook.readTable(ALLOCATION_REPORT.name))!;
    expect(allocation.rows.reduce((a, r) => a.plus(new Money(String(r[4]))), new Money(0)).toFixed(2)).toBe("60345678.91");
    expect(workbook.reportOf(CONTROL_TOTAL_REPORT.name)!.notes.join("\n")).toContain("forecast outturn as the scenario sets it for MSEFT");
    expect((await workbook.readTable(CAPITAL_REPORT.name))!.rows.find((r) => r[1] === "Wickford health hub")![7]).toBe("FUNDED");
  });

  it("writes nothing when any part cannot be worked out", async () => {
    const workbook = await sampleWorkbook();
    workbook.editCell(PLACES.name, 1, "Registered population", -5);
    const scenario = draftToScenario(winter(), { id: "w", name: "Winter pressures", rulebook, now: NOW });
    const data = await readScenarioData(workbook, rulebook);
    const outcome = await evaluateScenario(rulebook, scenario, data, assessWith(solver));
    expect(outcome.controlTotal.ok).toBe(true);
    expect(outcome.allocation.ok).toBe(false);
    await expect(applyScenario(workbook, rulebook, scenario, outcome, data)).rejects.toThrow(/^Nothing was written: the allocation cannot be computed \(.*ICS_Places row 2 \(Registered population\): must not be negative\)/);
    expect(workbook.sheetNames()).not.toContain(CONTROL_TOTAL_REPORT.sheet);
  });
});
