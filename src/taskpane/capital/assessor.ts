// Capital assessments (each a proven-optimal MILP solve) off the UI thread: one long-lived worker answers them in turn.
// Where there are no workers (the component tests), the same solve runs on this thread.
import { assess, type Assessment } from "../../rules/capital";
import type { CapitalSettings } from "../../rules/rulebook";
import { loadSolver } from "../../rules/solver";
import type { SensitivityMessage } from "./sensitivity.worker";

export type Assess = (settings: CapitalSettings, schemes: Parameters<typeof assess>[1], options: Parameters<typeof assess>[2]) => Promise<Assessment>;

export interface Assessor {
  assess: Assess;
  /** Stops the solve under way (its answer is refused with the message); the next assessment starts afresh. */
  stop: () => void;
  dispose: () => void;
}

/** How long one assessment may take before the panel says so (and starts a fresh worker for the next). */
export const ASSESS_TIMEOUT_MS = 120_000;

/**
 * The panel only ever wants the answer to its latest inputs: a new assessment replaces one still being solved (the
 * worker is stopped and a fresh one started), so nothing queues behind a stale solve and each is timed from its start.
 */
export function createAssessor(): Assessor {
  if (typeof Worker === "undefined") {
    return { assess: async (settings, schemes, options) => assess(settings, schemes, options, await loadSolver()), stop: () => undefined, dispose: () => undefined };
  }
  let worker: Worker | undefined;
  let current: { id: number; resolve: (a: Assessment) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> } | undefined;
  let next = 0;
  // A dead, silent or superseded solve fails with a message, never a hang; the next one starts afresh.
  const fail = (message: string) => {
    worker?.terminate();
    worker = undefined;
    if (!current) return;
    clearTimeout(current.timer);
    current.reject(new Error(message));
    current = undefined;
  };
  const started = () => {
    if (worker) return worker;
    worker = new Worker(new URL("./sensitivity.worker.ts", import.meta.url));
    worker.onmessage = (event: MessageEvent<SensitivityMessage>) => {
      const m = event.data;
      if ((m.kind !== "assessed" && m.kind !== "failed") || m.id === undefined || m.id !== current?.id) return;
      const done = current;
      current = undefined;
      clearTimeout(done.timer);
      if (m.kind === "assessed") done.resolve(m.assessment);
      else done.reject(new Error(m.message));
    };
    worker.onerror = (event) => fail(`The optimiser stopped: ${event.message || "the worker failed"}. Change an input to try again.`);
    return worker;
  };
  return {
    assess: (settings, schemes, options) =>
      new Promise((resolve, reject) => {
        if (current) fail("Replaced by an assessment of newer inputs.");
        const id = next++;
        const timer = setTimeout(() => fail(`The optimiser did not answer within ${ASSESS_TIMEOUT_MS / 1000} seconds. Change an input to try again.`), ASSESS_TIMEOUT_MS);
        current = { id, resolve, reject, timer };
        try {
          started().postMessage({ kind: "assess", id, settings, schemes, options });
        } catch (error) {
          fail(`The optimiser could not be started: ${(error as Error).message}`);
        }
      }),
    stop: () => fail("Stopped before the portfolio was proven. Change an input to solve again."),
    dispose: () => fail("The Capital panel was closed."),
  };
}
