// The sensitivity run off the UI thread: loads HiGHS in the worker, solves each draw, reports progress, stops when asked.
import { EXACT_SENSITIVITY_LIMIT, rankedSensitivity, sensitivity, type Assessment } from "../../rules/capital";
import type { CapitalSettings } from "../../rules/rulebook";
import { loadSolver } from "../../rules/solver";

export interface SensitivityRequest {
  settings: CapitalSettings;
  base: Assessment;
  weightPoints: number[];
  draws: number;
  spread: number;
  seed: number;
}

export type SensitivityMessage =
  | { kind: "progress"; done: number }
  | { kind: "done"; draws: number; funded: number[]; infeasible: number }
  | { kind: "failed"; message: string };

let cancelled = false;

self.onmessage = async (event: MessageEvent<SensitivityRequest | "cancel">) => {
  if (event.data === "cancel") {
    cancelled = true;
    return;
  }
  cancelled = false;
  const r = event.data;
  try {
    if (r.base.candidates.length > EXACT_SENSITIVITY_LIMIT) {
      const result = rankedSensitivity(r.settings, r.base, r.weightPoints, r);
      self.postMessage({ kind: "done", ...result } satisfies SensitivityMessage);
      return;
    }
    const solver = await loadSolver();
    const result = await sensitivity(r.settings, r.base, r.weightPoints, solver, {
      draws: r.draws,
      spread: r.spread,
      seed: r.seed,
      progress: (done) => self.postMessage({ kind: "progress", done } satisfies SensitivityMessage),
      cancelled: () => cancelled,
    });
    self.postMessage({ kind: "done", ...result } satisfies SensitivityMessage);
  } catch (error) {
    self.postMessage({ kind: "failed", message: (error as Error).message } satisfies SensitivityMessage);
  }
};
