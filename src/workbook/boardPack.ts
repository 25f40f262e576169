// The Board pack: for each capability, the one-page summary an SFLG chair pastes into a Board paper (headline, table
// with its totals, chart, the rules and clauses applied, the rulebook and its version, the date), built from the
// rules' results, and as the report the add-in writes on its own sheet.
import type { FormulaResult, PlaceInput } from "../rules/allocation";
import { OBJECTIVE_LABELS, type Assessment } from "../rules/capital";
import { monthName, ragLabel, type ControlTotalReport } from "../rules/controlTotal";
import { fromPence, groupThousands, Money, signedText, toExcelNumber, type Money as MoneyValue, type NegativeStyle } from "../rules/money";
import { forSharing, STATUS_LABEL, type Flow } from "../rules/planAlignment";
import type { Rulebook } from "../rules/rulebook";
import { rulebookHash, shortHash } from "../rules/rulebookVersion";
import { unitById } from "../rules/tiers";
import { describeParameters } from "./allocation";
import { capitalReportRows } from "./capital";
import { formatOf, headerText, NUMBER_FORMAT, type Cell, type ChartSpec, type ColumnSpec, type ReportSpec, type TableSpec } from "./gateway";
import { flowLabel } from "./planAlignment";

export type BoardCapability = "control-total" | "allocation" | "alignment" | "capital";

/** Which rules a summary was made under: the rulebook's name and a short hash of its content. */
export interface RulebookMark {
  name: string;
  version: string;
}

/** What every summary carries besides its figures: the rules in force, the system's name and the day it was made. */
export interface SummaryContext {
  rulebook: Rulebook;
  mark: RulebookMark;
  /** The day the pack is made, as an ISO date (YYYY-MM-DD). */
  date: string;
}

export interface BoardSummary {
  capability: BoardCapability;
  title: string;
  headline: string;
  /** The table's columns, formats and widths for the page; its rows and totals row, as Excel holds them (pounds). */
  table: TableSpec;
  rows: Cell[][];
  totals: Cell[];
  chart: ChartSpec;
  /** Each rule and clause applied, in words. */
  rules: string[];
  rulebook: RulebookMark;
  date: string;
  orientation: "portrait" | "landscape";
}

/** Money to the penny, with thousands separators. */
export const POUNDS = NUMBER_FORMAT.money;
/** Money in thousands (Excel's trailing comma scales by 1,000), as NHS finance reports it. */
export const THOUSANDS = '£#,##0,"k";-£#,##0,"k"';
const WHOLE = "#,##0";
const SCORE = "0.0";

/** A number format's first section: how a positive figure is shown (the section a negatives style leaves as it is). */
const positiveOf = (format: string) => format.split(";")[0]!;

/**
 * A money format with negatives as the workbook's display choice has them, in Excel's second section: after a minus
 * sign ("-£1,234") or in brackets ("(£1,234)"), the finance habit. The positive section is kept as it is.
 */
export function withNegatives(format: string, negatives: NegativeStyle): string {
  const positive = positiveOf(format);
  return negatives === "brackets" ? `${positive};(${positive})` : `${positive};-${positive}`;
}

/** The columns with every money column's format (its own, or money's by default) in the negatives style. */
export function inNegativesStyle(columns: readonly ColumnSpec[], negatives: NegativeStyle): ColumnSpec[] {
  return columns.map((c) => (c.kind === "money" ? { ...c, format: withNegatives(formatOf(c), negatives) } : c));
}

/**
 * The rulebook's short hash: the first 8 hex digits of the SHA-256 of its JSON as it is stored with the workbook (the
 * change log's and the decision log's hash, shortened); the same rules always give the same hash, any change another.
 */
export function rulebookVersion(rulebook: Rulebook): string {
  return shortHash(rulebookHash(rulebook));
}

export const rulebookMark = (rulebook: Rulebook): RulebookMark => ({ name: rulebook.name, version: rulebookVersion(rulebook) });

/** "23 November 2025". */
export const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** Today, in the UK, as an ISO date. */
export const today = () => new Date().toLocaleDateString("en-CA", { timeZone: "Europe/London" });

const sum = (values: readonly MoneyValue[]) => values.reduce((a, b) => a.plus(b), new Money(0));

/** "£36,500k" (or "-£36,500k", or "(£36,500k)"): pounds in whole thousands, as the £k columns show them. */
export function thousands(amount: MoneyValue, negatives: NegativeStyle = "minus"): string {
  const k = amount.dividedBy(1000).toDecimalPlaces(0, Money.ROUND_HALF_EVEN);
  return signedText(`£${groupThousands(k.abs().toFixed(0))}k`, k.isNegative() && !k.isZero(), negatives);
}

/** "£1,234.50" (or "-£1,234.50", or "(£1,234.50)"). */
export function penny(amount: MoneyValue, negatives: NegativeStyle = "minus"): string {
  const p = amount.toDecimalPlaces(2, Money.ROUND_HALF_EVEN);
  return signedText(`£${groupThousands(p.abs().toFixed(2))}`, p.isNegative() && !p.isZero(), negatives);
}

/**
 * A cell as the summary's page shows it, by its column's format: the same text the Excel sheet shows. Negatives as
 * `negatives` says, or else as the format itself has them (brackets when its negative section is bracketed).
 */
export function cellText(column: ColumnSpec, value: Cell, negatives?: NegativeStyle): string {
  if (value === null || value === "") return "";
  if (typeof value !== "number") return String(value);
  const format = column.format ?? NUMBER_FORMAT[column.kind];
  const style = negatives ?? (format.endsWith(")") ? "brackets" : "minus");
  const exact = new Money(String(value));
  if (positiveOf(format) === positiveOf(THOUSANDS)) return thousands(exact, style);
  if (positiveOf(format) === positiveOf(POUNDS)) return penny(exact, style);
  if (format === "0.0%") return `${exact.times(100).toFixed(1)}%`;
  if (format === SCORE) return exact.toFixed(1);
  if (format === WHOLE) return groupThousands(exact.toDecimalPlaces(0).toFixed(0));
  return String(value);
}

const table = (capability: string, sheet: string, columns: ColumnSpec[]): TableSpec => ({ name: `ICS_Board_${capability}`, sheet, columns });

// ---------------------------------------------------------------- control total

/** "deficit of £36,800k" or "surplus of £1,200k": a bottom line as finance says it. */
const position = (amount: MoneyValue) => `${amount.isNegative() ? "deficit" : "surplus"} of ${thousands(amount.abs())}`;

/** The month's control total: each organisation inside it, in £k, with its RAG and the SFLG's step on the ladder. */
export function controlTotalSummary(report: ControlTotalReport, c: SummaryContext): BoardSummary {
  const settings = c.rulebook.controlTotal!;
  // The unit the control total rolls up to (a Place, or an ICP in NENC).
  const placeName = (id: string | null) => (id === null ? undefined : unitById(c.rulebook, id)?.unit.name) ?? "System-wide";
  const inside = [...report.inside].sort((a, b) => a.forecastVariance.comparedTo(b.forecastVariance));
  const columns: ColumnSpec[] = [
    { header: "Organisation", kind: "text", width: 40 },
    { header: "Place", kind: "text", width: 22 },
    { header: "Plan (£k)", kind: "money", format: THOUSANDS, width: 12 },
    { header: "Forecast outturn (£k)", kind: "money", format: THOUSANDS, width: 12 },
    { header: "Forecast variance (£k)", kind: "money", format: THOUSANDS, width: 12 },
    { header: "RAG", kind: "text", width: 7 },
    { header: "SFLG action", kind: "text", width: 30, wrap: true },
  ];
  const rows: Cell[][] = inside.map((o) => [
    o.partner.name,
    placeName(o.place),
    toExcelNumber(o.plan),
    toExcelNumber(o.forecast),
    toExcelNumber(o.forecastVariance),
    ragLabel(o.rag.status),
    o.escalation?.step ? o.escalation.step.label : "None",
  ]);
  const plan = sum(inside.map((o) => o.plan));
  const forecast = sum(inside.map((o) => o.forecast));
  const variance = sum(inside.map((o) => o.forecastVariance));
  const s = report.system;
  const offPlan = inside.filter((o) => o.rag.status !== "green").length;
  const word = variance.isNegative() ? "adverse" : "favourable";
  return {
    capability: "control-total",
    title: `System control total: ${monthName(report.month)} (month ${report.month})`,
    headline: `The system forecasts ${position(forecast)} against a planned ${position(plan)}: ${variance.isZero() ? "on plan" : `${thousands(variance.abs())} ${word}`}, ${ragLabel(s.rag.status)}; ${offPlan} of ${inside.length} organisations are amber or red.`,
    table: table("ControlTotal", "Board pack - Control total", columns),
    rows,
    totals: ["System total", "", toExcelNumber(plan), toExcelNumber(forecast), toExcelNumber(variance), ragLabel(s.rag.status), ""],
    chart: { title: "Forecast variance by organisation (£k)", type: "bar", categories: "Organisation", values: "Forecast variance (£k)" },
    rules: [
      `Organisations inside the control total (${settings.membership.clause}); outside it: ${report.outside.map((o) => o.partner.code).join(", ") || "none"}`,
      `RAG by tolerance on plan (${settings.rag.clause}): ${s.rag.explanation}`,
      `Escalation ladder, ${settings.escalation.steps.length} steps (${settings.escalation.clause})`,
      `Place risk reserves and offsetting (${settings.placeRiskReserve.clause}; ${settings.offsetting.clause}): ${s.explanation}`,
    ],
    rulebook: c.mark,
    date: c.date,
    orientation: "landscape",
  };
}

// ---------------------------------------------------------------- allocation

/** The allocation of transformation funds to Places, to the penny, summing exactly to the fund. */
export function allocationSummary(result: FormulaResult, places: readonly PlaceInput[], c: SummaryContext): BoardSummary {
  const settings = c.rulebook.allocation!;
  const columns: ColumnSpec[] = [
    { header: "Place", kind: "text", width: 30 },
    { header: "Registered population", kind: "number", format: WHOLE, width: 14 },
    { header: "Share", kind: "percent", width: 9 },
    { header: "Allocation", kind: "money", width: 17 },
    { header: "Per head", kind: "money", width: 11 },
    { header: "Limited by", kind: "text", width: 14 },
  ];
  const population = sum(places.map((p) => p.population));
  const allocated = sum(result.places.map((p) => p.allocation));
  const rows: Cell[][] = result.places.map((p, i) => [
    p.place,
    places[i]!.population.toNumber(),
    p.share.toDecimalPlaces(6).toNumber(),
    toExcelNumber(p.allocation),
    toExcelNumber(p.perCapita),
    p.limitedBy ?? "None",
  ]);
  const ordered = [...result.places].sort((a, b) => a.allocation.comparedTo(b.allocation));
  const least = ordered[0]!;
  const most = ordered.at(-1)!;
  const rule = c.rulebook.rules.find((r) => r.id === settings.decisionRule);
  return {
    capability: "allocation",
    title: "Allocation of transformation funds",
    headline: `${penny(result.fund)} to ${result.places.length} ${result.units.many} by ${result.formula.label.toLowerCase()}: from ${penny(least.allocation)} (${least.place}) to ${penny(most.allocation)} (${most.place}), summing exactly to the fund.`,
    table: table("Allocation", "Board pack - Allocation", columns),
    rows,
    // The shares are of the fund, which the allocations sum to exactly: together they are 100%.
    totals: ["Total", population.toNumber(), allocated.dividedBy(result.fund).toNumber(), toExcelNumber(allocated), toExcelNumber(allocated.dividedBy(population)), ""],
    chart: { title: `Allocation by ${result.units.one} (£)`, type: "column", categories: "Place", values: "Allocation" },
    rules: [
      `Apportionment of transformation funds (${settings.clause}): ${describeParameters(result)}`,
      `Rounded to the penny by largest remainder, so the Places' allocations sum exactly to the fund`,
      ...(rule ? [`If the SLE cannot agree: ${rule.label} (${rule.clause})`] : []),
    ],
    rulebook: c.mark,
    date: c.date,
    orientation: "portrait",
  };
}

// ---------------------------------------------------------------- plan alignment

/** At most this many flows are listed one by one; the rest (the agreed ones first) are one line, so the page stays one page. */
export const ALIGNMENT_LINES = 14;

/**
 * Plan alignment between partners: the flows that are not agreed, worst first; agreed flows and competition-sensitive
 * ones (MoU 12.2) each as one line in aggregate; the totals over every flow.
 */
export function alignmentSummary(flows: readonly Flow[], c: SummaryContext): BoardSummary {
  const settings = c.rulebook.planAlignment!;
  const columns: ColumnSpec[] = [
    { header: "Flow", kind: "text", width: 44, wrap: true },
    { header: "Income reported", kind: "money", width: 18 },
    { header: "Expenditure reported", kind: "money", width: 18 },
    { header: "Difference", kind: "money", width: 17 },
    { header: "Status", kind: "text", width: 16 },
  ];
  const pounds = (pence: number) => toExcelNumber(fromPence(pence));
  const shared = forSharing(flows);
  const severity = { missing: 0, mismatch: 1, "within-tolerance": 2, agreed: 3 } as const;
  const listed = shared.open
    .filter((f) => f.status !== "agreed")
    .sort((a, b) => severity[a.status] - severity[b.status] || Math.abs(b.difference) - Math.abs(a.difference));
  const shown = listed.slice(0, ALIGNMENT_LINES);
  const rest = [...listed.slice(ALIGNMENT_LINES), ...shared.open.filter((f) => f.status === "agreed")];
  const line = (f: Flow): Cell[] => [flowLabel(f), pounds(f.income ?? 0), pounds(f.expenditure ?? 0), pounds(f.difference), STATUS_LABEL[f.status]];
  const together = (label: string, group: readonly Flow[], status: string): Cell[] => {
    const income = group.reduce((a, f) => a + (f.income ?? 0), 0);
    const expenditure = group.reduce((a, f) => a + (f.expenditure ?? 0), 0);
    return [label, pounds(income), pounds(expenditure), pounds(income - expenditure), status];
  };
  const rows: Cell[][] = shown.map(line);
  if (rest.length > 0) rows.push(together(`${rest.length} other flow${rest.length === 1 ? "" : "s"} (agreed or within tolerance), together`, rest, rest.every((f) => f.status === "agreed") ? "Agreed" : "Mixed"));
  const s = shared.sensitive;
  if (s.count > 0) rows.push([`${s.count} competition-sensitive flow${s.count === 1 ? "" : "s"}, in aggregate`, pounds(s.income), pounds(s.expenditure), pounds(s.income - s.expenditure), s.worst ? `Worst: ${STATUS_LABEL[s.worst]}` : ""]);
  const income = flows.reduce((a, f) => a + (f.income ?? 0), 0);
  const expenditure = flows.reduce((a, f) => a + (f.expenditure ?? 0), 0);
  const count = (status: Flow["status"]) => flows.filter((f) => f.status === status).length;
  const mismatched = flows.filter((f) => f.status === "mismatch" || f.status === "missing");
  const gross = mismatched.reduce((a, f) => a + Math.abs(f.difference), 0);
  const m = settings.materiality;
  const test = [m.pounds !== null ? `£${m.pounds.toLocaleString("en-GB")}` : null, m.basisPoints !== null ? `${m.basisPoints / 100}% of the larger side` : null]
    .filter(Boolean)
    .join(m.mismatchWhen === "exceeds-either" ? " or " : " and ");
  return {
    capability: "alignment",
    title: "Plan alignment between partners",
    headline: `${count("agreed")} of ${flows.length} flows agree; ${count("mismatch")} mismatched and ${count("missing")} missing a side, ${penny(fromPence(gross))} between them in gross; income and expenditure differ by ${penny(fromPence(income - expenditure))} across the system.`,
    table: table("Alignment", "Board pack - Plan alignment", columns),
    rows,
    totals: ["All flows", pounds(income), pounds(expenditure), pounds(income - expenditure), `${count("agreed")} of ${flows.length} agreed`],
    chart: { title: "Difference by flow (£)", type: "bar", categories: "Flow", values: "Difference" },
    rules: [
      `Open-book plan alignment (${settings.clause}): a difference is material above ${test}`,
      `Competition-sensitive lines shown only in aggregate (${settings.sensitiveClause})`,
    ],
    rulebook: c.mark,
    date: c.date,
    orientation: "portrait",
  };
}

// ---------------------------------------------------------------- capital

/** At most this many schemes are listed one by one (more when more are funded). */
export const CAPITAL_LINES = 12;

/** The capital decision: every scheme ranked, the funded ones and the cost against the envelope, each reason given. */
export function capitalSummary(assessment: Assessment, c: SummaryContext): BoardSummary | undefined {
  const settings = c.rulebook.capital!;
  const ranked = capitalReportRows(assessment);
  const optimum = assessment.optimum;
  if (!ranked || optimum.status !== "optimal") return undefined;
  const columns: ColumnSpec[] = [
    { header: "Rank", kind: "number", width: 6 },
    { header: "Scheme", kind: "text", width: 30, wrap: true },
    { header: "Organisation", kind: "text", width: 12 },
    { header: "Cost", kind: "money", width: 17 },
    { header: "Funded", kind: "money", width: 17 },
    { header: "Weighted score", kind: "number", format: SCORE, width: 9 },
    { header: "Decision", kind: "text", width: 12 },
    { header: "Reason", kind: "text", width: 42, wrap: true },
  ];
  // Every funded scheme and the best of the rest by rank, one by one; the others as one line, so the page stays one page.
  const fundedRows = ranked.filter((r) => r.decision === "FUNDED");
  const room = Math.max(CAPITAL_LINES - fundedRows.length, 3);
  const listed = new Set([...fundedRows, ...ranked.filter((r) => r.decision !== "FUNDED").slice(0, room)]);
  const others = ranked.filter((r) => !listed.has(r));
  const rows: Cell[][] = ranked.filter((r) => listed.has(r)).map((r) => [
    r.rank,
    r.scheme.name,
    r.scheme.organisation,
    toExcelNumber(fromPence(r.scheme.cost)),
    r.decision === "FUNDED" ? toExcelNumber(fromPence(r.scheme.cost)) : 0,
    Math.round(r.score * 10) / 10,
    r.decision === "FUNDED" ? "Funded" : r.decision === "EXCLUDED" ? "Excluded" : "Not funded",
    r.reason,
  ]);
  if (others.length > 0) {
    const cost = sum(others.map((r) => fromPence(r.scheme.cost)));
    rows.push(["", `${others.length} other schemes, lower ranked`, "", toExcelNumber(cost), 0, null, "Not funded", "Not funded or not eligible; each with its reason in the Capital report"]);
  }
  const requested = sum(ranked.map((r) => fromPence(r.scheme.cost)));
  const funded = sum(ranked.filter((r) => r.decision === "FUNDED").map((r) => fromPence(r.scheme.cost)));
  const count = ranked.filter((r) => r.decision === "FUNDED").length;
  const envelope = fromPence(assessment.rules.envelope);
  const rule = c.rulebook.rules.find((r) => r.id === settings.decisionRule);
  return {
    capability: "capital",
    title: "Capital prioritisation",
    headline: `Fund ${count} of ${ranked.length} schemes for ${penny(funded)} of the ${penny(envelope)} envelope (total score ${optimum.totalScore.toFixed(1)}), proven the best portfolio for the objective: ${OBJECTIVE_LABELS[assessment.objective]}.`,
    table: table("Capital", "Board pack - Capital", columns),
    rows,
    totals: ["", "Total", "", toExcelNumber(requested), toExcelNumber(funded), "", `${count} funded`, `${penny(envelope.minus(funded))} of the envelope unspent`],
    chart: { title: "Weighted score by scheme", type: "bar", categories: "Scheme", values: "Weighted score" },
    rules: [
      `Capital prioritisation, fair and transparent (${settings.clause}): weights ${settings.criteria.map((k) => `${k.label} ${k.weight}`).join(", ")}`,
      `Objective (${settings.objective.clause}): ${OBJECTIVE_LABELS[assessment.objective]}`,
      ...(rule ? [`If the SLE cannot agree: ${rule.label} (${rule.clause})`] : []),
    ],
    rulebook: c.mark,
    date: c.date,
    orientation: "landscape",
  };
}

// ---------------------------------------------------------------- as a report sheet

/** The line that says which rules and when: "Rulebook: … · rulebook version 1a2b3c4d · 23 November 2025". */
export const provenance = (s: Pick<BoardSummary, "rulebook" | "date">) => `Rulebook: ${s.rulebook.name} · rulebook version ${s.rulebook.version} · ${longDate(s.date)}`;

/**
 * Text cut into lines of at most `width` characters at spaces, so a note prints within the page's width in any
 * spreadsheet application (a cell's text otherwise runs past the print area and is cut off).
 */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/**
 * The summary as the report the add-in writes on its own sheet: printed on one page, header and footer for the Board;
 * its money formatted with negatives as the workbook's display choice has them.
 */
export function boardReport(summary: BoardSummary, systemName: string, negatives: NegativeStyle = "minus"): ReportSpec {
  // About a character of note text fits in each character of column width (a little less in bold).
  const width = summary.table.columns.reduce((a, col) => a + (col.width ?? 10), 0);
  const notes = [...summary.rules.map((r) => `• ${r}`), provenance(summary)].flatMap((n) => wrapText(n, Math.floor(width * 0.95)));
  return {
    table: { ...summary.table, columns: inNegativesStyle(summary.table.columns, negatives) },
    title: summary.title,
    headline: wrapText(summary.headline, Math.floor(width * 0.9)),
    notes,
    rows: summary.rows,
    totals: summary.totals,
    chart: summary.chart,
    pageLayout: {
      orientation: summary.orientation,
      header: { left: headerText(systemName), center: "Board pack", right: longDate(summary.date) },
      footer: { left: headerText(`ICS Finance · ${summary.rulebook.name} · rulebook version ${summary.rulebook.version}`), right: "Page &P of &N" },
    },
  };
}
