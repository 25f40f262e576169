// The system control total: who is inside it, RAG, the SFLG's escalation ladder, roll-up, reserves, offsetting and risk share.
import { RulesInputError } from "./inputError";
import { sameCode } from "./codes";
import { lookupUnit, partnerUnitAt, tierLevel } from "./tiers";
import { allocateByLargestRemainder, formatGBP, Money, toPence } from "./money";
import {
  appliesToPartner,
  lookupPartner,
  RulebookError,
  type ControlTotalSettings,
  type EscalationStep,
  type Partner,
  type Rulebook,
  type Tolerance,
} from "./rulebook";

export class ControlTotalInputError extends RulesInputError {
  constructor(message: string) {
    super(message);
    this.name = "ControlTotalInputError";
  }
}

/** Months of the NHS financial year, month 1 = April. */
export const FINANCIAL_MONTHS = ["April", "May", "June", "July", "August", "September", "October", "November", "December", "January", "February", "March"] as const;

export function monthName(month: number): string {
  return FINANCIAL_MONTHS[month - 1] ?? `month ${month}`;
}

export function checkMonth(month: unknown, where: string): number {
  if (typeof month !== "number" || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new ControlTotalInputError(`${where}: the month must be a whole number from 1 (April) to 12 (March), not ${JSON.stringify(month)}`);
  }
  return month;
}

export function controlTotalSettings(rulebook: Rulebook): ControlTotalSettings {
  if (!rulebook.controlTotal) throw new RulebookError(`the rulebook "${rulebook.name}" has no control total section`);
  return rulebook.controlTotal;
}

export interface Membership {
  inside: boolean;
  /** Why, in words, with the clause. */
  reason: string;
}

/** Inside the control total: the partner's type is listed and the Annex 1 element applies to it (type default, then override). */
export function membership(rulebook: Rulebook, partner: Partner): Membership {
  const { types, element, clause } = controlTotalSettings(rulebook).membership;
  const typeLabel = rulebook.partnerTypes.find((t) => t.id === partner.type)?.label ?? partner.type;
  if (!types.includes(partner.type)) {
    return { inside: false, reason: `${typeLabel}: not subject to the NHS control total (${clause})` };
  }
  if (!appliesToPartner(rulebook, partner, element)) {
    return { inside: false, reason: `${partner.name} is not bound by this part of the financial framework (${clause})` };
  }
  return { inside: true, reason: `${typeLabel} inside the system control total (${clause})` };
}

export function findOrganisation(rulebook: Rulebook, organisation: string, where: string): Partner {
  const partner = lookupPartner(rulebook, organisation);
  if (!partner) throw new ControlTotalInputError(`${where}: unknown organisation "${organisation}"`);
  return partner;
}

// ---------------------------------------------------------------- RAG and the ladder

export type Rag = "green" | "amber" | "red";

/** "Green", "Amber", "Red": as the sheet, the report and the task pane say it. */
export const ragLabel = (rag: Rag): string => rag.charAt(0).toUpperCase() + rag.slice(1);

export interface Position {
  /** Planned full-year surplus (+) or deficit (−). */
  plan: Money;
  /** Forecast full-year outturn, same sign convention. */
  forecast: Money;
  /** Needed only when the rulebook's tolerances are a share of turnover. */
  turnover?: Money | null;
}

/** Forecast minus plan: positive is favourable, negative adverse. */
export const varianceOf = (p: Position): Money => p.forecast.minus(p.plan);

/** The adverse part of a variance, as a positive amount (0 when on or better than plan). */
export const adverseOf = (variance: Money): Money => (variance.isNegative() ? variance.negated() : new Money(0));

function basisOf(settings: ControlTotalSettings, p: Position): Money {
  if (settings.toleranceBasis === "plan") return p.plan.abs();
  if (!p.turnover) throw new ControlTotalInputError("the rulebook's tolerances are a share of turnover; give the turnover");
  return p.turnover.abs();
}

/** The larger of the basis share and the floor, in pounds. */
export function toleranceAmount(tolerance: Tolerance, basis: Money): Money {
  const share = basis.times(tolerance.basisPoints).dividedBy(10_000);
  return Money.max(share, tolerance.floorPounds);
}

export interface RagResult {
  status: Rag;
  variance: Money;
  adverse: Money;
  /** The tolerance that decided it: green's when green, amber's otherwise. */
  tolerance: Money;
  explanation: string;
}

/** The band alone: what months-in-a-row counting needs, without the words. */
export function ragBand(settings: ControlTotalSettings, p: Position): Rag {
  const adverse = adverseOf(varianceOf(p));
  const basis = basisOf(settings, p);
  if (adverse.lte(toleranceAmount(settings.rag.green, basis))) return "green";
  return adverse.lte(toleranceAmount(settings.rag.amber, basis)) ? "amber" : "red";
}

export function ragStatus(settings: ControlTotalSettings, p: Position): RagResult {
  const variance = varianceOf(p);
  const adverse = adverseOf(variance);
  const basis = basisOf(settings, p);
  const green = toleranceAmount(settings.rag.green, basis);
  const amber = toleranceAmount(settings.rag.amber, basis);
  const status: Rag = adverse.lte(green) ? "green" : adverse.lte(amber) ? "amber" : "red";
  return {
    status,
    variance,
    adverse,
    tolerance: status === "green" ? green : amber,
    // Worded only when someone reads it: a roll-up of hundreds of organisations shows few of these.
    get explanation() {
      const said = adverse.isZero() ? "on or better than plan" : `${formatGBP(adverse)} adverse`;
      const against =
        status === "green"
          ? `within the green tolerance of ${formatGBP(green)}`
          : status === "amber"
            ? `beyond green (${formatGBP(green)}), within amber (${formatGBP(amber)})`
            : `beyond the amber tolerance of ${formatGBP(amber)}`;
      return `${status.toUpperCase()}: ${said}, ${against} (${settings.rag.clause})`;
    },
  };
}

export interface EscalationResult {
  /** The highest step triggered, or null when none is. */
  step: EscalationStep | null;
  /** 1-based position on the ladder; 0 when none. */
  level: number;
  restrictsDiscretionaryCapital: boolean;
  explanation: string;
}

/**
 * The SFLG recommendation: the highest step on the ladder whose adverse
 * variance (at least) and months-in-a-row thresholds are both met. The ladder
 * rises (the rulebook checks it), so the steps met are always the first few.
 */
export function escalation(settings: ControlTotalSettings, p: Position, monthsAdverse: number): EscalationResult {
  if (!Number.isInteger(monthsAdverse) || monthsAdverse < 0 || monthsAdverse > 12) {
    throw new ControlTotalInputError(`months adverse must be a whole number from 0 to 12, not ${monthsAdverse}`);
  }
  const adverse = adverseOf(varianceOf(p));
  const basis = basisOf(settings, p);
  const { steps, clause: stepsClause, triggersClause } = settings.escalation;
  // The steps are the MoU's; the figures that trigger them are cited apart where they are not.
  const clause = triggersClause === undefined ? stepsClause : `${stepsClause}; triggers ${triggersClause}`;
  let level = 0;
  steps.forEach((s, i) => {
    const met = adverse.gt(0) && adverse.gte(toleranceAmount(s.adverseAtLeast, basis)) && monthsAdverse >= s.monthsInARow;
    if (met) level = i + 1;
  });
  const step = level > 0 ? steps[level - 1]! : null;
  const first = steps[0]!;
  return {
    step,
    level,
    restrictsDiscretionaryCapital: step?.restrictsDiscretionaryCapital ?? false,
    get explanation() {
      return step
        ? `${step.label}: ${formatGBP(adverse)} adverse for ${monthsAdverse} month${monthsAdverse === 1 ? "" : "s"} in a row meets step ${level} of ${steps.length} (${clause})`
        : `No action: below the first step (at least ${formatGBP(toleranceAmount(first.adverseAtLeast, basis))} adverse for ${first.monthsInARow} months in a row) (${clause})`;
    },
  };
}

// ---------------------------------------------------------------- the plans and the roll-up

/** One row of the Plans table: an organisation's position as reported for a month. */
export interface PlanEntry {
  organisation: string;
  month: number;
  plan: Money;
  ytdPlan: Money;
  ytdActual: Money;
  forecast: Money;
  turnover: Money | null;
}

export type Direction = "improving" | "deteriorating" | "unchanged" | "new";

const direction = (now: Money, before: Money | undefined): Direction =>
  before === undefined ? "new" : now.gt(before) ? "improving" : now.lt(before) ? "deteriorating" : "unchanged";

interface Totals {
  plan: Money;
  forecast: Money;
  ytdPlan: Money;
  ytdActual: Money;
  turnover: Money | null;
}

export interface Figures extends Totals {
  ytdVariance: Money;
  forecastVariance: Money;
  /**
   * An organisation's share of the adverse forecast variance inside the control total (its own adverse variance over
   * the sum of every adverse one), so the shares of the organisations behind plan add to exactly 1; null for an
   * organisation on or ahead of plan, one outside the control total, a Place or the system, and when none is behind.
   */
  shareOfGap: Money | null;
  rag: RagResult;
  direction: Direction;
}

export interface OrganisationPosition extends Figures {
  partner: Partner;
  membership: Membership;
  /** Place id, or null for organisations that serve the whole system. */
  place: string | null;
  monthsAdverse: number;
  escalation: EscalationResult | null;
}

export interface PlaceOffsetting {
  adverse: Money;
  favourable: Money;
  reserve: Money;
  reserveUsed: Money;
  offsetWithinPlace: Money;
  /** Adverse variance the reserve and the Place's own favourable variances do not cover. */
  uncovered: Money;
  /** Favourable variance left over for other Places. */
  spare: Money;
}

export interface PlacePosition extends Figures {
  /** Place id, or null for the organisations that serve the whole system. */
  place: string | null;
  name: string;
  organisations: string[];
  offsetting: PlaceOffsetting;
}

export interface SystemPosition extends Figures {
  reserveUsed: Money;
  /** Place shortfalls covered by other Places' spare favourable variance. */
  offsetAcrossPlaces: Money;
  /** What other units' spare favourable variance could cover, where offsetting across units is only a proposal (NENC ICS MoU 30); zero otherwise. */
  proposedOffset: Money;
  uncovered: Money;
  covered: boolean;
  explanation: string;
}

export interface ControlTotalReport {
  month: number;
  inside: OrganisationPosition[];
  outside: OrganisationPosition[];
  places: PlacePosition[];
  system: SystemPosition;
}

const ZERO = new Money(0);
const sum = (values: Money[]) => values.reduce((a, b) => a.plus(b), ZERO);

function totalsOf(entries: PlanEntry[]): Totals {
  const turnovers = entries.map((e) => e.turnover);
  return {
    plan: sum(entries.map((e) => e.plan)),
    forecast: sum(entries.map((e) => e.forecast)),
    ytdPlan: sum(entries.map((e) => e.ytdPlan)),
    ytdActual: sum(entries.map((e) => e.ytdActual)),
    turnover: turnovers.every((t) => t !== null) ? sum(turnovers as Money[]) : null,
  };
}

/** An index of the entries by organisation code and month, every organisation resolved and every month checked, once. */
export class PlanLedger {
  private constructor(
    readonly rulebook: Rulebook,
    private readonly byKey: ReadonlyMap<string, PlanEntry>,
    /** The organisations that reported, by code. */
    readonly partners: ReadonlyMap<string, Partner>,
    readonly months: ReadonlySet<number>,
  ) {}

  /** Validates the entries (as the Plans table or a function gives them); rows are named 1-based in errors. */
  static of(rulebook: Rulebook, entries: readonly PlanEntry[]): PlanLedger {
    const settings = controlTotalSettings(rulebook);
    const byKey = new Map<string, PlanEntry>();
    const partners = new Map<string, Partner>();
    const months = new Set<number>();
    const named = new Map<string, Partner>();
    entries.forEach((e, i) => {
      const where = `row ${i + 1}`;
      const partner = named.get(e.organisation) ?? findOrganisation(rulebook, e.organisation, where);
      named.set(e.organisation, partner);
      const month = checkMonth(e.month, where);
      const key = `${partner.code}|${month}`;
      if (byKey.has(key)) throw new ControlTotalInputError(`${where}: ${partner.code} already has a row for ${monthName(month)}`);
      if (e.turnover === null && settings.toleranceBasis === "turnover") {
        throw new ControlTotalInputError(`${where}: the turnover is blank; the rulebook's tolerances are a share of turnover`);
      }
      byKey.set(key, { ...e, organisation: partner.code, month });
      partners.set(partner.code, partner);
      months.add(month);
    });
    return new PlanLedger(rulebook, byKey, partners, months);
  }

  entry(code: string, month: number): PlanEntry | undefined {
    return this.byKey.get(`${code}|${month}`);
  }

  /** The latest month any organisation has reported. */
  latestMonth(): number | undefined {
    return this.months.size === 0 ? undefined : Math.max(...this.months);
  }

  /** A copy with one organisation's forecast for a month replaced: the "what if" that never touches the sheet. */
  withForecast(code: string, month: number, forecast: Money): PlanLedger {
    const entry = this.entry(code, month);
    if (!entry) throw new ControlTotalInputError(`${code} has no row for ${monthName(month)}`);
    const byKey = new Map(this.byKey);
    byKey.set(`${code}|${month}`, { ...entry, forecast });
    return new PlanLedger(this.rulebook, byKey, this.partners, this.months);
  }
}

/**
 * Months in a row, ending with `month`, in which the organisation was adverse
 * beyond the green tolerance. A month it did not report breaks the run.
 */
export function monthsAdverseInARow(ledger: PlanLedger, code: string, month: number): number {
  const settings = controlTotalSettings(ledger.rulebook);
  let run = 0;
  for (let m = month; m >= 1; m--) {
    const entry = ledger.entry(code, m);
    if (!entry || bandOf(settings, entry) === "green") break;
    run++;
  }
  return run;
}

// Entries are immutable and a what-if shares all but one with the ledger it came from, so each entry's band is worked out once per rulebook.
const bands = new WeakMap<ControlTotalSettings, WeakMap<PlanEntry, Rag>>();

function bandOf(settings: ControlTotalSettings, entry: PlanEntry): Rag {
  let known = bands.get(settings);
  if (!known) bands.set(settings, (known = new WeakMap()));
  let band = known.get(entry);
  if (band === undefined) known.set(entry, (band = ragBand(settings, entry)));
  return band;
}

function figures(settings: ControlTotalSettings, now: Totals, before: Totals | undefined, adverseTotal: Money | null): Figures {
  const position = { plan: now.plan, forecast: now.forecast, turnover: now.turnover };
  const forecastVariance = varianceOf(position);
  const rag = ragStatus(settings, position);
  return {
    ...now,
    ytdVariance: now.ytdActual.minus(now.ytdPlan),
    forecastVariance,
    shareOfGap: adverseTotal === null || !forecastVariance.isNegative() ? null : adverseOf(forecastVariance).dividedBy(adverseTotal),
    rag,
    direction: direction(forecastVariance, before && varianceOf(before)),
  };
}

/** The group of organisations that serve the whole system rather than one Place (e.g. the acute trust). */
const SYSTEM_WIDE = "System-wide";

/**
 * The month's position: every organisation that reported, those inside the
 * control total rolled up to their Place (system-wide organisations form
 * their own group) and to the system; each Place's reserve absorbs its
 * adverse variance first, then its favourable variances offset what is left,
 * then spare favourable variance in other Places offsets the rest.
 */
export function rollUp(ledger: PlanLedger, month: number, reserves: ReadonlyMap<string, Money> = new Map()): ControlTotalReport {
  const rulebook = ledger.rulebook;
  const settings = controlTotalSettings(rulebook);
  checkMonth(month, "the period");
  const codes = [...ledger.partners.keys()].filter((c) => ledger.entry(c, month));
  if (codes.length === 0) throw new ControlTotalInputError(`no organisation has a row for ${monthName(month)}`);
  // Each reserve under its Place's id, however the Place was written.
  const reserveOf = new Map<string, Money>();
  const level = tierLevel(rulebook, settings.rollUpTier);
  const tier = rulebook.tiers[level]!;
  for (const [place, reserve] of reserves) {
    const found = lookupUnit(rulebook, place, tier.id);
    if (!found) throw new ControlTotalInputError(`a risk reserve names unknown ${tier.label} "${place}"`);
    if (reserve.isNegative()) throw new ControlTotalInputError(`the risk reserve for ${place} is negative`);
    reserveOf.set(found.unit.id, reserve);
  }

  const insideCodes = codes.filter((c) => membership(rulebook, ledger.partners.get(c)!).inside);
  const now = (cs: string[]) => totalsOf(cs.map((c) => ledger.entry(c, month)!));
  const before = (cs: string[]) => {
    const previous = cs.map((c) => ledger.entry(c, month - 1));
    return previous.length > 0 && previous.every((e) => e !== undefined) ? totalsOf(previous as PlanEntry[]) : undefined;
  };
  const systemTotals = now(insideCodes);
  // The adverse variance inside the control total, organisation by organisation: what each share is of.
  const adverseInside = sum(insideCodes.map((c) => adverseOf(varianceOf(ledger.entry(c, month)!))));
  const gap = adverseInside.isZero() ? null : adverseInside;

  const organisation = (code: string): OrganisationPosition => {
    const partner = ledger.partners.get(code)!;
    const member = membership(rulebook, partner);
    const entry = ledger.entry(code, month)!;
    const own = figures(settings, totalsOf([entry]), before([code]), member.inside ? gap : null);
    const monthsAdverse = monthsAdverseInARow(ledger, code, month);
    return {
      ...own,
      partner,
      membership: member,
      place: partnerUnitAt(rulebook, partner, level)?.id ?? null,
      monthsAdverse,
      escalation: member.inside ? escalation(settings, entry, monthsAdverse) : null,
    };
  };
  const inside = insideCodes.map(organisation);
  const insideSet = new Set(insideCodes);
  const outside = codes.filter((c) => !insideSet.has(c)).map(organisation);

  const groups = [...tier.units.map((p) => ({ place: p.id as string | null, name: p.name })), { place: null, name: SYSTEM_WIDE }];
  const places: PlacePosition[] = groups
    .map(({ place, name }) => {
      const members = inside.filter((o) => o.place === place);
      const cs = members.map((o) => o.partner.code);
      const adverse = sum(members.map((o) => adverseOf(o.forecastVariance)));
      const favourable = sum(members.map((o) => (o.forecastVariance.gt(0) ? o.forecastVariance : ZERO)));
      const reserve = (place && reserveOf.get(place)) || ZERO;
      const reserveUsed = Money.min(reserve, adverse);
      const offsetWithinPlace = Money.min(favourable, adverse.minus(reserveUsed));
      const offsetting: PlaceOffsetting = {
        adverse,
        favourable,
        reserve,
        reserveUsed,
        offsetWithinPlace,
        uncovered: adverse.minus(reserveUsed).minus(offsetWithinPlace),
        spare: favourable.minus(offsetWithinPlace),
      };
      return { place, name, organisations: cs, offsetting, ...figures(settings, now(cs), before(cs), null) };
    })
    .filter((p) => p.organisations.length > 0 || p.offsetting.reserve.gt(0));

  const reserveUsed = sum(places.map((p) => p.offsetting.reserveUsed));
  const shortfall = sum(places.map((p) => p.offsetting.uncovered));
  const spare = sum(places.map((p) => p.offsetting.spare));
  const possibleOffset = Money.min(shortfall, spare);
  // Across units the offset is automatic, or only a proposal the system opens for discussion (NENC ICS MoU 30).
  const proposal = settings.offsetting.acrossUnits === "proposal";
  const offsetAcrossPlaces = proposal ? ZERO : possibleOffset;
  const proposedOffset = proposal ? possibleOffset : ZERO;
  const uncovered = shortfall.minus(offsetAcrossPlaces);
  const systemFigures = figures(settings, systemTotals, before(insideCodes), null);
  const covered = uncovered.isZero();
  const units = tier.label;
  const explanation = covered
    ? shortfall.isZero()
      ? `Every ${units}'s adverse variance is covered by its own reserve or favourable variances (${settings.placeRiskReserve.clause}; ${settings.offsetting.clause})`
      : `Favourable variances in other ${units}s cover the remaining ${formatGBP(shortfall)} (${settings.offsetting.clause})`
    : proposal && proposedOffset.gt(0)
      ? `${formatGBP(uncovered)} of adverse variance is not covered within its ${units}; favourable variance elsewhere could offset ${formatGBP(proposedOffset)} if the system agrees, a proposal to open for discussion and never applied by itself (${settings.offsetting.clause})`
      : `${formatGBP(uncovered)} of adverse variance is not covered by reserves or favourable variances anywhere in the system (${settings.offsetting.clause})`;
  return {
    month,
    inside,
    outside,
    places,
    system: { ...systemFigures, reserveUsed, offsetAcrossPlaces, proposedOffset, uncovered, covered, explanation },
  };
}

/** The recovery status the capital capability gates discretionary capital on (MoU 7.7, 9.11). */
export function recoveryStatus(report: ControlTotalReport, code: string): EscalationResult | null {
  return report.inside.find((o) => sameCode(o.partner.code, code))?.escalation ?? null;
}

// ---------------------------------------------------------------- risk and gain share

/**
 * Splits a system over- or underspend across partners in proportion to an
 * agreed basis, exact to the penny: the amount is rounded to pence (half-even)
 * once, then shared by largest remainder so the shares sum to it exactly.
 */
export function riskShare(amount: Money, bases: readonly Money[]): Money[] {
  return allocateByLargestRemainder(toPence(amount), bases);
}

/** The bases for sharing the system variance across the control total's members, as the rulebook says. */
export function riskShareBases(rulebook: Rulebook, members: readonly OrganisationPosition[]): Money[] {
  const basis = controlTotalSettings(rulebook).riskShare.basis;
  return members.map((o) => {
    if (basis === "equal") return new Money(1);
    if (basis === "plan") return o.plan.abs();
    if (o.turnover === null) throw new ControlTotalInputError(`${o.partner.code} has no turnover; the risk share is by turnover`);
    return o.turnover.abs();
  });
}

/** The ledger with other forecast outturns for the month in place of the sheet's (a what if, or a scenario's). */
export function withForecasts(ledger: PlanLedger, month: number, forecasts: readonly { organisation: string; forecast: Money }[]): PlanLedger {
  return forecasts.reduce((l, f) => l.withForecast(f.organisation, month, f.forecast), ledger);
}

/** The month to look at: the one asked for if the ledger has it, else the latest reported. */
export function monthOf(ledger: PlanLedger, month: number | null): number {
  const months = [...ledger.months].sort((a, b) => a - b);
  if (months.length === 0) throw new ControlTotalInputError("the Plans table has no months reported");
  return month !== null && months.includes(month) ? month : months.at(-1)!;
}
