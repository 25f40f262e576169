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

/** A solve running longer than this is stopped when newer inputs arrive; a shorter one is let finish (HiGHS reloads cost more). */
const REPLACE_AFTER_MS = 500;

interface Job {
  id: number;
  message: unknown;
  resolve: (a: Assessment) => void;
  reject: (e: Error) => void;
}

/**
 * The panel only ever wants the answer to its latest inputs: one solve at a time, the latest request waiting behind it
 * (an older waiting one is dropped), and a long solve for stale inputs stopped. Each solve is timed from its start.
 */
export function createAssessor(): Assessor {
  if (typeof Worker === "undefined") {
    return { assess: async (settings, schemes, options) => assess(settings, schemes, options, await loadSolver()), stop: () => undefined, dispose: () => undefined };
  }
  let worker: Worker | undefined;
  let running: (Job & { startedAt: number; timer: ReturnType<typeof setTimeout> }) | undefined;
  let waiting: Job | undefined;
  let next = 0;
  // A dead, silent or stopped solve fails with a message, never a hang; the next one starts a fresh worker.
  const fail = (message: string) => {
    worker?.terminate();
    worker = undefined;
    if (!running) return;
    clearTimeout(running.timer);
    running.reject(new Error(message));
    running = undefined;
  };
  const started = (): Worker => {
    if (worker) return worker;
    const w = new Worker(new URL("./sensitivity.worker.ts", import.meta.url));
    // Events from a worker already replaced (queued before it was stopped) are not this worker's business.
    w.onmessage = (event: MessageEvent<SensitivityMessage>) => {
      const m = event.data;
      if (w !== worker || (m.kind !== "assessed" && m.kind !== "failed") || m.id === undefined || m.id !== running?.id) return;
      const done = running;
      running = undefined;
      clearTimeout(done.timer);
      if (m.kind === "assessed") done.resolve(m.assessment);
      else done.reject(new Error(m.message));
      startWaiting();
    };
    w.onerror = (event) => {
      if (w !== worker) return;
      fail(`The optimiser stopped: ${event.message || "the worker failed"}. Change an input to try again.`);
      startWaiting();
    };
    worker = w;
    return w;
  };
  const start = (job: Job) => {
    const timer = setTimeout(() => {
      fail(`The optimiser did not answer within ${ASSESS_TIMEOUT_MS / 1000} seconds. Change an input to try again.`);
      startWaiting();
    }, ASSESS_TIMEOUT_MS);
    running = { ...job, startedAt: Date.now(), timer };
    try {
      started().postMessage(job.message);
    } catch (error) {
      fail(`The optimiser could not be started: ${(error as Error).message}`);
    }
  };
  const startWaiting = () => {
    if (running || !waiting) return;
    const job = waiting;
    waiting = undefined;
    start(job);
  };
  return {
    assess: (settings, schemes, options) =>
      new Promise((resolve, reject) => {
        const id = next++;
        const job: Job = { id, message: { kind: "assess", id, settings, schemes, options }, resolve, reject };
        waiting?.reject(new Error("Replaced by an assessment of newer inputs."));
        waiting = job;
        if (running && Date.now() - running.startedAt > REPLACE_AFTER_MS) fail("Replaced by an assessment of newer inputs.");
        startWaiting();
      }),
    stop: () => {
      waiting?.reject(new Error("Stopped."));
      waiting = undefined;
      fail("Stopped before the portfolio was proven. Change an input to solve again.");
    },
    dispose: () => {
      waiting?.reject(new Error("The Capital panel was closed."));
      waiting = undefined;
      fail("The Capital panel was closed.");
    },
  };
}
