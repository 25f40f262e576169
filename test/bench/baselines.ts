// Plain-number baselines shared by the benches: the rules module's algorithms done in doubles, as a spreadsheet model
// would do them, with none of the exactness, checks or explanations. Here, never in src/.
import type { Ballot } from "../../src/rules/decisions";
import type { ControlTotalSettings, DecisionRule, Rulebook } from "../../src/rules/rulebook";

export interface PlainBounded {
  weight: number;
  floor: number;
  /** Infinity for no cap. */
  cap: number;
}

/** Water-filling in doubles, rounded to pence at the end with no care for the total: what a spreadsheet does. */
export function plainAllocate(total: number, rows: readonly PlainBounded[]): number[] {
  const events: { at: number; i: number; up: boolean }[] = [];
  let fixed = 0;
  rows.forEach((r, i) => {
    fixed += r.floor;
    events.push({ at: r.floor / r.weight, i, up: true });
    if (Number.isFinite(r.cap)) events.push({ at: r.cap / r.weight, i, up: false });
  });
  events.sort((a, b) => a.at - b.at || (a.up === b.up ? 0 : a.up ? -1 : 1));
  let slope = 0;
  let level = 0;
  for (const e of events) {
    if (fixed + slope * e.at >= total) break;
    level = e.at;
    const r = rows[e.i]!;
    if (e.up) [fixed, slope] = [fixed - r.floor, slope + r.weight];
    else [fixed, slope] = [fixed + r.cap, slope - r.weight];
  }
  const lambda = slope === 0 ? level : (total - fixed) / slope;
  return rows.map((r) => Math.round(Math.min(Math.max(lambda * r.weight, r.floor), r.cap) * 100) / 100);
}

export interface PlainPlanRow {
  code: string;
  place: string | null;
  month: number;
  plan: number;
  forecast: number;
}

/**
 * The control total's roll-up in doubles: variances by Place and system, months adverse beyond the green tolerance,
 * the escalation ladder, each Place's reserve and then favourable variances offsetting adverse ones. One number out.
 */
export function plainRollUp(settings: ControlTotalSettings, data: readonly PlainPlanRow[], month: number, reserves: ReadonlyMap<string, number>): number {
  const tol = (t: { basisPoints: number; floorPounds: number }, basis: number) => Math.max(t.floorPounds, (Math.abs(basis) * t.basisPoints) / 10_000);
  const byCode = new Map<string, PlainPlanRow[]>();
  for (const r of data) {
    const series = byCode.get(r.code);
    if (series) series.push(r);
    else byCode.set(r.code, [r]);
  }
  const placeAdverse = new Map<string | null, number>();
  const placeFavourable = new Map<string | null, number>();
  let level = 0;
  for (const series of byCode.values()) {
    const now = series.find((r) => r.month === month);
    if (!now) continue;
    const variance = now.forecast - now.plan;
    let run = 0;
    for (let m = month; m >= 1; m--) {
      const r = series.find((x) => x.month === m);
      if (!r || Math.max(0, r.plan - r.forecast) <= tol(settings.rag.green, r.plan)) break;
      run++;
    }
    settings.escalation.steps.forEach((s, i) => {
      if (-variance > 0 && -variance >= tol(s.adverseAtLeast, now.plan) && run >= s.monthsInARow) level = Math.max(level, i + 1);
    });
    const bucket = variance < 0 ? placeAdverse : placeFavourable;
    bucket.set(now.place, (bucket.get(now.place) ?? 0) + Math.abs(variance));
  }
  let uncovered = 0;
  let spare = 0;
  for (const place of new Set([...placeAdverse.keys(), ...placeFavourable.keys()])) {
    const adverse = placeAdverse.get(place) ?? 0;
    const used = Math.min(place === null ? 0 : (reserves.get(place) ?? 0), adverse);
    const offset = Math.min(placeFavourable.get(place) ?? 0, adverse - used);
    uncovered += adverse - used - offset;
    spare += (placeFavourable.get(place) ?? 0) - offset;
  }
  return uncovered - Math.min(uncovered, spare) + level;
}

/** Schemes scored by weights and funded down the ranking while the envelope lasts: a spreadsheet's portfolio, unproven. */
export function plainRankAndFill(schemes: readonly { cost: number; scores: readonly number[] }[], weights: readonly number[], envelope: number): boolean[] {
  const total = weights.reduce((a, w) => a + w, 0);
  const score = schemes.map((s) => s.scores.reduce((a, x, c) => a + (x * weights[c]!) / total, 0));
  const order = schemes.map((_s, i) => i).sort((a, b) => score[b]! - score[a]! || a - b);
  const funded = schemes.map(() => false);
  let left = envelope;
  for (const i of order) if (schemes[i]!.cost <= left) [left, funded[i]] = [left - schemes[i]!.cost, true];
  return funded;
}

/** A seeded generator, so every run measures the same work. */
export function seeded(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

/** The baseline a spreadsheet formula would be: count For and eligible-not-excluded, compare 4·for ≥ 3·eligible. */
export function plainCount(ballots: Ballot[]): boolean {
  let forVotes = 0;
  let eligible = 0;
  for (const b of ballots) {
    if (!b.eligible || b.vote === "excluded") continue;
    eligible++;
    if (b.vote === "for") forVotes++;
  }
  return eligible > 0 && 4 * forVotes >= 3 * eligible;
}

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
const KINDS = new Set(["for", "against", "abstain", "absent", "excluded"]);
const CAST = new Set(["for", "against", "abstain"]);

/**
 * ICS.DECISION's work in plain numbers: each organisation's eligibility from Annex 1 looked up in a map built once
 * (and each distinct text folded once),
 * one vote per partner where the rule says so, the threshold compared as a float share, the percentage by toFixed.
 */
export function plainDecision(rulebook: Rulebook, rule: DecisionRule, votes: string[][], organisations: string[][]): string {
  const element = rulebook.matters.find((m) => m.id === rule.matter)!.element;
  const annex = new Set(rulebook.annex1[element] ?? []);
  const eligibleBy = new Map<string, { code: string; eligible: boolean }>();
  for (const p of rulebook.partners) {
    const entry = { code: p.code, eligible: p.overrides[element] ?? annex.has(p.type) };
    eligibleBy.set(p.code.toLowerCase(), entry);
    eligibleBy.set(fold(p.name), entry);
  }
  const counts: Record<string, number> = { for: 0, against: 0, abstain: 0, absent: 0, excluded: 0 };
  const byPartner = new Map<string, { eligible: boolean; vote: string }>();
  for (let i = 0; i < votes.length; i++) {
    const word = (votes[i]![0] ?? "").trim().toLowerCase() || "absent";
    if (!KINDS.has(word)) throw new Error(`row ${i + 1}: not a vote`);
    const text = organisations[i]![0]!.trim();
    let who = eligibleBy.get(text);
    if (!who) eligibleBy.set(text, (who = eligibleBy.get(fold(text))!));
    if (!who) throw new Error(`row ${i + 1}: unknown partner`);
    if (rule.votingUnit === "member") {
      if (who.eligible) counts[word]! += 1;
      continue;
    }
    const seen = byPartner.get(who.code);
    if (!seen) byPartner.set(who.code, { eligible: who.eligible, vote: word });
    else if (CAST.has(word)) {
      if (CAST.has(seen.vote) && seen.vote !== word) throw new Error(`${who.code} cast different votes`);
      seen.vote = word;
    } else if (word === "absent" && seen.vote === "excluded") seen.vote = word;
  }
  for (const p of byPartner.values()) if (p.eligible) counts[p.vote]! += 1;
  const denominator = rule.denominator.counts.reduce((n, kind) => n + counts[kind]!, 0);
  const share = denominator === 0 ? 0 : counts.for! / denominator;
  const needed = rule.threshold.fraction.numerator / rule.threshold.fraction.denominator;
  const carried = denominator > 0 && (rule.threshold.comparison === "at-least" ? share >= needed : share > needed);
  return `${carried ? "CARRIED" : "NOT CARRIED"}: ${counts.for} of ${denominator} for (${(share * 100).toFixed(1)}%)`;
}
