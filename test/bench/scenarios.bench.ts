// Scenarios: three scenarios compared on the sample workbook (control total, allocation, proven-optimal capital portfolio,
// assumptions each), against the three capital solves alone, which are most of the work, in the same run.
import { bench, describe } from "vitest";
import { assess, outsideCapitalFramework, type MilpSolver } from "../../src/rules/capital";
import { defaultRulebook } from "../../src/rules/presets";
import { draftToScenario, initialDraft, type Draft } from "../../src/rules/scenarioDraft";
import { assessWith, evaluateScenario, type ScenarioData } from "../../src/rules/scenarioOutcome";
import { loadSolver } from "../../src/rules/solver";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { readScenarioData } from "../../src/workbook/scenarioApply";
import { setUpWorkbook } from "../../src/workbook/setup";

const rulebook = defaultRulebook();
const now = new Date("2026-11-22T10:00:00Z");
const drafts: Draft[] = ["20,000,000", "25,000,000", "15,000,000"].map((envelope, i) => {
  const d = initialDraft(rulebook);
  return { ...d, allocation: { ...d.allocation, pace: i === 1 ? "2" : "" }, capital: { ...d.capital, envelope } };
});
const scenarios = drafts.map((d, i) => draftToScenario(d, { id: `s${i}`, name: `Scenario ${i}`, rulebook, now }));
let solver: MilpSolver;
let data: ScenarioData;

async function setup() {
  solver = await loadSolver();
  const workbook = new MemoryWorkbook();
  await setUpWorkbook(workbook, rulebook);
  data = await readScenarioData(workbook, rulebook);
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
    "baseline: the three capital assessments alone",
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
