// What changed between two rulebooks, field by field, in words for the change log ("Decision rule pb-capital threshold 75% → 80%").
import { rulebookJson, type Rulebook } from "./rulebook";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** How an item of a keyed list is named in the log: "Partner ECC", "Decision rule pb-capital". */
const ITEM_NAMES: Record<string, string> = {
  partners: "Partner",
  rules: "Decision rule",
  bodies: "Body",
  seats: "seat",
  matters: "Matter",
  tiers: "Tier",
  units: "unit",
  elements: "Annex 1 element",
  steps: "ladder step",
  criteria: "criterion",
  categories: "category",
  items: "assumption",
  formulas: "Formula",
  partnerTypes: "Partner type",
};

const SECTION_NAMES: Record<string, string> = {
  controlTotal: "Control total",
  planAlignment: "Plan alignment",
  capital: "Capital",
  allocation: "Allocation",
  annex1: "Annex 1",
};

/** camelCase as words: "floorPounds" → "floor pounds". */
const words = (key: string): string => SECTION_NAMES[key] ?? key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();

const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);
const isFraction = (v: Json | undefined): v is { numerator: number; denominator: number } =>
  isObject(v) && Object.keys(v).length === 2 && typeof v.numerator === "number" && typeof v.denominator === "number";

/** A fraction as a percentage to at most one decimal place, e.g. 3/4 → "75%", 2/3 → "66.7%". */
export function fractionPercent(numerator: number, denominator: number): string {
  const pct = Math.round((numerator / denominator) * 1000) / 10;
  return `${pct}%`;
}

function show(value: Json | undefined): string {
  if (value === undefined || value === null) return "(none)";
  if (isFraction(value)) return fractionPercent(value.numerator, value.denominator);
  if (typeof value === "string") return `"${value}"`;
  if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null)) return value.length === 0 ? "(none)" : value.map((v) => String(v)).join(", ");
  return JSON.stringify(value);
}

/** The key an item of a list is matched by across the two versions, when it has one. */
function itemKey(item: Json): string | undefined {
  if (!isObject(item)) return undefined;
  for (const k of ["id", "code", "label"]) if (typeof item[k] === "string") return item[k];
  return undefined;
}

function diff(before: Json | undefined, after: Json | undefined, label: string[], out: string[]): void {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  if (isObject(before) && isObject(after) && !isFraction(before) && !isFraction(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const b = before[key];
      const a = after[key];
      if (keyedList(b) && keyedList(a)) diffList(b, a, label, key, out);
      // A threshold's fraction is the threshold: "threshold 75% → 80%".
      else diff(b, a, key === "fraction" ? label : [...label, words(key)], out);
    }
    return;
  }
  out.push(`${label.join(" ")} ${show(before)} → ${show(after)}`);
}

const keyedList = (v: Json | undefined): v is Json[] => Array.isArray(v) && v.length > 0 && v.every((item) => itemKey(item) !== undefined);

/** A list of items with ids, matched by id: each added, removed or changed item named ("Partner ECC added"). */
function diffList(before: Json[], after: Json[], label: string[], listKey: string, out: string[]): void {
  const top = ITEM_NAMES[listKey];
  const name = label.length === 0 ? (top ?? words(listKey)) : (top ?? words(listKey)).toLowerCase();
  const olds = new Map(before.map((item) => [itemKey(item)!, item]));
  const news = new Map(after.map((item) => [itemKey(item)!, item]));
  const named = (key: string) => [...label, name, key];
  for (const key of olds.keys()) if (!news.has(key)) out.push(`${named(key).join(" ")} removed`);
  for (const [key, item] of news) {
    const old = olds.get(key);
    if (old === undefined) out.push(`${named(key).join(" ")} added`);
    else diff(old, item, named(key), out);
  }
  const order = (list: Json[]) => list.map((i) => itemKey(i)!).filter((k) => olds.has(k) && news.has(k)).join("\u0000");
  if (order(before) !== order(after)) out.push(`${[...label, words(listKey)].join(" ")} reordered`);
}

/** Every field that differs between two rulebooks, one line each; empty when they are the same rules. */
export function describeChanges(before: Rulebook, after: Rulebook): string[] {
  const out: string[] = [];
  diff(JSON.parse(rulebookJson(before)) as Json, JSON.parse(rulebookJson(after)) as Json, [], out);
  return out;
}
