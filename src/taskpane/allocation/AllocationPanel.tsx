// The Allocation panel: a transformation fund shared by the agreed formula, its limits, formulas compared, and the way to the Board.
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Field,
  Input,
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
  tokens,
} from "@fluentui/react-components";
import { Notice, OutcomeNotice, ReadProblem } from "../Notice";
import { usePanelStyles } from "../panelStyles";
import { Section, Sections } from "../Section";
import type { FormulaResult, UnitWords } from "../../rules/allocation";
import { toPence, type Money } from "../../rules/money";
import type { AllocationFormula } from "../../rules/rulebook";
import { change, millions, pounds, shares, takenAs, total } from "../format";
import { TargetChart } from "./TargetChart";
import { MonitoringSection } from "./MonitoringSection";
import { MAX_COMPARED, useAllocation, type Run } from "./useAllocation";

const useStyles = makeStyles({
  amountColumn: { width: "9rem" },
  better: { color: tokens.colorPaletteGreenForeground1 },
  worse: { color: tokens.colorPaletteRedForeground1 },
});

const WEIGHTING: Record<AllocationFormula["weighting"], (units: UnitWords) => string> = {
  equal: (units) => `the same for every ${units.one}`,
  "per-capita": () => "in proportion to registered population",
  "need-weighted": () => "in proportion to population × need index",
};

/** "+£0.12m" / "-£0.12m" (or "(£0.12m)") / "no change": a difference from the chosen formula. */
function Difference({ value }: { value: Money }) {
  const styles = useStyles();
  const base = usePanelStyles();
  if (value.isZero()) return <Text className={base.muted}>no change</Text>;
  return (
    <Text size={200} className={value.gt(0) ? styles.better : styles.worse} title={pounds(value)}>
      {change(value)}
    </Text>
  );
}

/** How far a unit (a Place, an ICP) is from its target, in words: "£0.27m below target", "on target". */
function fromTarget(distance: Money): string {
  const pence = toPence(distance);
  if (pence.isZero()) return "on target";
  const size = pence.abs().lt(10_000) ? pounds(pence.abs()) : millions(pence.abs());
  return `${size} ${pence.isNegative() ? "below" : "above"} target`;
}

function ResultTable({ result }: { result: FormulaResult }) {
  const styles = useStyles();
  const base = usePanelStyles();
  // Shares as shown add to 100.0%: rounded together at the display point, never one by one.
  const targetShares = shares(result.places.map((p) => p.target.abs()));
  const allocationShares = shares(result.places.map((p) => p.allocation.abs()));
  const allocated = total(result.places.map((p) => p.allocation));
  const targets = total(result.places.map((p) => p.target));
  return (
    <Table size="small" aria-label={`Allocation by ${result.units.one}: ${result.formula.label}`}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{result.units.one}, target and distance from it</TableHeaderCell>
          <TableHeaderCell className={styles.amountColumn}>Allocation, share and per head</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {result.places.map((p, i) => (
          <TableRow key={p.place}>
            <TableCell>
              <Text block weight="semibold">
                {p.place} {p.limitedBy && <Badge appearance="tint" color="warning">{`at ${p.limitedBy}`}</Badge>}
              </Text>
              <Text block size={200} className={base.muted}>
                Target {targetShares?.[i] ?? "–"}, <span title={pounds(toPence(p.target))}>{millions(p.target)}</span>
              </Text>
              <Text block size={200}>
                Baseline {p.distanceBefore ? fromTarget(p.distanceBefore) : "not given"}; allocation {fromTarget(p.distanceAfter)}
              </Text>
            </TableCell>
            <TableCell>
              <Text block weight="semibold" className={base.nowrap}>
                {pounds(p.allocation)}
              </Text>
              <Text block size={200} className={base.muted}>
                {allocationShares?.[i] ?? "–"} · {pounds(toPence(p.perCapita))} a head
              </Text>
            </TableCell>
          </TableRow>
        ))}
        <TableRow data-testid="allocation-total">
          <TableCell>
            <Text block weight="semibold">
              Total, {result.places.length} {result.places.length === 1 ? result.units.one : result.units.many}
            </Text>
            <Text block size={200} className={base.muted}>
              Target {targetShares ? "100.0%" : "–"}, <span title={pounds(toPence(targets))}>{millions(targets)}</span>
            </Text>
          </TableCell>
          <TableCell>
            <Text block weight="semibold" className={base.nowrap}>
              {pounds(allocated)}
            </Text>
            <Text block size={200} className={base.muted}>
              {allocationShares ? "100.0%" : "–"} of the fund
            </Text>
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}

function Comparison({ chosen, others }: { chosen: FormulaResult; others: { formula: AllocationFormula; run: Run | undefined }[] }) {
  const styles = useStyles();
  const base = usePanelStyles();
  return (
    <Table size="small" aria-label="Formulas compared">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{chosen.units.one}</TableHeaderCell>
          <TableHeaderCell>{chosen.formula.label} (chosen)</TableHeaderCell>
          {others.map((o) => (
            <TableHeaderCell key={o.formula.id}>{o.formula.label}</TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {chosen.places.map((p, i) => (
          <TableRow key={p.place}>
            <TableCell>{p.place}</TableCell>
            <TableCell className={base.nowrap}>
              <span title={pounds(p.allocation)}>{millions(p.allocation)}</span>
            </TableCell>
            {others.map((o) => (
              <TableCell key={o.formula.id} className={base.nowrap}>
                {o.run?.ok ? (
                  <>
                    <Text block title={pounds(o.run.result.places[i]!.allocation)}>
                      {millions(o.run.result.places[i]!.allocation)}
                    </Text>
                    <Difference value={o.run.result.places[i]!.allocation.minus(p.allocation)} />
                  </>
                ) : (
                  i === 0 && <Text className={styles.worse}>{o.run ? o.run.message : "–"}</Text>
                )}
              </TableCell>
            ))}
          </TableRow>
        ))}
        <TableRow data-testid="comparison-total">
          <TableCell>
            <Text weight="semibold">Total</Text>
          </TableCell>
          <TableCell className={base.nowrap}>
            <Text weight="semibold" title={pounds(total(chosen.places.map((p) => p.allocation)))}>
              {millions(total(chosen.places.map((p) => p.allocation)))}
            </Text>
          </TableCell>
          {others.map((o) => {
            if (!o.run?.ok) return <TableCell key={o.formula.id}>–</TableCell>;
            const sum = total(o.run.result.places.map((p) => p.allocation));
            return (
              <TableCell key={o.formula.id} className={base.nowrap}>
                <Text block weight="semibold" title={pounds(sum)}>
                  {millions(sum)}
                </Text>
                <Difference value={sum.minus(total(chosen.places.map((p) => p.allocation)))} />
              </TableCell>
            );
          })}
        </TableRow>
      </TableBody>
    </Table>
  );
}

export function AllocationPanel() {
  const base = usePanelStyles();
  const a = useAllocation();
  const settings = a.settings;
  const chosen = a.chosen;

  return (
    <section className={base.panel} aria-labelledby="allocation-heading">
      <Text id="allocation-heading" as="h2" weight="semibold" size={400}>
        Allocation
      </Text>
      <Text className={base.muted}>
        Transformation funding to {a.units.many} by the formula the partners agree{settings ? ` (${settings.clause})` : ""}, on an equitable basis and without
        bidding.
      </Text>
      {!settings && (
        <Notice intent="error">The rulebook in force has no allocation section, so there is no agreed formula to apply.</Notice>
      )}
      {a.loadError && <ReadProblem title="Fix the Places table first">{a.loadError}</ReadProblem>}
      {a.hasTable === false && (
        <Notice intent="info">This workbook has no Places table yet. Choose Set up workbook to add it, with the sample {a.units.many} where the system has a sample.</Notice>
      )}
      {a.places?.length === 0 && (
        <Notice intent="info">The Places table is empty. Add each {a.units.one}&apos;s registered population and need index.</Notice>
      )}
      {settings && a.places && a.places.length > 0 && (
        <>
          {chosen && !chosen.ok && (
            <Notice intent="error" title="Cannot allocate">
              {chosen.message}
            </Notice>
          )}
          {chosen?.ok && (
            // The answer and what to do with it first; the inputs under it, the details in sections below.
            <div className={base.plain} aria-label="The allocation" role="group">
              <Text data-testid="allocation-explanation">{chosen.result.explanation}.</Text>
              <div className={base.row}>
                <Button appearance="primary" onClick={() => void a.writeAllocation()} disabled={!!a.writing}>
                  {a.writing ? "Writing allocation…" : "Write allocation"}
                </Button>
                <Button onClick={a.takeToBoard}>Take to Board decision</Button>
              </div>
              <OutcomeNotice outcome={a.written} />
            </div>
          )}
          <Card aria-label="Fund and formula">
            <div className={base.row}>
              <Field
                label="Fund to allocate (£)"
                className={base.grow}
                validationState={a.fundProblem ? "error" : "none"}
                validationMessage={a.fundProblem}
                hint={takenAs(a.fundText) ?? (a.baselineTotal ? `Last year's baselines total ${pounds(a.baselineTotal)}` : undefined)}
              >
                <Input value={a.fundText} onChange={(_e, data) => a.setFundText(data.value)} placeholder="e.g. 60,000,000" />
              </Field>
              <Field label="Formula" className={base.grow} hint={a.formula ? `Shares ${WEIGHTING[a.formula.weighting](a.units)}` : undefined}>
                <Select value={a.formula?.id} onChange={(_e, data) => a.chooseFormula(data.value)}>
                  {settings.formulas.map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.label}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <div className={base.row}>
              <Switch
                checked={a.useFloorsAndCaps}
                onChange={(_e, data) => a.setUseFloorsAndCaps(data.checked)}
                label={`Apply each ${a.units.one}'s floor and cap from the Places table`}
              />
              <Field
                label="Pace of change (%)"
                className={base.grow}
                validationState={a.paceProblem ? "error" : "none"}
                validationMessage={a.paceProblem}
                hint={`No ${a.units.one} moves further than this from its baseline; blank for no limit`}
              >
                <Input value={a.paceText} onChange={(_e, data) => a.setPaceText(data.value)} placeholder="e.g. 2" />
              </Field>
            </div>
          </Card>

          {chosen?.ok && (
            <>
              <Sections open={["allocation", "compare"]}>
                <Section value="allocation" title={`Each ${a.units.one}'s allocation`} summary={`Target against allocation, with the limit that holds each ${a.units.one}`}>
                  <TargetChart result={chosen.result} />
                  <ResultTable result={chosen.result} />
                </Section>
                <Section value="compare" title="Compare formulas" summary={`Up to ${MAX_COMPARED} more, as the rulebook states them; differences are from the chosen formula`}>
                  <div className={base.row} role="group" aria-label="Formulas to compare">
                    {settings.formulas
                      .filter((f) => f.id !== a.formula?.id)
                      .map((f) => (
                        <Checkbox
                          key={f.id}
                          label={f.label}
                          checked={a.compared.includes(f.id)}
                          disabled={!a.compared.includes(f.id) && a.compared.length >= MAX_COMPARED}
                          onChange={(_e, data) => a.toggleCompared(f.id, data.checked === true)}
                        />
                      ))}
                  </div>
                  {a.comparisons.length > 0 && <Comparison chosen={chosen.result} others={a.comparisons} />}
                </Section>
              </Sections>
              <MonitoringSection result={chosen.result} read={a.monitoring} />
              <div className={base.row}>
                <Button appearance="subtle" onClick={a.refresh}>
                  Refresh from workbook
                </Button>
              </div>
              <Text size={200} className={base.muted}>
                Write allocation puts this result and its parameters on the add-in's own allocation sheet. If the partners cannot agree, the apportionment
                goes to the Partnership Board under its 75% rule: Take to Board decision opens the Decisions panel with it as the matter.
              </Text>
            </>
          )}
        </>
      )}
    </section>
  );
}
