import { describe, expect, it } from "vitest";
import fc from "fast-check";
import DecimalJs from "decimal.js";
import { formatGBP, Money, parseMoney, toExcelNumber, toPence } from "../../src/rules/money";

describe("money", () => {
  it("is a clone: the global decimal.js settings do not change it", () => {
    expect(Money).not.toBe(DecimalJs);
    expect(Money.precision).toBe(40);
    expect(new Money("0.1").plus("0.2").toString()).toBe("0.3");
  });

  it("parses Excel numbers through their typed decimal form", () => {
    expect(parseMoney(0.1).plus(parseMoney(0.2)).equals("0.3")).toBe(true);
    expect(parseMoney(1234567.89).toString()).toBe("1234567.89");
  });

  it("parses amounts as finance users type them", () => {
    expect(parseMoney("£1,234.50").toString()).toBe("1234.5");
    expect(parseMoney("-£12.01").toString()).toBe("-12.01");
    expect(parseMoney("(1,000)").toString()).toBe("-1000");
    expect(parseMoney(" 42 ").toString()).toBe("42");
  });

  it.each([["abc"], [""], ["12.3.4"], ["--5"], ["(-5)"], ["(5"], [NaN], [Infinity], [null], [true]])(
    "rejects %s with a reason",
    (bad) => {
      expect(() => parseMoney(bad)).toThrow(/amount/);
    },
  );

  it("rounds to pence half-even at the boundary", () => {
    expect(toPence(new Money("2.345")).toString()).toBe("2.34");
    expect(toPence(new Money("2.355")).toString()).toBe("2.36");
    expect(toPence(new Money("-2.345")).toString()).toBe("-2.34");
    expect(toExcelNumber(new Money("1.005"))).toBe(1);
  });

  it("formats pounds UK style", () => {
    expect(formatGBP(new Money("1234567.891"))).toBe("£1,234,567.89");
    expect(formatGBP(new Money("-0.5"))).toBe("-£0.50");
    expect(formatGBP(new Money("-0.001"))).toBe("£0.00");
    expect(formatGBP(new Money("999"))).toBe("£999.00");
  });

  it("round-trips any whole number of pence through text exactly (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (p) => {
        const amount = new Money(p.toString()).dividedBy(100);
        expect(parseMoney(formatGBP(amount)).equals(amount)).toBe(true);
      }),
    );
  });
});
