// The Rules sheets read back into a candidate rulebook, validated as a whole, each problem named by sheet, row and field;
// and a rulebook file read alike. Loaded with the Rulebook panel, not at start-up.
import { z } from "zod";
import { codeKey } from "./codes";
import { OUTCOME_EFFECTS, STAGE_KINDS } from "./issueRoutes";
import { CAPITAL_OBJECTIVES, PARTNER_TYPES, RULEBOOK_SCHEMA_VERSION, RulebookSchema, upgradeRulebook, VOTE_KINDS, type AllocationFormula, type PartnerType, type Rulebook } from "./rulebook";
import {
  ANNEX1_HEADERS,
  C,
  COMPARISON,
  LADDER_STEP,
  M,
  RAG_BAND,
  RULE_SHEET_KEYS,
  RULE_SHEETS,
  SECTIONS,
  SETTING_LISTS,
  SETTINGS,
  SYSTEM_WIDE,
  WHEN,
  type RuleProblem,
  type RuleSheet,
  type RuleSheetKey,
  type RulesReading,
  type RulesRecords,
  type SettingKind,
  type SettingListSpec,
  type SettingSpec,
  type SheetRecord,
} from "./rulebookSheets";

// ---------------------------------------------------------------- rows read back

/** Where a part of the candidate came from: a zod issue at `path` (or under it) is reported at this sheet and row. */
interface Origin {
  path: (string | number)[];
  sheet: string;
  row: number;
  /** The column each field of the part is in, by the part's field name. */
  fields: Record<string, string>;
  /** The column named when the issue names no field of its own. */
  field?: string;
}

/** Reads one Rules sheet's cells, collecting every problem against its row and column. */
class SheetReader {
  readonly problems: RuleProblem[] = [];
  constructor(readonly spec: RuleSheet) {}

  /** Runs `read` for each row, catching its cell problems, and returns what the rows gave. */
  rows<T>(records: readonly SheetRecord[], read: (r: Row) => T | undefined): T[] {
    const out: T[] = [];
    records.forEach((record, i) => {
      if (Object.values(record).every((c) => c === null || c === undefined || (typeof c === "string" && c.trim() === ""))) return;
      const value = read(new Row(this, record, i + 1));
      if (value !== undefined) out.push(value);
    });
    return out;
  }

  problem(row: number | undefined, field: string | undefined, message: string): void {
    this.problems.push({ sheet: this.spec.sheet, ...(row !== undefined ? { row } : {}), ...(field ? { field } : {}), message });
  }
}

class Row {
  constructor(
    private readonly reader: SheetReader,
    readonly record: SheetRecord,
    readonly n: number,
  ) {}

  /** Whether the table has the column at all (an older workbook's table may not). */
  has(header: string): boolean {
    return this.record[header] !== undefined;
  }

  problem(field: string, message: string): void {
    this.reader.problem(this.n, field, message);
  }

  text(header: string): string {
    const cell = this.record[header];
    return cell === null || cell === undefined ? "" : String(cell).trim();
  }

  /** Text that must be there. */
  required(header: string): string {
    const value = this.text(header);
    if (value === "") this.problem(header, "is blank; it must be filled in");
    return value;
  }

  optional(header: string): string | undefined {
    const value = this.text(header);
    return value === "" ? undefined : value;
  }

  /** An id as the rulebook writes them (lower-case words joined by hyphens); case is ignored. */
  id(header: string): string {
    return codeKey(this.required(header));
  }

  number(header: string, { blank }: { blank: "problem" | "null" } = { blank: "problem" }): number | null {
    const cell = this.record[header];
    if (cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "")) {
      if (blank === "problem") this.problem(header, "is blank; it needs a number");
      return null;
    }
    const n = typeof cell === "number" ? cell : Number(String(cell).replace(/[£,\s]/g, ""));
    if (typeof cell === "boolean" || !Number.isFinite(n)) {
      this.problem(header, `"${String(cell)}" is not a number`);
      return null;
    }
    // Excel's own precision: a formula's 0.7999999999999999 is 0.8.
    return Number(n.toPrecision(15));
  }

  integer(header: string, options?: { blank: "problem" | "null" }): number | null {
    const n = this.number(header, options);
    if (n !== null && !Number.isInteger(n)) {
      this.problem(header, `${n} is not a whole number`);
      return null;
    }
    return n;
  }

  /** A percentage (0.75 or "75%") as basis points, exactly; must be within 0–100%. */
  basisPoints(header: string, options?: { blank: "problem" | "null" }): number | null {
    const share = this.share(header, options);
    if (share === null) return null;
    const bps = Number((share * 10_000).toPrecision(12));
    if (!Number.isInteger(bps)) {
      this.problem(header, `${percentText(share)} is finer than a hundredth of a percent`);
      return null;
    }
    return bps;
  }

  /** A share from 0 to 1 (a percent cell, or text such as "80%"). */
  share(header: string, options?: { blank: "problem" | "null" }): number | null {
    const cell = this.record[header];
    const percent = typeof cell === "string" && /%\s*$/.test(cell);
    const n = percent ? this.numberOf(String(cell).replace("%", ""), header) : this.number(header, options);
    if (n === null) return null;
    const share = percent ? Number((n / 100).toPrecision(15)) : n;
    if (share < 0 || share > 1) {
      this.problem(header, `${percentText(share)} is outside 0–100%`);
      return null;
    }
    return share;
  }

  private numberOf(text: string, header: string): number | null {
    const n = Number(text.trim());
    if (text.trim() === "" || !Number.isFinite(n)) {
      this.problem(header, `"${text}" is not a number`);
      return null;
    }
    return n;
  }

  flag(header: string): boolean {
    const cell = this.record[header];
    if (typeof cell === "boolean") return cell;
    const t = this.text(header).toLowerCase();
    if (["yes", "y", "true", "1"].includes(t)) return true;
    if (["no", "n", "false", "0", ""].includes(t)) return false;
    this.problem(header, `"${this.text(header)}" is not Yes or No`);
    return false;
  }

  /** Yes or No, or blank for a flag the rulebook leaves out. */
  optionalFlag(header: string): boolean | undefined {
    return this.text(header) === "" ? undefined : this.flag(header);
  }

  /** Percentages separated by commas ("25%, 25%, 25%, 25%") as basis points, exactly. */
  basisPointsList(header: string): number[] {
    const out: number[] = [];
    for (const part of this.text(header).split(",").map((p) => p.trim())) {
      const m = /^(-?\d+(?:\.\d+)?)\s*(%?)$/.exec(part);
      const share = m ? Number((Number(m[1]) / (m[2] ? 100 : 1)).toPrecision(15)) : NaN;
      const bps = Number((share * 10_000).toPrecision(12));
      if (!m || !Number.isInteger(bps) || bps < 0 || bps > 10_000) {
        this.problem(header, `"${part}" is not a percentage from 0% to 100% in hundredths of a percent`);
        continue;
      }
      out.push(bps);
    }
    return out;
  }

  /** One of a fixed set of words (ids, or the words the sheet shows for them). */
  oneOf<T extends string>(header: string, allowed: readonly T[], shown: Partial<Record<T, string>> = {}): T {
    const t = codeKey(this.text(header));
    const found = allowed.find((a) => a === t || codeKey(shown[a] ?? "") === t || a === t.replace(/\s+/g, "-"));
    if (!found) {
      this.problem(header, `"${this.text(header)}" is not one of ${allowed.map((a) => shown[a] ?? a).join(", ")}`);
      return allowed[0]!;
    }
    return found;
  }

  list(header: string): string[] {
    return this.text(header)
      .split(/[,;]/)
      .map((s) => codeKey(s))
      .filter(Boolean);
  }
}

const percentText = (share: number): string => `${Number((share * 100).toPrecision(12))}%`;

/** A share as an exact fraction in lowest terms: 0.75 → 3/4, 0.666666666666667 → 2/3 (the smallest denominator that fits). */
export function shareToFraction(share: number): { numerator: number; denominator: number } {
  for (let d = 1; d <= 10_000; d++) {
    const n = Math.round(share * d);
    if (Math.abs(share * d - n) < 1e-9 * d) return { numerator: n, denominator: d };
  }
  return { numerator: Math.round(share * 10_000), denominator: 10_000 };
}

type Part = Record<string, unknown>;
type ControlTotal = NonNullable<Rulebook["controlTotal"]>;
type Capital = NonNullable<Rulebook["capital"]>;
type PlanAlignment = NonNullable<Rulebook["planAlignment"]>;

/** Sets a value at a path, making the objects on the way. */
function setAt(root: Part, path: readonly string[], value: unknown): void {
  let at = root;
  path.slice(0, -1).forEach((key) => {
    if (typeof at[key] !== "object" || at[key] === null) at[key] = {};
    at = at[key] as Part;
  });
  at[path.at(-1)!] = value;
}

/**
 * Reads the Rules sheets into a candidate rulebook: every field of the rulebook is on some sheet, so the rows alone
 * give it (a .xlsx from another workbook too). `base`, the rulebook in force, only fills the columns an older table
 * lacks (a Partners table without overrides or notes, a materiality table without labels). Validated as a whole:
 * every problem is named by sheet, row and field; nothing is put in force from here.
 */
export function rowsToRulebook(records: RulesRecords, base?: Rulebook): RulesReading {
  const origins: Origin[] = [];
  const readers = Object.fromEntries(RULE_SHEET_KEYS.map((k) => [k, new SheetReader(RULE_SHEETS[k])])) as Record<RuleSheetKey, SheetReader>;
  const sheetProblems: RuleProblem[] = [];
  const recordsOf = (key: RuleSheetKey): readonly SheetRecord[] | undefined => {
    const found = records[key];
    if (!found) sheetProblems.push({ sheet: RULE_SHEETS[key].sheet, message: `the workbook has no ${RULE_SHEETS[key].name} table; write the rules to the sheets again from the Rulebook panel` });
    return found;
  };
  const at = (key: RuleSheetKey, row: Row, path: (string | number)[], fields: Record<string, string>, field?: string) =>
    origins.push({ path, sheet: RULE_SHEETS[key].sheet, row: row.n, fields, ...(field ? { field } : {}) });

  // The settings first: the partner types and every section's clauses; the other sheets fill the sections in.
  const draft = readSettingsSheet(recordsOf("settings"), readers.settings, (r, path, fields, field) => at("settings", r, path, fields, field));
  const partnerTypes = (draft.partnerTypes as Rulebook["partnerTypes"] | undefined) ?? [];
  const { elements, annex1 } = readAnnex1(recordsOf("annex1"), readers.annex1, (r, path, fields, field) => at("annex1", r, path, fields, field));

  // Tiers before partners and seats, which name their units.
  const tiers: Rulebook["tiers"] = [];
  const tierRows = recordsOf("tiers");
  if (tierRows) {
    readers.tiers.rows(tierRows, (r) => {
      const id = r.id("Tier");
      let t = tiers.findIndex((x) => x.id === id);
      if (t < 0) {
        const clause = r.optional("Tier clause");
        tiers.push({ id, label: r.required("Tier name"), ...(clause !== undefined ? { clause } : {}), units: [] });
        t = tiers.length - 1;
        at("tiers", r, ["tiers", t], { id: "Tier", label: "Tier name", clause: "Tier clause" }, "Tier");
      }
      if (r.text("Unit") === "" && r.text("Unit name") === "") return undefined;
      const within = r.optional("Within");
      const hwb = r.optional("Health and wellbeing board");
      const tier = tiers[t]!;
      tier.units.push({ id: r.id("Unit"), name: r.required("Unit name"), within: within === undefined ? null : codeKey(within), ...(hwb !== undefined ? { healthAndWellbeingBoard: hwb } : {}) });
      at("tiers", r, ["tiers", t, "units", tier.units.length - 1], { id: "Unit", name: "Unit name", within: "Within", healthAndWellbeingBoard: "Health and wellbeing board" }, "Unit");
      return undefined;
    });
  }
  const units = tiers.flatMap((t) => t.units);
  const unitFor = (text: string): string => {
    const key = codeKey(text);
    return units.find((u) => u.id === key || codeKey(u.name) === key)?.id ?? key;
  };

  const partners: Rulebook["partners"] = [];
  const partnerRows = recordsOf("partners");
  if (partnerRows) {
    const baseByCode = new Map((base?.partners ?? []).map((p) => [codeKey(p.code), p]));
    const typeNames = partnerTypes.length > 0 ? partnerTypes.map((t) => t.label) : [...PARTNER_TYPES];
    readers.partners.rows(partnerRows, (r) => {
      const code = r.required("Code");
      const kept = baseByCode.get(codeKey(code));
      const typeText = codeKey(r.text("Type"));
      const type = partnerTypes.find((t) => t.id === typeText || codeKey(t.label) === typeText)?.id ?? (PARTNER_TYPES.find((t) => t === typeText) as Rulebook["partners"][number]["type"] | undefined);
      if (!type) r.problem("Type", `"${r.text("Type")}" is not a partner type; the types are ${typeNames.join(", ")}`);
      const placeText = r.text("Place");
      const place = placeText === "" || codeKey(placeText) === codeKey(SYSTEM_WIDE) ? null : unitFor(placeText);
      const overrides = r.has("Annex 1 overrides") ? readOverrides(r, elements) : (kept?.overrides ?? {});
      const note = r.has("Note") ? r.optional("Note") : kept?.note;
      partners.push({ code, name: r.required("Name"), type: type ?? "other", place, overrides, ...(note !== undefined ? { note } : {}) });
      at("partners", r, ["partners", partners.length - 1], { code: "Code", name: "Name", type: "Type", place: "Place", overrides: "Annex 1 overrides", note: "Note" }, "Code");
      return undefined;
    });
  }

  const bodies: Rulebook["bodies"] = [];
  const bodyRows = recordsOf("bodies");
  if (bodyRows) {
    readers.bodies.rows(bodyRows, (r) => {
      const id = r.id("Body");
      let b = bodies.findIndex((x) => x.id === id);
      if (b < 0) {
        const role = r.optional("Role");
        bodies.push({ id, name: r.required("Name"), clause: r.required("Clause"), ...(role !== undefined ? { role } : {}), advisory: r.flag("Advisory") });
        b = bodies.length - 1;
        at("bodies", r, ["bodies", b], { id: "Body", name: "Name", clause: "Clause", role: "Role", advisory: "Advisory", seats: "Voting" }, "Body");
      }
      if (r.text("Seat") === "") return undefined;
      const body = bodies[b]!;
      const seats = (body.seats ??= []);
      const per = r.optional("Per tier unit");
      const wording = r.optional("Seat wording");
      const types = partnerTypeList(r, "Drawn from");
      seats.push({
        label: r.required("Seat"),
        count: r.integer("Seats") ?? 1,
        ...(per !== undefined ? { perTierUnit: codeKey(per) } : {}),
        types,
        voting: r.flag("Voting"),
        clause: r.required("Seat clause"),
        ...(wording !== undefined ? { wording } : {}),
      });
      at("bodies", r, ["bodies", b, "seats", seats.length - 1], { label: "Seat", count: "Seats", perTierUnit: "Per tier unit", types: "Drawn from", voting: "Voting", clause: "Seat clause", wording: "Seat wording" }, "Seat");
      return undefined;
    });
  }

  const matters: Rulebook["matters"] = [];
  const matterRows = recordsOf("matters");
  if (matterRows) {
    readers.matters.rows(matterRows, (r) => {
      matters.push({ id: r.id("Matter"), label: r.required("Label"), element: codeKey(r.required("Annex 1 element")) });
      at("matters", r, ["matters", matters.length - 1], { id: "Matter", label: "Label", element: "Annex 1 element" }, "Matter");
      return undefined;
    });
  }

  const rules: Rulebook["rules"] = [];
  const ruleRows = recordsOf("decisions");
  let defaultRule = "";
  if (ruleRows) {
    const defaults = new DefaultMark(readers.decisions, "rule");
    readers.decisions.rows(ruleRows, (r) => {
      const id = r.id("Rule");
      const share = r.share("Threshold");
      const quorum = r.integer("Quorum", { blank: "null" });
      const note = r.optional("Note");
      const counts = r.list("Counts");
      const badCount = counts.find((c) => !(VOTE_KINDS as readonly string[]).includes(c));
      if (badCount) r.problem("Counts", `"${badCount}" is not a kind of vote (${VOTE_KINDS.join(", ")})`);
      rules.push({
        id,
        label: r.required("Label"),
        body: codeKey(r.required("Body")),
        matter: codeKey(r.required("Matter")),
        clause: r.required("Clause"),
        votingUnit: r.oneOf("Voting unit", ["member", "partner"] as const),
        denominator: { label: r.required("Denominator"), counts: counts.filter((c) => c !== badCount) as Rulebook["rules"][number]["denominator"]["counts"] },
        threshold: {
          comparison: r.oneOf("Comparison", ["at-least", "more-than"] as const, COMPARISON),
          fraction: share === null ? { numerator: 1, denominator: 2 } : shareToFraction(share),
          wording: r.required("Wording"),
        },
        ...(quorum !== null ? { quorum: { present: quorum, clause: r.required("Quorum clause") } } : {}),
        deputiesVote: r.flag("Deputies vote"),
        ...(note !== undefined ? { note } : {}),
      });
      // The wording is what a result says ("needs ..., not less than 75% of ..."): a percentage in it must be the threshold's.
      const said = /(\d+(?:\.\d+)?)\s*%/.exec(r.text("Wording"));
      if (said && share !== null && Math.abs(Number(said[1]) / 100 - share) > 0.0005) {
        r.problem("Wording", `says ${said[1]}% but the Threshold is ${percentText(share)}; change one so they agree`);
      }
      defaults.note(r, id);
      at(
        "decisions",
        r,
        ["rules", rules.length - 1],
        { id: "Rule", label: "Label", body: "Body", matter: "Matter", clause: "Clause", votingUnit: "Voting unit", denominator: "Counts", threshold: "Threshold", "threshold.wording": "Wording", "threshold.comparison": "Comparison", quorum: "Quorum", "quorum.clause": "Quorum clause", deputiesVote: "Deputies vote", note: "Note" },
        "Rule",
      );
      return undefined;
    });
    defaultRule = defaults.chosen() ?? "";
  }

  const controlTotal = readControlTotal(recordsOf("controlTotal"), draft.controlTotal as ControlTotal | undefined, readers.controlTotal, (r, path, fields, field) => at("controlTotal", r, path, fields, field));
  const allocation = readFormulas(recordsOf("formulas"), draft.allocation as Part | undefined, readers.formulas, (r, path, fields, field) => at("formulas", r, path, fields, field));
  // The efficiency bands are on the materiality sheet: read over the control total the ladder sheet gave.
  const sections = { planAlignment: draft.planAlignment as PlanAlignment | undefined, capital: draft.capital as Capital | undefined, controlTotal };
  const settings = readSettings(recordsOf("materiality"), recordsOf("capital"), sections, base, readers, (key, r, path, fields, field) => at(key, r, path, fields, field));

  const issueResolution = readIssueResolution(recordsOf("issueResolution"), recordsOf("preconditions"), readers, (key, r, path, fields, field) => at(key, r, path, fields, field));

  const candidate = {
    schemaVersion: RULEBOOK_SCHEMA_VERSION,
    id: draft.id,
    name: draft.name,
    source: draft.source,
    partnerTypes,
    elements,
    annex1,
    tiers,
    partners,
    bodies,
    matters,
    rules,
    defaultRule,
    ...(controlTotal ? { controlTotal } : {}),
    ...(allocation ? { allocation } : {}),
    ...settings,
    ...(issueResolution ? { issueResolution } : {}),
  };
  const cellProblems = [...sheetProblems, ...RULE_SHEET_KEYS.flatMap((k) => readers[k].problems)];
  const parsed = RulebookSchema.safeParse(candidate);
  const issues = parsed.success ? [] : parsed.error.issues.map((issue) => locate(issue, origins));
  // A cell already reported is not reported again from the whole-rulebook check.
  const seen = new Set(cellProblems.map((p) => `${p.sheet}\u0000${p.row}\u0000${p.field}`));
  const problems = [...cellProblems, ...issues.filter((p) => !seen.has(`${p.sheet}\u0000${p.row}\u0000${p.field}`))];
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, rulebook: parsed.data };
}

/** Partner type ids separated by commas; an unknown one named. */
function partnerTypeList(r: Row, header: string): PartnerType[] {
  const types = r.list(header);
  const bad = types.filter((t) => !(PARTNER_TYPES as readonly string[]).includes(t));
  if (bad.length > 0) r.problem(header, `${bad.map((b) => `"${b}"`).join(", ")} ${bad.length === 1 ? "is not a partner type id" : "are not partner type ids"} (${PARTNER_TYPES.join(", ")})`);
  return types.filter((t) => !bad.includes(t)) as PartnerType[];
}

/** The one row of a sheet marked as the default (Yes in its Default column): none or several is a problem. */
class DefaultMark {
  private readonly marked: { id: string; row: number }[] = [];
  constructor(
    private readonly reader: SheetReader,
    private readonly what: string,
  ) {}

  note(r: Row, id: string): void {
    if (r.flag("Default")) this.marked.push({ id, row: r.n });
  }

  chosen(): string | undefined {
    if (this.marked.length === 0) this.reader.problem(undefined, "Default", `no ${this.what} is marked as the default (Yes in one row's Default)`);
    this.marked.slice(1).forEach((d) => this.reader.problem(d.row, "Default", `more than one ${this.what} is marked as the default (${this.marked.map((x) => x.id).join(", ")}); mark one`));
    return this.marked[0]?.id;
  }
}

/** "nhs-financial-risk: no; financial-capital-transformation: no" as overrides by element id (an element by id or label). */
function readOverrides(r: Row, elements: Rulebook["elements"]): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const part of r.text("Annex 1 overrides").split(";").map((s) => s.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*[:=]\s*(yes|no|true|false|applies|does not apply)$/i.exec(part);
    if (!m) {
      r.problem("Annex 1 overrides", `"${part}" is not "element: yes" or "element: no"`);
      continue;
    }
    const key = codeKey(m[1]!);
    const element = elements.find((e) => e.id === key || codeKey(e.label) === key)?.id ?? key;
    out[element] = ["yes", "true", "applies"].includes(m[2]!.toLowerCase());
  }
  return out;
}

type At = (r: Row, path: (string | number)[], fields: Record<string, string>, field?: string) => void;

/** The settings sheet: the rulebook's name and partner types, and each section's one-value settings and lists, as a draft of those parts. */
function readSettingsSheet(records: readonly SheetRecord[] | undefined, reader: SheetReader, at: At): Part {
  const draft: Part = {};
  if (!records) return draft;
  const single = new Map<SettingSpec, Row>();
  const lists = new Map<SettingListSpec, Row[]>();
  const sections = Object.values(SECTIONS);
  reader.rows(records, (r) => {
    const section = sections.find((s) => codeKey(s) === codeKey(r.text("Section")));
    if (!section) {
      r.problem("Section", `"${r.text("Section")}" is not a section (${sections.join(", ")})`);
      return undefined;
    }
    const name = codeKey(r.text("Setting"));
    const list = SETTING_LISTS.find((l) => l.section === section && codeKey(l.setting) === name);
    if (list) {
      lists.set(list, [...(lists.get(list) ?? []), r]);
      return undefined;
    }
    const spec = SETTINGS.find((s) => s.section === section && codeKey(s.setting) === name);
    const names = [...SETTINGS, ...SETTING_LISTS].filter((s) => s.section === section).map((s) => s.setting);
    if (!spec) r.problem("Setting", `"${r.text("Setting")}" is not a ${section} setting (${names.join(", ")})`);
    else if (single.has(spec)) r.problem("Setting", `"${spec.setting}" is set twice in ${section} (row ${single.get(spec)!.n} too); keep one`);
    else single.set(spec, r);
    return undefined;
  });
  // A section (an optional part, such as the statement) is read only where the sheet has rows of it.
  const given = [...single.keys(), ...lists.keys()];
  const present = (spec: { section: string; part?: readonly string[] }) =>
    (spec.section === SECTIONS.rulebook || given.some((g) => g.section === spec.section)) &&
    (spec.part === undefined || given.some((g) => g.part?.join(".") === spec.part!.join(".")));
  const parents = new Set<string>();
  for (const spec of SETTINGS) {
    if (!present(spec)) continue;
    const r = single.get(spec);
    if (!r) {
      if (spec.kind !== "optional" && spec.kind !== "optional-id") reader.problem(undefined, "Setting", `${spec.section} has no "${spec.setting}" row; add one`);
      continue;
    }
    const value = settingValue(r, spec.kind);
    if (value !== undefined) setAt(draft, spec.path, value);
    at(r, [...spec.path], {}, "Value");
    // A check of a whole part (the tranches add up to 100%, green no looser than amber) is named at its first setting's row.
    for (let depth = spec.path.length - 1; depth > 2; depth--) {
      const parent = spec.path.slice(0, depth).join(".");
      if (!parents.has(parent)) at(r, spec.path.slice(0, depth), {}, "Value");
      parents.add(parent);
    }
  }
  for (const list of SETTING_LISTS) {
    if (!present(list)) continue;
    const rows = lists.get(list) ?? [];
    setAt(
      draft,
      list.path,
      rows.map((r, i) => {
        at(r, [...list.path, i], { id: "Id", label: "Value" }, "Value");
        return list.item === "text" ? r.required("Value") : { id: r.id("Id"), label: r.required("Value") };
      }),
    );
  }
  return draft;
}

function settingValue(r: Row, kind: SettingKind): unknown {
  if (kind === "text") return r.required("Value");
  if (kind === "optional") return r.optional("Value");
  if (kind === "id") return r.id("Value");
  if (kind === "optional-id") {
    const value = r.optional("Value");
    return value === undefined ? undefined : codeKey(value);
  }
  if (kind === "types") return partnerTypeList(r, "Value");
  if (kind === "int") return r.integer("Value") ?? undefined;
  if (kind === "percent") return r.basisPoints("Value") ?? undefined;
  if (kind === "percents") return r.basisPointsList("Value");
  return r.oneOf("Value", kind.oneOf);
}

/** The Annex 1 matrix: one row an element, a tick in each partner type's column it applies to by default. */
function readAnnex1(records: readonly SheetRecord[] | undefined, reader: SheetReader, at: At): Pick<Rulebook, "elements" | "annex1"> {
  const elements: Rulebook["elements"] = [];
  const annex1: Rulebook["annex1"] = {};
  if (!records) return { elements, annex1 };
  const lacking = PARTNER_TYPES.filter((t) => records.length > 0 && records[0]![ANNEX1_HEADERS[t]] === undefined);
  if (lacking.length > 0) reader.problem(undefined, ANNEX1_HEADERS[lacking[0]!], `the table has no ${lacking.map((t) => `"${ANNEX1_HEADERS[t]}"`).join(", ")} column; every partner type needs one`);
  reader.rows(records, (r) => {
    const id = r.id("Element");
    elements.push({ id, label: r.required("Label") });
    annex1[id] = PARTNER_TYPES.filter((t) => r.has(ANNEX1_HEADERS[t]) && r.flag(ANNEX1_HEADERS[t]));
    at(r, ["elements", elements.length - 1], { id: "Element", label: "Label" }, "Element");
    at(r, ["annex1", id], {}, "Element");
    return undefined;
  });
  return { elements, annex1 };
}

/** The transformation formulas the partners may agree, and the default, over the allocation settings the settings sheet gave. */
function readFormulas(records: readonly SheetRecord[] | undefined, allocation: Part | undefined, reader: SheetReader, at: At): Part | undefined {
  if (!records) return allocation;
  const formulas: AllocationFormula[] = [];
  const defaults = new DefaultMark(reader, "formula");
  reader.rows(records, (r) => {
    const id = r.id("Formula");
    formulas.push({
      id,
      label: r.required("Label"),
      weighting: r.oneOf("Weighting", ["equal", "per-capita", "need-weighted"] as const),
      useFloorsAndCaps: r.flag("Floors and caps"),
      paceOfChangeBasisPoints: r.basisPoints("Pace of change", { blank: "null" }),
    });
    defaults.note(r, id);
    at(r, ["allocation", "formulas", formulas.length - 1], { id: "Formula", label: "Label", weighting: "Weighting", useFloorsAndCaps: "Floors and caps", paceOfChangeBasisPoints: "Pace of change" }, "Formula");
    return undefined;
  });
  if (!allocation) {
    if (formulas.length > 0) reader.problem(undefined, undefined, `the settings sheet has no ${SECTIONS.allocation} settings for these formulas; add them, or remove the formulas`);
    return allocation;
  }
  return { ...allocation, formulas, defaultFormula: defaults.chosen() ?? "" };
}

type IssueResolution = NonNullable<Rulebook["issueResolution"]>;
type Stage = IssueResolution["routes"][number]["stages"][number];

/** Issue resolution: the routes' stages and their outcomes, one row an outcome; and the decision rules that wait on an outcome. */
function readIssueResolution(
  records: readonly SheetRecord[] | undefined,
  preconditionRecords: readonly SheetRecord[] | undefined,
  readers: Record<RuleSheetKey, SheetReader>,
  at: (key: "issueResolution" | "preconditions", r: Row, path: (string | number)[], fields: Record<string, string>, field?: string) => void,
): IssueResolution | undefined {
  const routes: IssueResolution["routes"] = [];
  readers.issueResolution.rows(records ?? [], (r) => {
    const routeId = r.id("Route");
    let ri = routes.findIndex((x) => x.id === routeId);
    if (ri < 0) {
      routes.push({ id: routeId, label: r.required("Route label"), body: codeKey(r.required("Body")), clause: r.required("Route clause"), stages: [] });
      ri = routes.length - 1;
      at("issueResolution", r, ["issueResolution", "routes", ri], { id: "Route", label: "Route label", body: "Body", clause: "Route clause" }, "Route");
    }
    const route = routes[ri]!;
    const stageId = r.id("Stage");
    let si = route.stages.findIndex((x) => x.id === stageId);
    if (si < 0) {
      const rules = r.text("Vote rules") === "" ? undefined : r.list("Vote rules");
      const excludes = r.optionalFlag("Excludes dissenters");
      const days = r.integer("Notice days", { blank: "null" });
      const stage: Stage = {
        id: stageId,
        label: r.required("Stage label"),
        clause: r.required("Stage clause"),
        kind: r.oneOf("Kind", STAGE_KINDS),
        ...(rules !== undefined ? { rules } : {}),
        ...(excludes !== undefined ? { excludesDissenters: excludes } : {}),
        ...(days !== null ? { notice: { days, clause: r.required("Notice clause") } } : {}),
        outcomes: [],
      };
      route.stages.push(stage);
      si = route.stages.length - 1;
      at("issueResolution", r, ["issueResolution", "routes", ri, "stages", si], { id: "Stage", label: "Stage label", clause: "Stage clause", kind: "Kind", rules: "Vote rules", excludesDissenters: "Excludes dissenters", notice: "Notice days", "notice.clause": "Notice clause" }, "Stage");
    }
    const stage = route.stages[si]!;
    const vote = r.text("Vote") === "" ? undefined : r.oneOf("Vote", ["carried", "not-carried"] as const);
    const startsNotice = r.optionalFlag("Starts notice");
    stage.outcomes.push({
      id: r.id("Outcome"),
      label: r.required("Outcome label"),
      effect: r.oneOf("Effect", OUTCOME_EFFECTS),
      ...(vote !== undefined ? { vote } : {}),
      ...(startsNotice !== undefined ? { startsNotice } : {}),
    });
    at("issueResolution", r, ["issueResolution", "routes", ri, "stages", si, "outcomes", stage.outcomes.length - 1], { id: "Outcome", label: "Outcome label", effect: "Effect", vote: "Vote", startsNotice: "Starts notice" }, "Outcome");
    return undefined;
  });
  const preconditions: IssueResolution["preconditions"] = [];
  readers.preconditions.rows(preconditionRecords ?? [], (r) => {
    preconditions.push({ rule: r.id("Rule"), route: r.id("Route"), stage: r.id("Stage"), outcome: r.id("Outcome"), clause: r.required("Clause") });
    at("preconditions", r, ["issueResolution", "preconditions", preconditions.length - 1], { rule: "Rule", route: "Route", stage: "Stage", outcome: "Outcome", clause: "Clause" }, "Rule");
    return undefined;
  });
  if (routes.length > 0) return { routes, preconditions };
  if (preconditions.length > 0) readers.preconditions.problem(undefined, undefined, "there are no issue resolution routes for these rules to wait on; add the routes, or remove the rows");
  return undefined;
}

function readControlTotal(records: readonly SheetRecord[] | undefined, ct: ControlTotal | undefined, reader: SheetReader, at: At): ControlTotal | undefined {
  if (!records) return ct;
  const rag: Partial<Record<"green" | "amber", { basisPoints: number; floorPounds: number }>> = {};
  const steps: ControlTotal["escalation"]["steps"] = [];
  const tolerance = (r: Row) => ({ basisPoints: r.basisPoints("Share of basis") ?? 0, floorPounds: r.integer("Floor") ?? 0 });
  const toleranceFields = { basisPoints: "Share of basis", floorPounds: "Floor" };
  reader.rows(records, (r) => {
    const kind = codeKey(r.text("Kind"));
    if (kind === codeKey(RAG_BAND)) {
      const band = r.oneOf("Id", ["green", "amber"] as const);
      rag[band] = tolerance(r);
      at(r, ["controlTotal", "rag", band], toleranceFields, "Share of basis");
      if (band === "green") at(r, ["controlTotal", "rag"], toleranceFields, "Share of basis");
    } else if (kind === codeKey(LADDER_STEP)) {
      steps.push({ id: r.id("Id"), label: r.required("Label"), adverseAtLeast: tolerance(r), monthsInARow: r.integer("Months in a row") ?? 1, restrictsDiscretionaryCapital: r.flag("Restricts discretionary capital") });
      at(r, ["controlTotal", "escalation", "steps", steps.length - 1], { id: "Id", label: "Label", adverseAtLeast: "Share of basis", monthsInARow: "Months in a row", restrictsDiscretionaryCapital: "Restricts discretionary capital" }, "Id");
    } else r.problem("Kind", `"${r.text("Kind")}" is not "${RAG_BAND}" or "${LADDER_STEP}"`);
    return undefined;
  });
  const any = steps.length > 0 || rag.green !== undefined || rag.amber !== undefined;
  if (!ct) {
    if (any) reader.problem(undefined, undefined, `the settings sheet has no ${SECTIONS.controlTotal} settings for these bands and steps; add them, or remove the rows`);
    return ct;
  }
  if (!rag.green || !rag.amber) reader.problem(undefined, "Kind", `needs a "${RAG_BAND}" row for green and one for amber`);
  return { ...ct, rag: { ...ct.rag, ...(rag.green ? { green: rag.green } : {}), ...(rag.amber ? { amber: rag.amber } : {}) }, escalation: { ...ct.escalation, steps } };
}

type SettingAt = (key: "materiality" | "capital", r: Row, path: (string | number)[], fields: Record<string, string>, field?: string) => void;
type Sections = { planAlignment: PlanAlignment | undefined; capital: Capital | undefined; controlTotal: ControlTotal | undefined };

/** The key-value sheets: materiality and tolerances, and capital's criteria, weights, constraints and objective, over the sections the settings sheet gave. */
function readSettings(
  materiality: readonly SheetRecord[] | undefined,
  capital: readonly SheetRecord[] | undefined,
  sections: Sections,
  base: Rulebook | undefined,
  readers: Record<RuleSheetKey, SheetReader>,
  at: SettingAt,
): Partial<Pick<Rulebook, "planAlignment" | "capital" | "controlTotal">> {
  const out: Partial<Pick<Rulebook, "planAlignment" | "capital" | "controlTotal">> = {};
  const { planAlignment: pa, capital: cap, controlTotal } = sections;
  if (pa) out.planAlignment = pa;
  if (cap) out.capital = cap;
  if (controlTotal) out.controlTotal = controlTotal;
  const statement = controlTotal?.statement;
  if (materiality) {
    const values = new Map<string, Row>();
    const items: PlanAlignment["assumptions"]["items"] = [];
    const baseItems = base?.planAlignment?.assumptions.items ?? [];
    readers.materiality.rows(materiality, (r) => {
      const setting = r.text("Setting");
      if (codeKey(setting) === codeKey(M.assumption)) {
        const id = r.id("Id");
        // An older table has no Label column: the assumption keeps the label it has.
        const label = r.has("Label") ? r.required("Label") : (baseItems.find((a) => a.id === id)?.label ?? id);
        items.push({ id, label, toleranceBasisPoints: r.basisPoints("Value") ?? 0 });
        at("materiality", r, ["planAlignment", "assumptions", "items", items.length - 1], { toleranceBasisPoints: "Value", id: "Id", label: "Label" }, "Value");
      } else if (Object.values(M).some((m) => codeKey(m) === codeKey(setting))) values.set(codeKey(setting), r);
      else r.problem("Setting", `"${setting}" is not a setting of this sheet (${Object.values(M).join(", ")})`);
      return undefined;
    });
    const row = (name: string) => values.get(codeKey(name));
    if (pa) {
      const pounds = row(M.pounds)?.integer("Value", { blank: "null" }) ?? null;
      const share = row(M.share)?.basisPoints("Value", { blank: "null" }) ?? null;
      const whenRow = row(M.when);
      if (!whenRow) readers.materiality.problem(undefined, "Setting", `there is no "${M.when}" row; add one (either or both)`);
      const when = whenRow?.oneOf("Value", ["exceeds-either", "exceeds-both"] as const, WHEN);
      const first = row(M.pounds) ?? row(M.share);
      if (first) at("materiality", first, ["planAlignment", "materiality"], {}, "Value");
      out.planAlignment = { ...pa, materiality: { ...pa.materiality, pounds, basisPoints: share, ...(when ? { mismatchWhen: when } : {}) }, assumptions: { ...pa.assumptions, items } };
    }
    if (statement && controlTotal) {
      const band = (name: string) => {
        const r = row(name);
        if (!r) readers.materiality.problem(undefined, "Setting", `there is no "${name}" row; add one`);
        return r?.basisPoints("Value") ?? undefined;
      };
      const green = band(M.effGreen);
      const amber = band(M.effAmber);
      const r = row(M.effGreen);
      if (r) at("materiality", r, ["controlTotal", "statement", "efficiency"], {}, "Value");
      out.controlTotal = { ...controlTotal, statement: { ...statement, efficiency: { ...statement.efficiency, greenAtLeastBasisPoints: green!, amberAtLeastBasisPoints: amber! } } };
    }
  }
  if (capital && cap) {
    const values = new Map<string, Row>();
    const criteria: Capital["criteria"] = [];
    const categories: Capital["categories"] = [];
    let firstCriterion: Row | undefined;
    readers.capital.rows(capital, (r) => {
      const setting = codeKey(r.text("Setting"));
      if (setting === codeKey(C.criterion)) {
        criteria.push({ id: r.id("Id"), label: r.required("Label"), weight: r.integer("Value") ?? 0 });
        firstCriterion ??= r;
        at("capital", r, ["capital", "criteria", criteria.length - 1], { id: "Id", label: "Label", weight: "Value" }, "Value");
      } else if (setting === codeKey(C.category)) {
        const flags = r.list("Value");
        const bad = flags.find((f) => f !== "protected" && f !== "discretionary");
        if (bad) r.problem("Value", `"${bad}" is not "protected" or "discretionary"`);
        categories.push({ id: r.id("Id"), label: r.required("Label"), protectedShare: flags.includes("protected"), discretionary: flags.includes("discretionary") });
        at("capital", r, ["capital", "categories", categories.length - 1], { id: "Id", label: "Label" }, "Value");
      } else if (Object.values(C).some((c) => codeKey(c) === setting)) values.set(setting, r);
      else r.problem("Setting", `"${r.text("Setting")}" is not a setting of this sheet (${Object.values(C).join(", ")})`);
      return undefined;
    });
    const row = (name: string) => values.get(codeKey(name));
    const setting = <T,>(name: string, read: (r: Row) => T | null, path: (string | number)[]): T => {
      const r = row(name);
      if (!r) {
        readers.capital.problem(undefined, "Setting", `there is no "${name}" row; add one`);
        return undefined as T;
      }
      at("capital", r, path, {}, "Value");
      return (read(r) ?? undefined) as T;
    };
    // Weights that must sum: reported at the first criterion's weight.
    if (firstCriterion) at("capital", firstCriterion, ["capital", "criteria"], {}, "Value");
    const sumTo = row(C.sumTo)?.integer("Value", { blank: "null" }) ?? null;
    const scalePath = ["capital", "scale"];
    const crossPath = ["capital", "constraints", "crossPlace"];
    const { weightsSumTo: _dropped, ...rest } = cap;
    void _dropped;
    out.capital = {
      ...rest,
      ...(sumTo !== null ? { weightsSumTo: sumTo } : {}),
      criteria,
      categories,
      scale: { min: setting(C.scaleMin, (r) => r.integer("Value"), scalePath), max: setting(C.scaleMax, (r) => r.integer("Value"), scalePath) },
      objective: { ...cap.objective, default: setting(C.objective, (r) => r.oneOf("Value", CAPITAL_OBJECTIVES), ["capital", "objective"]) },
      phasing: { ...cap.phasing, carryForward: setting(C.carryForward, (r) => r.flag("Value"), ["capital", "phasing"]) },
      gates: { ...cap.gates, majorSchemeAtLeastPounds: setting(C.major, (r) => r.integer("Value"), ["capital", "gates", "majorSchemeAtLeastPounds"]) },
      constraints: {
        ...cap.constraints,
        protectedShareBasisPoints: setting(C.protectedShare, (r) => r.basisPoints("Value"), ["capital", "constraints", "protectedShareBasisPoints"]),
        placeMinimumBasisPoints: setting(C.unitMinimum, (r) => r.basisPoints("Value"), ["capital", "constraints", "placeMinimumBasisPoints"]),
        crossPlace: {
          minBasisPoints: setting(C.crossMin, (r) => r.basisPoints("Value"), crossPath),
          maxBasisPoints: setting(C.crossMax, (r) => r.basisPoints("Value"), crossPath),
        },
      },
    };
  } else if (capital && readers.capital.rows(capital, () => true).length > 0) {
    readers.capital.problem(undefined, undefined, `the settings sheet has no ${SECTIONS.capital} settings for these rows; add them, or remove the rows`);
  }
  return out;
}

/** A zod issue at the sheet, row and column its part came from (the deepest origin its path lies under). */
function locate(issue: z.core.$ZodIssue, origins: readonly Origin[]): RuleProblem {
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  let best: Origin | undefined;
  for (const o of origins) {
    if (o.path.length > path.length || (best && best.path.length >= o.path.length)) continue;
    if (o.path.every((p, i) => p === path[i])) best = o;
  }
  if (!best) return { sheet: "Rulebook", field: path.join("."), message: issue.message };
  // The most specific field named: "threshold.wording" before "threshold".
  const rest = path.slice(best.path.length).map(String);
  let field = best.field;
  for (let k = rest.length; k > 0; k--) {
    const named = best.fields[rest.slice(0, k).join(".")];
    if (named) {
      field = named;
      break;
    }
  }
  return { sheet: best.sheet, row: best.row, ...(field ? { field } : {}), message: issue.message };
}

const FILE = "Rulebook file";

/**
 * A rulebook file (exported from this or another workbook), validated as a whole like an edit: one that is not JSON,
 * or not a rulebook, is refused with every problem named by its field.
 */
export function readRulebookFile(text: string): RulesReading {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ sheet: FILE, message: `it is not a rulebook: it does not parse as JSON (${(error as Error).message})` }] };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { ok: false, problems: [{ sheet: FILE, message: "it is not a rulebook: it holds no rulebook object" }] };
  const parsed = RulebookSchema.safeParse(upgradeRulebook(data));
  if (parsed.success) return { ok: true, rulebook: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => ({ sheet: FILE, ...(issue.path.length > 0 ? { field: issue.path.map(String).join(".") } : {}), message: issue.message })) };
}
