// The Capital panel: the answer first (the proven portfolio against funding down the list, and the Board), then the objective and envelope; weights, rules, the score breakdowns, sensitivity and the frontier in collapsed sections; the ranked schemes, each with its reason.
import {
  Button,
  Card,
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
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { Notice, OutcomeNotice, ReadProblem } from "../Notice";
import { usePanelStyles } from "../panelStyles";
import { Section, Sections } from "../Section";
import { fromPence, Money } from "../../rules/money";
import type { Assessment, ObjectiveId } from "../../rules/capital";
import { CAPITAL_OBJECTIVES, type CapitalSettings } from "../../rules/rulebook";
import { CapitalSchemes } from "./CapitalSchemes";
import { FrontierSection, SensitivitySection } from "./CapitalExplore";
import { useCapital } from "./useCapital";
import { millions as inMillions, penceAsPounds, shares, takenAs } from "../format";

type Capital = ReturnType<typeof useCapital>;

const useStyles = makeStyles({
  weight: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) auto", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  // Tighter than the other panels: forty schemes and the answer above them within three screens at 400 px.
  panel: { gap: tokens.spacingVerticalS },
  // A field in a narrow pane: never wider than the card, however long its options or hint.
  fits: { minWidth: 0, maxWidth: "100%", overflowWrap: "anywhere" },
  card: { minWidth: 0, gap: tokens.spacingVerticalXS },
  inputs: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
});

const pounds = penceAsPounds;
const millions = (pence: number) => inMillions(fromPence(pence));
/** Each criterion's share of the points, adding to 100% as shown (largest remainder), or nothing when all are zero. */
const pointShares = (points: readonly number[], places: number) => shares(points.map((p) => new Money(p)), places);
const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

export function CapitalPanel() {
  const styles = useStyles();
  const base = usePanelStyles();
  const c = useCapital();
  const s = c.settings;
  const a = c.run?.ok ? c.run.assessment : undefined;
  const optimum = a?.optimum;

  return (
    <section className={mergeClasses(base.panel, styles.panel)} aria-labelledby="capital-heading">
      <Text id="capital-heading" as="h2" weight="semibold" size={400}>
        Capital
      </Text>
      <Text size={200} className={base.muted}>
        The proven portfolio within the envelope, and why each other scheme is not funded{s ? ` (${s.clause})` : ""}.
      </Text>
      {!s && <Notice intent="error">The rulebook in force has no capital section, so there are no criteria to score by.</Notice>}
      {c.loadError && <ReadProblem title="Fix the Schemes table first">{c.loadError}</ReadProblem>}
      {c.hasTable === false && <Notice intent="info">This workbook has no Schemes table yet. Choose Set up workbook to add it with the sample schemes.</Notice>}
      {c.restrictionProblem && (
        <Notice intent="warning" title="Recovery restrictions not applied">
          The control total&apos;s Plans table could not be read, so no organisation is treated as under recovery measures until it is fixed: {c.restrictionProblem}
        </Notice>
      )}
      {c.solverError && <Notice intent="error">{c.solverError}</Notice>}
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
          {c.run && !c.run.ok && <Notice intent="error">{c.run.message}</Notice>}
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
          {a && optimum?.status === "optimal" && c.rows && <ResultCard c={c} assessment={a} />}
          <InputsCard c={c} settings={s} />
          <Sections>
            <Section value="about" title="About the objective">
              <Text size={200}>
                The rulebook&apos;s default, to {c.objectiveLabels[s.objective.default]} ({s.objective.clause}): {s.objective.note}
              </Text>
            </Section>
            <Section value="weights" title="Weights" summary={weightsSummary(c, s)}>
              <WeightsSection c={c} settings={s} />
            </Section>
            <Section value="rules" title={`Rules applied (${s.constraints.clause})`}>
              <RulesSection c={c} settings={s} />
            </Section>
          </Sections>
          {a && optimum?.status === "optimal" && c.rows && (
            <>
              <CapitalSchemes rows={c.rows} assessment={a} settings={s} rulebook={c.rulebook} locks={c.locks} setLock={c.setLock} />
              <Sections>
                <Section value="sensitivity" title="Sensitivity to the weights">
                  <SensitivitySection c={c} assessment={a} />
                </Section>
                <Section value="frontier" title="Efficient frontier">
                  <FrontierSection c={c} assessment={a} />
                </Section>
              </Sections>
              <div className={base.row}>
                <Button size="small" appearance="subtle" onClick={c.refresh}>
                  Refresh from workbook
                </Button>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}

/** The answer: how many schemes, what they cost of the envelope, proven or not, against funding down the list; and the Board. */
function ResultCard({ c, assessment: a }: { c: Capital; assessment: Assessment }) {
  const styles = useStyles();
  const base = usePanelStyles();
  const optimum = a.optimum;
  if (optimum.status !== "optimal") return null;
  return (
    <Card aria-label="The chosen objective against funding down the list" data-testid="capital-summary" className={styles.card}>
      <Text weight="semibold">{capitalised(c.objectiveLabels[a.objective])}</Text>
      <Text aria-live="polite">{`${optimum.funded.filter(Boolean).length} schemes funded, ${pounds(optimum.totalCost)} of ${pounds(a.rules.envelope)}; proven to the penny`}</Text>
      <Text size={200}>
        Total score <strong>{optimum.totalScore.toFixed(1)}</strong>; funding down the ranked list{" "}
        <strong>{a.ranked.status === "optimal" ? a.ranked.totalScore.toFixed(1) : "–"}</strong>
      </Text>
      {c.objectiveNotes.slice(1).map((line) => (
        <Text key={line} block size={200} data-testid="capital-comparison">
          {line}
        </Text>
      ))}
      {a.rules.years && a.rules.years.length > 1 && (
        <Table size="extra-small" aria-label="Plan by year">
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
      <div className={base.row}>
        <Button size="small" appearance="primary" onClick={c.takeToBoard}>
          Take to Board decision
        </Button>
        <Button size="small" onClick={() => void c.writeReport()}>
          Write capital report
        </Button>
      </div>
      <OutcomeNotice outcome={c.written} />
    </Card>
  );
}

/** The objective, the envelope (one, or one a year) and the recovery what-if: the inputs that change the answer most. */
function InputsCard({ c, settings: s }: { c: Capital; settings: CapitalSettings }) {
  const styles = useStyles();
  const base = usePanelStyles();
  return (
    <div role="group" aria-label="Objective and envelope" className={styles.inputs}>
      <Field
        className={styles.fits}
        label="Objective"
        hint={
          c.objective === s.objective.default
            ? `The rulebook's default (${s.objective.clause}).`
            : `The rulebook's default is to ${c.objectiveLabels[s.objective.default]} (${s.objective.clause}).`
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
    </div>
  );
}

/** The weights at a glance, for the collapsed section's header: each criterion's share, and whether they are the rulebook's. */
function weightsSummary(c: Capital, s: CapitalSettings): string {
  const shares = pointShares(c.points, 0)?.join(" · ") ?? "all zero";
  const own = c.points.every((p, i) => p === s.criteria[i]?.weight);
  return `${c.mode === "swing" ? "Swing: " : ""}${shares}${own ? " (the rulebook's)" : ""}`;
}

function WeightsSection({ c, settings: s }: { c: Capital; settings: CapitalSettings }) {
  const styles = useStyles();
  const base = usePanelStyles();
  const weights = pointShares(c.points, 1);
  return (
    <div className={base.panel}>
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
          <Field className={styles.fits} label={`${criterion.label}${c.mode === "swing" ? " (swing)" : ""}`}>
            <Slider min={0} max={100} value={c.points[i]} onChange={(_e, d) => c.setPoint(i, d.value)} />
          </Field>
          <Text className={base.nowrap} aria-live="polite">
            {c.points[i]} · {weights?.[i] ?? "–"}
          </Text>
        </div>
      ))}
      <div className={base.row}>
        <Button size="small" onClick={c.resetWeights}>
          Rulebook weights
        </Button>
      </div>
    </div>
  );
}

/** The constraints and gates the portfolio is held to, and the Board's rule when the SLE cannot agree. */
function RulesSection({ c, settings: s }: { c: Capital; settings: CapitalSettings }) {
  const base = usePanelStyles();
  return (
    <div className={base.panel}>
      <Text size={200}>
        Constraints ({s.constraints.clause}): at least {s.constraints.protectedShareBasisPoints / 100}% of the envelope to backlog maintenance and equipment replacement;
        each Place at least {s.constraints.placeMinimumBasisPoints / 100}%; cross-Place schemes {s.constraints.crossPlace.minBasisPoints / 100}–
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
      <Text size={200} className={base.muted}>
        When the SLE cannot agree, the Partnership Board decides capital priorities with not less than 75% of eligible members: Take to Board decision opens the
        Decisions panel with the funded list as the matter.
      </Text>
    </div>
  );
}
