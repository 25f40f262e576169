// The Scenarios panel's state: the saved scenarios, the current inputs saved or opened, the comparison, and applying one.
import { useEffect, useMemo, useRef, useState } from "react";
import type { Scenario } from "../../rules/scenario";
import { draftToScenario, scenarioToDraft } from "../../rules/scenarioDraft";
import { evaluateScenario, type ScenarioOutcome } from "../../rules/scenarioOutcome";
import { applyScenario, readScenarioData, sheetsToReplace } from "../../workbook/scenarioApply";
import { deleteScenario, duplicateScenario, listScenarios, renameScenario, saveScenario } from "../../workbook/scenarios";
import { createAssessor, type Assessor } from "../capital/assessor";
import { useAddIn } from "../context";
import { useAction } from "../useAction";
import { useWorkbookData } from "../useWorkbookData";
import type { Compared } from "./comparison";

/** Two or three scenarios side by side: more would not fit a task pane. */
export const MAX_COMPARED = 3;

export interface PendingApply {
  scenario: Scenario;
  outcome: ScenarioOutcome;
  sheets: { what: string; sheet: string; exists: boolean }[];
}

const newId = () => crypto.randomUUID();

export function useScenarios() {
  const { workbook, rulebook, workbookChanged, draft, updateDraft, activeScenario, setActiveScenario } = useAddIn();
  const [chosen, setChosen] = useState<string[]>([]);
  const { busy, setBusy, outcome, setOutcome, run: act } = useAction(workbookChanged);
  const [pending, setPending] = useState<PendingApply>();

  // The saved scenarios (a setting) and the tables they are worked out against; a list that cannot be read is said, and the tables still read.
  const read = useWorkbookData(
    async (wb) => {
      const [listed, data] = await Promise.all([
        listScenarios(wb, rulebook).then((list) => ({ list, listError: undefined }), (error: Error) => ({ list: undefined, listError: error.message })),
        readScenarioData(wb, rulebook),
      ]);
      return { ...listed, data };
    },
    [rulebook],
  );
  const scenarios = read.error ? undefined : read.data?.list;
  const listError = read.error ?? read.data?.listError;
  const data = read.error ? undefined : read.data?.data;
  // A scenario deleted (here or by a co-author) drops out of the comparison.
  const compared = useMemo(() => (scenarios ? chosen.filter((id) => scenarios.some((s) => s.id === id)) : chosen), [scenarios, chosen]);

  // Capital portfolios are solved in a worker (HiGHS loads there when the panel opens), off the task pane's thread.
  const assessor = useRef<Assessor>(undefined);
  useEffect(() => {
    assessor.current = createAssessor();
    return () => assessor.current?.dispose();
  }, []);

  const saveAs = (name: string) =>
    act("Saving", async () => {
      const scenario = draftToScenario(draft, { id: newId(), name, rulebook, now: new Date() });
      await saveScenario(workbook, rulebook, scenario);
      setActiveScenario(scenario);
      return `Saved the current inputs as "${scenario.name}" in this workbook.`;
    });

  const saveChanges = () =>
    act("Saving", async () => {
      if (!activeScenario) throw new Error("open or save a scenario first");
      const scenario = draftToScenario(draft, { id: activeScenario.id, name: activeScenario.name, rulebook, now: new Date() });
      // Refused if someone else has changed or deleted it since it was opened or last saved here.
      await saveScenario(workbook, rulebook, scenario, activeScenario);
      setActiveScenario(scenario);
      return `Saved the current inputs to "${scenario.name}".`;
    });

  const open = (scenario: Scenario) => {
    updateDraft(() => scenarioToDraft(scenario, rulebook));
    setActiveScenario(scenario);
    setOutcome({ ok: true, message: `Opened "${scenario.name}": every panel now shows its inputs.` });
  };

  const duplicate = (scenario: Scenario, name: string) =>
    act("Duplicating", async () => {
      await duplicateScenario(workbook, rulebook, scenario.id, name, newId(), new Date());
      return `Duplicated "${scenario.name}" as "${name.trim()}".`;
    });

  const rename = (scenario: Scenario, name: string) =>
    act("Renaming", async () => {
      const list = await renameScenario(workbook, rulebook, scenario.id, name, scenario);
      if (activeScenario?.id === scenario.id) setActiveScenario(list.find((s) => s.id === scenario.id));
      return `Renamed "${scenario.name}" to "${name.trim()}".`;
    });

  const remove = (scenario: Scenario) =>
    act("Deleting", async () => {
      await deleteScenario(workbook, rulebook, scenario.id, scenario);
      if (activeScenario?.id === scenario.id) setActiveScenario(undefined);
      return `Deleted "${scenario.name}". The current inputs in the panels are unchanged.`;
    });

  const toggleCompared = (id: string, on: boolean) =>
    setChosen(() => (on ? (compared.includes(id) || compared.length >= MAX_COMPARED ? compared : [...compared, id]) : compared.filter((x) => x !== id)));

  // Each compared scenario evaluated against the workbook's tables; an answer to a selection since changed is dropped.
  const [comparison, setComparison] = useState<{ key: string; compared: Compared[] }>();
  const comparedScenarios = useMemo(
    () => (scenarios ? compared.map((id) => scenarios.find((s) => s.id === id)).filter((s): s is Scenario => s !== undefined) : []),
    [scenarios, compared],
  );
  const comparisonKey = JSON.stringify(comparedScenarios);
  useEffect(() => {
    if (!data || comparedScenarios.length === 0) return;
    let live = true;
    Promise.all(comparedScenarios.map(async (scenario) => ({ scenario, outcome: await evaluateScenario(rulebook, scenario, data, assessor.current!.assess) })))
      .then((c) => live && setComparison({ key: comparisonKey, compared: c }))
      .catch((error: Error) => live && setOutcome({ ok: false, message: error.message }));
    return () => {
      live = false;
    };
    // comparisonKey stands for comparedScenarios' contents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [comparisonKey, data, rulebook]);
  const current = comparison && comparison.key === comparisonKey ? comparison.compared : undefined;

  /** Works out the scenario's outputs and which sheets they replace, and asks before writing anything. */
  const prepareApply = async (scenario: Scenario) => {
    setOutcome(undefined);
    if (!data) {
      setOutcome({ ok: false, message: "The workbook's tables are still being read; try again in a moment." });
      return;
    }
    setBusy("Working out the scenario");
    try {
      const outcome = await evaluateScenario(rulebook, scenario, data, assessor.current!.assess);
      setPending({ scenario, outcome, sheets: await sheetsToReplace(workbook) });
    } catch (error) {
      setOutcome({ ok: false, message: (error as Error).message });
    } finally {
      setBusy(undefined);
    }
  };

  const confirmApply = () => {
    const p = pending;
    setPending(undefined);
    if (!p || !data) return Promise.resolve();
    return act("Applying", async () => {
      const sheets = await applyScenario(workbook, rulebook, p.scenario, p.outcome, data);
      return `Applied "${p.scenario.name}": wrote ${sheets.map((s) => `"${s}"`).join(", ")}. Nothing else in the workbook was changed.`;
    });
  };

  return {
    rulebook,
    scenarios,
    listError,
    dataProblems: Object.values(data?.problems ?? {}).filter((p): p is string => p !== undefined),
    activeScenario,
    saveAs,
    saveChanges,
    open,
    duplicate,
    rename,
    remove,
    compared,
    toggleCompared,
    comparison: compared.length > 0 ? current : undefined,
    comparing: compared.length > 0 && !current,
    prepareApply,
    pending,
    confirmApply,
    cancelApply: () => setPending(undefined),
    busy,
    outcome,
  };
}
