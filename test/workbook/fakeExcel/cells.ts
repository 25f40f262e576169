// Owns what a cell holds: how Excel reads a typed/written value under a number format, how it shows it,
// and the fake's small formula evaluator with the reference rewriting Excel does on rename and delete.

export type CellValue = string | number | boolean;

export interface Cell {
  value: CellValue;
  /** The formula, "=..." in A1 style, when the cell holds one. */
  formula?: string;
  /** A result a test gave for a formula the fake cannot compute (fake.user.setFormula). */
  givenResult?: CellValue;
  numberFormat?: string;
  bold?: boolean;
  fontSize?: number;
  wrapText?: boolean;
}

export const GENERAL = "General";
export const TEXT_FORMAT = "@";

// Numbers as Excel (en-GB/en-US) reads typed text: optional sign, thousands separators in groups of three,
// decimals, exponent, trailing percent. Currency symbols and dates are deliberately not converted.
const NUMBER_TEXT = /^([+-])?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?(%)?$/;

/** What Excel stores when text is typed (or written through Range.values) into a cell under the given format. */
export function readInput(input: CellValue, numberFormat: string | undefined): Pick<Cell, "value" | "formula"> {
  if (typeof input !== "string") return { value: input };
  if (input.startsWith("=") && input.length > 1) return { value: 0, formula: input };
  if (input.startsWith("'")) return { value: input.slice(1) };
  if (numberFormat === TEXT_FORMAT) return { value: input };
  const trimmed = input.trim();
  const upper = trimmed.toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return { value: upper === "TRUE" };
  const m = NUMBER_TEXT.exec(trimmed);
  if (m && (m[2] !== undefined || m[4] !== undefined)) {
    const n = Number(trimmed.replace(/[,%]/g, ""));
    if (Number.isFinite(n)) return { value: m[6] ? n / 100 : n };
  }
  return { value: input };
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Range.text for a value: a modest subset of number formats (General, 0, 0.00, #,##0, #,##0.00, 0%, 0.0%, @). */
export function displayText(value: CellValue, numberFormat: string | undefined): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  const format = numberFormat ?? GENERAL;
  const percent = format.endsWith("%");
  const core = percent ? format.slice(0, -1) : format;
  const fixed = /^(#,##)?0(\.(0+))?$/.exec(core);
  if (fixed) {
    const decimals = fixed[3]?.length ?? 0;
    const shown = Math.abs(percent ? value * 100 : value).toFixed(decimals);
    const [whole, fraction] = shown.split(".");
    const grouped = fixed[1] ? groupThousands(whole!) : whole!;
    return `${value < 0 ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}${percent ? "%" : ""}`;
  }
  // General shows up to 11 characters' worth of digits; ten significant digits is a close, simple stand-in.
  return String(Number(value.toPrecision(10)));
}

// ---------------------------------------------------------------- references in formulas

const SHEET_PREFIX = /('(?:[^']|'')+'|[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)!/g;

function unquote(sheetRef: string): string {
  return sheetRef.startsWith("'") ? sheetRef.slice(1, -1).replace(/''/g, "'") : sheetRef;
}

/** Rewrites `Sheet!` prefixes naming `sheetName`: to `#REF!` when the sheet is deleted, or to the new name on rename. */
export function rewriteSheetReferences(formula: string, sheetName: string, replacement: string | null): string {
  return formula.replace(SHEET_PREFIX, (whole, ref: string) => {
    if (unquote(ref).toLowerCase() !== sheetName.toLowerCase()) return whole;
    return replacement === null ? "#REF!" : `${replacement}!`;
  });
}

/** Finds structured references `Name[...]` (brackets may nest) and lets `edit` replace each. */
function editStructuredReferences(formula: string, tableName: string, edit: (inner: string) => string): string {
  const lower = formula.toLowerCase();
  const target = tableName.toLowerCase() + "[";
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const at = lower.indexOf(target, i);
    const before = at > 0 ? formula[at - 1]! : "";
    if (at < 0) break;
    if (/[\w.]/.test(before)) {
      out += formula.slice(i, at + 1);
      i = at + 1;
      continue;
    }
    let depth = 0;
    let end = at + tableName.length;
    for (; end < formula.length; end++) {
      if (formula[end] === "[") depth++;
      else if (formula[end] === "]" && --depth === 0) break;
    }
    out += formula.slice(i, at) + edit(formula.slice(at + tableName.length, end + 1));
    i = end + 1;
  }
  return out + formula.slice(i);
}

export function rewriteTableReferences(formula: string, tableName: string, replacement: string | null): string {
  return editStructuredReferences(formula, tableName, (inner) => (replacement === null ? "#REF!" : `${replacement}${inner}`));
}

function mentionsColumn(inner: string, column: string): boolean {
  const names = inner.replace(/^\[|\]$/g, "").split(/[[\],@]+/).map((s) => s.trim().toLowerCase());
  return names.includes(column.toLowerCase());
}

export function rewriteColumnReferences(formula: string, tableName: string, column: string, replacement: string | null): string {
  return editStructuredReferences(formula, tableName, (inner) => {
    if (!mentionsColumn(inner, column)) return tableName + inner;
    if (replacement === null) return "#REF!";
    const escaped = column.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return tableName + inner.replace(new RegExp(`([[@])${escaped}(?=\\])`, "gi"), `$1${replacement}`);
  });
}

// ---------------------------------------------------------------- evaluation

/** Looks up the value of a cell reference during evaluation; undefined when the sheet does not exist. */
export type ReferenceReader = (sheetName: string | null, row: number, col: number) => CellValue | undefined;

class Unsupported extends Error {}

/**
 * Evaluates arithmetic over number literals and single-cell references (A1, $B$2, 'Sheet name'!C3):
 * + - * / ^, unary minus, parentheses. Returns undefined for anything else (functions, ranges, tables),
 * so the caller can fall back to a result the test gave. Results are JS doubles, as Excel's are.
 */
export function evaluate(formula: string, read: ReferenceReader): CellValue | undefined {
  if (formula.includes("#REF!")) return "#REF!";
  const tokens = formula.slice(1).match(/\s*('(?:[^']|'')+'!|[A-Za-z_][\w.]*!)?\$?[A-Za-z]{1,3}\$?\d+|\s*\d*\.?\d+(?:[eE][+-]?\d+)?|\s*[-+*/^()]|\s*\S+/g);
  if (!tokens) return undefined;
  const list = tokens.map((t) => t.trim());
  let pos = 0;
  const peek = (): string | undefined => list[pos];
  const take = (): string => list[pos++] ?? "";

  const primary = (): number => {
    const t = take();
    if (t === "(") {
      const v = sum();
      if (take() !== ")") throw new Unsupported();
      return v;
    }
    if (t === "-") return -primary();
    if (t === "+") return primary();
    if (/^\d*\.?\d+(?:[eE][+-]?\d+)?$/.test(t)) return Number(t);
    const ref = /^(?:('(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(t);
    if (!ref) throw new Unsupported();
    const col = [...ref[2]!.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const value = read(ref[1] ? unquote(ref[1]) : null, Number(ref[3]) - 1, col);
    if (value === undefined) throw new Unsupported();
    if (typeof value === "string" && value.startsWith("#")) throw new ErrorValue(value);
    if (value === "") return 0;
    if (typeof value !== "number") throw new Unsupported();
    return value;
  };
  const power = (): number => {
    let v = primary();
    while (peek() === "^") {
      take();
      v = v ** primary();
    }
    return v;
  };
  const product = (): number => {
    let v = power();
    for (let op = peek(); op === "*" || op === "/"; op = peek()) {
      take();
      const rhs = power();
      if (op === "/" && rhs === 0) throw new ErrorValue("#DIV/0!");
      v = op === "*" ? v * rhs : v / rhs;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    for (let op = peek(); op === "+" || op === "-"; op = peek()) {
      take();
      v = op === "+" ? v + product() : v - product();
    }
    return v;
  };
  try {
    const value = sum();
    return pos === list.length ? value : undefined;
  } catch (e) {
    if (e instanceof ErrorValue) return e.value;
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

class ErrorValue extends Error {
  constructor(readonly value: string) {
    super(value);
  }
}
