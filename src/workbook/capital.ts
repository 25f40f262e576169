// The Schemes table as the Capital panel reads it, who is under recovery measures (from the control total), and the capital report.
import { checkScores, OBJECTIVE_LABELS, type Assessment, type Scheme } from "../rules/capital";
import { PlanLedger, rollUp } from "../rules/controlTotal";
import { codeKey, sameCode } from "../rules/codes";
import { formatGBP, fromPence, parseMoneyAt, penceAt } from "../rules/money";
import { isCrossPlace, RulebookError, type CapitalSettings, type Rulebook } from "../rules/rulebook";
import { lookupUnit, unitName } from "../rules/tiers";
import { WorkbookError, type Cell, type TableSpec, type Workbook } from "./gateway";
import { readPlans } from "./controlTotal";
import { flagOf, partnerCode } from "./planAlignment";
import { blank, readRows, recordsOf, textOf } from "./records";
import { SCHEMES, schemesTable } from "./tables";

export function capitalSettings(rulebook: Rulebook): CapitalSettings {
  if (!rulebook.capital) throw new RulebookError(`the rulebook "${rulebook.name}" has no capital section`);
  return rulebook.capital;
}

/** A financial year heading a cost-profile column of the Schemes table: "2026/27". */
const YEAR_HEADER = /^\s*(\d{4})\s*\/\s*(\d{2})\s*$/;

/** The Schemes table's financial-year columns (a cost profile by year), in the order of the years; none for a single-year plan. */
export function planYears(headers: readonly string[]): string[] {
  const years = headers.filter((h) => YEAR_HEADER.test(h)).map((h) => h.trim().replace(/\s+/g, ""));
  return years.sort();
}

/**
 * The Schemes table, every row checked (organisation, Place or Cross-Place, category, risk, cost, scores on the scale,
 * and where the table has financial-year columns, a profile by year that adds up to the cost); undefined when there is none.
 */
export async function readSchemes(workbook: Workbook, rulebook: Rulebook): Promise<Scheme[] | undefined> {
  return (await readSchemesTable(workbook, rulebook))?.schemes;
}

/** The Schemes table with its plan years (the financial-year columns, if any). */
export async function readSchemesTable(workbook: Workbook, rulebook: Rulebook): Promise<{ schemes: Scheme[]; years: string[] } | undefined> {
  const settings = capitalSettings(rulebook);
  const table = await workbook.readTable(SCHEMES.name);
  if (!table) return undefined;
  const years = planYears(table.headers);
  const yearColumns = years.map((y) => table.headers.find((h) => h.trim().replace(/\s+/g, "") === y)!.trim());
  const spec: TableSpec = { ...schemesTable(settings.criteria) };
  const profiled: TableSpec = { ...spec, columns: [...spec.columns, ...yearColumns.map((header) => ({ header, kind: "money" as const }))] };
  const records = recordsOf(table, profiled).filter((r) => textOf(r["Scheme"]!) !== "");
  const seen = new Set<string>();
  const schemes = readRows(records, profiled, (r, where) => {
    const name = textOf(r["Scheme"]!);
    if (seen.has(codeKey(name))) throw new WorkbookError(`${where}: "${name}" appears twice`);
    seen.add(codeKey(name));
    const placeText = textOf(r["Place"]!);
    // A Place, or a unit of any tier (an ICP's scheme); the constraints count it towards the unit of their tier.
    const place = isCrossPlace(placeText) ? null : lookupUnit(rulebook, placeText)?.unit;
    if (place === undefined) throw new WorkbookError(`${where} (Place): "${placeText}" is not a ${rulebook.tiers.map((t) => t.label).join(" or ")} or Cross-Place`);
    const categoryText = codeKey(textOf(r["Category"]!));
    const category = settings.categories.find((c) => c.id === categoryText || codeKey(c.label) === categoryText);
    if (!category) throw new WorkbookError(`${where} (Category): "${textOf(r["Category"]!)}" is not one of ${settings.categories.map((c) => c.label).join(", ")}`);
    const riskText = textOf(r["Backlog risk"]!);
    const risk = riskText === "" ? null : settings.backlogRisk.find((b) => sameCode(b, riskText));
    if (risk === undefined) throw new WorkbookError(`${where} (Backlog risk): "${riskText}" is not one of ${settings.backlogRisk.join(", ")}`);
    if (blank(r["Capital cost"])) throw new WorkbookError(`${where} (Capital cost): blank`);
    const cost = penceAt(r["Capital cost"], `${where} (Capital cost)`);
    if (cost <= 0) throw new WorkbookError(`${where} (Capital cost): must be more than £0`);
    const revenue = blank(r["Revenue effect"]) ? null : parseMoneyAt(r["Revenue effect"], `${where} (Revenue effect)`).toNumber();
    // A blank year is nothing spent that year; the years must add up to the cost, to the penny.
    const profile = yearColumns.length === 0 ? null : yearColumns.map((y) => (blank(r[y]) ? 0 : penceAt(r[y], `${where} (${y})`)));
    profile?.forEach((p, t) => {
      if (p < 0) throw new WorkbookError(`${where} (${yearColumns[t]}): must not be negative`);
    });
    const profiledCost = profile?.reduce((a, p) => a + p, 0);
    if (profiledCost !== undefined && profiledCost !== cost) {
      throw new WorkbookError(`${where}: the years ${yearColumns[0]} to ${yearColumns[yearColumns.length - 1]} add up to ${pounds(profiledCost)}, not the capital cost of ${pounds(cost)}`);
    }
    const scores = checkScores(
      settings.criteria.map((c) => (typeof r[c.label] === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(r[c.label] as string) ? Number(r[c.label]) : r[c.label])),
      settings.criteria.length,
      settings.scale,
      where,
    );
    return {
      name,
      organisation: partnerCode(rulebook, r["Organisation"] ?? null, `${where} (Organisation)`),
      place: place === null ? null : place.id,
      category: category.id,
      backlogRisk: risk,
      cost,
      profile,
      revenueEffect: revenue,
      affordabilityCase: flagOf(r["Affordability case"] ?? null, `${where} (Affordability case)`),
      scores,
    };
  });
  return { schemes, years };
}

/**
 * The organisations whose SFLG step restricts discretionary capital in the latest month of the Plans table (MoU 7.7–7.8),
 * with the step's name; empty when there is no Plans table yet.
 */
export async function restrictedOrganisations(workbook: Workbook, rulebook: Rulebook): Promise<Map<string, string>> {
  const plans = await readPlans(workbook);
  if (!plans || plans.length === 0 || !rulebook.controlTotal) return new Map();
  const ledger = PlanLedger.of(rulebook, plans);
  const month = Math.max(...ledger.months);
  const report = rollUp(ledger, month, new Map());
  return new Map(report.inside.filter((o) => o.escalation?.restrictsDiscretionaryCapital && o.escalation.step).map((o) => [o.partner.code, o.escalation!.step!.label]));
}

export const CAPITAL_REPORT = {
  name: "ICS_CapitalReport",
  sheet: "ICS Capital report",
  columns: [
    { header: "Rank", kind: "number" },
    { header: "Scheme", kind: "text" },
    { header: "Organisation", kind: "text" },
    { header: "Place", kind: "text" },
    { header: "Category", kind: "text" },
    { header: "Capital cost", kind: "money" },
    { header: "Weighted score", kind: "number" },
    { header: "Decision", kind: "text" },
    { header: "Reason", kind: "text" },
  ],
} as const satisfies TableSpec;

export interface CapitalReportRow {
  rank: number;
  scheme: Scheme;
  score: number;
  decision: "FUNDED" | "NOT FUNDED" | "EXCLUDED";
  reason: string;
}

/** Whole pence (as the capital rules hold them) in pounds for people. */
export const pounds = (pence: number) => formatGBP(fromPence(pence));

/** The proven portfolio as the report's rows (ranked, each with its decision and the reason it is not funded); undefined when there is none. */
export function capitalReportRows(assessment: Assessment): CapitalReportRow[] | undefined {
  const optimum = assessment.optimum;
  if (optimum.status !== "optimal") return undefined;
  return assessment.assessed
    .map((a, i) => ({
      rank: a.rank,
      scheme: a.scheme,
      score: a.score,
      decision: a.exclusion ? ("EXCLUDED" as const) : optimum.funded[i] ? ("FUNDED" as const) : ("NOT FUNDED" as const),
      reason: a.reason,
    }))
    .sort((x, y) => x.rank - y.rank);
}

const PROOF_WORDS = { "exact search": "proven optimal by an exact search in whole pence", "solver cut": "proven optimal: HiGHS finds nothing better (checked to the penny)", "exact order": "each scheme in list order decided exactly, in whole pence" } as const;

/** What the chosen objective's portfolio is and how it was proven, and how it differs from funding down the ranked list. */
export function objectiveNotes(rulebook: Rulebook, assessment: Assessment): string[] {
  const settings = capitalSettings(rulebook);
  const o = assessment.optimum;
  const r = assessment.ranked;
  if (o.status !== "optimal") return [];
  const chosen = `${OBJECTIVE_LABELS[assessment.objective]}${assessment.objective === settings.objective.default ? ` (the rulebook's default: ${settings.objective.note})` : ""}`;
  const lines = [`Objective: ${chosen}. ${o.funded.filter(Boolean).length} schemes, ${pounds(o.totalCost)}, total score ${o.totalScore.toFixed(1)}; ${PROOF_WORDS[o.proof]}.`];
  if (assessment.rules.years && assessment.rules.years.length > 1) {
    lines.push(`By year: ${assessment.rules.years.map((y, t) => `${y.label} ${pounds(o.costByYear[t]!)} of ${pounds(y.envelope)}`).join("; ")}`);
  }
  if (assessment.objective !== "ranked") {
    if (r.status === "infeasible") lines.push("Funding down the ranked list: no portfolio meets the constraints.");
    else if (r.status === "unproven") lines.push(`Funding down the ranked list: not settled. ${r.message}`);
    else {
      const gained = o.funded.map((f, i) => (f && !r.funded[i] ? assessment.candidates[i]!.name : null)).filter((x): x is string => x !== null);
      const dropped = r.funded.map((f, i) => (f && !o.funded[i] ? assessment.candidates[i]!.name : null)).filter((x): x is string => x !== null);
      lines.push(
        gained.length === 0 && dropped.length === 0
          ? "Funding down the ranked list gives the same portfolio."
          : `Against funding down the ranked list (${r.funded.filter(Boolean).length} schemes, ${pounds(r.totalCost)}, total score ${r.totalScore.toFixed(1)}): adds ${gained.join(", ") || "nothing"}; drops ${dropped.join(", ") || "nothing"}.`,
      );
    }
  }
  return lines;
}

/** The report's notes: the rulebook and envelope, the weights, the objective and its proof, against funding down the ranked list. */
export function capitalReportNotes(rulebook: Rulebook, assessment: Assessment, weightPoints: readonly number[]): string[] {
  const settings = capitalSettings(rulebook);
  if (assessment.optimum.status !== "optimal") return [];
  const weights = settings.criteria.map((c, i) => `${c.label} ${weightPoints[i]}`).join(", ");
  return [`${rulebook.name} · ${settings.clause} · envelope ${pounds(assessment.rules.envelope)}`, `Weights (points): ${weights}`, ...objectiveNotes(rulebook, assessment)];
}

/** Writes the ranked list with each decision and its reason, and the portfolio's parameters, on the add-in's own sheet. */
export async function writeCapitalReport(workbook: Workbook, rulebook: Rulebook, rows: readonly CapitalReportRow[], notes: readonly string[]): Promise<string> {
  const placeName = (id: string | null) => (id === null ? "Cross-Place" : unitName(rulebook, id));
  const categoryName = (id: string) => capitalSettings(rulebook).categories.find((c) => c.id === id)?.label ?? id;
  const cells: Cell[][] = rows.map((r) => [
    r.rank,
    r.scheme.name,
    r.scheme.organisation,
    placeName(r.scheme.place),
    categoryName(r.scheme.category),
    r.scheme.cost / 100,
    Math.round(r.score * 10) / 10,
    r.decision,
    r.reason,
  ]);
  return workbook.writeReport({
    table: CAPITAL_REPORT,
    title: "Capital prioritisation",
    notes,
    rows: cells,
    chart: { title: "Weighted score by scheme", type: "bar", categories: "Scheme", values: "Weighted score" },
  });
}
