// Yes/no cells as people type them: TRUE/FALSE, Yes/No, Y/N, 1/0, in any case, with stray spaces.

const YES = new Set(["true", "yes", "y", "1"]);
const NO = new Set(["false", "no", "n", "0"]);

/** A yes/no cell as a boolean; undefined for a blank; null for anything that is not a yes/no word (for the caller to name). */
export function readFlag(value: unknown): boolean | undefined | null {
  if (typeof value === "boolean") return value;
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number") return value === 1 ? true : value === 0 ? false : null;
  const text = String(value).trim().toLowerCase();
  if (text === "") return undefined;
  return YES.has(text) ? true : NO.has(text) ? false : null;
}

export const FLAG_WORDS = "TRUE/FALSE, Yes/No, Y/N or 1/0";
