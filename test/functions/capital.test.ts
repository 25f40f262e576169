import { afterEach, describe, expect, it } from "vitest";
import { expectSpilledError } from "./excelError";
import { prioritise, schemeScore } from "../../src/functions/capital";
import { putRulebookInForce, rulebookInForce } from "../../src/rules/inForce";
import { defaultRulebook } from "../../src/rules/presets";

// Excel passes every range, a single cell included, as rows of cells.
const col = (...cells: unknown[]) => cells.map((c) => [c]) as never[][];
const row = (...cells: unknown[]) => [cells] as never[][];

describe("ICS.SCHEMESCORE", () => {
  it("spills weighted scores 0–100 from a matrix of criterion scores and a row of weights", async () => {
    // Weights 3 and 1 on a 0–5 scale: (3×5 + 5)/20, 0, 15/20, (3 + 4)/20.
    expect(await schemeScore([[5, 5], [0, 0], [5, 0], [1, 4]] as never[][], row(3, 1))).toEqual([[100], [0], [75], [35]]);
    // A column of weights works too.
    expect(await schemeScore(row(5, 0), col(1, 1))).toEqual([[50]]);
  });

  it("computes exactly: decimal scores give exact results, and a formula's float noise is read as Excel shows it", async () => {
    // (0.1 + 0.2 + 0.3)/3 of 5 is 4: in doubles it would be 4.000000000000001.
    expect(await schemeScore(row(0.1, 0.2, 0.3), row(1, 1, 1))).toEqual([[4]]);
    // =0.1+0.2 is 0.30000000000000004 in the cell, 0.3 to Excel's 15 significant digits: (0.3 + 0.3)/2 of 5 is 6.
    expect(await schemeScore(row(0.1 + 0.2, 0.3), row(1, 1))).toEqual([[6]]);
    // Weights 0.1, 0.2 and 0.7 add up to 1 as decimals.
    expect(await schemeScore(row(5, 0, 0), row(0.1, 0.2, 0.7))).toEqual([[10]]);
  });

  it.each([
    [[[1, 2]], [[0, 0]], /the weights are all zero/],
    [[[1, 2]], [[1, -1]], /weight 2 must be 0 or more, not -1/],
    [[[1, 2]], [[1, "x"]], /weight 2 is "x"; give a number/],
    [[[1, 2]], [["", 1]], /weight 1 is ""; give a number/],
    [[[1, 2]], [], /weights is empty; select a row of weights/],
    [[], [[1, 1]], /scores is empty; select one row per scheme/],
    [[[1, 2, 3]], [[1, 1]], /scores row 1 has 3 scores but there are 2 weights/],
    [[[1, 2], [1, 9]], [[1, 1]], /scores row 2, column 2: 9 is outside the scale 0–5/],
    [[[-0.5, 2]], [[1, 1]], /scores row 1, column 1: -0.5 is outside the scale 0–5/],
    [[[1, "high"]], [[1, 1]], /scores row 1, column 2 is "high"; give a score/],
    [[[1, ""]], [[1, 1]], /scores row 1, column 2 is ""; give a score/],
  ])("refuses bad input %#", async (scores, weights, message) => {
    expectSpilledError(await schemeScore(scores as never[][], weights as never[][]), message);
  });
});

describe("ICS.PRIORITISE", () => {
  afterEach(() => putRulebookInForce(defaultRulebook(), "preset"));

  it("spills three columns: rank, FUNDED or NOT FUNDED, and why not", async () => {
    const result = await prioritise(col(6_000_000, 4_000_000, 3_000_000, 1_000_000), col(90, 70, 35, 20), [[10_000_000]]);
    expect(result).toEqual([
      [1, "FUNDED", ""],
      [2, "FUNDED", ""],
      [3, "NOT FUNDED", "does not fit: £0.00 left after higher-priority schemes"],
      [4, "NOT FUNDED", "does not fit: £0.00 left after higher-priority schemes"],
    ]);
    // Costs as text in pounds, as people type them, read exactly.
    expect(await prioritise(col("£6,000,000", "4000000"), col(90, 70), [[10_000_000]])).toEqual([
      [1, "FUNDED", ""],
      [2, "FUNDED", ""],
    ]);
  });

  it("reads the eligible column's words in any case; blank is eligible; other text is the reason a scheme is excluded", async () => {
    const words = ["Yes", "y", "1", true, "true ", 1, "No", "N", 0, false, "awaiting business case", ""];
    const result = await prioritise(col(...words.map(() => 1_000_000)), col(...words.map(() => 10)), [[20_000_000]], undefined, undefined, col(...words));
    // Equal scores rank by row order; the excluded keep their rank, so the list reads the same whatever is eligible.
    expect(result).toEqual([
      [1, "FUNDED", ""],
      [2, "FUNDED", ""],
      [3, "FUNDED", ""],
      [4, "FUNDED", ""],
      [5, "FUNDED", ""],
      [6, "FUNDED", ""],
      [7, "EXCLUDED", "not eligible"],
      [8, "EXCLUDED", "not eligible"],
      [9, "EXCLUDED", "not eligible"],
      [10, "EXCLUDED", "not eligible"],
      [11, "EXCLUDED", "awaiting business case"],
      [12, "FUNDED", ""],
    ]);
  });

  it("takes a score from a formula as Excel shows it: 100×1.15 ties with 115, and the earlier row ranks first", async () => {
    // 100*1.15 is 114.99999999999999 in doubles; read as a double it would rank below 115 and lose the one place.
    expect(100 * 1.15).not.toBe(115);
    expect(await prioritise(col(1_000_000, 1_000_000), col(100 * 1.15, 115), [[1_000_000]], undefined, undefined, undefined, "ranked")).toEqual([
      [1, "FUNDED", ""],
      [2, "NOT FUNDED", "does not fit: £0.00 left after higher-priority schemes"],
    ]);
  });

  // £10m. Score a £1m: Scanner 11.25, Ward 17, Clinic 16, Lift 20, Boiler 16.7, Signs 20.
  const costs = col(8_000_000, 5_000_000, 5_000_000, 2_000_000, 3_000_000, 1_000_000);
  const scores = col(90, 85, 80, 40, 50, 20);
  const status = (result: unknown[][]) => result.map((r) => r[1]);

  it.each([
    // The most score: Ward, Lift and Boiler (175).
    ["total-score", ["NOT FUNDED", "FUNDED", "NOT FUNDED", "FUNDED", "FUNDED", "NOT FUNDED"]],
    // The rulebook's default, score-weighted spend: Ward and Clinic (85×5 + 80×5 = 825, above Scanner and Lift's 800).
    [null, ["NOT FUNDED", "FUNDED", "FUNDED", "NOT FUNDED", "NOT FUNDED", "NOT FUNDED"]],
    ["score-weighted-spend", ["NOT FUNDED", "FUNDED", "FUNDED", "NOT FUNDED", "NOT FUNDED", "NOT FUNDED"]],
    ["Score-weighted spend", ["NOT FUNDED", "FUNDED", "FUNDED", "NOT FUNDED", "NOT FUNDED", "NOT FUNDED"]],
    // Down the list: Scanner, then only Lift fits.
    ["ranked", ["FUNDED", "NOT FUNDED", "NOT FUNDED", "FUNDED", "NOT FUNDED", "NOT FUNDED"]],
    ["Ranked list", ["FUNDED", "NOT FUNDED", "NOT FUNDED", "FUNDED", "NOT FUNDED", "NOT FUNDED"]],
    ["fund down the list", ["FUNDED", "NOT FUNDED", "NOT FUNDED", "FUNDED", "NOT FUNDED", "NOT FUNDED"]],
    // By score a £: Lift, Signs, Ward; Boiler would make £11m.
    ["value-for-money", ["NOT FUNDED", "FUNDED", "NOT FUNDED", "FUNDED", "NOT FUNDED", "FUNDED"]],
    ["VALUE FOR MONEY", ["NOT FUNDED", "FUNDED", "NOT FUNDED", "FUNDED", "NOT FUNDED", "FUNDED"]],
  ])("takes the objective %j by id or in words", async (objective, expected) => {
    expect(status(await prioritise(costs, scores, [[10_000_000]], undefined, undefined, undefined, objective as string))).toEqual(expected);
  });

  it("gives the reasons for the objective chosen", async () => {
    expect(await prioritise(costs, scores, [[10_000_000]])).toEqual([
      // Scanner's 90 × £8m is less than Ward's and Clinic's together.
      [1, "NOT FUNDED", "funding it would displace row 2 and row 3, which together add more score-weighted spend"],
      [2, "FUNDED", ""],
      [3, "FUNDED", ""],
      [5, "NOT FUNDED", "does not fit: £0.00 left after higher-priority schemes"],
      [4, "NOT FUNDED", "does not fit: £0.00 left after higher-priority schemes"],
      [6, "NOT FUNDED", "does not fit: £0.00 left after higher-priority schemes"],
    ]);
    // By value for money the list is Lift, Signs, Ward, Boiler, Clinic, Scanner: £2m is left when Boiler's turn comes.
    expect(await prioritise(costs, scores, [[10_000_000]], undefined, undefined, undefined, "value-for-money")).toEqual([
      [1, "NOT FUNDED", "does not fit: £2,000,000.00 left after higher-priority schemes"],
      [2, "FUNDED", ""],
      [3, "NOT FUNDED", "does not fit: £2,000,000.00 left after higher-priority schemes"],
      [5, "FUNDED", ""],
      [4, "NOT FUNDED", "does not fit: £2,000,000.00 left after higher-priority schemes"],
      [6, "FUNDED", ""],
    ]);
  });

  it("refuses an objective it does not know", async () => {
    expectSpilledError(await prioritise(costs, scores, [[10_000_000]], undefined, undefined, undefined, "best"), /objective "best" is not one of total-score, score-weighted-spend, ranked, value-for-money/);
  });

  // Two years of £5m: Wards £3m then £1m; Theatre £6m in year 2; Scanner £2m then £1m.
  const byYear = [
    [3_000_000, 1_000_000],
    [0, 6_000_000],
    [2_000_000, 1_000_000],
  ] as never[][];

  it("plans over years: a column of costs per year and a row of envelopes, each year within its own", async () => {
    expect(await prioritise(byYear, col(60, 90, 50), row(5_000_000, 5_000_000))).toEqual([
      [2, "FUNDED", ""],
      [1, "NOT FUNDED", "does not fit: £5,000,000.00 left after higher-priority schemes (year 2 within its envelope of £5,000,000.00)"],
      [3, "FUNDED", ""],
    ]);
    // A blank in a year is nothing spent that year.
    expect(await prioritise([[3_000_000, ""], [0, 6_000_000]] as never[][], col(60, 90), row(5_000_000, 5_000_000))).toEqual([
      [2, "FUNDED", ""],
      [1, "NOT FUNDED", "does not fit: £5,000,000.00 left after higher-priority schemes (year 2 within its envelope of £5,000,000.00)"],
    ]);
  });

  it("carries unspent envelope forward where the rulebook in force allows it", async () => {
    const rulebook = rulebookInForce();
    putRulebookInForce({ ...rulebook, capital: { ...rulebook.capital!, phasing: { carryForward: true, clause: "local agreement" } } }, "workbook");
    // Wards and Theatre: £3m by the end of year 1, £10m by the end of year 2.
    expect(await prioritise(byYear, col(60, 90, 50), row(5_000_000, 5_000_000))).toEqual([
      [2, "FUNDED", ""],
      [1, "FUNDED", ""],
      [3, "NOT FUNDED", "does not fit: £0.00 left after higher-priority schemes (spend to the end of year 2 within £10,000,000.00 (unspent envelope carried forward))"],
    ]);
  });

  it("funds within the MoU's constraints when given places and categories, and excludes with the reason given", async () => {
    // Each Place at least 8%, backlog and equipment at least 25%, cross-Place 20–50% of £10m.
    const result = await prioritise(
      col(3_000_000, 4_000_000, 3_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000),
      col(90, 70, 35, 20, 99, 5, 30),
      [[10_000_000]],
      col("Mid Essex", "Cross-Place", "Cross-Place", "Thurrock", "South East Essex", "Basildon and Brentwood", "South East Essex"),
      col("Backlog maintenance", "Digital", "Other", "Other", "Digital", "Other", "Equipment replacement"),
      col(true, true, true, true, "Major scheme without an affordability case", true, true),
    );
    // Every Place's only scheme is needed for its minimum; row 3 would take cross-Place past £5m beside row 2.
    expect(result.map((r) => r.slice(0, 2))).toEqual([
      [2, "FUNDED"],
      [3, "FUNDED"],
      [4, "NOT FUNDED"],
      [6, "FUNDED"],
      [1, "EXCLUDED"],
      [7, "FUNDED"],
      [5, "FUNDED"],
    ]);
    expect(result.filter((_r, i) => i !== 2).map((r) => r[2])).toEqual(["", "", "", "Major scheme without an affordability case", "", ""]);
  });

  it.each([
    [col(-5), col(1), [[10]], /costs row 1 is negative/],
    [col(5, ""), col(1, 2), [[10]], /costs row 2 is blank/],
    [col(5.001), col(1), [[10]], /costs row 1: 5.001 is not a whole number of pence/],
    [col(5, 5), col(1), [[10]], /costs has 2 rows but scores has 1; give one per scheme/],
    [col(5), col("x"), [[10]], /scores row 1 is "x"; give a number/],
    [col(5, 5), col(1, -2), [[10]], /scores row 2 is negative/],
    [col(5), col(1), [["lots"]], /envelope must be a number of pounds above 0, not "lots"/],
    [col(5), col(1), [[0]], /envelope must be a number of pounds above 0, not 0/],
    [col(5), col(1), [[-3]], /envelope must be a number of pounds above 0, not -3/],
    [col(5), col(1), [[""]], /envelope must be a number of pounds above 0, not ""/],
    [[[3, 1], [0, 6]], col(1, 2), [[10]], /costs has 2 columns: give one envelope per year \(a row of 2\) for a plan over years/],
    [[[3, 1], [0, 6]], col(1, 2), [[5, 5, 5]], /costs row 1 has 2 years but the envelope has 3/],
    [[[3, 1], [0, -6]], col(1, 2), [[5, 5]], /costs row 2, year 2 is negative/],
    [[[3, 1], [0, 6]], col(1, 2), [[5, -1]], /envelope year 2 must be a number of pounds above 0, not -1/],
    [[[3, 1], [0, 6]], col(1, 2), [[0, 0]], /the envelope is £0 in every year/],
  ])("refuses bad input %#, naming the row", async (costs, scores, envelope, message) => {
    expectSpilledError(await prioritise(costs as never[][], scores, envelope as never[][]), message);
  });

  it("refuses a Place or category it does not know, and an eligible column of the wrong length", async () => {
    expectSpilledError(await prioritise(col(1_000_000, 2_000_000), col(50, 3), [[10_000_000]], col("Mid Essex", "Narnia")), /places row 2: "Narnia" is not a Place or Cross-Place/);
    expectSpilledError(
      await prioritise(col(1_000_000), col(50), [[10_000_000]], undefined, col("Pizza")),
      /categories row 1: "Pizza" is not one of Backlog maintenance, Equipment replacement, Major scheme, Digital, Other/,
    );
    expectSpilledError(await prioritise(col(1_000_000), col(50), [[10_000_000]], undefined, undefined, col(true, false)), /costs has 1 rows but eligible has 2; give one per scheme/);
  });

  it("names the constraints no portfolio can meet, with their figures", async () => {
    const result = await prioritise(col(1_000_000), col(50), [[10_000_000]], col("Mid Essex"), col("Backlog maintenance"));
    expectSpilledError(result, /^no portfolio meets the constraints. Backlog and equipment at least 25% \(£2,500,000.00\) cannot be met: the schemes that may be funded for it total £1,000,000.00\. Thurrock at least 8% \(£800,000.00\) cannot be met: the schemes that may be funded for it total £0.00\./);
    // A pair that conflicts only together: the one backlog scheme is over the envelope.
    expectSpilledError(
      await prioritise(col(11_000_000, 1_000_000), col(50, 50), [[10_000_000]], undefined, col("Backlog maintenance", "Other")),
      /^no portfolio meets the constraints. These cannot be met together: within the envelope of £10,000,000\.00; backlog and equipment at least 25% \(£2,500,000\.00\), for which the schemes that may be funded total £11,000,000\.00$/,
    );
  });
});
