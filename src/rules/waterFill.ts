// Water-filling in whole numbers: the exact core of the allocation, in BigInt pence with the water level as a fraction, so nothing is rounded until the last penny.

/** The water level λ = n / d (d > 0): each row gets clamp(λ·weight, floor, cap). */
interface Level {
  n: bigint;
  d: bigint;
}

/**
 * Splits `total` pence in proportion to integer weights, each row held within
 * [floor, cap] (cap null for none), in whole pence summing exactly to total.
 * Rows at a bound get exactly the bound; the rest get λ·weight rounded by
 * largest remainder, ties to the earlier row. The caller has checked the
 * bounds are feasible (Σ floors ≤ total ≤ Σ caps of weighted rows, floor ≤ cap)
 * and that some weight is positive.
 *
 * The level is found in doubles first (fast, by bisection), then proved in integers; when the
 * proof fails (values too close for doubles to order) it is found again by an
 * exact walk of the breakpoints. `guided = false` forces the exact walk.
 */
export function waterFillPence(
  total: bigint,
  weights: readonly bigint[],
  floors: readonly bigint[],
  caps: readonly (bigint | null)[],
  guided = true,
): bigint[] {
  const level = (guided ? provenLevel(total, weights, floors, caps) : undefined) ?? exactLevel(total, weights, floors, caps);
  return roundAt(level, total, weights, floors, caps);
}

/** The level from a bisection in doubles, if the integers confirm it: every row's bound or freedom holds at n/d and the rows sum to total. */
function provenLevel(total: bigint, weights: readonly bigint[], floors: readonly bigint[], caps: readonly (bigint | null)[]): Level | undefined {
  const count = weights.length;
  const w = new Float64Array(count);
  const lo = new Float64Array(count);
  const hi = new Float64Array(count);
  let top = 0;
  for (let i = 0; i < count; i++) {
    w[i] = Number(weights[i]!);
    lo[i] = Number(floors[i]!);
    hi[i] = caps[i] === null ? Infinity : Number(caps[i]!);
    if (w[i]! > 0) top = Math.max(top, (Number.isFinite(hi[i]!) ? hi[i]! : lo[i]! + Number(total)) / w[i]!);
  }
  // Bisection on the level: Σ clamp(λ·w, floor, cap) rises with λ, and the level lies in [0, top].
  const goal = Number(total);
  const filled = (level: number) => {
    let sum = 0;
    for (let i = 0; i < count; i++) sum += Math.min(Math.max(level * w[i]!, lo[i]!), hi[i]!);
    return sum;
  };
  let low = 0;
  let high = top;
  for (let step = 0; step < 64 && low < high; step++) {
    const mid = low + (high - low) / 2;
    if (mid === low || mid === high) break;
    if (filled(mid) < goal) low = mid;
    else high = mid;
  }
  const guess = high;

  // Which rows the guess puts at a bound, then the exact level those choices imply.
  const state = new Int8Array(count); // -1 at floor, 0 free, 1 at cap
  let bound = 0n;
  let free = 0n;
  for (let i = 0; i < count; i++) {
    const v = guess * w[i]!;
    if (w[i] === 0 || v <= lo[i]!) [state[i], bound] = [-1, bound + floors[i]!];
    else if (v >= hi[i]!) [state[i], bound] = [1, bound + caps[i]!];
    else free += weights[i]!;
  }
  if (free === 0n || bound > total) return undefined;
  const n = total - bound;
  for (let i = 0; i < count; i++) {
    if (weights[i] === 0n) continue;
    const x = n * weights[i]!;
    const s = state[i]!;
    const cap = caps[i]!;
    const ok =
      s < 0 ? x <= floors[i]! * free : s > 0 ? x >= cap * free : x >= floors[i]! * free && (cap === null || x <= cap * free);
    if (!ok) return undefined;
  }
  return { n, d: free };
}

/** The level by walking the breakpoints in exact fractions: slower, never wrong. */
function exactLevel(total: bigint, weights: readonly bigint[], floors: readonly bigint[], caps: readonly (bigint | null)[]): Level {
  type Event = { n: bigint; d: bigint; i: number; leavesFloor: boolean };
  const events: Event[] = [];
  let fixed = 0n;
  weights.forEach((w, i) => {
    fixed += floors[i]!;
    if (w === 0n) return;
    events.push({ n: floors[i]!, d: w, i, leavesFloor: true });
    const cap = caps[i];
    if (cap !== null && cap !== undefined) events.push({ n: cap, d: w, i, leavesFloor: false });
  });
  const compare = (a: Event, b: Event) => {
    const l = a.n * b.d;
    const r = b.n * a.d;
    return l < r ? -1 : l > r ? 1 : a.leavesFloor === b.leavesFloor ? 0 : a.leavesFloor ? -1 : 1;
  };
  events.sort(compare);
  let slope = 0n;
  let level: Level = { n: 0n, d: 1n };
  for (const e of events) {
    if (fixed * e.d + slope * e.n >= total * e.d) break;
    level = { n: e.n, d: e.d };
    if (e.leavesFloor) [fixed, slope] = [fixed - floors[e.i]!, slope + weights[e.i]!];
    else [fixed, slope] = [fixed + caps[e.i]!, slope - weights[e.i]!];
  }
  return slope > 0n ? { n: total - fixed, d: slope } : level;
}

/** Each row's amount at the level, in whole pence: bounds exactly, the rest by largest remainder (ties to the earlier row). */
function roundAt(level: Level, total: bigint, weights: readonly bigint[], floors: readonly bigint[], caps: readonly (bigint | null)[]): bigint[] {
  const amounts: bigint[] = new Array<bigint>(weights.length);
  const remainders: bigint[] = new Array<bigint>(weights.length);
  const candidates: number[] = [];
  let given = 0n;
  weights.forEach((w, i) => {
    const x = level.n * w;
    const cap = caps[i];
    let amount: bigint;
    if (w === 0n || x <= floors[i]! * level.d) amount = floors[i]!;
    else if (cap !== null && cap !== undefined && x >= cap * level.d) amount = cap;
    else {
      amount = x / level.d;
      const r = x % level.d;
      if (r > 0n) {
        remainders[i] = r;
        candidates.push(i);
      }
    }
    amounts[i] = amount;
    given += amount;
  });
  const left = Number(total - given);
  if (left > 0) {
    // Doubles order the remainders where they differ (Number() never reverses an order); the exact BigInts settle the rest.
    const approx = new Float64Array(weights.length);
    for (const i of candidates) approx[i] = Number(remainders[i]!);
    candidates.sort((a, b) => {
      const da = approx[a]!;
      const db = approx[b]!;
      if (da !== db) return db - da;
      const ra = remainders[a]!;
      const rb = remainders[b]!;
      return rb > ra ? 1 : rb < ra ? -1 : a - b;
    });
    for (let k = 0; k < left; k++) amounts[candidates[k]!]! += 1n;
  }
  return amounts;
}
