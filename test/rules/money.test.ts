import { describe, expect, it } from "vitest";
import fc from "fast-check";
import DecimalJs from "decimal.js";
import { formatGBP, fromExcelNumber, fromPence, MINUS, Money, MoneyParseError, parseMoney, parseTypedMoney, penceAt, toExcelNumber, toPence, wholePence } from "../../src/rules/money";

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

  it.each([["abc"], [""], ["12.3.4"], ["--5"], ["-−5"], ["(-5)"], ["(−5)"], ["(5"], ["5)"], ["££5"], ["£-£5"], ["1e5"], ["+5"], ["12."], [NaN], [Infinity], [null], [true]])(
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
    expect(formatGBP(new Money("-1234567.5"))).toBe(`${MINUS}£1,234,567.50`);
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

describe("numbers as Excel hands them over: 15 significant digits", () => {
  it("takes a formula's float noise away before the whole-pence check", () => {
    expect(100 * 1.15).toBe(114.99999999999999);
    expect(parseMoney(100 * 1.15).toString()).toBe("115");
    expect(parseMoney(114.99999999999999).toString()).toBe("115");
    expect(wholePence(100 * 1.15, "row 1")).toBe(11_500);
    expect(penceAt(0.1 + 0.2, "row 1")).toBe(30);
    expect(parseMoney(3 * 0.1 * 1e6).toString()).toBe("300000");
    expect(fromExcelNumber(-0).toString()).toBe("0");
  });

  it("still refuses a fraction of a penny that was typed (1.005) or computed (=1/3), naming the cell", () => {
    expect(parseMoney(1.005).toString()).toBe("1.005");
    expect(() => wholePence(1.005, "amounts row 2")).toThrow("amounts row 2: 1.005 is not a whole number of pence");
    expect(() => penceAt(1 / 3, "amounts row 3")).toThrow("amounts row 3: 0.333333333333333 is not a whole number of pence");
  });

  it("refuses a number whose pence are past Excel's 15 digits (£10 trillion or more) rather than dropping them", () => {
    expect(wholePence(9_999_999_999_999.99, "x")).toBe(999_999_999_999_999);
    expect(() => wholePence(10_000_000_000_000.01, "x")).toThrow(/too large an amount to hold to the penny/);
    // Text is exact, so a larger amount given as text keeps its pence.
    expect(penceAt("£10,000,000,000,000.01", "x")).toBe(1_000_000_000_000_001);
  });

  it("names the cell for text and non-numbers too", () => {
    expect(() => penceAt("lots", "amounts row 4")).toThrow('amounts row 4: "lots" is not an amount in pounds');
    expect(() => penceAt(NaN, "amounts row 5")).toThrow("amounts row 5: NaN is not an amount");
  });

  it("parses to the intended pence any amount up to £10bn after a formula-like operation (property)", () => {
    const pence = fc.integer({ min: -(10 ** 12), max: 10 ** 12 });
    const formula = fc.constantFrom(
      (x: number) => (x * 1.15) / 1.15,
      (x: number) => x * 1.15 * (1 / 1.15),
      (x: number) => (x * 3) / 3,
      (x: number) => (x / 7) * 7,
      (x: number) => x + 0.1 - 0.1,
      (x: number) => (x * 100) / 100,
    );
    fc.assert(
      fc.property(pence, formula, (p, f) => {
        const excel = f(p / 100);
        expect(wholePence(excel, "x")).toBe(p);
        expect(parseMoney(excel).equals(fromPence(p))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("parses to the intended pence a sum of parts, as =SUM gives it (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 ** 11 }), { minLength: 2, maxLength: 10 }), fc.boolean(), (parts, negative) => {
        const sign = negative ? -1 : 1;
        const excel = parts.reduce((sum, p) => sum + (sign * p) / 100, 0);
        const intended = sign * parts.reduce((a, b) => a + b, 0);
        expect(wholePence(excel, "x")).toBe(intended === 0 ? 0 : intended);
      }),
      { numRuns: 5000 },
    );
  });
});

describe("text money: strict thousands separators, one decimal point, either minus sign", () => {
  it.each([
    ["1,234.56", "1234.56"],
    ["£1,234,567", "1234567"],
    ["-£1,234.50", "-1234.5"],
    ["−£1,234.50", "-1234.5"],
    ["£-1,234.50", "-1234.5"],
    ["£−1,234.50", "-1234.5"],
    ["(1,234.50)", "-1234.5"],
    ["(£1,234.50)", "-1234.5"],
    ["1234.56", "1234.56"],
    ["123", "123"],
    ["0.5", "0.5"],
    [".5", "0.5"],
    ["£ 1,234 ", "1234"],
    ["- £12", "-12"],
    ["-0", "0"],
    ["1,000,000,000,000,000.01", "1000000000000000.01"],
  ])("reads %s", (text, value) => {
    expect(parseMoney(text).toString()).toBe(value);
  });

  it.each([
    ["1234,56", '"1234,56" uses a comma as a decimal point; use a full stop, e.g. 1234.56'],
    ["1,5", '"1,5" uses a comma as a decimal point; use a full stop, e.g. 1.5'],
    ["0,500", '"0,500" uses a comma as a decimal point; use a full stop, e.g. 0.500'],
    ["-£12,50", '"-£12,50" uses a comma as a decimal point; use a full stop, e.g. -£12.50'],
    ["(£1.234,56)", '"(£1.234,56)" uses a comma as a decimal point; use a full stop, e.g. (£1234.56)'],
    ["1.234,56", '"1.234,56" uses a comma as a decimal point; use a full stop, e.g. 1234.56'],
    ["1,2,3", '"1,2,3": thousands separators must separate groups of three digits'],
    ["12,34.5", '"12,34.5": thousands separators must separate groups of three digits'],
    ["1234,567", '"1234,567": thousands separators must separate groups of three digits'],
    ["1,234,56", '"1,234,56": thousands separators must separate groups of three digits'],
    ["01,234", '"01,234": thousands separators must separate groups of three digits'],
    ["1,234,", '"1,234,": thousands separators must separate groups of three digits'],
    ["1 234", '"1 234" has spaces inside the number; group thousands with commas, e.g. 1,234,567'],
  ])("refuses %s, saying why", (text, message) => {
    expect(() => parseMoney(text)).toThrow(new MoneyParseError(text, message));
  });

  it("formats with one minus sign, and reads either sign back (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (p) => {
        const amount = fromPence(p);
        const text = formatGBP(amount);
        expect(text).not.toContain("−");
        expect(parseMoney(text).equals(amount)).toBe(true);
        expect(parseMoney(text.replace(MINUS, "−")).equals(amount)).toBe(true);
      }),
    );
  });

  it("reads thousands-grouped text of any amount back exactly, in every way of writing a negative (property)", () => {
    const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 18n }),
        fc.constantFrom("", ".5", ".05", ".50", ".123"),
        fc.constantFrom("", "£"),
        fc.constantFrom("plus", "-", "−", "brackets"),
        (whole, fraction, pound, sign) => {
          const body = `${pound}${group(whole.toString())}${fraction}`;
          const text = sign === "plus" ? body : sign === "brackets" ? `(${body})` : `${sign}${body}`;
          const value = new Money(`${whole.toString()}${fraction}`);
          const expected = sign === "plus" || value.isZero() ? value : value.negated();
          expect(parseMoney(text).equals(expected)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("refuses any other grouping of the digits (property)", () => {
    const validGroups = (groups: string[]) => /^[1-9]\d{0,2}$/.test(groups[0]!) && groups.slice(1).every((g) => g.length === 3);
    const groups = fc.array(fc.stringMatching(/^\d{1,5}$/), { minLength: 2, maxLength: 6 }).filter((g) => !validGroups(g));
    fc.assert(
      fc.property(groups, fc.constantFrom("", ".25"), fc.constantFrom("", "£", "-£"), (g, fraction, prefix) => {
        const text = `${prefix}${g.join(",")}${fraction}`;
        expect(() => parseMoney(text)).toThrow(/thousands separators must separate groups of three digits|uses a comma as a decimal point/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("amounts as people type them into the pane: k, m and bn", () => {
  it.each([
    ["55k", "55000"],
    ["£1.2m", "1200000"],
    ["-32m", "-32000000"],
    ["−£2.5M", "-2500000"],
    ["(500)", "-500"],
    ["(1.5bn)", "-1500000000"],
    ["£ 12.345 m", "12345000"],
    ["1,234.56", "1234.56"],
    ["0.75k", "750"],
  ])("reads %s as £%s", (typed, pounds) => {
    expect(parseTypedMoney(typed).eq(new Money(pounds))).toBe(true);
  });

  it.each([
    ["12,34m", /thousands separators|decimal point/],
    ["1.2.3m", /is not an amount/],
    ["k", /is not an amount/],
    ["5mm", /is not an amount/],
    ["5 million", /is not an amount/],
  ])("refuses %s, saying why", (typed, why) => {
    expect(() => parseTypedMoney(typed)).toThrow(why);
  });

  it("leaves the cells' parser strict: 55k in a cell is not an amount", () => {
    expect(() => parseMoney("55k")).toThrow(MoneyParseError);
  });

  it("scales exactly: any amount in pence written with k, m or bn reads back to the penny", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), fc.constantFrom(["k", 3] as const, ["m", 6] as const, ["bn", 9] as const), (pence, [suffix, places]) => {
        const pounds = new Money(pence.toString()).dividedBy(100);
        const written = `${pounds.dividedBy(new Money(10).pow(places)).toFixed()}${suffix}`;
        expect(parseTypedMoney(written).eq(pounds)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});
