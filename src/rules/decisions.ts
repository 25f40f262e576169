// Decisions: how a vote is counted under a rule, exactly, with the rule and clause that decided it.
import { codeKey } from "./codes";
import { describeConflict, type ConflictNote } from "./conflicts";
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
  /**
   * Set for a deputy: the member whose place they may take, by name; "" where the register does not say, and then
   * the one member of the body from the same organisation (a register made before it had the column).
   */
  deputyFor?: string;
  /** False for an attendee whose seat does not vote (the register's Voting column): a vote typed for them is set aside. */
  voting?: boolean;
  /** A declaration in the conflicts register touching the matter: excluding or only declared. */
  conflict?: ConflictNote & { declared?: string };
}

/** What became of one person's vote beyond their own For/Against: a conflict, a deputy, a seat without a vote. */
export interface MemberNote {
  member: string;
  /**
   * excluded: out of the vote for a declared conflict; in-place: a deputy's vote counted in a member's seat;
   * set-aside: a vote typed but not counted; declared: an interest declared, still voting.
   */
  effect: "excluded" | "in-place" | "set-aside" | "declared";
  message: string;
  /** A few words for the decision log's Votes column, e.g. "in place of Chair, Thurrock HWB". */
  tag: string;
}

/** Whether enough of the body's voting members (or partners) were present for the vote to stand. */
export interface QuorumStatus {
  /** Voting members (partners, where the rule gives one vote per partner) present: For, Against or Abstain, a deputy in a member's place counted as the member. */
  present: number;
  /** The rule's quorum; undefined where the rule sets none. */
  required?: number;
  quorate: boolean;
  clause?: string;
  /** "quorate: 13 present, the rule needs 12 (clause)" or "not quorate: 3 present, the rule needs 12 (clause)". */
  explanation: string;
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
  /** Conflicts, deputies and non-voting attendees, in the order of the ballots; empty when there were none. */
  notes: MemberNote[];
  quorum: QuorumStatus;
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

const VOTE_WORD: Record<VoteKind, string> = { for: "For", against: "Against", abstain: "Abstain", absent: "Absent", excluded: "Excluded" };
const isCast = (vote: VoteKind) => CAST.includes(vote);

/**
 * The seats as they vote: a non-voting attendee's vote set aside; a member whose declared conflict excludes them
 * counted as excluded (the register row named); a deputy's vote counted in their member's seat only when the rule lets
 * deputies vote and the member is absent or excluded, and refused, naming both, when the member votes too.
 */
export function seatBallots(rulebook: Rulebook, rule: DecisionRule, ballots: readonly Ballot[]): { seats: Ballot[]; notes: MemberNote[] } {
  const notes: MemberNote[] = [];
  const note = (member: string, effect: MemberNote["effect"], message: string, tag: string) => notes.push({ member, effect, message, tag });
  const own = ballots.flatMap((b): Ballot[] => {
    if (b.voting === false) {
      if (isCast(b.vote)) note(b.member, "set-aside", `${b.member} attends without a vote: their ${VOTE_WORD[b.vote]} is set aside`, "no vote, set aside");
      return [];
    }
    if (b.conflict?.excludes) {
      const aside = isCast(b.vote) ? `; their ${VOTE_WORD[b.vote]} is set aside` : "";
      note(b.member, "excluded", `${b.member} is excluded for a declared conflict of interest, ${describeConflict(b.conflict)}${aside}`, `excluded: conflicts register row ${b.conflict.row}`);
      return [{ ...b, vote: "excluded" }];
    }
    if (b.conflict) note(b.member, "declared", `${b.member} declared an interest and may vote, ${describeConflict(b.conflict)}`, `interest declared: conflicts register row ${b.conflict.row}`);
    return [b];
  });
  const seats = own.filter((b) => b.deputyFor === undefined);
  // By seat number: a filled seat is a new ballot, and a second deputy must still find who filled it.
  const filledBy = new Map<number, string>();
  for (const deputy of own.filter((b) => b.deputyFor !== undefined && isCast(b.vote))) {
    if (!rule.deputiesVote) {
      note(deputy.member, "set-aside", `${deputy.member} is a deputy: deputies do not vote under this rule (${rule.clause}), so their ${VOTE_WORD[deputy.vote]} is set aside`, "deputy, set aside");
      continue;
    }
    const at = deputySeat(rulebook, rule, seats, deputy);
    const seat = seats[at]!;
    const other = filledBy.get(at);
    if (other) throw new DecisionInputError(`${other} and ${deputy.member} both voted in the place of ${seat.member}; one deputy at most votes for a member`);
    if (isCast(seat.vote)) {
      throw new DecisionInputError(`${seat.member} and their deputy ${deputy.member} both voted; a deputy votes only in the member's place, never both (${rule.clause}): set one of them to Absent`);
    }
    const why = seat.vote === "excluded" ? "excluded for a conflict of interest" : "absent";
    note(deputy.member, "in-place", `${deputy.member} votes in the place of ${seat.member} (${why}) (${rule.clause})`, `in place of ${seat.member}`);
    filledBy.set(at, deputy.member);
    seats[at] = { ...seat, vote: deputy.vote };
  }
  return { seats, notes };
}

/** The seat a deputy takes, by number: the member named in Deputy for, or, where it is blank, the one member from the same organisation. */
function deputySeat(rulebook: Rulebook, rule: DecisionRule, seats: readonly Ballot[], deputy: Ballot): number {
  const body = bodyOf(rulebook, rule).name;
  const named = (deputy.deputyFor ?? "").trim();
  if (named !== "") {
    const at = seats.findIndex((s) => codeKey(s.member) === codeKey(named));
    if (at < 0) throw new DecisionInputError(`${deputy.member} is deputy for "${named}", who is not a voting member of the ${body}; correct Deputy for in the Board members table`);
    return at;
  }
  const same = deputy.partnerCode === undefined ? [] : seats.flatMap((s, i) => (s.partnerCode === deputy.partnerCode ? [i] : []));
  if (same.length !== 1) {
    throw new DecisionInputError(
      `${deputy.member} is a deputy, and the Board members table does not say for whom (${same.length === 0 ? "no" : same.length} members of the ${body} from the same organisation); name the member in Deputy for`,
    );
  }
  return same[0]!;
}

function quorumOf(rule: DecisionRule, present: number): QuorumStatus {
  if (!rule.quorum) return { present, quorate: true, explanation: `${present} present; the rule sets no quorum` };
  const { present: required, clause } = rule.quorum;
  const quorate = present >= required;
  return { present, required, quorate, clause, explanation: `${quorate ? "quorate" : "not quorate"}: ${present} present, the rule needs ${required} (${clause})` };
}

/**
 * Counts a vote under a rule and says whether it carried, by how much, and under which clause; with the quorum (the
 * voting members or partners present, eligible on the matter or not: quorum is the meeting's) and what the conflicts
 * register and the deputies did to the count.
 */
export function evaluateDecision(rulebook: Rulebook, rule: DecisionRule, ballots: readonly Ballot[]): DecisionResult {
  if (ballots.length === 0) throw new DecisionInputError("there are no members to count");
  const { seats, notes } = seatBallots(rulebook, rule, ballots);
  if (seats.length === 0) throw new DecisionInputError("there are no voting members to count");
  const voters = rule.votingUnit === "partner" ? partnerVotes(seats) : seats;
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
    notes,
    quorum: quorumOf(rule, voters.filter((v) => isCast(v.vote)).length),
  };
}
