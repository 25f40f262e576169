// A chart as a figure named by its heading, so screen readers announce what it shows; the chart itself goes inside.
import { Text, makeStyles, tokens, useId } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  figure: { margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0 },
});

export function ChartFigure({ title, children }: { title: string; children: ReactNode }) {
  const styles = useStyles();
  const headingId = useId("chart");
  return (
    <figure className={styles.figure} aria-labelledby={headingId}>
      <Text as="h3" weight="semibold" id={headingId}>
        {title}
      </Text>
      {children}
    </figure>
  );
}
