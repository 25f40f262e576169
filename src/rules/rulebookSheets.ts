// The rulebook as the SFLG edits it in the workbook: the Rules sheets' columns and the rulebook written as their rows
// (set-up writes them; rulebookSheetsRead.ts reads them back, loaded only with the Rulebook panel).
import { PARTNER_TYPES, type PartnerType, type Rulebook } from "./rulebook";

export type SheetCell = string | number | boolean | null;
/** A data row by header; a header the table lacks is undefined (an older workbook's table), a blank cell is "" or null. */
export type SheetRecord = Record<string, SheetCell | undefined>;
type Kind = "text" | "number" | "money" | "percent" | "boolean";

export interface RuleSheet {
  /** Excel table name. */
  name: string;
  sheet: string;
  columns: readonly { header: string; kind: Kind }[];
}

const col = (header: string, kind: Kind = "text") => ({ header, kind });

/** The Annex 1 matrix's column for each partner type: a tick (TRUE) where the element applies to the type by default. */
export const ANNEX1_HEADERS: Record<PartnerType, string> = {
  "nhs-provider": "NHS provider",
  commissioner: "Commissioner",
  council: "Council",
  "nhs-regulator": "NHS regulator",
  healthwatch: "Healthwatch",
  other: "Other",
};

export const RULE_SHEETS = {
  // The rulebook's own name and source, the partner types, and every section's clauses and choices, one a row.
  settings: {
    name: "ICS_RulesSettings",
    sheet: "ICS Rules settings",
    columns: [col("Section"), col("Setting"), col("Id"), col("Value")],
  },
  annex1: {
    name: "ICS_RulesAnnex1",
    sheet: "ICS Rules Annex 1",
    columns: [col("Element"), col("Label"), ...PARTNER_TYPES.map((t) => col(ANNEX1_HEADERS[t], "boolean"))],
  },
  // The Partners table set-up has always written, now read back as the rulebook's partners.
  partners: {
    name: "ICS_Partners",
    sheet: "ICS Partners",
    columns: [col("Code"), col("Name"), col("Type"), col("Place"), col("Annex 1 overrides"), col("Note")],
  },
  tiers: {
    name: "ICS_RulesTiers",
    sheet: "ICS Rules tiers",
    columns: [col("Tier"), col("Tier name"), col("Tier clause"), col("Unit"), col("Unit name"), col("Within"), col("Health and wellbeing board")],
  },
  bodies: {
    name: "ICS_RulesBodies",
    sheet: "ICS Rules bodies",
    columns: [
      col("Body"),
      col("Name"),
      col("Clause"),
      col("Role"),
      col("Advisory", "boolean"),
      col("Seat"),
      col("Seats", "number"),
      col("Per tier unit"),
      col("Drawn from"),
      col("Voting", "boolean"),
      col("Seat clause"),
      col("Seat wording"),
    ],
  },
  matters: {
    name: "ICS_RulesMatters",
    sheet: "ICS Rules matters",
    columns: [col("Matter"), col("Label"), col("Annex 1 element")],
  },
  decisions: {
    name: "ICS_RulesDecisions",
    sheet: "ICS Rules decisions",
    columns: [
      col("Rule"),
      col("Label"),
      col("Body"),
      col("Matter"),
      col("Clause"),
      col("Voting unit"),
      col("Denominator"),
      col("Counts"),
      col("Comparison"),
      col("Threshold", "percent"),
      col("Wording"),
      col("Quorum", "number"),
      col("Quorum clause"),
      col("Deputies vote", "boolean"),
      col("Default", "boolean"),
      col("Note"),
    ],
  },
  controlTotal: {
    name: "ICS_RulesControlTotal",
    sheet: "ICS Rules control total",
    columns: [col("Kind"), col("Id"), col("Label"), col("Share of basis", "percent"), col("Floor", "money"), col("Months in a row", "number"), col("Restricts discretionary capital", "boolean")],
  },
  materiality: {
    name: "ICS_RulesMateriality",
    sheet: "ICS Rules materiality",
    columns: [col("Setting"), col("Id"), col("Label"), col("Value", "number")],
  },
  // Issue resolution (MoU 8.10; MEA MoU 10): one row an outcome, under its stage, under its route.
  issueResolution: {
    name: "ICS_RulesIssueResolution",
    sheet: "ICS Rules issue resolution",
    columns: [
      col("Route"),
      col("Route label"),
      col("Body"),
      col("Route clause"),
      col("Stage"),
      col("Stage label"),
      col("Stage clause"),
      col("Kind"),
      col("Vote rules"),
      col("Excludes dissenters", "boolean"),
      col("Notice days", "number"),
      col("Notice clause"),
      col("Outcome"),
      col("Outcome label"),
      col("Effect"),
      col("Vote"),
      col("Starts notice", "boolean"),
    ],
  },
  // A decision rule that waits on an outcome of a route (the Partnership Board's 75% after the SLE failed to agree, MoU 8.3–8.4).
  preconditions: {
    name: "ICS_RulesPreconditions",
    sheet: "ICS Rules preconditions",
    columns: [col("Rule"), col("Route"), col("Stage"), col("Outcome"), col("Clause")],
  },
  formulas: {
    name: "ICS_RulesFormulas",
    sheet: "ICS Rules formulas",
    columns: [col("Formula"), col("Label"), col("Weighting"), col("Floors and caps", "boolean"), col("Pace of change", "percent"), col("Default", "boolean")],
  },
  capital: {
    name: "ICS_RulesCapital",
    sheet: "ICS Rules capital",
    columns: [col("Setting"), col("Id"), col("Label"), col("Value", "number")],
  },
} as const satisfies Record<string, RuleSheet>;

export type RuleSheetKey = keyof typeof RULE_SHEETS;
export const RULE_SHEET_KEYS = Object.keys(RULE_SHEETS) as RuleSheetKey[];

/** Every Rules sheet's rows, in its columns' order. */
export type RulesRows = Record<RuleSheetKey, SheetCell[][]>;
/** Every Rules sheet's rows as read, by header; undefined for a table the workbook lacks. */
export type RulesRecords = Partial<Record<RuleSheetKey, SheetRecord[]>>;

/** One thing wrong with the edited rules, where a person can find it. */
export interface RuleProblem {
  sheet: string;
  /** The table's data row, from 1; absent when the problem is the sheet's as a whole. */
  row?: number;
  field?: string;
  message: string;
}

export const describeProblem = (p: RuleProblem): string =>
  `${p.sheet}${p.row !== undefined ? `, row ${p.row}` : ""}${p.field ? `, ${p.field}` : ""}: ${p.message}`;

export type RulesReading = { ok: true; rulebook: Rulebook } | { ok: false; problems: RuleProblem[] };

// ---------------------------------------------------------------- words the sheets use

export const SYSTEM_WIDE = "System-wide";
export const COMPARISON = { "at-least": "at least", "more-than": "more than" } as const;
export const RAG_BAND = "RAG band";
export const LADDER_STEP = "Ladder step";
export const M = {
  pounds: "Materiality amount (£)",
  share: "Materiality share of the larger side",
  when: "Mismatch when",
  assumption: "Assumption tolerance",
  effGreen: "Efficiency green at least",
  effAmber: "Efficiency amber at least",
} as const;
export const C = {
  criterion: "Criterion",
  sumTo: "Weights sum to",
  scaleMin: "Scale minimum",
  scaleMax: "Scale maximum",
  objective: "Objective",
  protectedShare: "Protected share",
  unitMinimum: "Minimum per unit",
  crossMin: "Cross-unit minimum",
  crossMax: "Cross-unit maximum",
  major: "Major scheme at least (£)",
  category: "Category",
  carryForward: "Carry forward unspent envelope",
} as const;
export const WHEN = { "exceeds-either": "either", "exceeds-both": "both" } as const;

// ---------------------------------------------------------------- the settings sheet's rows

/**
 * How a setting's Value is written and read: text that must be there, text that may be blank (left out of the
 * rulebook), an id, partner type ids separated by commas, a whole number, a percentage ("90%", basis points in the
 * rulebook), percentages separated by commas, or one of a few words.
 */
export type SettingKind = "text" | "optional" | "id" | "optional-id" | "types" | "int" | "percent" | "percents" | { oneOf: readonly string[] };

export interface SettingSpec {
  section: string;
  setting: string;
  /** Where the value lives in the rulebook. */
  path: readonly string[];
  kind: SettingKind;
  /** The optional part of the rulebook the setting belongs to (the control total statement, the planning horizon): written and read only where it is there. */
  part?: readonly string[];
}

/** A list the settings sheet holds one row an item: partner types, plan line categories, non-recurrent items, backlog risks. */
export interface SettingListSpec {
  section: string;
  setting: string;
  path: readonly string[];
  /** Whether each item has an id (in the Id column) and a label (in Value), or is only text (in Value). */
  item: "id-label" | "text";
  part?: readonly string[];
}

export const SECTIONS = { rulebook: "Rulebook", controlTotal: "Control total", allocation: "Allocation", planAlignment: "Plan alignment", capital: "Capital" } as const;
/** The rulebook's optional sections, by the key the settings sheet's Section column names them by. */
export const OPTIONAL_SECTIONS = ["controlTotal", "allocation", "planAlignment", "capital"] as const;

const setting = (section: keyof typeof SECTIONS, name: string, path: readonly string[], kind: SettingKind = "text", part?: readonly string[]): SettingSpec => ({
  section: SECTIONS[section],
  setting: name,
  path: section === "rulebook" ? path : [section, ...path],
  kind,
  ...(part ? { part: [section, ...part] } : {}),
});
const STATEMENT = ["statement"];
const HORIZON = ["planningHorizon"];
const MONITORING = ["monitoring"];
const monitoring = (name: string, path: readonly string[], kind: SettingKind = "text") => setting("allocation", name, ["monitoring", ...path], kind, MONITORING);
const TRANCHE = { oneOf: ["release", "hold"] } as const;

/** Every setting of the rulebook that is one value, in the order the sheet lists them. */
export const SETTINGS: readonly SettingSpec[] = [
  setting("rulebook", "Id", ["id"], "id"),
  setting("rulebook", "Name", ["name"]),
  setting("rulebook", "Source", ["source"]),
  setting("controlTotal", "Membership types", ["membership", "types"], "types"),
  setting("controlTotal", "Membership element", ["membership", "element"], "id"),
  setting("controlTotal", "Membership clause", ["membership", "clause"]),
  setting("controlTotal", "Tolerance basis", ["toleranceBasis"], { oneOf: ["plan", "turnover"] }),
  setting("controlTotal", "RAG bands clause", ["rag", "clause"]),
  setting("controlTotal", "Ladder clause", ["escalation", "clause"]),
  setting("controlTotal", "Ladder triggers clause", ["escalation", "triggersClause"], "optional"),
  setting("controlTotal", "Place risk reserve clause", ["placeRiskReserve", "clause"]),
  setting("controlTotal", "Offsetting clause", ["offsetting", "clause"]),
  setting("controlTotal", "Offsetting across units", ["offsetting", "acrossUnits"], { oneOf: ["automatic", "proposal"] }),
  setting("controlTotal", "Roll-up tier", ["rollUpTier"], "optional-id"),
  setting("controlTotal", "Risk share basis", ["riskShare", "basis"], { oneOf: ["turnover", "plan", "equal"] }),
  setting("controlTotal", "Risk share clause", ["riskShare", "clause"]),
  setting("controlTotal", "Statement unit", ["statement", "unit"], { oneOf: ["pounds", "thousands", "millions"] }, STATEMENT),
  setting("controlTotal", "Non-recurrent clause", ["statement", "nonRecurrent", "clause"], "text", STATEMENT),
  setting("controlTotal", "Efficiency clause", ["statement", "efficiency", "clause"], "text", STATEMENT),
  setting("controlTotal", "Capital spend clause", ["statement", "capital", "clause"], "text", STATEMENT),
  setting("controlTotal", "Statement note", ["statement", "note"], "text", STATEMENT),
  setting("allocation", "Clause", ["clause"]),
  setting("allocation", "Formulas clause", ["formulasClause"], "optional"),
  setting("allocation", "Decision rule", ["decisionRule"], "id"),
  setting("allocation", "Tier", ["tier"], "optional-id"),
  monitoring("Monitoring clause", ["clause"]),
  monitoring("Monitoring period", ["period"], { oneOf: ["quarter"] }),
  monitoring("Green milestones delivered at least", ["rag", "green", "milestonesAtLeastBasisPoints"], "percent"),
  monitoring("Green spend within", ["rag", "green", "spendWithinBasisPoints"], "percent"),
  monitoring("Amber milestones delivered at least", ["rag", "amber", "milestonesAtLeastBasisPoints"], "percent"),
  monitoring("Amber spend within", ["rag", "amber", "spendWithinBasisPoints"], "percent"),
  monitoring("Monitoring RAG clause", ["rag", "clause"]),
  monitoring("Green: next tranche", ["consequences", "green", "tranche"], TRANCHE),
  monitoring("Green: in words", ["consequences", "green", "wording"]),
  monitoring("Amber: next tranche", ["consequences", "amber", "tranche"], TRANCHE),
  monitoring("Amber: in words", ["consequences", "amber", "wording"]),
  monitoring("Red: next tranche", ["consequences", "red", "tranche"], TRANCHE),
  monitoring("Red: in words", ["consequences", "red", "wording"]),
  monitoring("Consequences clause", ["consequences", "clause"]),
  monitoring("Tranche shares", ["tranches", "sharesBasisPoints"], "percents"),
  monitoring("Tranches clause", ["tranches", "clause"]),
  setting("planAlignment", "Clause", ["clause"]),
  setting("planAlignment", "Materiality clause", ["materiality", "clause"], "optional"),
  setting("planAlignment", "Assumptions clause", ["assumptions", "clause"]),
  setting("planAlignment", "Sensitive lines clause", ["sensitiveClause"]),
  setting("planAlignment", "Planning horizon years", ["planningHorizon", "years"], "int", HORIZON),
  setting("planAlignment", "Planning horizon tier", ["planningHorizon", "tier"], "optional-id", HORIZON),
  setting("planAlignment", "Planning horizon clause", ["planningHorizon", "clause"], "text", HORIZON),
  setting("capital", "Clause", ["clause"]),
  setting("capital", "Decision rule", ["decisionRule"], "id"),
  setting("capital", "Criteria clause", ["criteriaClause"], "optional"),
  setting("capital", "Advisory body", ["advisoryBody"], "optional-id"),
  setting("capital", "Eligibility element", ["eligibilityElement"], "id"),
  setting("capital", "Eligibility clause", ["eligibilityClause"]),
  setting("capital", "Objective clause", ["objective", "clause"]),
  setting("capital", "Objective note", ["objective", "note"]),
  setting("capital", "Phasing clause", ["phasing", "clause"]),
  setting("capital", "Major scheme clause", ["gates", "majorSchemeClause"]),
  setting("capital", "Recovery clause", ["gates", "recoveryClause"]),
  setting("capital", "Constraints tier", ["constraints", "tier"], "optional-id"),
  setting("capital", "Constraints clause", ["constraints", "clause"]),
];

/** Every list of the rulebook the settings sheet holds, one row an item. */
export const SETTING_LISTS: readonly SettingListSpec[] = [
  { section: SECTIONS.rulebook, setting: "Partner type", path: ["partnerTypes"], item: "id-label" },
  { section: SECTIONS.controlTotal, setting: "Non-recurrent item", path: ["controlTotal", "statement", "nonRecurrent", "items"], item: "text", part: ["controlTotal", "statement"] },
  { section: SECTIONS.planAlignment, setting: "Plan line category", path: ["planAlignment", "categories"], item: "id-label" },
  { section: SECTIONS.capital, setting: "Backlog risk", path: ["capital", "backlogRisk"], item: "text" },
];

/** The value at a path of a rulebook (or a part being built), undefined where any step is missing. */
export function valueAt(root: unknown, path: readonly string[]): unknown {
  let at: unknown = root;
  for (const key of path) {
    if (typeof at !== "object" || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

const yesNo = (b: boolean): string => (b ? "Yes" : "No");
const optionalYesNo = (b: boolean | undefined): string => (b === undefined ? "" : yesNo(b));
const bp = (basisPoints: number): number => basisPoints / 10_000;
/** Basis points as the percentage a person types: 9000 → "90%", 250 → "2.5%". */
export const percentOf = (basisPoints: number): string => `${Number((basisPoints / 100).toPrecision(12))}%`;
const orBlank = (v: string | number | undefined | null): SheetCell => (v === undefined || v === null ? "" : v);

// ---------------------------------------------------------------- the rulebook as rows

/** The rulebook as the Rules sheets' rows: what set-up writes, and what "Put in force" reads back to the same rulebook. */
export function rulebookToRows(rb: Rulebook): RulesRows {
  const typeLabel = new Map(rb.partnerTypes.map((t) => [t.id, t.label]));
  const unitName = new Map(rb.tiers.flatMap((t) => t.units.map((u) => [u.id, u.name] as const)));
  const rows: RulesRows = {
    partners: rb.partners.map((p) => [
      p.code,
      p.name,
      typeLabel.get(p.type) ?? p.type,
      p.place === null ? SYSTEM_WIDE : (unitName.get(p.place) ?? p.place),
      Object.entries(p.overrides)
        .map(([e, applies]) => `${e}: ${applies ? "yes" : "no"}`)
        .join("; "),
      orBlank(p.note),
    ]),
    tiers: rb.tiers.flatMap((t) => {
      const head = [t.id, t.label, orBlank(t.clause)];
      if (t.units.length === 0) return [[...head, "", "", "", ""]];
      return t.units.map((u) => [...head, u.id, u.name, orBlank(u.within), orBlank(u.healthAndWellbeingBoard)]);
    }),
    bodies: rb.bodies.flatMap((b) => {
      const head = [b.id, b.name, b.clause, orBlank(b.role), yesNo(b.advisory)];
      if (!b.seats || b.seats.length === 0) return [[...head, "", "", "", "", "", "", ""]];
      return b.seats.map((s) => [...head, s.label, s.count, orBlank(s.perTierUnit), s.types.join(", "), yesNo(s.voting), s.clause, orBlank(s.wording)]);
    }),
    matters: rb.matters.map((m) => [m.id, m.label, m.element]),
    decisions: rb.rules.map((r) => [
      r.id,
      r.label,
      r.body,
      r.matter,
      r.clause,
      r.votingUnit,
      r.denominator.label,
      r.denominator.counts.join(", "),
      COMPARISON[r.threshold.comparison],
      r.threshold.fraction.numerator / r.threshold.fraction.denominator,
      r.threshold.wording,
      orBlank(r.quorum?.present),
      orBlank(r.quorum?.clause),
      yesNo(r.deputiesVote),
      yesNo(r.id === rb.defaultRule),
      orBlank(r.note),
    ]),
    controlTotal: rb.controlTotal
      ? [
          [RAG_BAND, "green", "Green", bp(rb.controlTotal.rag.green.basisPoints), rb.controlTotal.rag.green.floorPounds, "", ""],
          [RAG_BAND, "amber", "Amber", bp(rb.controlTotal.rag.amber.basisPoints), rb.controlTotal.rag.amber.floorPounds, "", ""],
          ...rb.controlTotal.escalation.steps.map((s) => [LADDER_STEP, s.id, s.label, bp(s.adverseAtLeast.basisPoints), s.adverseAtLeast.floorPounds, s.monthsInARow, yesNo(s.restrictsDiscretionaryCapital)]),
        ]
      : [],
    materiality: [],
    capital: [],
    settings: settingRows(rb),
    annex1: rb.elements.map((e) => [e.id, e.label, ...PARTNER_TYPES.map((t) => (rb.annex1[e.id] ?? []).includes(t))]),
    issueResolution: (rb.issueResolution?.routes ?? []).flatMap((route) =>
      route.stages.flatMap((stage) =>
        stage.outcomes.map((o): SheetCell[] => [
          route.id,
          route.label,
          route.body,
          route.clause,
          stage.id,
          stage.label,
          stage.clause,
          stage.kind,
          orBlank(stage.rules?.join(", ")),
          optionalYesNo(stage.excludesDissenters),
          orBlank(stage.notice?.days),
          orBlank(stage.notice?.clause),
          o.id,
          o.label,
          o.effect,
          orBlank(o.vote),
          optionalYesNo(o.startsNotice),
        ]),
      ),
    ),
    preconditions: (rb.issueResolution?.preconditions ?? []).map((p) => [p.rule, p.route, p.stage, p.outcome, p.clause]),
    formulas: (rb.allocation?.formulas ?? []).map((f) => [
      f.id,
      f.label,
      f.weighting,
      yesNo(f.useFloorsAndCaps),
      f.paceOfChangeBasisPoints === null ? "" : bp(f.paceOfChangeBasisPoints),
      yesNo(f.id === rb.allocation!.defaultFormula),
    ]),
  };
  const pa = rb.planAlignment;
  if (pa) {
    rows.materiality.push(
      [M.pounds, "", "", orBlank(pa.materiality.pounds)],
      [M.share, "", "", pa.materiality.basisPoints === null ? "" : bp(pa.materiality.basisPoints)],
      [M.when, "", "", WHEN[pa.materiality.mismatchWhen]],
      ...pa.assumptions.items.map((a): SheetCell[] => [M.assumption, a.id, a.label, bp(a.toleranceBasisPoints)]),
    );
  }
  const statement = rb.controlTotal?.statement;
  if (statement) {
    rows.materiality.push([M.effGreen, "", "", bp(statement.efficiency.greenAtLeastBasisPoints)], [M.effAmber, "", "", bp(statement.efficiency.amberAtLeastBasisPoints)]);
  }
  const cap = rb.capital;
  if (cap) {
    rows.capital.push(
      ...cap.criteria.map((k): SheetCell[] => [C.criterion, k.id, k.label, k.weight]),
      [C.sumTo, "", "", orBlank(cap.weightsSumTo)],
      [C.scaleMin, "", "", cap.scale.min],
      [C.scaleMax, "", "", cap.scale.max],
      [C.objective, "", "", cap.objective.default],
      [C.protectedShare, "", "", bp(cap.constraints.protectedShareBasisPoints)],
      [C.unitMinimum, "", "", bp(cap.constraints.placeMinimumBasisPoints)],
      [C.crossMin, "", "", bp(cap.constraints.crossPlace.minBasisPoints)],
      [C.crossMax, "", "", bp(cap.constraints.crossPlace.maxBasisPoints)],
      [C.major, "", "", cap.gates.majorSchemeAtLeastPounds],
      ...cap.categories.map((c): SheetCell[] => [C.category, c.id, c.label, [c.protectedShare ? "protected" : "", c.discretionary ? "discretionary" : ""].filter(Boolean).join(", ")]),
      [C.carryForward, "", "", yesNo(cap.phasing.carryForward)],
    );
  }
  return rows;
}

/** The settings sheet's rows: each section's settings (where the rulebook has the section, and the part they belong to), then its lists. */
function settingRows(rb: Rulebook): SheetCell[][] {
  const has = (path: readonly string[] | undefined) => path === undefined || valueAt(rb, path) !== undefined;
  const rows: SheetCell[][] = [];
  for (const section of Object.values(SECTIONS)) {
    for (const s of SETTINGS) {
      if (s.section !== section || !has(s.path.slice(0, s.section === SECTIONS.rulebook ? 0 : 1)) || !has(s.part)) continue;
      const value = valueAt(rb, s.path);
      rows.push([s.section, s.setting, "", settingCell(s.kind, value)]);
    }
    for (const list of SETTING_LISTS) {
      if (list.section !== section) continue;
      const items = valueAt(rb, list.path) as (string | { id: string; label: string })[] | undefined;
      for (const item of items ?? []) rows.push(typeof item === "string" ? [list.section, list.setting, "", item] : [list.section, list.setting, item.id, item.label]);
    }
  }
  return rows;
}

function settingCell(kind: SettingKind, value: unknown): SheetCell {
  if (kind === "types") return (value as string[]).join(", ");
  if (kind === "percent") return percentOf(value as number);
  if (kind === "percents") return (value as number[]).map(percentOf).join(", ");
  return orBlank(value as string | number | undefined);
}

/** The rows as records by header, as a workbook read gives them back. */
export function rowsToRecords(rows: RulesRows): RulesRecords {
  return Object.fromEntries(
    RULE_SHEET_KEYS.map((key) => [key, rows[key].map((row) => Object.fromEntries(RULE_SHEETS[key].columns.map((c, i) => [c.header, row[i] ?? null])))]),
  ) as RulesRecords;
}

