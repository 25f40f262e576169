// The Allocation panel's state: the Places table, the fund, the formula and its parameters, the formulas compared, and what is written.
import { useCallback, useMemo, useState } from "react";
import { allocationUnitWords, runFormula, type FormulaResult } from "../../rules/allocation";
import { formatGBP, Money } from "../../rules/money";
import { parsePace, parsePounds } from "../../rules/scenarioDraft";
import type { AllocationFormula } from "../../rules/rulebook";
import { describeParameters, readPlaceInputs, writeAllocationReport } from "../../workbook/allocation";
import { useAddIn, useDraft } from "../context";
import { useAction } from "../useAction";
import { readMonitoringInputs, type MonitoringInputs } from "../../workbook/monitoring";
import { useWorkbookData } from "../useWorkbookData";

/** The Deliverables and Monitoring tables as read with the Places table, or why they could not be. */
export type MonitoringRead = { inputs: MonitoringInputs; error?: undefined } | { inputs?: undefined; error: string };

export type Run = { ok: true; result: FormulaResult } | { ok: false; message: string };
/** At most this many formulas are compared with the chosen one, so the table still fits a task pane. */
export const MAX_COMPARED = 2;

export function useAllocation() {
  const { workbook, rulebook, workbookChanged, proposeDecision } = useAddIn();
  const settings = rulebook.allocation;
  // Places, or ICPs where the allocation is by ICP: every word of the panel says which.
  const units = useMemo(() => allocationUnitWords(rulebook), [rulebook]);
  const [inputs, setInputs] = useDraft("allocation");
  const { fund: fundText, formulaId, useFloorsAndCaps, pace: paceText } = inputs;
  const formula = settings?.formulas.find((f) => f.id === formulaId);
  const [compared, setCompared] = useState<string[]>(() => (settings?.formulas ?? []).filter((f) => f.id !== formulaId).slice(0, MAX_COMPARED).map((f) => f.id));
  const { busy: writing, outcome: written, setOutcome: setWritten, run: act } = useAction(workbookChanged);

  // The Places table and the monitoring tables in one read (one sync on Excel): a monitoring table in error is the
  // Monitoring section's to say, and never hides the allocation.
  const read = useWorkbookData(async (wb) => {
    const [places, monitoring] = await Promise.all([
      readPlaceInputs(wb, rulebook),
      readMonitoringInputs(wb, rulebook).then(
        (inputs): MonitoringRead => ({ inputs }),
        (error: unknown): MonitoringRead => ({ error: error instanceof Error ? error.message : String(error) }),
      ),
    ]);
    return { places, monitoring };
  }, [rulebook]);
  // No figures from a table in error: the last good read stays out of sight until the table is fixed.
  const places = read.error ? undefined : read.data?.places;
  const hasTable = read.error ? true : read.data && read.data.places !== undefined;

  // Until the user types a fund, offer last year's total: the same money shared by the new formula.
  const baselineTotal = useMemo(() => {
    if (!places || places.some((p) => p.baseline === null)) return undefined;
    return places.reduce((a, p) => a.plus(p.baseline!), new Money(0));
  }, [places]);
  const fundShown = fundText ?? (baselineTotal ? formatGBP(baselineTotal).replace("£", "") : "");
  const fund = useMemo(() => parsePounds(fundShown, "fund"), [fundShown]);
  const pace = useMemo(() => parsePace(paceText), [paceText]);

  const chooseFormula = (id: string) => {
    const next = settings?.formulas.find((f) => f.id === id);
    if (!next) return;
    setInputs({ formulaId: id, useFloorsAndCaps: next.useFloorsAndCaps, pace: next.paceOfChangeBasisPoints === null ? "" : String(next.paceOfChangeBasisPoints / 100) });
    setCompared((c) => c.filter((x) => x !== id));
    setWritten(undefined);
  };
  const toggleCompared = (id: string, on: boolean) =>
    setCompared((c) => (on ? (c.includes(id) || c.length >= MAX_COMPARED ? c : [...c, id]) : c.filter((x) => x !== id)));

  const run = useCallback(
    (f: AllocationFormula): Run | undefined => {
      if (!settings || !places || places.length === 0 || !fund.ok) return undefined;
      try {
        return { ok: true, result: runFormula(f, fund.value, places, settings.clause, units) };
      } catch (error) {
        return { ok: false, message: (error as Error).message };
      }
    },
    [settings, places, fund, units],
  );

  // The chosen formula as the user set its parameters; the compared ones as the rulebook states them.
  const chosen = useMemo(
    () => (formula && pace.ok ? run({ ...formula, useFloorsAndCaps, paceOfChangeBasisPoints: pace.value }) : undefined),
    [run, formula, useFloorsAndCaps, pace],
  );
  const comparisons = useMemo(
    () =>
      compared
        .map((id) => settings?.formulas.find((f) => f.id === id))
        .filter((f): f is AllocationFormula => f !== undefined)
        .map((f) => ({ formula: f, run: run(f) })),
    [compared, settings, run],
  );

  const writeAllocation = async () => {
    if (!chosen?.ok || !places) return;
    await act(
      "Writing allocation",
      async () => `Allocation written to the sheet "${await writeAllocationReport(workbook, rulebook, chosen.result, places)}".`,
      true,
      "The allocation was not written",
    );
  };

  const takeToBoard = useCallback(() => {
    if (!chosen?.ok || !settings) return;
    const r = chosen.result;
    const amounts = r.places.map((p) => `${p.place} ${formatGBP(p.allocation)}`).join("; ");
    proposeDecision({
      ruleId: settings.decisionRule,
      matter: `Apportionment of ${formatGBP(r.fund)} transformation funding to Places (${describeParameters(r)}): ${amounts}`,
      from: "Allocation",
    });
  }, [chosen, settings, proposeDecision]);

  return {
    rulebook,
    settings,
    units,
    hasTable,
    loadError: read.error,
    monitoring: read.data?.monitoring,
    places,
    baselineTotal,
    fundText: fundShown,
    setFundText: (text: string) => {
      setInputs({ fund: text });
      setWritten(undefined);
    },
    fundProblem: fund.ok ? undefined : fund.message,
    formula,
    chooseFormula,
    useFloorsAndCaps,
    setUseFloorsAndCaps: (on: boolean) => setInputs({ useFloorsAndCaps: on }),
    paceText,
    setPaceText: (text: string) => setInputs({ pace: text }),
    paceProblem: pace.ok ? undefined : pace.message,
    compared,
    toggleCompared,
    chosen,
    comparisons,
    writeAllocation,
    writing,
    written,
    takeToBoard,
    refresh: read.reload,
  };
}
