// The capital optimiser for ICS.PRIORITISE, off the shared runtime's thread so the other functions and the task pane
// stay responsive during a long solve. Where there are no workers (tests in Node), the same solve runs on this thread.
import { optimise, PortfolioInputError, type Candidate, type ObjectiveId, type Optimum, type PortfolioRules } from "../rules/portfolio";
import { loadSolver } from "../rules/solver";
import type { SolveAnswer } from "./portfolio.worker";
import { InputError } from "./excelValues";

/** How long a solve may take before the function gives up with a message (the worker is then replaced). */
export const SOLVE_TIMEOUT_MS = 120_000;

let worker: Worker | undefined;
let next = 0;
const waiting = new Map<number, { resolve: (o: Optimum) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();

/** Every waiting solve fails with the message, and the next solve starts a fresh worker. */
function failAll(message: string): void {
  worker?.terminate();
  worker = undefined;
  for (const w of waiting.values()) {
    clearTimeout(w.timer);
    w.reject(new InputError(message));
  }
  waiting.clear();
}

function started(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL("./portfolio.worker.ts", import.meta.url));
  w.onmessage = (event: MessageEvent<SolveAnswer>) => {
    const answer = event.data;
    const pending = waiting.get(answer.id);
    if (!pending) return;
    waiting.delete(answer.id);
    clearTimeout(pending.timer);
    if ("optimum" in answer) pending.resolve(answer.optimum);
    else pending.reject(answer.kind === "PortfolioInputError" ? new PortfolioInputError(answer.failed) : new Error(answer.failed));
  };
  w.onerror = (event) => failAll(`the capital optimiser stopped (${event.message || "its worker failed"}); calculate again to retry`);
  worker = w;
  return w;
}

/** The proven portfolio, solved in a worker where there is one; a dead or silent worker gives a message, never a hang. */
export async function optimiseOffThread(candidates: Candidate[], rules: PortfolioRules, objective: ObjectiveId): Promise<Optimum> {
  if (typeof Worker === "undefined") return optimise(await loadSolver(), candidates, rules, objective);
  const id = next++;
  return new Promise<Optimum>((resolve, reject) => {
    const timer = setTimeout(() => failAll(`the capital optimiser did not answer within ${SOLVE_TIMEOUT_MS / 1000} seconds; calculate again to retry`), SOLVE_TIMEOUT_MS);
    waiting.set(id, { resolve, reject, timer });
    started().postMessage({ id, candidates, rules, objective });
  });
}
