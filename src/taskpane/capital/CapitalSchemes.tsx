// The Capital panel's ranked schemes: one compact row each (rank, name, decision, cost, score, the reason, the lock), the score breakdown behind the row's disclosure.
import { useState } from "react";
import {
  Badge,
  Button,
  Field,
  Select,
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
import type { Assessment, Lock } from "../../rules/capital";
import type { CapitalSettings, Rulebook } from "../../rules/rulebook";
import type { CapitalReportRow } from "../../workbook/capital";
import { usePanelStyles } from "../panelStyles";
import { fromPence } from "../../rules/money";
import { unitName } from "../../rules/tiers";
import { millions as inMillions } from "../format";

const useStyles = makeStyles({
  // Fixed layout: the scheme column takes what the rank and the lock leave.
  table: { tableLayout: "fixed", width: "100%" },
  cell: { paddingLeft: "2px", paddingRight: "2px", paddingTop: 0, paddingBottom: 0, verticalAlign: "top" },
  scheme: { overflowWrap: "anywhere", minWidth: 0 },
  // The reason is always in the row, on one line; the row's disclosure shows it whole (and screen readers read it whole).
  oneLine: { whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" },
  funded: { backgroundColor: tokens.colorPaletteGreenBackground1 },
  // The rank is the row's disclosure: a chevron drawn by CSS (so it is no part of the row's text) turns when open.
  toggle: {
    minWidth: 0,
    paddingLeft: "2px",
    paddingRight: "2px",
    fontWeight: tokens.fontWeightRegular,
    "::after": { content: '"›"', display: "inline-block", marginLeft: "3px", transitionProperty: "transform", transitionDuration: tokens.durationFast },
  },
  open: { "::after": { transform: "rotate(90deg)" } },
  lockField: { maxWidth: "16rem", marginTop: tokens.spacingVerticalXS },
  details: { marginTop: tokens.spacingVerticalXXS, marginBottom: tokens.spacingVerticalXS, display: "flex", flexDirection: "column" },
});

const millions = (pence: number) => inMillions(fromPence(pence));
const DECISION = { FUNDED: ["Funded", "success"], EXCLUDED: ["Excluded", "danger"], "NOT FUNDED": ["Not funded", "informative"] } as const;

interface Props {
  rows: CapitalReportRow[];
  assessment: Assessment;
  settings: CapitalSettings;
  rulebook: Rulebook;
  locks: ReadonlyMap<string, Lock>;
  setLock: (scheme: string, lock: Lock) => void;
}

export function CapitalSchemes({ rows, assessment, settings, rulebook, locks, setLock }: Props) {
  const styles = useStyles();
  const base = usePanelStyles();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (name: string) =>
    setOpen((o) => {
      const next = new Set(o);
      if (!next.delete(name)) next.add(name);
      return next;
    });

  return (
    <Table size="extra-small" className={styles.table} aria-label="Schemes ranked by weighted score">
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.cell} style={{ width: "2.5rem" }}>
            Rank
          </TableHeaderCell>
          <TableHeaderCell className={styles.cell}>Scheme, decision, cost, score, why</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => {
          const expanded = open.has(r.scheme.name);
          const [decision, colour] = DECISION[r.decision];
          const lock = locks.get(r.scheme.name);
          const detailsId = `capital-details-${r.rank}`;
          return (
            <TableRow key={r.scheme.name} className={r.decision === "FUNDED" ? styles.funded : undefined}>
              <TableCell className={styles.cell}>
                <Button
                  size="small"
                  appearance="subtle"
                  className={mergeClasses(styles.toggle, expanded && styles.open)}
                  aria-expanded={expanded}
                  aria-controls={expanded ? detailsId : undefined}
                  aria-label={`Rank ${r.rank}, ${r.scheme.name}: details and lock`}
                  onClick={() => toggle(r.scheme.name)}
                >
                  {r.rank}
                </Button>
              </TableCell>
              <TableCell className={mergeClasses(styles.cell, styles.scheme)}>
                <Text block size={200} weight="semibold">
                  <span>{r.scheme.name}</span>{" "}
                  <Badge size="small" appearance="filled" color={colour}>
                    {decision}
                  </Badge>
                  {lock && (
                    <>
                      {" "}
                      <Badge size="small" appearance="outline" color="informative">
                        {lock === "in" ? "Locked in" : "Locked out"}
                      </Badge>
                    </>
                  )}
                </Text>
                <Text block size={200} className={expanded ? undefined : styles.oneLine} title={expanded ? undefined : r.reason || undefined}>
                  <span className={base.muted}>
                    {millions(r.scheme.cost)} · {r.score.toFixed(1)}
                  </span>
                  {r.reason && ` · ${r.reason}`}
                </Text>
                {expanded && (
                  <SchemeDetails id={detailsId} row={r} assessment={assessment} settings={settings} rulebook={rulebook} lock={lock ?? null} setLock={setLock} />
                )}
              </TableCell>
            </TableRow>
          );
        })}
        <FundedTotal rows={rows} envelope={assessment.rules.envelope} />
      </TableBody>
    </Table>
  );
}

/** The totals row: what the funded schemes cost together (summed in pence, shown once) against the envelope. */
function FundedTotal({ rows, envelope }: { rows: CapitalReportRow[]; envelope: number }) {
  const styles = useStyles();
  const base = usePanelStyles();
  const funded = rows.filter((r) => r.decision === "FUNDED");
  const cost = funded.reduce((sum, r) => sum + r.scheme.cost, 0);
  return (
    <TableRow data-testid="capital-funded-total">
      <TableCell className={styles.cell} />
      <TableCell className={styles.cell}>
        <Text block size={200} weight="semibold">
          Total funded: {funded.length} of {rows.length} schemes, {millions(cost)}
        </Text>
        <Text block size={200} className={base.muted}>
          of an envelope of {millions(envelope)}; {millions(envelope - cost)} unspent
        </Text>
      </TableCell>
    </TableRow>
  );
}

/** Who, where and what kind of scheme, and the points each criterion gives it. */
function SchemeDetails({ id, row, assessment, settings, rulebook, lock, setLock }: { id: string; row: CapitalReportRow; assessment: Assessment; settings: CapitalSettings; rulebook: Rulebook; lock: Lock; setLock: Props["setLock"] }) {
  const styles = useStyles();
  const base = usePanelStyles();
  const parts = assessment.assessed.find((x) => x.scheme.name === row.scheme.name)?.parts ?? [];
  const s = row.scheme;
  return (
    <div id={id} className={styles.details}>
      <Text block size={200} className={base.muted}>
        {s.organisation} · {s.place === null ? "Cross-Place" : unitName(rulebook, s.place)} · {settings.categories.find((k) => k.id === s.category)?.label}
      </Text>
      <Text block size={200} className={base.muted}>
        {parts.map((p) => `${p.criterion} ${p.score}/${settings.scale.max} → ${p.points.toFixed(1)}`).join(" · ")}
      </Text>
      <Field label="Lock" orientation="horizontal" size="small" className={styles.lockField}>
        <Select size="small" aria-label={`Lock ${s.name}`} value={lock ?? ""} onChange={(_e, d) => setLock(s.name, (d.value || null) as Lock)}>
          <option value="">Free: the objective decides</option>
          <option value="in">Lock in</option>
          <option value="out">Lock out</option>
        </Select>
      </Field>
    </div>
  );
}
