// The Control total panel: the system against its control total, by organisation and Place, with RAG, the SFLG's ladder, and a "what if".
import {
  Badge,
  Button,
  Card,
  CardHeader,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Notice, OutcomeNotice, ReadProblem } from "../Notice";
import { usePanelStyles } from "../panelStyles";
import { monthName, type ControlTotalReport, type Direction } from "../../rules/controlTotal";
import { tierLevel } from "../../rules/tiers";
import { useAddIn } from "../context";
import type { Money } from "../../rules/money";
import { millions, pounds, shares, takenAs } from "../format";
import { RagBadge } from "./RagBadge";
import { StatementSection } from "./StatementSection";
import { VarianceChart } from "./VarianceChart";
import { useControlTotal, type Computed } from "./useControlTotal";

const useStyles = makeStyles({
  figures: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(8rem, 1fr))", gap: tokens.spacingHorizontalM },
  figure: { display: "flex", flexDirection: "column" },
  table: { tableLayout: "auto" },
  figureColumn: { width: "4.75rem" },
  adjustments: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, listStyleType: "none", margin: 0, padding: 0 },
});

const DIRECTION: Record<Direction, string> = { improving: "↑ improving", deteriorating: "↓ deteriorating", unchanged: "→ unchanged", new: "first period" };

const Amount = ({ value }: { value: Money }) => <span title={pounds(value)}>{millions(value)}</span>;

function SystemCard({ computed, before }: { computed: Extract<Computed, { ok: true }>; before?: Extract<Computed, { ok: true }> }) {
  const styles = useStyles();
  const base = usePanelStyles();
  const s = computed.report.system;
  const was = before?.report.system;
  const figure = (label: string, value: Money, previous?: Money) => (
    <div className={styles.figure}>
      <Text size={200} className={base.muted}>
        {label}
      </Text>
      <Text size={500} weight="semibold">
        <Amount value={value} />
      </Text>
      {previous && !previous.eq(value) && (
        <Text size={200} className={base.muted}>
          was {millions(previous)}
        </Text>
      )}
    </div>
  );
  return (
    <Card aria-label="System position" data-testid="system-position">
      <CardHeader
        header={
          <Text weight="semibold">
            System position, {monthName(computed.report.month)} {before && <Badge appearance="outline">What if</Badge>}
          </Text>
        }
        description={<Text className={base.muted}>{computed.report.inside.length} organisations inside the control total</Text>}
        action={<RagBadge rag={s.rag.status} title={s.rag.explanation} />}
      />
      <div className={styles.figures}>
        {figure("Plan", s.plan)}
        {figure("Forecast outturn", s.forecast, was?.forecast)}
        {figure("Forecast variance", s.forecastVariance, was?.forecastVariance)}
        {figure("Year-to-date variance", s.ytdVariance)}
      </div>
      <Text size={200}>
        {s.rag.explanation} · {DIRECTION[s.direction]} on the previous month
      </Text>
      <MessageBar intent={s.covered ? "success" : "warning"}>
        <MessageBarBody>
          <MessageBarTitle>{s.covered ? "Covered" : "Not covered"}</MessageBarTitle>
          Place risk reserves absorb {millions(s.reserveUsed)}; other Places offset {millions(s.offsetAcrossPlaces)}. {s.explanation}.
        </MessageBarBody>
      </MessageBar>
    </Card>
  );
}

function OrganisationsTable({ report, clause }: { report: ControlTotalReport; clause: string }) {
  const styles = useStyles();
  const base = usePanelStyles();
  const rows = [...report.inside].sort((a, b) => a.forecastVariance.comparedTo(b.forecastVariance));
  // Shares of the adverse variance as shown add to exactly 100.0% (rounded together, not one by one).
  const behind = rows.filter((o) => o.shareOfGap !== null);
  const shown = new Map(
    (shares(behind.map((o) => o.shareOfGap!)) ?? []).map((text, k) => [behind[k]!, text] as const),
  );
  return (
    <Table size="small" className={styles.table} aria-label="Organisations inside the control total">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Organisation, RAG and SFLG recommendation</TableHeaderCell>
          <TableHeaderCell className={styles.figureColumn}>Variance</TableHeaderCell>
          <TableHeaderCell className={styles.figureColumn}>Share of adverse</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((o) => (
          <TableRow key={o.partner.code}>
            <TableCell>
              {/* The RAG beside the name, not in a column of its own: four columns do not fit a 350 px pane. */}
              <Text block weight="semibold" title={o.partner.name}>
                {o.partner.code} <RagBadge rag={o.rag.status} title={o.rag.explanation} />
              </Text>
              <Text block size={200} className={base.muted}>
                {DIRECTION[o.direction]}
                {o.monthsAdverse > 0 ? ` · adverse ${o.monthsAdverse} month${o.monthsAdverse === 1 ? "" : "s"} in a row` : ""}
              </Text>
              {o.escalation?.step && (
                <Text block size={200} title={o.escalation.explanation}>
                  <strong>{o.escalation.step.label}</strong> ({clause}){o.escalation.restrictsDiscretionaryCapital ? "; discretionary capital restricted" : ""}
                </Text>
              )}
            </TableCell>
            <TableCell className={base.nowrap}>
              <Amount value={o.forecastVariance} />
            </TableCell>
            <TableCell>{shown.get(o) ?? "–"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The label of the tier the control total rolls up to: "Place", or "ICP" in NENC. */
function useRollUpLabel(): string {
  const { rulebook } = useAddIn();
  return rulebook.tiers[tierLevel(rulebook, rulebook.controlTotal?.rollUpTier)]!.label;
}

function PlacesTable({ report }: { report: ControlTotalReport }) {
  const styles = useStyles();
  const base = usePanelStyles();
  const unit = useRollUpLabel();
  return (
    <Table size="small" className={styles.table} aria-label={`${unit}s: reserves and offsetting`}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{unit}, RAG, reserve and offsetting</TableHeaderCell>
          <TableHeaderCell className={styles.figureColumn}>Variance</TableHeaderCell>
          <TableHeaderCell className={styles.figureColumn}>Uncovered</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {report.places.map((p) => (
          <TableRow key={p.place ?? "system"}>
            <TableCell>
              <Text block weight="semibold">
                {p.name} <RagBadge rag={p.rag.status} title={p.rag.explanation} />
              </Text>
              <Text block size={200} className={base.muted}>
                {p.organisations.join(", ") || "no organisations"}
              </Text>
              <Text block size={200}>
                Reserve {millions(p.offsetting.reserveUsed)} used of {millions(p.offsetting.reserve)}; offset in {unit} {millions(p.offsetting.offsetWithinPlace)}
              </Text>
            </TableCell>
            <TableCell className={base.nowrap}>
              <Amount value={p.forecastVariance} />
            </TableCell>
            <TableCell className={base.nowrap}>
              <Amount value={p.offsetting.uncovered} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function ControlTotalPanel() {
  const styles = useStyles();
  const base = usePanelStyles();
  const c = useControlTotal();
  const unit = useRollUpLabel();
  const settings = c.rulebook.controlTotal;
  const shown = c.scenario ?? c.actual;
  const before = c.scenario?.ok && c.actual?.ok ? c.actual : undefined;
  const editingAdjustment = c.adjustments.find((a) => a.organisation === c.editing);
  const editingProblem = editingAdjustment && !editingAdjustment.parsed.ok ? editingAdjustment.parsed.message : undefined;
  const otherProblem = c.adjustments.find((a) => !a.parsed.ok && a.organisation !== c.editing);

  return (
    <section className={base.panel} aria-labelledby="control-total-heading">
      <Text id="control-total-heading" as="h2" weight="semibold" size={400}>
        Control total
      </Text>
      {!settings && (
        <Notice intent="error">The rulebook in force has no control total section, so there is nothing to track against.</Notice>
      )}
      {c.loadError && <ReadProblem title="Fix the workbook's tables first">{c.loadError}</ReadProblem>}
      {c.hasPlansTable === false && (
        <Notice intent="info">This workbook has no Plans table yet. Choose Set up workbook to add it with the sample year.</Notice>
      )}
      {c.hasPlansTable && c.months.length === 0 && !shown && (
        <Notice intent="info">The Plans table is empty. Add each organisation's plan and forecast by month (1 = April).</Notice>
      )}
      {c.months.length > 0 && (
        <div className={base.row}>
          <Field label="Month">
            <Select value={String(c.period)} onChange={(_e, data) => c.setMonth(Number(data.value))}>
              {c.months.map((m) => (
                <option key={m} value={m}>
                  {monthName(m)} (month {m})
                </option>
              ))}
            </Select>
          </Field>
          <Button onClick={c.refresh}>Refresh from workbook</Button>
        </div>
      )}
      {settings && c.hasPlansTable && <StatementSection ledger={c.ledger} month={c.period} months={c.months} showMonth={c.setMonth} />}
      {shown && !shown.ok && (
        <Notice intent="error" title="Cannot compute the control total">
          {shown.message}
        </Notice>
      )}
      {shown?.ok && settings && c.actual?.ok && (
        <>
          <SystemCard computed={shown} before={before} />

          <Card aria-label="What if">
            <CardHeader
              header={<Text weight="semibold">What if…</Text>}
              description="Try other forecasts for one or more organisations. Nothing is written to the sheet; a scenario keeps them."
            />
            <div className={base.row}>
              <Field label="Organisation" className={base.grow}>
                <Select className={base.fill} value={c.editing} onChange={(_e, data) => c.setEditing(data.value)}>
                  <option value="">Choose an organisation</option>
                  {c.actual.report.inside.map((o) => (
                    <option key={o.partner.code} value={o.partner.code}>
                      {o.partner.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field
                label="Forecast outturn (£)"
                className={base.grow}
                validationState={editingProblem ? "error" : "none"}
                validationMessage={editingProblem}
                hint={
                  takenAs(c.adjustments.find((a) => a.organisation === c.editing)?.text) ??
                  (c.editing ? `In the sheet: ${pounds(c.actual.report.inside.find((o) => o.partner.code === c.editing)!.forecast)}` : undefined)
                }
              >
                <Input
                  value={c.adjustments.find((a) => a.organisation === c.editing)?.text ?? ""}
                  disabled={c.editing === ""}
                  onChange={(_e, data) => c.setForecast(c.editing, data.value)}
                  placeholder="e.g. -32,000,000"
                />
              </Field>
              <Button disabled={c.adjustments.length === 0} onClick={c.clearWhatIf}>
                Clear
              </Button>
            </div>
            {c.adjustments.length > 0 && (
              <ul className={styles.adjustments} aria-label="Forecasts changed in this what if">
                {c.adjustments.map((a) => (
                  <li key={a.organisation}>
                    <Button size="small" appearance={a.organisation === c.editing ? "primary" : "secondary"} onClick={() => c.setEditing(a.organisation)}>
                      {a.organisation}: {a.parsed.ok ? millions(a.parsed.value) : "not an amount"}
                    </Button>
                    <Button size="small" appearance="subtle" aria-label={`Remove the what if for ${a.organisation}`} onClick={() => c.setForecast(a.organisation, "")}>
                      Remove
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            {otherProblem && !otherProblem.parsed.ok && (
              <Notice intent="warning">
                The what if is not shown until the forecast for {otherProblem.organisation} is an amount: {otherProblem.parsed.message}
              </Notice>
            )}
          </Card>

          <VarianceChart
            title="Forecast variance by organisation"
            bars={shown.report.inside.map((o) => ({ label: o.partner.code, value: o.forecastVariance, rag: o.rag.status }))}
          />
          <OrganisationsTable report={shown.report} clause={settings.escalation.clause} />

          <VarianceChart
            title={`Forecast variance by ${unit}`}
            bars={shown.report.places.map((p) => ({ label: p.name, value: p.forecastVariance, rag: p.rag.status }))}
          />
          <PlacesTable report={shown.report} />

          <Card aria-label="Risk and gain share">
            <CardHeader
              header={<Text weight="semibold">Risk and gain share</Text>}
              description={`The system variance of ${pounds(shown.report.system.forecastVariance)} shared by ${settings.riskShare.basis === "equal" ? "equal shares" : `share of ${settings.riskShare.basis}`}, exact to the penny (${settings.riskShare.clause})`}
            />
            <Table size="small" aria-label="Risk and gain share">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Organisation</TableHeaderCell>
                  <TableHeaderCell>Share</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {shown.report.inside.map((o, i) => (
                  <TableRow key={o.partner.code}>
                    <TableCell>{o.partner.name}</TableCell>
                    <TableCell className={base.nowrap}>{pounds(shown.shares[i]!)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Card>

          <Card aria-label="Outside the control total">
            <CardHeader header={<Text weight="semibold">Outside the control total</Text>} description="Decided by the rulebook, not by hand" />
            <ul>
              {shown.report.outside.map((o) => (
                <li key={o.partner.code}>
                  <Text>
                    {o.partner.name}: {o.membership.reason}. Variance <Amount value={o.forecastVariance} />.
                  </Text>
                </li>
              ))}
            </ul>
          </Card>

          <div className={base.row}>
            <Button appearance="primary" onClick={() => void c.writeReport()} disabled={!!c.writing}>
              {c.writing ? "Writing report…" : "Write report"}
            </Button>
            <Text className={base.muted}>Puts this month's summary and a chart on the add-in's own report sheet{c.scenario ? " (the sheet's figures, not the what if)" : ""}.</Text>
          </div>
          <OutcomeNotice outcome={c.written} />
        </>
      )}
    </section>
  );
}
