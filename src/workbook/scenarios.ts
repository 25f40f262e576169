// Scenarios kept with the workbook (its document settings travel with the file): list, save, duplicate, rename, delete.
import { parseScenario, ScenarioError, type Scenario } from "../rules/scenario";
import type { Rulebook } from "../rules/rulebook";
import type { Workbook } from "./gateway";

export const SCENARIOS_SETTING = "icsFinance.scenarios";

/** Every scenario in the workbook; a stored list that is not valid JSON or holds a bad scenario is an error naming it. */
export async function listScenarios(workbook: Workbook, rulebook: Rulebook): Promise<Scenario[]> {
  const stored = await workbook.readSetting(SCENARIOS_SETTING);
  if (stored === undefined) return [];
  let list: unknown;
  try {
    list = JSON.parse(stored);
  } catch {
    throw new ScenarioError("the workbook's saved scenarios are not readable (the stored text is not JSON); nothing was changed");
  }
  if (!Array.isArray(list)) throw new ScenarioError("the workbook's saved scenarios are not a list; nothing was changed");
  return list.map((s, i) => parseScenario(s, rulebook.id, `saved scenario ${i + 1}`));
}

async function store(workbook: Workbook, scenarios: readonly Scenario[]): Promise<void> {
  await workbook.writeSetting(SCENARIOS_SETTING, JSON.stringify(scenarios));
}

function uniqueName(scenarios: readonly Scenario[], name: string, except?: string): string {
  const trimmed = name.trim();
  if (trimmed === "") throw new ScenarioError("a scenario needs a name");
  if (scenarios.some((s) => s.id !== except && s.name.toLowerCase() === trimmed.toLowerCase())) throw new ScenarioError(`there is already a scenario called "${trimmed}"`);
  return trimmed;
}

/** Saves a scenario, replacing the one with its id or adding it; names are unique (case-blind). */
export async function saveScenario(workbook: Workbook, rulebook: Rulebook, scenario: Scenario): Promise<Scenario[]> {
  const checked = parseScenario(scenario, rulebook.id);
  const all = await listScenarios(workbook, rulebook);
  uniqueName(all, checked.name, checked.id);
  const next = all.some((s) => s.id === checked.id) ? all.map((s) => (s.id === checked.id ? checked : s)) : [...all, checked];
  await store(workbook, next);
  return next;
}

export async function duplicateScenario(workbook: Workbook, rulebook: Rulebook, id: string, name: string, newId: string, now: Date): Promise<Scenario[]> {
  const all = await listScenarios(workbook, rulebook);
  const original = all.find((s) => s.id === id);
  if (!original) throw new ScenarioError("that scenario is no longer in the workbook");
  const copy: Scenario = { ...structuredClone(original), id: newId, name: uniqueName(all, name), savedAt: now.toISOString() };
  await store(workbook, [...all, copy]);
  return [...all, copy];
}

export async function renameScenario(workbook: Workbook, rulebook: Rulebook, id: string, name: string): Promise<Scenario[]> {
  const all = await listScenarios(workbook, rulebook);
  if (!all.some((s) => s.id === id)) throw new ScenarioError("that scenario is no longer in the workbook");
  const fresh = uniqueName(all, name, id);
  const next = all.map((s) => (s.id === id ? { ...s, name: fresh } : s));
  await store(workbook, next);
  return next;
}

export async function deleteScenario(workbook: Workbook, rulebook: Rulebook, id: string): Promise<Scenario[]> {
  const all = await listScenarios(workbook, rulebook);
  const next = all.filter((s) => s.id !== id);
  await store(workbook, next);
  return next;
}
