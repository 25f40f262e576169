// A Board pack page's chart as plain SVG with its own colours and fonts: it prints as drawn, and the same drawing
// becomes the picture on the downloaded workbook's sheet (see chartImage.ts).
import { forwardRef } from "react";
import type { NegativeStyle } from "../../rules/money";
import { cellText, type BoardSummary } from "../../workbook/boardPack";

export const CHART_WIDTH = 640;
const LABEL = 220;
const VALUE = 96;
const BAR = 16;
const GAP = 6;
const TOP = 30;

/**
 * A long name shortened in the middle: names in one chart often share their start ("NHS Mid and South Essex ICB: …"),
 * so the end, which tells them apart, is kept.
 */
export const short = (text: string, most: number) => {
  if (text.length <= most) return text;
  const head = Math.floor((most - 1) * 0.4);
  return `${text.slice(0, head).trimEnd()}…${text.slice(text.length - (most - 1 - head)).trimStart()}`;
};

/** The bars of the summary's chart column against its categories, each value written at the right. */
export const SummaryChart = forwardRef<SVGSVGElement, { summary: BoardSummary; negatives: NegativeStyle }>(function SummaryChart({ summary, negatives }, ref) {
  const columns = summary.table.columns;
  const at = columns.findIndex((c) => c.header === summary.chart.values);
  const by = columns.findIndex((c) => c.header === summary.chart.categories);
  const bars = summary.rows.filter((r) => typeof r[at] === "number").map((r) => ({ label: String(r[by] ?? ""), value: r[at] as number }));
  const height = TOP + bars.length * (BAR + GAP) + 8;
  const low = Math.min(0, ...bars.map((b) => b.value));
  const high = Math.max(0, ...bars.map((b) => b.value));
  const span = high - low || 1;
  const plot = CHART_WIDTH - LABEL - VALUE;
  const x = (v: number) => LABEL + ((v - low) / span) * plot;
  return (
    <svg ref={ref} xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${CHART_WIDTH} ${height}`} width={CHART_WIDTH} height={height} role="img" aria-label={`${summary.chart.title}: the table above gives each figure`} fontFamily="Arial, Helvetica, sans-serif" fontSize="11">
      <rect x="0" y="0" width={CHART_WIDTH} height={height} fill="#ffffff" />
      <text x="0" y="16" fontSize="13" fontWeight="bold" fill="#242424">
        {summary.chart.title}
      </text>
      <line x1={x(0)} x2={x(0)} y1={TOP - 4} y2={height - 4} stroke="#616161" />
      {bars.map((b, i) => {
        const y = TOP + i * (BAR + GAP);
        const from = Math.min(x(0), x(b.value));
        return (
          <g key={i}>
            <text x={LABEL - 6} y={y + BAR - 4} textAnchor="end" fill="#242424">
              {short(b.label, 30)}
            </text>
            <rect x={from} y={y} width={Math.max(1, Math.abs(x(b.value) - x(0)))} height={BAR} fill={b.value < 0 ? "#c50f1f" : "#0f6cbd"} />
            <text x={CHART_WIDTH - 2} y={y + BAR - 4} textAnchor="end" fill="#242424">
              {cellText(columns[at]!, b.value, negatives)}
            </text>
          </g>
        );
      })}
    </svg>
  );
});
