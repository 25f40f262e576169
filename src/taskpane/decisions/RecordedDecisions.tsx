// The Decisions panel's log view: each recorded entry with where it stands, and correcting or annulling one by a new entry.
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Field,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { ukDate } from "../../rules/dayDate";
import type { EntryStatus, LoggedDecision } from "../../rules/decisionLog";
import type { useDecision } from "./useDecision";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  entry: { minWidth: 0, overflowWrap: "anywhere", borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, paddingBottom: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground3 },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalM, minWidth: 0 },
  fill: { width: "100%", maxWidth: "100%", minWidth: 0 },
  fillSelect: { width: "100%", minWidth: 0, textOverflow: "ellipsis" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

function StatusBadge({ status }: { status: EntryStatus }) {
  if (status.status === "annulled") return <Badge color="danger" appearance="tint">Annulled by entry {status.by}</Badge>;
  if (status.status === "corrected") return <Badge color="warning" appearance="tint">Corrected by entry {status.by}</Badge>;
  return <Badge color="success" appearance="tint">{status.kind === "Decision" ? "Stands" : status.kind}</Badge>;
}

function EntryLine({ entry, status }: { entry: LoggedDecision; status: EntryStatus }) {
  const styles = useStyles();
  const day = entry.meetingDate ? ukDate(entry.meetingDate) : ukDate(entry.timestamp.slice(0, 10));
  return (
    <li className={styles.entry} data-testid={`log-entry-${status.entry}`}>
      <Text block size={200} className={styles.muted}>
        Entry {status.entry} · {day} · {entry.body}
        {entry.proposer ? ` · proposed by ${entry.proposer}` : ""}
      </Text>
      <Text block>
        {entry.result} — {entry.matter}
      </Text>
      {status.amends !== undefined && (
        <Text block size={200}>
          {status.kind === "Annulment" ? "Annuls" : "Corrects"} entry {status.amends}: {entry.reason}
        </Text>
      )}
      {status.problem && (
        <Text block size={200}>
          Amends nothing: {status.problem}.
        </Text>
      )}
      <StatusBadge status={status} />
    </li>
  );
}

/** The log's entries and their standing; an entry is amended only by a new entry (a correction or an annulment), never edited. */
export function RecordedDecisions({ d }: { d: ReturnType<typeof useDecision> }) {
  const styles = useStyles();
  const amendable = d.statuses.filter((s) => s.status === "standing" && s.kind !== "Annulment");
  const [entry, setEntry] = useState("");
  const [reason, setReason] = useState("");
  const chosen = Number(entry);
  const ready = entry !== "" && reason.trim() !== "";
  return (
    <Accordion collapsible>
      <AccordionItem value="log">
        <AccordionHeader>Recorded decisions ({d.entries.length})</AccordionHeader>
        <AccordionPanel>
          <ol className={styles.list} aria-label="Recorded decisions">
            {d.entries.map((e, i) => (
              <EntryLine key={e.hash} entry={e} status={d.statuses[i]!} />
            ))}
          </ol>
          {amendable.length > 0 && (
            <div className={styles.form} role="group" aria-label="Correct or annul an entry">
              <Text weight="semibold">Correct or annul an entry</Text>
              <Text size={200} className={styles.muted}>
                The entry stays as recorded; a new entry says what replaces it, or that it is void, and why. An annulment takes the meeting date above.
              </Text>
              <Field label="Entry">
                <Select className={styles.fill} select={{ className: styles.fillSelect }} value={entry} onChange={(_e, data) => setEntry(data.value)}>
                  <option value="">Choose an entry</option>
                  {amendable.map((s) => (
                    <option key={s.entry} value={String(s.entry)}>
                      Entry {s.entry}: {d.entries[s.entry - 1]!.result} — {d.entries[s.entry - 1]!.matter}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Reason">
                <Textarea value={reason} resize="vertical" onChange={(_e, data) => setReason(data.value)} />
              </Field>
              <div className={styles.actions}>
                <Button
                  disabled={!ready}
                  onClick={() => {
                    d.setCorrecting({ entry: chosen, reason: reason.trim() });
                    setEntry("");
                    setReason("");
                  }}
                >
                  Correct with the votes above
                </Button>
                <Button
                  disabled={!ready || d.recording}
                  onClick={async () => {
                    if (await d.annul(chosen, reason)) {
                      setEntry("");
                      setReason("");
                    }
                  }}
                >
                  Annul entry
                </Button>
              </div>
            </div>
          )}
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
