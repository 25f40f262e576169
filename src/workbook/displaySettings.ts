// How the pane shows figures, stored with the workbook's settings: a display choice, not a rule, so it lives beside the
// rulebook rather than in it (changing it never changes what the rules compute or the rulebook's version).
import { NEGATIVE_STYLES, type NegativeStyle } from "../rules/money";
import type { Workbook } from "./gateway";

/** Where the workbook keeps its display choices. */
export const DISPLAY_SETTING = "icsFinance.display";

export interface DisplaySettings {
  /** Negatives with a minus sign ("-£1,234") or in brackets ("(£1,234)"). */
  negatives: NegativeStyle;
}

export const DEFAULT_DISPLAY: DisplaySettings = { negatives: "minus" };

/** The stored choices, or the defaults where nothing (or nothing readable) is stored: a display choice never stops the pane. */
export function parseDisplaySettings(stored: string | undefined): DisplaySettings {
  if (stored === undefined) return DEFAULT_DISPLAY;
  try {
    const data = JSON.parse(stored) as { negatives?: unknown };
    const negatives = NEGATIVE_STYLES.find((s) => s === data?.negatives);
    return { negatives: negatives ?? DEFAULT_DISPLAY.negatives };
  } catch {
    return DEFAULT_DISPLAY;
  }
}

export async function readDisplaySettings(workbook: Workbook): Promise<DisplaySettings> {
  return parseDisplaySettings(await workbook.readSetting(DISPLAY_SETTING));
}

/** Saves one choice, keeping any others stored (a read-modify-write, so a co-author's other choices stay). */
export async function saveDisplaySettings(workbook: Workbook, change: Partial<DisplaySettings>): Promise<DisplaySettings> {
  const saved = await workbook.updateSetting(DISPLAY_SETTING, (stored) => {
    let kept: Record<string, unknown> = {};
    try {
      const data: unknown = stored === undefined ? {} : JSON.parse(stored);
      if (data && typeof data === "object" && !Array.isArray(data)) kept = data as Record<string, unknown>;
    } catch {
      // An unreadable setting is replaced by the choice just made.
    }
    return JSON.stringify({ ...kept, ...change });
  });
  return parseDisplaySettings(saved);
}
