// The Plan alignment panel's state: the plan lines and what they say pair by pair, the assumptions, the resolution log, imports and the report.
import { useEffect, useMemo, useState } from "react";
import { alignPlans, isAligned, statusMatrix, withAssumptions, type Flow, type PlanLine } from "../../rules/planAlignment";
import { ImportError, mergeReturns, parseReturns, returnTemplate } from "../../workbook/partnerReturns";
import {
  checkAssumptionsOf,
  flowKey,
  logNewMismatches,
  readAssumptions,
  readPlanLines,
  readResolutions,
  saveResolution,
  writeAlignmentReport,
  type Assumptions,
  type Resolution,
} from "../../workbook/planAlignment";
import { PLAN_LINES } from "../../workbook/tables";
import { parsePercent, SYSTEM } from "../../rules/scenarioDraft";

import { useAddIn } from "../context";
import { useAction, type Outcome } from "../useAction";
import { useWorkbookData } from "../useWorkbookData";

type Loaded = { lines: PlanLine[] | undefined; assumptions: Assumptions | undefined; log: Map<string, Resolution> | undefined };
export type { Outcome };
const NO_RESOLUTION: Resolution = { owner: "", action: "", status: "Open" };
const sameResolution = (a: Resolution | undefined, b: Resolution) => a !== undefined && a.owner === b.owner && a.action === b.action && a.status === b.status;
const importProblems = (error: unknown) => (error instanceof ImportError ? error.problems : undefined);

/** The parts of the panel an action starts from: the import card, a flow's lines, and the report buttons. */
export type OutcomePlace = "import" | "flow" | "report";

export function useAlignment() {
  const { workbook, rulebook, workbookChanged, draft, updateDraft } = useAddIn();
  const settings = rulebook.planAlignment;
  const [selected, setSelected] = useState<string>();
  const { busy, outcome, run: act } = useAction(workbookChanged, importProblems);
  // Where the last action was started, so what came of it appears by that action rather than at the top of the panel.
  const [outcomeAt, setOutcomeAt] = useState<OutcomePlace>();
  const at = (place: OutcomePlace): typeof act => (...args) => {
    setOutcomeAt(place);
    return act(...args);
  };
  const [importProgress, setImportProgress] = useState<{ step: "reading" | "writing"; done: number; total: number }>();

  const read = useWorkbookData(async (wb): Promise<Loaded | undefined> => {
    if (!settings) return undefined;
    const [lines, assumptions, log] = await Promise.all([readPlanLines(wb, rulebook), readAssumptions(wb, rulebook), readResolutions(wb)]);
    return { lines, assumptions, log };
  }, [rulebook, settings]);
  // No figures from a table in error: the last good read stays out of sight until the table is fixed.
  const loaded = read.error ? undefined : read.data;

  const flows = useMemo(() => (settings && loaded?.lines ? alignPlans(loaded.lines, settings.materiality, settings.clause) : undefined), [settings, loaded]);
  const matrix = useMemo(() => (flows ? statusMatrix(flows) : undefined), [flows]);
  // The what-if assumption values (shared inputs, as typed); one that is not a percentage is named at its field and left out.
  const overrides = useMemo(() => draft.assumptions.map((o) => ({ ...o, parsed: parsePercent(o.value) })), [draft.assumptions]);
  const checks = useMemo(() => {
    if (!loaded?.assumptions) return undefined;
    try {
      const valid = overrides.flatMap((o) => (o.parsed.ok ? [{ organisation: o.organisation, assumption: o.assumption, value: o.parsed.value }] : []));
      return { ok: true as const, checks: checkAssumptionsOf(rulebook, withAssumptions(loaded.assumptions, valid, SYSTEM)) };
    } catch (error) {
      return { ok: false as const, message: (error as Error).message };
    }
  }, [loaded, rulebook, overrides]);
  /** Sets (or, with blank text, removes) a what-if value for the system's agreed assumption. */
  const setSystemAssumption = (assumption: string, value: string) =>
    updateDraft((d) => ({
      ...d,
      assumptions: [...d.assumptions.filter((o) => !(o.organisation === SYSTEM && o.assumption === assumption)), ...(value === "" ? [] : [{ organisation: SYSTEM, assumption, value }])],
    }));
  const selectedFlow = flows?.find((f) => flowKey(f) === selected);

  // What is typed in a flow's resolution form until it is saved, by flow: a re-read of the tables (after any edit in the
  // grid) or a table briefly in error loses none of it. Until something is typed, the form shows the log's entry.
  const [typedResolutions, setTypedResolutions] = useState<Record<string, Resolution>>({});
  const resolutionOf = (flow: Flow): Resolution => typedResolutions[flowKey(flow)] ?? loaded?.log?.get(flowKey(flow)) ?? NO_RESOLUTION;
  const typeResolution = (flow: Flow, resolution: Resolution) => setTypedResolutions((t) => ({ ...t, [flowKey(flow)]: resolution }));

  // Once the log holds what was typed (saved here, or the same typed in the grid), the form follows the log again.
  const log = loaded?.log;
  useEffect(() => {
    if (!log) return;
    setTypedResolutions((typed) => {
      const kept = Object.entries(typed).filter(([key, r]) => !sameResolution(log.get(key), r));
      return kept.length === Object.keys(typed).length ? typed : Object.fromEntries(kept);
    });
  }, [log]);

  const save = (flow: Flow, resolution: Resolution) =>
    at("flow")("Saving", async () => {
      await saveResolution(workbook, flow, resolution);
      return `Saved to the resolution log: ${flow.payee} ← ${flow.payer}, ${flow.category}.`;
    });

  const logMismatches = () =>
    at("report")("Adding to the log", async () => {
      const added = await logNewMismatches(workbook, flows ?? []);
      return added === 0 ? "Every mismatch is already in the resolution log." : `Added ${added} to the resolution log as Open.`;
    });

  const writeReport = () =>
    at("report")("Writing report", async () => {
      const sheet = await writeAlignmentReport(workbook, rulebook, flows ?? [], loaded?.log ?? new Map());
      return `Alignment report written to the sheet "${sheet}", competition-sensitive lines in aggregate.`;
    });

  const importFiles = (files: readonly File[]) =>
    at("import")("Importing", async () => {
      setImportProgress({ step: "reading", done: 0, total: files.length });
      try {
        const read = await Promise.all(files.map(async (f) => ({ name: f.name, data: await f.arrayBuffer() })));
        const returns = await parseReturns(read, rulebook, (done, total) => setImportProgress({ step: "reading", done, total }));
        // Writing many lines to Excel goes in chunks: the bar follows them.
        const { removed, added } = await mergeReturns(workbook, rulebook, returns, (done, total) => setImportProgress({ step: "writing", done, total }));
        return `Imported ${returns.map((r) => r.organisation).join(", ")}: ${added} line${added === 1 ? "" : "s"} in, ${removed} earlier line${removed === 1 ? "" : "s"} of theirs replaced.`;
      } finally {
        setImportProgress(undefined);
      }
    });

  const selectInSheet = (flow: Flow) =>
    at("flow")(
      "Selecting",
      async () => {
        const rows = [...flow.incomeLines, ...flow.expenditureLines].sort((a, b) => a - b);
        await workbook.selectRows(PLAN_LINES.name, rows);
        return `Selected ${rows.length} line${rows.length === 1 ? "" : "s"} in the Plan lines table (rows ${rows.map((r) => r + 1).join(", ")}).`;
      },
      false,
    );

  /** The return template as a file the browser saves; nothing leaves the machine. */
  const downloadTemplate = (organisation: string) =>
    at("import")(
      "Preparing template",
      async () => {
        const data = await returnTemplate(workbook, rulebook, organisation || undefined);
        const url = URL.createObjectURL(new Blob([data], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
        const link = document.createElement("a");
        link.href = url;
        link.download = `Plan return${organisation ? ` ${organisation}` : ""}.xlsx`;
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        return `Template saved as "${link.download}".`;
      },
      false,
    );

  return {
    rulebook,
    settings,
    loadError: read.error,
    hasLinesTable: loaded ? loaded.lines !== undefined : undefined,
    lines: loaded?.lines,
    flows,
    aligned: flows ? isAligned(flows) : undefined,
    matrix,
    checks,
    systemAssumptions: loaded?.assumptions?.system,
    overrides,
    setSystemAssumption,
    log: loaded?.log,
    selectedFlow,
    select: (flow: Flow | undefined) => setSelected(flow ? flowKey(flow) : undefined),
    save,
    resolutionOf,
    typeResolution,
    logMismatches,
    writeReport,
    importFiles,
    importProgress,
    selectInSheet,
    downloadTemplate,
    busy,
    outcome,
    outcomeAt,
    refresh: read.reload,
  };
}
