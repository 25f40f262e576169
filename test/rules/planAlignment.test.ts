import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  alignPlans,
  checkAssumptions,
  classify,
  forSharing,
  isAligned,
  parseDirection,
  statusMatrix,
  cellKey,
  type PlanLine,
} from "../../src/rules/planAlignment";
import { Money, wholePence } from "../../src/rules/money";
import { defaultRulebook } from "../../src/rules/presets";
import type { Materiality } from "../../src/rules/rulebook";

const settings = defaultRulebook().planAlignment!;
const either: Materiality = settings.materiality; // over £100,000 or over 1% of the larger side
const both: Materiality = { ...either, mismatchWhen: "exceeds-both" };
const clause = settings.clause;
const line = (organisation: string, counterparty: string, direction: "income" | "expenditure", pounds: number, category = "Clinical contract", sensitive = false): PlanLine => ({
  organisation,
  counterparty,
  direction,
  category,
  pence: Math.round(pounds * 100),
  sensitive,
});

describe("the Agreement of Balances test", () => {
  it("agrees equal sides, to the penny", () => {
    expect(classify(41_500_000_00, 41_500_000_00, either, clause)).toMatchObject({ status: "agreed" });
    expect(classify(41_500_000_00, 41_499_999_99, either, clause).status).toBe("within-tolerance");
  });

  it("holds a difference of exactly £100,000 and exactly 1% within tolerance, and a penny more a mismatch", () => {
    // Larger side £10,000,000: 1% is £100,000.
    expect(classify(10_000_000_00, 9_900_000_00, either, clause)).toMatchObject({ status: "within-tolerance" });
    expect(classify(10_000_000_00, 9_899_999_99, either, clause)).toEqual({
      status: "mismatch",
      explanation: "Mismatch: a difference of £100,000.01 is over £100,000.00 or 1% of the larger side (illustrative: agree locally, MoU 9.5)",
    });
    expect(classify(10_000_000_00, 9_899_999_99, both, clause).explanation).toBe(
      "Mismatch: a difference of £100,000.01 is over £100,000.00 and 1% of the larger side (illustrative: agree locally, MoU 9.5)",
    );
    // Over £100,000 but under 1% of £50m: material when either is enough, not when both are needed.
    expect(classify(50_000_000_00, 49_850_000_00, either, clause).status).toBe("mismatch");
    expect(classify(50_000_000_00, 49_850_000_00, both, clause).status).toBe("within-tolerance");
    // Under £100,000 but 5% of £2m.
    expect(classify(2_000_000_00, 1_900_000_00, either, clause).status).toBe("mismatch");
    // A £ threshold alone.
    expect(classify(1_000_00, 0, { pounds: 999, basisPoints: null, mismatchWhen: "exceeds-either" }, clause).status).toBe("mismatch");
  });

  it("says which side is missing", () => {
    expect(classify(null, 5_00, either, clause).explanation).toBe("Missing: the payee reported no income for this pair and category (MoU 9.5)");
    expect(classify(5_00, null, either, clause).status).toBe("missing");
  });
});

describe("organisations written any way", () => {
  it("matches codes whatever their case and spacing (RAJ = raj = \" Raj \"), showing each as first written", () => {
    const flows = alignPlans(
      [line("RAJ", "ICB-ME", "income", 100), line(" icb-me ", "raj", "expenditure", 60), line("Icb-Me", " Raj ", "expenditure", 40), line("raj", "mseft", "income", 5, "clinical  CONTRACT")],
      either,
      clause,
    );
    expect(flows.map((f) => [f.payee, f.payer, f.category, f.status, f.income, f.expenditure])).toEqual([
      ["raj", "mseft", "clinical  CONTRACT", "missing", 5_00, null],
      ["RAJ", "ICB-ME", "Clinical contract", "agreed", 100_00, 100_00],
    ]);
    expect(flows[1]!.incomeLines).toEqual([0]);
    expect(flows[1]!.expenditureLines).toEqual([1, 2]);
  });

  it("sees an organisation paired with itself however it is written", () => {
    expect(() => alignPlans([line("RAJ", " raj", "income", 1)], either, clause)).toThrow("line 1: RAJ is paired with itself");
  });
});

describe("aligning plan lines", () => {
  const lines = [
    line("MSEFT", "ICB-ME", "income", 415_200_000),
    line("ICB-ME", "MSEFT", "expenditure", 412_000_000),
    line("MSEFT", "ICB-STH", "income", 250_000_000),
    line("ICB-STH", "MSEFT", "expenditure", 249_960_000),
    line("MSEFT", "ICB-THU", "income", 120_000_000),
    line("ICB-THU", "MSEFT", "expenditure", 120_000_000),
    line("ICB-ME", "EPUT", "expenditure", 38_000_000),
    line("MSEFT", "ICB-ME", "income", 2_000_000, "Recharges"),
    line("ICB-ME", "MSEFT", "expenditure", 1_500_000, "Recharges"),
    line("ICB-ME", "MSEFT", "expenditure", 400_000, "Recharges"),
  ];

  it("pairs each side, by category, and lists the largest difference first", () => {
    const flows = alignPlans(lines, either, clause);
    expect(flows.map((f) => [f.payee, f.payer, f.category, f.status, f.difference])).toEqual([
      ["EPUT", "ICB-ME", "Clinical contract", "missing", -38_000_000_00],
      ["MSEFT", "ICB-ME", "Clinical contract", "mismatch", 3_200_000_00],
      ["MSEFT", "ICB-ME", "Recharges", "mismatch", 100_000_00],
      ["MSEFT", "ICB-STH", "Clinical contract", "within-tolerance", 40_000_00],
      ["MSEFT", "ICB-THU", "Clinical contract", "agreed", 0],
    ]);
    const recharges = flows[2]!;
    expect(recharges.expenditureLines).toEqual([8, 9]);
    expect(recharges.incomeLines).toEqual([7]);
    expect(isAligned(flows)).toBe(false);
    expect(isAligned(flows.filter((f) => f.status !== "mismatch" && f.status !== "missing"))).toBe(true);
  });

  it("compares both directions between a pair separately", () => {
    const flows = alignPlans([line("A", "B", "income", 10), line("B", "A", "expenditure", 10), line("B", "A", "income", 7), line("A", "B", "expenditure", 5)], { pounds: 1, basisPoints: null, mismatchWhen: "exceeds-either" }, clause);
    expect(flows.map((f) => `${f.payee}←${f.payer} ${f.status}`)).toEqual(["B←A mismatch", "A←B agreed"]);
  });

  it("gives each payee × payer cell its worst status", () => {
    const cells = statusMatrix(alignPlans(lines, either, clause));
    expect(cells.get(cellKey("MSEFT", "ICB-ME"))).toBe("mismatch");
    expect(cells.get(cellKey("MSEFT", "ICB-THU"))).toBe("agreed");
    expect(cells.get(cellKey("ICB-ME", "MSEFT"))).toBeUndefined();
  });

  it("refuses an organisation paired with itself, naming the line", () => {
    expect(() => alignPlans([line("A", "B", "income", 1), line("B", "B", "income", 1)], either, clause)).toThrow("line 2: B is paired with itself");
  });

  it("reads directions and pence strictly", () => {
    expect(parseDirection(" INCOME ", "row 1")).toBe("income");
    expect(() => parseDirection("Receipts", "row 2")).toThrow('row 2: the direction must be Income or Expenditure, not "Receipts"');
    expect(wholePence(1234.5, "row 1")).toBe(123450);
    expect(() => wholePence(0.125, "row 3")).toThrow("row 3: 0.125 is not a whole number of pence");
  });

  it("shares competition-sensitive flows only in aggregate", () => {
    const flows = alignPlans([...lines, line("PROVIDE", "ICB-ME", "income", 30_000_000, "Clinical contract", true), line("ICB-ME", "PROVIDE", "expenditure", 29_000_000)], either, clause);
    const shared = forSharing(flows);
    expect(shared.open.some((f) => f.payee === "PROVIDE")).toBe(false);
    expect(shared.sensitive).toEqual({ count: 1, income: 30_000_000_00, expenditure: 29_000_000_00, worst: "mismatch" });
  });

  it("finds the same mismatches when every line's organisation and counterparty swap roles", () => {
    const names = ["A", "B", "C", "D", "E"];
    const arbitraryLine = fc
      .record({
        organisation: fc.constantFrom(...names),
        counterparty: fc.constantFrom(...names),
        direction: fc.constantFrom("income" as const, "expenditure" as const),
        category: fc.constantFrom("Clinical contract", "Recharges"),
        pence: fc.integer({ min: 0, max: 50_000_000_00 }),
        sensitive: fc.boolean(),
      })
      .filter((l) => l.organisation !== l.counterparty);
    const summary = (flows: ReturnType<typeof alignPlans>) =>
      flows
        .filter((f) => f.status === "mismatch" || f.status === "missing")
        .map((f) => `${[f.payee, f.payer].sort().join("|")}|${f.category}|${f.status}|${f.difference < 0 ? -f.difference : f.difference}`)
        .sort();
    fc.assert(
      fc.property(fc.array(arbitraryLine, { maxLength: 40 }), (ls) => {
        const swapped = ls.map((l) => ({ ...l, organisation: l.counterparty, counterparty: l.organisation }));
        expect(summary(alignPlans(swapped, either, clause))).toEqual(summary(alignPlans(ls, either, clause)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("common planning assumptions", () => {
  const system = new Map([
    ["pay-award", new Money("0.055")],
    ["non-pay-inflation", new Money("0.03")],
  ]);

  it("flags a deviation beyond the rulebook's tolerance, and holds one at the tolerance", () => {
    const checks = checkAssumptions(settings, system, [
      { organisation: "MSEFT", assumption: "non-pay-inflation", value: new Money("0.0275") },
      { organisation: "ICB-ME", assumption: "non-pay-inflation", value: new Money("0.0274") },
      { organisation: "ICB-STH", assumption: "pay-award", value: new Money("0.055") },
      { organisation: "ICB-THU", assumption: "efficiency", value: new Money("0.04") },
    ]);
    expect(checks.map((c) => c.flagged)).toEqual([false, true, false, true]);
    expect(checks[1]!.explanation).toBe("Non-pay inflation 2.74% against the system's 3%: beyond the tolerance of 0.25 percentage points (illustrative: agree locally, MoU 9.5)");
    expect(checks[3]!.explanation).toBe("The system has not agreed a efficiency assumption to compare with (illustrative: agree locally, MoU 9.5)");
  });

  it("refuses an assumption the rulebook does not know", () => {
    expect(() => checkAssumptions(settings, system, [{ organisation: "MSEFT", assumption: "weather", value: new Money(0) }])).toThrow(
      'MSEFT: "weather" is not one of the rulebook\'s planning assumptions',
    );
  });
});

describe("amounts in whole pence", () => {
  it("takes a number's pence exactly as Excel holds it (15 significant digits), for every amount to 2 places below £10 trillion", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }), (p) => {
        expect(wholePence(p / 100, "x")).toBe(p);
        expect(wholePence(Number(`${p < 0 ? "-" : ""}${Math.abs(p) / 100}`), "x")).toBe(p);
      }),
      { numRuns: 5000 },
    );
  });

  it("refuses a number with a fraction of a penny, however small", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 1, max: 9 }), (p, tenth) => {
        expect(() => wholePence(Number(`${p}.${String(p % 100).padStart(2, "0")}${tenth}`), "x")).toThrow(/not a whole number of pence/);
      }),
      { numRuns: 2000 },
    );
  });
});
