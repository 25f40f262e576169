import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ControlTotalInputError,
  escalation,
  membership,
  monthsAdverseInARow,
  PlanLedger,
  ragStatus,
  recoveryStatus,
  riskShare,
  riskShareBases,
  rollUp,
  type PlanEntry,
} from "../../src/rules/controlTotal";
import { Money } from "../../src/rules/money";
import { defaultRulebook } from "../../src/rules/presets";
import { findPartner, parseRulebook, type Rulebook, type RulebookInput } from "../../src/rules/rulebook";
import { midSouthEssex } from "../../src/rules/presets/mid-south-essex";
import { planRows } from "../../src/workbook/samplePlans";

const rulebook = defaultRulebook();
const settings = rulebook.controlTotal!;
const m = (pounds: number | string) => new Money(String(pounds));
const at = (plan: number | string, forecast: number | string) => ({ plan: m(plan), forecast: m(forecast) });

function entry(organisation: string, month: number, plan: number, forecast: number, turnover: number | null = 100_000_000): PlanEntry {
  return { organisation, month, plan: m(plan), forecast: m(forecast), ytdPlan: m(0), ytdActual: m(0), turnover: turnover === null ? null : m(turnover) };
}

const sampleLedger = () =>
  PlanLedger.of(
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

/** The preset with one change to its control total section. */
function withControlTotal(change: (ct: NonNullable<RulebookInput["controlTotal"]>) => void): Rulebook {
  const input = structuredClone(midSouthEssex);
  change(input.controlTotal!);
  return parseRulebook(input);
}

describe("who is inside the control total, by the rulebook", () => {
  it.each([
    ["MSEFT", true, /NHS provider inside/],
    ["ICB-ME", true, /Commissioner .* inside/],
    ["Essex County Council", false, /Council: not subject to the NHS control total \(MoU 6\.13, 6\.30/],
    ["THC", false, /not subject/],
    ["PROVIDE", false, /Other partner: not subject/],
    ["EPUT", false, /not bound by this part of the financial framework/],
    ["EEAST", false, /not bound/],
    ["NELFT", false, /not bound/],
    ["NHSE", false, /NHS England: not subject/],
    ["HWT", false, /Healthwatch: not subject/],
  ])("%s: inside %s", (code, inside, reason) => {
    const result = membership(rulebook, findPartner(rulebook, code));
    expect(result.inside).toBe(inside);
    expect(result.reason).toMatch(reason);
  });

  it("follows an override: a trust the rulebook binds after all comes inside", () => {
    const input = structuredClone(midSouthEssex);
    input.partners.find((p) => p.code === "EPUT")!.overrides = {};
    expect(membership(parseRulebook(input), findPartner(parseRulebook(input), "EPUT")).inside).toBe(true);
  });
});

describe("RAG from the rulebook's tolerances (share of plan, with a £ floor)", () => {
  it.each([
    // Break-even plan: the floors decide (green £250k, amber £2m), "within" includes the tolerance.
    [0, 0, "green"],
    [0, 1_000_000, "green"],
    [0, -250_000, "green"],
    [0, "-250000.01", "amber"],
    [0, -2_000_000, "amber"],
    [0, "-2000000.01", "red"],
    // A £100m deficit plan: 0.5% = £500k green, 5% = £5m amber, both above the floors.
    [-100_000_000, -100_500_000, "green"],
    [-100_000_000, "-100500000.01", "amber"],
    [-100_000_000, -105_000_000, "amber"],
    [-100_000_000, "-105000000.01", "red"],
  ])("plan %s, forecast %s → %s", (plan, forecast, status) => {
    expect(ragStatus(settings, at(plan, forecast)).status).toBe(status);
  });

  it("says why, with the clause", () => {
    expect(ragStatus(settings, at(0, -3_000_000)).explanation).toBe("RED: £3,000,000.00 adverse, beyond the amber tolerance of £2,000,000.00 (illustrative: agree locally, MoU 7.8)");
  });

  it("uses turnover when the rulebook says so, and asks for it", () => {
    const byTurnover = withControlTotal((ct) => {
      ct.toleranceBasis = "turnover";
    }).controlTotal!;
    // 5% of £100m turnover = £5m amber tolerance.
    expect(ragStatus(byTurnover, { ...at(0, -4_000_000), turnover: m(100_000_000) }).status).toBe("amber");
    expect(() => ragStatus(byTurnover, at(0, -4_000_000))).toThrow(/give the turnover/);
  });
});

describe("the SFLG escalation ladder (MoU 7.8), at and around each threshold", () => {
  // Break-even plan, so the £ floors are the thresholds: £2m ×2, £2m ×3, £5m ×3, £5m ×6, £10m ×6.
  it.each([
    [0, 12, null],
    ["1999999.99", 12, null],
    [2_000_000, 1, null],
    [2_000_000, 2, "financial-recovery-plan"],
    [2_000_000, 3, "peer-review"],
    ["4999999.99", 12, "peer-review"],
    [5_000_000, 3, "external-review"],
    [5_000_000, 5, "external-review"],
    [5_000_000, 6, "improvement-plan"],
    ["9999999.99", 6, "improvement-plan"],
    [10_000_000, 6, "enhanced-controls"],
    [10_000_000, 5, "external-review"],
    [50_000_000, 1, null],
  ])("£%s adverse for %s months → %s", (adverse, months, step) => {
    const result = escalation(settings, at(0, `-${adverse}`), months);
    expect(result.step?.id ?? null).toBe(step);
    expect(result.restrictsDiscretionaryCapital).toBe(step !== null);
  });

  it("names the step, its place on the ladder and the clause", () => {
    expect(escalation(settings, at(0, -2_500_000), 2).explanation).toBe(
      "Financial recovery plan: £2,500,000.00 adverse for 2 months in a row meets step 1 of 5 (MoU 7.8; triggers illustrative: agree locally, MoU 7.8)",
    );
    expect(escalation(settings, at(0, 0), 12).explanation).toMatch(/^No action: below the first step/);
  });

  it("never recommends a step for a favourable variance, however long", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 12 }), (fav, months) => escalation(settings, at(0, fav), months).step === null));
  });

  it("rises: more adverse or more months never recommends a lower step", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * 10 ** 7 }), fc.integer({ min: 0, max: 2 * 10 ** 7 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }), (a, b, x, y) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const [few, many] = x <= y ? [x, y] : [y, x];
        return escalation(settings, at(0, -lo), few).level <= escalation(settings, at(0, -hi), many).level;
      }),
    );
  });

  it("rejects a period out of range", () => {
    expect(() => escalation(settings, at(0, -1), 13)).toThrow(ControlTotalInputError);
    expect(() => escalation(settings, at(0, -1), -1)).toThrow(/0 to 12/);
  });

  it("must rise in the rulebook: a step asking less than the one before is refused", () => {
    expect(() =>
      withControlTotal((ct) => {
        ct.escalation.steps[2]!.monthsInARow = 1;
      }),
    ).toThrow(/escalation step "external-review" asks less than "peer-review"/);
    expect(() =>
      withControlTotal((ct) => {
        ct.rag.green.floorPounds = 3_000_000;
      }),
    ).toThrow(/green tolerance is wider than the amber one/);
    expect(() =>
      withControlTotal((ct) => {
        ct.membership.element = "no-such-element";
      }),
    ).toThrow(/unknown element "no-such-element"/);
  });
});

describe("the sample year, rolled up in March", () => {
  const ledger = sampleLedger();
  const reserves = new Map([
    ["thurrock", m(500_000)],
    ["south-east-essex", m(1_000_000)],
    ["mid-essex", m(750_000)],
    ["basildon-brentwood", m(500_000)],
  ]);
  const report = rollUp(ledger, 12, reserves);

  it("puts the NHS bodies inside and the councils, Provide and the cross-system trusts outside", () => {
    expect(report.inside.map((o) => o.partner.code).sort()).toEqual(["ICB-BB", "ICB-CPR", "ICB-ME", "ICB-STH", "ICB-THU", "MSEFT"]);
    expect(report.outside.map((o) => o.partner.code).sort()).toEqual(["ECC", "EEAST", "EPUT", "PROVIDE", "SBC", "THC"]);
  });

  it("totals the system: plan −£29.5m, forecast −£36.8m, variance −£7.3m, red", () => {
    const s = report.system;
    expect([s.plan, s.forecast, s.forecastVariance].map(String)).toEqual(["-29500000", "-36800000", "-7300000"]);
    expect(s.rag.status).toBe("red");
    // The councils' −£7.7m overspend is not in it.
    expect(s.forecastVariance.eq(report.inside.reduce((t, o) => t.plus(o.forecastVariance), m(0)))).toBe(true);
  });

  it("gives each organisation behind plan its share of the adverse variance, the shares adding to exactly 100%", () => {
    const behind = report.inside.filter((o) => o.forecastVariance.isNegative());
    const adverse = behind.reduce((t, o) => t.plus(o.forecastVariance.negated()), m(0));
    expect(behind.length).toBeGreaterThan(1);
    for (const o of behind) expect(o.shareOfGap!.eq(o.forecastVariance.negated().dividedBy(adverse))).toBe(true);
    expect(behind.reduce((t, o) => t.plus(o.shareOfGap!), m(0)).toDecimalPlaces(30).toString()).toBe("1");
    // On or ahead of plan, outside the control total, a Place or the system: no share of the gap.
    expect(report.inside.filter((o) => !o.forecastVariance.isNegative()).every((o) => o.shareOfGap === null)).toBe(true);
    expect(report.inside.some((o) => !o.forecastVariance.isNegative())).toBe(true);
    expect(report.outside.every((o) => o.shareOfGap === null)).toBe(true);
    expect([report.system, ...report.places].every((p) => p.shareOfGap === null)).toBe(true);
  });

  it("counts months adverse in a row and climbs the ladder through the year", () => {
    expect(monthsAdverseInARow(ledger, "MSEFT", 12)).toBe(11);
    const stepIn = (month: number, code = "MSEFT") => recoveryStatus(rollUp(ledger, month, reserves), code)?.step?.id ?? null;
    expect([1, 2, 3, 4, 5, 6, 7, 12].map((month) => stepIn(month))).toEqual([
      null,
      null,
      "financial-recovery-plan",
      "peer-review",
      "peer-review",
      "external-review",
      "improvement-plan",
      "improvement-plan",
    ]);
    expect(stepIn(12, "ICB-STH")).toBe("peer-review");
    expect(recoveryStatus(report, "ECC")).toBeNull();
  });

  it("tells the direction of travel against the previous month", () => {
    const of = (code: string) => report.inside.find((o) => o.partner.code === code)!.direction;
    expect([of("MSEFT"), of("ICB-STH"), of("ICB-BB")]).toEqual(["improving", "unchanged", "improving"]);
    expect(rollUp(ledger, 1, reserves).system.direction).toBe("new");
  });

  it("lets each Place's reserve absorb its adverse variance first, then offsets within the Place, then across Places", () => {
    const see = report.places.find((p) => p.place === "south-east-essex")!;
    // Castle Point and Rochford −£0.2m and Southend −£2.6m: the £1m reserve absorbs the first £1m.
    expect([see.offsetting.adverse, see.offsetting.reserveUsed, see.offsetting.uncovered].map(String)).toEqual(["2800000", "1000000", "1800000"]);
    const system = report.places.find((p) => p.place === null)!;
    expect(system.name).toBe("System-wide");
    expect(String(system.offsetting.uncovered)).toBe("6500000");
    // Thurrock, Mid Essex and Basildon and Brentwood have £2m favourable to spare; £6.3m is left uncovered.
    expect(String(report.system.offsetAcrossPlaces)).toBe("2000000");
    expect(String(report.system.uncovered)).toBe("6300000");
    expect(report.system.covered).toBe(false);
    expect(report.system.explanation).toMatch(/^£6,300,000\.00 of adverse variance is not covered .* \(illustrative: agree locally, MoU 6\.13, 9\.2\)$/);
  });

  it("answers a what if without touching the ledger it came from", () => {
    const whatIf = ledger.withForecast("MSEFT", 12, m(-30_000_000));
    expect(String(rollUp(whatIf, 12, reserves).system.forecastVariance)).toBe("-800000");
    expect(String(rollUp(ledger, 12, reserves).system.forecastVariance)).toBe("-7300000");
    expect(rollUp(whatIf, 12, reserves).inside.find((o) => o.partner.code === "MSEFT")!.escalation!.step).toBeNull();
  });
});

describe("offsetting, worked", () => {
  it("is covered when a Place's reserve and favourable variances meet its adverse variance", () => {
    const ledger = PlanLedger.of(rulebook, [entry("ICB-STH", 1, 0, -1_500_000), entry("ICB-CPR", 1, 0, 600_000), entry("ICB-ME", 1, 0, 0)]);
    const report = rollUp(ledger, 1, new Map([["south-east-essex", m(1_000_000)]]));
    const see = report.places.find((p) => p.place === "south-east-essex")!.offsetting;
    expect([see.reserveUsed, see.offsetWithinPlace, see.uncovered, see.spare].map(String)).toEqual(["1000000", "500000", "0", "100000"]);
    expect(report.system.covered).toBe(true);
    expect(report.system.explanation).toMatch(/^Every Place's adverse variance is covered/);
  });

  it("is covered across Places when another Place has enough to spare", () => {
    const ledger = PlanLedger.of(rulebook, [entry("ICB-STH", 1, 0, -1_500_000), entry("ICB-ME", 1, 0, 2_000_000)]);
    const report = rollUp(ledger, 1);
    expect(String(report.system.offsetAcrossPlaces)).toBe("1500000");
    expect(report.system.explanation).toMatch(/^Favourable variances in other Places cover the remaining £1,500,000\.00/);
  });
});

describe("the ledger refuses what it cannot use", () => {
  it.each([
    [[entry("Nobody NHS Trust", 1, 0, 0)], /row 1: unknown organisation "Nobody NHS Trust"/],
    [[entry("MSEFT", 13, 0, 0)], /row 1: the month must be a whole number from 1 \(April\) to 12 \(March\), not 13/],
    [[entry("MSEFT", 0, 0, 0)], /not 0/],
    [[entry("MSEFT", 1.5, 0, 0)], /not 1.5/],
    [[entry("MSEFT", 1, 0, 0), entry("Mid and South Essex NHS Foundation Trust", 1, 0, 0)], /row 2: MSEFT already has a row for April/],
  ])("%#", (entries, message) => {
    expect(() => PlanLedger.of(rulebook, entries)).toThrow(message);
  });

  it("needs turnover on every row when tolerances are a share of it", () => {
    const byTurnover = withControlTotal((ct) => {
      ct.toleranceBasis = "turnover";
    });
    expect(() => PlanLedger.of(byTurnover, [entry("MSEFT", 1, 0, 0, null)])).toThrow(/row 1: the turnover is blank/);
  });

  it("says when no one reported for the month asked for", () => {
    expect(() => rollUp(PlanLedger.of(rulebook, [entry("MSEFT", 1, 0, 0)]), 2)).toThrow(/no organisation has a row for May/);
  });
});

describe("risk and gain share", () => {
  it("splits the sample's system overspend by turnover, exact to the penny", () => {
    const report = rollUp(sampleLedger(), 12);
    const shares = riskShare(report.system.forecastVariance, riskShareBases(rulebook, report.inside));
    expect(shares.reduce((t, s) => t.plus(s), m(0)).toString()).toBe("-7300000");
    expect(shares.every((s) => s.times(100).isInteger())).toBe(true);
  });

  it("rounds the amount to pence once, then shares it exactly (worked: £100 three ways)", () => {
    expect(riskShare(m(100), [m(1), m(1), m(1)]).map(String)).toEqual(["33.34", "33.33", "33.33"]);
    expect(riskShare(m("-100.005"), [m(1), m(1)]).map(String)).toEqual(["-50", "-50"]);
  });

  it("always sums exactly to the amount in pence, each share within a penny of its exact part (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(10 ** 11), max: 10 ** 11 }),
        fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { minLength: 1, maxLength: 30 }).filter((b) => b.some((x) => x > 0)),
        (pence, bases) => {
          const amount = m(pence).dividedBy(100);
          const shares = riskShare(amount, bases.map(m));
          const total = bases.reduce((a, b) => a + b, 0);
          return (
            shares.reduce((t, s) => t.plus(s), m(0)).eq(amount) &&
            shares.every((s, i) => s.minus(amount.times(bases[i]!).dividedBy(total)).abs().lt(m("0.01")))
          );
        },
      ),
      { numRuns: 3000 },
    );
  });
});
