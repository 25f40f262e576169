// Random capital portfolios for the benches: seeded, scored on the preset's criteria, costs in pounds and pence,
// four Places and cross-Place schemes, every constraint, and optionally a plan over several years.
import { exactScores } from "../../src/rules/capital";
import type { Candidate, PortfolioRules } from "../../src/rules/portfolio";
import { defaultRulebook } from "../../src/rules/presets";

export const settings = defaultRulebook().capital!;
export const PLACES = ["thurrock", "south-east-essex", "mid-essex", "basildon-brentwood"];

export function benchPortfolio(count: number, years: number, seed = 20261122) {
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const scores = Array.from({ length: count }, () => settings.criteria.map(() => Math.round(random() * 50) / 10));
  const weights = settings.criteria.map((c) => c.weight);
  const exact = exactScores(scores, weights, settings.scale);
  const candidates: Candidate[] = scores.map((_s, i) => {
    const cost = Math.round(100_000 + random() * 9_900_000) * 100 + Math.floor(random() * 100);
    // Spend spread over the first years of the plan, whole pence summing to the cost.
    const start = Math.floor(random() * years);
    const span = 1 + Math.floor(random() * Math.min(3, years - start));
    const profile = years > 1 ? Array.from({ length: years }, (_v, t) => (t >= start && t < start + span ? Math.floor(cost / span) + (t === start ? cost % span : 0) : 0)) : null;
    return {
      name: `S${i}`,
      cost,
      profile,
      score: exact.score(exact.points[i]!),
      points: exact.points[i]!,
      place: random() < 0.3 ? null : PLACES[Math.floor(random() * 4)]!,
      protectedShare: random() < 0.35,
      excluded: random() < 0.1,
      lock: null,
    };
  });
  const total = candidates.reduce((a, c) => a + c.cost, 0);
  const envelope = Math.round(total * 0.3);
  const perYear = years > 1 ? Array.from({ length: years }, (_v, t) => ({ label: `${2026 + t}/${27 + t}`, envelope: Math.floor(envelope / years) + (t === 0 ? envelope % years : 0) })) : null;
  const rules: PortfolioRules = {
    envelope,
    years: perYear,
    carryForward: false,
    protectedShareBasisPoints: settings.constraints.protectedShareBasisPoints,
    placeMinimumBasisPoints: settings.constraints.placeMinimumBasisPoints,
    crossPlace: settings.constraints.crossPlace,
    places: PLACES,
  };
  return { candidates, rules, scores, weights };
}
