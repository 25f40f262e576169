// Scenarios: three scenarios compared on the sample workbook (control total, allocation, proven-optimal capital portfolio,
// assumptions each), against the same figures in plain numbers and against the three capital solves alone, in the same run.
import { bench, describe } from "vitest";
import { assess, outsideCapitalFramework, type MilpSolver } from "../../src/rules/capital";
import { defaultRulebook } from "../../src/rules/presets";
import { draftToScenario, initialDraft, type Draft } from "../../src/rules/scenarioDraft";
import { assessWith, evaluateScenario, type ScenarioData } from "../../src/rules/scenarioOutcome";
import { loadSolver } from "../../src/rules/solver";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { readScenarioData } from "../../src/workbook/scenarioApply";
import { setUpWorkbook } from "../../src/workbook/setup";
import { plainAllocate, plainRankAndFill, plainRollUp, type PlainPlanRow } from "./baselines";

const rulebook = defaultRulebook();
const now = new Date("2026-11-22T10:00:00Z");
const drafts: Draft[] = ["20,000,000", "25,000,000", "15,000,000"].map((envelope, i) => {
  const d = initialDraft(rulebook);
  return { ...d, allocation: { ...d.allocation, pace: i === 1 ? "2" : "" }, capital: { ...d.capital, envelope } };
});
const scenarios = drafts.map((d, i) => draftToScenario(d, { id: `s${i}`, name: `Scenario ${i}`, rulebook, now }));
let solver: MilpSolver;
let data: ScenarioData;

let plain: { plans: PlainPlanRow[]; reserves: Map<string, number>; places: { population: number; need: number; baseline: number; floor: number; cap: number }[]; schemes: { cost: number; scores: number[] }[] };

async function setup() {
  solver = await loadSolver();
  const workbook = new MemoryWorkbook();
  await setUpWorkbook(workbook, rulebook);
  data = await readScenarioData(workbook, rulebook);
  const placeOf = new Map(rulebook.partners.map((p) => [p.code, p.place]));
  plain = {
    plans: data.plans!.map((r) => ({ code: r.organisation, place: placeOf.get(r.organisation) ?? null, month: r.month, plan: r.plan.toNumber(), forecast: r.forecast.toNumber() })),
    reserves: new Map([...data.reserves].map(([place, m]) => [place, m.toNumber()])),
    places: data.places!.map((p) => ({ population: p.population.toNumber(), need: p.needIndex.toNumber(), baseline: p.baseline?.toNumber() ?? 0, floor: p.floor?.toNumber() ?? 0, cap: p.cap?.toNumber() ?? Infinity })),
    schemes: data.schemes!.map((x) => ({ cost: x.cost, scores: x.scores })),
  };
}

/**
 * One scenario's figures in doubles: the latest month rolled up with the scenario's forecasts, the fund shared by
 * need-weighted population within floors, caps and pace of change, and the schemes funded down the weighted ranking.
 */
function plainScenario(s: (typeof scenarios)[number]) {
  const month = s.controlTotal.month ?? Math.max(...plain.plans.map((r) => r.month));
  const forecasts = new Map(s.controlTotal.forecasts.map((f) => [f.organisation, Number(f.forecast)]));
  const plans = plain.plans.map((r) => (r.month === month && forecasts.has(r.code) ? { ...r, forecast: forecasts.get(r.code)! } : r));
  const position = plainRollUp(rulebook.controlTotal!, plans, month, plain.reserves);
  const { paceOfChangeBasisPoints: pace, useFloorsAndCaps: bounded } = s.allocation;
  const fund = s.allocation.fund === null ? plain.places.reduce((a, p) => a + p.baseline, 0) : Number(s.allocation.fund);
  const shares = plainAllocate(
    fund,
    plain.places.map((p) => {
      const move = pace === null ? Infinity : (p.baseline * pace) / 10_000;
      return { weight: p.population * p.need, floor: Math.max(bounded ? p.floor : 0, p.baseline - move), cap: Math.min(bounded ? p.cap : Infinity, p.baseline + move) };
    }),
  );
  const funded = plainRankAndFill(plain.schemes, s.capital.weightPoints, Number(s.capital.envelope) * 100);
  return { position, shares, funded };
}

describe("scenarios: three compared on the sample workbook (40 schemes, 4 Places)", () => {
  bench(
    "evaluateScenario × 3: every capability, exact optimum each",
    async () => {
      for (const s of scenarios) {
        const outcome = await evaluateScenario(rulebook, s, data, assessWith(solver));
        if (!outcome.capital.ok || !outcome.allocation.ok || !outcome.controlTotal.ok) throw new Error("expected figures");
      }
    },
    { setup, iterations: 10 },
  );
  bench(
    "baseline: plain-number roll-up, water-filling and ranked fill × 3",
    () => {
      for (const s of scenarios) plainScenario(s);
    },
    { setup },
  );
  bench(
    "the three capital assessments alone (exact optimum each)",
    () => {
      for (const s of scenarios) {
        assess(rulebook.capital!, data.schemes!, {
          weightPoints: s.capital.weightPoints,
          envelope: Number(s.capital.envelope) * 100,
          restricted: data.restricted,
          outsideFramework: outsideCapitalFramework(rulebook),
          locks: new Map(),
          places: rulebook.places.map((p) => p.id),
        }, solver);
      }
    },
    { setup, iterations: 10 },
  );
});
