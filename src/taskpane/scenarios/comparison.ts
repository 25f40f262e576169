// Scenarios side by side: the measures finance leaders compare, each against the first scenario, with what differs marked.
import type { ControlTotalReport } from "../../rules/controlTotal";
import { monthName, ragLabel } from "../../rules/controlTotal";
import { Money } from "../../rules/money";
import type { Rulebook } from "../../rules/rulebook";
import type { Scenario } from "../../rules/scenario";
import type { ScenarioOutcome } from "../../rules/scenarioOutcome";
import { unitsOfTier } from "../../rules/tiers";
import { change, millions, total } from "../format";

export interface Compared {
  scenario: Scenario;
  outcome: ScenarioOutcome;
}

export interface Cell {
  text: string;
  /** The figure compared (pounds or a count); null where the scenario has none. */
  value: Money | null;
  /** Set when this scenario's figure is not the first scenario's: the difference, in words. */
  difference?: string;
}

export interface ComparisonRow {
  group: "Control total" | "Allocation" | "Capital" | "Plan alignment";
  label: string;
  cells: Cell[];
}

const count = (n: Money) => n.toString();
const score = (n: Money) => n.toDecimalPlaces(1).toFixed(1);

function row(group: ComparisonRow["group"], label: string, values: (Money | null)[], show: (m: Money) => string, note?: (i: number) => string): ComparisonRow {
  const first = values[0] ?? null;
  return {
    group,
    label,
    cells: values.map((v, i) => ({
      text: v === null ? "–" : `${show(v)}${note ? note(i) : ""}`,
      value: v,
      difference: i > 0 && v !== null && first !== null && !v.eq(first) ? change(v.minus(first), show) : i > 0 && (v === null) !== (first === null) ? "differs" : undefined,
    })),
  };
}

const ok = <T extends { ok: boolean }>(part: T) => (part.ok ? (part as Extract<T, { ok: true }>) : undefined);

/** The comparison table's rows: system position, allocation per Place, the capital portfolio, and assumptions. */
export function comparisonRows(rulebook: Rulebook, compared: readonly Compared[]): ComparisonRow[] {
  const reports = compared.map((c) => ok(c.outcome.controlTotal)?.report);
  const allocations = compared.map((c) => ok(c.outcome.allocation)?.result);
  const capital = compared.map((c) => {
    const a = ok(c.outcome.capital)?.assessment;
    return a?.optimum.status === "optimal" ? a.optimum : undefined;
  });
  const checks = compared.map((c) => ok(c.outcome.assumptions)?.checks);
  const system = (pick: (r: ControlTotalReport) => Money) => reports.map((r) => (r ? pick(r) : null));
  const rows: ComparisonRow[] = [
    row("Control total", "System forecast variance", system((r) => r.system.forecastVariance), millions, (i) =>
      reports[i] ? ` (${ragLabel(reports[i].system.rag.status)}, ${monthName(reports[i].month)})` : "",
    ),
    row("Control total", "Not covered by Place reserves", system((r) => r.system.uncovered), millions),
    row("Allocation", "Fund", allocations.map((a) => a?.fund ?? null), millions, (i) => (allocations[i] ? ` (${allocations[i].formula.label})` : "")),
    // By the units the funds are apportioned to (Places, or ICPs in NENC).
    ...(unitsOfTier(rulebook, rulebook.allocation?.tier).length > 0
      ? [
          ...unitsOfTier(rulebook, rulebook.allocation?.tier).map((p) => row("Allocation", p.name, allocations.map((a) => a?.places.find((x) => x.place === p.name || x.place === p.id)?.allocation ?? null), millions)),
          // The Places' total, added from the unrounded allocations (so it is the fund to the penny, whatever the rows show).
          row("Allocation", "Total to Places", allocations.map((a) => (a ? total(a.places.map((x) => x.allocation)) : null)), millions),
        ]
      : []),
    row("Capital", "Schemes funded", capital.map((o) => (o ? new Money(o.funded.filter(Boolean).length) : null)), count),
    row("Capital", "Cost of the portfolio", capital.map((o) => (o ? new Money(o.totalCost).dividedBy(100) : null)), millions),
    row("Capital", "Total score", capital.map((o) => (o ? new Money(o.totalScore) : null)), score),
    row("Plan alignment", "Assumptions deviating", checks.map((c) => (c ? new Money(c.filter((x) => x.flagged).length) : null)), count),
  ];
  return rows;
}

/** For each scenario, the schemes it funds that the first scenario does not, and those the first funds that it does not. */
export function fundedDifferences(compared: readonly Compared[]): { added: string[]; dropped: string[] }[] {
  const funded = compared.map((c) => {
    const a = c.outcome.capital.ok ? c.outcome.capital.assessment : undefined;
    if (!a || a.optimum.status !== "optimal") return undefined;
    const optimum = a.optimum;
    return new Set(a.assessed.filter((_, i) => optimum.funded[i]).map((x) => x.scheme.name));
  });
  const first = funded[0];
  return funded.map((set, i) => {
    if (i === 0 || !set || !first) return { added: [], dropped: [] };
    return { added: [...set].filter((n) => !first.has(n)), dropped: [...first].filter((n) => !set.has(n)) };
  });
}

export interface Problem {
  text: string;
  /** Whether applying the scenario must wait for it: the three reports need their figures; assumptions are not written, and a stale lock changes nothing. */
  blocksApply: boolean;
}

/** Why a capability has no figure under a scenario (or a caveat on it), for the notes under the table and the apply dialog. */
export function problemsOf(compared: readonly Compared[]): Problem[] {
  return compared.flatMap((c) => {
    const o = c.outcome;
    const say = (what: string, message: string, blocksApply: boolean): Problem => ({ text: `"${c.scenario.name}", ${what}: ${message}`, blocksApply });
    const parts: [string, { ok: boolean; message?: string }, boolean][] = [
      ["control total", o.controlTotal, true],
      ["allocation", o.allocation, true],
      ["capital", o.capital, true],
      ["assumptions", o.assumptions, false],
    ];
    const failed = parts.filter(([, p]) => !p.ok).map(([what, p, blocks]) => say(what, p.message!, blocks));
    if (!o.capital.ok) return failed;
    const optimum = o.capital.assessment.optimum;
    const infeasible = optimum.status === "infeasible" ? [say("capital", `no portfolio meets every constraint (${optimum.reasons.join("; ")})`, true)] : [];
    const unknown = o.capital.unknownLocks.length > 0 ? [say("capital", `locks on schemes no longer in the Schemes table do nothing (${o.capital.unknownLocks.join(", ")})`, false)] : [];
    return [...failed, ...infeasible, ...unknown];
  });
}

/** Measures a headline leaves out: a total that repeats one already named ("Total to Places" is the fund, to the penny). */
const REPEATS = new Set(["Total to Places"]);
/** How many differences a headline names before "and N more". */
const NAMED = 3;

/**
 * The comparison in a sentence per scenario against the first, for the top of the panel: the measures that differ, in
 * the table's order, with the difference as the table shows it ('"Winter pressures" against "Plan as submitted": Fund
 * +£0.35m, Thurrock +£0.09m, Schemes funded -1, and 2 more measures differ').
 */
export function comparisonHeadline(rows: readonly ComparisonRow[], compared: readonly Compared[]): string[] {
  const first = compared[0]?.scenario.name;
  return compared.slice(1).map((c, k) => {
    const differing = rows.filter((r) => !REPEATS.has(r.label) && r.cells[k + 1]?.difference);
    const against = `"${c.scenario.name}" against "${first}"`;
    if (differing.length === 0) return `${against}: the same figures on every measure compared`;
    const named = differing.slice(0, NAMED).map((r) => `${r.label} ${r.cells[k + 1]!.difference}`);
    const more = differing.length - named.length;
    return `${against}: ${named.join(", ")}${more > 0 ? `, and ${more} more measure${more === 1 ? "" : "s"} differ${more === 1 ? "s" : ""}` : ""}`;
  });
}
