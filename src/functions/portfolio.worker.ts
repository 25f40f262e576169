// ICS.PRIORITISE's solves off the shared runtime's thread: HiGHS loads here, and each request is answered with its id.
import { optimise, type Candidate, type ObjectiveId, type Optimum, type PortfolioRules } from "../rules/portfolio";
import { loadSolver } from "../rules/solver";

export interface SolveRequest {
  id: number;
  candidates: Candidate[];
  rules: PortfolioRules;
  objective: ObjectiveId;
}

export type SolveAnswer = { id: number; optimum: Optimum } | { id: number; failed: string; kind: string };

self.onmessage = async (event: MessageEvent<SolveRequest>) => {
  const { id, candidates, rules, objective } = event.data;
  try {
    self.postMessage({ id, optimum: optimise(await loadSolver(), candidates, rules, objective) } satisfies SolveAnswer);
  } catch (error) {
    // The error's kind crosses too, so an input error is still an input error (#VALUE!) on the other side.
    self.postMessage({ id, failed: (error as Error).message, kind: (error as Error).name } satisfies SolveAnswer);
  }
};
