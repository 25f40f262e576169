// Grouped bars per Place: the formula's target against the allocation after floors, caps and pace of change.
import { GroupedVerticalBarChart, type GroupedVerticalBarChartData } from "@fluentui/react-charts";
import { tokens } from "@fluentui/react-components";
import { ChartFigure } from "../ChartFigure";
import type { FormulaResult } from "../../rules/allocation";
import { millions } from "../format";

const inMillions = (m: FormulaResult["fund"]) => m.dividedBy(1_000_000).toDecimalPlaces(2).toNumber();

/** The chart in a sentence: the Place furthest from its target, the table below giving every figure. */
export function targetSummary(result: FormulaResult): string {
  if (result.places.length === 0) return "";
  const gap = (p: FormulaResult["places"][number]) => p.allocation.minus(p.target);
  const furthest = result.places.reduce((f, p) => (gap(p).abs().greaterThan(gap(f).abs()) ? p : f));
  const g = gap(furthest);
  return g.isZero()
    ? "Every Place is allocated its target; the table below gives each figure."
    : `Furthest from its target: ${furthest.place}, allocated ${millions(furthest.allocation)} against ${millions(furthest.target)} (${millions(g.abs())} ${g.isNegative() ? "below" : "above"}). The table below gives each figure.`;
}

export function TargetChart({ result }: { result: FormulaResult }) {
  const data: GroupedVerticalBarChartData[] = result.places.map((p) => ({
    name: p.place,
    series: [
      {
        key: "target",
        data: inMillions(p.target),
        legend: "Target",
        color: tokens.colorPaletteLightTealBackground2,
        yAxisCalloutData: millions(p.target),
        callOutAccessibilityData: { ariaLabel: `${p.place} target ${millions(p.target)}` },
      },
      {
        key: "allocation",
        data: inMillions(p.allocation),
        legend: "Allocation",
        color: tokens.colorBrandBackground,
        yAxisCalloutData: millions(p.allocation),
        callOutAccessibilityData: { ariaLabel: `${p.place} allocation ${millions(p.allocation)}` },
      },
    ],
  }));
  const title = "Target and allocation by Place";
  return (
    <ChartFigure title={title} summary={targetSummary(result)}>
      <GroupedVerticalBarChart data={data} height={260} yAxisTitle="£ million" chartTitle={title} hideLabels wrapXAxisLables showYAxisLables hideTickOverlap={false} enabledLegendsWrapLines />
    </ChartFigure>
  );
}
