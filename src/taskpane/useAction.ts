// One action at a time from a panel: what it is doing, and what came of it (a message, or the error with any problems listed).
import { useCallback, useState } from "react";

export type Outcome = { ok: true; message: string } | { ok: false; message: string; problems?: readonly string[] };

/**
 * `run(label, work, changesWorkbook, failure)` shows `label` while `work` runs, then its message or its error (after
 * `failure`, e.g. "The report was not written", when given); when the work changed the workbook, `workbookChanged`
 * tells the other panels to re-read it.
 */
const noProblems = () => undefined;

export function useAction(workbookChanged: () => void, problemsOf: (error: unknown) => readonly string[] | undefined = noProblems) {
  const [busy, setBusy] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();
  const run = useCallback(
    /** Resolves to the outcome too, so a caller can clear what it no longer needs on success (and keep it otherwise). */
    async (label: string, work: () => Promise<string>, changesWorkbook = true, failure?: string): Promise<Outcome> => {
      setBusy(label);
      setOutcome(undefined);
      try {
        const done: Outcome = { ok: true, message: await work() };
        setOutcome(done);
        if (changesWorkbook) workbookChanged();
        return done;
      } catch (error) {
        const message = (error as Error).message;
        const failed: Outcome = { ok: false, message: failure ? `${failure}: ${message}` : message, problems: problemsOf(error) };
        setOutcome(failed);
        return failed;
      } finally {
        setBusy(undefined);
      }
    },
    [workbookChanged, problemsOf],
  );
  return { busy, setBusy, outcome, setOutcome, run };
}
