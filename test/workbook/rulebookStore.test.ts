import { afterEach, describe, expect, it, vi } from "vitest";
import { onRulebookInForce, putRulebookInForce, rulebookState } from "../../src/rules/inForce";
import { defaultRulebook } from "../../src/rules/presets";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { followStoredRulebook, loadRulebook } from "../../src/workbook/rulebookStore";
import { SCENARIOS_SETTING } from "../../src/workbook/scenarios";
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

describe("following a co-author's change to the stored rulebook", () => {
  afterEach(() => putRulebookInForce(defaultRulebook(), "preset"));

  it("puts a co-author's saved rulebook in force once, and ignores their other settings", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.writeSetting(RULEBOOK_SETTING, JSON.stringify(defaultRulebook()));
    const stop = await followStoredRulebook(workbook);
    const changes: unknown[] = [];
    const unlisten = onRulebookInForce((state) => changes.push(state));
    await workbook.writeSetting(SCENARIOS_SETTING, "[]");
    const theirs = structuredClone(defaultRulebook());
    theirs.rules[0]!.threshold.fraction = { numerator: 4, denominator: 5 };
    await workbook.writeSetting(RULEBOOK_SETTING, JSON.stringify(theirs));
    await vi.waitFor(() => expect(changes).toHaveLength(1));
    const now = rulebookState();
    expect(now.status === "ready" && now.rulebook.rules[0]!.threshold.fraction).toEqual({ numerator: 4, denominator: 5 });
    await workbook.writeSetting(RULEBOOK_SETTING, "{ not json");
    await vi.waitFor(() => expect(rulebookState().status).toBe("invalid"));
    expect(changes).toHaveLength(2);
    unlisten();
    stop();
  });
});
