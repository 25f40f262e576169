import { describe, expect, it } from "vitest";
import { defaultRulebook } from "../../src/rules/presets";
import { midSouthEssex } from "../../src/rules/presets/mid-south-essex";
import {
  appliesToPartner,
  findElement,
  findPartner,
  findRule,
  parseRulebook,
  RulebookError,
} from "../../src/rules/rulebook";

const rb = defaultRulebook();
const clone = () => structuredClone(midSouthEssex) as Record<string, unknown> & typeof midSouthEssex;

describe("the Mid and South Essex preset", () => {
  it("is valid and has the four Places", () => {
    expect(rb.places.map((p) => p.name)).toEqual(["Thurrock", "South East Essex", "Mid Essex", "Basildon and Brentwood"]);
    expect(rb.defaultRule).toBe("pb-capital");
  });

  it("reads Annex 1 as DOMAIN.md does, with the per-organisation overrides", () => {
    const capital = "financial-capital-transformation";
    const applies = (code: string, element: string) => appliesToPartner(rb, findPartner(rb, code), element);
    expect(applies("MSEFT", capital)).toBe(true);
    expect(applies("ICB-ME", capital)).toBe(true);
    expect(applies("NHSE", capital)).toBe(true);
    expect(applies("ECC", capital)).toBe(false);
    expect(applies("HWT", capital)).toBe(false);
    expect(applies("EEAST", capital)).toBe(false); // spans several systems
    expect(applies("PROVIDE", "mutual-accountability")).toBe(false);
    expect(applies("THC", "mutual-accountability")).toBe(true);
    expect(applies("HWE", "governance")).toBe(true);
  });

  it("finds rules, partners and matters by id, code, name or label, in any case", () => {
    expect(findRule(rb).id).toBe("pb-capital");
    expect(findRule(rb, "PB-Transformation").clause).toBe("MoU 8.4");
    expect(findRule(rb, "ICP: decision by vote").id).toBe("icp-majority");
    expect(findPartner(rb, "mid and south essex nhs foundation trust").code).toBe("MSEFT");
    expect(findElement(rb, "capital-priorities")).toBe("financial-capital-transformation");
    expect(findElement(rb, "pb-capital")).toBe("financial-capital-transformation");
    expect(() => findRule(rb, "pb-nothing")).toThrow(RulebookError);
    expect(() => findElement(rb, "lunch")).toThrow(/unknown matter "lunch"/);
  });
});

describe("validation on load", () => {
  it("survives a JSON round trip unchanged", () => {
    expect(parseRulebook(JSON.parse(JSON.stringify(rb)))).toEqual(rb);
  });

  it.each([
    ["a rule on an unknown body", (r: ReturnType<typeof clone>) => (r.rules[0]!.body = "cabinet"), /unknown body "cabinet"/],
    ["a partner in an unknown place", (r: ReturnType<typeof clone>) => (r.partners[1]!.place = "atlantis"), /unknown place "atlantis"/],
    ["a threshold above 100%", (r: ReturnType<typeof clone>) => (r.rules[0]!.threshold.fraction.numerator = 5), /above 100%/],
    ["a duplicate partner code", (r: ReturnType<typeof clone>) => (r.partners[1]!.code = r.partners[0]!.code), /appears twice/],
    ["a fractional threshold", (r: ReturnType<typeof clone>) => (r.rules[0]!.threshold.fraction.numerator = 0.75), /int/i],
    ["a default rule that is not a rule", (r: ReturnType<typeof clone>) => (r.defaultRule = "missing"), /default rule/],
    ["an override of an unknown element", (r: ReturnType<typeof clone>) => (r.partners[0]!.overrides = { lunch: true }), /unknown element "lunch"/],
  ])("rejects %s, saying what is wrong", (_name, spoil, message) => {
    const bad = clone();
    spoil(bad);
    expect(() => parseRulebook(bad)).toThrow(message);
  });
});
