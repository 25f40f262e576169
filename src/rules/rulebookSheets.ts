// The rulebook as the SFLG edits it in the workbook: the Rules sheets' columns and the rulebook written as their rows
// (set-up writes them; rulebookSheetsRead.ts reads them back, loaded only with the Rulebook panel).
import type { Rulebook } from "./rulebook";

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

export const RULE_SHEETS = {
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
    columns: [col("Setting"), col("Id"), col("Value", "number")],
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

const yesNo = (b: boolean): string => (b ? "Yes" : "No");
const bp = (basisPoints: number): number => basisPoints / 10_000;
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
  };
  const pa = rb.planAlignment;
  if (pa) {
    rows.materiality.push(
      [M.pounds, "", orBlank(pa.materiality.pounds)],
      [M.share, "", pa.materiality.basisPoints === null ? "" : bp(pa.materiality.basisPoints)],
      [M.when, "", WHEN[pa.materiality.mismatchWhen]],
      ...pa.assumptions.items.map((a): SheetCell[] => [M.assumption, a.id, bp(a.toleranceBasisPoints)]),
    );
  }
  const statement = rb.controlTotal?.statement;
  if (statement) {
    rows.materiality.push([M.effGreen, "", bp(statement.efficiency.greenAtLeastBasisPoints)], [M.effAmber, "", bp(statement.efficiency.amberAtLeastBasisPoints)]);
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

/** The rows as records by header, as a workbook read gives them back. */
export function rowsToRecords(rows: RulesRows): RulesRecords {
  return Object.fromEntries(
    RULE_SHEET_KEYS.map((key) => [key, rows[key].map((row) => Object.fromEntries(RULE_SHEETS[key].columns.map((c, i) => [c.header, row[i] ?? null])))]),
  ) as RulesRecords;
}

