// The capital optimiser for ICS.PRIORITISE, off the shared runtime's thread so the other functions and the task pane
// stay responsive during a long solve. Where there are no workers (tests in Node), the same solve runs on this thread.
import { optimise, PortfolioInputError, type Candidate, type ObjectiveId, type Optimum, type PortfolioRules } from "../rules/portfolio";
import { loadSolver } from "../rules/solver";
import type { SolveAnswer, SolveRequest } from "./portfolio.worker";

/** How long one solve may take, from when the worker starts it, before the function gives up with a message. */
export const SOLVE_TIMEOUT_MS = 120_000;

interface Pending {
  request: SolveRequest;
  resolve: (o: Optimum) => void;
  reject: (e: Error) => void;
}

let worker: Worker | undefined;
let next = 0;
/** Solves in the order sent: the worker answers one at a time, so only the first is timed. */
const queue: Pending[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;

/**
 * Every waiting solve fails with the message, and the next solve starts a fresh worker. A crash or a timeout is not a
 * mistake in the sheet, so it is a plain Error (Excel shows #N/A with the message), not an input error (#VALUE!).
 */
function failAll(message: string): void {
  clearTimeout(timer);
  timer = undefined;
  worker?.terminate();
  worker = undefined;
  for (const p of queue.splice(0)) p.reject(new Error(message));
}

/** Times the solve at the head of the queue, from now. */
function timeHead(): void {
  clearTimeout(timer);
  timer = queue.length > 0 ? setTimeout(() => failAll(`the capital optimiser did not answer within ${SOLVE_TIMEOUT_MS / 1000} seconds; calculate again to retry`), SOLVE_TIMEOUT_MS) : undefined;
}

function started(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL("./portfolio.worker.ts", import.meta.url));
  // Events from a worker already replaced (queued before it was stopped) are not this worker's business.
  w.onmessage = (event: MessageEvent<SolveAnswer>) => {
    if (w !== worker) return;
    const answer = event.data;
    const k = queue.findIndex((p) => p.request.id === answer.id);
    if (k < 0) return;
    const [pending] = queue.splice(k, 1);
    timeHead();
    if ("optimum" in answer) pending!.resolve(answer.optimum);
    else pending!.reject(answer.kind === "PortfolioInputError" ? new PortfolioInputError(answer.failed) : new Error(answer.failed));
  };
  w.onerror = (event) => w === worker && failAll(`the capital optimiser stopped (${event.message || "its worker failed"}); calculate again to retry`);
  worker = w;
  return w;
}

/** The proven portfolio, solved in a worker where there is one; a dead or silent worker gives a message, never a hang. */
export async function optimiseOffThread(candidates: Candidate[], rules: PortfolioRules, objective: ObjectiveId): Promise<Optimum> {
  if (typeof Worker === "undefined") return optimise(await loadSolver(), candidates, rules, objective);
  const request: SolveRequest = { id: next++, candidates, rules, objective };
  return new Promise<Optimum>((resolve, reject) => {
    try {
      started().postMessage(request);
    } catch (error) {
      reject(new Error(`the capital optimiser could not be started: ${(error as Error).message}`));
      return;
    }
    queue.push({ request, resolve, reject });
    if (queue.length === 1) timeHead();
  });
}
