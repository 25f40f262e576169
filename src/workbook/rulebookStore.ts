// The rulebook stored with the workbook, so a workbook recomputes under the rules it was made with.
import { defaultRulebook } from "../rules/presets";
import { parseRulebook, type Rulebook } from "../rules/rulebook";
import type { Workbook } from "./gateway";
import { RULEBOOK_SETTING } from "./tables";

export type LoadedRulebook = { rulebook: Rulebook; source: "workbook" | "preset" };

/** The workbook's rulebook if it has one (validated), else the preset. An invalid stored rulebook is an error, never silently replaced. */
export async function loadRulebook(workbook: Workbook): Promise<LoadedRulebook> {
  const stored = await workbook.readSetting(RULEBOOK_SETTING);
  if (stored === undefined) return { rulebook: defaultRulebook(), source: "preset" };
  let data: unknown;
  try {
    data = JSON.parse(stored);
  } catch {
    throw new Error("The rulebook stored in this workbook is not readable JSON; it has been left as it is.");
  }
  return { rulebook: parseRulebook(withNewSections(data)), source: "workbook" };
}

const CAPABILITY_SECTIONS = ["controlTotal", "allocation", "planAlignment", "capital"] as const;

/**
 * A workbook made before a capability existed has no section for it: the
 * section comes from the preset the workbook's rulebook was made from, so the
 * rules it does have are untouched. Any other rulebook is left as it is.
 */
function withNewSections(data: unknown): unknown {
  const preset = defaultRulebook();
  if (typeof data !== "object" || data === null || (data as { id?: unknown }).id !== preset.id) return data;
  const stored = data as Record<string, unknown>;
  const missing = CAPABILITY_SECTIONS.filter((k) => stored[k] === undefined && preset[k] !== undefined);
  return missing.length === 0 ? data : { ...stored, ...Object.fromEntries(missing.map((k) => [k, preset[k]])) };
}

export async function saveRulebook(workbook: Workbook, rulebook: Rulebook): Promise<void> {
  await workbook.writeSetting(RULEBOOK_SETTING, JSON.stringify(parseRulebook(rulebook)));
}
