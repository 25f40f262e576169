// The rulebook's version and change log, stored with the workbook: each version put in force, when, who (as typed), what changed and why.
import { rulebookState } from "../rules/inForce";
import { rulebookJson, type Rulebook } from "../rules/rulebook";
import { rulebookHash, versionLabel } from "../rules/rulebookVersion";
import { SettingConflictError, type Workbook } from "./gateway";
import { parseStoredRulebook } from "./rulebookStore";
import { RULEBOOK_LOG_SETTING, RULEBOOK_SETTING } from "./tables";

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

/**
 * The version of a rulebook by the log: the last entry with its hash (the last entry, unless a co-author has put a
 * later version in force that this pane has not yet followed); else the next number (version 1 before any change).
 */
export function versionOf(rulebook: Rulebook, log: readonly RulebookChange[]): RulebookVersion {
  const hash = rulebookHash(rulebook);
  const entry = [...log].reverse().find((e) => e.hash === hash);
  if (entry) return { version: entry.version, hash, logged: true };
  return { version: (log.at(-1)?.version ?? 0) + 1, hash, logged: false };
}

/** "v3 · 1a2b3c4d" for the rulebook in force, as a new decision log entry records it; "" when none is in force. */
export async function rulebookVersionLabel(workbook: Workbook): Promise<string> {
  const state = rulebookState();
  if (state.status !== "ready") return "";
  const { version, hash } = versionOf(state.rulebook, await readRulebookLog(workbook));
  return versionLabel(version, hash);
}

const SETTINGS = [RULEBOOK_SETTING, RULEBOOK_LOG_SETTING] as const;

/**
 * Stores the rulebook and adds its change to the log in one save (both or neither: never a log entry for rules not
 * stored, nor rules stored without their entry). Refused, nothing written, when the stored rulebook is no longer the
 * one this change was made from, i.e. someone else put rules in force meanwhile.
 */
export async function storeRulebookChange(workbook: Workbook, from: Rulebook, to: Rulebook, change: Pick<RulebookChange, "who" | "why" | "changes">, when: Date): Promise<RulebookChange> {
  let entry!: RulebookChange;
  await workbook.updateSettings(SETTINGS, (stored) => {
    const log = parseLog(stored[RULEBOOK_LOG_SETTING]);
    const base = versionOf(from, log);
    if (stored[RULEBOOK_SETTING] !== undefined && storedHash(stored[RULEBOOK_SETTING]) !== base.hash) {
      throw new SettingConflictError("the rules were not put in force: someone else put another version of the rulebook in force meanwhile; reload the rules and make the change again");
    }
    // Rules stored without an entry get one first, so the log says what this change was made from: the rulebook the
    // workbook was set up with (before set-up logged it), or rules stored by an older add-in or by hand (the log behind).
    const why = log.length === 0 ? "The rulebook the workbook was set up with" : "Rules stored without a change-log entry (by an older add-in, or by hand)";
    const unlogged: RulebookChange[] = base.logged ? [] : [{ version: base.version, hash: base.hash, when: "", who: "", changes: [], why }];
    // After the last entry, whichever it is: a version logged by an older add-in but never stored (the log ahead) keeps its number.
    entry = { version: Math.max(base.version, log.at(-1)?.version ?? 0) + 1, hash: rulebookHash(to), when: when.toISOString(), ...change };
    return { [RULEBOOK_SETTING]: rulebookJson(to), [RULEBOOK_LOG_SETTING]: JSON.stringify({ entries: [...log, ...unlogged, entry] }) };
  });
  return entry;
}

/**
 * Set-up: stores the rulebook with its version-1 log entry ("Set up from preset ...") in one save, when the workbook
 * has no rulebook yet; a workbook that has one keeps it and its log. Resolves to whether it stored the rulebook.
 */
export async function storeSetUpRulebook(workbook: Workbook, rulebook: Rulebook, why: string, when: Date): Promise<boolean> {
  let stored = false;
  await workbook.updateSettings(SETTINGS, (now): Record<string, string> => {
    if (now[RULEBOOK_SETTING] !== undefined) return {};
    stored = true;
    const log = parseLog(now[RULEBOOK_LOG_SETTING]);
    const entry: RulebookChange = { version: (log.at(-1)?.version ?? 0) + 1, hash: rulebookHash(rulebook), when: when.toISOString(), who: "", changes: [], why };
    return { [RULEBOOK_SETTING]: JSON.stringify(rulebook), [RULEBOOK_LOG_SETTING]: JSON.stringify({ entries: [...log, entry] }) };
  });
  return stored;
}

/** The hash of the rules a stored setting puts in force; "" when it cannot be read (so it matches no rulebook). */
function storedHash(stored: string): string {
  try {
    return rulebookHash(parseStoredRulebook(stored));
  } catch {
    return "";
  }
}
