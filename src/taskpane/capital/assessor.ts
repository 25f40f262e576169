// Capital assessments (each a proven-optimal MILP solve) off the UI thread: one long-lived worker answers them in turn.
// Where there are no workers (the component tests), the same solve runs on this thread.
import { assess, type Assessment } from "../../rules/capital";
import type { CapitalSettings } from "../../rules/rulebook";
import { loadSolver } from "../../rules/solver";
import type { SensitivityMessage } from "./sensitivity.worker";

export type Assess = (settings: CapitalSettings, schemes: Parameters<typeof assess>[1], options: Parameters<typeof assess>[2]) => Promise<Assessment>;

export interface Assessor {
  assess: Assess;
  dispose: () => void;
}

export function createAssessor(): Assessor {
  if (typeof Worker === "undefined") {
    return { assess: async (settings, schemes, options) => assess(settings, schemes, options, await loadSolver()), dispose: () => undefined };
  }
  const worker = new Worker(new URL("./sensitivity.worker.ts", import.meta.url));
  const waiting = new Map<number, { resolve: (a: Assessment) => void; reject: (e: Error) => void }>();
  let next = 0;
  worker.onmessage = (event: MessageEvent<SensitivityMessage>) => {
    const m = event.data;
    if ((m.kind !== "assessed" && m.kind !== "failed") || m.id === undefined) return;
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.kind === "assessed") w?.resolve(m.assessment);
    else w?.reject(new Error(m.message));
  };
  worker.onerror = (event) => {
    for (const w of waiting.values()) w.reject(new Error(`The optimiser stopped: ${event.message || "the worker failed"}`));
    waiting.clear();
  };
  return {
    assess: (settings, schemes, options) =>
      new Promise((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ kind: "assess", id, settings, schemes, options });
      }),
    dispose: () => {
      worker.terminate();
      waiting.clear();
    },
  };
}
