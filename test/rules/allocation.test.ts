import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { allocateWithinBounds, placeShares, runFormula, findFormula, type PlaceInput } from "../../src/rules/allocation";
import { AllocationError, Money } from "../../src/rules/money";
import { defaultRulebook } from "../../src/rules/presets";

const m = (x: number | string) => new Money(String(x));
const strings = (xs: Money[]) => xs.map(String);
const rows = (weights: number[], floors: (number | null)[] = [], caps: (number | null)[] = []) =>
  weights.map((w, i) => ({ weight: m(w), floor: floors[i] == null ? null : m(floors[i]!), cap: caps[i] == null ? null : m(caps[i]!) }));

describe("allocating within floors and caps (water-filling), worked", () => {
  it("is proportional when no bound binds, ties to the earlier row", () => {
    expect(strings(allocateWithinBounds(m(100), rows([1, 1, 1])))).toEqual(["33.34", "33.33", "33.33"]);
  });

  it("fixes a capped row and shares the rest again in proportion", () => {
    // 1:1:2 of £1,000 would give 250/250/500; the third is capped at 400, so 600 is shared 1:1.
    expect(strings(allocateWithinBounds(m(1000), rows([1, 1, 2], [], [null, null, 400])))).toEqual(["300", "300", "400"]);
  });

  it("lifts a row to its floor and shares the rest again in proportion", () => {
    expect(strings(allocateWithinBounds(m(1000), rows([1, 4, 5], [200])))).toEqual(["200", "355.56", "444.44"]);
  });

  it("gives a zero-weight row its floor", () => {
    expect(strings(allocateWithinBounds(m(100), rows([0, 1], [10])))).toEqual(["10", "90"]);
  });

  it.each([
    [m(-1), rows([1]), /the fund must not be negative/],
    [m("0.001"), rows([1]), /the fund \(0.001\) is not a whole number of pence/],
    [m(100), rows([1, -1]), /row 2: the weight is negative/],
    [m(100), rows([0, 0]), /the weights are all zero/],
    [m(100), rows([1, 1], [60, 50]), /the floors add up to £110.00, more than the fund of £100.00/],
    [m(100), rows([1, 1], [], [40, 50]), /the caps add up to £90.00, less than the fund of £100.00/],
    [m(100), rows([1, 1], [30], [20]), /row 1: the floor £30.00 is above the cap £20.00/],
    [m(100), [], /nothing to allocate to/],
  ])("refuses an infeasible or bad set %#", (fund, input, message) => {
    expect(() => allocateWithinBounds(fund, input)).toThrow(AllocationError);
    expect(() => allocateWithinBounds(fund, input)).toThrow(message);
  });
});

const pence = (max: number) => fc.integer({ min: 0, max }).map((p) => m(p).dividedBy(100));
/** A fund with weights, floors and caps that are feasible by construction. */
const feasible = fc
  .array(fc.record({ weight: fc.integer({ min: 0, max: 10_000 }), floor: fc.option(pence(50_000)), room: fc.option(pence(200_000)) }), { minLength: 1, maxLength: 25 })
  .filter((xs) => xs.some((x) => x.weight > 0))
  .chain((xs) => {
    const input = xs.map((x) => ({ weight: m(x.weight), floor: x.floor, cap: x.room === null ? null : (x.floor ?? m(0)).plus(x.room) }));
    const least = input.reduce((t, r) => t.plus(r.floor ?? 0), m(0));
    const most = input.some((r) => r.weight.gt(0) && r.cap === null) ? null : input.reduce((t, r) => t.plus(r.weight.gt(0) ? r.cap! : (r.floor ?? 0)), m(0));
    const span = most === null ? 10_000_000 : most.minus(least).times(100).toNumber();
    return fc.integer({ min: 0, max: span }).map((extra) => ({ fund: least.plus(m(extra).dividedBy(100)), rows: input }));
  });

describe("allocating within bounds, properties (thousands of cases)", () => {
  it("sums exactly to the fund and keeps every amount within its bounds, in whole pence", () => {
    fc.assert(
      fc.property(feasible, ({ fund, rows: input }) => {
        const out = allocateWithinBounds(fund, input);
        return (
          out.reduce((t, x) => t.plus(x), m(0)).eq(fund) &&
          out.every((x, i) => x.times(100).isInteger() && x.gte(input[i]!.floor ?? 0) && (input[i]!.cap === null || x.lte(input[i]!.cap!)))
        );
      }),
      { numRuns: 3000 },
    );
  });

  it("is proportional (within a penny) where no bound binds", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 10 ** 10 }), (weights, p) => {
        const fund = m(p).dividedBy(100);
        const total = weights.reduce((a, b) => a + b, 0);
        const out = allocateWithinBounds(fund, rows(weights));
        return out.every((x, i) => x.minus(fund.times(weights[i]!).dividedBy(total)).abs().lt(m("0.01")));
      }),
      { numRuns: 2000 },
    );
  });

  it("does not change when every weight is scaled by the same factor", () => {
    fc.assert(
      fc.property(feasible, fc.integer({ min: 2, max: 1000 }), ({ fund, rows: input }, k) => {
        const scaled = input.map((r) => ({ ...r, weight: r.weight.times(k) }));
        return strings(allocateWithinBounds(fund, input)).join() === strings(allocateWithinBounds(fund, scaled)).join();
      }),
      { numRuns: 1500 },
    );
  });

  it("is monotone: raising one weight never lowers that row's amount", () => {
    fc.assert(
      fc.property(feasible, fc.nat(), fc.integer({ min: 1, max: 5000 }), ({ fund, rows: input }, pick, more) => {
        const i = pick % input.length;
        const raised = input.map((r, j) => (j === i ? { ...r, weight: r.weight.plus(more) } : r));
        return allocateWithinBounds(fund, raised)[i]!.gte(allocateWithinBounds(fund, input)[i]!);
      }),
      { numRuns: 1500 },
    );
  });
});

describe("Place shares and formulas from the rulebook", () => {
  const rulebook = defaultRulebook();
  const places: PlaceInput[] = [
    { place: "Thurrock", population: m(182_000), needIndex: m("1.04"), baseline: m(9_100_000), floor: null, cap: null },
    { place: "South East Essex", population: m(372_000), needIndex: m("0.99"), baseline: m(18_300_000), floor: null, cap: null },
    { place: "Mid Essex", population: m(398_000), needIndex: m("0.93"), baseline: m(18_900_000), floor: null, cap: null },
    { place: "Basildon and Brentwood", population: m(268_000), needIndex: m("1.06"), baseline: m(13_700_000), floor: null, cap: null },
  ];

  it("gives shares of need-weighted population summing to 1", () => {
    const shares = placeShares(places.map((p) => p.population), places.map((p) => p.needIndex));
    expect(shares.reduce((t, s) => t.plus(s), m(0)).toDecimalPlaces(30).toString()).toBe("1");
    expect(shares[0]!.toDecimalPlaces(4).toString()).toBe("0.1562");
  });

  it("need-weighting gives more to greater need than per capita (MoU 9.7)", () => {
    const fund = m(60_000_000);
    const perCapita = runFormula(findFormula(rulebook, "per-capita"), fund, places, "MoU 9.7–9.9");
    const needWeighted = runFormula(findFormula(rulebook, "need-weighted"), fund, places, "MoU 9.7–9.9");
    for (const r of [perCapita, needWeighted]) expect(r.places.reduce((t, p) => t.plus(p.allocation), m(0)).eq(fund)).toBe(true);
    expect(needWeighted.places[3]!.allocation.gt(perCapita.places[3]!.allocation)).toBe(true);
    expect(needWeighted.places[2]!.allocation.lt(perCapita.places[2]!.allocation)).toBe(true);
  });

  it("holds each Place within 2% of its baseline under the pace-of-change formula, and says which limit binds", () => {
    const fund = m(60_000_000);
    const paced = runFormula(findFormula(rulebook, "need-weighted-pace-2"), fund, places, "MoU 9.7–9.9");
    expect(paced.places.reduce((t, p) => t.plus(p.allocation), m(0)).eq(fund)).toBe(true);
    for (const [i, p] of paced.places.entries()) {
      const baseline = places[i]!.baseline!;
      expect(p.allocation.minus(baseline).abs().lte(baseline.times("0.02"))).toBe(true);
    }
    expect(paced.places.some((p) => p.limitedBy?.startsWith("pace of change"))).toBe(true);
    expect(paced.explanation).toMatch(/^Need-weighted, 2% pace of change: £60,000,000.00 to 4 Places .*\(MoU 9.7–9.9\)/);
  });

  it("names the Place when its bounds cannot be met", () => {
    const bad = places.map((p, i) => (i === 1 ? { ...p, floor: m(30_000_000), cap: m(20_000_000) } : p));
    expect(() => runFormula(findFormula(rulebook, "need-weighted"), m(60_000_000), bad, "MoU 9.7–9.9")).toThrow(
      "South East Essex: the floor £30,000,000.00 is above the cap £20,000,000.00",
    );
  });
});
