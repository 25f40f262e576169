// The home view: what the add-in does, the five capabilities and scenarios across them, each a step away.
import { Button, Card, CardHeader, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useState } from "react";
import { usePanelStyles } from "./panelStyles";

// The Board pack (its figures, charts and the capital solve) loads only when asked for, so the pane starts fast.
const BoardPackPanel = lazy(() => import("./boardPack/BoardPackPanel").then((m) => ({ default: m.BoardPackPanel })));

export type CapabilityId = "decisions" | "control-total" | "allocation" | "alignment" | "capital" | "scenarios";

const CAPABILITIES: { id: CapabilityId; title: string; what: string }[] = [
  { id: "decisions", title: "Decisions", what: "Take a vote under the right rule (e.g. not less than 75% of eligible Partnership Board members, MoU 8.4), see at once whether it carries, and record it in a tamper-evident log." },
  { id: "control-total", title: "Control total", what: "Track the system's financial control total month by month: RAG, who is driving the gap, the SFLG's escalation ladder, Place reserves and risk share (MoU 7.7–7.9, 9.2–9.4)." },
  { id: "allocation", title: "Allocation", what: "Apportion transformation funds to Places by an agreed formula, with floors, caps and pace of change, exact to the penny (MoU 9.7–9.9)." },
  { id: "alignment", title: "Plan alignment", what: "Check open-book plans pair by pair, as the Agreement of Balances does: mismatches, missing returns, planning assumptions and a resolution log (MoU 9.5)." },
  { id: "capital", title: "Capital", what: "Score and prioritise capital schemes, find the optimal portfolio within the envelope and the MoU's constraints, and take it to the Board (MoU 9.11)." },
  { id: "scenarios", title: "Scenarios", what: "Save the panels' inputs as named scenarios in the workbook, compare two or three side by side, and apply one to the add-in's report sheets." },
];

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(16rem, 1fr))", gap: tokens.spacingHorizontalM },
});

export function Home({ open }: { open: (capability: CapabilityId) => void }) {
  const styles = useStyles();
  const base = usePanelStyles();
  const [boardPack, setBoardPack] = useState(false);
  return (
    <section className={base.panel} aria-labelledby="home-heading">
      <Text id="home-heading" as="h2" weight="semibold" size={400}>
        What this add-in does
      </Text>
      <Text>
        The workbook a System Finance Leaders Group keeps, with the MoU's rules built in: custom functions (=ICS.…) for the sheets and these panels for
        scenarios. Every figure says which rule and clause it comes from; money is exact to the penny; nothing leaves the workbook.
      </Text>
      <Card aria-label="Board pack">
        <CardHeader header={<Text weight="semibold">Board pack</Text>} />
        <Text size={200} className={base.muted}>
          A page per capability for a Board paper: headline, table with totals, chart, the rules and clauses applied, the rulebook's version and the date. Print it, or write it to sheets.
        </Text>
        <div className={base.row}>
          <Button appearance={boardPack ? "secondary" : "primary"} aria-expanded={boardPack} onClick={() => setBoardPack((b) => !b)}>
            {boardPack ? "Hide the Board pack" : "Board pack"}
          </Button>
        </div>
        {boardPack && (
          <Suspense fallback={<Spinner size="small" label="Opening the Board pack…" />}>
            <BoardPackPanel />
          </Suspense>
        )}
      </Card>
      <div className={styles.grid}>
        {CAPABILITIES.map((c) => (
          <Card key={c.id} aria-label={c.title}>
            <CardHeader header={<Text weight="semibold">{c.title}</Text>} />
            <Text size={200} className={base.muted}>
              {c.what}
            </Text>
            <div className={base.row}>
              <Button onClick={() => open(c.id)}>Open {c.title}</Button>
            </div>
          </Card>
        ))}
      </div>
    </section>
  );
}
