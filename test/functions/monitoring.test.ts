// ICS.TRANCHES and ICS.DELIVERYRAG called as Excel calls them: columns of cells, formula results, text money and every kind of bad input.
import { describe, expect, it } from "vitest";
import { expectSpilledError } from "./excelError";
import { deliveryRag, tranches } from "../../src/functions/monitoring";

const col = (...cells: unknown[]) => cells.map((c) => [c]) as never[][];

describe("ICS.TRANCHES", () => {
  it("spills each allocation's four quarterly tranches, summing exactly to it, the odd pennies to the earliest", async () => {
    expect(await tranches(col(1_000_000.03, "£9,371,998.22", 0))).toEqual([
      [250_000.01, 250_000.01, 250_000.01, 250_000],
      [2_342_999.56, 2_342_999.56, 2_342_999.55, 2_342_999.55],
      [0, 0, 0, 0],
    ]);
  });

  it("reads a formula's 114.99999999999999 as £115", async () => {
    expect(await tranches([[100 * 1.15]])).toEqual([[28.75, 28.75, 28.75, 28.75]]);
  });

  it.each([
    [col(-5), /allocations row 1 \(allocation\): -£5.00 is negative/],
    [col(10.005), /allocations row 1 \(allocation\): 10.005 is not a whole number of pence/],
    [col(100, "lots"), /allocations row 2 \(allocation\): "lots" is not an amount in pounds/],
    [col(100, ""), /allocations row 2 is blank/],
    [[[1, 2], [3, 4]], /allocations must be a single column/],
  ])("refuses bad input %#", async (allocations, message) => {
    expectSpilledError(await tranches(allocations), message);
  });
});

describe("ICS.DELIVERYRAG", () => {
  it("rates each return by the rulebook's bands, exact at their edges", async () => {
    const released = col(1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000);
    expect(await deliveryRag(col(10, 10, "10", 10, 0), col(9, 9, 7, 6, 0), col(900_000, "899,999.99", 1_000_000, 1_000_000, 0), released)).toEqual([
      ["Green"],
      ["Amber"],
      ["Amber"],
      ["Red"],
      ["Red"],
    ]);
  });

  it.each([
    [col(3), col(4), col(0), col(0), /row 1 \(Milestones delivered\): 4 delivered is more than the 3 due to date/],
    [col(2.5), col(1), col(0), col(0), /row 1 \(Milestones due\): "2.5" is not a count/],
    [col(1), col(1), col(-1), col(0), /row 1 \(Spend to date\): -£1.00 is negative/],
    [col(1), col(1), col(0), col("some"), /row 1 \(Released to date\): "some" is not an amount in pounds/],
    [col(1, 2), col(1), col(0), col(0), /milestonesDue has 2 rows but milestonesDelivered has 1; give one per return/],
  ])("refuses bad input %#", async (due, delivered, spend, released, message) => {
    expectSpilledError(await deliveryRag(due, delivered, spend, released), message);
  });
});
