// The functions compute under the workbook's own rulebook: they wait for it, follow a change (one recalculation), and refuse an invalid one.
import { afterEach, describe, expect, it, vi } from "vitest";
import * as allocation from "../../src/functions/allocation";
import * as capital from "../../src/functions/capital";
import * as controlTotal from "../../src/functions/controlTotal";
import * as decisions from "../../src/functions/functions";
import * as planAlignment from "../../src/functions/planAlignment";
import { awaitStoredRulebook, putRulebookInForce, rulebookInForce, rulebookState } from "../../src/rules/inForce";
import { defaultRulebook } from "../../src/rules/presets";
import type { Rulebook } from "../../src/rules/rulebook";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { recalculateWhenRulebookChanges, recalculateWorkbook } from "../../src/workbook/recalculation";
import { putStoredRulebookInForce } from "../../src/workbook/rulebookStore";
import { RULEBOOK_SETTING } from "../../src/workbook/tables";

const col = (...cells: unknown[]) => cells.map((c) => [c]) as never[][];
const row = (...cells: unknown[]) => [cells] as never[][];

// 12 of 16 eligible members For: carried at the preset's 75% (MoU 8.4), not at 80%, carried with room at two-thirds.
const votes = col(...Array.from({ length: 16 }, (_, i) => (i < 12 ? "For" : "Against")));
const everyoneEligible = col(...Array.from({ length: 16 }, () => true));

/** The preset with the Partnership Board's capital threshold (pb-capital) changed. */
function withCapitalThreshold(numerator: number, denominator: number): Rulebook {
  const rulebook = structuredClone(defaultRulebook());
  const rule = rulebook.rules.find((r) => r.id === "pb-capital")!;
  rule.threshold = { ...rule.threshold, fraction: { numerator, denominator }, wording: `not less than ${Math.round((100 * numerator) / denominator)}%` };
  return rulebook;
}

async function workbookStoring(stored: string): Promise<MemoryWorkbook> {
  const workbook = new MemoryWorkbook();
  await workbook.writeSetting(RULEBOOK_SETTING, stored);
  return workbook;
}

/** A workbook whose stored rulebook arrives only when the test lets it, as Excel's settings arrive after a sync. */
function slowWorkbook(stored: string) {
  const workbook = new MemoryWorkbook();
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let asked!: () => void;
  const readStarted = new Promise<void>((resolve) => (asked = resolve));
  workbook.readSetting = async (key: string) => {
    asked();
    await released;
    return key === RULEBOOK_SETTING ? stored : undefined;
  };
  return { workbook, release, readStarted };
}

/** Every ICS function, called as Excel calls it with good input. */
const EVERY_FUNCTION: Record<string, () => Promise<unknown>> = {
  votesRequired: () => decisions.votesRequired(16),
  decision: () => decisions.decision(votes, everyoneEligible),
  eligible: () => decisions.eligible("MSEFT", "capital-priorities"),
  allocate: () => allocation.allocate(1000, col(1, 1)),
  placeShare: () => allocation.placeShare(col(100, 300), col(2, 1)),
  controlTotal: () => controlTotal.controlTotal(col("MSEFT"), col(0), col(0)),
  rag: () => controlTotal.rag(col(0), col(0)),
  escalation: () => controlTotal.escalation(col("MSEFT"), col(0), col(0)),
  riskShare: () => controlTotal.riskShare(100, col(1, 1)),
  // With a threshold given the rulebook is not consulted, and still nothing computes under an invalid one.
  mismatches: () => planAlignment.mismatches(col("MSEFT"), col("ICB-STH"), col("Income"), col(5), 10),
  aligned: () => planAlignment.aligned(col("MSEFT"), col("ICB-STH"), col("Income"), col(5), 10),
  schemeScore: () => capital.schemeScore(row(5, 0), row(1, 1)),
  prioritise: () => capital.prioritise(col(1_000_000), col(50), [[10_000_000]]),
};

/** The one error a function answered with: the value itself, or the single cell a spilling function returned. */
function errorOf(value: unknown): CustomFunctions.Error {
  const cell = Array.isArray(value) ? (value.length === 1 && Array.isArray(value[0]) && value[0].length === 1 ? value[0][0] : value) : value;
  expect(cell).toBeInstanceOf(CustomFunctions.Error);
  return cell as CustomFunctions.Error;
}

let stopRecalculating: (() => void) | undefined;
afterEach(() => {
  stopRecalculating?.();
  stopRecalculating = undefined;
  putRulebookInForce(defaultRulebook(), "preset");
});

describe("the rulebook the functions compute under", () => {
  // First, before any test puts a rulebook in force: nothing has loaded one here, as in tests and tools.
  it("is the preset where nothing loads a workbook's rulebook, and every function answers at once", async () => {
    expect(rulebookState()).toMatchObject({ status: "ready", source: "preset" });
    expect(await decisions.decision(votes, everyoneEligible)).toMatch(/^CARRIED: 12 of 16 eligible members/);
  });

  it("covers every function the add-in registers", () => {
    const exported = [decisions, allocation, controlTotal, planAlignment, capital].flatMap((m) => Object.entries(m).filter(([, v]) => typeof v === "function").map(([k]) => k));
    expect(Object.keys(EVERY_FUNCTION).sort()).toEqual(exported.sort());
  });

  it("is the preset in the browser preview, whose in-memory workbook stores none", async () => {
    awaitStoredRulebook();
    expect(await putStoredRulebookInForce(new MemoryWorkbook())).toMatchObject({ status: "ready", source: "preset" });
  });
});

describe("functions called before the workbook's rulebook has been read", () => {
  it("wait for it, then answer under it, not under the preset", async () => {
    // As the shared runtime page does before Excel can call a function.
    awaitStoredRulebook();
    const answer = decisions.decision(votes, everyoneEligible);
    const required = decisions.votesRequired(16);
    const { workbook, release, readStarted } = slowWorkbook(JSON.stringify(withCapitalThreshold(4, 5)));
    const loading = putStoredRulebookInForce(workbook);
    await readStarted;
    expect(rulebookState().status).toBe("pending");
    release();
    expect(await loading).toMatchObject({ status: "ready", source: "workbook" });
    // Under the preset's 75% this would have carried.
    expect(await answer).toBe("NOT CARRIED: 12 of 16 eligible members for (75.0%); needs 13, not less than 80% of eligible members (MoU 8.4)");
    expect(await required).toBe(13);
  });

  it("every one of them waits and then gives the invalid stored rulebook's error, naming the problem", async () => {
    awaitStoredRulebook();
    const answers = Object.entries(EVERY_FUNCTION).map(([name, call]) => [name, call()] as const);
    const stored = { ...defaultRulebook(), capital: { ...defaultRulebook().capital!, decisionRule: "pb-nothing" } };
    const { workbook, release } = slowWorkbook(JSON.stringify(stored));
    const loading = putStoredRulebookInForce(workbook);
    release();
    expect(await loading).toMatchObject({ status: "invalid" });
    for (const [name, answer] of answers) {
      const error = errorOf(await answer);
      expect(error.code, name).toBe("#VALUE!");
      expect(error.message, name).toBe(
        'The rulebook stored in this workbook is invalid: capital.decisionRule: capital decision rule "pb-nothing" is not a rule. Fix it in the Rulebook panel; functions will not compute under the preset instead.',
      );
    }
  });
});

describe("an invalid stored rulebook", () => {
  it.each([
    ["not JSON", "{not json", /^The rulebook stored in this workbook is invalid: it is not readable JSON \(.+\)\. Fix it in the Rulebook panel; functions will not compute under the preset instead\.$/],
    [
      "failing validation in two places",
      JSON.stringify({ ...defaultRulebook(), rules: [] }),
      /^The rulebook stored in this workbook is invalid: rules: Too small: expected array to have >=1 items; defaultRule: default rule "pb-capital" is not a rule; .*\. Fix it in the Rulebook panel/,
    ],
  ])("(%s) makes every function answer #VALUE! with the problem, never the preset's answer", async (_kind, stored, message) => {
    awaitStoredRulebook();
    await putStoredRulebookInForce(await workbookStoring(stored));
    for (const [name, call] of Object.entries(EVERY_FUNCTION)) {
      const error = errorOf(await call());
      expect(error.code, name).toBe("#VALUE!");
      expect(error.message, name).toMatch(message);
    }
  });

  it("is left as it is in the workbook", async () => {
    const workbook = await workbookStoring("{not json");
    await putStoredRulebookInForce(workbook);
    expect(await workbook.readSetting(RULEBOOK_SETTING)).toBe("{not json");
  });
});

describe("a change to the rulebook in force", () => {
  it("asks Excel for one recalculation, after the new rulebook is in force, and the functions answer under it", async () => {
    const workbook = await workbookStoring(JSON.stringify(withCapitalThreshold(4, 5)));
    awaitStoredRulebook();
    await putStoredRulebookInForce(workbook);
    // Registered once the stored rulebook is in force, as the shared runtime does inside Excel.
    const thresholdsSeen: unknown[] = [];
    const recalculate = vi.fn(async () => {
      thresholdsSeen.push(rulebookInForce().rules.find((r) => r.id === "pb-capital")!.threshold.fraction);
    });
    stopRecalculating = recalculateWhenRulebookChanges(recalculate);
    expect(await decisions.decision(votes, everyoneEligible)).toMatch(/^NOT CARRIED: .*needs 13/);
    expect(recalculate).not.toHaveBeenCalled();

    // The SFLG lowers the threshold to two-thirds; it is saved with the workbook and put in force.
    await workbook.writeSetting(RULEBOOK_SETTING, JSON.stringify(withCapitalThreshold(2, 3)));
    await putStoredRulebookInForce(workbook);
    expect(recalculate).toHaveBeenCalledTimes(1);
    expect(thresholdsSeen).toEqual([{ numerator: 2, denominator: 3 }]);
    expect(await decisions.decision(votes, everyoneEligible)).toBe(
      "CARRIED: 12 of 16 eligible members for (75.0%); needs 11, not less than 67% of eligible members (MoU 8.4)",
    );
    expect(await decisions.votesRequired(16)).toBe(11);
  });

  it("to an invalid rulebook also recalculates once, so no cell keeps an answer under the old rules", async () => {
    const recalculate = vi.fn(async () => undefined);
    stopRecalculating = recalculateWhenRulebookChanges(recalculate);
    await putStoredRulebookInForce(await workbookStoring("{not json"));
    expect(recalculate).toHaveBeenCalledTimes(1);
    expect(errorOf(await decisions.votesRequired(16)).message).toMatch(/not readable JSON/);
  });

  it("is a full calculation in Excel, so the functions, whose inputs have not changed, are called again", async () => {
    const asked: string[] = [];
    const context = { workbook: { application: { calculate: (type: string) => asked.push(`calculate ${type}`) } }, sync: async () => void asked.push("sync") };
    vi.stubGlobal("Excel", { run: (batch: (c: typeof context) => Promise<void>) => batch(context), CalculationType: { full: "Full" } });
    try {
      await recalculateWorkbook();
    } finally {
      vi.unstubAllGlobals();
    }
    expect(asked).toEqual(["calculate Full", "sync"]);
  });
});
