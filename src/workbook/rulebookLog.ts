// The rulebook's version and change log, stored with the workbook: each version put in force, when, who (as typed), what changed and why.
import { rulebookState } from "../rules/inForce";
import type { Rulebook } from "../rules/rulebook";
import { rulebookHash, versionLabel } from "../rules/rulebookVersion";
import { SettingConflictError, type Workbook } from "./gateway";
import { RULEBOOK_LOG_SETTING } from "./tables";

export interface RulebookChange {
  version: number;
  /** SHA-256 of the rulebook put in force (its stored JSON). */
  hash: string;
  /** ISO timestamp. */
  when: string;
  /** As the person typed it: the add-in does not know who is signed in. */
  who: string;
  /** One line per field changed. */
  changes: string[];
  why: string;
}

export interface RulebookVersion {
  version: number;
  hash: string;
  /** False when the rulebook in force is not the log's last entry (set up before the log, or stored by other means). */
  logged: boolean;
}

export async function readRulebookLog(workbook: Workbook): Promise<RulebookChange[]> {
  return parseLog(await workbook.readSetting(RULEBOOK_LOG_SETTING));
}

function parseLog(stored: string | undefined): RulebookChange[] {
  if (stored === undefined) return [];
  try {
    const data = JSON.parse(stored) as { entries?: unknown };
    return Array.isArray(data.entries) ? (data.entries as RulebookChange[]) : [];
  } catch {
    return [];
  }
}

/** The version of a rulebook by the log: its entry's when it is the last logged; else the next number (version 1 before any change). */
export function versionOf(rulebook: Rulebook, log: readonly RulebookChange[]): RulebookVersion {
  const hash = rulebookHash(rulebook);
  const last = log.at(-1);
  if (last && last.hash === hash) return { version: last.version, hash, logged: true };
  return { version: (last?.version ?? 0) + 1, hash, logged: false };
}

/** "v3 · 1a2b3c4d" for the rulebook in force, as a new decision log entry records it; "" when none is in force. */
export async function rulebookVersionLabel(workbook: Workbook): Promise<string> {
  const state = rulebookState();
  if (state.status !== "ready") return "";
  const { version, hash } = versionOf(state.rulebook, await readRulebookLog(workbook));
  return versionLabel(version, hash);
}

/**
 * Adds the change to the log: refused (nothing written) when the log's last entry is not the rulebook this change was
 * made from, i.e. someone else put rules in force meanwhile.
 */
export async function logRulebookChange(workbook: Workbook, from: Rulebook, to: Rulebook, change: Pick<RulebookChange, "who" | "why" | "changes">, when: Date): Promise<RulebookChange> {
  let entry!: RulebookChange;
  await workbook.updateSetting(RULEBOOK_LOG_SETTING, (stored) => {
    const log = parseLog(stored);
    const base = versionOf(from, log);
    if (log.length > 0 && !base.logged) {
      throw new SettingConflictError("the rules were not put in force: someone else put another version of the rulebook in force meanwhile; reload the rules and make the change again");
    }
    // Before the first change, the rulebook set up with the workbook is version 1.
    const first: RulebookChange[] = log.length === 0 ? [{ version: 1, hash: base.hash, when: "", who: "", changes: [], why: "The rulebook the workbook was set up with" }] : [];
    entry = { version: base.version + 1, hash: rulebookHash(to), when: when.toISOString(), ...change };
    return JSON.stringify({ entries: [...log, ...first, entry] });
  });
  return entry;
}
