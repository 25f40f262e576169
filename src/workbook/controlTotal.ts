// The Plans and Places tables as the Control total panel reads them, and its report sheet.
import { checkMonth, monthName, ragLabel, type ControlTotalReport, type PlanEntry } from "../rules/controlTotal";
import { formatGBP, Money, roundByLargestRemainder, toExcelNumber, type Money as MoneyValue } from "../rules/money";
import type { Rulebook } from "../rules/rulebook";
import { lookupUnit, unitById } from "../rules/tiers";
import type { Cell, TableSpec, Workbook } from "./gateway";
import { blank, moneyAt, readRows, recordsOf, textOf } from "./records";
import { placesTableUnit } from "./placesTable";
import { PLACES, PLANS } from "./tables";

/** The Plans table as entries; undefined when the workbook has no Plans table yet. */
export async function readPlans(workbook: Workbook): Promise<PlanEntry[] | undefined> {
  const table = await workbook.readTable(PLANS.name);
  if (!table) return undefined;
  const records = recordsOf(table, PLANS).filter((r) => textOf(r["Organisation"]!) !== "");
  return readRows(records, PLANS, (r, where) => ({
    organisation: textOf(r["Organisation"]!),
    month: checkMonth(typeof r["Month"] === "string" && /^\d+$/.test(r["Month"].trim()) ? Number(r["Month"]) : r["Month"], where),
    plan: moneyAt(r, "Plan", where),
    ytdPlan: moneyAt(r, "YTD plan", where),
    ytdActual: moneyAt(r, "YTD actual", where),
    forecast: moneyAt(r, "Forecast outturn", where),
    turnover: blank(r["Turnover"]) ? null : moneyAt(r, "Turnover", where),
  }));
}

/** Each Place's risk reserve (MoU 9.4) from the Places table, by Place id; blank is none. */
export async function readRiskReserves(workbook: Workbook, rulebook: Rulebook): Promise<Map<string, MoneyValue>> {
  const table = await workbook.readTable(PLACES.name);
  if (!table) return new Map();
  const records = recordsOf(table, PLACES).filter((r) => textOf(r["Place"]!) !== "");
  const rollUpTier = rulebook.controlTotal?.rollUpTier;
  const entries = readRows(records, PLACES, (r, where) => {
    const name = textOf(r["Place"]!);
    // A row of another tier (the allocation's, where it differs) holds no reserve for the roll-up; one that does is refused.
    const other = lookupUnit(rulebook, name);
    if (other && rollUpTier !== undefined && other.tier.id !== rollUpTier && blank(r["Risk reserve"])) return undefined;
    const place = placesTableUnit(rulebook, name, rollUpTier, where);
    return [place.unit.id, blank(r["Risk reserve"]) ? new Money(0) : moneyAt(r, "Risk reserve", where)] as const;
  });
  return new Map(entries.filter((e) => e !== undefined));
}

export const CONTROL_TOTAL_REPORT = {
  name: "ICS_ControlTotalReport",
  sheet: "ICS Control total report",
  columns: [
    { header: "Organisation", kind: "text" },
    { header: "Place", kind: "text" },
    { header: "Plan", kind: "money" },
    { header: "Forecast outturn", kind: "money" },
    { header: "Forecast variance", kind: "money" },
    { header: "YTD variance", kind: "money" },
    { header: "Share of adverse variance", kind: "percent" },
    { header: "RAG", kind: "text" },
    { header: "Direction", kind: "text" },
    { header: "Months adverse", kind: "number" },
    { header: "SFLG recommendation", kind: "text" },
  ],
} as const satisfies TableSpec;

const pounds = toExcelNumber;

/** Writes the month's report on the add-in's own report sheet (replacing only that sheet), with a chart of forecast variance. */
export async function writeControlTotalReport(workbook: Workbook, rulebook: Rulebook, report: ControlTotalReport, extraNotes: readonly string[] = []): Promise<string> {
  const placeName = (id: string | null) => (id === null ? undefined : unitById(rulebook, id)?.unit.name) ?? "System-wide";
  const sorted = [...report.inside].sort((a, b) => a.forecastVariance.comparedTo(b.forecastVariance));
  // Shares to four places (0.01% as a percentage), rounded together so those written add to exactly 100%.
  const behind = sorted.filter((o) => o.shareOfGap !== null);
  const rounded = behind.length === 0 ? [] : roundByLargestRemainder(behind.map((o) => o.shareOfGap!.times(10_000)), new Money(10_000));
  const share = new Map(behind.map((o, k) => [o, rounded[k]!.dividedBy(10_000).toNumber()] as const));
  const rows: Cell[][] = sorted.map((o) => [
    o.partner.name,
    placeName(o.place),
    pounds(o.plan),
    pounds(o.forecast),
    pounds(o.forecastVariance),
    pounds(o.ytdVariance),
    share.get(o) ?? null,
    ragLabel(o.rag.status),
    o.direction,
    o.monthsAdverse,
    o.escalation?.step ? `${o.escalation.step.label} (${rulebook.controlTotal!.escalation.clause})` : "None",
  ]);
  const s = report.system;
  const notes = [
    `${monthName(report.month)} (month ${report.month}) · ${rulebook.name}`,
    `System: plan ${formatGBP(s.plan)}, forecast ${formatGBP(s.forecast)}, variance ${formatGBP(s.forecastVariance)} (${ragLabel(s.rag.status)})`,
    `Place risk reserves used ${formatGBP(s.reserveUsed)}; offset across Places ${formatGBP(s.offsetAcrossPlaces)}; ${s.explanation}`,
    `Outside the control total: ${report.outside.map((o) => o.partner.code).join(", ") || "none"}`,
    ...extraNotes,
  ];
  return workbook.writeReport({
    table: CONTROL_TOTAL_REPORT,
    title: "System control total",
    notes,
    rows,
    chart: { title: "Forecast variance by organisation (£)", type: "bar", categories: "Organisation", values: "Forecast variance" },
  });
}
