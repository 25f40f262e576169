import { describe, expect, it } from "vitest";
import { expectSpilledError } from "./excelError";
import { allocate, placeShare } from "../../src/functions/allocation";

const col = (...cells: unknown[]) => cells.map((c) => [c]) as never[][];

const expectError = expectSpilledError;

describe("ICS.ALLOCATE", () => {
  it("spills amounts summing exactly to the fund, within floors and caps (blank is none)", async () => {
    expect(await allocate(1000, col(1, 1, 2), undefined, col("", "", 400))).toEqual([[300], [300], [400]]);
    expect(await allocate(1000, col(1, 4, 5), col(200, null, ""))).toEqual([[200], [355.56], [444.44]]);
    expect(await allocate(100, col(1, 1, 1))).toEqual([[33.34], [33.33], [33.33]]);
  });

  it("reads a fund, floors and caps from formulas as Excel holds them (15 significant digits)", async () => {
    // =100*1.15 is 114.99999999999999 in doubles; =0.1+0.2 is 0.30000000000000004.
    expect(await allocate(100 * 1.15, col(1, 1), col(0.1 + 0.2, ""), col("", "£1,000"))).toEqual([[57.5], [57.5]]);
    expect(await allocate(100 * 1.15, col(1, 1), col(100 * 1.15 - 0.1 - 0.2, ""))).toEqual([[114.7], [0.3]]);
  });

  it.each([
    [-5, col(1), undefined, undefined, /the fund must not be negative/],
    [100, col(1, -2), undefined, undefined, /row 2: the weight is negative/],
    [100, col("heavy"), undefined, undefined, /weights row 1: "heavy" is not an amount/],
    [100, col(0, 0), undefined, undefined, /the weights are all zero/],
    [100, col(1, 1), col(1), undefined, /floors has 1 rows but weights has 2/],
    [100, col(1, 1), col(60, 50), undefined, /the floors add up to £110.00, more than the fund of £100.00/],
    [100, col(1, 1), undefined, col(10, 20), /the caps add up to £30.00, less than the fund/],
    [100, col(1), col(30), col(20), /row 1: the floor £30.00 is above the cap £20.00/],
    [100.001, col(1), undefined, undefined, /not a whole number of pence/],
  ])("refuses bad input %#", async (fund, weights, floors, caps, message) => {
    expectError(await allocate(fund, weights, floors, caps), message);
  });
});

describe("ICS.PLACESHARE", () => {
  it("spills shares of need-weighted population summing to 1", async () => {
    const shares = (await placeShare(col(100, 300), col(2, 1)) as number[][]).flat();
    expect(shares).toEqual([0.4, 0.6]);
  });

  it.each([
    [col(100, 200), col(1), /population has 2 rows but needIndex has 1/],
    [col(-1), col(1), /population row 1 is negative/],
    [col(0, 0), col(1, 1), /need-weighted population is zero/],
    [col("lots"), col(1), /population row 1/],
  ])("refuses bad input %#", async (population, need, message) => {
    expectError(await placeShare(population, need), message);
  });
});
