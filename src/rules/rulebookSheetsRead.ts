// The Rules sheets read back into a candidate rulebook, validated as a whole, each problem named by sheet, row and field;
// and a rulebook file read alike. Loaded with the Rulebook panel, not at start-up.
import { z } from "zod";
import { codeKey } from "./codes";
import { CAPITAL_OBJECTIVES, PARTNER_TYPES, RulebookSchema, upgradeRulebook, VOTE_KINDS, type Rulebook } from "./rulebook";
import { C, COMPARISON, LADDER_STEP, M, RAG_BAND, RULE_SHEET_KEYS, RULE_SHEETS, SYSTEM_WIDE, WHEN, type RuleProblem, type RuleSheet, type RuleSheetKey, type RulesReading, type RulesRecords, type SheetRecord } from "./rulebookSheets";

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

/**
 * Reads the Rules sheets into a candidate rulebook: the sheets give what they hold, everything else (clauses of whole
 * sections, notes, formulas, categories of plan lines) comes from `base`, the rulebook in force. Validated as a whole:
 * every problem is named by sheet, row and field; nothing is put in force from here.
 */
export function rowsToRulebook(records: RulesRecords, base: Rulebook): RulesReading {
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

  // Tiers first: partners and seats name their units.
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
    const baseByCode = new Map(base.partners.map((p) => [codeKey(p.code), p]));
    readers.partners.rows(partnerRows, (r) => {
      const code = r.required("Code");
      const kept = baseByCode.get(codeKey(code));
      const typeText = codeKey(r.text("Type"));
      const type = base.partnerTypes.find((t) => t.id === typeText || codeKey(t.label) === typeText)?.id ?? (PARTNER_TYPES.find((t) => t === typeText) as Rulebook["partners"][number]["type"] | undefined);
      if (!type) r.problem("Type", `"${r.text("Type")}" is not a partner type; the types are ${base.partnerTypes.map((t) => t.label).join(", ")}`);
      const placeText = r.text("Place");
      const place = placeText === "" || codeKey(placeText) === codeKey(SYSTEM_WIDE) ? null : unitFor(placeText);
      const overrides = r.has("Annex 1 overrides") ? readOverrides(r, base) : (kept?.overrides ?? {});
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
      const types = r.list("Drawn from");
      const badType = types.find((t) => !(PARTNER_TYPES as readonly string[]).includes(t));
      if (badType) r.problem("Drawn from", `"${badType}" is not a partner type id (${PARTNER_TYPES.join(", ")})`);
      seats.push({
        label: r.required("Seat"),
        count: r.integer("Seats") ?? 1,
        ...(per !== undefined ? { perTierUnit: codeKey(per) } : {}),
        types: types.filter((t) => !badType || t !== badType) as Rulebook["partners"][number]["type"][],
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
  const defaults: { id: string; row: number }[] = [];
  const ruleRows = recordsOf("decisions");
  if (ruleRows) {
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
      if (r.flag("Default")) defaults.push({ id, row: r.n });
      at(
        "decisions",
        r,
        ["rules", rules.length - 1],
        { id: "Rule", label: "Label", body: "Body", matter: "Matter", clause: "Clause", votingUnit: "Voting unit", denominator: "Counts", threshold: "Threshold", "threshold.wording": "Wording", "threshold.comparison": "Comparison", quorum: "Quorum", "quorum.clause": "Quorum clause", deputiesVote: "Deputies vote", note: "Note" },
        "Rule",
      );
      return undefined;
    });
  }
  let defaultRule = base.defaultRule;
  if (ruleRows) {
    if (defaults.length === 1) defaultRule = defaults[0]!.id;
    else if (defaults.length === 0) readers.decisions.problem(undefined, "Default", "no rule is marked as the default (Yes in one row's Default)");
    else defaults.slice(1).forEach((d) => readers.decisions.problem(d.row, "Default", `more than one rule is marked as the default (${defaults.map((x) => x.id).join(", ")}); mark one`));
  }

  const controlTotal = readControlTotal(recordsOf("controlTotal"), base, readers.controlTotal, (r, path, fields, field) => at("controlTotal", r, path, fields, field));
  // The efficiency bands are on the materiality sheet: read over the control total the ladder sheet gave.
  const settings = readSettings(recordsOf("materiality"), recordsOf("capital"), { ...base, controlTotal }, readers, (key, r, path, fields, field) => at(key, r, path, fields, field));

  const candidate = {
    ...base,
    tiers,
    partners,
    bodies,
    matters,
    rules,
    defaultRule,
    ...(controlTotal ? { controlTotal } : {}),
    ...settings,
  };
  const cellProblems = [...sheetProblems, ...RULE_SHEET_KEYS.flatMap((k) => readers[k].problems)];
  const parsed = RulebookSchema.safeParse(upgradeRulebook(candidate));
  const issues = parsed.success ? [] : parsed.error.issues.map((issue) => locate(issue, origins));
  // A cell already reported is not reported again from the whole-rulebook check.
  const seen = new Set(cellProblems.map((p) => `${p.sheet}\u0000${p.row}\u0000${p.field}`));
  const problems = [...cellProblems, ...issues.filter((p) => !seen.has(`${p.sheet}\u0000${p.row}\u0000${p.field}`))];
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, rulebook: parsed.data };
}

/** "nhs-financial-risk: no; financial-capital-transformation: no" as overrides by element id (an element by id or label). */
function readOverrides(r: Row, base: Rulebook): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const part of r.text("Annex 1 overrides").split(";").map((s) => s.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*[:=]\s*(yes|no|true|false|applies|does not apply)$/i.exec(part);
    if (!m) {
      r.problem("Annex 1 overrides", `"${part}" is not "element: yes" or "element: no"`);
      continue;
    }
    const key = codeKey(m[1]!);
    const element = base.elements.find((e) => e.id === key || codeKey(e.label) === key)?.id ?? key;
    out[element] = ["yes", "true", "applies"].includes(m[2]!.toLowerCase());
  }
  return out;
}

type At = (r: Row, path: (string | number)[], fields: Record<string, string>, field?: string) => void;

function readControlTotal(records: readonly SheetRecord[] | undefined, base: Rulebook, reader: SheetReader, at: At): Rulebook["controlTotal"] {
  const ct = base.controlTotal;
  if (!records) return ct;
  const rag: Partial<Record<"green" | "amber", { basisPoints: number; floorPounds: number }>> = {};
  const steps: NonNullable<Rulebook["controlTotal"]>["escalation"]["steps"] = [];
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
    if (any) reader.problem(undefined, undefined, "this rulebook has no control total section to set bands for; import a rulebook that has one");
    return ct;
  }
  if (!rag.green || !rag.amber) reader.problem(undefined, "Kind", `needs a "${RAG_BAND}" row for green and one for amber`);
  return {
    ...ct,
    rag: { ...ct.rag, green: rag.green ?? ct.rag.green, amber: rag.amber ?? ct.rag.amber },
    escalation: { ...ct.escalation, steps },
  };
}

type SettingAt = (key: "materiality" | "capital", r: Row, path: (string | number)[], fields: Record<string, string>, field?: string) => void;

/** The key-value sheets: materiality and tolerances, and capital's criteria, weights, constraints and objective. */
function readSettings(
  materiality: readonly SheetRecord[] | undefined,
  capital: readonly SheetRecord[] | undefined,
  base: Rulebook,
  readers: Record<RuleSheetKey, SheetReader>,
  at: SettingAt,
): Partial<Pick<Rulebook, "planAlignment" | "capital" | "controlTotal">> {
  const out: Partial<Pick<Rulebook, "planAlignment" | "capital" | "controlTotal">> = {};
  const pa = base.planAlignment;
  const statement = base.controlTotal?.statement;
  if (materiality) {
    const values = new Map<string, Row>();
    const items: NonNullable<Rulebook["planAlignment"]>["assumptions"]["items"] = [];
    readers.materiality.rows(materiality, (r) => {
      const setting = r.text("Setting");
      if (codeKey(setting) === codeKey(M.assumption)) {
        const id = r.id("Id");
        const label = pa?.assumptions.items.find((a) => a.id === id)?.label;
        if (label === undefined) r.problem("Id", `"${id}" is not one of the common planning assumptions (${pa?.assumptions.items.map((a) => a.id).join(", ") ?? "none"})`);
        items.push({ id, label: label ?? id, toleranceBasisPoints: r.basisPoints("Value") ?? 0 });
        if (pa) at("materiality", r, ["planAlignment", "assumptions", "items", items.length - 1], { toleranceBasisPoints: "Value", id: "Id" }, "Value");
      } else if (Object.values(M).some((m) => codeKey(m) === codeKey(setting))) values.set(codeKey(setting), r);
      else r.problem("Setting", `"${setting}" is not a setting of this sheet (${Object.values(M).join(", ")})`);
      return undefined;
    });
    const row = (name: string) => values.get(codeKey(name));
    if (pa) {
      const pounds = row(M.pounds)?.integer("Value", { blank: "null" }) ?? null;
      const share = row(M.share)?.basisPoints("Value", { blank: "null" }) ?? null;
      const when = row(M.when)?.oneOf("Value", ["exceeds-either", "exceeds-both"] as const, WHEN) ?? pa.materiality.mismatchWhen;
      const first = row(M.pounds) ?? row(M.share);
      if (first) at("materiality", first, ["planAlignment", "materiality"], {}, "Value");
      out.planAlignment = {
        ...pa,
        materiality: { ...pa.materiality, pounds: row(M.pounds) ? pounds : pa.materiality.pounds, basisPoints: row(M.share) ? share : pa.materiality.basisPoints, mismatchWhen: when },
        assumptions: { ...pa.assumptions, items: items.length > 0 ? items : pa.assumptions.items },
      };
    }
    if (statement && base.controlTotal) {
      const green = row(M.effGreen)?.basisPoints("Value");
      const amber = row(M.effAmber)?.basisPoints("Value");
      const r = row(M.effGreen);
      if (r) at("materiality", r, ["controlTotal", "statement", "efficiency"], {}, "Value");
      out.controlTotal = {
        ...base.controlTotal,
        statement: {
          ...statement,
          efficiency: { ...statement.efficiency, greenAtLeastBasisPoints: green ?? statement.efficiency.greenAtLeastBasisPoints, amberAtLeastBasisPoints: amber ?? statement.efficiency.amberAtLeastBasisPoints },
        },
      };
    }
  }
  const cap = base.capital;
  if (capital && cap) {
    const values = new Map<string, Row>();
    const criteria: NonNullable<Rulebook["capital"]>["criteria"] = [];
    const categories: NonNullable<Rulebook["capital"]>["categories"] = [];
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
    const num = (name: string, read: (r: Row) => number | null, fallback: number, path: (string | number)[]): number => {
      const r = row(name);
      if (!r) return fallback;
      at("capital", r, path, {}, "Value");
      return read(r) ?? fallback;
    };
    // Weights that must sum: reported at the first criterion's weight.
    if (firstCriterion) at("capital", firstCriterion, ["capital", "criteria"], {}, "Value");
    const sumRow = row(C.sumTo);
    const sumTo = sumRow ? sumRow.integer("Value", { blank: "null" }) : (cap.weightsSumTo ?? null);
    const objectiveRow = row(C.objective);
    const objective = objectiveRow ? objectiveRow.oneOf("Value", CAPITAL_OBJECTIVES) : cap.objective.default;
    if (objectiveRow) at("capital", objectiveRow, ["capital", "objective"], {}, "Value");
    const scalePath = ["capital", "scale"];
    const crossPath = ["capital", "constraints", "crossPlace"];
    const carry = row(C.carryForward);
    const { weightsSumTo: _dropped, ...rest } = cap;
    void _dropped;
    out.capital = {
      ...rest,
      ...(sumTo !== null ? { weightsSumTo: sumTo } : {}),
      criteria: criteria.length > 0 ? criteria : cap.criteria,
      categories: categories.length > 0 ? categories : cap.categories,
      scale: { min: num(C.scaleMin, (r) => r.integer("Value"), cap.scale.min, scalePath), max: num(C.scaleMax, (r) => r.integer("Value"), cap.scale.max, scalePath) },
      objective: { ...cap.objective, default: objective },
      phasing: { ...cap.phasing, carryForward: carry ? carry.flag("Value") : cap.phasing.carryForward },
      gates: { ...cap.gates, majorSchemeAtLeastPounds: num(C.major, (r) => r.integer("Value"), cap.gates.majorSchemeAtLeastPounds, ["capital", "gates", "majorSchemeAtLeastPounds"]) },
      constraints: {
        ...cap.constraints,
        protectedShareBasisPoints: num(C.protectedShare, (r) => r.basisPoints("Value"), cap.constraints.protectedShareBasisPoints, ["capital", "constraints", "protectedShareBasisPoints"]),
        placeMinimumBasisPoints: num(C.unitMinimum, (r) => r.basisPoints("Value"), cap.constraints.placeMinimumBasisPoints, ["capital", "constraints", "placeMinimumBasisPoints"]),
        crossPlace: {
          minBasisPoints: num(C.crossMin, (r) => r.basisPoints("Value"), cap.constraints.crossPlace.minBasisPoints, crossPath),
          maxBasisPoints: num(C.crossMax, (r) => r.basisPoints("Value"), cap.constraints.crossPlace.maxBasisPoints, crossPath),
        },
      },
    };
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
