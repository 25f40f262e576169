// The Capital panel's explorations, each the body of a collapsed section: sensitivity to the weights and the efficient frontier.
import { Button, Field, ProgressBar, Text } from "@fluentui/react-components";
import { Notice } from "../Notice";
import { usePanelStyles } from "../panelStyles";
import { EXACT_SENSITIVITY_LIMIT, type Assessment } from "../../rules/capital";
import { FrontierChart, ProbabilityChart } from "./CapitalCharts";
import type { useCapital } from "./useCapital";

type Capital = ReturnType<typeof useCapital>;

export function SensitivitySection({ c, assessment: a }: { c: Capital; assessment: Assessment }) {
  const base = usePanelStyles();
  const result = c.sensitivityResult;
  return (
    <div className={base.panel}>
      <Text size={200} className={base.muted}>
        {a.candidates.length > EXACT_SENSITIVITY_LIMIT
          ? `Each draw moves every weight by up to ±20%; with more than ${EXACT_SENSITIVITY_LIMIT} schemes each draw funds down the ranked list within the constraints (fast, not an optimum), off the task pane's thread.`
          : "Each draw moves every weight by up to ±20% and solves that draw's optimal portfolio exactly, off the task pane's thread."}
      </Text>
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
      {result && "failed" in result && <Notice intent="error">The sensitivity run stopped: {result.failed}</Notice>}
      {result && "funded" in result && result.draws > 0 && (
        <>
          <Text size={200} role="status" data-testid="sensitivity-summary">
            {result.draws.toLocaleString("en-GB")} draws
            {result.infeasible ? `, ${result.infeasible} with no feasible portfolio` : ""}
            {result.unproven ? `, ${result.unproven} not proven` : ""}.{" "}
            {c.sensitivityStale ? "The inputs have changed since: run it again." : ""}
          </Text>
          <ProbabilityChart
            bars={a.assessed
              .map((x, i) => ({ label: x.scheme.name, probability: result.funded[i]! / result.draws }))
              .filter((b) => b.probability > 0)
              .sort((x, y) => y.probability - x.probability)}
          />
        </>
      )}
    </div>
  );
}

/** The proven portfolio at the envelope now, measured as the frontier measures it (a plan over years: the years' envelopes summed). */
function chosenPortfolio(a: Assessment) {
  const envelope = a.rules.years ? a.rules.years.reduce((sum, y) => sum + y.envelope, 0) : a.rules.envelope;
  return { envelope, totalScore: a.optimum.status === "optimal" ? a.optimum.totalScore : Number.NaN };
}

export function FrontierSection({ c, assessment: a }: { c: Capital; assessment: Assessment }) {
  const base = usePanelStyles();
  return (
    <div className={base.panel}>
      <Text size={200} className={base.muted}>
        The chosen objective&apos;s proven portfolio at envelopes from a quarter to one and a half times this one (each year&apos;s alike): its total score, one solve
        per point.
      </Text>
      <div className={base.row}>
        <Button disabled={c.frontierDrawing !== undefined} onClick={c.drawFrontier}>
          {c.frontierPoints ? "Draw it again" : "Draw the frontier"}
        </Button>
        {c.frontierDrawing !== undefined && <Button onClick={c.cancelFrontier}>Cancel</Button>}
      </div>
      <Text size={200} role="status">
        {c.frontierStale && <span>The inputs have changed since it was drawn. </span>}
        {c.frontierStopped && c.frontierPoints && <span>{`Cancelled: ${c.frontierPoints.length} of 11 envelopes solved.`}</span>}
      </Text>
      {c.frontierDrawing !== undefined && (
        <Field label={`Solving: ${c.frontierDrawing} of 11 envelopes`}>
          <ProgressBar value={c.frontierDrawing / 11} />
        </Field>
      )}
      {c.frontierPoints && (
        <FrontierChart points={c.frontierPoints} chosen={chosenPortfolio(a)} objective={{ name: c.objectiveNames[a.objective], maximisesScore: a.objective === "total-score" }} />
      )}
    </div>
  );
}
