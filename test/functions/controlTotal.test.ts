import { describe, expect, it } from "vitest";
import { expectSpilledError } from "./excelError";
import { controlTotal, escalation, rag, riskShare } from "../../src/functions/controlTotal";

/** Excel passes a column as rows of one cell each. */
const col = (...cells: unknown[]) => cells.map((c) => [c]) as never[][];

const expectError = expectSpilledError;

describe("ICS.CONTROLTOTAL", () => {
  it("totals only the organisations inside the control total, by the rulebook", async () => {
    const orgs = col("MSEFT", "NHS Mid and South Essex ICB: Southend", "Essex County Council", "EPUT", "PROVIDE");
    const plans = col(-30_000_000, 0, 0, 2_000_000, 200_000);
    const forecasts = col(-36_500_000, -2_600_000, -6_500_000, 1_800_000, 100_000);
    expect(await controlTotal(orgs, plans, forecasts)).toEqual([[-30_000_000, -39_100_000, -9_100_000]]);
  });

  it("accepts TRUE/FALSE for membership, and amounts as text in pounds", async () => {
    expect(await controlTotal(col(true, "FALSE", "true"), col("£1,000.50", 5, "(250.25)"), col(1_000.5, 0, 0))).toEqual([[750.25, 1_000.5, 250.25]]);
  });

  it("accepts Yes/No, Y/N and 1/0 for membership as well as TRUE/FALSE, and codes in any case", async () => {
    expect(await controlTotal(col("Yes", " n ", 1, 0, "Y", "no"), col(1, 2, 4, 8, 16, 32), col(0, 0, 0, 0, 0, 0))).toEqual([[21, 0, -21]]);
    expect(await controlTotal(col(" mseft ", "MSEFT"), col(1, 2), col(0, 0))).toEqual(await controlTotal(col(true, true), col(1, 2), col(0, 0)));
    expectError(await controlTotal(col(2), col(0), col(0)), /organisations row 1 is 2; give a partner's name or code, or TRUE\/FALSE, Yes\/No, Y\/N or 1\/0/);
  });

  it("shares a risk amount from a formula as Excel holds it", async () => {
    expect(await riskShare(100 * 1.15, col(1, 1))).toEqual([[57.5], [57.5]]);
  });

  it("rounds the results to pence only at the end", async () => {
    expect(await controlTotal(col(true, true, true), col(0.1, 0.2, 0.004), col(0, 0, 0))).toEqual([[0.3, 0, -0.3]]);
  });

  it.each([
    [col("Nobody NHS Trust"), col(0), col(0), /organisations row 1: unknown organisation "Nobody NHS Trust"/],
    [col("MSEFT", ""), col(0, 0), col(0, 0), /organisations row 2 is blank/],
    [col("MSEFT"), col("lots"), col(0), /plan row 1: "lots" is not an amount in pounds/],
    [col("MSEFT"), col(0), col(null), /forecast row 1 is blank/],
    [col("MSEFT", "ICB-STH"), col(0), col(0), /organisations has 2 rows but plans has 1; give one per organisation/],
    [col("MSEFT", "ICB-STH"), col(0, 0), col(0, 0, 0), /plan has 2 rows but forecast has 3/],
    [col("MSEFT"), [[1, 2], [3, 4]], col(0), /plan must be a single column/],
  ])("refuses bad input %#", async (orgs, plans, forecasts, message) => {
    expectError(await controlTotal(orgs, plans, forecasts), message);
  });
});

describe("ICS.RAG", () => {
  it("spills a status per row from the rulebook's tolerances", async () => {
    expect(await rag(col(0, 0, 0, -30_000_000), col(-250_000, -250_001, -2_000_001, -31_000_000))).toEqual([["Green"], ["Amber"], ["Red"], ["Amber"]]);
  });

  it("takes one cell as well as a column", async () => {
    expect(await rag([[0]], [[100]])).toEqual([["Green"]]);
  });

  it.each([
    [col("x"), col(0), /plan row 1: "x" is not an amount/],
    [col(0, 0), col(0), /plan has 2 rows but forecast has 1; give one per organisation/],
    [col(0), col(true), /forecast row 1: boolean is not an amount/],
  ])("refuses bad input %#", async (plan, forecast, message) => {
    expectError(await rag(plan, forecast), message);
  });
});

describe("ICS.ESCALATION", () => {
  it("gives the recommended step with its clause, none, or not in the control total", async () => {
    expect(
      await escalation(col("MSEFT", "ICB-STH", "ICB-ME", "ECC"), col(-30_000_000, 0, 0, 0), col(-36_500_000, -2_600_000, 0, -6_500_000), col(11, 2, 0, 11)),
    ).toEqual([["Organisational improvement plan (MoU 7.8)"], ["Financial recovery plan (MoU 7.8)"], ["None"], ["Not in the control total"]]);
  });

  it("takes the current month alone when months adverse is left out (so no step needing two months)", async () => {
    expect(await escalation(col("ICB-STH"), col(0), col(-2_600_000))).toEqual([["None"]]);
    expect(await escalation(col("ICB-STH"), col(0), col(-2_600_000), [[null]])).toEqual([["None"]]);
  });

  it.each([
    [col("Nobody"), col(0), col(0), undefined, /organisation row 1: unknown organisation "Nobody"/],
    [col("MSEFT"), col(0), col(-3_000_000), col(13), /monthsAdverse row 1 must be a whole number of months from 0 to 12, not 13/],
    [col("MSEFT"), col(0), col(-3_000_000), col(2.5), /not 2.5/],
    [col("MSEFT", "ICB-STH"), col(0, 0), col(0, 0), col(1), /organisation has 2 rows but monthsAdverse has 1/],
    [col("MSEFT"), col("£abc"), col(0), undefined, /plan row 1/],
  ])("refuses bad input %#", async (who, plan, forecast, months, message) => {
    expectError(await escalation(who, plan, forecast, months), message);
  });
});

describe("ICS.RISKSHARE", () => {
  it("splits exactly to the penny, in proportion", async () => {
    const shares = await riskShare(-7_300_000, col(1_200_000_000, 420_000_000, 310_000_000, 560_000_000, 300_000_000, 260_000_000)) as number[][];
    expect(shares.flat().reduce((a, b) => a + Math.round(b * 100), 0)).toBe(-730_000_000);
    expect(await riskShare(100, col(1, 1, 1))).toEqual([[33.34], [33.33], [33.33]]);
  });

  it.each([
    [100, col(-1, 2), /bases row 1 is negative/],
    [100, col(0, 0), /the weights are all zero/],
    [100, col("x"), /bases row 1: "x" is not an amount/],
    ["100" as unknown as number, col(1), /amount must be a number of pounds/],
  ])("refuses bad input %#", async (amount, bases, message) => {
    expectError(await riskShare(amount, bases), message);
  });
});
