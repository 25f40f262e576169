// A panel's details below its answer: collapsible sections, each headed by its title and a one-line summary of what is inside.
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { usePanelStyles } from "./panelStyles";

const useStyles = makeStyles({
  // Headers and panels flush with the cards above them, as on the Capital panel.
  section: { minWidth: 0, "& > div > button": { paddingLeft: 0, paddingRight: 0 } },
  panel: { marginLeft: 0, marginRight: 0, paddingBottom: tokens.spacingVerticalS, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
});

/** Sections that open and close independently; `open` are open at first (those a person comes to the panel to use). */
export function Sections({ open = [], children }: { open?: string[]; children: ReactNode }) {
  return (
    <Accordion multiple collapsible defaultOpenItems={open}>
      {children}
    </Accordion>
  );
}

/** One section: its title as an h3 button (so it is in the headings list and opens from the keyboard), the summary under it. */
export function Section({ value, title, summary, children }: { value: string; title: string; summary?: string; children: ReactNode }) {
  const styles = useStyles();
  const base = usePanelStyles();
  return (
    <AccordionItem value={value} className={styles.section}>
      <AccordionHeader as="h3" size="small" expandIconPosition="end">
        <span>
          <Text block weight="semibold">
            {title}
          </Text>
          {summary && (
            <Text block size={200} className={base.muted}>
              {summary}
            </Text>
          )}
        </span>
      </AccordionHeader>
      <AccordionPanel className={styles.panel} role="region" aria-label={title}>
        {children}
      </AccordionPanel>
    </AccordionItem>
  );
}
