// The Control total panel's state: the Plans table read once per change, the month, the "what if", and writing the report.
import { useCallback, useEffect, useMemo, useState } from "react";
import { PlanLedger, riskShare, riskShareBases, rollUp, type ControlTotalReport, type PlanEntry } from "../../rules/controlTotal";
import { parseMoney, type Money } from "../../rules/money";
import { readPlans, readRiskReserves, writeControlTotalReport } from "../../workbook/controlTotal";
import { useAddIn } from "../context";

type Loaded = { plans: PlanEntry[] | undefined; reserves: Map<string, Money> };
export type WhatIf = { code: string; forecast: string };
export type Computed = { ok: true; report: ControlTotalReport; shares: Money[] } | { ok: false; message: string };

export function useControlTotal() {
  const { workbook, rulebook, workbookVersion, workbookChanged } = useAddIn();
  const [loaded, setLoaded] = useState<Loaded>();
  const [loadError, setLoadError] = useState<string>();
  const [month, setMonth] = useState<number>();
  const [whatIf, setWhatIf] = useState<WhatIf>({ code: "", forecast: "" });
  const [writing, setWriting] = useState(false);
  const [written, setWritten] = useState<{ ok: true; sheet: string } | { ok: false; message: string }>();

  useEffect(() => {
    let live = true;
    Promise.all([readPlans(workbook), readRiskReserves(workbook, rulebook)])
      .then(([plans, reserves]) => {
        if (!live) return;
        setLoaded({ plans, reserves });
        setLoadError(undefined);
      })
      .catch((error: Error) => live && setLoadError(error.message));
    return () => {
      live = false;
    };
  }, [workbook, rulebook, workbookVersion]);

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

  const whatIfForecast = useMemo((): { ok: true; value: Money } | { ok: false; message: string } | undefined => {
    if (whatIf.code === "" || whatIf.forecast.trim() === "") return undefined;
    try {
      return { ok: true, value: parseMoney(whatIf.forecast) };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }, [whatIf]);

  const compute = useCallback(
    (withWhatIf: boolean): Computed | undefined => {
      if (!ledger || !loaded || period === undefined) return undefined;
      if (!ledger.ok) return { ok: false, message: ledger.message };
      try {
        const scenario =
          withWhatIf && whatIfForecast?.ok ? ledger.ledger.withForecast(whatIf.code, period, whatIfForecast.value) : ledger.ledger;
        const report = rollUp(scenario, period, loaded.reserves);
        const shares = riskShare(report.system.forecastVariance, riskShareBases(rulebook, report.inside));
        return { ok: true, report, shares };
      } catch (error) {
        return { ok: false, message: (error as Error).message };
      }
    },
    [ledger, loaded, period, whatIf.code, whatIfForecast, rulebook],
  );

  const actual = useMemo(() => compute(false), [compute]);
  const scenario = useMemo(() => (whatIfForecast?.ok ? compute(true) : undefined), [compute, whatIfForecast]);

  const writeReport = useCallback(async () => {
    // The report is of the sheet's figures: a "what if" is for discussion and is never written.
    if (!actual?.ok) return;
    setWriting(true);
    setWritten(undefined);
    try {
      const sheet = await writeControlTotalReport(workbook, rulebook, actual.report);
      setWritten({ ok: true, sheet });
      workbookChanged();
    } catch (error) {
      setWritten({ ok: false, message: (error as Error).message });
    } finally {
      setWriting(false);
    }
  }, [actual, workbook, rulebook, workbookChanged]);

  return {
    rulebook,
    loadError,
    hasPlansTable: loaded ? loaded.plans !== undefined : undefined,
    months,
    period,
    setMonth,
    whatIf,
    setWhatIf,
    whatIfProblem: whatIfForecast && !whatIfForecast.ok ? whatIfForecast.message : undefined,
    actual,
    scenario,
    writeReport,
    writing,
    written,
    refresh: workbookChanged,
  };
}
