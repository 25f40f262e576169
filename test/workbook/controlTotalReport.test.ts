import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { PlanLedger, rollUp } from "../../src/rules/controlTotal";
import { Money } from "../../src/rules/money";
import { defaultRulebook } from "../../src/rules/presets";
import { CONTROL_TOTAL_REPORT, writeControlTotalReport } from "../../src/workbook/controlTotal";
import { MemoryWorkbook } from "../../src/workbook/memory";

const rulebook = defaultRulebook();
const inside = rulebook.partners.filter((p) => ["MSEFT", "ICB-BB", "ICB-CPR", "ICB-ME", "ICB-STH", "ICB-THU"].includes(p.code));

/**
 * The report's "Share of adverse variance" column: four places, rounded together so the shares written add to exactly
 * 100% whatever the figures (summed as decimals, not floats), and only organisations behind plan have one.
 */
describe("the control total report's shares of the adverse variance", () => {
  it("add to exactly 100% over hundreds of random months", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: -5_000_000_00, max: 2_000_000_00 }), { minLength: inside.length, maxLength: inside.length }), async (pence) => {
        fc.pre(pence.some((p) => p < 0));
        const ledger = PlanLedger.of(rulebook, inside.map((p, k) => ({ organisation: p.code, month: 6, plan: new Money(0), ytdPlan: new Money(0), ytdActual: new Money(0), forecast: new Money(pence[k]!).dividedBy(100), turnover: new Money(100_000_000) })));
        const workbook = new MemoryWorkbook();
        await writeControlTotalReport(workbook, rulebook, rollUp(ledger, 6));
        const table = (await workbook.readTable(CONTROL_TOTAL_REPORT.name))!;
        const at = table.headers.indexOf("Share of adverse variance");
        const variance = table.headers.indexOf("Forecast variance");
        const written = table.rows.filter((r) => r[at] !== null && r[at] !== "");
        expect(written.every((r) => (r[variance] as number) < 0)).toBe(true);
        expect(written.length).toBe(pence.filter((p) => p < 0).length);
        expect(written.reduce((t, r) => t.plus(new Money(r[at] as number)), new Money(0)).toString()).toBe("1");
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });
});
