// The Board pack's report sheets through both gateways (in-memory, and Excel over the fake Excel): every money column
// formatted with negatives as the workbook's display choice has them, minus or brackets, and rewritten when it changes.
import { describe, expect, it } from "vitest";
import { assess } from "../../../src/rules/capital";
import { defaultRulebook } from "../../../src/rules/presets";
import { initialDraft } from "../../../src/rules/scenarioDraft";
import { loadSolver } from "../../../src/rules/solver";
import { buildBoardPack, writeBoardPack } from "../../../src/workbook/boardPackData";
import { saveDisplaySettings } from "../../../src/workbook/displaySettings";
import { setUpWorkbook } from "../../../src/workbook/setup";
import { bothSides } from "./onBoth";

const rulebook = defaultRulebook();
const onBoth = bothSides();

/** Excel's formats as a finance team writes them by hand: the £k and the pounds-and-pence columns, in each style. */
const EXPECTED = {
  minus: { thousands: '£#,##0,"k";-£#,##0,"k"', pounds: "£#,##0.00;-£#,##0.00" },
  brackets: { thousands: '£#,##0,"k";(£#,##0,"k")', pounds: "£#,##0.00;(£#,##0.00)" },
};

describe("Board pack report sheets follow the negatives choice", () => {
  it("writes every money column with a minus sign by default, in brackets once chosen, and leaves the other columns' formats alone", async () => {
    const solver = await loadSolver();
    const found = await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, rulebook);
      const pack = await buildBoardPack(side.workbook, rulebook, initialDraft(rulebook), { date: "2026-04-01", assess: async (s, x, o) => assess(s, x, o, solver) });
      const formats = async () => {
        await writeBoardPack(side.workbook, pack.summaries, rulebook.name);
        return pack.summaries.map((s) => side.reportLook(s.table.name)!.formats);
      };
      const minus = await formats();
      await saveDisplaySettings(side.workbook, { negatives: "brackets" });
      const brackets = await formats();
      return { money: pack.summaries.map((s) => s.table.columns.map((c) => (c.kind === "money" ? (c.header.includes("£k") ? "thousands" : "pounds") : undefined))), minus, brackets };
    });
    let checked = 0;
    found.money.forEach((columns, page) =>
      columns.forEach((money, c) => {
        if (money === undefined) expect(found.brackets[page]![c], `page ${page} column ${c}`).toBe(found.minus[page]![c]);
        else {
          expect(found.minus[page]![c], `page ${page} column ${c}`).toBe(EXPECTED.minus[money]);
          expect(found.brackets[page]![c], `page ${page} column ${c}`).toBe(EXPECTED.brackets[money]);
          checked++;
        }
      }),
    );
    // Every page has money on it: the control total's three £k columns, and the other pages' pounds.
    expect(found.money.map((columns) => columns.some((m) => m !== undefined))).toEqual([true, true, true, true]);
    expect(found.money[0]!.filter((m) => m === "thousands")).toHaveLength(3);
    expect(checked).toBeGreaterThanOrEqual(7);
  }, 120_000);
});
