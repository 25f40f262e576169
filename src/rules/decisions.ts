// Decisions: how a vote is counted under a rule, exactly, with the rule and clause that decided it.
import { RulesInputError } from "./inputError";
import { Money } from "./money";
import {
  appliesToPartner,
  appliesToType,
  bodyOf,
  isPartnerType,
  lookupPartner,
  matterOf,
  RulebookError,
  type DecisionRule,
  type Rulebook,
  type Threshold,
  type VoteKind,
} from "./rulebook";

export class DecisionInputError extends RulesInputError {
  constructor(message: string) {
    super(message);
    this.name = "DecisionInputError";
  }
}

const VOTE_WORDS: Record<string, VoteKind> = {
  for: "for",
  against: "against",
  abstain: "abstain",
  absent: "absent",
  excluded: "excluded",
  "": "absent",
};

/** A vote as typed in a sheet: For, Against, Abstain, Absent, Excluded or blank (absent), any case. */
export function parseVote(value: unknown): VoteKind {
  if (value === null || value === undefined) return "absent";
  if (typeof value !== "string") {
    throw new DecisionInputError(`${JSON.stringify(value)} is not a vote; use For, Against, Abstain, Absent, Excluded or leave blank`);
  }
  const vote = VOTE_WORDS[value.trim().toLowerCase()];
  if (!vote) throw new DecisionInputError(`"${value}" is not a vote; use For, Against, Abstain, Absent, Excluded or leave blank`);
  return vote;
}

/** The smallest number of For votes that satisfies a threshold over a denominator, in integers; never 0 when anyone counts. */
export function votesRequired(threshold: Threshold, denominator: number): number {
  if (!Number.isSafeInteger(denominator) || denominator < 0) {
    throw new DecisionInputError(`the number of members must be a whole number of 0 or more, not ${denominator}`);
  }
  const { numerator: p, denominator: q } = threshold.fraction;
  // at-least: f*q >= p*n  → f = ceil(p*n / q);  more-than: f*q > p*n → f = floor(p*n / q) + 1.
  const scaled = p * denominator;
  const required = threshold.comparison === "at-least" ? Math.ceil(scaled / q) : Math.floor(scaled / q) + 1;
  return denominator === 0 ? 0 : Math.max(required, 1);
}

/** Whether a number of For votes meets a threshold, compared as integers (never as a percentage). */
export function meetsThreshold(threshold: Threshold, forVotes: number, denominator: number): boolean {
  if (denominator === 0) return false;
  const lhs = forVotes * threshold.fraction.denominator;
  const rhs = threshold.fraction.numerator * denominator;
  return threshold.comparison === "at-least" ? lhs >= rhs : lhs > rhs;
}

/**
 * Who a row in a members' list stands for, as a sheet may say it: TRUE/FALSE
 * (eligible or not), a partner type, or a partner's name or code.
 */
export type EligibilitySpec = boolean | string;

export interface ResolvedEligibility {
  eligible: boolean;
  /** The partner the member represents, where the spec names one. */
  partnerCode?: string;
}

/** Eligibility on a rule's matter: the member's organisation's type, then its override, via Annex 1. */
export function resolveEligibility(rulebook: Rulebook, rule: DecisionRule, spec: EligibilitySpec): ResolvedEligibility {
  if (typeof spec === "boolean") return { eligible: spec };
  const element = matterOf(rulebook, rule).element;
  const key = spec.trim();
  if (key === "") throw new DecisionInputError("an eligibility cell is blank; give TRUE/FALSE, a partner type, or a partner's name or code");
  const partner = lookupPartner(rulebook, key);
  if (partner) return { eligible: appliesToPartner(rulebook, partner, element), partnerCode: partner.code };
  const type = key.toLowerCase();
  if (isPartnerType(type)) return { eligible: appliesToType(rulebook, type, element) };
  throw new RulebookError(`"${spec}" is neither a partner type nor a partner in the rulebook`);
}

export interface Ballot {
  /** Who voted, for the record ("Clinical Lead, Mid Essex Alliance"). */
  member: string;
  /** The partner the member represents, by code; needed where the rule gives one vote per partner. */
  partnerCode?: string;
  eligible: boolean;
  vote: VoteKind;
}

export type VoteCounts = Record<VoteKind, number>;

export interface DecisionResult {
  ruleId: string;
  ruleLabel: string;
  body: string;
  clause: string;
  /** Eligible voters (members, or partners where the rule gives one vote per partner), whatever their vote. */
  eligible: number;
  counts: VoteCounts;
  /** How many ineligible members' votes were set aside. */
  ineligibleVotes: number;
  denominator: number;
  denominatorLabel: string;
  required: number;
  carried: boolean;
  /** Further For votes needed to carry if every other vote stays as it is; 0 when carried. */
  moreNeeded: number;
  /** For as a share of the denominator, one decimal place, for display only. */
  percentFor: string;
  explanation: string;
}

const emptyCounts = (): VoteCounts => ({ for: 0, against: 0, abstain: 0, absent: 0, excluded: 0 });
const CAST: readonly VoteKind[] = ["for", "against", "abstain"];

/** One vote per partner: the partner's attendees must not cast different votes; a cast vote beats absent or excluded. */
function partnerVotes(ballots: readonly Ballot[]): Ballot[] {
  const byPartner = new Map<string, Ballot[]>();
  ballots.forEach((b, i) => {
    const key = b.partnerCode ?? `#row${i}`;
    const group = byPartner.get(key);
    if (group) group.push(b);
    else byPartner.set(key, [b]);
  });
  return [...byPartner.values()].map((group) => {
    const cast = [...new Set(group.filter((b) => CAST.includes(b.vote)).map((b) => b.vote))];
    if (cast.length > 1) {
      throw new DecisionInputError(
        `${group[0]!.partnerCode ?? group[0]!.member} cast different votes (${cast.join(", ")}); each partner has one vote`,
      );
    }
    const vote = cast[0] ?? (group.some((b) => b.vote === "absent") ? "absent" : "excluded");
    return { ...group[0]!, eligible: group.some((b) => b.eligible), vote };
  });
}

function percent(part: number, whole: number): string {
  if (whole === 0) return "0.0%";
  return `${new Money(part).times(100).dividedBy(whole).toFixed(1, Money.ROUND_HALF_UP)}%`;
}

/** Counts a vote under a rule and says whether it carried, by how much, and under which clause. */
export function evaluateDecision(rulebook: Rulebook, rule: DecisionRule, ballots: readonly Ballot[]): DecisionResult {
  if (ballots.length === 0) throw new DecisionInputError("there are no members to count");
  const voters = rule.votingUnit === "partner" ? partnerVotes(ballots) : [...ballots];
  const counts = emptyCounts();
  let ineligibleVotes = 0;
  let eligible = 0;
  for (const v of voters) {
    if (!v.eligible) {
      if (CAST.includes(v.vote)) ineligibleVotes += 1;
      continue;
    }
    eligible += 1;
    counts[v.vote] += 1;
  }
  const denominator = rule.denominator.counts.reduce((n, kind) => n + counts[kind], 0);
  const required = Math.max(votesRequired(rule.threshold, denominator), 1);
  const carried = meetsThreshold(rule.threshold, counts.for, denominator);
  const denominatorLabel = rule.denominator.label;
  const pct = percent(counts.for, denominator);
  const needs = `needs ${required}, ${rule.threshold.wording} of ${denominatorLabel} (${rule.clause})`;
  const explanation =
    denominator === 0
      ? `NOT CARRIED: no ${denominatorLabel}; ${needs}`
      : `${carried ? "CARRIED" : "NOT CARRIED"}: ${counts.for} of ${denominator} ${denominatorLabel} for (${pct}); ${needs}`;
  return {
    ruleId: rule.id,
    ruleLabel: rule.label,
    body: bodyOf(rulebook, rule).name,
    clause: rule.clause,
    eligible,
    counts,
    ineligibleVotes,
    denominator,
    denominatorLabel,
    required,
    carried,
    moreNeeded: carried ? 0 : Math.max(required - counts.for, 0),
    percentFor: pct,
    explanation,
  };
}
