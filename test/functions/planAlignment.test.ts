import { describe, expect, it } from "vitest";
import { expectSpilledError } from "./excelError";
import { aligned, mismatches } from "../../src/functions/planAlignment";

const col = (...cells: unknown[]) => cells.map((c) => [c]) as never[][];

// MSEFT's income from ICB-ME is £3.2m more than ICB-ME's expenditure with MSEFT; ICB-STH agrees within £40k; EPUT sent no return.
const orgs = col("MSEFT", "ICB-ME", "MSEFT", "ICB-STH", "MSEFT", "ICB-THU", "ICB-ME");
const parties = col("ICB-ME", "MSEFT", "ICB-STH", "MSEFT", "ICB-THU", "MSEFT", "EPUT");
const ways = col("Income", "Expenditure", "income", "EXPENDITURE", "Income", "Expenditure", "Expenditure");
const amounts = col(415_200_000, 412_000_000, 250_000_000, "£249,960,000", 120_000_000, 120_000_000, 38_000_000);

describe("ICS.MISMATCHES", () => {
  it("spills the pairs that are not agreed, largest difference first, under the rulebook's materiality", async () => {
    expect(await mismatches(orgs, parties, ways, amounts)).toEqual([
      ["Organisation", "Counterparty", "Income reported", "Expenditure reported", "Difference", "Status"],
      ["EPUT", "ICB-ME", "", 38_000_000, -38_000_000, "Missing"],
      ["MSEFT", "ICB-ME", 415_200_000, 412_000_000, 3_200_000, "Mismatch"],
      ["MSEFT", "ICB-STH", 250_000_000, 249_960_000, 40_000, "Within tolerance"],
    ]);
  });

  it("uses a £ threshold when one is given", async () => {
    const rows = await mismatches(orgs, parties, ways, amounts, 10_000) as unknown[][];
    expect(rows[3]).toEqual(["MSEFT", "ICB-STH", 250_000_000, 249_960_000, 40_000, "Mismatch"]);
  });

  it.each([
    [col("A"), col("B"), col("Receipts"), col(1), undefined, /directions row 1: the direction must be Income or Expenditure, not "Receipts"/],
    [col("A"), col("B"), col("Income"), col("lots"), undefined, /amounts row 1: "lots" is not an amount in pounds/],
    [col("A"), col("B"), col("Income"), col(""), undefined, /amounts row 1 is blank/],
    [col("A", "B"), col("B"), col("Income", "Income"), col(1, 1), undefined, /organisations has 2 rows but counterparties has 1/],
    [col("A", "B"), col("B", "B"), col("Income", "Income"), col(1, 1), undefined, /line 2: B is paired with itself/],
    [col("A"), col(""), col("Income"), col(1), undefined, /counterparties row 1 is blank/],
    [col("A"), col("B"), col("Income"), col(0.001), undefined, /not a whole number of pence/],
    [col("A"), col("B"), col("Income"), col(1), -5, /threshold must be a whole number of pounds, 0 or more/],
  ])("refuses bad input %#", async (o, c, d, a, threshold, message) => {
    expectSpilledError(await mismatches(o, c, d, a, threshold as never), message);
  });
});

describe("what real workbooks hand over", () => {
  it("pairs organisations written in any case or spacing (raj = RAJ = \" Raj \"), shown as first written", async () => {
    expect(await mismatches(col("RAJ", " icb-me ", "Icb-Me"), col("ICB-ME", "raj", " Raj "), col("Income", "Expenditure", "Expenditure"), col(1_000, 400, 500))).toEqual([
      ["Organisation", "Counterparty", "Income reported", "Expenditure reported", "Difference", "Status"],
      ["RAJ", "ICB-ME", 1_000, 900, 100, "Mismatch"],
    ]);
    expect(await aligned(col("raj", "ICB-ME"), col("icb-me", "RAJ"), col("Income", "Expenditure"), col(250, 250))).toBe(true);
    expectSpilledError(await mismatches(col("RAJ"), col(" raj"), col("Income"), col(1)), /line 1: RAJ is paired with itself/);
  });

  it("reads a formula's amount as Excel holds it: =100*1.15 is £115.00, not a fraction of a penny", async () => {
    expect(100 * 1.15).toBe(114.99999999999999);
    expect(await mismatches(col("RAJ", "ICB-ME"), col("ICB-ME", "RAJ"), col("Income", "Expenditure"), col(114.99999999999999, 100), 0)).toEqual([
      ["Organisation", "Counterparty", "Income reported", "Expenditure reported", "Difference", "Status"],
      ["RAJ", "ICB-ME", 115, 100, 15, "Mismatch"],
    ]);
    expect(await aligned(col("RAJ", "ICB-ME"), col("ICB-ME", "RAJ"), col("Income", "Expenditure"), col(0.1 + 0.2, "£0.30"), 0)).toBe(true);
    // A threshold from a formula too: =0.1*3*1000 is 300.00000000000006 in doubles.
    expect(await aligned(col("RAJ", "ICB-ME"), col("ICB-ME", "RAJ"), col("Income", "Expenditure"), col(1_300, 1_000), 0.1 * 3 * 1000)).toBe(true);
  });

  it("reads text amounts with thousands separators and either minus sign, and refuses a decimal comma or bad grouping, saying why", async () => {
    expect(await aligned(col("A", "B"), col("B", "A"), col("Income", "Expenditure"), col("£1,234,567.50", 1_234_567.5), 0)).toBe(true);
    expect(await aligned(col("A", "B"), col("B", "A"), col("Income", "Expenditure"), col("−£1,000", "(1,000.00)"), 0)).toBe(true);
    expectSpilledError(await mismatches(col("A"), col("B"), col("Income"), col("1234,56")), /amounts row 1: "1234,56" uses a comma as a decimal point; use a full stop, e\.g\. 1234\.56/);
    expectSpilledError(await mismatches(col("A"), col("B"), col("Income"), col("1,2,3")), /amounts row 1: "1,2,3": thousands separators must separate groups of three digits/);
    // A fraction of a penny typed, or a threshold with pence, is still refused.
    expectSpilledError(await mismatches(col("A"), col("B"), col("Income"), col(1.005)), /amounts row 1: 1\.005 is not a whole number of pence/);
    expectSpilledError(await mismatches(col("A"), col("B"), col("Income"), col(1), 10.5), /threshold must be a whole number of pounds/);
  });
});

describe("ICS.ALIGNED", () => {
  it("is TRUE only when no pair is a mismatch or missing a side", async () => {
    expect(await aligned(orgs, parties, ways, amounts)).toBe(false);
    expect(await aligned(col("MSEFT", "ICB-STH"), col("ICB-STH", "MSEFT"), col("Income", "Expenditure"), col(250_000_000, 249_960_000))).toBe(true);
    expect(await aligned(col("MSEFT"), col("ICB-STH"), col("Income"), col(5))).toBe(false);
  });

  it("gives an Excel error with the reason for bad input", async () => {
    const result = await aligned(col("A"), col("B"), col("Sideways"), col(1));
    expect(result).toBeInstanceOf(CustomFunctions.Error);
    expect((result as CustomFunctions.Error).message).toMatch(/direction must be Income or Expenditure/);
  });
});
