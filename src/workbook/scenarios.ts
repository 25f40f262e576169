// Scenarios kept with the workbook (its document settings travel with the file): list, save, duplicate, rename, delete.
import { parseScenario, ScenarioError, type Scenario } from "../rules/scenario";
import type { Rulebook } from "../rules/rulebook";
import { SettingConflictError, type Workbook } from "./gateway";

export const SCENARIOS_SETTING = "icsFinance.scenarios";

/** The scenarios in a stored list; a list that is not valid JSON or holds a bad scenario is an error naming it. */
function parseStored(stored: string | undefined, rulebook: Rulebook): Scenario[] {
  if (stored === undefined) return [];
  let list: unknown;
  try {
    list = JSON.parse(stored);
  } catch {
    throw new ScenarioError(`the workbook's saved scenarios (document setting "${SCENARIOS_SETTING}") are not readable: the stored text is not JSON; nothing was changed`);
  }
  if (!Array.isArray(list)) throw new ScenarioError(`the workbook's saved scenarios (document setting "${SCENARIOS_SETTING}") are not a list; nothing was changed`);
  return list.map((s, i) => parseScenario(s, rulebook.id, `saved scenario ${i + 1}`));
}

/** Every scenario in the workbook, read afresh (a co-author's saved scenarios included). */
export async function listScenarios(workbook: Workbook, rulebook: Rulebook): Promise<Scenario[]> {
  return parseStored(await workbook.readSetting(SCENARIOS_SETTING), rulebook);
}

/**
 * Changes the stored list as it is now, not as this pane last saw it: scenarios a co-author saved since are kept.
 * Where the change is to a scenario the person saw, and someone else has changed or deleted that scenario since,
 * nothing is written and the error says so (the scenario's stored form is its version stamp).
 */
async function change(workbook: Workbook, rulebook: Rulebook, seen: Scenario | undefined, edit: (all: Scenario[]) => Scenario[]): Promise<Scenario[]> {
  let next: Scenario[] = [];
  await workbook.updateSetting(SCENARIOS_SETTING, (stored) => {
    const all = parseStored(stored, rulebook);
    if (seen) {
      const now = all.find((s) => s.id === seen.id);
      if (!now) throw new SettingConflictError(`"${seen.name}" is no longer in the workbook: someone else deleted it; nothing was changed`);
      if (JSON.stringify(now) !== JSON.stringify(parseScenario(seen, rulebook.id))) {
        throw new SettingConflictError(`"${seen.name}" was changed by someone else since you opened it; nothing was changed. The list now shows their version: check it and try again`);
      }
    }
    next = edit(all);
    return JSON.stringify(next);
  });
  return next;
}

function uniqueName(scenarios: readonly Scenario[], name: string, except?: string): string {
  const trimmed = name.trim();
  if (trimmed === "") throw new ScenarioError("a scenario needs a name");
  if (scenarios.some((s) => s.id !== except && s.name.toLowerCase() === trimmed.toLowerCase())) throw new ScenarioError(`there is already a scenario called "${trimmed}"`);
  return trimmed;
}

/**
 * Saves a scenario, replacing the one with its id or adding it; names are unique (case-blind). `seen` is the stored
 * scenario the person was editing, when they were: it must not have changed since.
 */
export function saveScenario(workbook: Workbook, rulebook: Rulebook, scenario: Scenario, seen?: Scenario): Promise<Scenario[]> {
  const checked = parseScenario(scenario, rulebook.id);
  return change(workbook, rulebook, seen, (all) => {
    uniqueName(all, checked.name, checked.id);
    return all.some((s) => s.id === checked.id) ? all.map((s) => (s.id === checked.id ? checked : s)) : [...all, checked];
  });
}

export function duplicateScenario(workbook: Workbook, rulebook: Rulebook, id: string, name: string, newId: string, now: Date): Promise<Scenario[]> {
  return change(workbook, rulebook, undefined, (all) => {
    const original = all.find((s) => s.id === id);
    if (!original) throw new ScenarioError("that scenario is no longer in the workbook");
    return [...all, { ...structuredClone(original), id: newId, name: uniqueName(all, name), savedAt: now.toISOString() }];
  });
}

export function renameScenario(workbook: Workbook, rulebook: Rulebook, id: string, name: string, seen?: Scenario): Promise<Scenario[]> {
  return change(workbook, rulebook, seen, (all) => {
    if (!all.some((s) => s.id === id)) throw new ScenarioError("that scenario is no longer in the workbook");
    const fresh = uniqueName(all, name, id);
    return all.map((s) => (s.id === id ? { ...s, name: fresh } : s));
  });
}

export function deleteScenario(workbook: Workbook, rulebook: Rulebook, id: string, seen?: Scenario): Promise<Scenario[]> {
  return change(workbook, rulebook, seen, (all) => all.filter((s) => s.id !== id));
}
