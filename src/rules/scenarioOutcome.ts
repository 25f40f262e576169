// What a scenario's inputs give, capability by capability: the system position, the allocation, the capital portfolio, the assumptions.
import { allocationUnitWords, runFormula, findFormula, type FormulaResult, type PlaceInput } from "./allocation";
import { assess, outsideCapitalFramework, type Assessment, type Lock, type MilpSolver, type Scheme } from "./capital";
import { monthOf, PlanLedger, rollUp, withForecasts, type ControlTotalReport, type PlanEntry } from "./controlTotal";
import { Money } from "./money";
import { checkAssumptions, withAssumptions, type AssumptionCheck, type AssumptionEntry } from "./planAlignment";
import type { CapitalSettings, Rulebook } from "./rulebook";
import type { Scenario } from "./scenario";
import { parsePlanEnvelope } from "./scenarioDraft";
import { capitalUnits } from "./tiers";

/** The workbook's tables as a scenario is evaluated against them; undefined where the workbook has no such table. */
export interface ScenarioData {
  plans: readonly PlanEntry[] | undefined;
  reserves: ReadonlyMap<string, Money>;
  places: readonly PlaceInput[] | undefined;
  schemes: readonly Scheme[] | undefined;
  /** Organisations whose discretionary capital is restricted (from the sheet's figures, as the Capital panel uses them). */
  restricted: ReadonlyMap<string, string>;
  assumptions: { system: ReadonlyMap<string, Money>; entries: readonly AssumptionEntry[] } | undefined;
  /** A table that could not be read, with the reader's message (its row and column): that capability says so. */
  problems?: Partial<Record<"plans" | "places" | "schemes" | "assumptions", string>>;
}

export type Part<T> = ({ ok: true } & T) | { ok: false; message: string };

export interface ScenarioOutcome {
  controlTotal: Part<{ report: ControlTotalReport }>;
  allocation: Part<{ result: FormulaResult }>;
  /** `unknownLocks`: schemes the scenario locks in or out that the Schemes table no longer has (their locks do nothing). */
  capital: Part<{ assessment: Assessment; unknownLocks: string[] }>;
  assumptions: Part<{ checks: AssumptionCheck[] }>;
}

/**
 * A scenario's envelope for the Schemes table it is evaluated against: the single envelope, or where the schemes have a
 * cost profile by year, the scenario's envelope for each of those years (a year it has none for is named).
 */
function planOf(scenario: Scenario, schemes: readonly Scheme[]): { envelope: number; years?: { label: string; envelope: number }[] } {
  const years = schemes.find((s) => s.profile)?.profile?.length ?? 0;
  const labels = years > 1 ? scenario.capital.yearEnvelopes.map((y) => y.label) : [];
  if (years > 1 && labels.length !== years) throw new Error(`the Schemes table has costs for ${years} years but the scenario has envelopes for ${labels.length}`);
  const plan = parsePlanEnvelope(scenario.capital.envelope ?? "", labels, scenario.capital.yearEnvelopes);
  if (!plan.ok) throw new Error(plan.message);
  return { envelope: plan.pence, years: plan.years };
}

/** How a capital assessment is made: on this thread with a solver, or handed to a worker. */
export type AssessCapital = (settings: CapitalSettings, schemes: readonly Scheme[], options: Parameters<typeof assess>[2]) => Assessment | Promise<Assessment>;
export const assessWith =
  (solver: MilpSolver): AssessCapital =>
  (settings, schemes, options) =>
    assess(settings, schemes, options, solver);

async function partAsync<T>(work: () => Promise<T>): Promise<Part<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

function part<T>(work: () => T): Part<T> {
  try {
    return { ok: true, ...work() };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

const missing = (table: string): never => {
  throw new Error(`the workbook has no ${table} table; choose Set up workbook`);
};

/** Every capability's result under the scenario; one that cannot be computed says why, without stopping the others. */
export async function evaluateScenario(rulebook: Rulebook, scenario: Scenario, data: ScenarioData, assessCapital: AssessCapital, system = "System"): Promise<ScenarioOutcome> {
  const controlTotal = part(() => {
    if (data.problems?.plans) throw new Error(data.problems.plans);
    if (!data.plans) return missing("Plans");
    const ledger = PlanLedger.of(rulebook, data.plans);
    const month = monthOf(ledger, scenario.controlTotal.month);
    const adjusted = withForecasts(ledger, month, scenario.controlTotal.forecasts.map((f) => ({ organisation: f.organisation, forecast: new Money(f.forecast) })));
    return { report: rollUp(adjusted, month, data.reserves) };
  });
  const allocation = part(() => {
    if (data.problems?.places) throw new Error(data.problems.places);
    if (!data.places) return missing("Places");
    const settings = rulebook.allocation;
    if (!settings) throw new Error("the rulebook has no allocation section");
    const formula = findFormula(rulebook, scenario.allocation.formulaId);
    const fund =
      scenario.allocation.fund === null
        ? data.places.reduce((sum, p) => {
            if (p.baseline === null) throw new Error(`${p.place} has no baseline, so the scenario needs a fund`);
            return sum.plus(p.baseline);
          }, new Money(0))
        : new Money(scenario.allocation.fund);
    const result = runFormula({ ...formula, useFloorsAndCaps: scenario.allocation.useFloorsAndCaps, paceOfChangeBasisPoints: scenario.allocation.paceOfChangeBasisPoints }, fund, data.places, settings.clause, allocationUnitWords(rulebook));
    return { result };
  });
  const capital = await partAsync(async () => {
    if (data.problems?.schemes) throw new Error(data.problems.schemes);
    if (!data.schemes) return missing("Schemes");
    const settings = rulebook.capital;
    if (!settings) throw new Error("the rulebook has no capital section");
    if (scenario.capital.envelope === null) throw new Error("the scenario has no capital envelope");
    const locks = new Map<string, Lock>(scenario.capital.locks.map((l) => [l.scheme, l.lock]));
    const assessment = await assessCapital(
      settings,
      data.schemes,
      {
        weightPoints: scenario.capital.weightPoints,
        ...planOf(scenario, data.schemes),
        restricted: scenario.capital.liftRecovery ? new Map() : data.restricted,
        outsideFramework: outsideCapitalFramework(rulebook),
        objective: scenario.capital.objective ?? undefined,
        locks,
        ...capitalUnits(rulebook),
      },
    );
    const names = new Set(data.schemes.map((x) => x.name));
    return { assessment, unknownLocks: scenario.capital.locks.map((l) => l.scheme).filter((n) => !names.has(n)) };
  });
  const assumptions = part(() => {
    if (data.problems?.assumptions) throw new Error(data.problems.assumptions);
    if (!data.assumptions) return missing("Assumptions");
    const settings = rulebook.planAlignment;
    if (!settings) throw new Error("the rulebook has no plan alignment section");
    const merged = withAssumptions(data.assumptions, scenario.assumptions.map((a) => ({ ...a, value: new Money(a.value) })), system);
    return { checks: checkAssumptions(settings, merged.system, merged.entries) };
  });
  return { controlTotal, allocation, capital, assumptions };
}
