// The Rulebook panel: the rules in force, their version and change log; putting the Rules sheets' edit in force; export and import.
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState } from "react";
import { describeProblem } from "../../rules/rulebookSheets";
import { shortHash } from "../../rules/rulebookVersion";
import { readRulebookLog, versionOf, type RulebookChange } from "../../workbook/rulebookLog";
import { exportRulebook, importRulebook, importRulesXlsx, putEditedRulesInForce, writeRulesSheets, type PutInForce } from "../../workbook/rulesSheets";
import { rulesSheetsAsXlsx } from "../../workbook/rulesXlsx";
import { useAddIn } from "../context";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  entry: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, overflowWrap: "anywhere" },
  hidden: { display: "none" },
});

type Shown = { intent: "success" | "error" | "info"; title: string; lines: string[] };

const longDateTime = (iso: string) => new Date(iso).toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });

function shownOf(result: PutInForce, what: string): Shown {
  if (result.ok) return { intent: "success", title: `Version ${result.entry.version} is in force`, lines: result.entry.changes };
  if (result.unchanged) return { intent: "info", title: "Nothing changed", lines: [`The ${what} hold the rules already in force.`] };
  return {
    intent: "error",
    title: `Not put in force: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}`,
    lines: [...result.problems.map(describeProblem), "The rules in force are unchanged."],
  };
}

/** A chosen file's text, or its bytes (FileReader: every host's browser, and the test DOM, has it). */
function readFile(file: Blob, as: "text"): Promise<string>;
function readFile(file: Blob, as: "bytes"): Promise<ArrayBuffer>;
function readFile(file: Blob, as: "text" | "bytes"): Promise<string | ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(as === "text" ? String(reader.result) : (reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    if (as === "text") reader.readAsText(file);
    else reader.readAsArrayBuffer(file);
  });
}

/** Offers a file to save, as a browser download (the task pane's and the preview's alike). */
function offer(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function RulebookPanel() {
  const styles = useStyles();
  const { workbook, rulebook, rulebookSource, workbookVersion, workbookChanged, announce } = useAddIn();
  const [log, setLog] = useState<RulebookChange[]>([]);
  const [who, setWho] = useState("");
  const [why, setWhy] = useState("");
  const [busy, setBusy] = useState<string>();
  const [shown, setShown] = useState<Shown>();
  const file = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    void readRulebookLog(workbook).then((l) => live && setLog(l), () => undefined);
    return () => {
      live = false;
    };
  }, [workbook, rulebook, workbookVersion]);

  const version = versionOf(rulebook, log);
  const run = useCallback(
    async (label: string, work: () => Promise<Shown>) => {
      setBusy(label);
      setShown(undefined);
      try {
        const next = await work();
        setShown(next);
        announce(next.title);
        if (next.intent === "success") {
          setWhy("");
          workbookChanged();
        }
      } catch (error) {
        setShown({ intent: "error", title: "Not put in force", lines: [(error as Error).message, "The rules in force are unchanged."] });
      } finally {
        setBusy(undefined);
      }
    },
    [announce, workbookChanged],
  );

  const putInForce = () => run("Putting the edited rules in force…", async () => shownOf(await putEditedRulesInForce(workbook, { who, why }), "Rules sheets"));
  const writeSheets = () =>
    run("Writing the rules to the sheets…", async () => {
      await writeRulesSheets(workbook, rulebook);
      return { intent: "success", title: "The Rules sheets show the rules in force", lines: [] };
    });
  // A .xlsx is read as the Rules sheets exported from a workbook; anything else as a rulebook file (JSON).
  const importFile = (chosen: File) =>
    run("Importing the rulebook…", async () =>
      shownOf(
        /\.xlsx$/i.test(chosen.name)
          ? await importRulesXlsx(workbook, chosen.name, await readFile(chosen, "bytes"), { who, why })
          : await importRulebook(workbook, await readFile(chosen, "text"), { who, why }),
        "file's rules",
      ),
    );
  const fileName = `${rulebook.id}-rulebook-v${version.version}`;
  const downloadJson = () => offer(new Blob([exportRulebook(rulebook)], { type: "application/json" }), `${fileName}.json`);
  const downloadXlsx = () =>
    run("Exporting the Rules sheets…", async () => {
      offer(new Blob([await rulesSheetsAsXlsx(rulebook)], { type: XLSX_TYPE }), `${fileName}.xlsx`);
      return { intent: "success", title: `Exported the Rules sheets of version ${version.version}`, lines: [] };
    });

  return (
    <section className={styles.panel} aria-label="Rulebook">
      <Text as="h2" size={500} weight="semibold">
        Rulebook
      </Text>
      <div className={styles.entry}>
        <Text weight="semibold">{rulebook.name}</Text>
        <Text data-testid="rulebook-version">
          Version {version.version} · {shortHash(version.hash)}
          {rulebookSource === "preset" ? " (built-in preset, not yet stored with this workbook)" : ""}
        </Text>
        <Text className={styles.muted}>
          Edit the rules in the ICS Partners and ICS Rules sheets, then put them in force here: they are checked as a whole first, and nothing changes
          if any problem is found. Import takes a rulebook file (JSON) or Rules sheets exported as .xlsx from another workbook.
        </Text>
      </div>
      <Field label="Who is putting the rules in force" required>
        <Input value={who} onChange={(_e, d) => setWho(d.value)} />
      </Field>
      <Field label="Why (kept in the change log)" required>
        <Textarea value={why} onChange={(_e, d) => setWhy(d.value)} resize="vertical" />
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy !== undefined} onClick={() => void putInForce()}>
          Put the edited rules in force
        </Button>
        <Button disabled={busy !== undefined} onClick={() => void writeSheets()}>
          Write the rules in force to the sheets
        </Button>
        <Button disabled={busy !== undefined} onClick={downloadJson}>
          Export rulebook (JSON)
        </Button>
        <Button disabled={busy !== undefined} onClick={() => void downloadXlsx()}>
          Export Rules sheets (.xlsx)
        </Button>
        <Button disabled={busy !== undefined} onClick={() => file.current?.click()}>
          Import rulebook…
        </Button>
        <input
          ref={file}
          className={styles.hidden}
          type="file"
          accept={`.json,.xlsx,application/json,${XLSX_TYPE}`}
          aria-label="Rulebook file to import"
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            e.target.value = "";
            if (chosen) void importFile(chosen);
          }}
        />
      </div>
      {busy && <Text role="status">{busy}</Text>}
      {shown && (
        <MessageBar intent={shown.intent} role={shown.intent === "error" ? "alert" : "status"} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{shown.title}</MessageBarTitle>
            {shown.lines.length > 0 && (
              <ul className={styles.list}>
                {shown.lines.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      <Text as="h3" size={400} weight="semibold">
        Change log
      </Text>
      {log.length === 0 ? (
        <Text className={styles.muted}>Version 1: the rulebook the workbook was set up with. No changes yet.</Text>
      ) : (
        <ol className={styles.list} aria-label="Change log" reversed>
          {[...log].reverse().map((entry) => (
            <li key={entry.version} className={styles.entry}>
              <Text weight="semibold">
                Version {entry.version}
                {entry.when ? ` · ${longDateTime(entry.when)}` : ""}
                {entry.who ? ` · ${entry.who}` : ""}
              </Text>
              <Text>{entry.why}</Text>
              {entry.changes.length > 0 && (
                <ul className={styles.list}>
                  {entry.changes.map((c, i) => (
                    <li key={i}>{c}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
