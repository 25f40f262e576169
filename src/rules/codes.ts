// Organisation, Place and category codes as sheets give them: one key to match on, the first spelling kept for showing.

/**
 * The key codes and names are matched on: trimmed, each run of spaces as one, case ignored, so "RAJ", "raj" and
 * " Raj " are one organisation. Every match of a code or name in the rules goes through this one function.
 */
export function codeKey(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLowerCase();
}

/** Whether two codes or names are the same under codeKey. */
export const sameCode = (a: string, b: string): boolean => a === b || codeKey(a) === codeKey(b);

/**
 * codeKey with a memory, for matching many rows that name few organisations (a ledger of 100,000 lines names a few
 * hundred): each distinct text is folded once.
 */
export function codeKeys(): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    let key = seen.get(text);
    if (key === undefined) {
      key = codeKey(text);
      seen.set(text, key);
    }
    return key;
  };
}

/** The entry of a map keyed by codes, for a code written any way: the exact key first, then by codeKey. */
export function atCode<T>(map: ReadonlyMap<string, T>, code: string): T | undefined {
  if (map.has(code)) return map.get(code);
  const key = codeKey(code);
  for (const [k, value] of map) if (codeKey(k) === key) return value;
  return undefined;
}

/** Whether a set of codes holds a code written any way. */
export const hasCode = (set: ReadonlySet<string>, code: string): boolean => set.has(code) || [...set].some((c) => sameCode(c, code));
