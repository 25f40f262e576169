import { describe, expect, it } from "vitest";
import { defaultRulebook } from "../../src/rules/presets";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { loadRulebook } from "../../src/workbook/rulebookStore";
import { RULEBOOK_SETTING } from "../../src/workbook/tables";

describe("the rulebook stored with a workbook", () => {
  it("keeps its own rules and takes a section added since (the control total) from its preset", async () => {
    const older: Partial<ReturnType<typeof defaultRulebook>> = structuredClone(defaultRulebook());
    delete older.controlTotal;
    older.rules![0]!.threshold.fraction = { numerator: 2, denominator: 3 };
    const workbook = new MemoryWorkbook();
    await workbook.writeSetting(RULEBOOK_SETTING, JSON.stringify(older));
    const { rulebook, source } = await loadRulebook(workbook);
    expect(source).toBe("workbook");
    expect(rulebook.rules[0]!.threshold.fraction).toEqual({ numerator: 2, denominator: 3 });
    expect(rulebook.controlTotal).toEqual(defaultRulebook().controlTotal);
  });

  it("keeps a stored control total section as it is", async () => {
    const stored = structuredClone(defaultRulebook());
    stored.controlTotal!.rag.amber.floorPounds = 3_000_000;
    const workbook = new MemoryWorkbook();
    await workbook.writeSetting(RULEBOOK_SETTING, JSON.stringify(stored));
    expect((await loadRulebook(workbook)).rulebook.controlTotal!.rag.amber.floorPounds).toBe(3_000_000);
  });
});
