// The browser preview's view of its in-memory workbook: the sheets and tables the add-in wrote, as Excel would show them.
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { TableData } from "../workbook/gateway";
import type { MemoryWorkbook } from "../workbook/memory";

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
