import { describe, expect, it } from "vitest";
import { expectSpilledError } from "./excelError";
import { prioritise, schemeScore } from "../../src/functions/capital";

const col = (...cells: unknown[]) => cells.map((c) => [c]) as never[][];

describe("ICS.SCHEMESCORE", () => {
  it("spills weighted scores 0–100 from a matrix of criterion scores and a row of weights", () => {
    expect(schemeScore([[5, 5], [0, 0], [5, 0], [1, 4]] as never[][], [[3, 1]] as never[][])).toEqual([[100], [0], [75], [35]]);
    // A column of weights works too.
    expect(schemeScore([[5, 0]] as never[][], [[1], [1]] as never[][])).toEqual([[50]]);
  });

  it.each([
    [[[1, 2]], [[0, 0]], /the weights are all zero/],
    [[[1, 2]], [[1, -1]], /weight 2 must be 0 or more/],
    [[[1, 2, 3]], [[1, 1]], /scores row 1 has 3 scores but there are 2 weights/],
    [[[1, 9]], [[1, 1]], /scores row 1, column 2: 9 is outside the scale 0–5/],
    [[[1, "high"]], [[1, 1]], /scores row 1, column 2 is "high"; give a score/],
    [[[1, 2]], [[1, "x"]], /weight 2 is "x"; give a number/],
  ])("refuses bad input %#", (scores, weights, message) => {
    expectSpilledError(schemeScore(scores as never[][], weights as never[][]), message);
  });
});

describe("ICS.PRIORITISE", () => {
  it("funds the optimal set within the envelope, ranking by score, with exclusions and their reasons", async () => {
    const result = await prioritise(col(6_000_000, 4_000_000, 3_000_000, 1_000_000), col(90, 70, 35, 20), 10_000_000);
    expect(result).toEqual([
      [1, "FUNDED"],
      [2, "FUNDED"],
      [3, "NOT FUNDED"],
      [4, "NOT FUNDED"],
    ]);
    // Each Place at least 8%, backlog and equipment at least 25%, cross-Place 20–50% of £10m.
    const withRules = await prioritise(
      col(3_000_000, 4_000_000, 3_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000),
      col(90, 70, 35, 20, 99, 5, 30),
      10_000_000,
      col("Mid Essex", "Cross-Place", "Cross-Place", "Thurrock", "South East Essex", "Basildon and Brentwood", "South East Essex"),
      col("Backlog maintenance", "Digital", "Other", "Other", "Digital", "Other", "Equipment replacement"),
      col(true, true, true, true, "Major scheme without an affordability case", true, true),
    );
    expect(withRules).toEqual([
      [2, "FUNDED"],
      [3, "FUNDED"],
      [4, "NOT FUNDED"],
      [6, "FUNDED"],
      [1, "EXCLUDED: Major scheme without an affordability case"],
      [7, "FUNDED"],
      [5, "FUNDED"],
    ]);
  });

  it.each([
    [col(-5), col(1), 10, /costs row 1 is negative/],
    [col(5, 5), col(1), 10, /costs has 2 rows but scores has 1/],
    [col(5), col("x"), 10, /scores row 1 is "x"/],
    [col(5), col(1), "lots", /envelope must be a number of pounds above 0/],
  ])("refuses bad input %#", async (costs, scores, envelope, message) => {
    expectSpilledError(await prioritise(costs, scores, envelope as never), message);
  });

  it("names the constraints no portfolio can meet", async () => {
    const result = await prioritise(col(1_000_000), col(50), 10_000_000, col("Mid Essex"), col("Backlog maintenance"));
    expectSpilledError(result, /no portfolio meets the constraints: backlog and equipment schemes total £1,000,000, less than the 25%/);
  });
});
