// The Plan alignment panel: open-book plans pair by pair (MoU 9.5), the matrix, the mismatches with their lines and resolution, assumptions, imports and the report.
import {
  Badge,
  Button,
  Card,
  CardHeader,
  Field,
  Input,
  Link,
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
import { Notice, ReadProblem } from "../Notice";
import { usePanelStyles } from "../panelStyles";
import { Section, Sections } from "../Section";
import { useEffect, useMemo, useRef, useState, type RefObject } from "react";
import { percentOf, SYSTEM } from "../../rules/scenarioDraft";
import { cellKey, poundsOf, STATUS_LABEL, thresholdWords, STATUS_ORDER, type AlignmentStatus, type Flow, type PlanLine } from "../../rules/planAlignment";
import { flowKey, flowLabel, RESOLUTION_STATUSES, type Resolution } from "../../workbook/planAlignment";
import { millions, penceAsPounds, total } from "../format";
import { useAlignment, type OutcomePlace } from "./useAlignment";

const useStyles = makeStyles({
  scroll: { overflowX: "auto", maxWidth: "100%" },
  matrix: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  matrixHead: { padding: tokens.spacingHorizontalXS, fontWeight: tokens.fontWeightSemibold, textAlign: "center", whiteSpace: "nowrap" },
  cell: {
    minWidth: "2.25rem",
    height: "2rem",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: 0,
    cursor: "pointer",
    fontWeight: tokens.fontWeightSemibold,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  empty: { border: `1px solid ${tokens.colorNeutralStroke3}`, backgroundColor: tokens.colorNeutralBackground3 },
  agreed: { backgroundColor: tokens.colorPaletteGreenBackground2, color: tokens.colorPaletteGreenForeground2 },
  within: { backgroundColor: tokens.colorPaletteLightTealBackground2, color: tokens.colorNeutralForeground1 },
  missing: { backgroundColor: tokens.colorPaletteMarigoldBackground2, color: tokens.colorNeutralForeground1 },
  mismatch: { backgroundColor: tokens.colorPaletteRedBackground3, color: tokens.colorNeutralForegroundOnBrand },
  legend: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  selectedRow: { backgroundColor: tokens.colorNeutralBackground1Selected },
});

const BADGE: Record<AlignmentStatus, "success" | "informative" | "warning" | "danger"> = {
  agreed: "success",
  "within-tolerance": "informative",
  missing: "warning",
  mismatch: "danger",
};
const MARK: Record<AlignmentStatus, string> = { agreed: "✓", "within-tolerance": "≈", missing: "?", mismatch: "✗" };

export function StatusBadge({ status }: { status: AlignmentStatus }) {
  return (
    <Badge appearance="filled" color={BADGE[status]}>
      {STATUS_LABEL[status]}
    </Badge>
  );
}

const amount = (pence: number | null) => (pence === null ? "not reported" : penceAsPounds(pence));

function Matrix({ flows, matrix, onPick }: { flows: Flow[]; matrix: Map<string, AlignmentStatus>; onPick: (payee: string, payer: string) => void }) {
  const styles = useStyles();
  const base = usePanelStyles();
  const payees = [...new Set(flows.map((f) => f.payee))].sort();
  const payers = [...new Set(flows.map((f) => f.payer))].sort();
  const tone = { agreed: styles.agreed, "within-tolerance": styles.within, missing: styles.missing, mismatch: styles.mismatch };
  return (
    <figure style={{ margin: 0 }} aria-label="Who agrees with whom">
      <Text block size={200} className={base.muted}>
        Each cell is the worst status across categories.
      </Text>
      <div className={styles.scroll}>
        <table className={styles.matrix} aria-label="Alignment matrix: receiving organisations by paying organisations">
          <thead>
            <tr>
              <th className={styles.matrixHead} scope="col">
                Receives ↓ / pays →
              </th>
              {payers.map((p) => (
                <th key={p} className={styles.matrixHead} scope="col">
                  {p}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {payees.map((payee) => (
              <tr key={payee}>
                <th className={styles.matrixHead} scope="row">
                  {payee}
                </th>
                {payers.map((payer) => {
                  const status = matrix.get(cellKey(payee, payer));
                  if (!status) return <td key={payer} className={styles.empty} aria-label={`${payee} from ${payer}: no lines`} />;
                  return (
                    <td key={payer} style={{ padding: 0 }}>
                      <button
                        type="button"
                        className={`${styles.cell} ${tone[status]}`}
                        aria-label={`${payee} receiving from ${payer}: ${STATUS_LABEL[status]}`}
                        title={`${payee} ← ${payer}: ${STATUS_LABEL[status]}`}
                        onClick={() => onPick(payee, payer)}
                      >
                        {MARK[status]}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className={styles.legend} aria-hidden>
        {STATUS_ORDER.map((s) => (
          <Text key={s} size={200}>
            <span className={`${styles.cell} ${tone[s]}`} style={{ display: "inline-block", textAlign: "center", lineHeight: "2rem" }}>
              {MARK[s]}
            </span>{" "}
            {STATUS_LABEL[s]}
          </Text>
        ))}
      </div>
    </figure>
  );
}

function ResolutionForm({ flow, a }: { flow: Flow; a: ReturnType<typeof useAlignment> }) {
  const base = usePanelStyles();
  // What is typed lives in the panel's state, not here: the tables are re-read after every edit in the grid.
  const draft = a.resolutionOf(flow);
  const setDraft = (r: Resolution) => a.typeResolution(flow, r);
  const busy = a.busy !== undefined;
  return (
    <div className={base.panel} role="group" aria-label="Resolution">
      <div className={base.row}>
        <Field label="Owner" className={base.grow}>
          <Input value={draft.owner} onChange={(_e, d) => setDraft({ ...draft, owner: d.value })} placeholder="e.g. Director of Finance, MSEFT" />
        </Field>
        <Field label="Status">
          <Select value={draft.status} onChange={(_e, d) => setDraft({ ...draft, status: d.value })}>
            {RESOLUTION_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Agreed action">
        <Textarea value={draft.action} resize="vertical" onChange={(_e, d) => setDraft({ ...draft, action: d.value })} />
      </Field>
      <div className={base.row}>
        <Button appearance="primary" disabled={busy} onClick={() => void a.save(flow, draft)}>
          Save to resolution log
        </Button>
      </div>
    </div>
  );
}

function FlowDetail({ flow, lines, a }: { flow: Flow; lines: PlanLine[]; a: ReturnType<typeof useAlignment> }) {
  const base = usePanelStyles();
  // Chosen from the matrix or the list further down: the lines open under the answer, brought into view with focus on them.
  const at = useRef<HTMLDivElement>(null);
  const key = flowKey(flow);
  useEffect(() => {
    // From its top: with a resolution form it can be taller than a narrow pane's screen.
    at.current?.scrollIntoView?.({ block: "start" });
    at.current?.focus({ preventScroll: true });
  }, [key]);
  const side = (indexes: number[], label: string) =>
    indexes.map((i) => (
      <TableRow key={i}>
        <TableCell>
          {label} · row {i + 1}
          {lines[i]!.sensitive ? " · competition sensitive" : ""}
        </TableCell>
        <TableCell className={base.nowrap}>{penceAsPounds(lines[i]!.pence)}</TableCell>
      </TableRow>
    ));
  return (
    <Card ref={at} tabIndex={-1} aria-label={`Lines for ${flowLabel(flow)}`}>
      <CardHeader
        header={
          <Text weight="semibold">
            {flowLabel(flow)} <StatusBadge status={flow.status} />
          </Text>
        }
        description={flow.explanation}
        action={
          <Button size="small" onClick={() => a.select(undefined)}>
            Close
          </Button>
        }
      />
      <Table size="small" aria-label="Plan lines on both sides">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Line</TableHeaderCell>
            <TableHeaderCell>Amount</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {side(flow.incomeLines, `${flow.payee}'s income from ${flow.payer}`)}
          {side(flow.expenditureLines, `${flow.payer}'s expenditure with ${flow.payee}`)}
          {flow.income === null && (
            <TableRow>
              <TableCell>{flow.payee} reported no income from {flow.payer}</TableCell>
              <TableCell>–</TableCell>
            </TableRow>
          )}
          {flow.expenditure === null && (
            <TableRow>
              <TableCell>{flow.payer} reported no expenditure with {flow.payee}</TableCell>
              <TableCell>–</TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      <div className={base.row}>
        <Button onClick={() => void a.selectInSheet(flow)} disabled={a.busy !== undefined}>
          Select lines in the sheet
        </Button>
      </div>
      {(flow.status === "mismatch" || flow.status === "missing") && (
        <ResolutionForm flow={flow} a={a} />
      )}
      <ActionOutcome a={a} place="flow" />
    </Card>
  );
}

function FlowList({ flows, a }: { flows: Flow[]; a: ReturnType<typeof useAlignment> }) {
  const styles = useStyles();
  const base = usePanelStyles();
  const open = flows.filter((f) => f.status !== "agreed");
  return (
    <Table size="small" aria-label="Differences, largest first">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Flow and resolution</TableHeaderCell>
          <TableHeaderCell style={{ width: "6rem" }}>Difference</TableHeaderCell>
          <TableHeaderCell style={{ width: "7.5rem" }}>Status</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {open.map((f) => {
          const r = a.log?.get(flowKey(f));
          const chosen = a.selectedFlow && flowKey(a.selectedFlow) === flowKey(f);
          return (
            <TableRow key={flowKey(f)} className={chosen ? styles.selectedRow : undefined}>
              <TableCell>
                <Link as="button" onClick={() => a.select(f)} aria-label={`Show the lines of ${flowLabel(f)}`}>
                  {flowLabel(f)}
                </Link>
                <Text block size={200} className={base.muted}>
                  Income {amount(f.income)} · expenditure {amount(f.expenditure)}
                  {f.sensitive ? " · competition sensitive" : ""}
                </Text>
                {r && (
                  <Text block size={200}>
                    {r.status}
                    {r.owner ? ` · ${r.owner}` : ""}
                    {r.action ? `: ${r.action}` : ""}
                  </Text>
                )}
              </TableCell>
              <TableCell className={base.nowrap} title={penceAsPounds(f.difference)}>
                {millions(poundsOf(f.difference))}
              </TableCell>
              <TableCell>
                <StatusBadge status={f.status} />
              </TableCell>
            </TableRow>
          );
        })}
        {open.length > 0 && (
          <TableRow data-testid="differences-total">
            <TableCell>
              <Text weight="semibold">Total, {open.length} flows not agreed</Text>
            </TableCell>
            <TableCell className={base.nowrap} title={differenceTotalPounds(open)}>
              <Text weight="semibold">{differenceTotalMillions(open)}</Text>
            </TableCell>
            <TableCell />
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}

/** The differences added (unrounded, then shown in £m as each row is). */
const differenceTotalMillions = (flows: Flow[]) => millions(total(flows.map((f) => poundsOf(f.difference))));

/** The differences added exactly (unrounded, in pence) and shown once. */
const differenceTotalPounds = (flows: Flow[]) => penceAsPounds(flows.reduce((sum, f) => sum + f.difference, 0));

function AssumptionsSection({ a }: { a: ReturnType<typeof useAlignment> }) {
  const base = usePanelStyles();
  if (!a.checks) return null;
  if (!a.checks.ok) {
    return (
      <Notice intent="error">{a.checks.message}</Notice>
    );
  }
  return (
    <>
      <Text size={200}>What if the system agreed other values? Change them here to see who would deviate; the sheet is not changed.</Text>
      <div className={base.row}>
        {a.settings?.assumptions.items.map((item) => {
          const override = a.overrides.find((o) => o.organisation === SYSTEM && o.assumption === item.id);
          const inSheet = a.systemAssumptions?.get(item.id);
          return (
            <Field
              key={item.id}
              label={`System ${item.label.toLowerCase()} (%)`}
              className={base.grow}
              hint={inSheet ? `In the sheet: ${percentOf(inSheet)}%` : "Not agreed in the sheet"}
              validationState={override && !override.parsed.ok ? "error" : "none"}
              validationMessage={override && !override.parsed.ok ? override.parsed.message : undefined}
            >
              <Input value={override?.value ?? ""} placeholder={inSheet ? percentOf(inSheet) : ""} onChange={(_e, data) => a.setSystemAssumption(item.id, data.value)} />
            </Field>
          );
        })}
      </div>
      <Table size="small" aria-label="Planning assumptions against the system's">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Organisation and assumption</TableHeaderCell>
            <TableHeaderCell style={{ width: "7rem" }}>Check</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {[...a.checks.checks].sort((x, y) => Number(y.flagged) - Number(x.flagged)).map((c) => (
            <TableRow key={`${c.organisation}-${c.assumption}`}>
              <TableCell>
                <Text block weight="semibold">
                  {c.organisation}: {c.label}
                </Text>
                <Text block size={200} className={base.muted}>
                  {c.explanation}
                </Text>
              </TableCell>
              <TableCell>
                <Badge appearance="filled" color={c.flagged ? "danger" : "success"}>
                  {c.flagged ? "Deviates" : "Within"}
                </Badge>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/** The file picker for partners' returns: outside the collapsible section, so a pick in progress survives its closing. */
function ReturnFiles({ a, input }: { a: ReturnType<typeof useAlignment>; input: RefObject<HTMLInputElement | null> }) {
  return (
    <input
      ref={input}
      type="file"
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      multiple
      aria-label="Plan return files"
      style={{ display: "none" }}
      onChange={(e) => {
        const files = [...(e.target.files ?? [])];
        e.target.value = "";
        if (files.length > 0) void a.importFiles(files);
      }}
    />
  );
}

function ImportSection({ a, pick }: { a: ReturnType<typeof useAlignment>; pick: () => void }) {
  const base = usePanelStyles();
  const [organisation, setOrganisation] = useState("");
  const partners = useMemo(() => a.rulebook.partners.map((p) => p.code), [a.rulebook]);
  return (
    <>
      <Text size={200}>Import one or more .xlsx returns in the template; each replaces only that partner's earlier lines, and nothing is imported if any row is wrong.</Text>
      <div className={base.row}>
        <Button appearance="primary" disabled={a.busy !== undefined} onClick={pick}>
          Import returns…
        </Button>
        <Field label="Template for" className={base.grow}>
          <Select value={organisation} onChange={(_e, d) => setOrganisation(d.value)}>
            <option value="">Blank template</option>
            {partners.map((p) => (
              <option key={p} value={p}>
                {p} (with its current lines)
              </option>
            ))}
          </Select>
        </Field>
        <Button disabled={a.busy !== undefined} onClick={() => void a.downloadTemplate(organisation)}>
          Download template
        </Button>
      </div>
      {a.importProgress && (
        <Field
          label={
            a.importProgress.step === "reading"
              ? `Reading returns: ${a.importProgress.done} of ${a.importProgress.total}`
              : `Writing plan lines to the workbook: ${a.importProgress.done.toLocaleString("en-GB")} of ${a.importProgress.total.toLocaleString("en-GB")}`
          }
        >
          <ProgressBar value={a.importProgress.total === 0 ? 0 : a.importProgress.done / a.importProgress.total} />
        </Field>
      )}
    </>
  );
}

/**
 * What came of the panel's last action, by the part of the panel it was started from (an import, a flow's lines, the
 * report buttons): brought into view with focus on it, so it is seen where the person is and read out.
 */
function ActionOutcome({ a, place }: { a: ReturnType<typeof useAlignment>; place: OutcomePlace }) {
  const at = useRef<HTMLDivElement>(null);
  const shown = a.outcome && (a.outcomeAt ?? "import") === place ? a.outcome : undefined;
  useEffect(() => {
    if (!shown) return;
    at.current?.scrollIntoView?.({ block: "nearest" });
    at.current?.focus({ preventScroll: true });
  }, [shown]);
  if (!shown) return null;
  return (
    <div ref={at} tabIndex={-1} data-testid="action-outcome">
      <MessageBar intent={shown.ok ? "success" : "error"} role={shown.ok ? "status" : "alert"}>
        <MessageBarBody>
          {shown.ok || !shown.problems ? (
            shown.message
          ) : (
            <MessageBarTitle>{`${shown.problems.length} problem${shown.problems.length === 1 ? "" : "s"}; nothing was imported`}</MessageBarTitle>
          )}
          {!shown.ok && shown.problems && (
            <ul>
              {shown.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </MessageBarBody>
      </MessageBar>
    </div>
  );
}

/** The test the rulebook applies and how much is unexplained: the mismatches above materiality not yet resolved in the log, gross. */
function headline(flows: Flow[], log: Map<string, Resolution> | undefined, counts: Record<AlignmentStatus, number>): string {
  if (counts.mismatch === 0 && counts.missing === 0) return "Plans are aligned: no difference above materiality and no return missing";
  const unresolved = flows.filter((f) => f.status === "mismatch" && log?.get(flowKey(f))?.status !== "Resolved");
  // Gross, in whole pence: a difference one way does not explain another the other way.
  const unexplained = unresolved.reduce((sum, f) => sum + Math.abs(f.difference), 0);
  const mismatches = counts.mismatch === 0 ? "No mismatch above materiality" : `${plural(counts.mismatch, "mismatch", "mismatches")} above materiality, ${millions(poundsOf(unexplained))} unexplained`;
  return counts.missing === 0 ? mismatches : `${mismatches}; ${plural(counts.missing, "flow", "flows")} with a side not reported`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The answer first (how many mismatches, how much unexplained) and the action that matters, the report, beside it. */
function AnswerCard({ a, counts }: { a: ReturnType<typeof useAlignment>; counts: Record<AlignmentStatus, number> }) {
  const styles = useStyles();
  const base = usePanelStyles();
  return (
    <Card aria-label="Alignment summary" data-testid="alignment-summary">
      <Text weight="semibold" aria-live="polite" data-testid="alignment-headline">
        {headline(a.flows!, a.log, counts)}
      </Text>
      <Text size={200}>{`${a.lines!.length} plan lines make ${a.flows!.length} flows between partners, compared by category`}</Text>
      <div className={styles.legend}>
        {STATUS_ORDER.map((s) => (
          <Text key={s}>
            <StatusBadge status={s} /> {counts[s]}
          </Text>
        ))}
      </div>
      <div className={base.row}>
        <Button appearance="primary" onClick={() => void a.writeReport()} disabled={a.busy !== undefined}>
          Write alignment report
        </Button>
        <Button onClick={() => void a.logMismatches()} disabled={a.busy !== undefined}>
          Add new mismatches to the log
        </Button>
      </div>
      <ActionOutcome a={a} place="report" />
      <Text size={200} className={base.muted}>
        The report is for sharing: competition-sensitive lines appear in it only in aggregate ({a.settings?.sensitiveClause}).
      </Text>
    </Card>
  );
}

export function AlignmentPanel() {
  const base = usePanelStyles();
  const a = useAlignment();
  const counts = useMemo(() => Object.fromEntries(STATUS_ORDER.map((s) => [s, a.flows?.filter((f) => f.status === s).length ?? 0])) as Record<AlignmentStatus, number>, [a.flows]);
  const m = a.settings?.materiality;
  const test = m ? thresholdWords(m) : "";
  const files = useRef<HTMLInputElement>(null);
  const open = a.flows?.filter((f) => f.status !== "agreed") ?? [];
  const flagged = a.checks?.ok ? a.checks.checks.filter((c) => c.flagged).length : undefined;

  return (
    <section className={base.panel} aria-labelledby="alignment-heading">
      <Text id="alignment-heading" as="h2" weight="semibold" size={400}>
        Plan alignment
      </Text>
      <Text size={200} className={base.muted}>
        Open-book plans{a.settings ? ` (${a.settings.clause})` : ""}, pair by pair: what each partner plans to receive from another against what that one
        plans to pay it. A difference over {test || "the threshold"} is a mismatch to explain and resolve.
      </Text>
      {!a.settings && (
        <Notice intent="error">The rulebook in force has no plan alignment section, so there is no materiality test to apply.</Notice>
      )}
      {a.loadError && <ReadProblem title="Fix the workbook's tables first">{a.loadError}</ReadProblem>}
      {a.hasLinesTable === false && (
        <Notice intent="info">This workbook has no Plan lines table yet. Choose Set up workbook to add it with the sample lines.</Notice>
      )}
      {a.busy && <ProgressBar aria-label={a.busy} />}
      {a.flows && a.matrix && a.lines && (
        <>
          <AnswerCard a={a} counts={counts} />
          {a.selectedFlow && <FlowDetail flow={a.selectedFlow} lines={a.lines} a={a} />}
        </>
      )}
      {a.settings && <ReturnFiles a={a} input={files} />}
      <Sections open={["differences", "matrix", "assumptions"]}>
        {a.flows && a.matrix && a.lines && (
          <>
            <Section value="differences" title="Differences, largest first" summary={open.length === 0 ? "Every flow agreed" : `${plural(open.length, "flow", "flows")} not agreed, ${differenceTotalMillions(open)} net`}>
              <FlowList flows={a.flows} a={a} />
            </Section>
            <Section value="matrix" title="Who agrees with whom" summary="Rows receive, columns pay; choose a cell to see its lines">
              <Matrix flows={a.flows} matrix={a.matrix} onPick={(payee, payer) => a.select(a.flows!.find((f) => f.payee === payee && f.payer === payer))} />
            </Section>
            {a.checks && (
              <Section
                value="assumptions"
                title="Common planning assumptions"
                summary={flagged === undefined ? undefined : `${flagged} of ${a.checks.ok ? a.checks.checks.length : 0} organisation assumptions stray beyond the rulebook's tolerance (${a.settings?.assumptions.clause ?? ""})`}
              >
                <AssumptionsSection a={a} />
              </Section>
            )}
          </>
        )}
        {a.settings && (
          <Section value="returns" title="Partners' plan returns" summary="Import .xlsx returns, or download the template">
            <ImportSection a={a} pick={() => files.current?.click()} />
          </Section>
        )}
      </Sections>
      {/* By the import, whether its section is open or not (a file can also be dropped on the picker). */}
      <ActionOutcome a={a} place="import" />
      {a.flows && (
        <div className={base.row}>
          <Button size="small" appearance="subtle" onClick={a.refresh}>
            Refresh from workbook
          </Button>
        </div>
      )}
    </section>
  );
}
