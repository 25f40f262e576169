// One action at a time from a panel: what it is doing, and what came of it (a message, or the error with any problems listed).
import { useCallback, useState } from "react";

export type Outcome = { ok: true; message: string } | { ok: false; message: string; problems?: readonly string[] };

/**
 * `run(label, work, changesWorkbook)` shows `label` while `work` runs, then its message or its error; when the work
 * changed the workbook, `workbookChanged` tells the other panels to re-read it.
 */
const noProblems = () => undefined;

export function useAction(workbookChanged: () => void, problemsOf: (error: unknown) => readonly string[] | undefined = noProblems) {
  const [busy, setBusy] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();
  const run = useCallback(
    /** Resolves true when the work succeeded, so a caller can clear what it no longer needs (and keep it otherwise). */
    async (label: string, work: () => Promise<string>, changesWorkbook = true): Promise<boolean> => {
      setBusy(label);
      setOutcome(undefined);
      try {
        setOutcome({ ok: true, message: await work() });
        if (changesWorkbook) workbookChanged();
        return true;
      } catch (error) {
        setOutcome({ ok: false, message: (error as Error).message, problems: problemsOf(error) });
        return false;
      } finally {
        setBusy(undefined);
      }
    },
    [workbookChanged, problemsOf],
  );
  return { busy, setBusy, outcome, setOutcome, run };
}
