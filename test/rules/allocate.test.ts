import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { allocateByLargestRemainder, AllocationError, Money } from "../../src/rules/money";

const m = (v: string | number) => new Money(v);
const strings = (xs: Money[]) => xs.map((x) => x.toFixed(2));
const sum = (xs: Money[]) => xs.reduce((s, x) => s.plus(x), m(0));

describe("allocation by largest remainder", () => {
  it("splits £100 three ways exactly, the odd penny to the first of the tied shares", () => {
    expect(strings(allocateByLargestRemainder(m(100), [m(1), m(1), m(1)]))).toEqual(["33.34", "33.33", "33.33"]);
  });

  it("gives leftover pence to the largest remainders", () => {
    // 10.00 by 1:2:4 → 1.428…, 2.857…, 5.714… → floors 1.42, 2.85, 5.71 (sum 9.98); remainders .8, .7, .4 (pence)
    expect(strings(allocateByLargestRemainder(m(10), [m(1), m(2), m(4)]))).toEqual(["1.43", "2.86", "5.71"]);
  });

  it("mirrors a deficit", () => {
    expect(strings(allocateByLargestRemainder(m("-100"), [m(1), m(1), m(1)]))).toEqual(["-33.34", "-33.33", "-33.33"]);
  });

  it.each([
    [m("10.005"), [m(1)], /whole number of pence/],
    [m(10), [], /nothing to allocate to/],
    [m(10), [m(0), m(0)], /all zero/],
    [m(10), [m(1), m(-1)], /must not be negative/],
  ])("rejects %s over %s", (amount, weights, message) => {
    expect(() => allocateByLargestRemainder(amount, weights)).toThrow(AllocationError);
    expect(() => allocateByLargestRemainder(amount, weights)).toThrow(message);
  });

  const pence = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map((p) => m(p.toString()).dividedBy(100));
  const weights = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 40 }).filter((ws) => ws.some((w) => w > 0));

  it("always sums exactly to the amount, each share within a penny of its exact part (property)", () => {
    fc.assert(
      fc.property(pence, weights, (amount, ws) => {
        const shares = allocateByLargestRemainder(amount, ws.map((w) => m(w)));
        expect(sum(shares).equals(amount)).toBe(true);
        const total = ws.reduce((a, b) => a + b, 0);
        shares.forEach((share, i) => {
          const exact = amount.times(ws[i]!).dividedBy(total);
          expect(share.minus(exact).abs().lessThan("0.01")).toBe(true);
          expect(share.times(100).isInteger()).toBe(true);
        });
      }),
      { numRuns: 3000 },
    );
  });

  it("is unchanged when every weight is scaled (property)", () => {
    fc.assert(
      fc.property(pence, weights, fc.integer({ min: 2, max: 1000 }), (amount, ws, k) => {
        const a = allocateByLargestRemainder(amount, ws.map((w) => m(w)));
        const b = allocateByLargestRemainder(amount, ws.map((w) => m(w * k)));
        expect(strings(b)).toEqual(strings(a));
      }),
    );
  });
});
