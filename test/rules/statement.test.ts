import { describe, expect, it } from "vitest";
import { ControlTotalInputError, escalation, monthsAdverseInARow, PlanLedger, ragStatus, type PlanEntry } from "../../src/rules/controlTotal";
import { Money } from "../../src/rules/money";
import { defaultRulebook } from "../../src/rules/presets";
import { midSouthEssex } from "../../src/rules/presets/mid-south-essex";
import { parseRulebook, type Rulebook } from "../../src/rules/rulebook";
import {
  calendarYearOf,
  financialYearLabel,
  financialYearOf,
  indexDetails,
  monthOfDate,
  organisationsUnder,
  parseFinancialYear,
  periodLabel,
  placeTiers,
  statementOf,
  trendOf,
  type StatementDetail,
  type StatementLine,
  type Tier,
} from "../../src/rules/statement";
import { planRows } from "../../src/workbook/samplePlans";
import { statementDetailRows } from "../../src/workbook/sampleStatement";

const rulebook = defaultRulebook();
const m = (pounds: number | string | bigint) => new Money(String(pounds));
/** Whole pence as Money, exactly. */
const p = (pence: bigint) => m(pence).dividedBy(100);
const pence = (amount: Money) => BigInt(amount.times(100).toFixed(0));

// ---------------------------------------------------------------- the oracle: the same statement in whole pence, done plainly

type Column = "plan" | "ytdPlan" | "ytdActual" | "forecast" | "nrYtd" | "nrForecast" | "effPlan" | "effDelivered" | "capSpend" | "capForecast" | "cdel";
type Row = { code: string; month: number } & Record<Column, bigint> & { detail: boolean };

interface Expected {
  plan: bigint;
  ytdPlan: bigint;
  ytdActual: bigint;
  ytdVariance: bigint;
  forecast: bigint;
  forecastVariance: bigint;
  /** null when some organisation has no detail. */
  underlyingYtd: bigint | null;
  underlyingForecast: bigint | null;
  nrYtd: bigint | null;
  effVariance: bigint | null;
  capHeadroom: bigint | null;
  effPlan: bigint | null;
  effDelivered: bigint | null;
}

function expected(rows: readonly Row[]): Expected {
  let [plan, ytdPlan, ytdActual, forecast] = [0n, 0n, 0n, 0n];
  let [nrYtd, nrForecast, effPlan, effDelivered, capForecast, cdel] = [0n, 0n, 0n, 0n, 0n, 0n];
  for (const r of rows) {
    plan += r.plan;
    ytdPlan += r.ytdPlan;
    ytdActual += r.ytdActual;
    forecast += r.forecast;
    nrYtd += r.nrYtd;
    nrForecast += r.nrForecast;
    effPlan += r.effPlan;
    effDelivered += r.effDelivered;
    capForecast += r.capForecast;
    cdel += r.cdel;
  }
  const all = rows.every((r) => r.detail);
  return {
    plan,
    ytdPlan,
    ytdActual,
    ytdVariance: ytdActual - ytdPlan,
    forecast,
    forecastVariance: forecast - plan,
    underlyingYtd: all ? ytdActual - nrYtd : null,
    underlyingForecast: all ? forecast - nrForecast : null,
    nrYtd: all ? nrYtd : null,
    effVariance: all ? effDelivered - effPlan : null,
    capHeadroom: all ? cdel - capForecast : null,
    effPlan: all ? effPlan : null,
    effDelivered: all ? effDelivered : null,
  };
}

function actual(line: StatementLine): Expected {
  const f = line.figures;
  return {
    plan: pence(f.annualPlan),
    ytdPlan: pence(f.ytdPlan),
    ytdActual: pence(f.ytdActual),
    ytdVariance: pence(f.ytdVariance),
    forecast: pence(f.forecast),
    forecastVariance: pence(f.forecastVariance),
    underlyingYtd: f.underlying && pence(f.underlying.underlyingYtd),
    underlyingForecast: f.underlying && pence(f.underlying.underlyingForecast),
    nrYtd: f.underlying && pence(f.underlying.nonRecurrentYtd),
    effVariance: f.efficiency && pence(f.efficiency.variance),
    capHeadroom: f.capital && pence(f.capital.headroom),
    effPlan: f.efficiency && pence(f.efficiency.planYtd),
    effDelivered: f.efficiency && pence(f.efficiency.deliveredYtd),
  };
}

/** Efficiency RAG in integers: delivered × 10,000 against plan × the band's basis points. */
function expectedEfficiencyRag(rb: Rulebook, plan: bigint, delivered: bigint): string {
  const bands = rb.controlTotal!.statement!.efficiency;
  if (plan <= 0n) return "green";
  if (delivered * 10_000n >= plan * BigInt(bands.greenAtLeastBasisPoints)) return "green";
  return delivered * 10_000n >= plan * BigInt(bands.amberAtLeastBasisPoints) ? "amber" : "red";
}

// ---------------------------------------------------------------- seeded random systems

function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  /** Pence up to about ±£50m, with odd pence. */
  const amount = (scale = 5_000_000_000) => BigInt(int(-scale, scale));
  return { next, int, amount };
}

const TYPES = ["nhs-provider", "commissioner", "council", "other"] as const;

function randomSystem(seed: number) {
  const g = generator(seed);
  const count = g.int(1, 30);
  const places = midSouthEssex.tiers[0]!.units.map((x) => x.id);
  const rb = parseRulebook({
    ...midSouthEssex,
    partners: Array.from({ length: count }, (_, i) => ({
      code: `ORG${i + 1}`,
      name: `Organisation ${i + 1}`,
      type: TYPES[g.int(0, 3)]!,
      place: g.next() < 0.2 ? null : places[g.int(0, places.length - 1)]!,
    })),
  });
  const months = g.int(1, 12);
  const rows: Row[] = rb.partners.flatMap((partner) => {
    if (g.next() < 0.1) return []; // did not report at all
    const plan = g.amount();
    return Array.from({ length: months }, (_, i): Row => ({
      code: partner.code,
      month: i + 1,
      plan,
      ytdPlan: g.amount(),
      ytdActual: g.amount(),
      forecast: g.amount(),
      nrYtd: g.amount(100_000_000),
      nrForecast: g.amount(100_000_000),
      effPlan: BigInt(g.int(0, 500_000_000)),
      effDelivered: BigInt(g.int(0, 600_000_000)),
      capSpend: BigInt(g.int(0, 900_000_000)),
      capForecast: BigInt(g.int(0, 2_000_000_000)),
      cdel: BigInt(g.int(0, 2_000_000_000)),
      detail: g.next() < 0.9,
    }));
  });
  const entries: PlanEntry[] = rows.map((r) => ({ organisation: r.code, month: r.month, plan: p(r.plan), ytdPlan: p(r.ytdPlan), ytdActual: p(r.ytdActual), forecast: p(r.forecast), turnover: null }));
  const details: StatementDetail[] = rows
    .filter((r) => r.detail)
    .map((r) => ({
      organisation: r.code,
      month: r.month,
      nonRecurrentYtd: p(r.nrYtd),
      nonRecurrentForecast: p(r.nrForecast),
      efficiencyPlanYtd: p(r.effPlan),
      efficiencyDeliveredYtd: p(r.effDelivered),
      capitalSpendYtd: p(r.capSpend),
      capitalForecast: p(r.capForecast),
      cdel: p(r.cdel),
    }));
  return { rb, rows, entries, details, months, month: g.int(1, months) };
}

const inside = (rb: Rulebook, code: string) => {
  const partner = rb.partners.find((x) => x.code === code)!;
  return (partner.type === "nhs-provider" || partner.type === "commissioner") && !partner.overrides["nhs-financial-risk"];
};

describe("the statement against a plain recomputation in whole pence (seeded random systems)", () => {
  const CASES = 400;
  it(`sums every column exactly to the penny, organisation, Place and system, in ${CASES} systems`, () => {
    let checkedLines = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const { rb, rows, entries, details, month } = randomSystem(seed);
      const monthRows = rows.filter((r) => r.month === month);
      const insideRows = monthRows.filter((r) => inside(rb, r.code));
      if (monthRows.length === 0) {
        if (entries.length > 0) expect(() => statementOf(PlanLedger.of(rb, entries), indexDetails(rb, details), month)).toThrow(ControlTotalInputError);
        continue;
      }
      const ledger = PlanLedger.of(rb, entries);
      const statement = statementOf(ledger, indexDetails(rb, details), month);
      const settings = rb.controlTotal!;

      // The system: every organisation inside the control total that reported, and no other.
      expect(actual(statement.system), `seed ${seed}: system`).toEqual(expected(insideRows));
      expect(organisationsUnder(statement.system).map((o) => o.key).sort()).toEqual(insideRows.map((r) => r.code).sort());
      expect(statement.outside.map((o) => o.key).sort()).toEqual(monthRows.filter((r) => !inside(rb, r.code)).map((r) => r.code).sort());

      // Each Place (and the system-wide group): its own organisations.
      for (const place of statement.system.children) {
        const placeOf = (code: string) => rb.partners.find((x) => x.code === code)!.place ?? "system-wide";
        const mine = insideRows.filter((r) => placeOf(r.code) === place.key);
        expect(mine.length).toBeGreaterThan(0);
        expect(actual(place), `seed ${seed}: ${place.name}`).toEqual(expected(mine));
        expect(place.tier).toBe("Place");
        checkedLines++;
      }

      // Each organisation: its own row, its RAG and ladder step as the control total rules give them.
      for (const o of [...organisationsUnder(statement.system), ...statement.outside]) {
        const row = monthRows.find((r) => r.code === o.key)!;
        expect(actual(o)).toEqual(expected([row]));
        const entry = ledger.entry(o.key, month)!;
        expect(o.rag.status).toBe(ragStatus(settings, entry).status);
        expect(o.monthsAdverse).toBe(monthsAdverseInARow(ledger, o.key, month));
        expect(o.escalation?.level ?? null).toBe(inside(rb, o.key) ? escalation(settings, entry, o.monthsAdverse!).level : null);
        if (row.detail) expect(o.figures.efficiency!.rag).toBe(expectedEfficiencyRag(rb, row.effPlan, row.effDelivered));
        checkedLines++;
      }
      const e = expected(insideRows);
      if (e.effPlan !== null) expect(statement.system.figures.efficiency!.rag).toBe(expectedEfficiencyRag(rb, e.effPlan, e.effDelivered!));
      expect(new Set(statement.system.missingDetail)).toEqual(new Set(insideRows.filter((r) => !r.detail).map((r) => r.code)));
    }
    expect(checkedLines).toBeGreaterThan(2_000);
  });

  it("rolls up through tiers given as data: organisation → Place → ICP → system", () => {
    for (let seed = 1000; seed < 1100; seed++) {
      const { rb, rows, entries, details, month } = randomSystem(seed);
      const insideRows = rows.filter((r) => r.month === month && inside(rb, r.code));
      if (insideRows.length === 0) continue;
      const [placeTier] = placeTiers(rb);
      // Two ICPs: Thurrock and Basildon in the south, the rest (and the system-wide group) in the north.
      const south = new Set(["thurrock", "basildon-brentwood"]);
      const icpTier: Tier = {
        id: "icp",
        label: "ICP",
        groupOf: new Map([...rb.places.map((x) => x.id), "system-wide"].map((k) => [k, south.has(k) ? { key: "south", name: "South ICP" } : { key: "north", name: "North ICP" }])),
      };
      const statement = statementOf(PlanLedger.of(rb, entries), indexDetails(rb, details), month, [placeTier!, icpTier]);
      expect(statement.system.children.every((c) => c.tier === "ICP")).toBe(true);
      const placeOf = (code: string) => rb.partners.find((x) => x.code === code)!.place ?? "system-wide";
      for (const icp of statement.system.children) {
        const mine = insideRows.filter((r) => (south.has(placeOf(r.code)) ? "south" : "north") === icp.key);
        expect(actual(icp)).toEqual(expected(mine));
        expect(icp.children.every((c) => c.tier === "Place")).toBe(true);
      }
      expect(actual(statement.system)).toEqual(expected(insideRows));
    }
  });
});

describe("the statement of the Mid and South Essex sample", () => {
  const ledger = PlanLedger.of(
    rulebook,
    planRows().map(([organisation, month, plan, ytdPlan, ytdActual, forecast, turnover]) => ({
      organisation: organisation as string,
      month: month as number,
      plan: m(plan as number),
      ytdPlan: m(ytdPlan as number),
      ytdActual: m(ytdActual as number),
      forecast: m(forecast as number),
      turnover: m(turnover as number),
    })),
  );
  const details = indexDetails(
    rulebook,
    statementDetailRows().map((r) => ({
      organisation: r[0] as string,
      month: r[1] as number,
      nonRecurrentYtd: m(r[2] as number),
      nonRecurrentForecast: m(r[3] as number),
      efficiencyPlanYtd: m(r[4] as number),
      efficiencyDeliveredYtd: m(r[5] as number),
      capitalSpendYtd: m(r[6] as number),
      capitalForecast: m(r[7] as number),
      cdel: m(r[8] as number),
    })),
  );

  it("shows March with the trust on the ladder, the Places and the system, councils apart", () => {
    const s = statementOf(ledger, details, 12);
    expect(s.system.figures.annualPlan.toString()).toBe("-29500000");
    expect(s.system.figures.forecastVariance.toString()).toBe("-7300000");
    const mseft = organisationsUnder(s.system).find((o) => o.key === "MSEFT")!;
    expect(mseft.rag.status).toBe("red");
    expect(mseft.escalation!.step!.label).toBe("Organisational improvement plan");
    expect(s.system.children.map((c) => c.name)).toContain("System-wide");
    expect(s.outside.map((o) => o.key)).toEqual(expect.arrayContaining(["ECC", "SBC", "THC", "PROVIDE", "EPUT", "EEAST"]));
    expect(s.system.missingDetail).toEqual([]);
    // Underlying is reported less its non-recurrent items.
    expect(mseft.figures.underlying!.underlyingForecast.eq(mseft.figures.forecast.minus(mseft.figures.underlying!.nonRecurrentForecast))).toBe(true);
  });

  it("gives the trend of year-to-date plan against actual, for the system and one organisation", () => {
    const system = trendOf(ledger, null);
    expect(system.map((t) => t.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const s = statementOf(ledger, details, 12);
    expect(system.at(-1)!.ytdActual.eq(s.system.figures.ytdActual)).toBe(true);
    const trust = trendOf(ledger, "MSEFT");
    expect(trust[0]!.ytdPlan.toString()).toBe("-2500000");
  });
});

describe("the financial year", () => {
  it("is named by its April, and reads as people write it", () => {
    expect(financialYearLabel({ start: 2025 })).toBe("2025/26");
    expect(financialYearLabel({ start: 2099 })).toBe("2099/00");
    expect(parseFinancialYear("2025/26")).toEqual({ start: 2025 });
    expect(parseFinancialYear("FY2025-2026")).toEqual({ start: 2025 });
    expect(parseFinancialYear("2025/27")).toBeUndefined();
    expect(parseFinancialYear("March")).toBeUndefined();
    expect(financialYearOf(new Date(2026, 2, 31))).toEqual({ start: 2025 });
    expect(financialYearOf(new Date(2026, 3, 1))).toEqual({ start: 2026 });
  });

  it("places months in calendar years and dates in months", () => {
    const year = { start: 2025 };
    expect(calendarYearOf(year, 9)).toBe(2025);
    expect(calendarYearOf(year, 10)).toBe(2026);
    expect(periodLabel(year, 12)).toBe("March 2026 (month 12 of 2025/26)");
    expect(monthOfDate(year, new Date(2025, 3, 15))).toBe(1);
    expect(monthOfDate(year, new Date(2026, 2, 1))).toBe(12);
    expect(monthOfDate(year, new Date(2026, 3, 1))).toBeUndefined();
    expect(monthOfDate(year, new Date(2025, 2, 1))).toBeUndefined();
  });
});

describe("bad detail", () => {
  it("names an unknown organisation and a month given twice", () => {
    const d = (organisation: string, month: number): StatementDetail => ({
      organisation,
      month,
      nonRecurrentYtd: m(0),
      nonRecurrentForecast: m(0),
      efficiencyPlanYtd: m(0),
      efficiencyDeliveredYtd: m(0),
      capitalSpendYtd: m(0),
      capitalForecast: m(0),
      cdel: m(0),
    });
    expect(() => indexDetails(rulebook, [d("NOPE", 1)])).toThrow('row 1: unknown organisation "NOPE"');
    expect(() => indexDetails(rulebook, [d("MSEFT", 1), d("Mid and South Essex NHS Foundation Trust", 1)])).toThrow("row 2: MSEFT already has detail for April");
  });
});
