// "Set up workbook": creates the add-in's tables with the sample data and says exactly what it did; once the workbook
// has every table it steps out of the way to one line (and comes back, naming them, if a table goes missing).
import { Button, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { describeSetup, setUpWorkbook } from "../workbook/setup";
import { ADD_IN_TABLES } from "../workbook/tables";
import { useAddIn } from "./context";
import { useWorkbookData } from "./useWorkbookData";

const useStyles = makeStyles({
  card: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM },
});

export function SetupCard() {
  const { workbook, rulebook, workbookChanged, rulebookStored } = useAddIn();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: "success" | "info" | "error"; text: string }>();

  async function setUp() {
    setBusy(true);
    setMessage(undefined);
    try {
      const report = await setUpWorkbook(workbook, rulebook);
      setMessage({ intent: report.created.length > 0 ? "success" : "info", text: describeSetup(report) });
      if (report.storedRulebook) rulebookStored();
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
      ) : (
        <Text>Adds the add-in's tables (partners, board members, decision log and the tables later panels use) on new sheets, with the Mid and South Essex sample data. Existing sheets are never changed.</Text>
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
