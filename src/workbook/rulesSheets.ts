// The Rules sheets in the workbook: writing the rulebook in force to them, and putting the SFLG's edit (or an imported file) in force.
import { putRulebookInForce, rulebookInForce } from "../rules/inForce";
import { rulebookJson, type Rulebook } from "../rules/rulebook";
import { describeChanges } from "../rules/rulebookDiff";
import { rulebookToRows, RULE_SHEET_KEYS, type RuleProblem, type RulesReading, type RulesRecords } from "../rules/rulebookSheets";
import { readRulebookFile, rowsToRulebook } from "../rules/rulebookSheetsRead";
import type { Workbook } from "./gateway";
import { storeRulebookChange, type RulebookChange } from "./rulebookLog";
import { readRulesXlsx } from "./rulesXlsx";
import { RULES_TABLES } from "./tables";

/** Who puts the rules in force and why, as typed; both are required. */
export interface ChangeReason {
  who: string;
  why: string;
}

export type PutInForce =
  | { ok: true; rulebook: Rulebook; entry: RulebookChange }
  /** Nothing was stored or put in force; `problems` lists every one (empty with `unchanged` when the rules are the same). */
  | { ok: false; problems: RuleProblem[]; unchanged?: boolean };

/** Writes the rulebook to the Rules sheets: missing tables made, existing ones' rows replaced (columns a person added are kept). */
export async function writeRulesSheets(workbook: Workbook, rulebook: Rulebook): Promise<void> {
  const rows = rulebookToRows(rulebook);
  const missing = new Set(await workbook.missingTables(RULE_SHEET_KEYS.map((k) => RULES_TABLES[k].name)));
  const toMake = RULE_SHEET_KEYS.filter((k) => missing.has(RULES_TABLES[k].name));
  if (toMake.length > 0) await workbook.addTables(toMake.map((k) => ({ spec: RULES_TABLES[k], sheet: RULES_TABLES[k].sheet, rows: rows[k] })));
  for (const key of RULE_SHEET_KEYS) if (!missing.has(RULES_TABLES[key].name)) await workbook.replaceRows(RULES_TABLES[key], rows[key]);
}

/**
 * A workbook set up before a Rules sheet existed (or with one deleted) gets it from the rules in force, so the edits on
 * its other sheets are read with what the rules already are there; the sheets it has are left exactly as they are.
 */
async function addMissingRulesSheets(workbook: Workbook, rulebook: Rulebook): Promise<void> {
  const missing = new Set(await workbook.missingTables(RULE_SHEET_KEYS.map((k) => RULES_TABLES[k].name)));
  if (missing.size === 0) return;
  const rows = rulebookToRows(rulebook);
  const keys = RULE_SHEET_KEYS.filter((k) => missing.has(RULES_TABLES[k].name));
  await workbook.addTables(keys.map((k) => ({ spec: RULES_TABLES[k], sheet: RULES_TABLES[k].sheet, rows: rows[k] })));
}

/** Every Rules table's rows by header, as the person left them (a column the table lacks is left out; a missing table is undefined). */
export async function readRulesRecords(workbook: Workbook): Promise<RulesRecords> {
  const tables = await Promise.all(RULE_SHEET_KEYS.map((k) => workbook.readTable(RULES_TABLES[k].name)));
  const records: RulesRecords = {};
  RULE_SHEET_KEYS.forEach((key, i) => {
    const table = tables[i];
    if (!table) return;
    const at = new Map(table.headers.map((h, c) => [h.trim().toLowerCase(), c] as const));
    const columns = RULES_TABLES[key].columns.filter((c) => at.has(c.header.toLowerCase()));
    records[key] = table.rows.map((row) => Object.fromEntries(columns.map((c) => [c.header, row[at.get(c.header.toLowerCase())!] ?? null])));
  });
  return records;
}

function reasonProblems(reason: ChangeReason): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (reason.who.trim() === "") problems.push({ sheet: "Rulebook panel", field: "Who", message: "say who is putting the rules in force" });
  if (reason.why.trim() === "") problems.push({ sheet: "Rulebook panel", field: "Why", message: "say why the rules change; the change log keeps it" });
  return problems;
}

/**
 * "Put the edited rules in force": reads the Rules sheets, validates the candidate as a whole and, only if it is valid
 * and differs, logs the change, stores it with the workbook and puts it in force (functions recalculate, panels follow).
 */
export async function putEditedRulesInForce(workbook: Workbook, reason: ChangeReason, now = new Date()): Promise<PutInForce> {
  const base = rulebookInForce();
  await addMissingRulesSheets(workbook, base);
  const reading = rowsToRulebook(await readRulesRecords(workbook), base);
  const problems = [...(reading.ok ? [] : reading.problems), ...reasonProblems(reason)];
  if (!reading.ok || problems.length > 0) return { ok: false, problems };
  return commit(workbook, base, reading.rulebook, reason, now);
}

/** Imports a rulebook file: validated as a whole like an edit; refused, naming the problem, when it does not parse. On success the Rules sheets show it. */
export async function importRulebook(workbook: Workbook, text: string, reason: ChangeReason, now = new Date()): Promise<PutInForce> {
  return putImportInForce(workbook, readRulebookFile(text), reason, now);
}

/**
 * Imports the Rules sheets of an .xlsx (exported from this or another workbook): read from the file's rows alone (never
 * helped by the rules in force), validated as a whole, every problem named by the file, sheet, row and field; nothing
 * is put in force until it is clean. On success the Rules sheets show it.
 */
export async function importRulesXlsx(workbook: Workbook, file: string, data: ArrayBuffer, reason: ChangeReason, now = new Date()): Promise<PutInForce> {
  const read = await readRulesXlsx(file, data);
  const reading: RulesReading = read.ok ? rowsToRulebook(read.records) : read;
  const named: RulesReading = reading.ok ? reading : { ok: false, problems: reading.problems.map((p) => (p.sheet === file ? p : { ...p, sheet: `${file}, ${p.sheet}` })) };
  return putImportInForce(workbook, named, reason, now);
}

async function putImportInForce(workbook: Workbook, reading: RulesReading, reason: ChangeReason, now: Date): Promise<PutInForce> {
  const base = rulebookInForce();
  const problems = [...(reading.ok ? [] : reading.problems), ...reasonProblems(reason)];
  if (!reading.ok || problems.length > 0) return { ok: false, problems };
  const result = await commit(workbook, base, reading.rulebook, reason, now);
  if (result.ok) await writeRulesSheets(workbook, result.rulebook);
  return result;
}

/** The rulebook in force as a file to share or keep: its stored JSON, indented. */
export const exportRulebook = (rulebook: Rulebook): string => `${JSON.stringify(JSON.parse(rulebookJson(rulebook)), null, 2)}\n`;

async function commit(workbook: Workbook, base: Rulebook, next: Rulebook, reason: ChangeReason, now: Date): Promise<PutInForce> {
  const changes = describeChanges(base, next);
  if (changes.length === 0) return { ok: false, problems: [], unchanged: true };
  const entry = await storeRulebookChange(workbook, base, next, { who: reason.who.trim(), why: reason.why.trim(), changes }, now);
  putRulebookInForce(next, "workbook");
  return { ok: true, rulebook: next, entry };
}
