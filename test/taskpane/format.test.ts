import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { formatGBP, Money, parseMoney, parseTypedMoney } from "../../src/rules/money";
import { change, inUnit, millions, negativeStyle, percent, pounds, setNegativeStyle, shares, takenAs, thousands, total, withUnit } from "../../src/taskpane/format";
import { parseDisplaySettings } from "../../src/workbook/displaySettings";

const m = (s: string) => new Money(s);

afterEach(() => setNegativeStyle("minus"));

describe("the pane's one money style", () => {
  it("shows detail to the penny with thousands separators, negatives with a minus sign by default", () => {
    expect(negativeStyle()).toBe("minus");
    expect(pounds(m("1234567.891"))).toBe("£1,234,567.89");
    expect(pounds(m("-1234.5"))).toBe("-£1,234.50");
    expect(pounds(m("-0.004"))).toBe("£0.00");
  });

  it("shows negatives in brackets everywhere once chosen, and reads them back", () => {
    setNegativeStyle("brackets");
    expect(pounds(m("-1234.5"))).toBe("(£1,234.50)");
    expect(millions(m("-19800000"), 1)).toBe("(£19.8m)");
    expect(thousands(m("-36500000"))).toBe("(£36,500k)");
    expect(inUnit(m("-1234567"), "thousands")).toBe("(1,235)");
    expect(withUnit(m("-1234.5"), "pounds")).toBe("(£1,234.50)");
    expect(change(m("-120000"))).toBe("(£0.12m)");
    expect(change(m("120000"))).toBe("+£0.12m");
    expect(pounds(m("1234.5"))).toBe("£1,234.50");
    // What the pane shows, a person can type back.
    expect(parseMoney(pounds(m("-1234.5"))).eq(m("-1234.5"))).toBe(true);
    expect(takenAs("(500)")).toBe("Taken as (£500.00)");
  });

  it("shows summaries in £k or £m with the decimals stated, rounding half-even at the display point only", () => {
    expect(millions(m("19800000"), 1)).toBe("£19.8m");
    expect(millions(m("19800000"))).toBe("£19.80m");
    expect(thousands(m("-36500000"))).toBe("-£36,500k");
    expect(thousands(m("1234567.89"), 1)).toBe("£1,234.6k");
    // Half-even: 2.5k to 2k, 3.5k to 4k; 0.125m to 0.12m.
    expect(thousands(m("2500"))).toBe("£2k");
    expect(thousands(m("3500"))).toBe("£4k");
    expect(millions(m("125000"))).toBe("£0.12m");
    // A figure that rounds to nothing has no sign, in either style.
    expect(millions(m("-1000"))).toBe("£0.00m");
    setNegativeStyle("brackets");
    expect(millions(m("-1000"))).toBe("£0.00m");
  });

  it("adds totals from unrounded figures and rounds once, where they are shown", () => {
    const parts = [m("0.004"), m("0.004"), m("0.004")];
    expect(parts.map(pounds)).toEqual(["£0.00", "£0.00", "£0.00"]);
    expect(pounds(total(parts))).toBe("£0.01");
    const thirds = [m("1000000").dividedBy(3), m("1000000").dividedBy(3), m("1000000").dividedBy(3)];
    expect(millions(total(thirds))).toBe("£1.00m");
  });

  it("says a change with its sign, and no change when it shows as nothing", () => {
    expect(change(m("-120000"))).toBe("-£0.12m");
    expect(change(m("0"))).toBe("no change");
    expect(change(m("1"))).toBe("no change");
    expect(change(m("1"), pounds)).toBe("+£1.00");
  });

  it("gives shares that add to 100.0% as shown, where rounding each would not", () => {
    // Three equal thirds: 33.3% each would show 99.9%.
    expect(shares([m("1"), m("1"), m("1")])).toEqual(["33.4%", "33.3%", "33.3%"]);
    expect(shares([m("2"), m("1")], 0)).toEqual(["67%", "33%"]);
    expect(shares([m("0"), m("0")])).toBeUndefined();
    expect(() => shares([m("-1"), m("2")])).toThrow(/not negative/);
    expect(percent(m("0.4255"))).toBe("42.6%");
  });

  it("gives shares adding to exactly 100 at one and two places, each within one displayed unit of its exact share (property, seeded)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 15n }), { minLength: 1, maxLength: 40 }).filter((xs) => xs.some((x) => x > 0n)),
        fc.constantFrom(0, 1, 2),
        (pence, places) => {
          const parts = pence.map((p) => new Money(p.toString()).dividedBy(100));
          const shown = shares(parts, places)!;
          const unit = new Money(10).pow(-places);
          const sum = shown.reduce((s, x) => s.plus(x.replace("%", "")), new Money(0));
          expect(sum.eq(100)).toBe(true);
          const whole = parts.reduce((s, p) => s.plus(p), new Money(0));
          shown.forEach((x, i) => {
            expect(x).toMatch(places === 0 ? /^\d+%$/ : new RegExp(`^\\d+\\.\\d{${places}}%$`));
            const exact = parts[i]!.times(100).dividedBy(whole);
            expect(new Money(x.replace("%", "")).minus(exact).abs().lt(unit)).toBe(true);
          });
        },
      ),
      { seed: 20251, numRuns: 3000 },
    );
  });

  it("keeps formatGBP's minus sign as the default for what is stored (reasons, the decision log)", () => {
    setNegativeStyle("brackets");
    expect(formatGBP(m("-5"))).toBe("-£5.00");
    expect(formatGBP(m("-5"), "brackets")).toBe("(£5.00)");
  });
});

describe("what people type", () => {
  it.each([
    ["-32m", "-32000000"],
    ["£1.2m", "1200000"],
    ["55k", "55000"],
    ["(500)", "-500"],
    ["(£1.5bn)", "-1500000000"],
  ])("reads %s as %s and shows what it took it as", (typed, value) => {
    expect(parseTypedMoney(typed).eq(m(value))).toBe(true);
    expect(takenAs(typed)).toBe(`Taken as ${pounds(m(value))}`);
  });

  it("says nothing when the amount is already written as it is taken, or is not an amount", () => {
    expect(parseTypedMoney("1,234.56").eq(m("1234.56"))).toBe(true);
    expect(takenAs("1,234.56")).toBeUndefined();
    expect(takenAs("£1,234.56")).toBeUndefined();
    expect(takenAs("12abc")).toBeUndefined();
    expect(takenAs("")).toBeUndefined();
  });
});

describe("the stored display setting", () => {
  it("reads the negative style, falling back to the minus sign for nothing stored or anything unreadable", () => {
    expect(parseDisplaySettings(undefined).negatives).toBe("minus");
    expect(parseDisplaySettings('{"negatives":"brackets"}').negatives).toBe("brackets");
    expect(parseDisplaySettings('{"negatives":"red"}').negatives).toBe("minus");
    expect(parseDisplaySettings("not json").negatives).toBe("minus");
  });
});

describe("amounts held in whole pence", () => {
  it("are written exactly as formatGBP writes them, in either style (property, seeded)", async () => {
    const { formatPence, fromPence } = await import("../../src/rules/money");
    fc.assert(
      fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom("minus" as const, "brackets" as const), (pence, style) => {
        expect(formatPence(pence, style)).toBe(formatGBP(fromPence(pence), style));
      }),
      { seed: 7, numRuns: 2000 },
    );
    expect(() => formatPence(0.5)).toThrow(/whole number of pence/);
  });
});
