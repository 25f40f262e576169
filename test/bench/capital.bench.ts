// Capital: 1,000 schemes with every constraint solved to proven optimality (against greedy), and 10,000 sensitivity draws over 500 schemes (against a plain-number re-rank), in the same run.
import { bench, describe } from "vitest";
import { greedy, optimise, portfolioRules, rankedSensitivity, type Assessment, type Candidate, type MilpSolver } from "../../src/rules/capital";
import { loadSolver } from "../../src/rules/solver";
import { defaultRulebook } from "../../src/rules/presets";

const settings = defaultRulebook().capital!;
const PLACES = ["thurrock", "south-east-essex", "mid-essex", "basildon-brentwood"];
let seed = 20261122;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

function portfolio(count: number) {
  const scores = Array.from({ length: count }, () => settings.criteria.map(() => Math.floor(random() * 6)));
  const candidates: Candidate[] = scores.map((s, i) => ({
    name: `S${i}`,
    cost: Math.round(100_000 + random() * 9_900_000) * 100,
    score: s.reduce((a, x, c) => a + x * settings.criteria[c]!.weight, 0) / 5,
    place: random() < 0.3 ? null : PLACES[Math.floor(random() * 4)]!,
    protectedShare: random() < 0.35,
    excluded: random() < 0.1,
    lock: null,
  }));
  const total = candidates.reduce((a, c) => a + c.cost, 0);
  const rules = portfolioRules(settings, Math.round(total * 0.3), PLACES);
  return { candidates, rules, scores };
}

const large = portfolio(1_000);
const medium = portfolio(500);
const base = {
  candidates: medium.candidates,
  rules: medium.rules,
  assessed: medium.scores.map((s, i) => ({ scheme: { scores: s }, score: medium.candidates[i]!.score })),
} as unknown as Assessment;
const weights = settings.criteria.map((c) => c.weight);
let solver: MilpSolver;

/** Each draw rescored and re-ranked in plain numbers, funded down the list by the envelope alone. */
function plainDraws(draws: number) {
  const funded = new Array<number>(medium.candidates.length).fill(0);
  const order = medium.candidates.map((_c, i) => i);
  const score = new Float64Array(order.length);
  for (let d = 0; d < draws; d++) {
    const w = weights.map((x) => x * (1 + 0.2 * (2 * random() - 1)));
    medium.scores.forEach((s, i) => (score[i] = s.reduce((a, x, c) => a + x * w[c]!, 0)));
    order.sort((a, b) => score[b]! - score[a]!);
    let left = medium.rules.envelope;
    for (const i of order) if (medium.candidates[i]!.cost <= left) [left, funded[i]] = [left - medium.candidates[i]!.cost, funded[i]! + 1];
  }
  return funded;
}

describe("capital: 1,000 schemes, every constraint", () => {
  bench(
    "optimum: HiGHS to proven optimality (gap 0), checked to the penny",
    () => {
      const result = optimise(solver, large.candidates, large.rules);
      if (result.status !== "optimal") throw new Error("expected an optimum");
    },
    { setup: async () => void (solver = await loadSolver()), iterations: 5 },
  );
  bench("baseline: greedy down the ranked list", () => {
    greedy(large.candidates, large.rules);
  });
});

describe("capital: 10,000 sensitivity draws over 500 schemes", () => {
  bench("rules module: rankedSensitivity (rescored, funded within the constraints, checked)", () => {
    rankedSensitivity(settings, base, weights, { draws: 10_000, spread: 0.2, seed: 1 });
  }, { iterations: 3 });
  bench("baseline: plain-number re-rank and fill", () => {
    plainDraws(10_000);
  }, { iterations: 3 });
});
