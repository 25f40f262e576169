// The inputs the panels share while someone works (text as typed), and how they become a saved scenario and back.
import { Money, parseTypedMoney } from "./money";
import type { CAPITAL_OBJECTIVES, Rulebook } from "./rulebook";

type CapitalObjective = (typeof CAPITAL_OBJECTIVES)[number];
import { parseScenario, ScenarioError, type Scenario } from "./scenario";

/** The capital envelope the panels start with until someone types another. */
export const DEFAULT_ENVELOPE = "20,000,000";
/** The organisation name under which the system's agreed planning assumptions are kept (as in the Assumptions table). */
export const SYSTEM = "System";

export type WeightMode = "direct" | "swing";

/** What the panels hold between tabs: each field as the user typed it, so nothing typed is lost, valid or not. */
export interface Draft {
  controlTotal: { month: number | null; forecasts: { organisation: string; forecast: string }[] };
  allocation: { fund: string | null; formulaId: string; useFloorsAndCaps: boolean; pace: string };
  /** Assumption values as percentages typed (e.g. "5.5" for 5.5%); organisation "System" for the agreed ones. */
  assumptions: { organisation: string; assumption: string; value: string }[];
  capital: {
    envelope: string;
    weightPoints: number[];
    mode: WeightMode;
    locks: { scheme: string; lock: "in" | "out" }[];
    /** Null for the rulebook's default objective. */
    objective: CapitalObjective | null;
    liftRecovery: boolean;
    /** Each plan year's envelope as typed, for a Schemes table with a profile by year. */
    yearEnvelopes: { label: string; envelope: string }[];
  };
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** "2" or "2.5%" → basis points (an exact integer); blank → no limit. */
export function parsePace(text: string): Parsed<number | null> {
  const trimmed = text.trim().replace(/%$/, "").trim();
  if (trimmed === "") return { ok: true, value: null };
  let basisPoints: Money;
  try {
    basisPoints = new Money(trimmed).times(100);
  } catch {
    return { ok: false, message: `"${text}" is not a percentage` };
  }
  if (!basisPoints.isInteger() || basisPoints.isNegative() || basisPoints.gt(10_000)) {
    return { ok: false, message: "Give a percentage from 0 to 100, to at most two decimal places" };
  }
  return { ok: true, value: basisPoints.toNumber() };
}

/** An amount typed in pounds: exact, whole pence; `positive` refuses zero too. */
export function parsePounds(text: string, what: string, options: { allowNegative?: boolean; positive?: boolean } = {}): Parsed<Money> {
  if (text.trim() === "") return { ok: false, message: `Enter the ${what}` };
  try {
    const value = parseTypedMoney(text);
    if (!options.allowNegative && value.isNegative()) return { ok: false, message: `The ${what} must not be negative` };
    if (options.positive && !value.gt(0)) return { ok: false, message: `The ${what} must be more than £0` };
    if (!value.times(100).isInteger()) return { ok: false, message: `The ${what} must be in whole pence` };
    return { ok: true, value };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/**
 * The capital envelope as typed, in whole pence: the single envelope, or for a plan over financial years each year's
 * (named in the message when one is missing or wrong) and their total.
 */
export function parsePlanEnvelope(
  single: string,
  years: readonly string[],
  typed: readonly { label: string; envelope: string }[],
): { ok: true; pence: number; years?: { label: string; envelope: number }[] } | { ok: false; message: string } {
  if (years.length <= 1) {
    const parsed = parsePounds(single, "envelope", { positive: true });
    return parsed.ok ? { ok: true, pence: parsed.value.times(100).toNumber() } : parsed;
  }
  const plan: { label: string; envelope: number }[] = [];
  for (const label of years) {
    const text = typed.find((y) => y.label === label);
    if (!text) return { ok: false, message: `Enter the envelope for ${label}` };
    const parsed = parsePounds(text.envelope, `envelope for ${label}`, { positive: true });
    if (!parsed.ok) return parsed;
    plan.push({ label, envelope: parsed.value.times(100).toNumber() });
  }
  return { ok: true, pence: plan.reduce((a, y) => a + y.envelope, 0), years: plan };
}

/** A percentage typed ("5.5" or "5.5%") as the fraction the Assumptions table holds (0.055), exactly. */
export function parsePercent(text: string): Parsed<Money> {
  const trimmed = text.trim().replace(/%$/, "").trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return { ok: false, message: `"${text}" is not a percentage` };
  return { ok: true, value: new Money(trimmed).dividedBy(100) };
}

export const percentOf = (fraction: Money | string) => new Money(fraction).times(100).toString();

/** The panels' starting inputs under a rulebook: its default formula, its weights, no adjustments. */
export function initialDraft(rulebook: Rulebook): Draft {
  const formula = rulebook.allocation?.formulas.find((f) => f.id === rulebook.allocation?.defaultFormula);
  return {
    controlTotal: { month: null, forecasts: [] },
    allocation: {
      fund: null,
      formulaId: formula?.id ?? "",
      useFloorsAndCaps: formula?.useFloorsAndCaps ?? true,
      pace: formula?.paceOfChangeBasisPoints == null ? "" : String(formula.paceOfChangeBasisPoints / 100),
    },
    assumptions: [],
    capital: { envelope: DEFAULT_ENVELOPE, weightPoints: rulebook.capital?.criteria.map((c) => c.weight) ?? [], mode: "direct", locks: [], objective: null, liftRecovery: false, yearEnvelopes: [] },
  };
}

const exactText = (m: Money) => m.toFixed(2).replace(/\.00$/, "");

/**
 * The draft as a scenario to save: every typed field checked and held exactly (money as text, to the penny).
 * A field that does not parse is an error naming the panel and field, so the user knows where to fix it.
 */
export function draftToScenario(draft: Draft, meta: { id: string; name: string; rulebook: Rulebook; now: Date }): Scenario {
  const fail = (where: string, message: string): never => {
    throw new ScenarioError(`${where}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`);
  };
  const forecasts = draft.controlTotal.forecasts.map((f) => {
    const parsed = parsePounds(f.forecast, `forecast outturn for ${f.organisation}`, { allowNegative: true });
    return { organisation: f.organisation, forecast: parsed.ok ? exactText(parsed.value) : fail(`Control total, ${f.organisation}`, parsed.message) };
  });
  const fund = draft.allocation.fund === null ? null : parsePounds(draft.allocation.fund, "fund");
  const pace = parsePace(draft.allocation.pace);
  const envelope = parsePounds(draft.capital.envelope, "envelope", { positive: true });
  const yearEnvelopes = draft.capital.yearEnvelopes.map((y) => {
    const parsed = parsePounds(y.envelope, `envelope for ${y.label}`, { positive: true });
    return { label: y.label, envelope: parsed.ok ? exactText(parsed.value) : fail(`Capital, envelope for ${y.label}`, parsed.message) };
  });
  const assumptions = draft.assumptions.map((a) => {
    const parsed = parsePercent(a.value);
    return { organisation: a.organisation, assumption: a.assumption, value: parsed.ok ? parsed.value.toString() : fail(`Plan alignment, ${a.organisation} ${a.assumption}`, parsed.message) };
  });
  const scenario: Scenario = {
    kind: "ics-finance-scenario",
    schemaVersion: 1,
    id: meta.id,
    name: meta.name.trim(),
    rulebookId: meta.rulebook.id,
    savedAt: meta.now.toISOString(),
    controlTotal: { month: draft.controlTotal.month, forecasts },
    allocation: {
      fund: fund === null ? null : fund.ok ? exactText(fund.value) : fail("Allocation, fund", fund.message),
      formulaId: draft.allocation.formulaId,
      useFloorsAndCaps: draft.allocation.useFloorsAndCaps,
      paceOfChangeBasisPoints: pace.ok ? pace.value : fail("Allocation, pace of change", pace.message),
    },
    assumptions,
    capital: {
      envelope: envelope.ok ? exactText(envelope.value) : fail("Capital, envelope", envelope.message),
      weightPoints: [...draft.capital.weightPoints],
      locks: draft.capital.locks.map((l) => ({ ...l })),
      objective: draft.capital.objective,
      liftRecovery: draft.capital.liftRecovery,
      yearEnvelopes,
    },
  };
  return parseScenario(scenario, meta.rulebook.id, `the scenario "${meta.name.trim()}"`);
}

const groupedPounds = (text: string) => {
  const [whole, pence] = text.replace("-", "").split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${text.startsWith("-") ? "-" : ""}${grouped}${pence ? `.${pence.padEnd(2, "0")}` : ""}`;
};

/** A saved scenario back in the panels: amounts shown with thousands separators, percentages as percentages. */
export function scenarioToDraft(scenario: Scenario, rulebook: Rulebook): Draft {
  const start = initialDraft(rulebook);
  return {
    controlTotal: { month: scenario.controlTotal.month, forecasts: scenario.controlTotal.forecasts.map((f) => ({ organisation: f.organisation, forecast: groupedPounds(f.forecast) })) },
    allocation: {
      fund: scenario.allocation.fund === null ? null : groupedPounds(scenario.allocation.fund),
      formulaId: scenario.allocation.formulaId,
      useFloorsAndCaps: scenario.allocation.useFloorsAndCaps,
      pace: scenario.allocation.paceOfChangeBasisPoints === null ? "" : String(scenario.allocation.paceOfChangeBasisPoints / 100),
    },
    assumptions: scenario.assumptions.map((a) => ({ organisation: a.organisation, assumption: a.assumption, value: percentOf(a.value) })),
    capital: {
      envelope: scenario.capital.envelope === null ? start.capital.envelope : groupedPounds(scenario.capital.envelope),
      weightPoints: [...scenario.capital.weightPoints],
      mode: "direct",
      locks: scenario.capital.locks.map((l) => ({ ...l })),
      objective: scenario.capital.objective,
      liftRecovery: scenario.capital.liftRecovery,
      yearEnvelopes: scenario.capital.yearEnvelopes.map((y) => ({ label: y.label, envelope: groupedPounds(y.envelope) })),
    },
  };
}
