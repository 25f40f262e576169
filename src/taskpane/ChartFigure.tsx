// A chart as a figure named by its heading and described by its summary in words, so screen readers announce what it shows; the chart itself goes inside.
import { Text, makeStyles, tokens, useId } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  figure: { margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0 },
});

/** `summary`: the chart's text equivalent (what it shows, in a sentence, or where its figures are as a table). */
export function ChartFigure({ title, summary, children }: { title: string; summary?: ReactNode; children: ReactNode }) {
  const styles = useStyles();
  const headingId = useId("chart");
  const summaryId = useId("chart-summary");
  return (
    <figure className={styles.figure} aria-labelledby={headingId} aria-describedby={summary ? summaryId : undefined}>
      <Text as="h3" weight="semibold" id={headingId}>
        {title}
      </Text>
      {summary && (
        <Text size={200} id={summaryId}>
          {summary}
        </Text>
      )}
      {children}
    </figure>
  );
}
