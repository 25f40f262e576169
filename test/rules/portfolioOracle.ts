// The exact oracle for the capital portfolio: every subset, checked in whole pence, written from the MoU's constraints
// directly (not from src/rules/portfolio.ts's model), so the two can disagree. Test code only: 2^n subsets.
import type { Candidate, ObjectiveId, PortfolioRules } from "../../src/rules/portfolio";

const atLeast = (envelope: number, bp: number) => Number((BigInt(envelope) * BigInt(bp) + 9_999n) / 10_000n);
const atMost = (envelope: number, bp: number) => Number((BigInt(envelope) * BigInt(bp)) / 10_000n);

/** Each year's spend within its envelope, or with carry-forward, within what the years so far have left. */
function withinYears(rules: PortfolioRules, years: readonly number[], spend: readonly number[]): boolean {
  let carried = 0;
  for (let t = 0; t < years.length; t++) {
    if (rules.carryForward) {
      carried += years[t]! - spend[t]!;
      if (carried < 0) return false;
    } else if (spend[t]! > years[t]!) return false;
  }
  return true;
}

/** Whether a set meets every constraint, to the penny. */
export function oracleFeasible(candidates: readonly Candidate[], rules: PortfolioRules, take: (i: number) => boolean): boolean {
  const years = rules.years && rules.years.length > 0 ? rules.years.map((y) => y.envelope) : [rules.envelope];
  const spend = years.map(() => 0);
  let protectedSpend = 0;
  let cross = 0;
  const perPlace = new Map<string, number>();
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    const funded = take(i);
    if (!funded) {
      if (c.lock === "in" && !c.excluded) return false;
      continue;
    }
    if (c.excluded || c.lock === "out") return false;
    const profile = c.profile ?? years.map((_y, t) => (t === 0 ? c.cost : 0));
    profile.forEach((p, t) => (spend[t]! += p));
    if (c.protectedShare) protectedSpend += c.cost;
    if (c.place === null) cross += c.cost;
    else perPlace.set(c.place, (perPlace.get(c.place) ?? 0) + c.cost);
  }
  if (!withinYears(rules, years, spend)) return false;
  if (rules.protectedShareBasisPoints !== null && protectedSpend < atLeast(rules.envelope, rules.protectedShareBasisPoints)) return false;
  if (rules.placeMinimumBasisPoints !== null) {
    for (const p of rules.places) if ((perPlace.get(p) ?? 0) < atLeast(rules.envelope, rules.placeMinimumBasisPoints)) return false;
  }
  if (rules.crossPlace) {
    if (cross < atLeast(rules.envelope, rules.crossPlace.minBasisPoints) || cross > atMost(rules.envelope, rules.crossPlace.maxBasisPoints)) return false;
  }
  return true;
}

/** Score-weighted spend counts cost to the nearest £1,000, half up: written out again here, not imported. */
const value = (c: Candidate, objective: ObjectiveId) => (objective === "score-weighted-spend" ? c.points * BigInt(Math.floor((c.cost + 50_000) / 100_000)) : c.points);

/** The order a list objective funds in, written out again: score (or score per £) highest first, ties by row order. */
function order(candidates: readonly Candidate[], objective: ObjectiveId): number[] {
  const key = (i: number): [bigint, bigint] => (objective === "value-for-money" ? [candidates[i]!.points, BigInt(candidates[i]!.cost)] : [candidates[i]!.points, 1n]);
  return candidates
    .map((_c, i) => i)
    .sort((a, b) => {
      const [pa, ca] = key(a);
      const [pb, cb] = key(b);
      const left = pa * cb;
      const right = pb * ca;
      return left > right ? -1 : left < right ? 1 : a - b;
    });
}

export interface OracleAnswer {
  /** Null when no subset is feasible. */
  value: bigint | null;
  /** One best subset (for list objectives, the only one). */
  funded: boolean[] | null;
}

/**
 * The best subset for the objective over all 2^n: the largest exact value for "total-score" and "score-weighted-spend";
 * for the list objectives, the feasible subset that is lexicographically first in the list's order (fund the earliest
 * scheme whenever some feasible portfolio still can).
 */
export function oracle(candidates: readonly Candidate[], rules: PortfolioRules, objective: ObjectiveId): OracleAnswer {
  const n = candidates.length;
  if (n > 20) throw new Error("the oracle is for 20 schemes or fewer");
  const ordered = objective === "ranked" || objective === "value-for-money";
  const positions = ordered ? order(candidates, objective) : [];
  // Each subset's figures kept up to date one scheme at a time (Gray code), then every constraint checked in whole pence.
  const years = rules.years && rules.years.length > 0 ? rules.years.map((y) => y.envelope) : [rules.envelope];
  const profile = candidates.map((c) => c.profile ?? years.map((_y, t) => (t === 0 ? c.cost : 0)));
  const placeIndex = candidates.map((c) => (c.place === null ? -1 : rules.places.indexOf(c.place)));
  let mustIn = 0;
  let mustOut = 0;
  candidates.forEach((c, i) => {
    if (c.excluded || c.lock === "out") mustOut |= 1 << i;
    else if (c.lock === "in") mustIn |= 1 << i;
  });
  const keyOf = candidates.map(() => 0n);
  positions.forEach((i, k) => (keyOf[i] = 1n << BigInt(n - 1 - k)));
  const valueOf = candidates.map((c) => (ordered ? keyOf[candidates.indexOf(c)]! : value(c, objective)));
  const spend = years.map(() => 0);
  const perPlace = rules.places.map(() => 0);
  let protectedSpend = 0;
  let cross = 0;
  let v = 0n;
  let mask = 0;
  const protectedNeed = rules.protectedShareBasisPoints === null ? null : atLeast(rules.envelope, rules.protectedShareBasisPoints);
  const placeNeed = rules.placeMinimumBasisPoints === null ? null : atLeast(rules.envelope, rules.placeMinimumBasisPoints);
  const crossLow = rules.crossPlace ? atLeast(rules.envelope, rules.crossPlace.minBasisPoints) : 0;
  const crossHigh = rules.crossPlace ? atMost(rules.envelope, rules.crossPlace.maxBasisPoints) : Infinity;
  const meets = () => {
    if ((mask & mustIn) !== mustIn || (mask & mustOut) !== 0) return false;
    if (!withinYears(rules, years, spend)) return false;
    if (protectedNeed !== null && protectedSpend < protectedNeed) return false;
    if (placeNeed !== null && perPlace.some((s) => s < placeNeed)) return false;
    return cross >= crossLow && cross <= crossHigh;
  };
  let best: { value: bigint; mask: number } | null = null;
  for (let step = 0; step < 1 << n; step++) {
    if (step > 0) {
      // The scheme whose bit flips between consecutive Gray codes.
      const i = 31 - Math.clz32(step & -step);
      const sign = mask & (1 << i) ? -1 : 1;
      mask ^= 1 << i;
      profile[i]!.forEach((p, t) => (spend[t]! += sign * p));
      const c = candidates[i]!;
      if (c.protectedShare) protectedSpend += sign * c.cost;
      if (c.place === null) cross += sign * c.cost;
      else if (placeIndex[i]! >= 0) perPlace[placeIndex[i]!]! += sign * c.cost;
      v += sign === 1 ? valueOf[i]! : -valueOf[i]!;
    }
    if (meets() && (!best || v > best.value)) best = { value: v, mask };
  }
  if (!best) return { value: null, funded: null };
  const funded = candidates.map((_c, i) => (best.mask & (1 << i)) !== 0);
  const total = candidates.reduce((a, c, i) => (funded[i] ? a + value(c, objective) : a), 0n);
  return { value: ordered ? total : best.value, funded };
}
