// A bar chart of forecast variance (adverse to the left), coloured by RAG, in Fluent UI's own charts.
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

export function VarianceChart({ title, bars }: { title: string; bars: Bar[] }) {
  // Most adverse at the top, as an SLE would read down the list.
  const sorted = [...bars].sort((a, b) => b.value.comparedTo(a.value));
  const data: HorizontalBarChartWithAxisDataPoint[] = sorted.map((b) => ({
    x: b.value.dividedBy(1_000_000).toDecimalPlaces(2).toNumber(),
    y: b.label,
    color: RAG_FILL[b.rag],
    legend: capitalised(b.rag),
    xAxisCalloutData: millions(b.value),
    callOutAccessibilityData: { ariaLabel: `${b.label}: ${millions(b.value)}, ${b.rag}` },
  }));
  return (
    <ChartFigure title={title}>
      <HorizontalBarChartWithAxis
        data={data}
        height={Math.max(140, 28 * bars.length + 60)}
        xAxisTitle="£ million (negative is adverse)"
        yAxisCategoryOrder="data"
        hideLegend
        showYAxisLables
        chartTitle={title}
      />
    </ChartFigure>
  );
}
