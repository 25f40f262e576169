// The Capital panel's charts: each scheme's probability of being funded, and the efficient frontier.
import { HorizontalBarChartWithAxis, LineChart } from "@fluentui/react-charts";
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { ChartFigure } from "../ChartFigure";
import type { FrontierPoint } from "../../rules/capital";
import { fromPence } from "../../rules/money";
import { millions } from "../format";

export function ProbabilityChart({ bars }: { bars: { label: string; probability: number }[] }) {
  const title = "Probability of being funded, weights varied ±20%";
  return (
    <ChartFigure title={title} summary={probabilityText(bars)}>
      <HorizontalBarChartWithAxis
        data={bars.map((b) => ({
          x: Math.round(b.probability * 1000) / 10,
          y: b.label,
          color: b.probability >= 0.95 ? tokens.colorPaletteGreenBackground3 : b.probability >= 0.05 ? tokens.colorPaletteMarigoldBackground3 : tokens.colorNeutralBackground5,
          xAxisCalloutData: `${(b.probability * 100).toFixed(1)}%`,
          callOutAccessibilityData: { ariaLabel: `${b.label}: ${(b.probability * 100).toFixed(1)}% of draws fund it` },
        }))}
        height={Math.max(160, 24 * bars.length + 60)}
        xAxisTitle="% of draws"
        yAxisCategoryOrder="data"
        hideLegend
        // The value beside each bar is cut off in a narrow pane; the axis, the callout and the text below give it.
        hideLabels
        showYAxisLables
        chartTitle={title}
      />
    </ChartFigure>
  );
}

/** The chart in words, for a narrow pane and for screen readers: which schemes every draw funds, and the chance of the rest. */
function probabilityText(bars: { label: string; probability: number }[]): string {
  const always = bars.filter((b) => b.probability >= 1).map((b) => b.label);
  const some = bars.filter((b) => b.probability < 1).map((b) => `${b.label} ${(b.probability * 100).toFixed(1)}%`);
  return [always.length > 0 ? `Funded in every draw: ${always.join("; ")}.` : "", some.length > 0 ? `In some draws: ${some.join("; ")}.` : ""].filter(Boolean).join(" ");
}

/** The chosen portfolio as a point on the frontier: at the envelope now (each year's summed), with the proven portfolio's total score. */
export interface Chosen {
  envelope: number;
  totalScore: number;
}

const sameScore = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * The frontier's point that is the chosen portfolio: the one drawn at the envelope now whose best score is the chosen
 * portfolio's. None when the frontier was drawn for other inputs (or that envelope has no proven portfolio).
 */
export function chosenOnFrontier(points: readonly FrontierPoint[], chosen: Chosen): FrontierPoint | undefined {
  return points.find((p) => p.envelope === chosen.envelope && p.totalScore !== null && sameScore(p.totalScore, chosen.totalScore));
}

/** Where a frontier point is drawn: £ million across, the score (to a tenth) up. The line and the marker share it, so the marker sits on its point. */
export const frontierXY = (p: FrontierPoint) => ({ x: p.envelope / 100 / 1_000_000, y: Math.round(p.totalScore! * 10) / 10 });

const useStyles = makeStyles({
  // The chart draws a one-point line as a small dot: the chosen portfolio's is made big enough to see on the line.
  chart: { "& circle[aria-label^='The chosen portfolio']": { r: "7px", stroke: tokens.colorNeutralBackground1, strokeWidth: "2px" } },
});

/**
 * The frontier of the chosen objective: its proven portfolio's total score at each envelope. Only the total-score
 * objective maximises that score, so only then is it the best score (an efficient frontier); under any other objective
 * the title says whose portfolio it is, and the score may fall as the envelope grows (larger schemes fill it).
 */
export function FrontierChart({ points, chosen, objective }: { points: FrontierPoint[]; chosen: Chosen; objective: { name: string; maximisesScore: boolean } }) {
  const styles = useStyles();
  const title = objective.maximisesScore ? "Efficient frontier: best total score by envelope" : `Total score by envelope of the portfolio for ${objective.name.toLowerCase()}`;
  const measure = objective.maximisesScore ? "Best total score" : "Total score";
  const data = points.filter((p) => p.totalScore !== null).map(frontierXY);
  const on = chosenOnFrontier(points, chosen);
  const where = `The chosen portfolio: envelope ${millions(fromPence(chosen.envelope), 1)}, total score ${chosen.totalScore.toFixed(1)}`;
  return (
    <ChartFigure
      title={title}
      summary={
        <>
          {on ? `${where}, marked on the line.` : `${where}, not on this frontier: it was drawn for other inputs, so draw it again.`}{" "}
          {points.some((p) => p.totalScore === null) ? "Where a point is missing, no portfolio meets the constraints at that envelope." : ""}
          {objective.maximisesScore ? "" : ` ${objective.name} does not maximise total score, so the score can fall as the envelope grows.`}
        </>
      }
    >
      <div className={styles.chart}>
      <LineChart
        data={{
          chartTitle: title,
          lineChartData: [
            { legend: measure, data, color: tokens.colorBrandBackground },
            ...(on
              ? [{ legend: "Chosen portfolio", data: [{ ...frontierXY(on), text: `${where}.` }], color: tokens.colorPaletteDarkOrangeBackground3 }]
              : []),
          ],
        }}
        height={240}
        xAxisTitle="Envelope, £ million"
        yAxisTitle="Total score"
        showYAxisLables
        enabledLegendsWrapLines
      />
      </div>
      <Text size={200}>
        {measure} by envelope:{" "}
        {points.map((p) => `${millions(fromPence(p.envelope), 1)} ${p.totalScore === null ? "none" : p.totalScore.toFixed(1)}`).join("; ")}.
      </Text>
    </ChartFigure>
  );
}
