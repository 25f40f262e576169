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

describe("deputies (ICP ToR, Deputies; Conflicts of Interest)", () => {
  const chair: Ballot = { member: "Chair, Thurrock HWB", partnerCode: "THC", eligible: true, vote: "absent" };
  const deputy: Ballot = { member: "Deputy Chair, Thurrock HWB", partnerCode: "THC", eligible: true, vote: "for", deputyFor: "Chair, Thurrock HWB" };
  const others = ballots({ for: 4, against: 4 });

  it("count a deputy's vote in the place of an absent member, once", () => {
    const r = evaluateDecision(rb, icp, [...others, chair, deputy]);
    expect(r.counts).toMatchObject({ for: 5, against: 4, absent: 0 });
    expect(r.denominator).toBe(9);
    expect(r.carried).toBe(true);
    expect(r.notes).toEqual([
      {
        member: "Deputy Chair, Thurrock HWB",
        effect: "in-place",
        message: "Deputy Chair, Thurrock HWB votes in the place of Chair, Thurrock HWB (absent) (ICP ToR, Voting)",
        tag: "in place of Chair, Thurrock HWB",
      },
    ]);
  });

  it("refuse a member and their deputy both voting, naming both", () => {
    expect(() => evaluateDecision(rb, icp, [...others, { ...chair, vote: "against" }, deputy])).toThrow(
      "Chair, Thurrock HWB and their deputy Deputy Chair, Thurrock HWB both voted; a deputy votes only in the member's place, never both (ICP ToR, Voting): set one of them to Absent",
    );
  });

  it("leave out a deputy who does not vote: the member's own vote stands", () => {
    const r = evaluateDecision(rb, icp, [...others, { ...chair, vote: "for" }, { ...deputy, vote: "absent" }]);
    expect(r.counts).toMatchObject({ for: 5, against: 4, absent: 0 });
    expect(r.notes).toEqual([]);
  });

  it("set aside a deputy's vote, with the clause, where the rule does not let deputies vote", () => {
    const r = evaluateDecision(rb, pbCapital, [...ballots({ for: 12, against: 3 }), { ...chair, vote: "absent" }, deputy]);
    expect(r.counts).toMatchObject({ for: 12, against: 3, absent: 1 });
    expect(r.denominator).toBe(16);
    expect(r.notes.map((n) => [n.effect, n.message])).toEqual([
      ["set-aside", "Deputy Chair, Thurrock HWB is a deputy: deputies do not vote under this rule (MoU 8.4), so their For is set aside"],
    ]);
  });

  it("let a deputy take the place of a member excluded for a conflict of interest", () => {
    const conflicted: Ballot = { ...chair, conflict: { row: 3, interest: "trustee of the bidder", action: "Excluded", excludes: true } };
    const r = evaluateDecision(rb, icp, [...others, conflicted, deputy]);
    expect(r.counts).toMatchObject({ for: 5, against: 4, excluded: 0 });
    expect(r.notes.map((n) => n.message)).toEqual([
      "Chair, Thurrock HWB is excluded for a declared conflict of interest, Excluded: trustee of the bidder (conflicts register row 3)",
      "Deputy Chair, Thurrock HWB votes in the place of Chair, Thurrock HWB (excluded for a conflict of interest) (ICP ToR, Voting)",
    ]);
  });

  it("find the member from the organisation when the register does not say whom a deputy stands for, and say when it cannot", () => {
    const r = evaluateDecision(rb, icp, [...others, chair, { ...deputy, deputyFor: "" }]);
    expect(r.counts.for).toBe(5);
    const two = [...others, chair, { ...chair, member: "Leader, Thurrock Council" }, { ...deputy, deputyFor: "" }];
    expect(() => evaluateDecision(rb, icp, two)).toThrow(
      "Deputy Chair, Thurrock HWB is a deputy, and the Board members table does not say for whom (2 members of the Integrated Care Partnership from the same organisation); name the member in Deputy for",
    );
    expect(() => evaluateDecision(rb, icp, [...others, { ...deputy, deputyFor: "Nobody" }])).toThrow(
      'Deputy Chair, Thurrock HWB is deputy for "Nobody", who is not a voting member of the Integrated Care Partnership; correct Deputy for in the Board members table',
    );
  });

  it("refuse two deputies voting in one member's place", () => {
    expect(() => evaluateDecision(rb, icp, [...others, chair, deputy, { ...deputy, member: "Second deputy" }])).toThrow(
      "Deputy Chair, Thurrock HWB and Second deputy both voted in the place of Chair, Thurrock HWB; one deputy at most votes for a member",
    );
  });

  it("give a partner one vote at the Alliance with a deputy in a member's place", () => {
    const alliance: Ballot[] = [
      { member: "Chief Executive, CHC", partnerCode: "CHC", eligible: true, vote: "absent" },
      { member: "Deputy, CHC", partnerCode: "CHC", eligible: true, vote: "for", deputyFor: "Chief Executive, CHC" },
      { member: "Place Lead", partnerCode: "ICB-ME", eligible: true, vote: "against" },
      { member: "Chief Executive, BDC", partnerCode: "BDC", eligible: true, vote: "for" },
    ];
    const r = evaluateDecision(rb, meaMajority, alliance);
    expect([r.counts.for, r.denominator, r.carried, r.quorum.present]).toEqual([2, 3, true, 3]);
  });
});

describe("conflicts of interest and attendees without a vote", () => {
  it("count a member with an excluding declaration as excluded, their vote set aside, naming the register row", () => {
    const excluded: Ballot = { member: "Medical Director, MSEFT", partnerCode: "MSEFT", eligible: true, vote: "for", conflict: { row: 2, interest: "relative directs the contractor", action: "Excluded", excludes: true, declared: "2026-10-06" } };
    const r = evaluateDecision(rb, pbCapital, [...ballots({ for: 12, against: 3 }), excluded]);
    expect(r.counts).toMatchObject({ for: 12, excluded: 1 });
    expect(r.denominator).toBe(15);
    expect(r.notes).toEqual([
      {
        member: "Medical Director, MSEFT",
        effect: "excluded",
        message: "Medical Director, MSEFT is excluded for a declared conflict of interest, Excluded: relative directs the contractor (declared 06/10/2026; conflicts register row 2); their For is set aside",
        tag: "excluded: conflicts register row 2",
      },
    ]);
  });

  it("leave a member who only declared an interest voting, and say so", () => {
    const declared: Ballot = { member: "Chair, ECC HWB", partnerCode: "ECC", eligible: true, vote: "for", conflict: { row: 1, interest: "hospice trustee", action: "Declared", excludes: false } };
    const r = evaluateDecision(rb, icp, [...ballots({ against: 1 }), declared]);
    expect(r.counts.for).toBe(1);
    expect(r.notes.map((n) => n.effect)).toEqual(["declared"]);
  });

  it("set aside a vote typed for an attendee without a vote, who is not counted at all", () => {
    const attendee: Ballot = { member: "Director of Public Health", partnerCode: "ECC", eligible: true, vote: "against", voting: false };
    const r = evaluateDecision(rb, icp, [...ballots({ for: 2, against: 1 }), attendee]);
    expect([r.counts.against, r.denominator, r.quorum.present]).toEqual([1, 3, 3]);
    expect(r.notes.map((n) => n.message)).toEqual(["Director of Public Health attends without a vote: their Against is set aside"]);
  });
});

describe("quorum, from the rule", () => {
  it("counts the voting members present, eligible on the matter or not, and says whether it is met with the clause", () => {
    const r = evaluateDecision(rb, pbCapital, [...ballots({ for: 9, against: 1, absent: 6 }), ...ballots({ abstain: 2 }, false)]);
    expect(r.quorum).toEqual({
      present: 12,
      required: 12,
      quorate: true,
      clause: "illustrative: agree locally, MoU 6.4–6.6",
      explanation: "quorate: 12 present, the rule needs 12 (illustrative: agree locally, MoU 6.4–6.6)",
    });
    const short = evaluateDecision(rb, pbCapital, ballots({ for: 11, absent: 5, excluded: 3 }));
    expect(short.quorum.explanation).toBe("not quorate: 11 present, the rule needs 12 (illustrative: agree locally, MoU 6.4–6.6)");
    expect(short.quorum.quorate).toBe(false);
  });

  it("counts partners, not attendees, where the rule gives one vote per partner", () => {
    const r = evaluateDecision(rb, meaMajority, ballots({ for: 4 }).map((b, i) => ({ ...b, partnerCode: i < 2 ? "CHC" : `P${i}` })));
    expect(r.quorum).toMatchObject({ present: 3, required: 5, quorate: false });
  });

  it("is always met where the rule sets none", () => {
    const blank = parseRulebook({ ...rb, rules: rb.rules.map((x) => (x.id === "icp-majority" ? { ...x, quorum: undefined } : x)) });
    const r = evaluateDecision(blank, findRule(blank, "icp-majority"), ballots({ for: 1 }));
    expect(r.quorum).toEqual({ present: 1, quorate: true, explanation: "1 present; the rule sets no quorum" });
  });

  it("property: present is the cast votes of voting seats, and quorate exactly when it reaches the rule's figure", () => {
    fc.assert(
      fc.property(fc.record({ for: fc.nat(20), against: fc.nat(20), abstain: fc.nat(20), absent: fc.nat(20), excluded: fc.nat(5) }), fc.nat(10), (spec, nonVoting) => {
        const seats = [...ballots(spec), ...ballots({ for: nonVoting }).map((b) => ({ ...b, member: `x ${b.member}`, voting: false }))];
        if (spec.for + spec.against + spec.abstain + spec.absent + spec.excluded === 0) return;
        const r = evaluateDecision(rb, pbCapital, seats);
        const present = spec.for + spec.against + spec.abstain;
        expect(r.quorum.present).toBe(present);
        expect(r.quorum.quorate).toBe(present >= 12);
      }),
    );
  });
});
