// "Set up workbook": creates the add-in's tables with the sample data and says exactly what it did.
import { Button, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { describeSetup, setUpWorkbook } from "../workbook/setup";
import { useAddIn } from "./context";

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

  return (
    <section className={styles.card} aria-labelledby="setup-heading">
      <Text id="setup-heading" weight="semibold" as="h2" size={400}>
        Workbook
      </Text>
      <Text>Adds the add-in's tables (partners, board members, decision log and the tables later panels use) on new sheets, with the Mid and South Essex sample data. Existing sheets are never changed.</Text>
      <div className={styles.row}>
        <Button appearance="primary" onClick={setUp} disabled={busy}>
          Set up workbook
        </Button>
        {busy && <Spinner size="tiny" label="Setting up…" />}
      </div>
      {message && (
        <MessageBar intent={message.intent} role="status">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
