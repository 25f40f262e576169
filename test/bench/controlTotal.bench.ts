// The control total: a roll-up of 300 organisations × 12 months, and a what-if recomputation per keystroke, each against a plain-number baseline in the same run.
import { bench, describe } from "vitest";
import { PlanLedger, rollUp, type PlanEntry } from "../../src/rules/controlTotal";
import { Money } from "../../src/rules/money";
import { midSouthEssex } from "../../src/rules/presets/mid-south-essex";
import { parseRulebook } from "../../src/rules/rulebook";
import { indexDetails, statementOf, type StatementDetail } from "../../src/rules/statement";
import { plainRollUp, type PlainPlanRow } from "./baselines";

const ORGANISATIONS = 300;
const WHAT_IFS = 10_000;
const places = midSouthEssex.tiers[0]!.units.map((p) => p.id);

// A made-up system of 300 NHS bodies across the four Places, with a fixed pseudo-random year.
const rulebook = parseRulebook({
  ...midSouthEssex,
  partners: Array.from({ length: ORGANISATIONS }, (_, i) => ({
    code: `ORG${String(i + 1).padStart(3, "0")}`,
    name: `Organisation ${i + 1}`,
    type: i % 3 === 0 ? "commissioner" : "nhs-provider",
    place: i % 5 === 4 ? null : places[i % 4]!,
  })),
});
let seed = 20261122;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const rows = rulebook.partners.flatMap((p) => {
  const plan = Math.round((random() - 0.6) * 20_000_000);
  const turnover = Math.round(100_000_000 + random() * 900_000_000);
  return Array.from({ length: 12 }, (_, i) => {
    const forecast = plan + Math.round((random() - 0.6) * 8_000_000);
    return { code: p.code, place: p.place, month: i + 1, plan, ytdPlan: Math.round((plan * (i + 1)) / 12), ytdActual: Math.round((forecast * (i + 1)) / 12), forecast, turnover };
  });
});
const entries: PlanEntry[] = rows.map((r) => ({
  organisation: r.code,
  month: r.month,
  plan: new Money(r.plan),
  ytdPlan: new Money(r.ytdPlan),
  ytdActual: new Money(r.ytdActual),
  forecast: new Money(r.forecast),
  turnover: new Money(r.turnover),
}));
const reserves = new Map(places.map((p) => [p, new Money(1_000_000)]));

const plainReserves = new Map(places.map((p) => [p, 1_000_000]));
const plainRoll = (data: PlainPlanRow[], month: number) => plainRollUp(rulebook.controlTotal!, data, month, plainReserves);

describe(`roll-up of ${ORGANISATIONS} organisations × 12 months`, () => {
  bench("rules module: PlanLedger.of + rollUp (exact, explained)", () => {
    rollUp(PlanLedger.of(rulebook, entries), 12, reserves);
  });
  bench("baseline: plain-number roll-up", () => {
    plainRoll(rows, 12);
  });
});

// What if: one organisation's forecast changes and the whole month is recomputed, as the panel does on each keystroke.
const sample = parseRulebook(midSouthEssex);
const sampleCodes = ["MSEFT", "ICB-BB", "ICB-CPR", "ICB-ME", "ICB-STH", "ICB-THU", "EPUT", "EEAST", "PROVIDE", "ECC", "SBC", "THC"];
const sampleRows = rows.slice(0, sampleCodes.length * 12).map((r, i) => ({ ...r, code: sampleCodes[Math.floor(i / 12)]!, place: null }));
const sampleLedger = PlanLedger.of(
  sample,
  sampleRows.map((r) => ({ organisation: r.code, month: r.month, plan: new Money(r.plan), ytdPlan: new Money(r.ytdPlan), ytdActual: new Money(r.ytdActual), forecast: new Money(r.forecast), turnover: new Money(r.turnover) })),
);
const tries = Array.from({ length: WHAT_IFS }, (_, i) => ({ code: sampleCodes[i % 6]!, forecast: Math.round((random() - 0.5) * 50_000_000) }));

// One keystroke is one recomputation: each sample recomputes the month for the next of the 10,000 changes, so the
// figure is per keystroke and the case takes seconds, not minutes of one sample.
const cycle = () => {
  let next = 0;
  return () => tries[next++ % WHAT_IFS]!;
};
const exactTry = cycle();
const plainTry = cycle();

describe(`what-if recomputation of the Mid and South Essex sample (12 organisations), one of ${WHAT_IFS.toLocaleString("en-GB")} changes per sample`, () => {
  bench("rules module: withForecast + rollUp", () => {
    const t = exactTry();
    rollUp(sampleLedger.withForecast(t.code, 12, new Money(t.forecast)), 12);
  });
  bench("baseline: plain-number roll-up", () => {
    const t = plainTry();
    plainRoll(sampleRows.map((r) => (r.code === t.code && r.month === 12 ? { ...r, forecast: t.forecast } : r)), 12);
  });
});

// The statement (issue 17: at most 100 ms for 300 organisations × 12 months): every column for every organisation, its
// RAG and ladder step, rolled up to Place and system; from the table's rows (validated) and from a ledger already read.
const details: StatementDetail[] = rows.map((r) => ({
  organisation: r.code,
  month: r.month,
  nonRecurrentYtd: new Money(Math.round(r.ytdActual / 10)),
  nonRecurrentForecast: new Money(Math.round(r.forecast / 10)),
  efficiencyPlanYtd: new Money(Math.abs(r.ytdPlan)),
  efficiencyDeliveredYtd: new Money(Math.round(Math.abs(r.ytdPlan) * 0.9)),
  capitalSpendYtd: new Money(r.month * 1_000_000),
  capitalForecast: new Money(12_500_000),
  cdel: new Money(12_000_000),
}));
const statementLedger = PlanLedger.of(rulebook, entries);
const statementDetails = indexDetails(rulebook, details);

describe(`control total statement of ${ORGANISATIONS} organisations × 12 months (budget 100 ms)`, () => {
  bench("from the rows: PlanLedger.of + indexDetails + statementOf", () => {
    statementOf(PlanLedger.of(rulebook, entries), indexDetails(rulebook, details), 12);
  });
  bench("recomputed on the ledger read: statementOf", () => {
    statementOf(statementLedger, statementDetails, 12);
  });
});
