// The Decisions panel: choose the rule, record each member's vote, see live whether it carries, and log it.
import {
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import { actionExcludes } from "../../rules/conflicts";
import { VOTE_KINDS, type VoteKind } from "../../rules/rulebook";
import { useAddIn } from "../context";
import { useDecision, type Outcome } from "./useDecision";
import { ReadProblem } from "../Notice";
import { RecordedDecisions } from "./RecordedDecisions";
import { LazyIssuesSection } from "./IssuesSectionLazy";

const VOTE_LABEL: Record<VoteKind, string> = { for: "For", against: "Against", abstain: "Abstain", absent: "Absent", excluded: "Excluded" };

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  fill: { width: "100%", maxWidth: "100%", minWidth: 0 },
  fillSelect: { width: "100%", minWidth: 0, textOverflow: "ellipsis" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  table: { tableLayout: "auto" },
  muted: { color: tokens.colorNeutralForeground3 },
  voteSelect: { minWidth: "7.5rem" },
  nowrap: { whiteSpace: "nowrap" },
  badges: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  wrap: { overflowWrap: "anywhere" },
});

function ResultBar({ outcome }: { outcome: Outcome }) {
  if (!outcome.ok) {
    return (
      <MessageBar intent="error" role="alert">
        <MessageBarBody>
          <MessageBarTitle>Cannot count this vote</MessageBarTitle>
          {outcome.message}
        </MessageBarBody>
      </MessageBar>
    );
  }
  const r = outcome.result;
  const progress = r.required === 0 ? 1 : Math.min(r.counts.for / r.required, 1);
  return (
    <div aria-live="polite" data-testid="decision-result">
      {/* A vote without quorum does not stand, however it went: never shown as a plain success. */}
      <MessageBar intent={r.carried && r.quorum.quorate ? "success" : "warning"}>
        <MessageBarBody>
          <MessageBarTitle>{r.carried ? (r.quorum.quorate ? "Carries" : "Carries, but not quorate") : "Does not carry"}</MessageBarTitle>
          {r.explanation.replace(/^(NOT )?CARRIED: /, "")}
          {!r.carried && r.denominator > 0 && ` Needs ${r.moreNeeded} more For ${r.moreNeeded === 1 ? "vote" : "votes"}.`}
        </MessageBarBody>
      </MessageBar>
      <Field
        label={`For votes against the ${r.required} required`}
        validationState="none"
        hint={`${r.counts.for} for · ${r.counts.against} against · ${r.counts.abstain} abstain · ${r.counts.absent} absent · ${r.counts.excluded} excluded${r.ineligibleVotes ? ` · ${r.ineligibleVotes} ineligible votes set aside` : ""}`}
      >
        <ProgressBar value={progress} color={r.carried ? "success" : "warning"} thickness="large" />
      </Field>
      <Text block data-testid="quorum-status">
        <Badge color={r.quorum.quorate ? "success" : "danger"} appearance="tint">
          {r.quorum.quorate ? "Quorate" : "Not quorate"}
        </Badge>{" "}
        {r.quorum.explanation.replace(/^(not )?quorate: /, "")}
      </Text>
    </div>
  );
}

export function DecisionsPanel() {
  const styles = useStyles();
  const d = useDecision();
  const { announce } = useAddIn();
  const section = useRef<HTMLElement>(null);
  const matter = useRef<HTMLTextAreaElement>(null);
  const recorded = useRef<HTMLDivElement>(null);
  const dateProblem = d.missing.find((m) => m.startsWith("Meeting date"));
  // Sent here from another panel ("Take to Board"): the panel opens at its top with the matter in focus, and says so.
  useEffect(() => {
    if (!d.proposedFrom) return;
    section.current?.scrollIntoView?.({ block: "start" });
    matter.current?.focus({ preventScroll: true });
    announce(`Decisions panel: the matter from the ${d.proposedFrom} panel is ready to vote on`);
  }, [d.proposedFrom, announce]);
  // The confirmation (or the failure) is where the Record button was, and focus moves to it so it is read out.
  useEffect(() => {
    if (!d.recorded) return;
    recorded.current?.scrollIntoView?.({ block: "nearest" });
    recorded.current?.focus();
  }, [d.recorded]);

  return (
    <section ref={section} className={styles.panel} aria-labelledby="decisions-heading">
      <Text id="decisions-heading" as="h2" weight="semibold" size={400}>
        Decisions
      </Text>
      <Field label="Decision rule" hint={`${d.body.name} · ${d.rule.clause}${d.rule.note ? ` · ${d.rule.note}` : ""}`}>
        <Select className={styles.fill} select={{ className: styles.fillSelect }} value={d.rule.id} onChange={(_e, data) => d.chooseRule(data.value)}>
          {d.rulebook.rules.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label} ({r.clause})
            </option>
          ))}
        </Select>
      </Field>
      {d.proposedFrom && (
        <MessageBar intent="info">
          <MessageBarBody>
            The rule and matter come from the {d.proposedFrom} panel. Check the matter, then take the vote: it carries only with the votes this rule requires.
          </MessageBarBody>
        </MessageBar>
      )}
      <Field label="Matter being decided" required hint="As it will appear in the decision log, e.g. Capital priorities 2026/27">
        <Textarea ref={matter} value={d.matter} resize="vertical" rows={d.matter.length > 90 ? 4 : 1} onChange={(_e, data) => d.setMatter(data.value)} />
      </Field>
      <Field
        label="Meeting date"
        required
        hint="The day the meeting took the decision, DD/MM/YYYY"
        validationState={dateProblem ? "error" : "none"}
        validationMessage={dateProblem}
      >
        <Input className={styles.fill} value={d.meetingDate} onChange={(_e, data) => d.setMeetingDate(data.value)} />
      </Field>
      {d.rows.length > 0 && (
        <Field label="Proposer" required hint={`A voting member of the ${d.body.name}`}>
          <Select className={styles.fill} select={{ className: styles.fillSelect }} value={d.proposer} onChange={(_e, data) => d.setProposer(data.value)}>
            <option value="">Choose the proposer</option>
            {d.rows
              .filter((r) => r.votes && !r.problem)
              .map((r) => (
                <option key={r.key} value={r.member.member}>
                  {r.member.member}
                </option>
              ))}
          </Select>
        </Field>
      )}

      {d.precondition && (
        <Field
          label="Issue"
          required
          hint={`The issue whose outcome this rule waits on (${d.precondition.clause})`}
          validationState={d.preconditionCheck?.met ? "success" : "warning"}
          validationMessage={d.preconditionCheck?.message}
          validationMessageIcon={null}
        >
          <Select className={styles.fill} select={{ className: styles.fillSelect }} value={d.issue} onChange={(_e, data) => d.setIssue(data.value)}>
            <option value="">Choose the issue</option>
            {d.issueChoices.map((ref) => (
              <option key={ref} value={ref}>
                {ref}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {d.loadError && <ReadProblem>{d.loadError}</ReadProblem>}
      {d.membersLoaded && d.rows.length === 0 && (
        <MessageBar intent="info">
          <MessageBarBody>No members of the {d.body.name} are in the Board members table. Choose Set up workbook, or add them to the table.</MessageBarBody>
        </MessageBar>
      )}
      {d.hasMembersTable === false && (
        <MessageBar intent="info">
          <MessageBarBody>This workbook has no Board members table yet. Choose Set up workbook to add it with the sample members.</MessageBarBody>
        </MessageBar>
      )}
      {d.problems.length > 0 && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Fix the Board members table first</MessageBarTitle>
            {d.problems.join("; ")}
          </MessageBarBody>
        </MessageBar>
      )}

      {d.rows.length > 0 && (
        <>
          <div className={styles.actions}>
            <Button size="small" onClick={() => d.setAllEligible("for")}>
              All eligible For
            </Button>
            <Button size="small" onClick={() => d.setAllEligible("absent")}>
              Reset to absent
            </Button>
          </div>
          {d.outcome && <ResultBar outcome={d.outcome} />}
          {d.correcting && (
            <MessageBar intent="info" data-testid="correcting">
              <MessageBarBody>
                <MessageBarTitle>Correcting entry {d.correcting.entry}</MessageBarTitle>
                The votes above are recorded as a new entry that corrects entry {d.correcting.entry} ({d.correcting.reason || "give the reason below the log"}); entry{" "}
                {d.correcting.entry} stays as it was recorded.
              </MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.actions}>
            <Button appearance="primary" disabled={!d.canRecord} onClick={d.record}>
              {d.recording ? "Recording…" : d.correcting ? "Record correction" : "Record decision"}
            </Button>
            {d.correcting && (
              <Button onClick={() => d.setCorrecting(undefined)}>Cancel correction</Button>
            )}
          </div>
          <div aria-live="polite" data-testid="record-missing">
            {d.missing.length > 0 && (
              <Text className={`${styles.muted} ${styles.wrap}`}>
                To record {d.correcting ? "the correction" : "the decision"}: {d.missing.join("; ")}.
              </Text>
            )}
          </div>
          {d.recorded && (
            <div ref={recorded} tabIndex={-1} data-testid="decision-recorded">
              {d.recorded.ok ? (
                <MessageBar intent="success" role="status">
                  <MessageBarBody>
                    Recorded in the decision log: {d.recorded.entry.result} — {d.recorded.entry.matter}. The votes are cleared for the next decision.
                  </MessageBarBody>
                </MessageBar>
              ) : (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>The decision was not recorded: {d.recorded.message}. Your votes are kept; try again.</MessageBarBody>
                </MessageBar>
              )}
            </div>
          )}
          <Table size="small" className={styles.table} aria-label={`Votes of ${d.body.name} members`}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Member and eligibility</TableHeaderCell>
                <TableHeaderCell>Vote</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {d.rows.map((row) => (
                <TableRow key={row.key}>
                  <TableCell>
                    <Text block>{row.member.member}</Text>
                    <Text size={200} className={`${styles.muted} ${styles.wrap}`}>
                      {row.partnerCode ?? row.member.organisation}
                      {row.member.role === "Deputy" ? ` · deputy${row.member.deputyFor ? ` for ${row.member.deputyFor}` : ""}` : ""}
                    </Text>
                    {/* Eligibility under the name, not in a column of its own: three columns do not fit a 350 px pane. */}
                    <div className={styles.badges}>
                    {row.problem ? (
                      <Badge color="danger" appearance="tint">Unknown</Badge>
                    ) : row.conflict && actionExcludes(row.conflict.action) ? null : !row.votes ? (
                      <Badge color="subtle" appearance="tint" title={row.note} className={styles.nowrap}>No vote</Badge>
                    ) : row.eligible ? (
                      <Badge color="success" appearance="tint">Eligible</Badge>
                    ) : (
                      <Badge color="subtle" appearance="tint" title={row.note} className={styles.nowrap}>Not eligible</Badge>
                    )}
                    {row.conflict && (
                      <Badge color={actionExcludes(row.conflict.action) ? "danger" : "warning"} appearance="tint" className={styles.nowrap}>
                        {actionExcludes(row.conflict.action) ? "Excluded: conflict" : "Interest declared"}
                      </Badge>
                    )}
                    </div>
                    {row.conflict && (
                      <Text block size={200} className={styles.wrap} data-testid="member-conflict">
                        {row.conflict.interest} (conflicts register row {row.conflict.row})
                      </Text>
                    )}
                    {(d.notesOf.get(row.member.member) ?? [])
                      .filter((n) => n.effect !== "excluded" && n.effect !== "declared")
                      .map((n) => (
                        <Text block size={200} className={styles.wrap} key={n.tag}>
                          {n.message}
                        </Text>
                      ))}
                  </TableCell>
                  <TableCell>
                    {!row.votes ? (
                      <Text size={200} className={styles.muted}>
                        {row.note}
                      </Text>
                    ) : (
                      <Select
                        className={styles.voteSelect}
                        size="small"
                        aria-label={`Vote of ${row.member.member}`}
                        value={d.voteOf(row.key)}
                        onChange={(_e, data) => d.setVote(row.key, data.value as VoteKind)}
                      >
                        {VOTE_KINDS.map((v) => (
                          <option key={v} value={v}>
                            {VOTE_LABEL[v]}
                          </option>
                        ))}
                      </Select>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}

      {d.hasConflictsTable === false && (
        <MessageBar intent="info">
          <MessageBarBody>This workbook has no Conflicts table, so no declared interests are read. Choose Set up workbook to add it; nothing else is changed.</MessageBarBody>
        </MessageBar>
      )}
      {d.entries.length > 0 && <RecordedDecisions d={d} />}
      <LazyIssuesSection />
      {d.log && (
        <MessageBar intent={d.log.verified ? "success" : "error"} data-testid="log-status">
          <MessageBarBody>
            <MessageBarTitle>{d.log.verified ? "Decision log verifies" : "Decision log has been altered"}</MessageBarTitle>
            {d.log.verified
              ? `${d.log.entries} ${d.log.entries === 1 ? "entry" : "entries"}, each chained to the one before by its hash.`
              : `${d.log.reason}.`}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
