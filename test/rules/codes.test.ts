import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { atCode, codeKey, codeKeys, hasCode, sameCode } from "../../src/rules/codes";
import { gate, type Scheme } from "../../src/rules/capital";
import { PlanLedger, recoveryStatus, rollUp, type PlanEntry } from "../../src/rules/controlTotal";
import { Money } from "../../src/rules/money";
import { defaultRulebook } from "../../src/rules/presets";
import { midSouthEssex } from "../../src/rules/presets/mid-south-essex";
import { findRule, isCrossPlace, lookupPartner, lookupPlace, parseRulebook } from "../../src/rules/rulebook";

const rulebook = defaultRulebook();
const m = (pounds: number) => new Money(pounds);

describe("codeKey: one way to match codes and names", () => {
  it("ignores case, surrounding spaces and runs of spaces (RAJ = raj = \" Raj \")", () => {
    expect(["RAJ", "raj", " Raj ", "\u00a0RAJ\t"].map(codeKey)).toEqual(["raj", "raj", "raj", "raj"]);
    expect(codeKey("Mid   Essex")).toBe("mid essex");
    expect(sameCode("MSEFT", " mseft")).toBe(true);
    expect(sameCode("MSEFT", "MSE FT")).toBe(false);
  });

  it("is the same with or without the memory, and settles on one key (property)", () => {
    const keyOf = codeKeys();
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(keyOf(text)).toBe(codeKey(text));
        expect(codeKey(codeKey(text))).toBe(codeKey(text));
        expect(sameCode(text.toUpperCase(), ` ${text.toLowerCase()} `)).toBe(codeKey(text.toUpperCase()) === codeKey(text.toLowerCase()));
      }),
    );
  });

  it("reads maps and sets of codes by a code written any way", () => {
    expect(atCode(new Map([["MSEFT", "Step 2"]]), "mseft")).toBe("Step 2");
    expect(atCode(new Map([["MSEFT", "Step 2"]]), "EPUT")).toBeUndefined();
    expect(hasCode(new Set(["ECC"]), " ecc ")).toBe(true);
  });
});

describe("codes in the rulebook's lookups", () => {
  it("finds partners, Places and rules however they are written", () => {
    expect(lookupPartner(rulebook, " mseft ")?.code).toBe("MSEFT");
    expect(lookupPlace(rulebook, "MID ESSEX")?.id).toBe("mid-essex");
    expect(lookupPlace(rulebook, "  mid  essex ")?.id).toBe("mid-essex");
    expect(lookupPlace(rulebook, "Mid-Essex")?.id).toBe("mid-essex");
    expect(lookupPlace(rulebook, "Essex")).toBeUndefined();
    expect(findRule(rulebook, " PB-CAPITAL ").id).toBe("pb-capital");
    expect(isCrossPlace(" CROSS-PLACE ")).toBe(true);
  });

  it("refuses a partner code that reads as yes/no, as a column may hold either", () => {
    const input = structuredClone(midSouthEssex);
    input.partners[0]!.code = "Y";
    expect(() => parseRulebook(input)).toThrow(/the code "Y" reads as yes\/no \(TRUE\/FALSE, Yes\/No, Y\/N or 1\/0\); choose another/);
  });
});

describe("codes in control total and capital", () => {
  const entry = (organisation: string, forecast: number): PlanEntry => ({ organisation, month: 1, plan: m(0), forecast: m(forecast), ytdPlan: m(0), ytdActual: m(0), turnover: m(100_000_000) });

  it("takes a Place's risk reserve under its name in any case", () => {
    const ledger = PlanLedger.of(rulebook, [entry("icb-sth", -1_500_000), entry("Icb-Cpr", 600_000), entry(" icb-me ", 0)]);
    const byName = rollUp(ledger, 1, new Map([["SOUTH EAST ESSEX", m(1_000_000)]]));
    const byId = rollUp(ledger, 1, new Map([["south-east-essex", m(1_000_000)]]));
    expect(byName.places).toEqual(byId.places);
    expect(String(byName.places.find((p) => p.place === "south-east-essex")!.offsetting.reserveUsed)).toBe("1000000");
    expect(recoveryStatus(byName, "icb-sth")).toEqual(recoveryStatus(byName, "ICB-STH"));
    expect(recoveryStatus(byName, "icb-sth")).not.toBeNull();
  });

  it("gates a scheme whose organisation is written in another case", () => {
    const settings = rulebook.capital!;
    const scheme: Scheme = { name: "Scheme", organisation: "mseft", place: "mid-essex", category: "backlog-maintenance", backlogRisk: null, cost: 1_00, profile: null, revenueEffect: null, affordabilityCase: false, scores: [] } as unknown as Scheme;
    const discretionary = settings.categories.find((c) => c.discretionary)!.id;
    expect(gate(settings, { ...scheme, category: discretionary }, { restricted: new Map([["MSEFT", "Step 2"]]) })?.reason).toMatch(/^mseft is under recovery measures \(Step 2\)/);
    expect(gate(settings, { ...scheme, organisation: " provide " }, { restricted: new Map(), outsideFramework: new Set(["PROVIDE"]) })?.reason).toMatch(/outside the NHS capital framework/);
  });
});
