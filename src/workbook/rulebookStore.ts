// The rulebook stored with the workbook, so a workbook recomputes under the rules it was made with.
import { putRulebookInForce, rulebookInvalid, rulebookState, type RulebookState } from "../rules/inForce";
import { defaultRulebook, presetRulebook } from "../rules/presets";
import { parseRulebook, RulebookError, type Rulebook } from "../rules/rulebook";
import type { Workbook } from "./gateway";
import { RULEBOOK_SETTING } from "./tables";

export type LoadedRulebook = { rulebook: Rulebook; source: "workbook" | "preset" };

/** The stored rulebook is not JSON at all. */
class UnreadableRulebookError extends RulebookError {
  constructor(readonly detail: string) {
    super("The rulebook stored in this workbook is not readable JSON; it has been left as it is.");
    this.name = "UnreadableRulebookError";
  }
}

/** The workbook's rulebook if it has one (validated), else the preset. An invalid stored rulebook is an error, never silently replaced. */
export async function loadRulebook(workbook: Workbook): Promise<LoadedRulebook> {
  const stored = await workbook.readSetting(RULEBOOK_SETTING);
  if (stored === undefined) return { rulebook: defaultRulebook(), source: "preset" };
  return { rulebook: parseStoredRulebook(stored), source: "workbook" };
}

/** The stored setting's text as the rulebook it puts in force (sections added since from its preset); throws when it cannot be used. */
export function parseStoredRulebook(stored: string): Rulebook {
  let data: unknown;
  try {
    data = JSON.parse(stored);
  } catch (error) {
    throw new UnreadableRulebookError((error as Error).message);
  }
  return parseRulebook(withNewSections(data));
}

/**
 * Puts the workbook's stored rulebook in force (the preset when the workbook has none). One that cannot be read or
 * fails validation is put as the problem instead, so the functions and the panels refuse to compute rather than
 * compute under the preset; the stored setting is left as it is.
 */
export async function putStoredRulebookInForce(workbook: Workbook): Promise<RulebookState> {
  try {
    const { rulebook, source } = await loadRulebook(workbook);
    putRulebookInForce(rulebook, source);
  } catch (error) {
    rulebookInvalid(storedRulebookProblem(error));
  }
  return rulebookState();
}

/**
 * Keeps the rulebook in force the one stored: when a co-author's saved settings arrive and the stored rulebook is not
 * the one last seen, it is put in force again (and, inside Excel, the functions recalculate). Returns the way to stop.
 */
export async function followStoredRulebook(workbook: Workbook): Promise<() => void> {
  let seen = await workbook.readSetting(RULEBOOK_SETTING);
  return workbook.onSettingsChange(() => {
    void workbook.readSetting(RULEBOOK_SETTING).then(async (stored) => {
      if (stored === seen) return;
      seen = stored;
      await putStoredRulebookInForce(workbook);
    });
  });
}

const NOT_THE_PRESET = "Fix it in the Rulebook panel; functions will not compute under the preset instead.";

/** What is wrong with the stored rulebook, in one paragraph: a cell's error message and the pane both show it. */
function storedRulebookProblem(error: unknown): string {
  if (error instanceof UnreadableRulebookError) return `The rulebook stored in this workbook is invalid: it is not readable JSON (${error.detail}). ${NOT_THE_PRESET}`;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RulebookError) return `The rulebook stored in this workbook is invalid: ${validationProblems(message)}. ${NOT_THE_PRESET}`;
  return `The rulebook stored in this workbook could not be read (${message}); functions will not compute under the preset instead. Close and reopen the workbook to try again.`;
}

/**
 * zod's report ("✖ message" with "→ at path" under it, one pair a problem) as "path: message; path: message", so a
 * cell's error message says each problem and where it is on one line.
 */
function validationProblems(message: string): string {
  const problems: string[] = [];
  for (const line of message.split("\n")) {
    const at = /^\s*→ at (.+)$/.exec(line);
    if (line.startsWith("✖ ")) problems.push(line.slice(2).trim());
    else if (at && problems.length > 0) problems[problems.length - 1] = `${at[1]}: ${problems[problems.length - 1]}`;
  }
  return problems.length > 0 ? problems.join("; ") : message.replace(/\s*\n\s*/g, " ");
}

const CAPABILITY_SECTIONS = ["controlTotal", "allocation", "planAlignment", "capital"] as const;

/**
 * A workbook made before a capability existed has no section for it: the
 * section comes from the preset the workbook's rulebook was made from (by the
 * stored rulebook's id), so the rules it does have are untouched. A rulebook
 * of no shipped preset is left as it is.
 */
function withNewSections(data: unknown): unknown {
  if (typeof data !== "object" || data === null) return data;
  const id = (data as { id?: unknown }).id;
  const preset = typeof id === "string" ? presetRulebook(id) : undefined;
  if (!preset) return data;
  const stored = data as Record<string, unknown>;
  const missing = CAPABILITY_SECTIONS.filter((k) => stored[k] === undefined && preset[k] !== undefined);
  return missing.length === 0 ? data : { ...stored, ...Object.fromEntries(missing.map((k) => [k, preset[k]])) };
}

export async function saveRulebook(workbook: Workbook, rulebook: Rulebook): Promise<void> {
  const text = JSON.stringify(parseRulebook(rulebook));
  await workbook.updateSetting(RULEBOOK_SETTING, () => text);
}
