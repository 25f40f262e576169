// Year-to-date plan against actual by month, as a line chart in Fluent UI's own charts, with the figures as a table for screen readers (and anyone).
import { LineChart, type ChartProps } from "@fluentui/react-charts";
import { makeStyles, tokens } from "@fluentui/react-components";
import { ChartFigure } from "../ChartFigure";
import { FINANCIAL_MONTHS } from "../../rules/controlTotal";
import { calendarYearOf, type FinancialYear, type TrendPoint } from "../../rules/statement";
import { inUnit, UNIT_LABEL, UNIT_SCALE, withUnit, type DisplayUnit } from "../format";

const useStyles = makeStyles({
  details: { fontSize: tokens.fontSizeBase200 },
  table: { borderCollapse: "collapse", "& th, & td": { padding: `0 ${tokens.spacingHorizontalS}`, textAlign: "right" }, "& th:first-child, & td:first-child": { textAlign: "left" } },
});

const short = (month: number) => FINANCIAL_MONTHS[month - 1]!.slice(0, 3);

/** `subject` ("System", "MSEFT") names the lines, so two trend charts on the pane never share a landmark's name. */
export function TrendChart({ title, subject, points, year, unit }: { title: string; subject: string; points: readonly TrendPoint[]; year: FinancialYear; unit: DisplayUnit }) {
  const styles = useStyles();
  if (points.length === 0) return null;
  const label = UNIT_LABEL[unit];
  const date = (month: number) => new Date(calendarYearOf(year, month), (month + 2) % 12, 1);
  // The chart draws in the unit (a float is fine for a line's height); the callouts and the table show the rounded figure.
  const plot = (p: TrendPoint, pick: "ytdPlan" | "ytdActual") => ({
    x: date(p.month),
    y: p[pick].dividedBy(UNIT_SCALE[unit].divisor).toNumber(),
    xAxisCalloutData: `${short(p.month)} ${calendarYearOf(year, p.month)}`,
    yAxisCalloutData: withUnit(p[pick], unit),
  });
  const data: ChartProps = {
    chartTitle: title,
    lineChartData: [
      { legend: `${subject} YTD plan`, data: points.map((p) => plot(p, "ytdPlan")), color: tokens.colorNeutralForeground3, lineOptions: { strokeDasharray: "5 3" } },
      { legend: `${subject} YTD actual`, data: points.map((p) => plot(p, "ytdActual")), color: tokens.colorBrandForeground1 },
    ],
  };
  const last = points.at(-1)!;
  const gap = last.ytdActual.minus(last.ytdPlan);
  const summary = `By ${FINANCIAL_MONTHS[last.month - 1]} the year-to-date actual is ${withUnit(last.ytdActual, unit)} against a plan of ${withUnit(last.ytdPlan, unit)}: ${gap.isZero() ? "on plan" : `${withUnit(gap.abs(), unit)} ${gap.isNegative() ? "adverse" : "favourable"}`} (a negative figure is a deficit).`;
  // Every third month on the axis (and the last), so the labels never run together at 350 px.
  const ticks = points.filter((p, i) => i % 3 === 0 || i === points.length - 1).map((p) => date(p.month));
  return (
    <ChartFigure title={title} summary={summary}>
      <div>
        <LineChart
          data={data}
          height={220}
          yAxisTitle={label}
          // Measures the tick labels so the axis title sits clear of them (without it the title overlaps "-18,400").
          showYAxisLables
          roundedTicks
          yAxisTickCount={4}
          yAxisTickFormat={(v: number) => v.toLocaleString("en-GB", { maximumFractionDigits: 0 })}
          customDateTimeFormatter={(d: Date) => short(((d.getMonth() + 9) % 12) + 1)}
          tickValues={ticks}
          enabledLegendsWrapLines
        />
      </div>
      <details className={styles.details}>
        <summary>The figures as a table</summary>
        <table className={styles.table}>
          <caption>
            {title}, {label}
          </caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">YTD plan ({label})</th>
              <th scope="col">YTD actual ({label})</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.month}>
                <th scope="row">
                  {short(p.month)} {calendarYearOf(year, p.month)}
                </th>
                <td>{inUnit(p.ytdPlan, unit)}</td>
                <td>{inUnit(p.ytdActual, unit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </ChartFigure>
  );
}
