// Open-book plan alignment (MoU 9.5): what each partner plans to receive from another against what that one plans to pay it, the Agreement of Balances test.
import { RulesInputError } from "./inputError";
import { codeKeys, sameCode } from "./codes";
import { formatGBP, fromPence, Money } from "./money";
import type { Materiality, PlanAlignmentSettings } from "./rulebook";

export class AlignmentInputError extends RulesInputError {
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
  /** Whole pence, a safe integer (up to about £90 trillion), so sums in doubles are exact. */
  pence: number;
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
  income: number | null;
  /** What the payer reports as expenditure with the payee; null when it reported nothing. */
  expenditure: number | null;
  /** income − expenditure, a side not reported counting as 0. */
  difference: number;
  status: AlignmentStatus;
  /** Any line of the flow is competition sensitive. */
  sensitive: boolean;
  /** Indexes of the lines on each side, for drill-down. */
  readonly incomeLines: number[];
  readonly expenditureLines: number[];
  readonly explanation: string;
}

const DIRECTIONS: Record<string, LineDirection> = { income: "income", expenditure: "expenditure" };

/** "Income" / "expenditure" in any case; anything else is an error naming where. */
export function parseDirection(value: unknown, where: string): LineDirection {
  const direction = typeof value === "string" ? DIRECTIONS[value.trim().toLowerCase()] : undefined;
  if (!direction) throw new AlignmentInputError(`${where}: the direction must be Income or Expenditure, not ${JSON.stringify(value ?? "")}`);
  return direction;
}

export const poundsOf = (pence: number) => fromPence(pence);
const gbp = (pence: number) => formatGBP(poundsOf(pence));

/** a + b in whole pence, exact: an error rather than a rounded sum past 2^53 pence. */
function add(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new AlignmentInputError("the plan lines add up to more than can be held exactly (about £90 trillion)");
  return sum;
}

/** x · m > y · n, exactly: in doubles while the products are safe integers, else in BigInt. */
function productGreater(x: number, m: number, y: number, n: number): boolean {
  const left = x * m;
  const right = y * n;
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return left > right;
  return BigInt(x) * BigInt(m) > BigInt(y) * BigInt(n);
}

/** The status of a flow under the rulebook's materiality test: integers only, no words (see explain). */
export function statusOf(income: number | null, expenditure: number | null, materiality: Materiality): AlignmentStatus {
  if (income === null || expenditure === null) return "missing";
  const difference = Math.abs(income - expenditure);
  if (difference === 0) return "agreed";
  const larger = Math.max(Math.abs(income), Math.abs(expenditure));
  const overPounds = materiality.pounds === null ? null : productGreater(difference, 1, materiality.pounds, 100);
  const overShare = materiality.basisPoints === null ? null : productGreater(difference, 10_000, materiality.basisPoints, larger);
  const tests = [overPounds, overShare].filter((t): t is boolean => t !== null);
  const material = materiality.mismatchWhen === "exceeds-either" ? tests.some(Boolean) : tests.every(Boolean);
  return material ? "mismatch" : "within-tolerance";
}

/** The rulebook's test in words: "£100,000 or 1% of the larger side". */
export function thresholdWords(materiality: Materiality): string {
  const parts = [
    materiality.pounds === null ? null : formatGBP(new Money(materiality.pounds)),
    materiality.basisPoints === null ? null : `${materiality.basisPoints / 100}% of the larger side`,
  ].filter((p): p is string => p !== null);
  return parts.join(materiality.mismatchWhen === "exceeds-either" ? " or " : " and ");
}

/** Why a flow has its status, with the clause. */
export function explain(income: number | null, expenditure: number | null, status: AlignmentStatus, materiality: Materiality, sectionClause: string): string {
  // The threshold's own clause, where the rulebook gives one (an illustrative figure says so), else the section's.
  const clause = materiality.clause ?? sectionClause;
  if (status === "missing") {
    const missing = income === null ? "the payee reported no income" : "the payer reported no expenditure";
    return `Missing: ${missing} for this pair and category (${sectionClause})`;
  }
  if (status === "agreed") return `Agreed: both sides report ${gbp(income!)}`;
  const difference = gbp(Math.abs(income! - expenditure!));
  return status === "mismatch"
    ? `Mismatch: a difference of ${difference} is over ${thresholdWords(materiality)} (${clause})`
    : `Within tolerance: a difference of ${difference} is not over ${thresholdWords(materiality)} (${clause})`;
}

/** Whether a difference is material under the rulebook's test, and the words for it. */
export function classify(income: number | null, expenditure: number | null, materiality: Materiality, clause: string): { status: AlignmentStatus; explanation: string } {
  const status = statusOf(income, expenditure, materiality);
  return { status, explanation: explain(income, expenditure, status, materiality, clause) };
}

/**
 * Every flow between partners that either side reported, with its status; the list
 * sorted by the size of the difference (largest first), then payee, payer, category
 * (in code-unit order, so the order is the same everywhere). Organisations and
 * categories are matched by codeKey (RAJ, raj and " Raj " are one organisation) and
 * shown as first written. A line pairing an organisation with itself is an error
 * naming the line. Explanations are worded only when read.
 */
export function alignPlans(lines: readonly PlanLine[], materiality: Materiality, clause: string): Flow[] {
  const keyOf = codeKeys();
  const flowOfLine = new Array<string>(lines.length);
  const context: FlowContext = { lines, flowOfLine, materiality, clause };
  const flows = new Map<string, AlignedFlow>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const organisation = keyOf(line.organisation);
    const counterparty = keyOf(line.counterparty);
    if (organisation === counterparty) throw new AlignmentInputError(`line ${i + 1}: ${line.organisation} is paired with itself`);
    const income = line.direction === "income";
    const key = income ? `${organisation}\u0000${counterparty}\u0000${keyOf(line.category)}` : `${counterparty}\u0000${organisation}\u0000${keyOf(line.category)}`;
    flowOfLine[i] = key;
    let flow = flows.get(key);
    if (!flow) {
      flow = income ? new AlignedFlow(key, line.organisation, line.counterparty, line.category, context) : new AlignedFlow(key, line.counterparty, line.organisation, line.category, context);
      flows.set(key, flow);
    }
    if (income) flow.income = add(flow.income ?? 0, line.pence);
    else flow.expenditure = add(flow.expenditure ?? 0, line.pence);
    if (line.sensitive) flow.sensitive = true;
  }
  const result = [...flows.values()];
  for (const f of result) {
    f.status = statusOf(f.income, f.expenditure, materiality);
    f.difference = (f.income ?? 0) - (f.expenditure ?? 0);
  }
  // Largest difference first (exact: whole pence in safe integers), then by name in code-unit order, the same everywhere.
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return result.sort(
    (a, b) => Math.abs(b.difference) - Math.abs(a.difference) || text(a.payee, b.payee) || text(a.payer, b.payer) || text(a.category, b.category),
  );
}

interface FlowContext {
  lines: readonly PlanLine[];
  /** Each line's flow, by key: the payee's, payer's and category's codeKeys. */
  flowOfLine: readonly string[];
  materiality: Materiality;
  clause: string;
}

/** A flow as alignPlans builds it: the sums at once; the words and the lines behind it only when asked for. */
class AlignedFlow implements Flow {
  income: number | null = null;
  expenditure: number | null = null;
  difference = 0;
  status: AlignmentStatus = "missing";
  sensitive = false;

  constructor(
    private readonly key: string,
    /** As first written in the lines. */
    readonly payee: string,
    readonly payer: string,
    readonly category: string,
    private readonly context: FlowContext,
  ) {}

  get explanation(): string {
    return explain(this.income, this.expenditure, this.status, this.context.materiality, this.context.clause);
  }

  get incomeLines(): number[] {
    return this.linesOf("income");
  }

  get expenditureLines(): number[] {
    return this.linesOf("expenditure");
  }

  private linesOf(direction: LineDirection): number[] {
    const found: number[] = [];
    this.context.lines.forEach((l, i) => {
      if (l.direction === direction && this.context.flowOfLine[i] === this.key) found.push(i);
    });
    return found;
  }
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
export function forSharing(flows: readonly Flow[]): { open: Flow[]; sensitive: { count: number; income: number; expenditure: number; worst: AlignmentStatus | null } } {
  const open = flows.filter((f) => !f.sensitive);
  const hidden = flows.filter((f) => f.sensitive);
  const worst = STATUS_ORDER.find((s) => hidden.some((f) => f.status === s)) ?? null;
  return {
    open,
    sensitive: {
      count: hidden.length,
      income: hidden.reduce((a, f) => add(a, f.income ?? 0), 0),
      expenditure: hidden.reduce((a, f) => add(a, f.expenditure ?? 0), 0),
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

/** The agreed and organisations' assumptions with other values in their place (`system` names the agreed ones). */
export function withAssumptions(
  data: { system: ReadonlyMap<string, Money>; entries: readonly AssumptionEntry[] },
  overrides: readonly { organisation: string; assumption: string; value: Money }[],
  system: string,
): { system: Map<string, Money>; entries: AssumptionEntry[] } {
  const agreed = new Map(data.system);
  const entries = data.entries.map((e) => ({ ...e }));
  for (const o of overrides) {
    if (sameCode(o.organisation, system)) agreed.set(o.assumption, o.value);
    else {
      const entry = entries.find((e) => sameCode(e.organisation, o.organisation) && e.assumption === o.assumption);
      if (entry) entry.value = o.value;
      else entries.push({ organisation: o.organisation, assumption: o.assumption, value: o.value });
    }
  }
  return { system: agreed, entries };
}
