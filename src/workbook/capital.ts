// The Schemes table as the Capital panel reads it, who is under recovery measures (from the control total), and the capital report.
import { checkScores, type Assessment, type Scheme } from "../rules/capital";
import { PlanLedger, rollUp } from "../rules/controlTotal";
import { formatGBP, parseMoney, parseMoneyAt, wholePence } from "../rules/money";
import { RulebookError, type CapitalSettings, type Rulebook } from "../rules/rulebook";
import { WorkbookError, type Cell, type TableSpec, type Workbook } from "./gateway";
import { readPlans } from "./controlTotal";
import { flagOf, partnerCode } from "./planAlignment";
import { blank, readRows, recordsOf, textOf } from "./records";
import { SCHEMES, schemesTable } from "./tables";

export function capitalSettings(rulebook: Rulebook): CapitalSettings {
  if (!rulebook.capital) throw new RulebookError(`the rulebook "${rulebook.name}" has no capital section`);
  return rulebook.capital;
}

/** The Schemes table, every row checked (organisation, Place or Cross-Place, category, risk, cost, scores on the scale); undefined when there is none. */
export async function readSchemes(workbook: Workbook, rulebook: Rulebook): Promise<Scheme[] | undefined> {
  const settings = capitalSettings(rulebook);
  const spec = schemesTable(settings.criteria);
  const table = await workbook.readTable(SCHEMES.name);
  if (!table) return undefined;
  const records = recordsOf(table, spec).filter((r) => textOf(r["Scheme"]!) !== "");
  const seen = new Set<string>();
  return readRows(records, spec, (r, where) => {
    const name = textOf(r["Scheme"]!);
    if (seen.has(name.toLowerCase())) throw new WorkbookError(`${where}: "${name}" appears twice`);
    seen.add(name.toLowerCase());
    const placeText = textOf(r["Place"]!);
    const place = placeText.toLowerCase() === "cross-place" ? null : rulebook.places.find((p) => p.name.toLowerCase() === placeText.toLowerCase() || p.id === placeText.toLowerCase());
    if (place === undefined) throw new WorkbookError(`${where} (Place): "${placeText}" is not a Place or Cross-Place`);
    const categoryText = textOf(r["Category"]!).toLowerCase();
    const category = settings.categories.find((c) => c.id === categoryText || c.label.toLowerCase() === categoryText);
    if (!category) throw new WorkbookError(`${where} (Category): "${textOf(r["Category"]!)}" is not one of ${settings.categories.map((c) => c.label).join(", ")}`);
    const riskText = textOf(r["Backlog risk"]!);
    const risk = riskText === "" ? null : settings.backlogRisk.find((b) => b.toLowerCase() === riskText.toLowerCase());
    if (risk === undefined) throw new WorkbookError(`${where} (Backlog risk): "${riskText}" is not one of ${settings.backlogRisk.join(", ")}`);
    if (blank(r["Capital cost"])) throw new WorkbookError(`${where} (Capital cost): blank`);
    const cost = wholePence(parseMoneyAt(r["Capital cost"], `${where} (Capital cost)`), `${where} (Capital cost)`);
    if (cost <= 0) throw new WorkbookError(`${where} (Capital cost): must be more than £0`);
    const revenue = blank(r["Revenue effect"]) ? null : parseMoneyAt(r["Revenue effect"], `${where} (Revenue effect)`).toNumber();
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
      revenueEffect: revenue,
      affordabilityCase: flagOf(r["Affordability case"] ?? null, `${where} (Affordability case)`),
      scores,
    };
  });
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
export const pounds = (pence: number) => formatGBP(parseMoney(pence / 100));

/** The optimal portfolio as the report's rows (ranked, each with its decision and reason); undefined when there is none. */
export function capitalReportRows(assessment: Assessment): CapitalReportRow[] | undefined {
  const optimum = assessment.optimum;
  if (optimum.status !== "optimal") return undefined;
  return assessment.assessed
    .map((a, i) => ({
      rank: a.rank,
      scheme: a.scheme,
      score: a.score,
      decision: a.exclusion ? ("EXCLUDED" as const) : optimum.funded[i] ? ("FUNDED" as const) : ("NOT FUNDED" as const),
      reason: a.exclusion ? `${a.exclusion.reason} (${a.exclusion.clause})` : a.lock === "in" ? "locked in" : a.lock === "out" ? "locked out" : "",
    }))
    .sort((x, y) => x.rank - y.rank);
}

/** The report's notes: the rulebook and envelope, the weights, and the optimum against funding down the ranked list. */
export function capitalReportNotes(rulebook: Rulebook, assessment: Assessment, weightPoints: readonly number[]): string[] {
  const settings = capitalSettings(rulebook);
  const o = assessment.optimum;
  if (o.status !== "optimal") return [];
  const g = assessment.greedy;
  const weights = settings.criteria.map((c, i) => `${c.label} ${weightPoints[i]}`).join(", ");
  return [
    `${rulebook.name} · ${settings.clause} · envelope ${pounds(assessment.rules.envelope)}`,
    `Weights (points): ${weights}`,
    `Optimal portfolio (HiGHS, proven optimal): ${o.funded.filter(Boolean).length} schemes, ${pounds(o.totalCost)}, total score ${o.totalScore.toFixed(1)}; funding down the ranked list: ${g.totalScore.toFixed(1)}${g.checks.every((c) => c.met) ? "" : `, breaking ${g.checks.filter((c) => !c.met).map((c) => c.constraint).join("; ")}`}`,
  ];
}

/** Writes the ranked list with each decision and its reason, and the portfolio's parameters, on the add-in's own sheet. */
export async function writeCapitalReport(workbook: Workbook, rulebook: Rulebook, rows: readonly CapitalReportRow[], notes: readonly string[]): Promise<string> {
  const placeName = (id: string | null) => (id === null ? "Cross-Place" : (rulebook.places.find((p) => p.id === id)?.name ?? id));
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
