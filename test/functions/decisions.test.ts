import { describe, expect, it } from "vitest";
import { decision, eligible, votesRequired } from "../../src/functions/functions";

/** Excel passes a column as rows of one cell each. */
const col = (...cells: unknown[]) => cells.map((c) => [c]) as never[][];
const repeat = <T>(n: number, value: T) => Array.from({ length: n }, () => value);

function expectError(value: unknown, code: string, message: RegExp) {
  expect(value).toBeInstanceOf(CustomFunctions.Error);
  const error = value as CustomFunctions.Error;
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
}

describe("ICS.VOTESREQUIRED", () => {
  it("gives the worked examples under the default rule", async () => {
    expect(await Promise.all([16, 15, 4, 1].map((n) => votesRequired(n)))).toEqual([12, 12, 3, 1]);
  });

  it("takes a rule, in any case", async () => {
    expect(await votesRequired(16, "ICP-majority")).toBe(9);
    expect(await votesRequired(7, "mea-reserved")).toBe(7);
    expect(await votesRequired(0)).toBe(0);
  });

  it.each([
    [-1, undefined, /whole number/],
    [2.5, undefined, /whole number/],
    ["12" as unknown as number, undefined, /whole number/],
    [12, "pb-nothing", /unknown rule "pb-nothing"/],
  ])("rejects %s / %s", async (count, rule, message) => {
    expectError(await votesRequired(count, rule), "#VALUE!", message);
  });
});

describe("ICS.DECISION", () => {
  it("carries at exactly 75% of eligible members, with the explanation", async () => {
    const votes = col(...repeat(12, "For"), ...repeat(4, "Against"));
    expect(await decision(votes, col(...repeat(16, true)))).toBe(
      "CARRIED: 12 of 16 eligible members for (75.0%); needs 12, not less than 75% of eligible members (MoU 8.4)",
    );
  });

  it("fails just below, counting blank as absent", async () => {
    const votes = col(...repeat(11, "For"), "Against", "Against", "Abstain", "");
    expect(await decision(votes, col(...repeat(15, true)))).toMatch(/^NOT CARRIED: 11 of 15 eligible members for \(73\.3%\); needs 12/);
  });

  it("reads eligibility from partner names, codes and types via Annex 1", async () => {
    // Councils and Healthwatch cannot vote on capital; the ICB, MSEFT and NHS England can.
    const votes = col("For", "For", "For", "Against", "Against", "Against");
    const who = col("ICB-ME", "Mid and South Essex NHS Foundation Trust", "nhs-regulator", "Thurrock Council", "healthwatch", "FALSE");
    // Six voting members present (ineligible ones too: quorum is the meeting's) fall short of the rule's illustrative twelve.
    expect(await decision(votes, who)).toBe(
      "CARRIED: 3 of 3 eligible members for (100.0%); needs 3, not less than 75% of eligible members (MoU 8.4); not quorate: 6 present, the rule needs 12 (illustrative: agree locally, MoU 6.4–6.6), so it does not stand",
    );
  });

  it("reads eligibility as Yes/No, Y/N and 1/0 as well as TRUE/FALSE, and codes and types in any case", async () => {
    const votes = col("For", "For", "For", "For", "Against", "Against", "Against");
    expect(await decision(votes, col("Yes", "y", 1, " icb-me ", "No", "N", 0))).toMatch(
      /^CARRIED: 4 of 4 eligible members for \(100\.0%\); needs 3, not less than 75% of eligible members \(MoU 8\.4\); not quorate: 7 present/,
    );
    expect(await decision(col("For"), col(" COUNCIL "))).toMatch(/^NOT CARRIED: no eligible members/);
  });

  it("says when the votes cast fall short of the rule's quorum, and nothing when they reach it", async () => {
    // Eleven present and five absent: 11 of 16 is short of 75% and of the quorum of 12.
    expect(await decision(col(...repeat(11, "For"), ...repeat(5, "")), col(...repeat(16, true)))).toBe(
      "NOT CARRIED: 11 of 16 eligible members for (68.8%); needs 12, not less than 75% of eligible members (MoU 8.4); not quorate: 11 present, the rule needs 12 (illustrative: agree locally, MoU 6.4–6.6), so it does not stand",
    );
    // Excluded members are not present for the quorum; twelve who vote are.
    expect(await decision(col(...repeat(12, "Abstain"), ...repeat(3, "Excluded")), col(...repeat(15, true)))).not.toContain("quorate");
    // At the Alliance the quorum counts partners: two attendees from one partner are one.
    expect(await decision(col("For", "For", "For", "For", "For"), col("CHC", "CHC", "BDC", "MDC", "ICB-ME"), "mea-majority")).toMatch(/; not quorate: 4 present, the rule needs 5/);
  });

  it("accepts a row of cells as well as a column", async () => {
    expect(await decision([["For", "For", "Against"]], [[true, true, true]], "icp-majority")).toMatch(/^CARRIED: 2 of 3 members present/);
  });

  it("applies one vote per partner for the Mid Essex Alliance", async () => {
    // Two attendees from Chelmsford are one vote: 1 For, 1 Against is no majority.
    expect(await decision(col("For", "For", "Against"), col("CHC", "CHC", "ICB-ME"), "mea-majority")).toMatch(
      /^NOT CARRIED: 1 of 2 partners present for \(50\.0%\)/,
    );
    expect(await decision(col("For", "For", "Against", "For"), col("CHC", "CHC", "ICB-ME", "BDC"), "mea-majority")).toMatch(
      /^CARRIED: 2 of 3 partners present/,
    );
  });

  it.each([
    ["mismatched lengths", col("For", "For"), col(true), undefined, /votes has 2 rows but eligibility has 1/],
    ["an unknown vote word", col("Yes"), col(true), undefined, /votes row 1: "Yes" is not a vote/],
    ["a number where a vote belongs", col(1), col(true), undefined, /votes row 1: 1 is not a vote/],
    ["a number where eligibility belongs", col("For"), col(3), undefined, /eligibility row 1 is 3/],
    ["a blank eligibility", col("For"), col(""), undefined, /eligibility row 1 is blank/],
    ["an empty eligibility cell (null)", col("For", "For"), col(true, null), undefined, /eligibility row 2 is blank/],
    ["an unknown partner", col("For"), col("Acme Ltd"), undefined, /"Acme Ltd" is neither a partner type nor a partner/],
    ["an unknown rule", col("For"), col(true), "cabinet-vote", /unknown rule "cabinet-vote"/],
    ["an empty range", [], col(true), undefined, /votes is empty/],
    ["a two-column range", [["For", "For"], ["For", "For"]], col(true, true), undefined, /single column/],
    ["a partner voting two ways", col("For", "Against"), col("CHC", "CHC"), "mea-majority", /CHC cast different votes/],
  ])("rejects %s with a message", async (_name, votes, who, rule, message) => {
    expectError(await decision(votes as never, who as never, rule), "#VALUE!", message);
  });
});

describe("ICS.ELIGIBLE", () => {
  it.each([
    ["MSEFT", "capital-priorities", true],
    ["Essex County Council", "capital-priorities", false],
    ["EEAST", "transformation-apportionment", false],
    ["EEAST", "issue-resolution", true],
    ["council", "mutual-accountability", true],
    ["Provide CIC", "mutual-accountability", false],
    ["healthwatch", "pb-capital", false],
  ])("%s on %s → %s", async (partner, matter, expected) => {
    expect(await eligible(partner, matter)).toBe(expected);
  });

  it.each([
    ["Acme Ltd", "capital-priorities", /unknown partner "Acme Ltd"/],
    ["MSEFT", "lunch", /unknown matter "lunch"/],
    ["", "capital-priorities", /partner is blank/],
    [7 as unknown as string, "capital-priorities", /partner must be text/],
  ])("rejects %s / %s", async (partner, matter, message) => {
    expectError(await eligible(partner, matter), "#VALUE!", message);
  });
});
