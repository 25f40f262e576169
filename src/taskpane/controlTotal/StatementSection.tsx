// The control total statement as NHS finance reports it: a collapsible section of the Control total panel, with loading the month's figures and the trend.
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Card,
  CardHeader,
  Field,
  Select,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import { FINANCIAL_MONTHS, monthName, type PlanLedger } from "../../rules/controlTotal";
import type { Money } from "../../rules/money";
import { financialYearLabel, organisationsUnder, periodLabel, type Statement, type StatementLine } from "../../rules/statement";
import { Notice, OutcomeNotice, ReadProblem } from "../Notice";
import { usePanelStyles } from "../panelStyles";
import { inUnit, pounds, UNIT_LABEL, type DisplayUnit } from "../format";
import { RagBadge } from "./RagBadge";
import { TrendChart } from "./TrendChart";
import { useStatement, type StatementState } from "./useStatement";

const useStyles = makeStyles({
  // The statement scrolls sideways inside its own box at a narrow pane; the pane itself never does.
  scroll: { overflowX: "auto", maxWidth: "100%", minWidth: 0, borderRadius: tokens.borderRadiusMedium, ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  table: { tableLayout: "auto", minWidth: "100%" },
  name: { position: "sticky", left: 0, backgroundColor: tokens.colorNeutralBackground1, zIndex: 1, minWidth: "6.5rem" },
  figure: { textAlign: "right", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" },
  // Headers wrap onto two lines so the key columns fit a 350 px pane without scrolling.
  figureHeader: { textAlign: "right", whiteSpace: "normal", minWidth: "4.5rem", "& > div": { justifyContent: "flex-end" } },
  total: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground2 },
  totalName: { backgroundColor: tokens.colorNeutralBackground2 },
  notes: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  problems: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: "16rem", overflowY: "auto" },
  // A select as wide as its longest option (an organisation's full name) would push the pane sideways at 350 px.
  narrow: { minWidth: 0, maxWidth: "100%", "& select": { minWidth: 0, maxWidth: "100%", textOverflow: "ellipsis" } },
  heading: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
});

interface Column {
  id: string;
  label: string;
  /** Shown at any width; the rest when every column is asked for. */
  key?: boolean;
  value: (line: StatementLine) => Money | null | undefined;
}

const COLUMNS: Column[] = [
  { id: "plan", label: "Annual plan", value: (l) => l.figures.annualPlan },
  { id: "ytd-plan", label: "YTD plan", value: (l) => l.figures.ytdPlan },
  { id: "ytd-actual", label: "YTD actual", value: (l) => l.figures.ytdActual },
  { id: "ytd-variance", label: "YTD variance", key: true, value: (l) => l.figures.ytdVariance },
  { id: "forecast", label: "Forecast outturn", value: (l) => l.figures.forecast },
  { id: "forecast-variance", label: "Forecast variance", key: true, value: (l) => l.figures.forecastVariance },
  { id: "non-recurrent", label: "Non-recurrent in forecast", value: (l) => l.figures.underlying?.nonRecurrentForecast },
  { id: "underlying", label: "Underlying forecast", value: (l) => l.figures.underlying?.underlyingForecast },
  { id: "underlying-ytd", label: "Underlying YTD", value: (l) => l.figures.underlying?.underlyingYtd },
  { id: "efficiency-plan", label: "Efficiency plan YTD", value: (l) => l.figures.efficiency?.planYtd },
  { id: "efficiency-delivered", label: "Efficiency delivered YTD", value: (l) => l.figures.efficiency?.deliveredYtd },
  { id: "capital-ytd", label: "Capital spend YTD", value: (l) => l.figures.capital?.spendYtd },
  { id: "capital-forecast", label: "Capital forecast", value: (l) => l.figures.capital?.forecast },
  { id: "cdel", label: "CDEL", value: (l) => l.figures.capital?.cdel },
  { id: "cdel-headroom", label: "CDEL less forecast", value: (l) => l.figures.capital?.headroom },
];

/** Each group's organisations (and groups) then its total, tier by tier; the system total last. */
function linesInOrder(line: StatementLine): StatementLine[] {
  return line.kind === "organisation" ? [line] : [...line.children.flatMap(linesInOrder), line];
}

const totalName = (line: StatementLine) => (line.kind === "system" ? "System total" : `${line.name} total`);

function StatementTable({ statement, unit, clause, all }: { statement: Statement; unit: DisplayUnit; clause: string; all: boolean }) {
  const styles = useStyles();
  const base = usePanelStyles();
  const columns = all ? COLUMNS : COLUMNS.filter((c) => c.key);
  const lines = linesInOrder(statement.system);
  const label = UNIT_LABEL[unit];
  return (
    <div className={styles.scroll} role="region" aria-label="Control total statement, scrolls sideways" tabIndex={0}>
      <Table size="extra-small" className={styles.table} aria-label={`Control total statement, ${label}`}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.name}>Organisation, RAG and ladder</TableHeaderCell>
            {columns.map((c) => (
              <TableHeaderCell key={c.id} className={styles.figureHeader}>
                {c.label} ({label})
              </TableHeaderCell>
            ))}
            {all && <TableHeaderCell>Efficiency</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {lines.map((line) => {
            const total = line.kind !== "organisation";
            return (
              <TableRow key={`${line.kind}:${line.key}`} className={total ? styles.total : undefined} data-line={line.key}>
                <TableCell className={mergeClasses(styles.name, total && styles.totalName)}>
                  <span className={base.nowrap}>
                    {total ? (
                      <Text weight="semibold">{totalName(line)}</Text>
                    ) : (
                      <Text weight="semibold" title={line.name}>
                        {line.key}
                      </Text>
                    )}{" "}
                    <RagBadge rag={line.rag.status} title={line.rag.explanation} />
                  </span>
                  {line.escalation?.step && (
                    <Text block size={200} title={line.escalation.explanation}>
                      {line.escalation.step.label} ({clause})
                    </Text>
                  )}
                </TableCell>
                {columns.map((c) => {
                  const value = c.value(line);
                  return (
                    <TableCell key={c.id} className={styles.figure}>
                      {value ? <span title={pounds(value)}>{inUnit(value, unit)}</span> : <span title="No statement detail for this line">–</span>}
                    </TableCell>
                  );
                })}
                {all && (
                  <TableCell>{line.figures.efficiency ? <RagBadge rag={line.figures.efficiency.rag} title={line.figures.efficiency.explanation} /> : "–"}</TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}

function LoadFigures({ s, months }: { s: StatementState; months: number[] }) {
  const styles = useStyles();
  const base = usePanelStyles();
  const input = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLDivElement>(null);
  const checked = s.checked;
  // Feedback where the person is looking: the check's result takes focus (and is read out) as soon as it is there.
  useEffect(() => {
    if (checked) result.current?.focus();
  }, [checked]);
  const clean = checked?.clean.length ?? 0;
  return (
    <Card aria-label="Load the month's figures">
      <CardHeader
        header={<Text weight="semibold">Load the month's figures</Text>}
        description="A .csv or .xlsx file: one row per organisation per month, or one row per organisation with a month's columns. Every cell is checked first; only those organisations' rows for those months are replaced."
      />
      <div className={base.row}>
        <input
          ref={input}
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label="File of the month's figures"
          style={{ display: "none" }}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void s.pickFile(file);
          }}
        />
        <Button appearance={checked ? "secondary" : "primary"} disabled={s.busy !== undefined} onClick={() => input.current?.click()}>
          Choose a file…
        </Button>
        <Field
          label="Month to load"
          hint="Needed for a file with one month's figures and no Month column. A file with a column per month loads every month reported, or only the one chosen; a Month column says each row's month itself"
          className={mergeClasses(base.grow, styles.narrow)}
        >
          <Select className={styles.narrow} value={s.fileMonth === undefined ? "" : String(s.fileMonth)} onChange={(_e, d) => s.setFileMonth(d.value === "" ? undefined : Number(d.value))}>
            <option value="">As the file says</option>
            {FINANCIAL_MONTHS.map((name, i) => (
              <option key={name} value={i + 1}>
                {periodLabel(s.year, i + 1)}
                {months.includes(i + 1) ? "" : " (not yet reported)"}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {checked && (
        <div ref={result} tabIndex={-1} role={checked.problems.length > 0 ? "alert" : "status"} aria-labelledby="figures-check">
          {checked.problems.length > 0 ? (
            <Notice intent="warning" title={`${checked.problems.length} problem${checked.problems.length === 1 ? "" : "s"} in ${s.picked}: nothing has been loaded`}>
              <div id="figures-check">
                {clean} of {checked.rows} row{checked.rows === 1 ? "" : "s"} {clean === 1 ? "is" : "are"} clean. Fix the file and choose it again, or load only the clean rows.
              </div>
              <ol className={styles.problems} aria-label={`Problems in ${s.picked}`}>
                {s.problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ol>
            </Notice>
          ) : (
            <Notice intent="success" title={`${s.picked} is clean`}>
              <div id="figures-check">
                {clean} row{clean === 1 ? "" : "s"} for {[...new Set(checked.clean.map((f) => monthName(f.month)))].join(", ")}, ready to load.
              </div>
            </Notice>
          )}
          <div className={base.row}>
            {clean > 0 && (
              <Button appearance={checked.problems.length > 0 ? "secondary" : "primary"} disabled={s.busy !== undefined} onClick={() => void s.load()}>
                {s.busy ? "Loading…" : checked.problems.length > 0 ? `Load the ${clean} clean row${clean === 1 ? "" : "s"}` : `Load ${clean} row${clean === 1 ? "" : "s"}`}
              </Button>
            )}
            <Button disabled={s.busy !== undefined} onClick={s.cancel}>
              Cancel
            </Button>
          </div>
        </div>
      )}
      <OutcomeNotice outcome={s.outcome} />
    </Card>
  );
}

/**
 * The section, collapsed at first: its tables are read only once it is opened, so the panel's own load (its first
 * screen) takes no more round trips to Excel than before.
 */
export function StatementSection(props: { ledger: PlanLedger | undefined; month: number | undefined; months: number[]; showMonth: (m: number) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <Accordion collapsible openItems={open ? ["statement"] : []} onToggle={(_e, d) => setOpen(d.openItems.includes("statement"))}>
      <AccordionItem value="statement">
        <AccordionHeader as="h3" expandIconPosition="end">
          <Text weight="semibold">Control total statement{props.month ? `, ${monthName(props.month)}` : ""}</Text>
        </AccordionHeader>
        <AccordionPanel>{open && <StatementBody {...props} />}</AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}

function StatementBody({ ledger, month, months, showMonth }: { ledger: PlanLedger | undefined; month: number | undefined; months: number[]; showMonth: (m: number) => void }) {
  const styles = useStyles();
  const base = usePanelStyles();
  const s = useStatement(ledger, month, showMonth);
  const [all, setAll] = useState(false);
  const settings = s.settings;
  const unit: DisplayUnit = settings?.unit ?? "thousands";
  const label = UNIT_LABEL[unit];
  const clause = s.rulebook.controlTotal?.escalation.clause ?? "";
  const shown = s.statement?.ok ? s.statement.statement : undefined;
  const organisations = useMemo(() => (shown ? organisationsUnder(shown.system) : []), [shown]);
  const system = shown?.system;

  return (
    <div className={base.panel}>
      <div className={styles.heading}>
        <Text>
          Financial year {financialYearLabel(s.year)}
          {month ? ` · ${periodLabel(s.year, month)}` : ""} · figures in {label}
        </Text>
        {s.sample && (
          <Badge appearance="outline" color="informative" title="The figures are the built-in sample for Mid and South Essex: illustrative, not any organisation's real figures">
            Sample figures
          </Badge>
        )}
      </div>
      {!s.yearStored && (
        <Text size={200} className={base.muted}>
          No financial year is stored with this workbook yet, so the months are taken as this financial year's; loading a file stores it.
        </Text>
      )}
      {s.loadError && <ReadProblem title="Fix the Statement detail table first">{s.loadError}</ReadProblem>}
      {s.hasDetailTable === false && (
        <Notice intent="info">This workbook has no Statement detail table, so there are no underlying, efficiency or capital figures. Choose Set up workbook to add it.</Notice>
      )}
      <LoadFigures s={s} months={months} />
      {s.statement && !s.statement.ok && (
        <Notice intent="error" title="Cannot draw up the statement">
          {s.statement.message}
        </Notice>
      )}
      {shown && system && (
        <>
          {system.missingDetail.length > 0 && (
            <Notice intent="info">
              No statement detail for {monthName(shown.month)} from {system.missingDetail.join(", ")}: their underlying, efficiency and capital figures, and the totals that include them, show as –.
            </Notice>
          )}
          <Switch checked={all} onChange={(_e, d) => setAll(d.checked)} label="Show every column (plan, year to date, underlying, efficiency, capital)" />
          <StatementTable statement={shown} unit={unit} clause={clause} all={all} />
          <ul className={styles.notes} aria-label="How the statement is worked out">
            <li>
              <Text size={200}>
                Figures in {label}, each rounded on its own line (half to even); totals are sums of the unrounded figures, so a total may differ from the sum of the rounded lines above it. Hover a figure for it in pounds and pence.
              </Text>
            </li>
            <li>
              <Text size={200}>
                Variances are actual or forecast less plan: negative is adverse. RAG and the ladder step are the control total's ({s.rulebook.controlTotal?.rag.clause}).
              </Text>
            </li>
            {settings && (
              <>
                <li>
                  <Text size={200}>
                    Underlying is reported less the non-recurrent items: {settings.nonRecurrent.items.join("; ")} ({settings.nonRecurrent.clause}).
                  </Text>
                </li>
                <li>
                  <Text size={200}>
                    Efficiency is green at {settings.efficiency.greenAtLeastBasisPoints / 100}% of the year-to-date plan delivered or more, amber at {settings.efficiency.amberAtLeastBasisPoints / 100}% or more ({settings.efficiency.clause}); capital is held to CDEL ({settings.capital.clause}).
                  </Text>
                </li>
                <li>
                  <Text size={200} weight="semibold">
                    {settings.note}
                  </Text>
                </li>
              </>
            )}
            {shown.outside.length > 0 && (
              <li>
                <Text size={200}>Outside the control total and in no total: {shown.outside.map((o) => o.key).join(", ")}.</Text>
              </li>
            )}
          </ul>
          {s.trend && (
            <>
              <TrendChart title="System: year-to-date plan and actual" subject="System" points={s.trend.system} year={s.year} unit={unit} />
              <Field label="Organisation for the trend" className={styles.narrow}>
                <Select className={styles.narrow} value={s.trendOrganisation} onChange={(_e, d) => s.setTrendOrganisation(d.value)}>
                  <option value="">Choose an organisation</option>
                  {organisations.map((o) => (
                    <option key={o.key} value={o.key}>
                      {o.name}
                    </option>
                  ))}
                </Select>
              </Field>
              {s.trendOrganisation && (
                <TrendChart
                  title={`${organisations.find((o) => o.key === s.trendOrganisation)?.name ?? s.trendOrganisation}: year-to-date plan and actual`}
                  subject={s.trendOrganisation}
                  points={s.trend.organisation}
                  year={s.year}
                  unit={unit}
                />
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}
