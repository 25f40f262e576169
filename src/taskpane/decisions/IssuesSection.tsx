// Issue resolution on the Decisions panel: each issue's stage and status, its history, recording the next step the route allows, opening an issue, and the preconditions decision rules wait on.
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Field,
  Input,
  Select,
  Text,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { codeKey } from "../../rules/codes";
import { todayIso, ukDate } from "../../rules/dayDate";
import {
  describeStatus,
  issuesMeeting,
  nextSteps,
  OPENED,
  parseIsoDate,
  parsePartners,
  parseVotes,
  preconditionMet,
  type IssueEvent,
  type IssueState,
} from "../../rules/issueResolution";
import type { Rulebook } from "../../rules/rulebook";
import { appendIssueEvent, readIssues, type IssuesRead } from "../../workbook/issues";
import { useAddIn } from "../context";
import { Notice, ReadProblem } from "../Notice";
import { usePanelStyles } from "../panelStyles";
import { useWorkbookData } from "../useWorkbookData";

const useStyles = makeStyles({
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  chosen: { border: `2px solid ${tokens.colorBrandStroke1}` },
  head: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  history: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, overflowWrap: "anywhere" },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  detail: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0, overflowWrap: "anywhere" },
});

const STATUS_BADGE = { open: { color: "warning", label: "Open" }, resolved: { color: "success", label: "Resolved" }, ended: { color: "subtle", label: "Closed" } } as const;

/** Today in the pane's own calendar, as people type a date (30/11/2026): the default for a step's date. */
const today = () => ukDate(todayIso(new Date()));

/** Reads a field's text with `read`, keeping its problem by field name; undefined when it had one. */
function reader(errors: Record<string, string>) {
  return <T,>(field: string, read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      errors[field] = (error as Error).message;
      return undefined;
    }
  };
}

/** The rules that wait on an issue's outcome, each with whether it is met now and on which issue (or why not). */
function PreconditionLines({ rulebook, events }: { rulebook: Rulebook; events: readonly IssueEvent[] }) {
  const styles = usePanelStyles();
  const lines = (rulebook.issueResolution?.preconditions ?? []).flatMap((p) => {
    const rule = rulebook.rules.find((r) => r.id === p.rule);
    if (!rule) return [];
    const meeting = issuesMeeting(rulebook, rule, events);
    // Where none meets it, the latest issue on its route says why (or, with none, that there is no issue to name).
    const onRoute = events.filter((e) => e.stage === OPENED && e.route === p.route).map((e) => e.ref);
    const check = preconditionMet(rulebook, rule, events, meeting.at(-1) ?? onRoute.at(-1));
    return [{ rule, check }];
  });
  if (lines.length === 0) return null;
  return (
    <div className={styles.plain} data-testid="issue-preconditions">
      {lines.map(({ rule, check }) => (
        <div key={rule.id}>
          <Text weight="semibold" block>
            {rule.label}{" "}
            <Badge appearance="tint" color={check.met ? "success" : "danger"}>
              {check.met ? "Precondition met" : "Precondition not met"}
            </Badge>
          </Text>
          <Text size={200}>{check.message}</Text>
        </div>
      ))}
    </div>
  );
}

function History({ issue }: { issue: IssueState }) {
  const styles = useStyles();
  const panel = usePanelStyles();
  return (
    <ol className={styles.history} aria-label={`History of issue ${issue.ref}`}>
      <li>
        {issue.opened} · Opened on {issue.route.label} ({issue.route.clause})
        {issue.parties.length > 0 && <Text size={200} className={panel.muted} block>Parties: {issue.parties.join(", ")}</Text>}
      </li>
      {issue.steps.map((s, i) => (
        <li key={i}>
          {ukDate(s.event.date)} · {s.stage.label}: <Text weight="semibold">{s.outcome.label}</Text> ({s.stage.clause})
          {s.event.detail && <Text size={200} block>{s.event.detail}</Text>}
          {s.result && <Text size={200} className={panel.muted} block>{s.result.explanation}</Text>}
          {s.excluded.length > 0 && <Text size={200} className={panel.muted} block>Left out as failing to agree: {s.excluded.join(", ")}</Text>}
          {s.event.dissenters.length > 0 && <Text size={200} className={panel.muted} block>Failing to agree: {s.event.dissenters.join(", ")}</Text>}
        </li>
      ))}
    </ol>
  );
}

interface Recorded {
  ok: boolean;
  message: string;
}

/** Records the issue's next step: only the outcomes of the stage it is at are offered; the route's checks decide the rest. */
function NextStepForm({ issue, onRecord }: { issue: IssueState; onRecord: (event: IssueEvent) => Promise<void> }) {
  const { rulebook } = useAddIn();
  const styles = useStyles();
  const panel = usePanelStyles();
  const next = nextSteps(issue)[0];
  const [outcome, setOutcome] = useState("");
  const [date, setDate] = useState(today);
  const [rule, setRule] = useState("");
  const [votes, setVotes] = useState("");
  const [dissenters, setDissenters] = useState("");
  const [participants, setParticipants] = useState("");
  const [detail, setDetail] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  if (!next) return null;
  const { stage } = next;
  const isVote = stage.kind === "vote";
  // Partners failing to agree are named in writing: when registering them, and when one gives notice.
  const names = stage.kind === "notice";

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    const read = reader(found);
    if (outcome === "") found["Outcome"] = "Choose what came of this stage";
    const day = read("Date", () => parseIsoDate(date));
    const counted = read("Votes", () => parseVotes(rulebook, votes)) ?? [];
    const failing = read("Partners failing to agree", () => parsePartners(rulebook, dissenters)) ?? [];
    const present = read("Who took part", () => parsePartners(rulebook, participants)) ?? [];
    if (isVote && counted.length === 0 && !found["Votes"]) found["Votes"] = "Give each participating partner's vote, e.g. MSEFT: for; ECC: against";
    if (isVote && (stage.rules?.length ?? 0) > 1 && rule === "") found["Rule"] = "Choose the rule the vote is counted under";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await onRecord({
        ref: issue.ref,
        route: issue.route.id,
        date: day!,
        stage: stage.id,
        outcome,
        ...(rule ? { rule } : {}),
        detail,
        participants: present,
        dissenters: failing,
        votes: counted,
      });
      setOutcome("");
      setVotes("");
      setDetail("");
      setDissenters("");
    } finally {
      setBusy(false);
    }
  }

  const state = (field: string) => (errors[field] ? { validationState: "error" as const, validationMessage: errors[field] } : {});
  return (
    <form className={styles.form} onSubmit={submit} aria-label={`Record the next step of issue ${issue.ref}`} noValidate>
      <Text weight="semibold">
        Next: {stage.label} ({stage.clause})
      </Text>
      <Field label="Outcome" required {...state("Outcome")}>
        <Select className={panel.fill} value={outcome} onChange={(_e, d) => setOutcome(d.value)}>
          <option value="">Choose…</option>
          {next.outcomes.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Date" required hint="DD/MM/YYYY" {...state("Date")}>
        <Input value={date} onChange={(_e, d) => setDate(d.value)} />
      </Field>
      {isVote && (stage.rules?.length ?? 0) > 1 && (
        <Field label="Rule" required {...state("Rule")}>
          <Select className={panel.fill} value={rule} onChange={(_e, d) => setRule(d.value)}>
            <option value="">Choose…</option>
            {stage.rules!.map((id) => (
              <option key={id} value={id}>
                {rulebook.rules.find((r) => r.id === id)?.label ?? id}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {isVote && (
        <Field label="Votes" required hint={`One a partner, by code: MSEFT: for; ECC: against. Counted under ${stage.rules!.join(" or ")}${stage.excludesDissenters ? "; the partners failing to agree take no part" : ""}.`} {...state("Votes")}>
          <Textarea value={votes} resize="vertical" onChange={(_e, d) => setVotes(d.value)} />
        </Field>
      )}
      {names && (
        <Field label="Partners failing to agree" hint="Codes, e.g. BDC; needed when registering, and for a notice to exit" {...state("Partners failing to agree")}>
          <Input value={dissenters} onChange={(_e, d) => setDissenters(d.value)} />
        </Field>
      )}
      <Field label="Who took part" hint="Partner codes, e.g. MSEFT, MSEICB" {...state("Who took part")}>
        <Input value={participants} onChange={(_e, d) => setParticipants(d.value)} />
      </Field>
      <Field label="Notes">
        <Textarea value={detail} resize="vertical" onChange={(_e, d) => setDetail(d.value)} />
      </Field>
      <div>
        <Button type="submit" appearance="primary" disabled={busy}>
          {busy ? "Recording…" : "Record step"}
        </Button>
      </div>
    </form>
  );
}

/** Opens an issue on one of the rulebook's routes; its reference must be new. */
function OpenIssueForm({ rulebook, onOpen }: { rulebook: Rulebook; onOpen: (event: IssueEvent) => Promise<boolean> }) {
  const styles = useStyles();
  const panel = usePanelStyles();
  const routes = rulebook.issueResolution?.routes ?? [];
  const [ref, setRef] = useState("");
  const [title, setTitle] = useState("");
  const [route, setRoute] = useState(routes[0]?.id ?? "");
  const [matter, setMatter] = useState("");
  const [date, setDate] = useState(today);
  const [parties, setParties] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    const read = reader(found);
    if (ref.trim() === "") found["Reference"] = "Give the issue a reference, e.g. ISS-004";
    if (title.trim() === "") found["What the issue is"] = "Say what the issue is";
    const day = read("Date", () => parseIsoDate(date));
    const who = read("Parties", () => parsePartners(rulebook, parties)) ?? [];
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const opened = await onOpen({ ref: ref.trim(), route, date: day!, stage: OPENED, outcome: "", ...(matter ? { matter } : {}), detail: title, participants: who, dissenters: [], votes: [] });
    if (opened) {
      setRef("");
      setTitle("");
      setParties("");
    }
  }

  const state = (field: string) => (errors[field] ? { validationState: "error" as const, validationMessage: errors[field] } : {});
  return (
    <form className={styles.form} onSubmit={submit} aria-label="Open an issue" noValidate>
      <Field label="Reference" required {...state("Reference")}>
        <Input value={ref} onChange={(_e, d) => setRef(d.value)} />
      </Field>
      <Field label="What the issue is" required {...state("What the issue is")}>
        <Input value={title} onChange={(_e, d) => setTitle(d.value)} />
      </Field>
      <Field label="Route" hint={routes.find((r) => r.id === route)?.clause}>
        <Select className={panel.fill} value={route} onChange={(_e, d) => setRoute(d.value)}>
          {routes.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Matter" hint="Says which partners are affected (Annex 1)">
        <Select className={panel.fill} value={matter} onChange={(_e, d) => setMatter(d.value)}>
          <option value="">No particular matter</option>
          {rulebook.matters.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Date" required hint="DD/MM/YYYY" {...state("Date")}>
        <Input value={date} onChange={(_e, d) => setDate(d.value)} />
      </Field>
      <Field label="Parties" hint="Partner codes, e.g. MSEFT, ICB-CPR" {...state("Parties")}>
        <Input value={parties} onChange={(_e, d) => setParties(d.value)} />
      </Field>
      <div>
        <Button type="submit" appearance="primary">
          Open issue
        </Button>
      </div>
    </form>
  );
}

function IssuesBody() {
  const { rulebook, workbookChanged } = useAddIn();
  const styles = useStyles();
  const panel = usePanelStyles();
  const read = useWorkbookData<IssuesRead | undefined>((wb) => readIssues(wb, rulebook), [rulebook]);
  const [chosen, setChosen] = useState<string>();
  const [opening, setOpening] = useState(false);
  const [recorded, setRecorded] = useState<Recorded>();
  const { workbook } = useAddIn();
  const detail = useRef<HTMLDivElement>(null);
  const data = read.error ? undefined : read.data;
  const issue = useMemo(() => data?.issues.find((s) => codeKey(s.ref) === codeKey(chosen ?? "")), [data, chosen]);
  useEffect(() => {
    if (chosen) detail.current?.focus({ preventScroll: true });
  }, [chosen]);
  const said = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!recorded) return;
    said.current?.scrollIntoView?.({ block: "nearest" });
    said.current?.focus({ preventScroll: true });
  }, [recorded]);

  async function append(event: IssueEvent): Promise<boolean> {
    try {
      const state = await appendIssueEvent(workbook, rulebook, event);
      const what = event.stage === OPENED ? "Opened" : "Recorded";
      setRecorded({ ok: true, message: `${what}: issue ${state.ref}. ${describeStatus(state.status)}.${state.notices.length > 0 ? ` ${noticeText(state)}` : ""}` });
      setChosen(state.ref);
      setOpening(false);
      workbookChanged();
      return true;
    } catch (error) {
      setRecorded({ ok: false, message: (error as Error).message });
      return false;
    }
  }

  if (!rulebook.issueResolution) return <Text>The rulebook in force has no issue resolution routes.</Text>;
  return (
    <div className={panel.panel}>
      {read.error && <ReadProblem>{read.error}</ReadProblem>}
      {read.data === undefined && !read.error && !read.loading && <Text>This workbook has no Issues table yet. Choose Set up workbook to add it.</Text>}
      {data && <PreconditionLines rulebook={rulebook} events={data.events} />}
      {data && data.issues.length === 0 && <Text className={panel.muted}>No issues yet.</Text>}
      {data && data.issues.length > 0 && (
        <ul className={styles.list} aria-label="Issues">
          {data.issues.map((s) => (
            <li key={s.ref} className={mergeClasses(styles.item, s.ref === issue?.ref && styles.chosen)}>
              <div className={styles.head}>
                <Text weight="semibold">{s.ref}</Text>
                <Badge appearance="tint" color={STATUS_BADGE[s.status.kind].color}>
                  {STATUS_BADGE[s.status.kind].label}
                </Badge>
              </div>
              <Text>{s.title}</Text>
              <Text size={200} className={panel.muted}>
                {describeStatus(s.status)}
              </Text>
              <div>
                <Button size="small" aria-pressed={s.ref === issue?.ref} aria-label={`Open issue ${s.ref}`} onClick={() => setChosen(s.ref)}>
                  Open
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {issue && (
        <div ref={detail} tabIndex={-1} className={styles.detail} aria-label={`Issue ${issue.ref}`} role="region">
          <Text as="h4" weight="semibold">
            {issue.ref}: {issue.title}
          </Text>
          <Text size={200} className={panel.muted}>
            {issue.route.label} ({issue.route.clause}) · {describeStatus(issue.status)}
          </Text>
          <History issue={issue} />
          {issue.notices.length > 0 && <Text>{noticeText(issue)}</Text>}
          <NextStepForm key={`${issue.ref}-${issue.steps.length}`} issue={issue} onRecord={async (e) => void (await append(e))} />
        </div>
      )}
      {/* Under the forms, where the person pressed Enter: brought into view and focused when it changes, and read out. */}
      <div ref={said} tabIndex={-1} aria-live="polite" data-testid="issue-outcome">
        {recorded && <Notice intent={recorded.ok ? "success" : "error"}>{recorded.ok ? recorded.message : `Not recorded: ${recorded.message}`}</Notice>}
      </div>
      {data && (
        <div>
          <Button aria-expanded={opening} onClick={() => setOpening((o) => !o)}>
            {opening ? "Cancel new issue" : "Open a new issue"}
          </Button>
        </div>
      )}
      {data && opening && <OpenIssueForm rulebook={rulebook} onOpen={append} />}
    </div>
  );
}

function noticeText(issue: IssueState): string {
  return issue.notices.map((n) => `${n.partners.join(", ")} gave notice to exit on ${ukDate(n.given)}; the exit takes effect no earlier than ${ukDate(n.effectiveFrom)} (${n.days} days, ${n.clause}).`).join(" ");
}

/** A collapsible section: the Issues table is read only once it is opened, so the Decisions panel opens as fast as before. */
export function IssuesSection() {
  const [open, setOpen] = useState(false);
  return (
    <Accordion collapsible openItems={open ? ["issues"] : []} onToggle={(_e, d) => setOpen(d.openItems.includes("issues"))} data-testid="issues-section">
      <AccordionItem value="issues">
        <AccordionHeader as="h3" expandIconPosition="end">
          <Text weight="semibold">Issue resolution</Text>
        </AccordionHeader>
        <AccordionPanel>{open && <IssuesBody />}</AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}

export default IssuesSection;
