// "Set up workbook": the system (a preset rulebook) the workbook keeps, and the add-in's tables with its sample data;
// says exactly what it did. Once the workbook has every table it steps out of the way to one line (and comes back,
// naming them, if a table goes missing).
import { Button, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { PRESETS, presetRulebook } from "../rules/presets";
import { hasSampleData } from "../workbook/sampleSystems";
import { ADD_IN_TABLES } from "../workbook/tables";
import { useAddIn } from "./context";
import { useWorkbookData } from "./useWorkbookData";

const useStyles = makeStyles({
  card: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM },
  // Each choice's label wraps within a 350 px pane rather than widening it.
  choices: { minWidth: 0, "& label": { overflowWrap: "anywhere" } },
});

/** The presets as set-up offers them: whether each comes with sample data is said in its label. */
const CHOICES = PRESETS.map((p) => {
  const sample = hasSampleData(presetRulebook(p.id)!);
  return { id: p.id, label: sample ? `${p.label} (sample data)` : "A blank system (no sample data)" };
});

export function SetupCard() {
  const { workbook, rulebook, rulebookSource, workbookChanged, rulebookStored } = useAddIn();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: "success" | "info" | "error"; text: string }>();
  // Only a workbook with no rulebook stored may choose one; a stored rulebook is the workbook's and is kept.
  const choosing = rulebookSource === "preset";
  const [choice, setChoice] = useState(() => (CHOICES.some((c) => c.id === rulebook.id) ? rulebook.id : CHOICES[0]!.id));

  async function setUp() {
    setBusy(true);
    setMessage(undefined);
    try {
      const chosen = choosing ? presetRulebook(choice)! : rulebook;
      // Set-up and the sample data load now, not with the pane.
      const { describeSetup, setUpWorkbook } = await import(/* webpackChunkName: "setup" */ "../workbook/setup");
      const report = await setUpWorkbook(workbook, chosen);
      setMessage({ intent: report.created.length > 0 ? "success" : "info", text: describeSetup(report) });
      if (report.storedRulebook) rulebookStored(chosen);
      workbookChanged();
    } catch (error) {
      setMessage({ intent: "error", text: `Set-up stopped: ${(error as Error).message}. Nothing already in the workbook was changed.` });
    } finally {
      setBusy(false);
    }
  }

  const missing = useWorkbookData((wb) => wb.missingTables(ADD_IN_TABLES.map((t) => t.name)), []).data;
  const setUpAlready = missing !== undefined && missing.length === 0;
  const status = message && (
    <MessageBar intent={message.intent} role="status">
      <MessageBarBody>{message.text}</MessageBarBody>
    </MessageBar>
  );
  if (setUpAlready && !busy) {
    return (
      <section className={styles.card} aria-label="Workbook">
        {status ?? <Text size={200}>The workbook is set up: the add-in's tables are all in place.</Text>}
      </section>
    );
  }

  return (
    <section className={styles.card} aria-labelledby="setup-heading">
      <Text id="setup-heading" weight="semibold" as="h2" size={400}>
        Workbook
      </Text>
      {missing && missing.length > 0 && missing.length < ADD_IN_TABLES.length ? (
        <Text>
          The workbook is missing {missing.length === 1 ? "one of the add-in's tables" : `${missing.length} of the add-in's tables`} ({missing.join(", ")}). Set up workbook makes{" "}
          {missing.length === 1 ? "it" : "them"} again with the sample data; the tables that are there, and every other sheet, are left as they are.
        </Text>
      ) : choosing ? (
        <Text id="setup-choice">
          Choose the system whose rules the workbook keeps. Set-up adds the add-in's tables (partners, board members, decision log and the tables later panels
          use) on new sheets, with that system's sample data. Existing sheets are never changed.
        </Text>
      ) : (
        <Text>
          Adds the add-in's tables (partners, board members, decision log and the tables later panels use) on new sheets,{" "}
          {hasSampleData(rulebook) ? `with the ${rulebook.name} sample data` : "empty"}. Existing sheets are never changed.
        </Text>
      )}
      {choosing && !(missing && missing.length > 0 && missing.length < ADD_IN_TABLES.length) && (
        <RadioGroup className={styles.choices} aria-labelledby="setup-choice" value={choice} onChange={(_e, data) => setChoice(data.value)} disabled={busy}>
          {CHOICES.map((c) => (
            <Radio key={c.id} value={c.id} label={c.label} />
          ))}
        </RadioGroup>
      )}
      <div className={styles.row}>
        <Button appearance="primary" onClick={setUp} disabled={busy}>
          Set up workbook
        </Button>
        {busy && <Spinner size="tiny" label="Setting up…" />}
      </div>
      {status}
    </section>
  );
}
