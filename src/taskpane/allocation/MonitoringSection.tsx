// The Allocation panel's monitoring: per unit its allocation, this quarter's RAG, what it does to the next tranche, and its deliverables.
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { FormulaResult } from "../../rules/allocation";
import { monitorFunds, monitoringTier, tierPlural, type MonitoringReport, type Rag, type Tranche, type UnitMonitoring } from "../../rules/monitoring";
import { useAddIn } from "../context";
import { millions, pounds, total } from "../format";
import { Notice, ReadProblem } from "../Notice";
import { usePanelStyles } from "../panelStyles";
import type { MonitoringRead } from "./useAllocation";

const useStyles = makeStyles({
  // Header and panel flush with the allocation's table above, as the Capital panel's sections are.
  section: { minWidth: 0, "& .fui-AccordionHeader__button": { paddingLeft: 0, paddingRight: 0 } },
  sectionPanel: { marginLeft: 0, marginRight: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  unit: { minWidth: 0, overflowWrap: "anywhere", borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalXS },
  head: { display: "flex", flexWrap: "wrap", alignItems: "baseline", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  name: { flexGrow: 1, minWidth: 0 },
  details: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  toggle: { minWidth: 0, paddingLeft: 0, paddingRight: 0 },
});

/** The badge's colour says the RAG; its text says it too, so colour is never the only sign. */
const BADGE: Record<Rag, { color: "success" | "warning" | "danger"; text: string }> = {
  green: { color: "success", text: "Green" },
  amber: { color: "warning", text: "Amber" },
  red: { color: "danger", text: "Red" },
};

type Computed = { ok: true; report: MonitoringReport } | { ok: false; message: string };

/** The tranche this quarter's RAG decides: the one after the latest quarter returned (the first before any return); none after Q4. */
function nextTranche(unit: UnitMonitoring, latest: number | null): Tranche | undefined {
  return unit.tranches[latest ?? 0];
}

/** "Q3 tranche £4.56m held pending SFLG review (illustrative: agree locally, MoU 7.8, 9.9–9.10)". */
const consequenceText = (t: Tranche) => `Q${t.quarter} tranche ${millions(t.amount)} ${t.wording} (${t.clause})`;

function UnitRow({ unit, latest }: { unit: UnitMonitoring; latest: number | null }) {
  const styles = useStyles();
  const base = usePanelStyles();
  const [open, setOpen] = useState(false);
  const rating = latest === null ? undefined : unit.ratings.find((r) => r.quarter === latest);
  const next = nextTranche(unit, latest);
  const detailsId = `monitoring-${unit.unit}`;
  return (
    <li className={styles.unit} aria-label={unit.name}>
      <div className={styles.head}>
        <Text weight="semibold" className={styles.name}>
          {unit.name}
        </Text>
        <Text className={base.nowrap} title={pounds(unit.allocation)}>
          {millions(unit.allocation)}
        </Text>
        {latest !== null &&
          (rating ? (
            <Badge appearance="filled" color={BADGE[rating.rag].color} data-testid={`rag-${unit.unit}`}>
              {`Q${latest} ${BADGE[rating.rag].text}`}
            </Badge>
          ) : (
            <Badge appearance="outline" color="informative" data-testid={`rag-${unit.unit}`}>
              {`Q${latest} no return`}
            </Badge>
          ))}
      </div>
      <Text block size={200}>
        {next ? consequenceText(next) : `Year complete: ${millions(unit.released)} released, ${millions(unit.held)} held`}
      </Text>
      <Button
        size="small"
        appearance="transparent"
        className={styles.toggle}
        aria-expanded={open}
        aria-controls={open ? detailsId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {`${open ? "Hide" : "Show"} ${unit.deliverables.length} deliverable${unit.deliverables.length === 1 ? "" : "s"} and why`}
      </Button>
      {open && (
        <div id={detailsId}>
          {unit.deliverables.length === 0 ? (
            <Text block size={200} className={base.muted}>
              No deliverables agreed yet: the first tranche waits for them.
            </Text>
          ) : (
            <ul className={styles.details} aria-label={`${unit.name}: deliverables`}>
              {unit.deliverables.map((d) => (
                <li key={d.id}>
                  <Text size={200}>
                    {`Q${d.dueQuarter}: ${d.description}`} <span className={base.muted}>{`(outcome: ${d.outcomeMeasure})`}</span>
                  </Text>
                </li>
              ))}
            </ul>
          )}
          <ul className={styles.details} aria-label={`${unit.name}: ratings and tranches`}>
            {unit.ratings.map((r) => (
              <li key={`q${r.quarter}`}>
                <Text size={200}>{r.explanation}</Text>
              </li>
            ))}
            {unit.tranches.map((t) => (
              <li key={`t${t.quarter}`}>
                <Text size={200} className={base.muted}>
                  {t.reason}
                </Text>
              </li>
            ))}
          </ul>
          <Text block size={200}>
            {`Released ${millions(unit.released)} · held ${millions(unit.held)} · awaiting ${millions(unit.awaiting)}`}
          </Text>
        </div>
      )}
    </li>
  );
}

/** One line for the section's header and the live region: "Q2: 2 green, 1 amber, 1 red; £4.56m held". */
function summaryOf(report: MonitoringReport): string {
  const latest = report.latestQuarter;
  if (latest === null) return "No quarterly returns yet";
  const rags = report.units.map((u) => u.ratings.find((r) => r.quarter === latest)?.rag ?? "none");
  const count = (rag: Rag | "none") => rags.filter((r) => r === rag).length;
  const parts = [`${count("green")} green`, `${count("amber")} amber`, `${count("red")} red`, ...(count("none") ? [`${count("none")} no return`] : [])];
  const held = total(report.units.map((u) => u.held));
  return `Q${latest}: ${parts.join(", ")}${held.isZero() ? "" : `; ${millions(held)} held`}`;
}

/** The allocation's monitoring: its inputs come with the panel's one read of the workbook (see useAllocation). */
export function MonitoringSection({ result, read }: { result: FormulaResult; read: MonitoringRead | undefined }) {
  const styles = useStyles();
  const base = usePanelStyles();
  const { rulebook } = useAddIn();
  const settings = rulebook.allocation?.monitoring;
  const inputs = read?.inputs;
  const tier = monitoringTier(rulebook);

  const computed = useMemo((): Computed | undefined => {
    if (!settings || !inputs?.deliverables || !inputs.returns) return undefined;
    try {
      const allocations = result.places.map((p) => ({ unit: p.place, allocation: p.allocation }));
      return { ok: true, report: monitorFunds(rulebook, allocations, inputs.deliverables, inputs.returns) };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }, [settings, inputs, result, rulebook]);
  const report = computed?.ok ? computed.report : undefined;
  const summary = report ? summaryOf(report) : undefined;

  return (
    <Accordion collapsible defaultOpenItems={[]}>
      <AccordionItem value="monitoring" className={styles.section}>
        <AccordionHeader as="h3" size="small" expandIconPosition="end">
          <span>
            <Text block weight="semibold">
              Monitoring by {tier.label}
            </Text>
            <Text block size={200} className={base.muted} aria-live="polite" data-testid="monitoring-summary">
              {summary ?? (settings ? "Quarterly returns against agreed deliverables" : "No monitoring in the rulebook")}
            </Text>
          </span>
        </AccordionHeader>
        <AccordionPanel className={styles.sectionPanel}>
          {!settings && <Notice intent="info">The rulebook in force sets no monitoring of transformation funds (allocation.monitoring), so there are no RAG bands or tranches.</Notice>}
          {settings && (
            <Text size={200} className={base.muted}>
              {`Each ${tier.label}'s funding is subject to agreed deliverables and outcomes and to quarterly monitoring (${settings.clause}). RAG bands (${settings.rag.clause}), what each RAG does to the next tranche (${settings.consequences.clause}) and the tranches (${settings.tranches.clause}).`}
            </Text>
          )}
          {read?.error && <ReadProblem title="Fix the Deliverables or Monitoring table first">{read.error}</ReadProblem>}
          {settings && inputs && (!inputs.deliverables || !inputs.returns) && (
            <Notice intent="info">This workbook has no {!inputs.deliverables ? "Deliverables" : "Monitoring"} table yet. Choose Set up workbook to add it.</Notice>
          )}
          {computed && !computed.ok && (
            <Notice intent="error" title="Cannot monitor">
              {computed.message}
            </Notice>
          )}
          {report && (
            <ul className={styles.list} aria-label={`Monitoring by ${tier.label}: ${tierPlural(report.tier)}`}>
              {report.units.map((u) => (
                <UnitRow key={u.unit} unit={u} latest={report.latestQuarter} />
              ))}
            </ul>
          )}
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
