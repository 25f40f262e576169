// 10,000 decisions of 50 members each: the rules module against a plain-number count in the same run.
import { bench, describe } from "vitest";
import { evaluateDecision, type Ballot } from "../../src/rules/decisions";
import { defaultRulebook } from "../../src/rules/presets";
import { findRule, VOTE_KINDS, type VoteKind } from "../../src/rules/rulebook";

const rulebook = defaultRulebook();
const rule = findRule(rulebook, "pb-capital");
const DECISIONS = 10_000;
const MEMBERS = 50;

// A fixed pseudo-random electorate, so every run measures the same work.
let seed = 20261122;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const meetings: Ballot[][] = Array.from({ length: DECISIONS }, () =>
  Array.from({ length: MEMBERS }, (_, i) => ({
    member: `Member ${i + 1}`,
    eligible: random() < 0.7,
    vote: VOTE_KINDS[Math.floor(random() * VOTE_KINDS.length)] as VoteKind,
  })),
);

/** The baseline a spreadsheet formula would be: count For and eligible-not-excluded, compare 4·for ≥ 3·eligible. */
function plainCount(ballots: Ballot[]): boolean {
  let forVotes = 0;
  let eligible = 0;
  for (const b of ballots) {
    if (!b.eligible || b.vote === "excluded") continue;
    eligible++;
    if (b.vote === "for") forVotes++;
  }
  return eligible > 0 && 4 * forVotes >= 3 * eligible;
}

describe(`${DECISIONS.toLocaleString("en-GB")} decisions of ${MEMBERS} members`, () => {
  bench("rules module: evaluateDecision (counts, threshold, explanation)", () => {
    for (const m of meetings) evaluateDecision(rulebook, rule, m);
  });
  bench("baseline: plain-number count and integer compare", () => {
    for (const m of meetings) plainCount(m);
  });
});
