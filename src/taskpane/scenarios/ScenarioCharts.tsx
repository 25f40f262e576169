// Scenarios as charts: allocation per Place, and the headline amounts, one bar per scenario.
import { GroupedVerticalBarChart, type GroupedVerticalBarChartData } from "@fluentui/react-charts";
import { tokens } from "@fluentui/react-components";
import { ChartFigure } from "../ChartFigure";
import type { Money } from "../../rules/money";
import type { Rulebook } from "../../rules/rulebook";
import { unitsOfTier } from "../../rules/tiers";
import { millions } from "../format";
import type { ComparisonRow, Compared } from "./comparison";

const COLOURS = [tokens.colorBrandBackground, tokens.colorPaletteDarkOrangeBackground3, tokens.colorPaletteLightTealBackground2];
const inMillions = (m: Money) => m.dividedBy(1_000_000).toDecimalPlaces(2).toNumber();

function Chart({ title, groups, compared }: { title: string; groups: { name: string; values: (Money | null)[] }[]; compared: Compared[] }) {
  const data: GroupedVerticalBarChartData[] = groups.map((g) => ({
    name: g.name,
    series: compared.flatMap((c, i) => {
      const v = g.values[i];
      if (v === null || v === undefined) return [];
      return [
        {
          key: c.scenario.id,
          data: inMillions(v),
          legend: c.scenario.name,
          color: COLOURS[i % COLOURS.length]!,
          yAxisCalloutData: millions(v),
          callOutAccessibilityData: { ariaLabel: `${g.name}, ${c.scenario.name}: ${millions(v)}` },
        },
      ];
    }),
  }));
  return (
    <ChartFigure title={title} summary={`${groups.map((g) => g.name).join("; ")} for ${compared.map((c) => c.scenario.name).join(", ")}: the table "Scenarios side by side" above gives each figure.`}>
      {/* Every scenario in the legend (wrapped, never "+1 more"), and every group named (none hidden as overlapping). */}
      <GroupedVerticalBarChart data={data} height={240} yAxisTitle="£ million" chartTitle={title} hideLabels wrapXAxisLables showYAxisLables hideTickOverlap={false} enabledLegendsWrapLines />
    </ChartFigure>
  );
}

/** The comparison table's rows as charts (the rows are worked out once, by the table). */
export function ScenarioCharts({ rulebook, rows, compared }: { rulebook: Rulebook; rows: readonly ComparisonRow[]; compared: Compared[] }) {
  const pick = (group: string, labels: readonly string[]) =>
    rows.filter((r) => r.group === group && labels.includes(r.label)).map((r) => ({ name: r.label, values: r.cells.map((c) => c.value) }));
  return (
    <>
      <Chart
        title={`Allocation per ${rulebook.tiers.find((t) => t.id === rulebook.allocation?.tier)?.label ?? rulebook.tiers[0]!.label} by scenario`}
        groups={pick("Allocation", unitsOfTier(rulebook, rulebook.allocation?.tier).map((p) => p.name))}
        compared={compared}
      />
      <Chart
        title="System position and capital by scenario"
        groups={[...pick("Control total", ["System forecast variance", "Not covered by Place reserves"]), ...pick("Capital", ["Cost of the portfolio"])]}
        compared={compared}
      />
    </>
  );
}
