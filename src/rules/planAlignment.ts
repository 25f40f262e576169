// Open-book plan alignment (MoU 9.5): what each partner plans to receive from another against what that one plans to pay it, the Agreement of Balances test.
import { formatGBP, Money } from "./money";
import type { Materiality, PlanAlignmentSettings } from "./rulebook";
import { exactOf, scaled } from "./waterFill";

export class AlignmentInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AlignmentInputError";
  }
}

export type LineDirection = "income" | "expenditure";

export interface PlanLine {
  organisation: string;
  counterparty: string;
  direction: LineDirection;
  category: string;
  /** Whole pence. */
  pence: bigint;
  sensitive: boolean;
}

export type AlignmentStatus = "agreed" | "within-tolerance" | "mismatch" | "missing";

/** Worst first: the order a list and a matrix cell use. */
export const STATUS_ORDER: readonly AlignmentStatus[] = ["mismatch", "missing", "within-tolerance", "agreed"];
export const STATUS_LABEL: Record<AlignmentStatus, string> = {
  agreed: "Agreed",
  "within-tolerance": "Within tolerance",
  mismatch: "Mismatch",
  missing: "Missing",
};

/** One flow of money between two partners in one category: the payee's income from the payer against the payer's expenditure with the payee. */
export interface Flow {
  payee: string;
  payer: string;
  category: string;
  /** What the payee reports as income from the payer; null when it reported nothing. */
  income: bigint | null;
  /** What the payer reports as expenditure with the payee; null when it reported nothing. */
  expenditure: bigint | null;
  /** income − expenditure, a side not reported counting as 0. */
  difference: bigint;
  status: AlignmentStatus;
  /** Any line of the flow is competition sensitive. */
  sensitive: boolean;
  /** Indexes of the lines on each side, for drill-down. */
  incomeLines: number[];
  expenditureLines: number[];
  explanation: string;
}

const DIRECTIONS: Record<string, LineDirection> = { income: "income", expenditure: "expenditure" };

/** "Income" / "expenditure" in any case; anything else is an error naming where. */
export function parseDirection(value: unknown, where: string): LineDirection {
  const direction = typeof value === "string" ? DIRECTIONS[value.trim().toLowerCase()] : undefined;
  if (!direction) throw new AlignmentInputError(`${where}: the direction must be Income or Expenditure, not ${JSON.stringify(value ?? "")}`);
  return direction;
}

/** An amount in £ as whole pence; a fraction of a penny is an error. */
export function penceOf(amount: Money | number, where: string): bigint {
  const exact = exactOf(amount);
  if (exact.places > 2) throw new AlignmentInputError(`${where}: ${String(amount)} is not a whole number of pence`);
  return scaled(exact, 2);
}

export const poundsOf = (pence: bigint) => new Money(pence.toString()).dividedBy(100);
const gbp = (pence: bigint) => formatGBP(poundsOf(pence));
const abs = (x: bigint) => (x < 0n ? -x : x);

/** Whether a difference is material under the rulebook's test, and the words for it. */
export function classify(income: bigint | null, expenditure: bigint | null, materiality: Materiality, clause: string): { status: AlignmentStatus; explanation: string } {
  if (income === null || expenditure === null) {
    const missing = income === null ? "the payee reported no income" : "the payer reported no expenditure";
    return { status: "missing", explanation: `Missing: ${missing} for this pair and category (${clause})` };
  }
  const difference = abs(income - expenditure);
  if (difference === 0n) return { status: "agreed", explanation: `Agreed: both sides report ${gbp(income)}` };
  const larger = abs(income) > abs(expenditure) ? abs(income) : abs(expenditure);
  const tests: { passed: boolean; words: string }[] = [];
  if (materiality.pounds !== null) {
    tests.push({ passed: difference > BigInt(materiality.pounds) * 100n, words: `£${materiality.pounds.toLocaleString("en-GB")}` });
  }
  if (materiality.basisPoints !== null) {
    tests.push({ passed: difference * 10_000n > BigInt(materiality.basisPoints) * larger, words: `${materiality.basisPoints / 100}% of the larger side` });
  }
  const material = materiality.mismatchWhen === "exceeds-either" ? tests.some((t) => t.passed) : tests.every((t) => t.passed);
  const threshold = tests.map((t) => t.words).join(materiality.mismatchWhen === "exceeds-either" ? " or " : " and ");
  return material
    ? { status: "mismatch", explanation: `Mismatch: a difference of ${gbp(difference)} is over ${threshold} (${clause})` }
    : { status: "within-tolerance", explanation: `Within tolerance: a difference of ${gbp(difference)} is not over ${threshold} (${clause})` };
}

/**
 * Every flow between partners that either side reported, with its status; the list
 * sorted by the size of the difference (largest first), then payee, payer, category.
 * A line pairing an organisation with itself is an error naming the line.
 */
export function alignPlans(lines: readonly PlanLine[], materiality: Materiality, clause: string): Flow[] {
  type Sides = { payee: string; payer: string; category: string; income: bigint | null; expenditure: bigint | null; sensitive: boolean; incomeLines: number[]; expenditureLines: number[] };
  const flows = new Map<string, Sides>();
  lines.forEach((line, i) => {
    if (line.organisation === line.counterparty) throw new AlignmentInputError(`line ${i + 1}: ${line.organisation} is paired with itself`);
    const income = line.direction === "income";
    const payee = income ? line.organisation : line.counterparty;
    const payer = income ? line.counterparty : line.organisation;
    const key = `${payee}\u0000${payer}\u0000${line.category}`;
    let flow = flows.get(key);
    if (!flow) {
      flow = { payee, payer, category: line.category, income: null, expenditure: null, sensitive: false, incomeLines: [], expenditureLines: [] };
      flows.set(key, flow);
    }
    if (income) {
      flow.income = (flow.income ?? 0n) + line.pence;
      flow.incomeLines.push(i);
    } else {
      flow.expenditure = (flow.expenditure ?? 0n) + line.pence;
      flow.expenditureLines.push(i);
    }
    flow.sensitive ||= line.sensitive;
  });
  const result: Flow[] = [];
  for (const f of flows.values()) {
    const { status, explanation } = classify(f.income, f.expenditure, materiality, clause);
    result.push({ ...f, difference: (f.income ?? 0n) - (f.expenditure ?? 0n), status, explanation });
  }
  return result.sort(
    (a, b) =>
      (abs(b.difference) > abs(a.difference) ? 1 : abs(b.difference) < abs(a.difference) ? -1 : 0) ||
      a.payee.localeCompare(b.payee) ||
      a.payer.localeCompare(b.payer) ||
      a.category.localeCompare(b.category),
  );
}

/** True when no flow is a Mismatch or Missing. */
export const isAligned = (flows: readonly Flow[]) => flows.every((f) => f.status === "agreed" || f.status === "within-tolerance");

/** The worst status of each payee × payer cell (any category); cells with no flow are absent. */
export function statusMatrix(flows: readonly Flow[]): Map<string, AlignmentStatus> {
  const cells = new Map<string, AlignmentStatus>();
  for (const f of flows) {
    const key = `${f.payee}\u0000${f.payer}`;
    const was = cells.get(key);
    if (!was || STATUS_ORDER.indexOf(f.status) < STATUS_ORDER.indexOf(was)) cells.set(key, f.status);
  }
  return cells;
}
export const cellKey = (payee: string, payer: string) => `${payee}\u0000${payer}`;

/** Flows for a report to be shared: competition-sensitive flows only in aggregate (one line of totals), the rest as they are. */
export function forSharing(flows: readonly Flow[]): { open: Flow[]; sensitive: { count: number; income: bigint; expenditure: bigint; worst: AlignmentStatus | null } } {
  const open = flows.filter((f) => !f.sensitive);
  const hidden = flows.filter((f) => f.sensitive);
  const worst = STATUS_ORDER.find((s) => hidden.some((f) => f.status === s)) ?? null;
  return {
    open,
    sensitive: {
      count: hidden.length,
      income: hidden.reduce((a, f) => a + (f.income ?? 0n), 0n),
      expenditure: hidden.reduce((a, f) => a + (f.expenditure ?? 0n), 0n),
      worst,
    },
  };
}

// ---------------------------------------------------------------- common planning assumptions

export interface AssumptionEntry {
  organisation: string;
  /** The rulebook assumption's id. */
  assumption: string;
  /** A fraction, e.g. 0.055 for 5.5%. */
  value: Money;
}

export interface AssumptionCheck {
  organisation: string;
  assumption: string;
  label: string;
  value: Money;
  system: Money | null;
  /** |value − system| in basis points; null when the system has not agreed the assumption. */
  deviationBasisPoints: Money | null;
  toleranceBasisPoints: number;
  flagged: boolean;
  explanation: string;
}

const percentText = (fraction: Money) => `${fraction.times(100).toDecimalPlaces(2).toString()}%`;

/** Each organisation's assumption against the system's agreed one; a deviation beyond the rulebook's tolerance is flagged. */
export function checkAssumptions(settings: PlanAlignmentSettings, system: ReadonlyMap<string, Money>, entries: readonly AssumptionEntry[]): AssumptionCheck[] {
  const clause = settings.assumptions.clause;
  return entries.map((e) => {
    const item = settings.assumptions.items.find((a) => a.id === e.assumption);
    if (!item) throw new AlignmentInputError(`${e.organisation}: "${e.assumption}" is not one of the rulebook's planning assumptions`);
    const agreed = system.get(item.id) ?? null;
    if (!agreed) {
      return {
        organisation: e.organisation,
        assumption: item.id,
        label: item.label,
        value: e.value,
        system: null,
        deviationBasisPoints: null,
        toleranceBasisPoints: item.toleranceBasisPoints,
        flagged: true,
        explanation: `The system has not agreed a ${item.label.toLowerCase()} assumption to compare with (${clause})`,
      };
    }
    const deviation = e.value.minus(agreed).abs().times(10_000);
    const flagged = deviation.gt(item.toleranceBasisPoints);
    return {
      organisation: e.organisation,
      assumption: item.id,
      label: item.label,
      value: e.value,
      system: agreed,
      deviationBasisPoints: deviation,
      toleranceBasisPoints: item.toleranceBasisPoints,
      flagged,
      explanation: `${item.label} ${percentText(e.value)} against the system's ${percentText(agreed)}: ${
        flagged ? "beyond" : "within"
      } the tolerance of ${item.toleranceBasisPoints / 100} percentage points (${clause})`,
    };
  });
}
