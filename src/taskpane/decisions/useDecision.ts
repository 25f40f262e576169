// The Decisions panel's state: the rule, the members of its body, their votes, the live result, and recording it.
import { useCallback, useEffect, useMemo, useState } from "react";
import { evaluateDecision, resolveEligibility, type Ballot, type DecisionResult } from "../../rules/decisions";
import { recordDecision, type LoggedDecision } from "../../rules/decisionLog";
import { bodyOf, findRule, type VoteKind } from "../../rules/rulebook";
import { appendDecision, readBoardMembers, verifyWorkbookLog, type BoardMember } from "../../workbook/decisions";
import { useAddIn } from "../context";
import { useWorkbookData } from "../useWorkbookData";

export interface MemberRow {
  key: string;
  member: BoardMember;
  eligible: boolean;
  partnerCode?: string;
  /** Why the member is not eligible, or what is wrong with the row. */
  note?: string;
  problem?: string;
}

export type Outcome = { ok: true; result: DecisionResult } | { ok: false; message: string };

// A vote belongs to a member (the nth of that name and organisation), not to a row: a row added or moved in the grid leaves votes with their members.
const keyOf = (m: BoardMember, nth: number) => `${m.member}\u0000${m.organisation}\u0000${nth}`;

export function useDecision() {
  const { workbook, rulebook, workbookChanged, proposal, proposalTaken } = useAddIn();
  // A matter sent from another panel (e.g. an allocation to apportion) opens here once, ready to vote on.
  const [proposedFrom] = useState(proposal?.from);
  const [ruleId, setRuleId] = useState(proposal?.ruleId ?? rulebook.defaultRule);
  const [matter, setMatter] = useState(proposal?.matter ?? "");
  useEffect(() => {
    if (proposal) proposalTaken();
  }, [proposal, proposalTaken]);
  const [votes, setVotes] = useState<Record<string, VoteKind>>({});
  const [recording, setRecording] = useState(false);
  const [recorded, setRecorded] = useState<{ ok: true; entry: LoggedDecision } | { ok: false; message: string }>();
  // Once a decision is recorded the votes are cleared for the next: no live result ("Does not carry, 0 of 16") is shown
  // for the cleared votes until someone starts the next vote.
  const [voting, setVoting] = useState(true);

  const rule = findRule(rulebook, ruleId);
  const body = bodyOf(rulebook, rule);

  const read = useWorkbookData(async (wb) => {
    const [members, log] = await Promise.all([readBoardMembers(wb), verifyWorkbookLog(wb)]);
    return { members, log };
  }, []);
  // Nothing from a table in error; votes are kept by member (see keyOf) for when it is fixed.
  const members = read.error ? undefined : read.data?.members;
  const log = read.error ? undefined : read.data?.log;

  const rows: MemberRow[] = useMemo(() => {
    const ofBody = (members ?? []).filter((m) => [body.id, body.name.toLowerCase()].includes(m.body.toLowerCase()));
    const seen = new Map<string, number>();
    return ofBody.map((m) => {
      const nth = seen.get(keyOf(m, 0)) ?? 0;
      seen.set(keyOf(m, 0), nth + 1);
      const key = keyOf(m, nth);
      try {
        const who = resolveEligibility(rulebook, rule, m.organisation);
        if (m.role === "Deputy" && !rule.deputiesVote) {
          return { key, member: m, eligible: false, partnerCode: who.partnerCode, note: "Deputies do not vote under this rule" };
        }
        return { key, member: m, eligible: who.eligible, partnerCode: who.partnerCode, note: who.eligible ? undefined : "Matter does not apply (Annex 1)" };
      } catch (error) {
        return { key, member: m, eligible: false, problem: (error as Error).message };
      }
    });
  }, [members, rulebook, rule, body]);

  const voteOf = useCallback((key: string): VoteKind => votes[key] ?? "absent", [votes]);
  const ballots: Ballot[] = useMemo(
    () => rows.map((r) => ({ member: r.member.member, partnerCode: r.partnerCode, eligible: r.eligible, vote: voteOf(r.key) })),
    [rows, voteOf],
  );
  const problems = rows.filter((r) => r.problem).map((r) => `${r.member.member}: ${r.problem}`);

  const outcome: Outcome | undefined = useMemo(() => {
    if (rows.length === 0) return undefined;
    try {
      return { ok: true, result: evaluateDecision(rulebook, rule, ballots) };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }, [rulebook, rule, ballots, rows.length]);

  const setVote = (key: string, vote: VoteKind) => {
    setVoting(true);
    setVotes((v) => ({ ...v, [key]: vote }));
  };
  const setAllEligible = (vote: VoteKind) => {
    setVoting(true);
    setVotes((v) => ({ ...v, ...Object.fromEntries(rows.filter((r) => r.eligible).map((r) => [r.key, vote])) }));
  };
  const chooseRule = (id: string) => {
    setRuleId(id);
    setVotes({});
    setRecorded(undefined);
    setVoting(true);
  };
  const typeMatter = (text: string) => {
    setMatter(text);
    setVoting(true);
  };

  const canRecord = outcome?.ok === true && matter.trim() !== "" && problems.length === 0 && !recording;

  async function record() {
    if (!outcome?.ok || !canRecord) return;
    setRecording(true);
    try {
      const entry = await appendDecision(workbook, recordDecision(outcome.result, matter.trim(), ballots, new Date()));
      setRecorded({ ok: true, entry });
      setVotes({});
      setMatter("");
      setVoting(false);
      workbookChanged();
    } catch (error) {
      // Votes and matter stay as they were, so nothing typed is lost.
      setRecorded({ ok: false, message: (error as Error).message });
    } finally {
      setRecording(false);
    }
  }

  return {
    rulebook,
    rule,
    body,
    chooseRule,
    proposedFrom,
    matter,
    setMatter: typeMatter,
    membersLoaded: members !== undefined,
    /** Undefined until the first read answers, so the pane does not ask for set-up while it is still reading. */
    hasMembersTable: read.error || !read.data ? undefined : read.data.members !== undefined,
    loadError: read.error,
    rows,
    problems,
    voteOf,
    setVote,
    setAllEligible,
    /** The live result of the votes as set; undefined just after recording, until the next vote starts. */
    outcome: voting ? outcome : undefined,
    canRecord,
    record,
    recording,
    recorded,
    log,
  };
}
