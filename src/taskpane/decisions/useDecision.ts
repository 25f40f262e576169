// The Decisions panel's state: the rule, the members of its body, their votes, the live result, and recording it.
import { useCallback, useEffect, useMemo, useState } from "react";
import { codeKey } from "../../rules/codes";
import { actionExcludes, conflictNote, conflictsOnMatter, type DeclaredConflict } from "../../rules/conflicts";
import { todayIso, ukDate } from "../../rules/dayDate";
import { evaluateDecision, resolveEligibility, type Ballot, type DecisionResult, type MemberNote } from "../../rules/decisions";
import {
  amendmentProblem,
  annulmentRecord,
  entryStatuses,
  recordingProblems,
  recordMeetingDecision,
  verifyDecisionLog,
  type EntryStatus,
  type LoggedDecision,
} from "../../rules/decisionLog";
import { bodyOf, findRule, matterOf, type VoteKind } from "../../rules/rulebook";
import { issuesMeeting, preconditionMet, preconditionOf, type IssueEvent } from "../../rules/issueResolution";
import { appendDecision, readBoardMembers, readConflicts, readDecisionLog, type BoardMember } from "../../workbook/decisions";
import { checkPrecondition, readIssues } from "../../workbook/issues";
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
  /** Whether a vote can be typed for them: a seat that votes, and a deputy only where the rule lets deputies vote. */
  votes: boolean;
  /** The register's declaration touching this matter, if any. */
  conflict?: DeclaredConflict;
}

export type Outcome = { ok: true; result: DecisionResult } | { ok: false; message: string };

/** A correction or annulment being prepared: the entry it amends and why. */
export interface Amending {
  entry: number;
  reason: string;
}

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
  // The meeting is usually today's; the date stays between decisions taken at one meeting.
  const [meetingDate, setMeetingDate] = useState(() => ukDate(todayIso(new Date())));
  const [proposer, setProposer] = useState("");
  const [correcting, setCorrecting] = useState<Amending>();
  /** The issue named for a rule with a precondition; undefined until someone chooses (the one issue that meets it is offered). */
  const [issueChosen, setIssue] = useState<string>();
  const [recording, setRecording] = useState(false);
  const [recorded, setRecorded] = useState<{ ok: true; entry: LoggedDecision } | { ok: false; message: string }>();
  // Once a decision is recorded the votes are cleared for the next: no live result ("Does not carry, 0 of 16") is shown
  // for the cleared votes until someone starts the next vote.
  const [voting, setVoting] = useState(true);

  const rule = findRule(rulebook, ruleId);
  const body = bodyOf(rulebook, rule);
  const today = todayIso(new Date());

  const read = useWorkbookData(async (wb) => {
    // The Issues table comes in the same read, for the rules that wait on an issue's outcome (MoU 8.3–8.4); a bad row
    // there is said at the precondition and never hides the members or the log.
    const [members, conflicts, entries, issues] = await Promise.all([
      readBoardMembers(wb),
      readConflicts(wb),
      readDecisionLog(wb),
      readIssues(wb, rulebook).then(
        (read) => ({ events: read?.events, error: undefined }),
        (error: unknown) => ({ events: undefined, error: error instanceof Error ? error.message : String(error) }),
      ),
    ]);
    return { members, conflicts, entries, issues };
  }, [rulebook]);
  // Nothing from a table in error; votes are kept by member (see keyOf) for when it is fixed.
  const members = read.error ? undefined : read.data?.members;
  const entries = read.error ? undefined : read.data?.entries;
  const log = useMemo(() => entries && verifyDecisionLog(entries), [entries]);
  const statuses: EntryStatus[] = useMemo(() => (entries ? entryStatuses(entries) : []), [entries]);

  // Declarations on this rule's matter, or named in what the matter is called ("... including CAP-017").
  const conflicts = useMemo(
    () => conflictsOnMatter(read.error ? [] : (read.data?.conflicts ?? []), matterOf(rulebook, rule), matter),
    [read.error, read.data, rulebook, rule, matter],
  );

  const rows: MemberRow[] = useMemo(() => {
    const ofBody = (members ?? []).filter((m) => [body.id, body.name.toLowerCase()].includes(m.body.toLowerCase()));
    const seen = new Map<string, number>();
    return ofBody.map((m) => {
      const nth = seen.get(keyOf(m, 0)) ?? 0;
      seen.set(keyOf(m, 0), nth + 1);
      const key = keyOf(m, nth);
      const conflict = conflicts.get(codeKey(m.member));
      const excluded = conflict !== undefined && actionExcludes(conflict.action);
      const votes = m.voting && (m.role === "Member" || rule.deputiesVote) && !excluded;
      try {
        const who = resolveEligibility(rulebook, rule, m.organisation);
        const note = !m.voting
          ? "Attends without a vote"
          : excluded
            ? "Excluded for a declared conflict of interest"
            : !votes
              ? `Deputies do not vote under this rule (${rule.clause})`
              : who.eligible
                ? undefined
                : "Matter does not apply (Annex 1)";
        return { key, member: m, eligible: who.eligible, partnerCode: who.partnerCode, note, votes, conflict };
      } catch (error) {
        return { key, member: m, eligible: false, problem: (error as Error).message, votes, conflict };
      }
    });
  }, [members, rulebook, rule, body, conflicts]);

  const voteOf = useCallback((key: string): VoteKind => votes[key] ?? "absent", [votes]);
  const ballots: Ballot[] = useMemo(
    () =>
      rows.map((r) => ({
        member: r.member.member,
        partnerCode: r.partnerCode,
        eligible: r.eligible,
        vote: r.votes ? voteOf(r.key) : "absent",
        ...(r.member.role === "Deputy" ? { deputyFor: r.member.deputyFor ?? "" } : {}),
        ...(r.member.voting ? {} : { voting: false }),
        ...(r.conflict ? { conflict: { ...conflictNote(r.conflict), ...(r.conflict.declared ? { declared: r.conflict.declared } : {}) } } : {}),
      })),
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

  /** What the count made of each member's vote (conflict, deputy, no vote), by member name. */
  const notesOf = useMemo(() => {
    const by = new Map<string, MemberNote[]>();
    if (outcome?.ok) for (const n of outcome.result.notes) by.set(n.member, [...(by.get(n.member) ?? []), n]);
    return by;
  }, [outcome]);

  const startVote = () => setVoting(true);
  const setVote = (key: string, vote: VoteKind) => {
    startVote();
    setVotes((v) => ({ ...v, [key]: vote }));
  };
  const setAllEligible = (vote: VoteKind) => {
    startVote();
    // Deputies are left as they are: a deputy votes only in a member's place, so "All eligible For" means the members.
    const seats = rows.filter((r) => r.eligible && r.votes && r.member.role === "Member");
    setVotes((v) => ({ ...v, ...Object.fromEntries(seats.map((r) => [r.key, vote])) }));
  };
  const chooseRule = (id: string) => {
    setRuleId(id);
    setVotes({});
    setProposer("");
    setIssue(undefined);
    setRecorded(undefined);
    setVoting(true);
  };
  const typeMatter = (text: string) => {
    setMatter(text);
    startVote();
  };

  // A rule that waits on an issue's outcome (the Board's 75% after the SLE could not agree, MoU 8.3–8.4): the issues
  // whose history meets it, and whether the one named does.
  const precondition = preconditionOf(rulebook, rule);
  const issueEvents: readonly IssueEvent[] = useMemo(() => read.data?.issues.events ?? [], [read.data]);
  const issueChoices = useMemo(() => (precondition ? issuesMeeting(rulebook, rule, issueEvents) : []), [precondition, rulebook, rule, issueEvents]);
  const issue = issueChosen ?? (issueChoices.length === 1 ? issueChoices[0]! : "");
  const preconditionCheck = useMemo(() => {
    if (!precondition) return undefined;
    if (read.data?.issues.error) return { met: false, required: true, message: `Precondition not checked: the Issues table cannot be read: ${read.data.issues.error} (${precondition.clause})` };
    if (read.data && !read.data.issues.events) return { met: false, required: true, message: `Precondition not met: the workbook has no Issues table; use Set up workbook to add it (${precondition.clause})` };
    return preconditionMet(rulebook, rule, issueEvents, issue);
  }, [precondition, read.data, rulebook, rule, issueEvents, issue]);

  /** Everything keeping the vote from being recorded, each naming what is missing. */
  const missing: string[] = useMemo(() => {
    if (!outcome?.ok) return [];
    const details = { matter, meetingDate, proposer, ...(correcting ? { correcting } : {}) };
    const found = [...(problems.length > 0 ? ["fix the Board members table"] : []), ...recordingProblems(outcome.result, details, ballots, today)];
    if (preconditionCheck && !preconditionCheck.met) found.push(preconditionCheck.message);
    const amend = correcting && amendmentProblem(statuses, correcting.entry);
    return amend ? [...found, amend] : found;
  }, [outcome, matter, meetingDate, proposer, correcting, problems.length, ballots, today, statuses, preconditionCheck]);

  const canRecord = outcome?.ok === true && missing.length === 0 && !recording;

  async function append(make: () => Parameters<typeof appendDecision>[1] | Promise<Parameters<typeof appendDecision>[1]>, after: () => void) {
    setRecording(true);
    try {
      const entry = await appendDecision(workbook, await make());
      setRecorded({ ok: true, entry });
      after();
      workbookChanged();
    } catch (error) {
      // Votes, matter and the rest stay as they were, so nothing typed is lost.
      setRecorded({ ok: false, message: (error as Error).message });
    } finally {
      setRecording(false);
    }
  }

  async function record() {
    if (!outcome?.ok || !canRecord) return;
    const details = { matter, meetingDate, proposer, ...(correcting ? { correcting } : {}), ...(precondition ? { issue } : {}) };
    await append(
      async () => {
        // The Issues table as it is now, not as the panel last read it: a step recorded meanwhile counts.
        const check = await checkPrecondition(workbook, rulebook, rule, precondition ? issue : undefined);
        if (!check.met) throw new Error(`the decision was not recorded: ${check.message}`);
        return recordMeetingDecision(outcome.result, details, ballots, new Date(), today);
      },
      () => {
        setVotes({});
        setMatter("");
        setProposer("");
        setCorrecting(undefined);
        setIssue(undefined);
        setVoting(false);
      },
    );
  }

  /** Records that an entry is void, for a reason: a new entry; the annulled one stays exactly as recorded. */
  async function annul(entry: number, reason: string): Promise<boolean> {
    const target = entries?.[entry - 1];
    const problem = target ? amendmentProblem(statuses, entry) : `there is no entry ${entry} in the Decision log`;
    if (problem) {
      setRecorded({ ok: false, message: problem });
      return false;
    }
    let ok = false;
    await append(
      () => annulmentRecord(target!, entry, { reason, meetingDate, proposer }, new Date(), today),
      () => {
        ok = true;
      },
    );
    return ok;
  }

  return {
    rulebook,
    rule,
    body,
    chooseRule,
    proposedFrom,
    matter,
    setMatter: typeMatter,
    meetingDate,
    setMeetingDate,
    proposer,
    setProposer,
    /** For a rule that waits on an issue's outcome: what it waits on, the issues that meet it, the one named, and the check. */
    precondition,
    issueChoices,
    issue,
    setIssue,
    preconditionCheck,
    membersLoaded: members !== undefined,
    /** Undefined until the first read answers, so the pane does not ask for set-up while it is still reading. */
    hasMembersTable: read.error || !read.data ? undefined : read.data.members !== undefined,
    /** Whether the workbook has a conflicts register (one set up before it had none: declarations cannot be read). */
    hasConflictsTable: read.error || !read.data ? undefined : read.data.conflicts !== undefined,
    loadError: read.error,
    rows,
    problems,
    notesOf,
    voteOf,
    setVote,
    setAllEligible,
    /** The live result of the votes as set; undefined just after recording, until the next vote starts. */
    outcome: voting ? outcome : undefined,
    missing,
    canRecord,
    record,
    recording,
    recorded,
    correcting,
    /** Starts (or, with undefined, cancels) recording the votes above as a correction of an entry. */
    setCorrecting: (amending: Amending | undefined) => {
      setCorrecting(amending);
      startVote();
    },
    annul,
    log,
    entries: entries ?? [],
    statuses,
  };
}
