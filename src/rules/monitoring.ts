// Transformation funds once allocated: tranches, quarterly returns rated RAG, and what each RAG does to the next tranche (MoU 9.9–9.10).
import { RulesInputError } from "./inputError";
import { allocateByLargestRemainder, formatGBP, Money, parseMoneyAt } from "./money";
import { RulebookError, type MonitoringSettings, type Rulebook, type TierSpec } from "./rulebook";
import { lookupUnit, tierLevel } from "./tiers";

export class MonitoringInputError extends RulesInputError {
  constructor(message: string) {
    super(message);
    this.name = "MonitoringInputError";
  }
}

export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];
export type Rag = "green" | "amber" | "red";
export type Measure = "milestones" | "spend";

/** One agreed deliverable of a unit, with the outcome it is measured by and the quarter it is due (MoU 9.9–9.10). */
export interface Deliverable {
  /** The unit's id and the deliverable's place among the unit's, e.g. "thurrock-2": a reference that stays put while rows of other units move. */
  id: string;
  /** The unit's id (a Place, or an ICP where the allocation is by ICP). */
  unit: string;
  description: string;
  outcomeMeasure: string;
  dueQuarter: Quarter;
}

/**
 * A unit's return for a quarter. Milestones and spend are to date (the financial year so far), so a milestone
 * delivered late still counts and delivered can never exceed due.
 */
export interface QuarterlyReturn {
  unit: string;
  quarter: Quarter;
  milestonesDue: number;
  milestonesDelivered: number;
  spendToDate: Money;
  note: string;
  /** Where the return came from ("ICS_Monitoring row 3"), for messages about it. */
  where: string;
}

/** A unit's allocation: by unit id or name, in £ to the penny. */
export interface UnitAllocation {
  unit: string;
  allocation: Money;
}

export interface MeasureRating {
  measure: Measure;
  rag: Rag;
  reason: string;
}

export interface QuarterRating {
  quarter: Quarter;
  return: QuarterlyReturn;
  rag: Rag;
  /** The measures that set the RAG (the worse of the two; both when they agree). */
  decidedBy: Measure[];
  measures: MeasureRating[];
  /** The funding released to date, which spend is measured against. */
  releasedToDate: Money;
  explanation: string;
}

export type TrancheStatus = "released" | "held" | "awaiting";

export interface Tranche {
  quarter: Quarter;
  amount: Money;
  status: TrancheStatus;
  /** The rule that decided it: the agreed deliverables (the first), else the previous quarter's RAG; none while awaiting. */
  decidedBy: { kind: "deliverables" } | { kind: "rag"; quarter: Quarter; rag: Rag } | null;
  /** The consequence's words, e.g. "held pending SFLG review"; "awaiting the Q2 return" while awaiting. */
  wording: string;
  /** The clause that decided it, labelled illustrative where no seed sets the figure. */
  clause: string;
  reason: string;
}

export interface UnitMonitoring {
  unit: string;
  name: string;
  allocation: Money;
  deliverables: Deliverable[];
  /** One a quarter, summing exactly to the allocation. */
  tranches: Tranche[];
  /** The quarters with a return, in order. */
  ratings: QuarterRating[];
  released: Money;
  held: Money;
  awaiting: Money;
}

export interface MonitoringReport {
  settings: MonitoringSettings;
  /** The tier the funds are allocated to (Places, or ICPs in NENC). */
  tier: TierSpec;
  units: UnitMonitoring[];
  /** The latest quarter any unit has made a return for; null before the first return. */
  latestQuarter: Quarter | null;
}

export function monitoringSettings(rulebook: Rulebook): MonitoringSettings {
  const settings = rulebook.allocation?.monitoring;
  if (!settings) throw new RulebookError(`the rulebook "${rulebook.name}" sets no monitoring of transformation funds (allocation.monitoring)`);
  return settings;
}

/** The tier whose units receive the funds: the allocation's, else the first. */
export const monitoringTier = (rulebook: Rulebook): TierSpec => rulebook.tiers[tierLevel(rulebook, rulebook.allocation?.tier)]!;

/** "Places", "ICPs": a tier's label for a list of its units. */
export const tierPlural = (tier: TierSpec): string => `${tier.label}s`;

// ---------------------------------------------------------------- reading rows, every problem named by row and field

const cellText = (value: unknown): string => (value === null || value === undefined ? "" : String(value).trim());

/** A unit of the monitoring tier by id or name; an error naming the row and field when it is not one. */
export function monitoredUnit(rulebook: Rulebook, name: unknown, where: string, field = "Unit"): { id: string; name: string } {
  const tier = monitoringTier(rulebook);
  const text = cellText(name);
  if (text === "") throw new MonitoringInputError(`${where} (${field}): the ${tier.label} is blank`);
  const found = lookupUnit(rulebook, text, tier.id);
  if (found) return { id: found.unit.id, name: found.unit.name };
  const other = lookupUnit(rulebook, text);
  if (other) throw new MonitoringInputError(`${where} (${field}): "${text}" is a ${other.tier.label}; transformation funds are monitored by ${tier.label}`);
  throw new MonitoringInputError(`${where} (${field}): "${text}" is not one of the rulebook's ${tierPlural(tier)}`);
}

/** A quarter as a sheet gives it: 1–4, or "Q1"–"Q4" in any case. */
export function parseQuarter(value: unknown, where: string, field = "Quarter"): Quarter {
  const text = cellText(value);
  const match = /^q?\s*([0-9]+)$/i.exec(text);
  const n = typeof value === "number" ? value : match ? Number(match[1]) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 4) {
    throw new MonitoringInputError(`${where} (${field}): ${text === "" ? "blank" : `"${text}"`} is not a quarter; use 1 to 4 (or Q1 to Q4) of the financial year`);
  }
  return n as Quarter;
}

/** A count of milestones as a sheet gives it: a whole number, 0 or more (digits as text too). */
export function parseCount(value: unknown, where: string, field: string): number {
  const text = cellText(value);
  const n = typeof value === "number" ? value : /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new MonitoringInputError(`${where} (${field}): ${text === "" ? "blank" : `"${text}"`} is not a count; use a whole number, 0 or more`);
  }
  return n;
}

function required(value: unknown, where: string, field: string): string {
  const text = cellText(value);
  if (text === "") throw new MonitoringInputError(`${where} (${field}): is blank`);
  return text;
}

/** A Deliverables row as the sheet gives it. */
export interface DeliverableCells {
  unit: unknown;
  description: unknown;
  outcomeMeasure: unknown;
  dueQuarter: unknown;
}

/** A deliverable row read; `id` is given by numberDeliverables once every row is read. */
export function parseDeliverable(rulebook: Rulebook, cells: DeliverableCells, where: string): Omit<Deliverable, "id"> {
  return {
    unit: monitoredUnit(rulebook, cells.unit, where).id,
    description: required(cells.description, where, "Deliverable"),
    outcomeMeasure: required(cells.outcomeMeasure, where, "Outcome measure"),
    dueQuarter: parseQuarter(cells.dueQuarter, where, "Due quarter"),
  };
}

/** Each deliverable's id: its unit's id and its place among that unit's deliverables, in table order ("thurrock-1", "thurrock-2"). */
export function numberDeliverables(rows: readonly Omit<Deliverable, "id">[]): Deliverable[] {
  const counts = new Map<string, number>();
  return rows.map((d) => {
    const n = (counts.get(d.unit) ?? 0) + 1;
    counts.set(d.unit, n);
    return { id: `${d.unit}-${n}`, ...d };
  });
}

/** A Monitoring row as the sheet gives it. */
export interface ReturnCells {
  unit: unknown;
  quarter: unknown;
  milestonesDue: unknown;
  milestonesDelivered: unknown;
  spendToDate: unknown;
  note?: unknown;
}

/** Milestones due and delivered to date: counts, and never more delivered than due (both count the year so far). */
export function parseMilestones(due: unknown, delivered: unknown, where: string): { milestonesDue: number; milestonesDelivered: number } {
  const milestonesDue = parseCount(due, where, "Milestones due");
  const milestonesDelivered = parseCount(delivered, where, "Milestones delivered");
  if (milestonesDelivered > milestonesDue) {
    throw new MonitoringInputError(`${where} (Milestones delivered): ${milestonesDelivered} delivered is more than the ${milestonesDue} due to date; both count the year so far`);
  }
  return { milestonesDue, milestonesDelivered };
}

/** An amount spent or released to date, through the one money parser: 0 or more, in whole pence. */
export function parseSpend(value: unknown, where: string, field = "Spend to date"): Money {
  const amount = parseMoneyAt(value, `${where} (${field})`);
  if (amount.isNegative()) throw new MonitoringInputError(`${where} (${field}): ${formatGBP(amount)} is negative; it must be 0 or more`);
  if (!amount.times(100).isInteger()) throw new MonitoringInputError(`${where} (${field}): ${amount.toString()} is not a whole number of pence`);
  return amount;
}

export function parseReturn(rulebook: Rulebook, cells: ReturnCells, where: string): QuarterlyReturn {
  const unit = monitoredUnit(rulebook, cells.unit, where).id;
  const quarter = parseQuarter(cells.quarter, where);
  const milestones = parseMilestones(cells.milestonesDue, cells.milestonesDelivered, where);
  return { unit, quarter, ...milestones, spendToDate: parseSpend(cells.spendToDate, where), note: cellText(cells.note), where };
}

// ---------------------------------------------------------------- rating and tranches

const ZERO = new Money(0);
const RANK: Record<Rag, number> = { green: 0, amber: 1, red: 2 };

/** Basis points as a percentage, exactly: 9000 → "90%", 1050 → "10.5%". */
export const percentOf = (basisPoints: number): string => `${new Money(basisPoints).dividedBy(100).toString()}%`;

/** A ratio for a reason, to one decimal place (display only; the bands are compared in integers). */
const ratioText = (part: Money, whole: Money) => `${part.times(100).dividedBy(whole).toDecimalPlaces(1, Money.ROUND_HALF_EVEN).toFixed(1)}%`;

/** Milestones delivered as a share of those due to date, compared in integers: delivered × 10,000 ≥ due × band. */
export function rateMilestones(settings: MonitoringSettings, due: number, delivered: number): MeasureRating {
  const { green, amber } = settings.rag;
  const bands = `green needs at least ${percentOf(green.milestonesAtLeastBasisPoints)} delivered, amber at least ${percentOf(amber.milestonesAtLeastBasisPoints)}`;
  if (due === 0) return { measure: "milestones", rag: "green", reason: "no milestones due to date" };
  const at = (bp: number) => BigInt(delivered) * 10_000n >= BigInt(due) * BigInt(bp);
  const rag: Rag = at(green.milestonesAtLeastBasisPoints) ? "green" : at(amber.milestonesAtLeastBasisPoints) ? "amber" : "red";
  return { measure: "milestones", rag, reason: `${delivered} of ${due} milestone${due === 1 ? "" : "s"} due delivered (${ratioText(new Money(delivered), new Money(due))}): ${rag}; ${bands}` };
}

/** Spend to date against the funding released to date, compared in whole pence: |spend − released| × 10,000 ≤ released × band. */
export function rateSpend(settings: MonitoringSettings, spend: Money, released: Money): MeasureRating {
  const { green, amber } = settings.rag;
  const bands = `green within ${percentOf(green.spendWithinBasisPoints)} of it, amber within ${percentOf(amber.spendWithinBasisPoints)}`;
  const pence = (m: Money) => BigInt(m.times(100).toFixed(0));
  const [s, r] = [pence(spend), pence(released)];
  const gap = s > r ? s - r : r - s;
  const within = (bp: number) => gap * 10_000n <= r * BigInt(bp);
  const rag: Rag = within(green.spendWithinBasisPoints) ? "green" : within(amber.spendWithinBasisPoints) ? "amber" : "red";
  const how = gap === 0n ? "on profile" : released.isZero() ? (s > r ? "with nothing released" : "on profile") : `${ratioText(spend.minus(released).abs(), released)} ${s > r ? "over" : "under"}`;
  return { measure: "spend", rag, reason: `spend to date ${formatGBP(spend)} against ${formatGBP(released)} released to date (${how}): ${rag}; ${bands}` };
}

/** A quarter's return rated: the worse of its milestones and its spend. */
export function rateQuarter(settings: MonitoringSettings, ret: QuarterlyReturn, releasedToDate: Money): QuarterRating {
  const measures = [rateMilestones(settings, ret.milestonesDue, ret.milestonesDelivered), rateSpend(settings, ret.spendToDate, releasedToDate)];
  const rag = measures.reduce<Rag>((worst, m) => (RANK[m.rag] > RANK[worst] ? m.rag : worst), "green");
  const decidedBy = measures.filter((m) => m.rag === rag).map((m) => m.measure);
  const deciding = measures.filter((m) => m.rag === rag).map((m) => m.reason);
  return {
    quarter: ret.quarter,
    return: ret,
    rag,
    decidedBy,
    measures,
    releasedToDate,
    explanation: `Q${ret.quarter} ${rag.toUpperCase()}: ${deciding.join("; and ")} (${settings.rag.clause})`,
  };
}

/** Each quarter's tranche of an allocation, in whole pence summing exactly to it (largest remainder, ties to the earlier quarter). */
export function tranchesOf(settings: MonitoringSettings, allocation: Money): Money[] {
  return allocateByLargestRemainder(allocation, settings.tranches.sharesBasisPoints.map((bp) => new Money(bp)));
}

/**
 * Monitors each unit's allocation through the year: its tranches, each quarter's return rated, and each tranche
 * released or held. The first tranche is released once the unit's deliverables and outcomes are agreed (funding is
 * "subject to agreement of clear deliverables and outcomes", MoU 9.9); each later one by the previous quarter's RAG
 * and the rulebook's consequence for it; a tranche whose deciding return has not come in is awaiting. A held tranche
 * stays held: releasing it later is the reviewer's decision, not a rule's. Spend is measured against the funding
 * released to date. Every problem (a unit without an allocation, a return twice) is named by its row.
 */
export function monitorFunds(
  rulebook: Rulebook,
  allocations: readonly UnitAllocation[],
  deliverables: readonly Deliverable[],
  returns: readonly QuarterlyReturn[],
): MonitoringReport {
  const settings = monitoringSettings(rulebook);
  const tier = monitoringTier(rulebook);
  const units = allocations.map((a, i) => {
    const unit = monitoredUnit(rulebook, a.unit, `allocation ${i + 1}`);
    if (a.allocation.isNegative() || !a.allocation.times(100).isInteger()) {
      throw new MonitoringInputError(`${unit.name}: the allocation ${a.allocation.toString()} must be 0 or more, in whole pence`);
    }
    return { ...unit, allocation: a.allocation };
  });
  const byUnit = new Map(units.map((u) => [u.id, u]));
  if (byUnit.size !== units.length) throw new MonitoringInputError(`a ${tier.label} has two allocations; give each one once`);

  const problems: string[] = [];
  const seen = new Map<string, QuarterlyReturn>();
  for (const r of returns) {
    if (!byUnit.has(r.unit)) problems.push(`${r.where} (Unit): ${nameOf(rulebook, r.unit)} has no allocation to monitor`);
    const key = `${r.unit}\u0000${r.quarter}`;
    const before = seen.get(key);
    if (before) problems.push(`${r.where} (Quarter): ${nameOf(rulebook, r.unit)}'s Q${r.quarter} return is also at ${before.where}; keep one`);
    else seen.set(key, r);
  }
  if (problems.length > 0) throw new MonitoringInputError(problems.join("; "));

  const result = units.map((u): UnitMonitoring => {
    const own = deliverables.filter((d) => d.unit === u.id);
    const amounts = tranchesOf(settings, u.allocation);
    const tranches: Tranche[] = [];
    const ratings: QuarterRating[] = [];
    let releasedToDate = ZERO;
    for (const quarter of QUARTERS) {
      const amount = amounts[quarter - 1]!;
      const tranche = quarter === 1 ? firstTranche(settings, amount, own.length) : laterTranche(settings, quarter, amount, ratings.at(-1), quarter - 1);
      tranches.push(tranche);
      if (tranche.status === "released") releasedToDate = releasedToDate.plus(amount);
      const ret = seen.get(`${u.id}\u0000${quarter}`);
      if (ret) ratings.push(rateQuarter(settings, ret, releasedToDate));
    }
    const sumOf = (status: TrancheStatus) => tranches.filter((t) => t.status === status).reduce((a, t) => a.plus(t.amount), ZERO);
    return { unit: u.id, name: u.name, allocation: u.allocation, deliverables: own, tranches, ratings, released: sumOf("released"), held: sumOf("held"), awaiting: sumOf("awaiting") };
  });
  const quarters = result.flatMap((u) => u.ratings.map((r) => r.quarter));
  return { settings, tier, units: result, latestQuarter: quarters.length ? (Math.max(...quarters) as Quarter) : null };
}

const nameOf = (rulebook: Rulebook, id: string) => lookupUnit(rulebook, id)?.unit.name ?? id;

function firstTranche(settings: MonitoringSettings, amount: Money, agreed: number): Tranche {
  const base = { quarter: 1 as const, amount, decidedBy: { kind: "deliverables" as const }, clause: settings.clause };
  if (agreed > 0) {
    return { ...base, status: "released", wording: "released", reason: `Q1 tranche ${formatGBP(amount)} released: ${agreed} deliverable${agreed === 1 ? "" : "s"} and outcome${agreed === 1 ? "" : "s"} agreed (${settings.clause})` };
  }
  return {
    ...base,
    status: "held",
    wording: "held until deliverables and outcomes are agreed",
    reason: `Q1 tranche ${formatGBP(amount)} held: no deliverables and outcomes agreed yet, and funding is subject to them (${settings.clause})`,
  };
}

/** Tranche `quarter`, decided by the rating of the quarter before, when that quarter's return is in. */
function laterTranche(settings: MonitoringSettings, quarter: Quarter, amount: Money, last: QuarterRating | undefined, before: number): Tranche {
  if (!last || last.quarter !== before) {
    return {
      quarter,
      amount,
      status: "awaiting",
      decidedBy: null,
      wording: `awaiting the Q${before} return`,
      clause: settings.consequences.clause,
      reason: `Q${quarter} tranche ${formatGBP(amount)} awaiting the Q${before} return, whose RAG decides it (${settings.consequences.clause})`,
    };
  }
  const consequence = settings.consequences[last.rag];
  return {
    quarter,
    amount,
    status: consequence.tranche === "release" ? "released" : "held",
    decidedBy: { kind: "rag", quarter: last.quarter, rag: last.rag },
    wording: consequence.wording,
    clause: settings.consequences.clause,
    reason: `Q${quarter} tranche ${formatGBP(amount)} ${consequence.wording}: Q${last.quarter} was ${last.rag} (${settings.consequences.clause})`,
  };
}
