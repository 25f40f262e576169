// The browser preview's view of its in-memory workbook: the sheets and tables the add-in wrote, as Excel would show them.
import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { TableData } from "../workbook/gateway";
import { workbookAsXlsx } from "../workbook/exportXlsx";
import type { MemoryWorkbook } from "../workbook/memory";
import { Notice } from "./Notice";

const useStyles = makeStyles({
  wrap: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  scroll: { overflowX: "auto", maxHeight: "24rem", overflowY: "auto" },
  muted: { color: tokens.colorNeutralForeground3 },
  selected: { backgroundColor: tokens.colorBrandBackground2, outline: `1px solid ${tokens.colorBrandStroke1}` },
});

export function WorkbookPreview({ workbook }: { workbook: MemoryWorkbook }) {
  const styles = useStyles();
  const [tables, setTables] = useState<TableData[]>(() => workbook.allTables());
  const [selection, setSelection] = useState(() => workbook.selected());
  const [download, setDownload] = useState<{ ok: boolean; message: string }>();

  // The file is made in the page and saved by the browser: nothing is sent anywhere.
  async function downloadXlsx() {
    try {
      const data = await workbookAsXlsx(workbook);
      const url = URL.createObjectURL(new Blob([data], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = "ICS Finance preview.xlsx";
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setDownload({ ok: true, message: `Saved "${link.download}": ${workbook.sheetNames().length} sheets.` });
    } catch (error) {
      setDownload({ ok: false, message: `The workbook was not saved: ${(error as Error).message}` });
    }
  }
  useEffect(
    () =>
      workbook.onChange(() => {
        setTables(workbook.allTables());
        setSelection(workbook.selected());
      }),
    [workbook],
  );

  return (
    <section className={styles.wrap} aria-labelledby="preview-heading">
      <Text id="preview-heading" as="h2" weight="semibold" size={400}>
        Preview workbook
      </Text>
      <Text className={styles.muted}>Sheets: {workbook.sheetNames().join(", ")}</Text>
      <div>
        <Button onClick={() => void downloadXlsx()} disabled={tables.length === 0}>
          Download as .xlsx
        </Button>
      </div>
      {download && <Notice intent={download.ok ? "success" : "error"}>{download.message}</Notice>}
      {tables.length === 0 && <Text>No tables yet. Choose Set up workbook.</Text>}
      {tables.map((t) => (
        <div key={t.name}>
          <Text as="h3" weight="semibold">
            {t.sheet} <span className={styles.muted}>({t.name}, {t.rows.length} rows)</span>
          </Text>
          {/* A scrolling region people reach and scroll with the keyboard. */}
          <div className={styles.scroll} tabIndex={0} role="region" aria-label={`${t.name} rows`}>
            <Table size="extra-small" aria-label={t.name}>
              <TableHeader>
                <TableRow>
                  {t.headers.map((h) => (
                    <TableHeaderCell key={h}>{h}</TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {t.rows.map((row, i) => (
                  <TableRow
                    key={i}
                    aria-selected={selection?.table === t.name && selection.rows.includes(i) ? true : undefined}
                    className={selection?.table === t.name && selection.rows.includes(i) ? styles.selected : undefined}
                  >
                    {row.map((cell, j) => (
                      <TableCell key={j}>{cell === null ? "" : String(cell)}</TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </div>
      ))}
    </section>
  );
}
