import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { defaultRulebook } from "../../src/rules/presets";
import { evaluateDecision, meetsThreshold, parseVote, resolveEligibility, votesRequired, type Ballot } from "../../src/rules/decisions";
import { findRule, parseRulebook } from "../../src/rules/rulebook";
import type { VoteKind } from "../../src/rules/rulebook";

const rb = defaultRulebook();
const pbCapital = findRule(rb, "pb-capital");
const icp = findRule(rb, "icp-majority");
const meaReserved = findRule(rb, "mea-reserved");
const meaMajority = findRule(rb, "mea-majority");

const ballots = (spec: Partial<Record<VoteKind, number>>, eligible = true): Ballot[] =>
  (Object.entries(spec) as [VoteKind, number][]).flatMap(([vote, n]) =>
    Array.from({ length: n }, (_, i) => ({ member: `${vote} ${i + 1}`, eligible, vote })),
  );

describe("the Partnership Board's 75% rule (MoU 8.4)", () => {
  it("carries at 12 of 16 eligible members", () => {
    const r = evaluateDecision(rb, pbCapital, ballots({ for: 12, against: 4 }));
    expect(r.carried).toBe(true);
    expect(r.required).toBe(12);
    expect(r.explanation).toBe(
      "CARRIED: 12 of 16 eligible members for (75.0%); needs 12, not less than 75% of eligible members (MoU 8.4)",
    );
  });

  it("does not carry at 11 of 15", () => {
    const r = evaluateDecision(rb, pbCapital, ballots({ for: 11, against: 2, abstain: 1, absent: 1 }));
    expect(r.denominator).toBe(15);
    expect(r.carried).toBe(false);
    expect(r.moreNeeded).toBe(1);
    expect(r.explanation).toMatch(/^NOT CARRIED: 11 of 15 eligible members for \(73\.3%\); needs 12/);
  });

  it("counts absent and abstaining eligible members against", () => {
    const r = evaluateDecision(rb, pbCapital, ballots({ for: 12, abstain: 2, absent: 3 }));
    expect(r.denominator).toBe(17);
    expect(r.required).toBe(13);
    expect(r.carried).toBe(false);
  });

  it("leaves a member excluded for a conflict of interest out of the count", () => {
    const r = evaluateDecision(rb, pbCapital, ballots({ for: 12, against: 4, excluded: 1 }));
    expect(r.denominator).toBe(16);
    expect(r.counts.excluded).toBe(1);
    expect(r.carried).toBe(true);
  });

  it("sets aside the votes of members whose organisation the matter does not apply to", () => {
    const r = evaluateDecision(rb, pbCapital, [...ballots({ for: 3, against: 1 }), ...ballots({ against: 5 }, false)]);
    expect(r.eligible).toBe(4);
    expect(r.ineligibleVotes).toBe(5);
    expect(r.carried).toBe(true);
  });

  it("gives the votes required for worked eligible counts", () => {
    expect([16, 15, 4, 1].map((n) => votesRequired(pbCapital.threshold, n))).toEqual([12, 12, 3, 1]);
  });

  it("does not carry when nobody counts", () => {
    const r = evaluateDecision(rb, pbCapital, ballots({ excluded: 2 }));
    expect(r.carried).toBe(false);
    expect(r.explanation).toMatch(/^NOT CARRIED: no eligible members;/);
  });
});

describe("majority and unanimity rules", () => {
  it("ICP: a simple majority of members present; absent members do not count", () => {
    const r = evaluateDecision(rb, icp, ballots({ for: 5, against: 4, absent: 20 }));
    expect(r.denominator).toBe(9);
    expect(r.carried).toBe(true);
    expect(evaluateDecision(rb, icp, ballots({ for: 5, against: 5 })).carried).toBe(false);
  });

  it("MEA: one vote per partner however many attend; conflicting votes from one partner are an error", () => {
    const attendees: Ballot[] = [
      { member: "A1", partnerCode: "CHC", eligible: true, vote: "for" },
      { member: "A2", partnerCode: "CHC", eligible: true, vote: "for" },
      { member: "B1", partnerCode: "ICB-ME", eligible: true, vote: "against" },
      { member: "C1", partnerCode: "BDC", eligible: true, vote: "for" },
    ];
    const r = evaluateDecision(rb, meaMajority, attendees);
    expect(r.counts.for).toBe(2);
    expect(r.denominator).toBe(3);
    expect(r.carried).toBe(true);
    attendees[1] = { ...attendees[1]!, vote: "against" };
    expect(() => evaluateDecision(rb, meaMajority, attendees)).toThrow(/CHC cast different votes/);
  });

  it("MEA reserved matters need every partner, so one absent partner blocks", () => {
    expect(evaluateDecision(rb, meaReserved, ballots({ for: 6 })).carried).toBe(true);
    const r = evaluateDecision(rb, meaReserved, ballots({ for: 6, absent: 1 }));
    expect(r.carried).toBe(false);
    expect(r.explanation).toBe("NOT CARRIED: 6 of 7 all partners for (85.7%); needs 7, unanimity of all partners (MEA MoU 10)");
  });
});

describe("thresholds are exact integer comparisons", () => {
  it("75% rule matches 4·for ≥ 3·eligible for every eligible count 1..200", () => {
    for (let n = 1; n <= 200; n++) {
      for (let f = 0; f <= n; f++) {
        expect(meetsThreshold(pbCapital.threshold, f, n)).toBe(4 * f >= 3 * n);
      }
      expect(votesRequired(pbCapital.threshold, n)).toBe(Math.ceil((3 * n) / 4));
    }
  });

  it("every rulebook rule's evaluated result agrees with its fraction (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...rb.rules),
        fc.record({ for: fc.nat(60), against: fc.nat(60), abstain: fc.nat(60), absent: fc.nat(60), excluded: fc.nat(10) }),
        (rule, spec) => {
          const r = evaluateDecision(rb, rule, ballots(spec).map((b, i) => ({ ...b, partnerCode: `P${i}` })));
          const den = rule.denominator.counts.reduce((s, k) => s + spec[k], 0);
          const { numerator: p, denominator: q } = rule.threshold.fraction;
          const expected = den > 0 && (rule.threshold.comparison === "at-least" ? spec.for * q >= p * den : spec.for * q > p * den);
          expect(r.denominator).toBe(den);
          expect(r.carried).toBe(expected);
          if (den > 0) expect(meetsThreshold(rule.threshold, r.required, den)).toBe(true);
          if (den > 0 && r.required > 0) expect(meetsThreshold(rule.threshold, r.required - 1, den)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("simple majority matches 2·for > present for 1..200", () => {
    for (let n = 1; n <= 200; n++) {
      for (let f = 0; f <= n; f++) expect(meetsThreshold(icp.threshold, f, n)).toBe(2 * f > n);
    }
  });
});

describe("votes and eligibility as a sheet gives them", () => {
  it("reads vote words in any case, blank as absent", () => {
    expect(["For", " against ", "ABSTAIN", "", null, "Excluded"].map(parseVote)).toEqual([
      "for",
      "against",
      "abstain",
      "absent",
      "absent",
      "excluded",
    ]);
    expect(() => parseVote("Yes")).toThrow(/"Yes" is not a vote/);
    expect(() => parseVote(1)).toThrow(/is not a vote/);
  });

  it("resolves eligibility from a partner type, a partner (with overrides) or TRUE/FALSE", () => {
    expect(resolveEligibility(rb, pbCapital, "commissioner").eligible).toBe(true);
    expect(resolveEligibility(rb, pbCapital, "council").eligible).toBe(false);
    expect(resolveEligibility(rb, pbCapital, "MSEFT")).toEqual({ eligible: true, partnerCode: "MSEFT" });
    expect(resolveEligibility(rb, pbCapital, "East of England Ambulance Service NHS Trust").eligible).toBe(false);
    expect(resolveEligibility(rb, pbCapital, "Provide CIC").eligible).toBe(false);
    expect(resolveEligibility(rb, icp, "Thurrock Council").eligible).toBe(true);
    expect(resolveEligibility(rb, pbCapital, false).eligible).toBe(false);
    expect(() => resolveEligibility(rb, pbCapital, "Acme Ltd")).toThrow(/neither a partner type nor a partner/);
  });

  it("answers a name asked again the same way, and as the rulebook in hand says", () => {
    // Partners are looked up through an index per rulebook: a different rulebook is never answered from the first's.
    for (let i = 0; i < 3; i++) {
      expect(resolveEligibility(rb, pbCapital, "  mid and south essex NHS   foundation trust ")).toEqual({ eligible: true, partnerCode: "MSEFT" });
      expect(() => resolveEligibility(rb, pbCapital, "Acme Ltd")).toThrow(/neither a partner type nor a partner/);
    }
    const renamed = parseRulebook({ ...rb, partners: rb.partners.map((p) => (p.code === "MSEFT" ? { ...p, name: "Acme Ltd" } : p)) });
    expect(resolveEligibility(renamed, pbCapital, "Acme Ltd")).toEqual({ eligible: true, partnerCode: "MSEFT" });
    expect(() => resolveEligibility(renamed, pbCapital, "Mid and South Essex NHS Foundation Trust")).toThrow(/neither a partner type/);
  });
});
