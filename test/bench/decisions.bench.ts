// Decisions, each beside its plain-number baseline in the same run: 10,000 decisions of 50 members through the rules
// module, and ICS.DECISION over 50,000 rows of votes with the members' organisations by name (budget 300 ms a call).
import { bench, describe } from "vitest";
import { decision } from "../../src/functions/functions";
import { evaluateDecision, type Ballot } from "../../src/rules/decisions";
import { defaultRulebook } from "../../src/rules/presets";
import { findRule, VOTE_KINDS, type VoteKind } from "../../src/rules/rulebook";
import { plainCount, plainDecision, seeded } from "./baselines";

const rulebook = defaultRulebook();
const rule = findRule(rulebook, "pb-capital");
const DECISIONS = 10_000;
const MEMBERS = 50;
const ROWS = 50_000;

// A fixed pseudo-random electorate, so every run measures the same work.
const random = seeded(20261122);
const meetings: Ballot[][] = Array.from({ length: DECISIONS }, () =>
  Array.from({ length: MEMBERS }, (_, i) => ({
    member: `Member ${i + 1}`,
    eligible: random() < 0.7,
    vote: VOTE_KINDS[Math.floor(random() * VOTE_KINDS.length)] as VoteKind,
  })),
);

describe(`${DECISIONS.toLocaleString("en-GB")} decisions of ${MEMBERS} members`, () => {
  bench("rules module: evaluateDecision (counts, threshold, explanation)", () => {
    for (const m of meetings) evaluateDecision(rulebook, rule, m);
  });
  bench("baseline: plain-number count and integer compare", () => {
    for (const m of meetings) plainCount(m);
  });
});

// As Excel hands ICS.DECISION two columns of ICS_BoardMembers: vote words as typed (any case, some blank) and each
// member's organisation, mostly by full name, some by code. With one vote per partner every attendee of a partner
// votes the partner's way or is absent, as a valid sheet must.
const WORDS = ["For", "Against", "Abstain", "Absent", "Excluded", "", "for", "AGAINST"];
const partnerVote = new Map(rulebook.partners.map((p) => [p.code, WORDS[Math.floor(random() * 3)]!]));
const who = Array.from({ length: ROWS }, () => rulebook.partners[Math.floor(random() * rulebook.partners.length)]!);
const organisations = who.map((p) => [random() < 0.8 ? p.name : p.code]);
const memberVotes = who.map(() => [WORDS[Math.floor(random() * WORDS.length)]!]);
const partnerVotes = who.map((p) => [random() < 0.8 ? partnerVote.get(p.code)! : "Absent"]);

/** ICS.DECISION as Excel calls it, awaited: a bench of an unawaited call would time only the promise. */
async function decide(votes: string[][], ruleId: string): Promise<string> {
  const result = await decision(votes, organisations, ruleId);
  if (typeof result !== "string") throw new Error(`expected a decision, got ${result.message}`);
  return result;
}

for (const [ruleId, votes] of [["pb-capital", memberVotes], ["sle-issue-resolution", partnerVotes]] as const) {
  describe(`ICS.DECISION over ${ROWS.toLocaleString("en-GB")} rows with partner names, ${ruleId} (one vote per ${findRule(rulebook, ruleId).votingUnit}; budget 300 ms a call)`, () => {
    bench("ICS.DECISION: cells in, explanation out (exact)", async () => {
      await decide(votes, ruleId);
    }, { time: 2_000 });
    bench("baseline: plain-number count over a name lookup", () => {
      plainDecision(rulebook, findRule(rulebook, ruleId), votes, organisations);
    }, { time: 2_000 });
  });
}
