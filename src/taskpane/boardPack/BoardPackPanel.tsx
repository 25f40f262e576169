// The Board pack in the pane: one page per capability (headline, table with totals, chart, rules and clauses, the
// rulebook's version, the date), to print (one printed page each), to write as report sheets, or (in the preview) to
// download as a workbook. Loaded only when asked for, so the pane starts fast.
import { Button, Spinner, Text } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { cellText, longDate, today, type BoardSummary } from "../../workbook/boardPack";
import { buildBoardPack, CAPABILITY_TITLES, writeBoardPack, type BoardPack } from "../../workbook/boardPackData";
import { MemoryWorkbook } from "../../workbook/memory";
import { createAssessor } from "../capital/assessor";
import { useAddIn } from "../context";
import { Notice, OutcomeNotice } from "../Notice";
import { usePanelStyles } from "../panelStyles";
import { useAction } from "../useAction";
import { chartAsPng } from "./chartImage";
import { SummaryChart } from "./SummaryChart";
import { BOARD_PACK_CSS } from "./printCss";

/** One summary as a page: what prints, and what the pane shows (its table scrolls sideways in a narrow pane). */
function SummaryPage({ summary, chartRef }: { summary: BoardSummary; chartRef?: (svg: SVGSVGElement | null) => void }) {
  // Negatives as the workbook's money style says (minus or brackets), as the report sheets and the .xlsx write them.
  const { negatives } = useAddIn();
  const columns = summary.table.columns;
  const numeric = columns.map((c) => c.kind !== "text");
  return (
    <section className="ics-board-page" data-orientation={summary.orientation} aria-label={`Board pack: ${summary.title}`}>
      <div className="ics-board-band">
        <span>{summary.rulebook.name}</span>
        <span>Board pack</span>
        <span>{longDate(summary.date)}</span>
      </div>
      <h3>{summary.title}</h3>
      <p className="ics-board-headline">{summary.headline}</p>
      <div className="ics-board-scroll" tabIndex={0} role="region" aria-label={`${summary.title}: table`}>
        <table>
          <thead>
            <tr>
              {columns.map((c, i) => (
                <th key={c.header} className={numeric[i] ? "num" : undefined} scope="col">
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {summary.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) => (
                  <td key={i} className={numeric[i] ? "num" : undefined}>
                    {cellText(columns[i]!, cell, negatives)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              {summary.totals.map((cell, i) => (
                <td key={i} className={numeric[i] ? "num" : undefined}>
                  {cellText(columns[i]!, cell, negatives)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      <div className="ics-board-chart" tabIndex={0} role="region" aria-label={`${summary.title}: chart`}>
        <SummaryChart summary={summary} negatives={negatives} ref={chartRef} />
      </div>
      <h4>Rules and clauses applied</h4>
      <ul className="ics-board-rules">
        {summary.rules.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <p className="ics-board-mark">
        Rulebook: {summary.rulebook.name} · rulebook version {summary.rulebook.version} · {longDate(summary.date)}
      </p>
    </section>
  );
}

export function BoardPackPanel() {
  const { workbook, rulebook, draft, workbookVersion, workbookChanged } = useAddIn();
  const base = usePanelStyles();
  const [pack, setPack] = useState<BoardPack | { failed: string }>();
  const { busy, outcome, run } = useAction(workbookChanged);
  const charts = useRef(new Map<string, SVGSVGElement>());
  const preview = workbook instanceof MemoryWorkbook ? workbook : undefined;

  // The pack follows the workbook: made afresh when the add-in's tables change, capital solved off the UI thread.
  useEffect(() => {
    let live = true;
    const assessor = createAssessor();
    buildBoardPack(workbook, rulebook, draft, { date: today(), assess: assessor.assess })
      .then((p) => live && setPack(p))
      .catch((error: Error) => live && setPack({ failed: error.message }))
      .finally(() => assessor.dispose());
    return () => {
      live = false;
      assessor.dispose();
    };
  }, [workbook, rulebook, draft, workbookVersion]);

  if (!pack) return <Spinner size="small" label="Making the Board pack…" />;
  if ("failed" in pack) return <Notice intent="error">The Board pack could not be made: {pack.failed}</Notice>;
  const { summaries } = pack;

  const writeSheets = () =>
    run("Writing the Board pack", async () => {
      const sheets = await writeBoardPack(workbook, summaries, rulebook.name);
      return `Board pack written to ${sheets.length} sheets: ${sheets.map((s) => `"${s}"`).join(", ")}.`;
    });

  // The file is made in the page and saved by the browser: nothing is sent anywhere.
  const download = () =>
    run("Saving the workbook", async () => {
      await writeBoardPack(workbook, summaries, rulebook.name);
      const images = new Map<string, Awaited<ReturnType<typeof chartAsPng>>>();
      for (const s of summaries) {
        const svg = charts.current.get(s.table.name);
        if (svg) images.set(s.table.name, await chartAsPng(svg));
      }
      const { workbookAsXlsx } = await import("../../workbook/exportXlsx");
      const data = await workbookAsXlsx(preview!, { rulebook, charts: images });
      const url = URL.createObjectURL(new Blob([data], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = "ICS Finance Board pack.xlsx";
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return `Saved "${link.download}": the Board pack's ${summaries.length} sheets, the tables, the scenarios and the rulebook.`;
    });

  const pages = (withCharts: boolean) =>
    summaries.map((s) => (
      <SummaryPage
        key={s.capability}
        summary={s}
        chartRef={
          withCharts
            ? (svg) => {
                if (svg) charts.current.set(s.table.name, svg);
                else charts.current.delete(s.table.name);
              }
            : undefined
        }
      />
    ));

  return (
    <div className={base.panel}>
      <style>{BOARD_PACK_CSS}</style>
      <Text size={200} className={base.muted}>
        {summaries.length} page{summaries.length === 1 ? "" : "s"}, one per capability, under {rulebook.name} (rulebook version {summaries[0]?.rulebook.version ?? "–"}). Each prints on one page.
      </Text>
      <div className={`${base.row} ics-board-actions`}>
        <Button appearance="primary" onClick={() => window.print()} disabled={summaries.length === 0}>
          Print
        </Button>
        <Button onClick={() => void writeSheets()} disabled={summaries.length === 0 || busy !== undefined}>
          Write to sheets
        </Button>
        {preview && (
          <Button onClick={() => void download()} disabled={summaries.length === 0 || busy !== undefined}>
            Download .xlsx
          </Button>
        )}
      </div>
      {busy && <Spinner size="tiny" label={`${busy}…`} />}
      <OutcomeNotice outcome={outcome} />
      {pack.left.map((l) => (
        <Notice key={l.capability} intent="info">
          No page for {CAPABILITY_TITLES[l.capability]}: {l.why}.
        </Notice>
      ))}
      <div className="ics-board-pages">{pages(true)}</div>
      {/* What prints: the pages alone, at the top of the document, one to a sheet of paper. */}
      {createPortal(<div className="ics-board-print">{pages(false)}</div>, document.body)}
    </div>
  );
}
