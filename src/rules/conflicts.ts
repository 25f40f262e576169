// The conflicts-of-interest register as the count reads it: which declarations touch the matter, and who they exclude.
import { codeKey } from "./codes";
import { ukDate } from "./dayDate";

/** One row of the register (ICP ToR, Conflicts of Interest; MEA MoU 11: the Alliance keeps a Conflict of Interest Register). */
export interface DeclaredConflict {
  /** The register's row, from 1, so a result can point at it. */
  row: number;
  member: string;
  organisation: string;
  /** The matter, scheme or issue reference the interest touches, as declared. */
  matter: string;
  interest: string;
  /** "2026-11-30", or undefined where the register leaves it blank. */
  declared?: string;
  /** What the Chair decided, e.g. "Excluded" (takes no part in the vote) or "Declared" (may take part). */
  action: string;
}

/** A conflict as a ballot carries it: enough for the result to say why and where in the register. */
export interface ConflictNote {
  row: number;
  interest: string;
  action: string;
  /** Whether the Chair's decision takes the member out of the vote. */
  excludes: boolean;
}

/**
 * Whether the Chair's recorded action takes the member out of the vote: "Excluded", "Exclude", "Excluded from vote".
 * Anything else ("Declared", "May participate") leaves them voting, with the interest shown beside them.
 */
export const actionExcludes = (action: string): boolean => codeKey(action).startsWith("exclude");

const WORDS = /[a-z0-9]+/g;

/**
 * Whether a declaration touches the matter being decided: its reference is the rule's matter (id or label), or its
 * words all appear, in order and whole, in what the matter is called in the vote ("CAP-017" in "Capital priorities
 * 2026/27 including CAP-017"). "All matters" (or "Any") touches every matter.
 */
export function touchesMatter(conflict: Pick<DeclaredConflict, "matter">, matter: { id: string; label: string }, matterText: string): boolean {
  const ref = codeKey(conflict.matter);
  if (ref === "") return false;
  if (ref === "all matters" || ref === "any" || ref === codeKey(matter.id) || ref === codeKey(matter.label)) return true;
  const wanted = ref.match(WORDS)?.join(" ");
  const said = ` ${codeKey(matterText).match(WORDS)?.join(" ") ?? ""} `;
  return wanted !== undefined && said.includes(` ${wanted} `);
}

/**
 * The declarations that touch a matter, by member (codeKey of the name): an excluding one wins over one that only
 * declares, and the first such row in the register is the one named.
 */
export function conflictsOnMatter(
  register: readonly DeclaredConflict[],
  matter: { id: string; label: string },
  matterText: string,
): Map<string, DeclaredConflict> {
  const byMember = new Map<string, DeclaredConflict>();
  for (const c of register) {
    if (!touchesMatter(c, matter, matterText)) continue;
    const key = codeKey(c.member);
    const held = byMember.get(key);
    if (!held || (!actionExcludes(held.action) && actionExcludes(c.action))) byMember.set(key, c);
  }
  return byMember;
}

export function conflictNote(c: DeclaredConflict): ConflictNote {
  return { row: c.row, interest: c.interest, action: c.action, excludes: actionExcludes(c.action) };
}

/** "Excluded: director of a bidding supplier (declared 12/11/2026; conflicts register row 3)". */
export function describeConflict(c: DeclaredConflict | ConflictNote & { declared?: string }): string {
  const when = c.declared ? `declared ${ukDate(c.declared)}; ` : "";
  return `${c.action}: ${c.interest} (${when}conflicts register row ${c.row})`;
}
