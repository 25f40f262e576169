// The Control total panel's state: the Plans table, read afresh after each change (in the grid too), the month, the "what if", and writing the report.
import { useCallback, useMemo, useState } from "react";
import { PlanLedger, riskShare, riskShareBases, rollUp, withForecasts, type ControlTotalReport, type PlanEntry } from "../../rules/controlTotal";
import type { Money } from "../../rules/money";
import { parsePounds } from "../../rules/scenarioDraft";

import { readPlans, readRiskReserves, writeControlTotalReport } from "../../workbook/controlTotal";
import { useAddIn, useDraft } from "../context";
import { useAction } from "../useAction";
import { useWorkbookData } from "../useWorkbookData";

type Loaded = { plans: PlanEntry[] | undefined; reserves: Map<string, Money> };
export type Computed = { ok: true; report: ControlTotalReport; shares: Money[] } | { ok: false; message: string };

export function useControlTotal() {
  const { workbook, rulebook, workbookChanged } = useAddIn();
  const [inputs, setInputs] = useDraft("controlTotal");
  const month = inputs.month ?? undefined;
  // Which organisation the what-if editor shows; the adjustments themselves are the shared inputs.
  const [editing, setEditing] = useState(() => inputs.forecasts.at(-1)?.organisation ?? "");
  const { busy: writing, outcome: written, run: act } = useAction(workbookChanged);

  const read = useWorkbookData(async (wb): Promise<Loaded> => {
    const [plans, reserves] = await Promise.all([readPlans(wb), readRiskReserves(wb, rulebook)]);
    return { plans, reserves };
  }, [rulebook]);
  // No figures from a table in error: the last good read stays out of sight until the table is fixed.
  const loaded = read.error ? undefined : read.data;

  // The ledger is validated once per read; a bad row is reported, never half-used.
  const ledger = useMemo(() => {
    if (!loaded?.plans || loaded.plans.length === 0) return undefined;
    try {
      return { ok: true as const, ledger: PlanLedger.of(rulebook, loaded.plans) };
    } catch (error) {
      return { ok: false as const, message: (error as Error).message };
    }
  }, [loaded, rulebook]);

  const months = useMemo(() => (ledger?.ok ? [...ledger.ledger.months].sort((a, b) => a - b) : []), [ledger]);
  const period = month !== undefined && months.includes(month) ? month : months.at(-1);

  // Every adjustment parsed; one that does not parse holds the what if back and is named at its field.
  const adjustments = useMemo(
    () => inputs.forecasts.map((f) => ({ organisation: f.organisation, text: f.forecast, parsed: parsePounds(f.forecast, "forecast outturn", { allowNegative: true }) })),
    [inputs.forecasts],
  );
  const whatIfForecasts = useMemo(
    () => (adjustments.length > 0 && adjustments.every((a) => a.parsed.ok) ? adjustments.map((a) => ({ organisation: a.organisation, forecast: (a.parsed as { value: Money }).value })) : undefined),
    [adjustments],
  );

  const compute = useCallback(
    (withWhatIf: boolean): Computed | undefined => {
      if (!ledger || !loaded || period === undefined) return undefined;
      if (!ledger.ok) return { ok: false, message: ledger.message };
      try {
        const scenario = withWhatIf && whatIfForecasts ? withForecasts(ledger.ledger, period, whatIfForecasts) : ledger.ledger;
        const report = rollUp(scenario, period, loaded.reserves);
        const shares = riskShare(report.system.forecastVariance, riskShareBases(rulebook, report.inside));
        return { ok: true, report, shares };
      } catch (error) {
        return { ok: false, message: (error as Error).message };
      }
    },
    [ledger, loaded, period, whatIfForecasts, rulebook],
  );

  const actual = useMemo(() => compute(false), [compute]);
  const scenario = useMemo(() => (whatIfForecasts ? compute(true) : undefined), [compute, whatIfForecasts]);

  /** Sets (or, with blank text, removes) one organisation's what-if forecast. */
  const setForecast = (organisation: string, forecast: string) =>
    setInputs((c) => ({
      forecasts:
        forecast === ""
          ? c.forecasts.filter((f) => f.organisation !== organisation)
          : c.forecasts.some((f) => f.organisation === organisation)
            ? c.forecasts.map((f) => (f.organisation === organisation ? { organisation, forecast } : f))
            : [...c.forecasts, { organisation, forecast }],
    }));

  const writeReport = async () => {
    // The report is of the sheet's figures: a "what if" is for discussion and is never written (a scenario applied is).
    if (!actual?.ok) return;
    await act("Writing report", async () => `Report written to the sheet "${await writeControlTotalReport(workbook, rulebook, actual.report)}".`, true, "The report was not written");
  };

  return {
    rulebook,
    loadError: read.error,
    hasPlansTable: loaded ? loaded.plans !== undefined : undefined,
    months,
    period,
    setMonth: (m: number) => setInputs({ month: m }),
    editing,
    setEditing,
    adjustments,
    setForecast,
    clearWhatIf: () => {
      setInputs({ forecasts: [] });
      setEditing("");
    },
    actual,
    scenario,
    /** The sheet's figures, validated (never the what if): what the statement is of. */
    ledger: ledger?.ok ? ledger.ledger : undefined,
    writeReport,
    writing,
    written,
    refresh: read.reload,
  };
}
