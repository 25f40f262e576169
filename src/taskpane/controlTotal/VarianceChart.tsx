// A bar chart of forecast variance (adverse to the left), coloured by RAG, in Fluent UI's own charts, with the chart in words.
import { HorizontalBarChartWithAxis, type HorizontalBarChartWithAxisDataPoint } from "@fluentui/react-charts";
import { tokens } from "@fluentui/react-components";
import { ChartFigure } from "../ChartFigure";
import type { Rag } from "../../rules/controlTotal";
import type { Money } from "../../rules/money";
import { capitalised, millions } from "../format";

const RAG_FILL: Record<Rag, string> = {
  green: tokens.colorPaletteGreenBackground3,
  amber: tokens.colorPaletteMarigoldBackground3,
  red: tokens.colorPaletteRedBackground3,
};

export interface Bar {
  label: string;
  value: Money;
  rag: Rag;
}

/** The chart in a sentence: how many of each RAG status and the most adverse, the table beside it giving every figure. */
export function varianceSummary(bars: readonly Bar[]): string {
  if (bars.length === 0) return "";
  const count = (rag: Rag) => bars.filter((b) => b.rag === rag).length;
  const worst = bars.reduce((w, b) => (b.value.lessThan(w.value) ? b : w));
  return `${count("red")} red, ${count("amber")} amber, ${count("green")} green; the most adverse is ${worst.label} at ${millions(worst.value)}. Negative is adverse; the table gives each figure.`;
}

export function VarianceChart({ title, bars }: { title: string; bars: Bar[] }) {
  // Most adverse at the top, as an SLE would read down the list (the chart draws the first bar at the bottom).
  const sorted = [...bars].sort((a, b) => b.value.comparedTo(a.value));
  const data: HorizontalBarChartWithAxisDataPoint[] = sorted.map((b) => ({
    x: b.value.dividedBy(1_000_000).toDecimalPlaces(1).toNumber(),
    // The value beside the name, not at the bar's end: a negative bar's label would run into the names.
    y: `${b.label} ${millions(b.value, 1)}`,
    color: RAG_FILL[b.rag],
    legend: capitalised(b.rag),
    xAxisCalloutData: millions(b.value),
    callOutAccessibilityData: { ariaLabel: `${b.label}: ${millions(b.value)}, ${b.rag}` },
  }));
  return (
    <ChartFigure title={title} summary={varianceSummary(bars)}>
      <HorizontalBarChartWithAxis
        data={data}
        height={Math.max(140, 28 * bars.length + 60)}
        xAxisTitle="£ million"
        yAxisCategoryOrder="data"
        hideLegend
        hideLabels
        showYAxisLables
        chartTitle={title}
      />
    </ChartFigure>
  );
}
