// ALLOCATE over 10,000 rows with floors and caps: the exact function and rules module against a plain-number water-filling in the same run.
import { bench, describe } from "vitest";
import { allocate } from "../../src/functions/allocation";
import { allocateWithinBounds } from "../../src/rules/allocation";
import { Money } from "../../src/rules/money";

const ROWS = 10_000;
let seed = 20261122;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const plain = Array.from({ length: ROWS }, () => {
  const weight = Math.round(1_000 + random() * 100_000);
  const floor = random() < 0.3 ? Math.round(random() * 5_000) : 0;
  const cap = random() < 0.3 ? floor + Math.round(random() * 20_000) : Infinity;
  return { weight, floor, cap };
});
const fund = 100_000_000;
// As Excel passes the columns to ICS.ALLOCATE: numbers, and blank cells for no bound.
const weightCells = plain.map((r) => [r.weight]);
const floorCells = plain.map((r) => [r.floor || ""]);
const capCells = plain.map((r) => [Number.isFinite(r.cap) ? r.cap : ""]);
const exactRows = plain.map((r) => ({ weight: new Money(r.weight), floor: r.floor ? new Money(r.floor) : null, cap: Number.isFinite(r.cap) ? new Money(r.cap) : null }));

/** The same water-filling in doubles, rounded to pence at the end with no care for the total: what a spreadsheet does. */
function plainAllocate(total: number, rows: typeof plain): number[] {
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

describe(`ALLOCATE over ${ROWS.toLocaleString("en-GB")} rows with floors and caps`, () => {
  bench("ICS.ALLOCATE: cells in, amounts out (exact, sums to the penny)", () => {
    allocate(fund, weightCells, floorCells, capCells);
  });
  bench("rules module: allocateWithinBounds on Money (exact)", () => {
    allocateWithinBounds(new Money(fund), exactRows);
  });
  bench("baseline: plain-number water-filling", () => {
    plainAllocate(fund, plain);
  });
});
