// The control total: a roll-up of 300 organisations × 12 months, and 10,000 what-if recomputations, each against a plain-number baseline in the same run.
import { bench, describe } from "vitest";
import { PlanLedger, rollUp, type PlanEntry } from "../../src/rules/controlTotal";
import { Money } from "../../src/rules/money";
import { midSouthEssex } from "../../src/rules/presets/mid-south-essex";
import { parseRulebook } from "../../src/rules/rulebook";

const ORGANISATIONS = 300;
const WHAT_IFS = 10_000;
const places = midSouthEssex.places.map((p) => p.id);

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

/**
 * The baseline a spreadsheet would be: the same roll-up in doubles (sums by Place and system, RAG from
 * the same tolerances, months adverse, the ladder, reserves and offsetting), with none of the exactness or explanations.
 */
function plainRollUp(data: typeof rows, month: number): number {
  const ct = rulebook.controlTotal!;
  const tol = (t: { basisPoints: number; floorPounds: number }, basis: number) => Math.max(t.floorPounds, (Math.abs(basis) * t.basisPoints) / 10_000);
  const byCode = new Map<string, (typeof rows)[number][]>();
  for (const r of data) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
  const placeAdverse = new Map<string | null, number>();
  const placeFavourable = new Map<string | null, number>();
  let level = 0;
  for (const series of byCode.values()) {
    const now = series[month - 1]!;
    const variance = now.forecast - now.plan;
    let run = 0;
    for (let m = month; m >= 1; m--) {
      const r = series[m - 1]!;
      if (Math.max(0, r.plan - r.forecast) <= tol(ct.rag.green, r.plan)) break;
      run++;
    }
    ct.escalation.steps.forEach((s, i) => {
      if (-variance > 0 && -variance >= tol(s.adverseAtLeast, now.plan) && run >= s.monthsInARow) level = Math.max(level, i + 1);
    });
    const bucket = variance < 0 ? placeAdverse : placeFavourable;
    bucket.set(now.place, (bucket.get(now.place) ?? 0) + Math.abs(variance));
  }
  let uncovered = 0;
  let spare = 0;
  for (const place of [...places, null]) {
    const adverse = placeAdverse.get(place) ?? 0;
    const used = Math.min(place ? 1_000_000 : 0, adverse);
    const offset = Math.min(placeFavourable.get(place) ?? 0, adverse - used);
    uncovered += adverse - used - offset;
    spare += (placeFavourable.get(place) ?? 0) - offset;
  }
  return uncovered - Math.min(uncovered, spare) + level;
}

describe(`roll-up of ${ORGANISATIONS} organisations × 12 months`, () => {
  bench("rules module: PlanLedger.of + rollUp (exact, explained)", () => {
    rollUp(PlanLedger.of(rulebook, entries), 12, reserves);
  });
  bench("baseline: plain-number roll-up", () => {
    plainRollUp(rows, 12);
  });
});

// What if: one organisation's forecast changes and the whole month is recomputed, as the panel does on each keystroke.
const sample = parseRulebook(midSouthEssex);
const sampleCodes = ["MSEFT", "BBCCG", "CPRCCG", "MECCG", "SCCG", "TCCG", "EPUT", "EEAST", "PROVIDE", "ECC", "SBC", "THC"];
const sampleRows = rows.slice(0, sampleCodes.length * 12).map((r, i) => ({ ...r, code: sampleCodes[Math.floor(i / 12)]!, place: null }));
const sampleLedger = PlanLedger.of(
  sample,
  sampleRows.map((r) => ({ organisation: r.code, month: r.month, plan: new Money(r.plan), ytdPlan: new Money(r.ytdPlan), ytdActual: new Money(r.ytdActual), forecast: new Money(r.forecast), turnover: new Money(r.turnover) })),
);
const tries = Array.from({ length: WHAT_IFS }, (_, i) => ({ code: sampleCodes[i % 6]!, forecast: Math.round((random() - 0.5) * 50_000_000) }));

describe(`${WHAT_IFS.toLocaleString("en-GB")} what-if recomputations of the Mid and South Essex sample (12 organisations)`, () => {
  bench("rules module: withForecast + rollUp", () => {
    for (const t of tries) rollUp(sampleLedger.withForecast(t.code, 12, new Money(t.forecast)), 12);
  });
  bench("baseline: plain-number roll-up", () => {
    for (const t of tries) plainRollUp(sampleRows.map((r) => (r.code === t.code && r.month === 12 ? { ...r, forecast: t.forecast } : r)), 12);
  });
});
