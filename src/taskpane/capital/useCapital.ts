// The Capital panel's state: schemes, weights, envelope and locks; the assessment (scores, gates, greedy, optimum); sensitivity off the UI thread; the frontier; the Board.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  EXACT_SENSITIVITY_LIMIT,
  frontier,
  OBJECTIVE_LABELS,
  OBJECTIVE_NAMES,
  outsideCapitalFramework,
  rankedSensitivity,
  sensitivity,
  type Assessment,
  type FrontierPoint,
  type Lock,
  type MilpSolver,
  type ObjectiveId,
  type SensitivityResult,
} from "../../rules/capital";
import { parsePlanEnvelope, type WeightMode } from "../../rules/scenarioDraft";
import { loadSolver } from "../../rules/solver";
import { capitalUnits } from "../../rules/tiers";
import { capitalReportNotes, capitalReportRows, objectiveNotes, pounds, readSchemesTable, restrictedOrganisations, writeCapitalReport } from "../../workbook/capital";
import { useAddIn, useDraft } from "../context";
import { useAction } from "../useAction";
import { useWorkbookData } from "../useWorkbookData";
import { createAssessor, type Assessor } from "./assessor";
import type { FrontierRequest, SensitivityMessage, SensitivityRequest } from "./sensitivity.worker";

/**
 * Runs a request in a web worker (HiGHS loads inside it), passing each message on; the worker ends with the work.
 * Returns a function that asks it to stop, or undefined where there are no workers (tests), to run on this thread.
 */
function startWorker(request: SensitivityRequest | FrontierRequest, onMessage: (m: SensitivityMessage) => void): (() => void) | undefined {
  if (typeof Worker === "undefined") return undefined;
  const worker = new Worker(new URL("./sensitivity.worker.ts", import.meta.url));
  worker.onmessage = (event: MessageEvent<SensitivityMessage>) => {
    if (event.data.kind !== "progress") worker.terminate();
    onMessage(event.data);
  };
  worker.onerror = (event) => {
    worker.terminate();
    onMessage({ kind: "failed", message: event.message || "the work stopped" });
  };
  worker.postMessage(request);
  return () => worker.postMessage("cancel");
}

export type { WeightMode };
type Run = { ok: true; assessment: Assessment } | { ok: false; message: string };
// Stable empties, so a panel without them does not re-solve at every render.
const NO_YEARS: string[] = [];
const NO_RESTRICTIONS = new Map<string, string>();


export function useCapital() {
  const { workbook, rulebook, workbookChanged, proposeDecision } = useAddIn();
  const settings = rulebook.capital;
  const [solver, setSolver] = useState<MilpSolver>();
  const [solverError, setSolverError] = useState<string>();
  const [inputs, setInputs] = useDraft("capital");
  const { weightPoints: points, mode, envelope: envelopeText } = inputs;
  const locks = useMemo(() => new Map<string, Lock>(inputs.locks.map((l) => [l.scheme, l.lock])), [inputs.locks]);
  const [running, setRunning] = useState<{ done: number; total: number }>();
  const [sensitivityResult, setSensitivityResult] = useState<(SensitivityResult & { key: string }) | { failed: string }>();
  const { outcome: written, run: act } = useAction(workbookChanged);
  const cancel = useRef<() => void>(undefined);

  const read = useWorkbookData(
    async (wb) => {
      if (!settings) return undefined;
      // Recovery restrictions come from the Plans table; if it cannot be read the panel says so rather than quietly lifting them.
      const restrictions = restrictedOrganisations(wb, rulebook).then(
        (r) => ({ restricted: r, restrictionProblem: undefined }),
        (error: Error) => ({ restricted: NO_RESTRICTIONS, restrictionProblem: error.message }),
      );
      const [table, { restricted, restrictionProblem }] = await Promise.all([readSchemesTable(wb, rulebook), restrictions]);
      return { table, restricted, restrictionProblem };
    },
    [rulebook, settings],
  );
  // No figures from a table in error: the last good read stays out of sight until the table is fixed.
  const loaded = read.error ? undefined : read.data;
  const schemes = loaded?.table?.schemes;
  const years = loaded?.table?.years ?? NO_YEARS;
  const hasTable = read.error ? true : loaded && loaded.table !== undefined;
  const restricted = loaded?.restricted ?? NO_RESTRICTIONS;
  const restrictionProblem = loaded?.restrictionProblem;

  // Assessments are solved in a worker, which loads HiGHS when the panel opens (not when the task pane starts).
  const assessor = useRef<Assessor>(undefined);
  useEffect(() => {
    assessor.current = createAssessor();
    return () => assessor.current?.dispose();
  }, []);
  // Where there are no workers (tests), the sensitivity and frontier run on this thread and need the solver here.
  useEffect(() => {
    if (typeof Worker !== "undefined") return;
    let live = true;
    loadSolver()
      .then((s) => live && setSolver(s))
      .catch((error: Error) => live && setSolverError(`The optimiser could not be loaded: ${error.message}`));
    return () => {
      live = false;
    };
  }, []);

  // A Schemes table with a cost profile by year needs an envelope for each year: each starts at the single envelope.
  const yearEnvelopes = inputs.yearEnvelopes;
  useEffect(() => {
    if (years.length <= 1) return;
    if (yearEnvelopes.length === years.length && yearEnvelopes.every((y, t) => y.label === years[t])) return;
    setInputs((c) => ({ yearEnvelopes: years.map((label) => c.yearEnvelopes.find((y) => y.label === label) ?? { label, envelope: c.envelope }) }));
  }, [years, yearEnvelopes, setInputs]);

  const envelope = useMemo(() => parsePlanEnvelope(envelopeText, years, yearEnvelopes), [envelopeText, years, yearEnvelopes]);
  const outsideFramework = useMemo(() => outsideCapitalFramework(rulebook), [rulebook]);
  const objective: ObjectiveId = inputs.objective ?? settings?.objective.default ?? "total-score";
  const liftRecovery = inputs.liftRecovery;

  // Sliders move at once; the assessment (a MILP solve) follows when they pause.
  const [settledPoints, setSettledPoints] = useState(points);
  useEffect(() => {
    const timer = setTimeout(() => setSettledPoints(points), 150);
    return () => clearTimeout(timer);
  }, [points]);

  // The assessment follows the inputs; an answer to inputs since changed is dropped.
  const [run, setRun] = useState<Run>();
  const [assessing, setAssessing] = useState(false);
  useEffect(() => {
    if (!settings || !schemes || schemes.length === 0 || !envelope.ok) {
      // Nothing to solve: a solve under way for the old inputs is stopped, and the panel no longer says it is proving.
      assessor.current?.stop();
      setAssessing(false);
      setRun(undefined);
      return;
    }
    let live = true;
    setAssessing(true);
    assessor
      .current!.assess(settings, schemes, {
        weightPoints: settledPoints,
        envelope: envelope.pence,
        years: envelope.years,
        restricted: liftRecovery ? new Map() : restricted,
        outsideFramework,
        objective,
        locks,
        ...capitalUnits(rulebook),
      })
      .then(
        (assessment) => live && setRun({ ok: true, assessment }),
        (error: Error) => live && setRun({ ok: false, message: error.message }),
      )
      .finally(() => live && setAssessing(false));
    return () => {
      live = false;
    };
  }, [settings, schemes, envelope, settledPoints, restricted, locks, rulebook, outsideFramework, objective, liftRecovery]);

  // A sensitivity result or a frontier belongs to the inputs it was run on; change them and it is stale.
  const inputsKey = JSON.stringify([points, envelopeText, yearEnvelopes, [...locks], schemes?.length, objective, liftRecovery]);

  const [frontierState, setFrontierState] = useState<{ key: string; points?: FrontierPoint[]; done: number; stopped?: boolean }>();
  const cancelFrontier = useRef<() => void>(undefined);
  const drawFrontier = useCallback(() => {
    if (!run?.ok) return;
    const key = inputsKey;
    setFrontierState({ key, done: 0 });
    const finish = (points: FrontierPoint[] | undefined, stopped: boolean) => {
      cancelFrontier.current = undefined;
      setFrontierState(points ? { key, points, done: points.length, stopped } : undefined);
    };
    const worker = startWorker({ kind: "frontier", base: run.assessment }, (m) => {
      if (m.kind === "progress") setFrontierState({ key, done: m.done });
      else if (m.kind === "frontier") finish(m.points, m.cancelled);
      else if (m.kind === "failed") finish(undefined, false);
    });
    if (worker) {
      cancelFrontier.current = worker;
      return;
    }
    // Where there are no workers (tests), the same solves in slices on this thread.
    let stop = false;
    cancelFrontier.current = () => (stop = true);
    if (!solver) return finish(undefined, false);
    void frontier(run.assessment, solver, { progress: (done) => setFrontierState({ key, done }), cancelled: () => stop })
      .then((p) => finish(p, stop))
      .catch(() => finish(undefined, false));
  }, [run, solver, inputsKey]);

  const runSensitivity = useCallback(
    (draws: number) => {
      if (!run?.ok || !settings) return;
      const request: SensitivityRequest = { kind: "sensitivity", settings, base: run.assessment, weightPoints: points, draws, spread: 0.2, seed: 20261122 };
      setRunning({ done: 0, total: draws });
      setSensitivityResult(undefined);
      const finish = (result: SensitivityResult | { failed: string }) => {
        setRunning(undefined);
        cancel.current = undefined;
        setSensitivityResult("failed" in result ? result : { ...result, key: inputsKey });
      };
      const worker = startWorker(request, (m) => {
        if (m.kind === "progress") setRunning({ done: m.done, total: draws });
        else if (m.kind === "done") finish({ draws: m.draws, funded: m.funded, infeasible: m.infeasible, unproven: m.unproven });
        else if (m.kind === "failed") finish({ failed: m.message });
      });
      if (worker) {
        cancel.current = worker;
        return;
      }
      // Where there are no workers (tests), the same run in slices on this thread.
      let stop = false;
      cancel.current = () => (stop = true);
      const work =
        run.assessment.candidates.length > EXACT_SENSITIVITY_LIMIT
          ? Promise.resolve(rankedSensitivity(settings, run.assessment, points, { draws, spread: 0.2, seed: 20261122 }))
          : sensitivity(settings, run.assessment, points, solver!, { draws, spread: 0.2, seed: 20261122, progress: (done) => setRunning({ done, total: draws }), cancelled: () => stop });
      void work.then(finish).catch((error: Error) => finish({ failed: error.message }));
    },
    [run, settings, points, solver, inputsKey],
  );

  const rows = useMemo(() => (run?.ok ? capitalReportRows(run.assessment) : undefined), [run]);
  const summaryNotes = useCallback(() => (run?.ok ? capitalReportNotes(rulebook, run.assessment, points) : []), [run, rulebook, points]);

  const writeReport = async () => {
    if (!rows) return;
    await act("Writing report", async () => `Capital report written to the sheet "${await writeCapitalReport(workbook, rulebook, rows, summaryNotes())}".`, true, "The report was not written");
  };

  const takeToBoard = useCallback(() => {
    if (!rows || !settings || !run?.ok || run.assessment.optimum.status !== "optimal") return;
    const funded = rows.filter((r) => r.decision === "FUNDED");
    const notFunded = rows.filter((r) => r.decision !== "FUNDED");
    // The record carries the reasons too: why each scheme is not funded, as the panel and the report give them.
    proposeDecision({
      ruleId: settings.decisionRule,
      matter: [
        `Capital priorities within an envelope of ${pounds(run.assessment.rules.envelope)}: fund ${funded.length} schemes, ${pounds(run.assessment.optimum.totalCost)} (total score ${run.assessment.optimum.totalScore.toFixed(1)}): ${funded.map((r) => `${r.scheme.name} ${pounds(r.scheme.cost)}`).join("; ")}.`,
        ...objectiveNotes(rulebook, run.assessment),
        `Not funded: ${notFunded.map((r) => `${r.scheme.name} (${r.reason})`).join("; ")}.`,
      ].join("\n"),
      from: "Capital",
    });
  }, [rows, settings, run, proposeDecision, rulebook]);

  return {
    rulebook,
    settings,
    hasTable,
    loadError: read.error,
    solverError,
    solverLoading: !run && !solverError && !!schemes && schemes.length > 0 && envelope.ok,
    assessing,
    stopAssessing: () => assessor.current?.stop(),
    schemes,
    restricted,
    restrictionProblem,
    points,
    setPoint: (i: number, value: number) => setInputs((c) => ({ weightPoints: c.weightPoints.map((x, k) => (k === i ? value : x)) })),
    mode,
    setMode: (next: WeightMode) =>
      // Swing weighting anchors the most important swing at 100 and rates the others against it.
      setInputs((c) => ({ mode: next, weightPoints: next === "swing" ? c.weightPoints.map((x) => Math.round((x * 100) / Math.max(...c.weightPoints, 1))) : c.weightPoints })),
    resetWeights: () => setInputs({ weightPoints: settings?.criteria.map((c) => c.weight) ?? [] }),
    envelopeText,
    setEnvelopeText: (text: string) => setInputs({ envelope: text }),
    years,
    yearEnvelopes,
    setYearEnvelope: (label: string, text: string) => setInputs((c) => ({ yearEnvelopes: c.yearEnvelopes.map((y) => (y.label === label ? { label, envelope: text } : y)) })),
    objective,
    objectiveLabels: OBJECTIVE_LABELS,
    objectiveNames: OBJECTIVE_NAMES,
    setObjective: (next: ObjectiveId) => setInputs({ objective: next === settings?.objective.default ? null : next }),
    liftRecovery,
    setLiftRecovery: (lift: boolean) => setInputs({ liftRecovery: lift }),
    objectiveNotes: run?.ok ? objectiveNotes(rulebook, run.assessment) : [],
    envelopeProblem: envelope.ok ? undefined : envelope.message,
    locks,
    /** Locks (from a scenario, or set before the table changed) on schemes the Schemes table no longer has. */
    unknownLocks: schemes ? inputs.locks.map((l) => l.scheme).filter((n) => !schemes.some((x) => x.name === n)) : [],
    clearUnknownLocks: () => setInputs((c) => ({ locks: c.locks.filter((l) => schemes?.some((x) => x.name === l.scheme) ?? true) })),
    setLock: (name: string, lock: Lock) =>
      setInputs((c) => ({ locks: [...c.locks.filter((l) => l.scheme !== name), ...(lock ? [{ scheme: name, lock }] : [])] })),
    run,
    rows,
    frontierPoints: frontierState?.points,
    frontierStale: frontierState ? frontierState.key !== inputsKey : false,
    frontierDrawing: frontierState && !frontierState.points ? frontierState.done : undefined,
    frontierStopped: frontierState?.stopped === true,
    drawFrontier,
    cancelFrontier: () => cancelFrontier.current?.(),
    runSensitivity,
    cancelSensitivity: () => cancel.current?.(),
    running,
    sensitivityResult,
    sensitivityStale: sensitivityResult && "key" in sensitivityResult ? sensitivityResult.key !== inputsKey : false,
    writeReport,
    written,
    takeToBoard,
    refresh: read.reload,
  };
}
