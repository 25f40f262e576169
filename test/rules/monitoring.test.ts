// Monitoring transformation funds: tranches exact to the penny, RAG bands exact at their edges, each tranche released or held by the rule that says so.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { RulesInputError } from "../../src/rules/inputError";
import { Money } from "../../src/rules/money";
import {
  monitorFunds,
  numberDeliverables,
  parseDeliverable,
  parseReturn,
  rateMilestones,
  rateQuarter,
  rateSpend,
  tranchesOf,
  type Deliverable,
  type QuarterlyReturn,
  type ReturnCells,
} from "../../src/rules/monitoring";
import { presetRulebook } from "../../src/rules/presets";
import { parseRulebook, type MonitoringSettings, type Rulebook } from "../../src/rules/rulebook";

const mse = presetRulebook("mid-south-essex")!;
const nenc = presetRulebook("north-east-north-cumbria")!;
const settings = mse.allocation!.monitoring!;
const m = (v: string | number) => new Money(v);
const sum = (xs: readonly Money[]) => xs.reduce((a, x) => a.plus(x), m(0));

/** A settings object with other tranche shares (the shipped ones are equal quarters). */
const withShares = (shares: number[]): MonitoringSettings => ({ ...settings, tranches: { ...settings.tranches, sharesBasisPoints: shares } });

const ret = (unit: string, quarter: 1 | 2 | 3 | 4, due: number, delivered: number, spend: string, where = `row ${quarter}`): QuarterlyReturn => ({
  unit,
  quarter,
  milestonesDue: due,
  milestonesDelivered: delivered,
  spendToDate: m(spend),
  note: "",
  where,
});
const deliverable = (unit: string, dueQuarter: 1 | 2 | 3 | 4): Deliverable => ({ id: `${unit}-${dueQuarter}`, unit, description: "Frailty hub", outcomeMeasure: "Non-elective admissions over 75s", dueQuarter });

describe("tranches", () => {
  it("splits £1,000,000.01 into equal quarters, the odd penny to Q1", () => {
    expect(tranchesOf(settings, m("1000000.01")).map((t) => t.toFixed(2))).toEqual(["250000.01", "250000.00", "250000.00", "250000.00"]);
  });

  it("splits by listed shares: 40/30/20/10 of £0.07 is 3p, 2p, 1p, 1p", () => {
    expect(tranchesOf(withShares([4_000, 3_000, 2_000, 1_000]), m("0.07")).map((t) => t.toFixed(2))).toEqual(["0.03", "0.02", "0.01", "0.01"]);
  });

  it("always sums exactly to the allocation, each tranche within a penny of its share, for thousands of allocations and shares (property)", () => {
    const pence = fc.bigInt({ min: 0n, max: 10n ** 13n });
    // Four shares summing to exactly 10,000 basis points: three cut points in 0..10,000.
    const shares = fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 3, maxLength: 3 }).map((cuts) => {
      const [a, b, c] = [...cuts].sort((x, y) => x - y) as [number, number, number];
      return [a, b - a, c - b, 10_000 - c];
    });
    fc.assert(
      fc.property(pence, shares, (p, bp) => {
        const allocation = m(p.toString()).dividedBy(100);
        const tranches = tranchesOf(withShares(bp), allocation);
        expect(sum(tranches).equals(allocation)).toBe(true);
        tranches.forEach((t, i) => {
          expect(t.times(100).isInteger()).toBe(true);
          expect(t.minus(allocation.times(bp[i]!).dividedBy(10_000)).abs().lt(m("0.01"))).toBe(true);
        });
      }),
      { numRuns: 3_000, seed: 16_5 },
    );
  });

  it("leaves released, held and awaiting summing exactly to each unit's allocation, whatever the returns (property)", () => {
    const allocation = fc.bigInt({ min: 0n, max: 10n ** 11n }).map((p) => m(p.toString()).dividedBy(100));
    const aReturn = fc.record({ quarter: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>, due: fc.integer({ min: 0, max: 12 }), share: fc.integer({ min: 0, max: 200 }) });
    fc.assert(
      fc.property(allocation, fc.uniqueArray(aReturn, { selector: (r) => r.quarter, maxLength: 4 }), fc.boolean(), (alloc, rs, agreed) => {
        const returns = rs.map((r) => ret("thurrock", r.quarter, r.due, Math.floor(r.due / 2), alloc.times(r.share).dividedBy(100).toDecimalPlaces(2).toFixed(2)));
        const report = monitorFunds(mse, [{ unit: "Thurrock", allocation: alloc }], agreed ? [deliverable("thurrock", 2)] : [], returns);
        const u = report.units[0]!;
        expect(u.released.plus(u.held).plus(u.awaiting).equals(alloc)).toBe(true);
        expect(sum(u.tranches.map((t) => t.amount)).equals(alloc)).toBe(true);
      }),
      { numRuns: 1_000, seed: 16_5 },
    );
  });
});

describe("RAG bands, exact at their edges", () => {
  it("milestones: 9 of 10 is green at 90%; 899 of 1,000 amber; 7 of 10 amber at 70%; 699 of 1,000 red", () => {
    expect(rateMilestones(settings, 10, 9).rag).toBe("green");
    expect(rateMilestones(settings, 1_000, 899).rag).toBe("amber");
    expect(rateMilestones(settings, 10, 7).rag).toBe("amber");
    expect(rateMilestones(settings, 1_000, 699).rag).toBe("red");
    expect(rateMilestones(settings, 0, 0)).toMatchObject({ rag: "green", reason: "no milestones due to date" });
    expect(rateMilestones(settings, 4, 3).reason).toBe("3 of 4 milestones due delivered (75.0%): amber; green needs at least 90% delivered, amber at least 70%");
  });

  it("spend: 10% under or over is green, a penny further amber; 25% amber, a penny further red", () => {
    const released = m(1_000_000);
    expect(rateSpend(settings, m(900_000), released).rag).toBe("green");
    expect(rateSpend(settings, m(1_100_000), released).rag).toBe("green");
    expect(rateSpend(settings, m("899999.99"), released).rag).toBe("amber");
    expect(rateSpend(settings, m("1100000.01"), released).rag).toBe("amber");
    expect(rateSpend(settings, m(750_000), released).rag).toBe("amber");
    expect(rateSpend(settings, m("749999.99"), released).rag).toBe("red");
    expect(rateSpend(settings, m(0), m(0)).rag).toBe("green");
    expect(rateSpend(settings, m("0.01"), m(0)).rag).toBe("red");
    expect(rateSpend(settings, m(800_000), released).reason).toBe(
      "spend to date £800,000.00 against £1,000,000.00 released to date (20.0% under): amber; green within 10% of it, amber within 25%",
    );
  });

  it("rates a quarter by the worse measure, naming it, the rule and its clause as illustrative", () => {
    const rating = rateQuarter(settings, ret("thurrock", 2, 4, 4, "600000"), m(1_000_000));
    expect(rating.rag).toBe("red");
    expect(rating.decidedBy).toEqual(["spend"]);
    expect(rating.explanation).toBe(
      "Q2 RED: spend to date £600,000.00 against £1,000,000.00 released to date (40.0% under): red; green within 10% of it, amber within 25% (illustrative: agree locally, MoU 9.9–9.10)",
    );
    expect(rateQuarter(settings, ret("thurrock", 2, 4, 4, "1000000"), m(1_000_000)).decidedBy).toEqual(["milestones", "spend"]);
  });

  it("follows the rulebook's bands, not fixed ones", () => {
    const strict = { ...settings, rag: { ...settings.rag, green: { milestonesAtLeastBasisPoints: 10_000, spendWithinBasisPoints: 0 } } };
    expect(rateMilestones(strict, 10, 9).rag).toBe("amber");
    expect(rateSpend(strict, m("999999.99"), m(1_000_000)).rag).toBe("amber");
  });
});

describe("tranches released or held through the year", () => {
  const allocation = [{ unit: "Thurrock", allocation: m("1640000") }, { unit: "mid-essex", allocation: m("1000000.02") }];

  it("releases Q1 on agreed deliverables, then each tranche by the quarter before's RAG and the rulebook's consequence", () => {
    const report = monitorFunds(
      mse,
      allocation,
      [deliverable("thurrock", 2), deliverable("thurrock", 4)],
      [ret("thurrock", 1, 2, 2, "410000"), ret("thurrock", 2, 5, 3, "820000"), ret("mid-essex", 1, 1, 0, "0")],
    );
    expect(report.tier.label).toBe("Place");
    expect(report.latestQuarter).toBe(2);
    const [thurrock, mid] = report.units;
    expect(thurrock!.tranches.map((t) => [t.quarter, t.amount.toFixed(2), t.status])).toEqual([
      [1, "410000.00", "released"],
      [2, "410000.00", "released"],
      [3, "410000.00", "held"],
      [4, "410000.00", "awaiting"],
    ]);
    expect(thurrock!.ratings.map((r) => r.rag)).toEqual(["green", "red"]);
    expect(thurrock!.tranches[2]!.reason).toBe("Q3 tranche £410,000.00 held pending SFLG review: Q2 was red (illustrative: agree locally, MoU 7.8, 9.9–9.10)");
    expect(thurrock!.tranches[0]!.reason).toBe("Q1 tranche £410,000.00 released: 2 deliverables and outcomes agreed (MoU 9.9–9.10)");
    expect(thurrock!.tranches[3]!.reason).toMatch(/^Q4 tranche £410,000\.00 awaiting the Q3 return/);
    expect([thurrock!.released, thurrock!.held, thurrock!.awaiting].map((x) => x.toFixed(2))).toEqual(["820000.00", "410000.00", "410000.00"]);
    // No deliverables agreed: nothing released, whatever the return says; spend is against nothing released.
    expect(mid!.tranches[0]).toMatchObject({ status: "held", wording: "held until deliverables and outcomes are agreed" });
    expect(mid!.ratings[0]!.releasedToDate.isZero()).toBe(true);
    expect(mid!.tranches[1]!.status).toBe("held");
    expect(mid!.tranches.map((t) => t.amount.toFixed(2))).toEqual(["250000.01", "250000.01", "250000.00", "250000.00"]);
  });

  it("releases an amber quarter's next tranche with an action plan", () => {
    const report = monitorFunds(mse, allocation.slice(0, 1), [deliverable("thurrock", 1)], [ret("thurrock", 1, 10, 8, "410000")]);
    expect(report.units[0]!.tranches[1]).toMatchObject({ status: "released", wording: "released with an action plan", decidedBy: { kind: "rag", quarter: 1, rag: "amber" } });
  });

  it("speaks of ICPs in North East and North Cumbria, and a Place there is refused naming the row", () => {
    const report = monitorFunds(nenc, [{ unit: "South ICP", allocation: m(4_000_000) }], [], []);
    expect([report.tier.label, report.units[0]!.name]).toEqual(["ICP", "South ICP"]);
    expect(() => parseReturn(nenc, { unit: "Sunderland", quarter: 1, milestonesDue: 1, milestonesDelivered: 1, spendToDate: 0 }, "ICS_Monitoring row 2")).toThrow(
      'ICS_Monitoring row 2 (Unit): "Sunderland" is a Place; transformation funds are monitored by ICP',
    );
    expect(report.units[0]!.tranches[2]!.clause).toBe("illustrative: agree locally, NENC ICS MoU 21");
  });

  it("refuses a return for a unit without an allocation, and a quarter returned twice, naming both rows", () => {
    expect(() => monitorFunds(mse, allocation.slice(0, 1), [], [ret("south-east-essex", 1, 0, 0, "0", "ICS_Monitoring row 4")])).toThrow(
      "ICS_Monitoring row 4 (Unit): South East Essex has no allocation to monitor",
    );
    expect(() => monitorFunds(mse, allocation.slice(0, 1), [], [ret("thurrock", 1, 0, 0, "0", "ICS_Monitoring row 1"), ret("thurrock", 1, 1, 0, "0", "ICS_Monitoring row 5")])).toThrow(
      "ICS_Monitoring row 5 (Quarter): Thurrock's Q1 return is also at ICS_Monitoring row 1; keep one",
    );
  });

  it("says a rulebook without monitoring has none", () => {
    const rb = { ...mse, allocation: { ...mse.allocation!, monitoring: undefined } } as Rulebook;
    expect(() => monitorFunds(rb, allocation, [], [])).toThrow(/sets no monitoring/);
  });
});

describe("bad rows are refused, naming the row and the field", () => {
  const good: ReturnCells = { unit: "Thurrock", quarter: "Q2", milestonesDue: 3, milestonesDelivered: "2", spendToDate: "£1,200,000.50", note: " on track " };
  const where = "ICS_Monitoring row 3";

  it("reads a good row: Q2 or 2, counts as numbers or digits, money as finance writes it", () => {
    expect(parseReturn(mse, good, where)).toMatchObject({ unit: "thurrock", quarter: 2, milestonesDue: 3, milestonesDelivered: 2, note: "on track" });
    expect(parseReturn(mse, good, where).spendToDate.toFixed(2)).toBe("1200000.50");
    expect(parseReturn(mse, { ...good, quarter: 4 }, where).quarter).toBe(4);
  });

  it.each([
    ["an unknown unit", { unit: "Atlantis" }, 'ICS_Monitoring row 3 (Unit): "Atlantis" is not one of the rulebook\'s Places'],
    ["a blank unit", { unit: " " }, "ICS_Monitoring row 3 (Unit): the Place is blank"],
    ["quarter 5", { quarter: 5 }, 'ICS_Monitoring row 3 (Quarter): "5" is not a quarter; use 1 to 4 (or Q1 to Q4) of the financial year'],
    ["quarter 0", { quarter: "Q0" }, /row 3 \(Quarter\): "Q0" is not a quarter/],
    ["a fractional quarter", { quarter: 2.5 }, /row 3 \(Quarter\): "2.5" is not a quarter/],
    ["delivered more than due", { milestonesDelivered: 4 }, "ICS_Monitoring row 3 (Milestones delivered): 4 delivered is more than the 3 due to date; both count the year so far"],
    ["a negative count", { milestonesDue: -1 }, /row 3 \(Milestones due\): "-1" is not a count/],
    ["negative spend", { spendToDate: "-£5" }, "ICS_Monitoring row 3 (Spend to date): -£5.00 is negative; it must be 0 or more"],
    ["text in money", { spendToDate: "about a million" }, 'ICS_Monitoring row 3 (Spend to date): "about a million" is not an amount in pounds'],
    ["a fraction of a penny", { spendToDate: 10.005 }, "ICS_Monitoring row 3 (Spend to date): 10.005 is not a whole number of pence"],
    ["blank spend", { spendToDate: null }, /row 3 \(Spend to date\): a blank is not an amount/],
  ])("%s", (_name, change, message) => {
    // Every one is the user's to fix (an input error of the rules, money's own included), not a bug.
    expect(() => parseReturn(mse, { ...good, ...change }, where)).toThrow(RulesInputError);
    expect(() => parseReturn(mse, { ...good, ...change }, where)).toThrow(message);
  });

  it("reads a deliverable, and refuses a blank outcome measure or a bad due quarter by field", () => {
    const cells = { unit: "basildon and brentwood", description: "Integrated neighbourhood team", outcomeMeasure: "A&E attendances", dueQuarter: "q3" };
    expect(parseDeliverable(mse, cells, "ICS_Deliverables row 1")).toEqual({ unit: "basildon-brentwood", description: "Integrated neighbourhood team", outcomeMeasure: "A&E attendances", dueQuarter: 3 });
    expect(() => parseDeliverable(mse, { ...cells, outcomeMeasure: "" }, "ICS_Deliverables row 1")).toThrow("ICS_Deliverables row 1 (Outcome measure): is blank");
    const read = parseDeliverable(mse, cells, "ICS_Deliverables row 1");
    expect(numberDeliverables([read, { ...read, unit: "thurrock" }, read]).map((d) => d.id)).toEqual(["basildon-brentwood-1", "thurrock-1", "basildon-brentwood-2"]);
    expect(() => parseDeliverable(mse, { ...cells, dueQuarter: "next year" }, "ICS_Deliverables row 1")).toThrow(/row 1 \(Due quarter\): "next year" is not a quarter/);
  });
});

describe("the rulebook's monitoring section is validated", () => {
  const spoil = (edit: (m: Record<string, any>) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any -- spoiling a preset field by field
    const input = structuredClone(mse) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- spoiling a preset field by field
    delete input.places;
    edit(input.allocation.monitoring);
    return () => parseRulebook(input);
  };

  it.each([
    ["tranches not summing to 100%", (x: Record<string, any>) => (x.tranches.sharesBasisPoints = [2_500, 2_500, 2_500, 2_499]), /add up to exactly 100%/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ["three tranches for four quarters", (x: Record<string, any>) => (x.tranches.sharesBasisPoints = [5_000, 2_500, 2_500]), /sharesBasisPoints/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ["green looser than amber", (x: Record<string, any>) => (x.rag.green.milestonesAtLeastBasisPoints = 6_000), /green band is looser/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ["a share as a float", (x: Record<string, any>) => (x.rag.amber.spendWithinBasisPoints = 2_500.5), /spendWithinBasisPoints/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ["a spend band wider than 100%, which the Rules settings sheet cannot hold", (x: Record<string, any>) => (x.rag.amber.spendWithinBasisPoints = 15_000), /spendWithinBasisPoints/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ["an unknown consequence", (x: Record<string, any>) => (x.consequences.red.tranche = "claw back"), /tranche/], // eslint-disable-line @typescript-eslint/no-explicit-any
  ])("%s", (_name, edit, message) => {
    expect(spoil(edit)).toThrow(message);
  });

  it("ships monitoring in every preset, each figure labelled illustrative", () => {
    for (const id of ["mid-south-essex", "north-east-north-cumbria", "blank"]) {
      const mon = presetRulebook(id)!.allocation!.monitoring!;
      for (const clause of [mon.rag.clause, mon.consequences.clause, mon.tranches.clause]) expect(clause).toMatch(/^illustrative: agree locally, /);
    }
    expect(presetRulebook("blank")!.allocation!.monitoring!.clause).toBe("illustrative: agree locally, local terms of reference");
  });
});
