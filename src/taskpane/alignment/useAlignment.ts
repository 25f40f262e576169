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

type Loaded = { lines: PlanLine[] | undefined; assumptions: Assumptions | undefined; log: Map<string, Resolution> | undefined };
export type { Outcome };
const importProblems = (error: unknown) => (error instanceof ImportError ? error.problems : undefined);

export function useAlignment() {
  const { workbook, rulebook, workbookVersion, workbookChanged, draft, updateDraft } = useAddIn();
  const settings = rulebook.planAlignment;
  const [loaded, setLoaded] = useState<Loaded>();
  const [loadError, setLoadError] = useState<string>();
  const [selected, setSelected] = useState<string>();
  const { busy, outcome, run } = useAction(workbookChanged, importProblems);
  const [importProgress, setImportProgress] = useState<{ done: number; total: number }>();

  useEffect(() => {
    let live = true;
    if (!settings) return;
    Promise.all([readPlanLines(workbook, rulebook), readAssumptions(workbook, rulebook), readResolutions(workbook)])
      .then(([lines, assumptions, log]) => {
        if (!live) return;
        setLoaded({ lines, assumptions, log });
        setLoadError(undefined);
      })
      .catch((error: Error) => {
        if (!live) return;
        setLoaded(undefined);
        setLoadError(error.message);
      });
    return () => {
      live = false;
    };
  }, [workbook, rulebook, settings, workbookVersion]);

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

  const save = (flow: Flow, resolution: Resolution) =>
    run("Saving", async () => {
      await saveResolution(workbook, flow, resolution);
      return `Saved to the resolution log: ${flow.payee} ← ${flow.payer}, ${flow.category}.`;
    });

  const logMismatches = () =>
    run("Adding to the log", async () => {
      const added = await logNewMismatches(workbook, flows ?? []);
      return added === 0 ? "Every mismatch is already in the resolution log." : `Added ${added} to the resolution log as Open.`;
    });

  const writeReport = () =>
    run("Writing report", async () => {
      const sheet = await writeAlignmentReport(workbook, rulebook, flows ?? [], loaded?.log ?? new Map());
      return `Alignment report written to the sheet "${sheet}", competition-sensitive lines in aggregate.`;
    });

  const importFiles = (files: readonly File[]) =>
    run("Importing", async () => {
      setImportProgress({ done: 0, total: files.length });
      try {
        const read = await Promise.all(files.map(async (f) => ({ name: f.name, data: await f.arrayBuffer() })));
        const returns = await parseReturns(read, rulebook, (done, total) => setImportProgress({ done, total }));
        const { removed, added } = await mergeReturns(workbook, rulebook, returns);
        return `Imported ${returns.map((r) => r.organisation).join(", ")}: ${added} line${added === 1 ? "" : "s"} in, ${removed} earlier line${removed === 1 ? "" : "s"} of theirs replaced.`;
      } finally {
        setImportProgress(undefined);
      }
    });

  const selectInSheet = (flow: Flow) =>
    run(
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
    run(
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
    loadError,
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
    logMismatches,
    writeReport,
    importFiles,
    importProgress,
    selectInSheet,
    downloadTemplate,
    busy,
    outcome,
    refresh: workbookChanged,
  };
}
