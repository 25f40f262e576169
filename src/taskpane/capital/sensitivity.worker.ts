// The heavy capital work off the UI thread: each assessment (the optimal portfolio), the sensitivity run and the
// efficient frontier. Loads HiGHS in the worker, reports progress, stops when asked.
import { assess, EXACT_SENSITIVITY_LIMIT, frontier, rankedSensitivity, sensitivity, type Assessment, type FrontierPoint } from "../../rules/capital";
import type { CapitalSettings } from "../../rules/rulebook";
import { loadSolver } from "../../rules/solver";

export interface SensitivityRequest {
  kind: "sensitivity";
  settings: CapitalSettings;
  base: Assessment;
  weightPoints: number[];
  draws: number;
  spread: number;
  seed: number;
}

export interface FrontierRequest {
  kind: "frontier";
  base: Assessment;
}

/** One assessment: scores, gates, the chosen objective's proven portfolio and the ranked list's, answered with the request's id. */
export interface AssessRequest {
  kind: "assess";
  id: number;
  settings: CapitalSettings;
  schemes: Parameters<typeof assess>[1];
  options: Parameters<typeof assess>[2];
}

export type SensitivityMessage =
  | { kind: "progress"; done: number }
  | { kind: "done"; draws: number; funded: number[]; infeasible: number; unproven: number }
  | { kind: "frontier"; points: FrontierPoint[]; cancelled: boolean }
  | { kind: "assessed"; id: number; assessment: Assessment }
  | { kind: "failed"; message: string; id?: number };

let cancelled = false;
const post = (m: SensitivityMessage) => self.postMessage(m);

self.onmessage = async (event: MessageEvent<SensitivityRequest | FrontierRequest | AssessRequest | "cancel">) => {
  if (event.data === "cancel") {
    cancelled = true;
    return;
  }
  const r = event.data;
  if (r.kind === "assess") {
    try {
      post({ kind: "assessed", id: r.id, assessment: assess(r.settings, r.schemes, r.options, await loadSolver()) });
    } catch (error) {
      post({ kind: "failed", id: r.id, message: (error as Error).message });
    }
    return;
  }
  cancelled = false;
  try {
    if (r.kind === "frontier") {
      const solver = await loadSolver();
      const points = await frontier(r.base, solver, { progress: (done) => post({ kind: "progress", done }), cancelled: () => cancelled });
      post({ kind: "frontier", points, cancelled });
      return;
    }
    if (r.base.candidates.length > EXACT_SENSITIVITY_LIMIT) {
      post({ kind: "done", ...rankedSensitivity(r.settings, r.base, r.weightPoints, r) });
      return;
    }
    const solver = await loadSolver();
    const result = await sensitivity(r.settings, r.base, r.weightPoints, solver, {
      draws: r.draws,
      spread: r.spread,
      seed: r.seed,
      progress: (done) => post({ kind: "progress", done }),
      cancelled: () => cancelled,
    });
    post({ kind: "done", ...result });
  } catch (error) {
    post({ kind: "failed", message: (error as Error).message });
  }
};
