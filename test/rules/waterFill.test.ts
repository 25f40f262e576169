import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { waterFillPence } from "../../src/rules/waterFill";

/** Feasible integer cases: floors, optional caps at or above them, a total between Σ floors and what the caps allow. */
const cases = (weight: fc.Arbitrary<bigint>) =>
  fc
    .array(fc.record({ w: weight, floor: fc.bigInt({ min: 0n, max: 10_000n }), room: fc.option(fc.bigInt({ min: 0n, max: 50_000n })) }), { minLength: 1, maxLength: 30 })
    .filter((rows) => rows.some((r) => r.w > 0n))
    .chain((rows) => {
      const floors = rows.map((r) => r.floor);
      const caps = rows.map((r) => (r.room === null ? null : r.floor + r.room));
      const least = floors.reduce((a, b) => a + b, 0n);
      const open = rows.some((r, i) => r.w > 0n && caps[i] === null);
      const most = rows.reduce((a, r, i) => a + (r.w > 0n ? (caps[i] ?? 0n) : floors[i]!), 0n);
      return fc.bigInt({ min: least, max: open ? least + 1_000_000n : most }).map((total) => ({ total, weights: rows.map((r) => r.w), floors, caps }));
    });

const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

describe("water-filling in whole pence", () => {
  it("finds the same allocation guided by doubles as by the exact walk, to the penny", () => {
    fc.assert(
      fc.property(cases(fc.bigInt({ min: 0n, max: 1_000_000n })), ({ total, weights, floors, caps }) => {
        const guided = waterFillPence(total, weights, floors, caps);
        expect(guided).toEqual(waterFillPence(total, weights, floors, caps, false));
        expect(sum(guided)).toBe(total);
      }),
      { numRuns: 3000 },
    );
  });

  it("stays exact where doubles cannot tell the weights apart (weights of 10^30 and a little more)", () => {
    const huge = 10n ** 30n;
    fc.assert(
      fc.property(cases(fc.bigInt({ min: 0n, max: 1000n }).map((d) => huge + d)), ({ total, weights, floors, caps }) => {
        const guided = waterFillPence(total, weights, floors, caps);
        expect(guided).toEqual(waterFillPence(total, weights, floors, caps, false));
        expect(sum(guided)).toBe(total);
        guided.forEach((a, i) => {
          expect(a >= floors[i]!).toBe(true);
          if (caps[i] !== null) expect(a <= caps[i]!).toBe(true);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it("breaks a tie in the last penny towards the earlier row", () => {
    expect(waterFillPence(2n, [1n, 1n, 1n], [0n, 0n, 0n], [null, null, null])).toEqual([1n, 1n, 0n]);
    expect(waterFillPence(2n, [1n, 1n, 1n], [0n, 0n, 0n], [null, null, null], false)).toEqual([1n, 1n, 0n]);
  });

  it("gives a weightless row its floor, and a bound row exactly its bound", () => {
    expect(waterFillPence(1000n, [0n, 1n, 3n], [100n, 0n, 0n], [null, null, 600n])).toEqual([100n, 300n, 600n]);
  });
});
