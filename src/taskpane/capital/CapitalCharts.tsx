// The Capital panel's charts: each scheme's probability of being funded, and the efficient frontier.
import { HorizontalBarChartWithAxis, LineChart } from "@fluentui/react-charts";
import { Text, tokens } from "@fluentui/react-components";
import { ChartFigure } from "../ChartFigure";
import type { FrontierPoint } from "../../rules/capital";
import { fromPence } from "../../rules/money";
import { millions } from "../format";

export function ProbabilityChart({ bars }: { bars: { label: string; probability: number }[] }) {
  const title = "Probability of being funded, weights varied ±20%";
  return (
    <ChartFigure title={title}>
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
      <Text size={200}>{probabilityText(bars)}</Text>
    </ChartFigure>
  );
}

/** The chart in words, for a narrow pane and for screen readers: which schemes every draw funds, and the chance of the rest. */
function probabilityText(bars: { label: string; probability: number }[]): string {
  const always = bars.filter((b) => b.probability >= 1).map((b) => b.label);
  const some = bars.filter((b) => b.probability < 1).map((b) => `${b.label} ${(b.probability * 100).toFixed(1)}%`);
  return [always.length > 0 ? `Funded in every draw: ${always.join("; ")}.` : "", some.length > 0 ? `In some draws: ${some.join("; ")}.` : ""].filter(Boolean).join(" ");
}

export function FrontierChart({ points, current }: { points: FrontierPoint[]; current: number }) {
  const title = "Efficient frontier: best total score by envelope";
  const data = points.filter((p) => p.totalScore !== null).map((p) => ({ x: p.envelope / 100 / 1_000_000, y: Math.round(p.totalScore! * 10) / 10 }));
  return (
    <ChartFigure title={title}>
      <Text size={200}>
        Envelope now {millions(fromPence(current), 1)}.{" "}
        {points.some((p) => p.totalScore === null) ? "Where a point is missing, no portfolio meets the constraints at that envelope." : ""}
      </Text>
      <LineChart
        data={{ chartTitle: title, lineChartData: [{ legend: "Best total score", data, color: tokens.colorBrandBackground }] }}
        height={240}
        xAxisTitle="Envelope, £ million"
        yAxisTitle="Total score"
        hideLegend
      />
      <Text size={200}>
        Best total score by envelope:{" "}
        {points.map((p) => `${millions(fromPence(p.envelope), 1)} ${p.totalScore === null ? "none" : p.totalScore.toFixed(1)}`).join("; ")}.
      </Text>
    </ChartFigure>
  );
}
