// Capital, each verified case beside its float baseline in the same run: the proven portfolio (exact model, HiGHS's LP
// duals, exact search) against HiGHS's LP relaxation alone, the portfolio's float shadow; and 10,000 sensitivity draws
// over 500 schemes against a plain-number re-rank. Each proven case says how its answers ended (optimal or unproven):
// a plan over five years of 1,000 schemes is not always proven within the search's limits.
import { bench, describe } from "vitest";
import { rankedSensitivity, type Assessment } from "../../src/rules/capital";
import { optimise, SOLVER_OPTIONS, type MilpSolver, type ObjectiveId } from "../../src/rules/portfolio";
import { loadSolver } from "../../src/rules/solver";
import { benchPortfolio, settings } from "./capitalFixtures";

let solver: MilpSolver;
const setup = async () => void (solver = await loadSolver());
/**
 * A case of seconds a call runs one warm-up call and then its iterations, with no time floor, so it takes seconds, not
 * minutes; and each call first lets the worker's event loop turn, so a case never holds it long enough to trip
 * vitest's RPC timeout (60 s). The turn is timed with the call but costs microseconds against its milliseconds.
 */
const HEAVY = { time: 0, warmupTime: 0, warmupIterations: 1 };
const breathing = (work: () => unknown) => async () => {
  await new Promise((resolve) => setImmediate(resolve));
  work();
};
/** How each case's answers ended, said once the case is done: a time for an unproven answer is a time for something else. */
const endings = new Map<string, Record<string, number>>();
const proven = (name: string, p: ReturnType<typeof benchPortfolio>, objective: ObjectiveId) => () => {
  const result = optimise(solver, p.candidates, p.rules, objective);
  if (result.status === "infeasible") throw new Error("expected a portfolio");
  const tally = endings.get(name) ?? {};
  tally[result.status] = (tally[result.status] ?? 0) + 1;
  endings.set(name, tally);
};
const say = (name: string) => (_task: unknown, mode: "run" | "warmup") => {
  if (mode === "run") console.log(`${name}: ${JSON.stringify(endings.get(name) ?? {})}`);
};
const provenBench = (name: string, p: ReturnType<typeof benchPortfolio>, objective: ObjectiveId, iterations: number) =>
  bench(name, breathing(proven(name, p, objective)), { setup, teardown: say(name), iterations, ...HEAVY });

/** The float baseline: one LP relaxation of the same model in HiGHS (what any solve must at least do), unverified. */
function lpRelaxation(p: ReturnType<typeof benchPortfolio>) {
  const rows = [`Maximize`, ` v: ${p.candidates.map((c, i) => `+ ${c.score} x${i}`).join(" ")}`, `Subject To`, ` env: ${p.candidates.map((c, i) => `+ ${c.cost / 1e8} x${i}`).join(" ")} <= ${p.rules.envelope / 1e8}`, `Bounds`];
  p.candidates.forEach((_c, i) => rows.push(` 0 <= x${i} <= 1`));
  rows.push("End");
  const model = rows.join("\n");
  return () => {
    if (solver.solve(model, SOLVER_OPTIONS).Status !== "Optimal") throw new Error("expected an LP optimum");
  };
}

const fiveYears = benchPortfolio(1_000, 5);
const fiveYearsSmall = benchPortfolio(100, 5);
const oneYear = benchPortfolio(1_000, 1);
const large = benchPortfolio(5_000, 1);

describe("capital: 1,000 schemes, every constraint, 5 years", () => {
  provenBench("5 years × 1,000: score-weighted spend (default)", fiveYears, "score-weighted-spend", 3);
  provenBench("5 years × 1,000: fund down the ranked list", fiveYears, "ranked", 3);
  bench("baseline: HiGHS LP relaxation, floats, unverified", lpRelaxation(fiveYears), { setup, iterations: 5 });
});

describe("capital: 100 schemes, every constraint, 5 years", () => {
  provenBench("5 years × 100: score-weighted spend (default)", fiveYearsSmall, "score-weighted-spend", 3);
  provenBench("5 years × 100: total score", fiveYearsSmall, "total-score", 3);
  bench("baseline: HiGHS LP relaxation, floats, unverified", lpRelaxation(fiveYearsSmall), { setup, iterations: 5 });
});

describe("capital: 1,000 schemes, every constraint, one year", () => {
  provenBench("1 year × 1,000: score-weighted spend (default)", oneYear, "score-weighted-spend", 5);
  provenBench("1 year × 1,000: total score", oneYear, "total-score", 5);
  bench("baseline: HiGHS LP relaxation, floats, unverified", lpRelaxation(oneYear), { setup, iterations: 5 });
});

describe("capital: 5,000 schemes, every constraint, one year", () => {
  provenBench("1 year × 5,000: score-weighted spend (default)", large, "score-weighted-spend", 3);
  bench("baseline: HiGHS LP relaxation, floats, unverified", lpRelaxation(large), { setup, iterations: 3 });
});

const medium = benchPortfolio(500, 1);
const base = {
  candidates: medium.candidates,
  rules: medium.rules,
  assessed: medium.scores.map((s, i) => ({ scheme: { scores: s }, score: medium.candidates[i]!.score })),
} as unknown as Assessment;
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

/** Each draw rescored and re-ranked in plain numbers, funded down the list by the envelope alone. */
function plainDraws(draws: number) {
  const funded = new Array<number>(medium.candidates.length).fill(0);
  const order = medium.candidates.map((_c, i) => i);
  const score = new Float64Array(order.length);
  for (let d = 0; d < draws; d++) {
    const w = medium.weights.map((x) => x * (1 + 0.2 * (2 * random() - 1)));
    medium.scores.forEach((s, i) => (score[i] = s.reduce((a, x, c) => a + x * w[c]!, 0)));
    order.sort((a, b) => score[b]! - score[a]!);
    let left = medium.rules.envelope;
    for (const i of order) if (medium.candidates[i]!.cost <= left) [left, funded[i]] = [left - medium.candidates[i]!.cost, funded[i]! + 1];
  }
  return funded;
}

describe("capital: 10,000 sensitivity draws over 500 schemes", () => {
  bench("rules module: rankedSensitivity (rescored, funded within the constraints, checked exactly)", breathing(() => {
    rankedSensitivity(settings, base, medium.weights, { draws: 10_000, spread: 0.2, seed: 1 });
  }), { iterations: 3, ...HEAVY });
  bench("baseline: plain-number re-rank and fill", breathing(() => {
    plainDraws(10_000);
  }), { iterations: 3, ...HEAVY });
});
