// The Capital panel: objective, weights, envelope (by year) and locks; the ranked list with each decision and the reason; the chosen objective against funding down the list; sensitivity and the frontier; the Board.
import {
  Badge,
  Button,
  Card,
  CardHeader,
  Field,
  Input,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Slider,
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
import { formatGBP, fromPence } from "../../rules/money";
import { EXACT_SENSITIVITY_LIMIT, type Lock, type ObjectiveId } from "../../rules/capital";
import { CAPITAL_OBJECTIVES } from "../../rules/rulebook";
import { FrontierChart, ProbabilityChart } from "./CapitalCharts";
import { useCapital } from "./useCapital";
import { takenAs } from "../format";

const useStyles = makeStyles({
  weight: { display: "grid", gridTemplateColumns: "1fr auto", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  figures: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(9rem, 1fr))", gap: tokens.spacingHorizontalM },
  funded: { backgroundColor: tokens.colorPaletteGreenBackground1 },
  // A field in a narrow pane: never wider than the card, however long its options or hint.
  fits: { minWidth: 0, maxWidth: "100%", overflowWrap: "anywhere" },
});

const pounds = (pence: number) => formatGBP(fromPence(pence));
const millions = (pence: number) => `£${(pence / 100 / 1_000_000).toFixed(2)}m`;

export function CapitalPanel() {
  const styles = useStyles();
  const base = usePanelStyles();
  const c = useCapital();
  const s = c.settings;
  const a = c.run?.ok ? c.run.assessment : undefined;
  const optimum = a?.optimum;
  const totalPoints = c.points.reduce((x, y) => x + y, 0);

  return (
    <section className={base.panel} aria-labelledby="capital-heading">
      <Text id="capital-heading" as="h2" weight="semibold" size={400}>
        Capital
      </Text>
      <Text className={base.muted}>
        Capital priorities by published criteria and weights{s ? ` (${s.clause})` : ""}: the portfolio the chosen objective asks for within the envelope and
        the MoU's balance between Places, cross-Place schemes, and backlog and equipment, proven to the penny, with a reason for every scheme not funded.
      </Text>
      {!s && (
        <Notice intent="error">The rulebook in force has no capital section, so there are no criteria to score by.</Notice>
      )}
      {c.loadError && <ReadProblem title="Fix the Schemes table first">{c.loadError}</ReadProblem>}
      {c.hasTable === false && (
        <Notice intent="info">This workbook has no Schemes table yet. Choose Set up workbook to add it with the sample schemes.</Notice>
      )}
      {c.restrictionProblem && (
        <Notice intent="warning" title="Recovery restrictions not applied">
          The control total's Plans table could not be read, so no organisation is treated as under recovery measures until it is fixed: {c.restrictionProblem}
        </Notice>
      )}
      {c.solverError && (
        <Notice intent="error">{c.solverError}</Notice>
      )}
      {c.unknownLocks.length > 0 && (
        <Notice intent="warning" title="Locks on schemes that are no longer in the Schemes table">
          {c.unknownLocks.join(", ")}: these locks do nothing.{" "}
          <Button size="small" onClick={c.clearUnknownLocks}>
            Remove these locks
          </Button>
        </Notice>
      )}
      {c.solverLoading && <ProgressBar aria-label="Loading the optimiser" />}
      <div className={base.row}>
        <Text role="status" size={200} className={base.muted}>
          {c.assessing ? "Proving the portfolio for these inputs (in the background)…" : ""}
        </Text>
        {c.assessing && (
          <Button size="small" onClick={c.stopAssessing}>
            Stop
          </Button>
        )}
      </div>
      {s && c.schemes && c.schemes.length > 0 && (
        <>
          <Card aria-label="Envelope and weights">
            <Field
              className={styles.fits}
              label="Objective"
              hint={
                c.objective === s.objective.default
                  ? `To ${c.objectiveLabels[c.objective]}: the rulebook's default. ${s.objective.note}`
                  : `To ${c.objectiveLabels[c.objective]}. The rulebook's default is to ${c.objectiveLabels[s.objective.default]} (${s.objective.clause}).`
              }
            >
              <Select className={styles.fits} value={c.objective} onChange={(_e, d) => c.setObjective(d.value as ObjectiveId)}>
                {CAPITAL_OBJECTIVES.map((o) => (
                  <option key={o} value={o}>
                    {`${c.objectiveNames[o]}${o === s.objective.default ? " (default)" : ""}`}
                  </option>
                ))}
              </Select>
            </Field>
            {c.years.length > 1 ? (
              <fieldset className={base.plain}>
                <legend>Capital envelope (CDEL) by financial year, £{s.phasing.carryForward ? "; unspent envelope carries forward" : ""}</legend>
                {c.yearEnvelopes.map((y) => (
                  <Field
                    key={y.label}
                    label={y.label}
                    validationState={c.envelopeProblem?.includes(y.label) ? "error" : "none"}
                    validationMessage={c.envelopeProblem?.includes(y.label) ? c.envelopeProblem : undefined}
                    hint={takenAs(y.envelope)}
                  >
                    <Input value={y.envelope} onChange={(_e, d) => c.setYearEnvelope(y.label, d.value)} />
                  </Field>
                ))}
              </fieldset>
            ) : (
              <Field label="Capital envelope (CDEL, £)" validationState={c.envelopeProblem ? "error" : "none"} validationMessage={c.envelopeProblem} hint={takenAs(c.envelopeText)}>
                <Input value={c.envelopeText} onChange={(_e, d) => c.setEnvelopeText(d.value)} />
              </Field>
            )}
            {c.restricted.size > 0 && (
              <Switch
                checked={c.liftRecovery}
                onChange={(_e, d) => c.setLiftRecovery(d.checked)}
                label={`What if the SLE lifted the recovery restrictions on ${[...c.restricted.keys()].join(", ")} (${s.gates.recoveryClause})`}
              />
            )}
            <RadioGroup layout="horizontal" value={c.mode} onChange={(_e, d) => c.setMode(d.value as "direct" | "swing")} aria-label="How to set the weights">
              <Radio value="direct" label="Set weights directly" />
              <Radio value="swing" label="Swing weighting" />
            </RadioGroup>
            <Text size={200} className={base.muted}>
              {c.mode === "direct"
                ? "Points for each criterion; the weights are each one's share of the total."
                : "How much does moving a scheme from the worst to the best score on each criterion matter, against the most important move (100)?"}
            </Text>
            {s.criteria.map((criterion, i) => (
              <div key={criterion.id} className={styles.weight}>
                <Field label={`${criterion.label}${c.mode === "swing" ? " (swing)" : ""}`}>
                  <Slider min={0} max={100} value={c.points[i]} onChange={(_e, d) => c.setPoint(i, d.value)} />
                </Field>
                <Text className={base.nowrap} aria-live="polite">
                  {c.points[i]} · {totalPoints > 0 ? `${((c.points[i]! * 100) / totalPoints).toFixed(1)}%` : "–"}
                </Text>
              </div>
            ))}
            <div className={base.row}>
              <Button size="small" onClick={c.resetWeights}>
                Rulebook weights
              </Button>
            </div>
          </Card>

          <Text size={200} className={base.muted}>
            Constraints ({s.constraints.clause}): at least {s.constraints.protectedShareBasisPoints / 100}% of the envelope to backlog maintenance and equipment
            replacement; each Place at least {s.constraints.placeMinimumBasisPoints / 100}%; cross-Place schemes {s.constraints.crossPlace.minBasisPoints / 100}–
            {s.constraints.crossPlace.maxBasisPoints / 100}%. Gates: only organisations inside the NHS capital framework ({s.eligibilityClause}); a scheme of £
            {s.gates.majorSchemeAtLeastPounds.toLocaleString("en-GB")} or more must show its revenue effect, and needs an affordability case if it worsens the
            financial position;{" "}
            {c.restricted.size === 0
              ? "no organisation is under recovery measures"
              : c.liftRecovery
                ? `recovery restrictions on ${[...c.restricted.keys()].join(", ")} lifted for this what-if`
                : `${[...c.restricted.keys()].join(", ")} under recovery measures cannot draw discretionary capital`}
            .
          </Text>

          {c.run && !c.run.ok && (
            <Notice intent="error">{c.run.message}</Notice>
          )}
          {optimum?.status === "infeasible" && (
            <Notice intent="error" title="No portfolio meets the constraints">
              {optimum.reasons.join(". ")}.
            </Notice>
          )}
          {optimum?.status === "unproven" && (
            <Notice intent="warning" title="No portfolio is given: the best could not be proven">
              {optimum.message}
            </Notice>
          )}
          {a && optimum?.status === "optimal" && c.rows && (
            <>
              <Card aria-label="The chosen objective against funding down the list" data-testid="capital-summary">
                <CardHeader
                  header={<Text weight="semibold">{`${c.objectiveLabels[a.objective].charAt(0).toUpperCase()}${c.objectiveLabels[a.objective].slice(1)}`}</Text>}
                  description={`${optimum.funded.filter(Boolean).length} schemes, ${pounds(optimum.totalCost)} of ${pounds(a.rules.envelope)}; proven to the penny`}
                />
                <div className={styles.figures}>
                  <div>
                    <Text block size={200} className={base.muted}>
                      Chosen portfolio: total score
                    </Text>
                    <Text size={500} weight="semibold">
                      {optimum.totalScore.toFixed(1)}
                    </Text>
                  </div>
                  <div>
                    <Text block size={200} className={base.muted}>
                      Funding down the ranked list
                    </Text>
                    <Text size={500} weight="semibold">
                      {a.ranked.status === "optimal" ? a.ranked.totalScore.toFixed(1) : "–"}
                    </Text>
                  </div>
                </div>
                {c.objectiveNotes.slice(1).map((line) => (
                  <Text key={line} block data-testid="capital-comparison">
                    {line}
                  </Text>
                ))}
                {a.rules.years && a.rules.years.length > 1 && (
                  <Table size="small" aria-label="Plan by year">
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell>Year</TableHeaderCell>
                        <TableHeaderCell>Funded</TableHeaderCell>
                        <TableHeaderCell>Envelope</TableHeaderCell>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {a.rules.years.map((y, t) => (
                        <TableRow key={y.label}>
                          <TableCell>{y.label}</TableCell>
                          <TableCell>{millions(optimum.costByYear[t]!)}</TableCell>
                          <TableCell>{millions(y.envelope)}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                )}
              </Card>

              <Table size="small" aria-label="Schemes ranked by weighted score">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell style={{ width: "2.5rem" }}>Rank</TableHeaderCell>
                    <TableHeaderCell>Scheme, score and decision</TableHeaderCell>
                    <TableHeaderCell style={{ width: "6.5rem" }}>Lock</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {c.rows.map((r) => {
                    const parts = a.assessed.find((x) => x.scheme.name === r.scheme.name)!.parts;
                    return (
                      <TableRow key={r.scheme.name} className={r.decision === "FUNDED" ? styles.funded : undefined}>
                        <TableCell>{r.rank}</TableCell>
                        <TableCell>
                          <Text block weight="semibold">
                            <span>{r.scheme.name}</span>{" "}
                            <Badge appearance="filled" color={r.decision === "FUNDED" ? "success" : r.decision === "EXCLUDED" ? "danger" : "informative"}>
                              {r.decision === "FUNDED" ? "Funded" : r.decision === "EXCLUDED" ? "Excluded" : "Not funded"}
                            </Badge>
                          </Text>
                          <Text block size={200} className={base.muted}>
                            {r.scheme.organisation} · {r.scheme.place === null ? "Cross-Place" : c.rulebook.places.find((p) => p.id === r.scheme.place)?.name} ·{" "}
                            {s.categories.find((k) => k.id === r.scheme.category)?.label} · {millions(r.scheme.cost)} · score {r.score.toFixed(1)}
                          </Text>
                          <Text block size={200} className={base.muted}>
                            {parts.map((p) => `${p.criterion} ${p.score}/${s.scale.max} → ${p.points.toFixed(1)}`).join(" · ")}
                          </Text>
                          {r.reason && <Text block size={200}>{r.reason}</Text>}
                        </TableCell>
                        <TableCell>
                          <Select
                            size="small"
                            aria-label={`Lock ${r.scheme.name}`}
                            value={c.locks.get(r.scheme.name) ?? ""}
                            onChange={(_e, d) => c.setLock(r.scheme.name, (d.value || null) as Lock)}
                          >
                            <option value="">Free</option>
                            <option value="in">Lock in</option>
                            <option value="out">Lock out</option>
                          </Select>
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>

              <Card aria-label="Sensitivity to the weights">
                <CardHeader
                  header={<Text weight="semibold">Sensitivity to the weights</Text>}
                  description={
                    a.candidates.length > EXACT_SENSITIVITY_LIMIT
                      ? `Each draw moves every weight by up to ±20%; with more than ${EXACT_SENSITIVITY_LIMIT} schemes each draw funds down the ranked list within the constraints (fast, not an optimum), off the task pane's thread.`
                      : "Each draw moves every weight by up to ±20% and solves that draw's optimal portfolio exactly, off the task pane's thread."
                  }
                />
                <div className={base.row}>
                  <Button appearance="primary" disabled={c.running !== undefined} onClick={() => c.runSensitivity(500)}>
                    Run 500 draws
                  </Button>
                  <Button disabled={c.running !== undefined} onClick={() => c.runSensitivity(2_000)}>
                    Run 2,000 draws
                  </Button>
                  {c.running && <Button onClick={c.cancelSensitivity}>Cancel</Button>}
                </div>
                {c.running && (
                  <Field label={`Draws: ${c.running.done.toLocaleString("en-GB")} of ${c.running.total.toLocaleString("en-GB")}`}>
                    <ProgressBar value={c.running.done / c.running.total} />
                  </Field>
                )}
                {c.sensitivityResult && "failed" in c.sensitivityResult && (
                  <Notice intent="error">The sensitivity run stopped: {c.sensitivityResult.failed}</Notice>
                )}
                {c.sensitivityResult && "funded" in c.sensitivityResult && c.sensitivityResult.draws > 0 && (
                  <>
                    <Text size={200} data-testid="sensitivity-summary">
                      {c.sensitivityResult.draws.toLocaleString("en-GB")} draws
                      {c.sensitivityResult.infeasible ? `, ${c.sensitivityResult.infeasible} with no feasible portfolio` : ""}
                      {c.sensitivityResult.unproven ? `, ${c.sensitivityResult.unproven} not proven` : ""}.{" "}
                      {c.sensitivityStale ? "The inputs have changed since: run it again." : ""}
                    </Text>
                    <ProbabilityChart
                      bars={a.assessed
                        .map((x, i) => ({ label: x.scheme.name, probability: (c.sensitivityResult as { funded: number[]; draws: number }).funded[i]! / (c.sensitivityResult as { draws: number }).draws }))
                        .filter((b) => b.probability > 0)
                        .sort((x, y) => y.probability - x.probability)}
                    />
                  </>
                )}
              </Card>

              <Card aria-label="Efficient frontier">
                <CardHeader
                  header={<Text weight="semibold">Efficient frontier</Text>}
                  description="The chosen objective's proven portfolio at envelopes from a quarter to one and a half times this one (each year's alike): its total score, one solve per point."
                />
                <div className={base.row}>
                  <Button disabled={c.frontierDrawing !== undefined} onClick={c.drawFrontier}>
                    {c.frontierPoints ? "Draw it again" : "Draw the frontier"}
                  </Button>
                  {c.frontierDrawing !== undefined && <Button onClick={c.cancelFrontier}>Cancel</Button>}
                  {c.frontierStale && <Text size={200}>The inputs have changed since it was drawn.</Text>}
                  {c.frontierStopped && c.frontierPoints && (
                    <Text size={200}>Cancelled: {c.frontierPoints.length} of 11 envelopes solved.</Text>
                  )}
                </div>
                {c.frontierDrawing !== undefined && (
                  <Field label={`Solving: ${c.frontierDrawing} of 11 envelopes`}>
                    <ProgressBar value={c.frontierDrawing / 11} />
                  </Field>
                )}
                {c.frontierPoints && <FrontierChart points={c.frontierPoints} current={a.rules.envelope} />}
              </Card>

              <div className={base.row}>
                <Button appearance="primary" onClick={c.takeToBoard}>
                  Take to Board decision
                </Button>
                <Button onClick={() => void c.writeReport()}>Write capital report</Button>
                <Button appearance="subtle" onClick={c.refresh}>
                  Refresh from workbook
                </Button>
              </div>
              <Text size={200} className={base.muted}>
                When the SLE cannot agree, the Partnership Board decides capital priorities with not less than 75% of eligible members: Take to Board decision
                opens the Decisions panel with the funded list as the matter.
              </Text>
              <OutcomeNotice outcome={c.written} />
            </>
          )}
        </>
      )}
    </section>
  );
}
