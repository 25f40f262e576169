// ALLOCATE over 10,000 rows with floors and caps: the exact function and rules module against a plain-number water-filling in the same run.
import { bench, describe } from "vitest";
import { allocate } from "../../src/functions/allocation";
import { allocateWithinBounds } from "../../src/rules/allocation";
import { Money } from "../../src/rules/money";
import { plainAllocate } from "./baselines";

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

describe(`ALLOCATE over ${ROWS.toLocaleString("en-GB")} rows with floors and caps`, () => {
  // Awaited: ICS.ALLOCATE waits for the rulebook in force, so an unawaited call would time only the promise.
  bench("ICS.ALLOCATE: cells in, amounts out (exact, sums to the penny)", async () => {
    const amounts = await allocate(fund, weightCells, floorCells, capCells);
    if (typeof amounts[0]![0] !== "number") throw new Error(`expected amounts, got ${String(amounts[0]![0])}`);
  });
  bench("rules module: allocateWithinBounds on Money (exact)", () => {
    allocateWithinBounds(new Money(fund), exactRows);
  });
  bench("baseline: plain-number water-filling", () => {
    plainAllocate(fund, plain);
  });
});
