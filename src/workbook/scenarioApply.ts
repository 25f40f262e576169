// A scenario against the workbook: its tables read once, and its outputs written to the add-in's own report sheets in one step.
import type { Scenario } from "../rules/scenario";
import type { ScenarioData, ScenarioOutcome } from "../rules/scenarioOutcome";
import type { Rulebook } from "../rules/rulebook";
import { describeParameters, readPlaceInputs, writeAllocationReport, ALLOCATION_REPORT } from "./allocation";
import { CAPITAL_REPORT, capitalReportNotes, capitalReportRows, readSchemes, restrictedOrganisations, writeCapitalReport } from "./capital";
import { CONTROL_TOTAL_REPORT, readPlans, readRiskReserves, writeControlTotalReport } from "./controlTotal";
import type { Workbook } from "./gateway";
import { readAssumptions } from "./planAlignment";

async function attempt<T>(read: () => Promise<T>): Promise<{ value?: T; problem?: string }> {
  try {
    return { value: await read() };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

/** The tables every scenario is evaluated against, read once; a table that cannot be read is a problem of its capability only. */
export async function readScenarioData(workbook: Workbook, rulebook: Rulebook): Promise<ScenarioData> {
  const [plans, reserves, places, schemes, restricted, assumptions] = await Promise.all([
    attempt(() => readPlans(workbook)),
    attempt(() => readRiskReserves(workbook, rulebook)),
    attempt(() => readPlaceInputs(workbook, rulebook)),
    rulebook.capital ? attempt(() => readSchemes(workbook, rulebook)) : Promise.resolve({ value: undefined, problem: undefined }),
    attempt(() => restrictedOrganisations(workbook, rulebook)),
    rulebook.planAlignment ? attempt(() => readAssumptions(workbook, rulebook)) : Promise.resolve({ value: undefined, problem: undefined }),
  ]);
  return {
    plans: plans.value,
    reserves: reserves.value ?? new Map(),
    places: places.value,
    schemes: schemes.value,
    restricted: restricted.value ?? new Map(),
    assumptions: assumptions.value,
    problems: {
      plans: plans.problem,
      places: places.problem ?? reserves.problem,
      schemes: schemes.problem ?? (restricted.problem && `the recovery restrictions cannot be read: ${restricted.problem}`),
      assumptions: assumptions.problem,
    },
  };
}

/** The add-in's sheets a scenario writes, in the order it writes them. */
export const SCENARIO_REPORTS = [
  { what: "Control total report", table: CONTROL_TOTAL_REPORT },
  { what: "Allocation to Places", table: ALLOCATION_REPORT },
  { what: "Capital report", table: CAPITAL_REPORT },
] as const;

/**
 * Which of the scenario's report sheets the add-in has already written (and so would replace), under the sheet name
 * they have; a sheet of that name that is not the add-in's is never written over, so the report would be added beside it.
 */
export async function sheetsToReplace(workbook: Workbook): Promise<{ what: string; sheet: string; exists: boolean }[]> {
  return Promise.all(
    SCENARIO_REPORTS.map(async (r) => {
      const own = await workbook.readTable(r.table.name);
      return { what: r.what, sheet: own?.sheet ?? r.table.sheet, exists: own !== undefined };
    }),
  );
}

export class ApplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ApplyError";
  }
}

/**
 * Writes the scenario's outputs: the control total with its forecasts, the allocation and the optimal capital portfolio,
 * each on the add-in's own sheet, replacing only that sheet. Everything is computed first: if any part cannot be,
 * nothing is written.
 */
export async function applyScenario(workbook: Workbook, rulebook: Rulebook, scenario: Scenario, outcome: ScenarioOutcome, data: ScenarioData): Promise<string[]> {
  const { controlTotal, allocation, capital } = outcome;
  if (!controlTotal.ok) throw new ApplyError(`Nothing was written: the control total cannot be computed (${controlTotal.message})`);
  if (!allocation.ok) throw new ApplyError(`Nothing was written: the allocation cannot be computed (${allocation.message})`);
  if (!capital.ok) throw new ApplyError(`Nothing was written: the capital portfolio cannot be computed (${capital.message})`);
  const rows = capitalReportRows(capital.assessment);
  if (!rows) throw new ApplyError("Nothing was written: no capital portfolio meets every constraint under this scenario");
  const adjusted = scenario.controlTotal.forecasts.map((f) => f.organisation).join(", ");
  const label = `Scenario "${scenario.name}", applied from the ICS Finance task pane`;
  return [
    await writeControlTotalReport(workbook, rulebook, controlTotal.report, [`${label}${adjusted ? `; forecast outturn as the scenario sets it for ${adjusted}` : "; forecasts as in the Plans table"}`]),
    await writeAllocationReport(workbook, rulebook, allocation.result, data.places!, [`${label}; ${describeParameters(allocation.result)}`]),
    await writeCapitalReport(workbook, rulebook, rows, [label, ...capitalReportNotes(rulebook, capital.assessment, scenario.capital.weightPoints)]),
  ];
}
