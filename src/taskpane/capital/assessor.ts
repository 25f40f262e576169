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

export function createAssessor(): Assessor {
  if (typeof Worker === "undefined") {
    return { assess: async (settings, schemes, options) => assess(settings, schemes, options, await loadSolver()), stop: () => undefined, dispose: () => undefined };
  }
  let worker: Worker | undefined;
  const waiting = new Map<number, { resolve: (a: Assessment) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();
  let next = 0;
  // A dead or silent worker fails every assessment waiting on it with a message, never a hang; the next one starts afresh.
  const failAll = (message: string) => {
    worker?.terminate();
    worker = undefined;
    for (const w of waiting.values()) {
      clearTimeout(w.timer);
      w.reject(new Error(message));
    }
    waiting.clear();
  };
  const started = () => {
    if (worker) return worker;
    worker = new Worker(new URL("./sensitivity.worker.ts", import.meta.url));
    worker.onmessage = (event: MessageEvent<SensitivityMessage>) => {
      const m = event.data;
      if ((m.kind !== "assessed" && m.kind !== "failed") || m.id === undefined) return;
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (w) clearTimeout(w.timer);
      if (m.kind === "assessed") w?.resolve(m.assessment);
      else w?.reject(new Error(m.message));
    };
    worker.onerror = (event) => failAll(`The optimiser stopped: ${event.message || "the worker failed"}. Change an input to try again.`);
    return worker;
  };
  return {
    assess: (settings, schemes, options) =>
      new Promise((resolve, reject) => {
        const id = next++;
        const timer = setTimeout(() => failAll(`The optimiser did not answer within ${ASSESS_TIMEOUT_MS / 1000} seconds. Change an input to try again.`), ASSESS_TIMEOUT_MS);
        waiting.set(id, { resolve, reject, timer });
        started().postMessage({ kind: "assess", id, settings, schemes, options });
      }),
    stop: () => failAll("Stopped before the portfolio was proven. Change an input to solve again."),
    dispose: () => failAll("The Capital panel was closed."),
  };
}
