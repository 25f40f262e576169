// The Board pack's page styles: on screen, pages as cards that fit the pane; in print, the pages alone, each on its own
// sheet of A4 (landscape where the summary is wide), with fixed colours so they print as shown.
export const BOARD_PACK_CSS = `
.ics-board-pages { display: flex; flex-direction: column; gap: 16px; min-width: 0; }
.ics-board-page { border: 1px solid #d1d1d1; border-radius: 4px; padding: 12px; background: #ffffff; color: #242424; font-family: "Segoe UI", Arial, sans-serif; font-size: 12px; min-width: 0; box-sizing: border-box; }
.ics-board-page h3 { font-size: 16px; margin: 4px 0; }
.ics-board-page h4 { font-size: 12px; margin: 8px 0 2px; }
.ics-board-band { display: flex; justify-content: space-between; gap: 8px; flex-wrap: wrap; color: #616161; font-size: 11px; border-bottom: 1px solid #e0e0e0; padding-bottom: 2px; }
.ics-board-headline { font-weight: 600; margin: 4px 0 8px; }
.ics-board-scroll { overflow-x: auto; max-width: 100%; }
.ics-board-page table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
.ics-board-page th, .ics-board-page td { border-bottom: 1px solid #e0e0e0; padding: 2px 4px; text-align: left; vertical-align: top; }
.ics-board-page th { border-bottom: 2px solid #616161; font-weight: 600; }
.ics-board-page .num { text-align: right; white-space: nowrap; }
.ics-board-page tfoot td { font-weight: 700; border-top: 2px solid #242424; border-bottom: none; }
.ics-board-chart { margin-top: 8px; overflow-x: auto; max-width: 100%; }
/* Readable in a 350 px pane: the chart keeps a legible size and scrolls sideways in its own box. */
.ics-board-chart svg { display: block; width: 100%; min-width: 500px; max-width: 640px; height: auto; }
.ics-board-rules { margin: 0; padding-left: 16px; }
.ics-board-mark { color: #616161; margin: 6px 0 0; }
.ics-board-print { display: none; }
@page { size: A4 portrait; margin: 12mm; }
@page board-landscape { size: A4 landscape; margin: 12mm; }
@media print {
  body > :not(.ics-board-print) { display: none !important; }
  .ics-board-print { display: block; }
  .ics-board-print .ics-board-page { break-after: page; page-break-after: always; break-inside: avoid; border: none; padding: 0; font-size: 10px; }
  .ics-board-print .ics-board-page[data-orientation="landscape"] { page: board-landscape; }
  .ics-board-print .ics-board-scroll, .ics-board-print .ics-board-chart { overflow: visible; }
  .ics-board-print .ics-board-chart svg { min-width: 0; }
  /* The chart gives way to the table: no taller than the page has room for, so each summary stays one sheet. */
  .ics-board-print .ics-board-chart svg { width: auto; max-width: 100%; max-height: 85mm; }
  .ics-board-print .ics-board-page[data-orientation="landscape"] .ics-board-chart svg { max-height: 55mm; }
  .ics-board-print .ics-board-page table { font-size: 9px; }
}
`;
