// The control total statement: each organisation's month as NHS finance reports it, rolled up through the tiers (data, not code) to the system.
import {
  checkMonth,
  ControlTotalInputError,
  controlTotalSettings,
  escalation,
  findOrganisation,
  membership,
  monthName,
  monthsAdverseInARow,
  ragStatus,
  type EscalationResult,
  type PlanEntry,
  type PlanLedger,
  type Rag,
  type RagResult,
} from "./controlTotal";
import { Money } from "./money";
import type { ControlTotalSettings, Partner, Rulebook, TierUnit } from "./rulebook";
import { partnerUnitAt, unitAtLevel, unitById } from "./tiers";

// ---------------------------------------------------------------- the financial year

/** An NHS financial year, April to March, named by the calendar year its April falls in (2025 is 2025/26). */
export interface FinancialYear {
  start: number;
}

export const financialYearLabel = (year: FinancialYear): string => `${year.start}/${String((year.start + 1) % 100).padStart(2, "0")}`;

/** The financial year a date falls in: April onwards belongs to the year starting that April. */
export const financialYearOf = (date: Date): FinancialYear => ({ start: date.getMonth() >= 3 ? date.getFullYear() : date.getFullYear() - 1 });

/** "2025/26", "2025-26", "2025/2026" or "FY2025/26"; undefined when it is none of these or the two years do not follow. */
export function parseFinancialYear(text: string): FinancialYear | undefined {
  const match = /^(?:FY\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/i.exec(text.trim());
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = Number(match[2]);
  const follows = match[2]!.length === 2 ? end === (start + 1) % 100 : end === start + 1;
  return follows ? { start } : undefined;
}

/** Month 1 is April of the year's first calendar year; months 10–12 (January–March) fall in the next. */
export const calendarYearOf = (year: FinancialYear, month: number): number => (month >= 10 ? year.start + 1 : year.start);

/** "March 2026 (month 12 of 2025/26)": the period a statement is for. */
export const periodLabel = (year: FinancialYear, month: number): string =>
  `${monthName(month)} ${calendarYearOf(year, month)} (month ${month} of ${financialYearLabel(year)})`;

/** The month of the financial year (1 = April) a calendar date falls in, or undefined when it is outside that year. */
export function monthOfDate(year: FinancialYear, date: Date): number | undefined {
  const month = ((date.getMonth() + 9) % 12) + 1;
  return calendarYearOf(year, month) === date.getFullYear() ? month : undefined;
}

// ---------------------------------------------------------------- what the Plans table does not hold

/** An organisation's month beyond its plan and forecast: non-recurrent items, efficiency and capital. Surplus positive. */
export interface StatementDetail {
  organisation: string;
  month: number;
  /** Non-recurrent items inside the year-to-date actual (income positive, costs negative). */
  nonRecurrentYtd: Money;
  /** Non-recurrent items inside the forecast outturn. */
  nonRecurrentForecast: Money;
  efficiencyPlanYtd: Money;
  efficiencyDeliveredYtd: Money;
  capitalSpendYtd: Money;
  capitalForecast: Money;
  /** The capital departmental expenditure limit for the year. */
  cdel: Money;
}

/** The detail rows by organisation code and month, each organisation resolved and no month given twice. */
export function indexDetails(rulebook: Rulebook, details: readonly StatementDetail[]): Map<string, StatementDetail> {
  const byKey = new Map<string, StatementDetail>();
  const named = new Map<string, Partner>();
  details.forEach((d, i) => {
    const where = `row ${i + 1}`;
    const partner = named.get(d.organisation) ?? findOrganisation(rulebook, d.organisation, where);
    named.set(d.organisation, partner);
    const month = checkMonth(d.month, where);
    const key = detailKey(partner.code, month);
    if (byKey.has(key)) throw new ControlTotalInputError(`${where}: ${partner.code} already has detail for ${monthName(month)}`);
    byKey.set(key, { ...d, organisation: partner.code, month });
  });
  return byKey;
}

const detailKey = (code: string, month: number) => `${code}|${month}`;

// ---------------------------------------------------------------- tiers

/** A group at one tier: a Place today; an ICP in a three-tier system. */
export interface TierGroup {
  key: string;
  name: string;
}

/**
 * One tier of the roll-up above the organisations. `groupOf` maps each member of the tier below (organisation codes
 * for the first tier, group keys of the tier below for the others) to its group here. The system is above them all.
 */
export interface Tier {
  id: string;
  label: string;
  groupOf: ReadonlyMap<string, TierGroup>;
}

/** Organisations that serve the whole system rather than one Place (e.g. the acute trust) form a group of their own. */
export const SYSTEM_WIDE: TierGroup = { key: "system-wide", name: "System-wide" };

/**
 * The rulebook's tiers as roll-up maps: organisation → its unit at the lowest tier → ... → the top tier → system.
 * An organisation whose unit sits higher up (a trust serving a whole ICP) forms a group of its own ("North ICP-wide")
 * at the tiers below its unit; one serving the whole system is System-wide at every tier. A unit that belongs to no
 * unit of the next tier carries on as a group of its own.
 */
export function placeTiers(rulebook: Rulebook): Tier[] {
  const wide = (unit: TierUnit): TierGroup => ({ key: `${unit.id}:wide`, name: `${unit.name}-wide` });
  return rulebook.tiers.map((tier, level) => {
    const groupOf = new Map<string, TierGroup>();
    const groupOfUnit = (unit: TierUnit | null): TierGroup => (unit ? { key: unit.id, name: unit.name } : SYSTEM_WIDE);
    if (level === 0) {
      for (const p of rulebook.partners) {
        const own = p.place === null ? undefined : unitById(rulebook, p.place);
        groupOf.set(p.code, own && own.level > 0 ? wide(own.unit) : groupOfUnit(partnerUnitAt(rulebook, p, 0)));
      }
    } else {
      groupOf.set(SYSTEM_WIDE.key, SYSTEM_WIDE);
      for (const unit of rulebook.tiers[level - 1]!.units) {
        const up = unitAtLevel(rulebook, unit.id, level);
        groupOf.set(unit.id, up ? groupOfUnit(up) : { key: unit.id, name: unit.name });
      }
      // Groups of their own from below: a unit-wide group joins its unit here or stays wide until its unit's tier.
      for (const below of rulebook.tiers.slice(level).flatMap((t, i) => t.units.map((u) => ({ u, at: level + i })))) {
        groupOf.set(`${below.u.id}:wide`, below.at === level ? groupOfUnit(below.u) : wide(below.u));
      }
    }
    return { id: tier.id, label: tier.label, groupOf };
  });
}

// ---------------------------------------------------------------- figures

export interface Underlying {
  nonRecurrentYtd: Money;
  /** Year-to-date actual without the non-recurrent items. */
  underlyingYtd: Money;
  nonRecurrentForecast: Money;
  /** Forecast outturn without the non-recurrent items. */
  underlyingForecast: Money;
}

export interface Efficiency {
  planYtd: Money;
  deliveredYtd: Money;
  /** Delivered minus plan: negative is behind plan. */
  variance: Money;
  rag: Rag;
  explanation: string;
}

export interface Capital {
  spendYtd: Money;
  forecast: Money;
  cdel: Money;
  /** CDEL minus forecast spend: negative is a forecast over the limit. */
  headroom: Money;
}

export interface StatementFigures {
  annualPlan: Money;
  ytdPlan: Money;
  ytdActual: Money;
  /** Actual minus plan: positive is favourable. */
  ytdVariance: Money;
  forecast: Money;
  forecastVariance: Money;
  turnover: Money | null;
  /** Null when an organisation in the line has no detail row for the month. */
  underlying: Underlying | null;
  efficiency: Efficiency | null;
  capital: Capital | null;
}

export interface StatementLine {
  kind: "organisation" | "group" | "system";
  /** Organisation code, group key, or "system". */
  key: string;
  name: string;
  /** "Organisation", the tier's label (e.g. "Place"), or "System". */
  tier: string;
  figures: StatementFigures;
  rag: RagResult;
  /** The SFLG ladder step (organisations only). */
  escalation: EscalationResult | null;
  monthsAdverse: number | null;
  /** The organisations that reported without a detail row (what a null underlying, efficiency or capital is missing). */
  missingDetail: string[];
  /** Groups of the tier below, or organisations; empty for an organisation. */
  children: StatementLine[];
}

export interface Statement {
  month: number;
  tiers: readonly Tier[];
  system: StatementLine;
  /** Organisations that reported but are outside the control total (not in any total). */
  outside: StatementLine[];
}

const ZERO = new Money(0);
const add = (a: Money, b: Money) => a.plus(b);

function efficiencyOf(settings: ControlTotalSettings, planYtd: Money, deliveredYtd: Money): Efficiency {
  const bands = settings.statement?.efficiency;
  const variance = deliveredYtd.minus(planYtd);
  let rag: Rag = "green";
  // Delivered at least a share of plan, compared exactly: delivered × 10,000 ≥ plan × basis points.
  if (bands && planYtd.gt(0)) {
    const reaches = (bp: number) => deliveredYtd.times(10_000).gte(planYtd.times(bp));
    rag = reaches(bands.greenAtLeastBasisPoints) ? "green" : reaches(bands.amberAtLeastBasisPoints) ? "amber" : "red";
  }
  return {
    planYtd,
    deliveredYtd,
    variance,
    rag,
    get explanation() {
      if (!bands) return "no efficiency bands in the rulebook";
      if (!planYtd.gt(0)) return "no efficiency planned to date";
      const share = deliveredYtd.times(100).dividedBy(planYtd).toDecimalPlaces(1).toFixed(1);
      return `${rag.toUpperCase()}: ${share}% of the year-to-date plan delivered; green at ${bands.greenAtLeastBasisPoints / 100}% or more, amber at ${bands.amberAtLeastBasisPoints / 100}% or more (${bands.clause})`;
    },
  };
}

function organisationFigures(settings: ControlTotalSettings, entry: PlanEntry, detail: StatementDetail | undefined): StatementFigures {
  return {
    annualPlan: entry.plan,
    ytdPlan: entry.ytdPlan,
    ytdActual: entry.ytdActual,
    ytdVariance: entry.ytdActual.minus(entry.ytdPlan),
    forecast: entry.forecast,
    forecastVariance: entry.forecast.minus(entry.plan),
    turnover: entry.turnover,
    underlying: detail
      ? {
          nonRecurrentYtd: detail.nonRecurrentYtd,
          underlyingYtd: entry.ytdActual.minus(detail.nonRecurrentYtd),
          nonRecurrentForecast: detail.nonRecurrentForecast,
          underlyingForecast: entry.forecast.minus(detail.nonRecurrentForecast),
        }
      : null,
    efficiency: detail ? efficiencyOf(settings, detail.efficiencyPlanYtd, detail.efficiencyDeliveredYtd) : null,
    capital: detail
      ? { spendYtd: detail.capitalSpendYtd, forecast: detail.capitalForecast, cdel: detail.cdel, headroom: detail.cdel.minus(detail.capitalForecast) }
      : null,
  };
}

/** A field summed over lines, or null when any line lacks it. */
function sumOrNull<T>(parts: readonly StatementFigures[], pick: (f: StatementFigures) => T | null, total: (values: T[]) => T): T | null {
  const values = parts.map(pick);
  return values.every((v) => v !== null) ? total(values as T[]) : null;
}

const sumOf = <K extends string>(keys: readonly K[]) => (values: readonly Record<K, Money>[]) =>
  Object.fromEntries(keys.map((k) => [k, values.reduce((a, v) => add(a, v[k]), ZERO)])) as Record<K, Money>;

const sumUnderlying = sumOf(["nonRecurrentYtd", "underlyingYtd", "nonRecurrentForecast", "underlyingForecast"] as const);
const sumCapital = sumOf(["spendYtd", "forecast", "cdel", "headroom"] as const);

/** A group's figures: every amount the sum of its parts' unrounded amounts; RAG on the totals. */
function totalFigures(settings: ControlTotalSettings, parts: readonly StatementFigures[]): StatementFigures {
  const total = (pick: (f: StatementFigures) => Money) => parts.reduce((a, f) => add(a, pick(f)), ZERO);
  const efficiency = sumOrNull(parts, (f) => f.efficiency, (es) => efficiencyOf(settings, es.reduce((a, e) => add(a, e.planYtd), ZERO), es.reduce((a, e) => add(a, e.deliveredYtd), ZERO)));
  return {
    annualPlan: total((f) => f.annualPlan),
    ytdPlan: total((f) => f.ytdPlan),
    ytdActual: total((f) => f.ytdActual),
    ytdVariance: total((f) => f.ytdVariance),
    forecast: total((f) => f.forecast),
    forecastVariance: total((f) => f.forecastVariance),
    turnover: sumOrNull(parts, (f) => f.turnover, (ts) => ts.reduce(add, ZERO)),
    underlying: sumOrNull(parts, (f) => f.underlying, sumUnderlying),
    efficiency,
    capital: sumOrNull(parts, (f) => f.capital, sumCapital),
  };
}

const ragOf = (settings: ControlTotalSettings, f: StatementFigures) => ragStatus(settings, { plan: f.annualPlan, forecast: f.forecast, turnover: f.turnover });

function groupLine(settings: ControlTotalSettings, kind: "group" | "system", key: string, name: string, tier: string, children: StatementLine[]): StatementLine {
  const figures = totalFigures(settings, children.map((c) => c.figures));
  return {
    kind,
    key,
    name,
    tier,
    figures,
    rag: ragOf(settings, figures),
    escalation: null,
    monthsAdverse: null,
    missingDetail: children.flatMap((c) => c.missingDetail),
    children,
  };
}

/**
 * The month's statement: every organisation inside the control total that reported for the month, with its RAG and
 * ladder step (as the control total rules give them), grouped tier by tier up to the system; totals are sums of the
 * unrounded figures. Organisations outside the control total are listed apart and in no total.
 */
export function statementOf(
  ledger: PlanLedger,
  details: ReadonlyMap<string, StatementDetail>,
  month: number,
  tiers: readonly Tier[] = placeTiers(ledger.rulebook),
): Statement {
  const rulebook = ledger.rulebook;
  const settings = controlTotalSettings(rulebook);
  checkMonth(month, "the period");
  const organisation = (code: string, inside: boolean): StatementLine => {
    const entry = ledger.entry(code, month)!;
    const detail = details.get(detailKey(code, month));
    const monthsAdverse = monthsAdverseInARow(ledger, code, month);
    const figures = organisationFigures(settings, entry, detail);
    return {
      kind: "organisation",
      key: code,
      name: ledger.partners.get(code)!.name,
      tier: "Organisation",
      figures,
      rag: ragStatus(settings, entry),
      escalation: inside ? escalation(settings, entry, monthsAdverse) : null,
      monthsAdverse,
      missingDetail: detail ? [] : [code],
      children: [],
    };
  };
  const reported = [...ledger.partners.keys()].filter((c) => ledger.entry(c, month));
  if (reported.length === 0) throw new ControlTotalInputError(`no organisation has a row for ${monthName(month)}`);
  const isInside = (c: string) => membership(rulebook, ledger.partners.get(c)!).inside;

  // Up the tiers: each level's lines are grouped by the tier's map, in the order the groups are first met.
  let lines = reported.filter(isInside).map((c) => organisation(c, true));
  for (const tier of tiers) {
    const groups = new Map<string, { group: TierGroup; members: StatementLine[] }>();
    for (const line of lines) {
      const group = tier.groupOf.get(line.key);
      if (!group) throw new ControlTotalInputError(`${line.name} is in no ${tier.label}`);
      const at = groups.get(group.key) ?? groups.set(group.key, { group, members: [] }).get(group.key)!;
      at.members.push(line);
    }
    lines = [...groups.values()].map(({ group, members }) => groupLine(settings, "group", group.key, group.name, tier.label, members));
  }
  return {
    month,
    tiers,
    system: groupLine(settings, "system", "system", "System", "System", lines),
    outside: reported.filter((c) => !isInside(c)).map((c) => organisation(c, false)),
  };
}

/** Every organisation line under a line, in reading order. */
export function organisationsUnder(line: StatementLine): StatementLine[] {
  return line.kind === "organisation" ? [line] : line.children.flatMap(organisationsUnder);
}

// ---------------------------------------------------------------- trend

export interface TrendPoint {
  month: number;
  ytdPlan: Money;
  ytdActual: Money;
}

/**
 * Year-to-date plan against actual by month, for one organisation or (with null) the organisations inside the control
 * total; a month is shown for the system only when every organisation that reported in the latest month reported in it.
 */
export function trendOf(ledger: PlanLedger, code: string | null): TrendPoint[] {
  const months = [...ledger.months].sort((a, b) => a - b);
  if (code !== null) {
    return months.flatMap((month) => {
      const e = ledger.entry(code, month);
      return e ? [{ month, ytdPlan: e.ytdPlan, ytdActual: e.ytdActual }] : [];
    });
  }
  const latest = months.at(-1);
  if (latest === undefined) return [];
  const members = [...ledger.partners.keys()].filter((c) => ledger.entry(c, latest) && membership(ledger.rulebook, ledger.partners.get(c)!).inside);
  return months.flatMap((month) => {
    const entries = members.map((c) => ledger.entry(c, month));
    if (entries.some((e) => !e)) return [];
    return [{ month, ytdPlan: entries.reduce((a, e) => add(a, e!.ytdPlan), ZERO), ytdActual: entries.reduce((a, e) => add(a, e!.ytdActual), ZERO) }];
  });
}
