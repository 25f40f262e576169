// @vitest-environment jsdom
// The panels' one way of reading the workbook: on opening, after edits (debounced), the latest read only, never a flicker.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { AddIn, type AddInContext } from "../../src/taskpane/context";
import { RELOAD_DEBOUNCE_MS, useWorkbookData } from "../../src/taskpane/useWorkbookData";
import type { Workbook } from "../../src/workbook/gateway";
import { setUpWorkbook } from "../../src/workbook/setup";
import { PLACES } from "../../src/workbook/tables";
import { rulebook, WatchedWorkbook } from "./openPanel";

// Only the timers are fake: the reads still settle as promises do.
beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] }));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Thurrock's baseline, as a panel's load would read it. */
const baseline = async (workbook: Workbook) => (await workbook.readTable(PLACES.name))!.rows[0]![3];

async function mount(load: (workbook: Workbook) => Promise<unknown> = baseline) {
  const workbook = new WatchedWorkbook();
  await setUpWorkbook(workbook, rulebook);
  const context: Pick<AddInContext, "workbook" | "workbookVersion"> = { workbook, workbookVersion: 0 };
  const wrapper = ({ children }: { children: ReactNode }) => <AddIn.Provider value={{ ...context } as AddInContext}>{children}</AddIn.Provider>;
  const reads = () => workbook.reads(PLACES.name);
  const hook = renderHook(() => useWorkbookData(load, []), { wrapper });
  await settle();
  /** The add-in says it changed the workbook (set-up, a setting), as App's workbookChanged does. */
  const addInChanged = async () => {
    context.workbookVersion++;
    hook.rerender();
    await settle();
  };
  return { workbook, hook, reads, addInChanged };
}

/** Lets the reads under way settle (no time passes). */
const settle = () => act(() => vi.advanceTimersByTimeAsync(0));
const pass = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

describe("useWorkbookData", () => {
  it("reads on opening, and again once, a pause after a burst of edits", async () => {
    const { workbook, hook, reads } = await mount();
    expect(hook.result.current).toMatchObject({ data: 9_100_000, error: undefined, loading: false });
    expect(reads()).toBe(1);
    for (const n of [1, 2, 3, 4, 5]) {
      workbook.editCell(PLACES.name, 0, "Baseline", 9_100_000 + n);
      await pass(RELOAD_DEBOUNCE_MS - 100);
    }
    expect(reads()).toBe(1);
    await pass(100);
    expect(reads()).toBe(2);
    expect(hook.result.current.data).toBe(9_100_005);
    await pass(10 * RELOAD_DEBOUNCE_MS);
    expect(reads()).toBe(2);
  });

  it("keeps the last figures on screen while it reads again, and drops a slow earlier read", async () => {
    const { workbook, hook } = await mount();
    const slow = workbook.holdNextRead(PLACES.name);
    workbook.editCell(PLACES.name, 0, "Baseline", 1);
    await pass(RELOAD_DEBOUNCE_MS);
    await slow.reached;
    expect(hook.result.current).toMatchObject({ data: 9_100_000, loading: true });
    workbook.editCell(PLACES.name, 0, "Baseline", 2);
    await pass(RELOAD_DEBOUNCE_MS);
    expect(hook.result.current).toMatchObject({ data: 2, loading: false });
    slow.release();
    await slow.returned;
    await settle();
    expect(hook.result.current).toMatchObject({ data: 2, loading: false });
  });

  it("reads at once when the add-in says it changed the workbook, and not again for the edit it made", async () => {
    const { workbook, reads, addInChanged, hook } = await mount();
    workbook.editCell(PLACES.name, 0, "Baseline", 7);
    await addInChanged();
    expect(reads()).toBe(2);
    expect(hook.result.current.data).toBe(7);
    await pass(10 * RELOAD_DEBOUNCE_MS);
    expect(reads()).toBe(2);
  });

  it("reads at once on request", async () => {
    const { workbook, reads, hook } = await mount();
    workbook.editCell(PLACES.name, 0, "Baseline", 8);
    act(() => hook.result.current.reload());
    await settle();
    expect(reads()).toBe(2);
    expect(hook.result.current.data).toBe(8);
  });

  it("says why a read failed, keeping the last good data, until a read succeeds", async () => {
    const { workbook, hook } = await mount();
    workbook.failReads(PLACES.name, "the workbook is busy");
    workbook.editCell(PLACES.name, 0, "Baseline", 3);
    await pass(RELOAD_DEBOUNCE_MS);
    expect(hook.result.current).toMatchObject({ data: 9_100_000, error: "the workbook is busy", loading: false });
    workbook.mendReads();
    workbook.editCell(PLACES.name, 0, "Baseline", 4);
    await pass(RELOAD_DEBOUNCE_MS);
    expect(hook.result.current).toMatchObject({ data: 4, error: undefined });
  });

  it("keeps the same data when a read finds what the last one did, so a panel need not work it out again", async () => {
    const { workbook, hook, reads } = await mount(async (wb) => ({ places: await wb.readTable(PLACES.name) }));
    const first = hook.result.current.data;
    // An edit to a table this read does not look at.
    workbook.editCell("ICS_Plans", 0, "Plan", -30_000_001);
    await pass(RELOAD_DEBOUNCE_MS);
    expect(reads()).toBe(2);
    expect(hook.result.current.data).toBe(first);
    workbook.editCell(PLACES.name, 0, "Baseline", 5);
    await pass(RELOAD_DEBOUNCE_MS);
    expect(hook.result.current.data).not.toBe(first);
  });

  it("stops listening when the panel closes, and a read under way then is no one's", async () => {
    const { workbook, hook, reads } = await mount();
    expect(workbook.listening).toBe(1);
    const slow = workbook.holdNextRead(PLACES.name);
    act(() => hook.result.current.reload());
    await slow.reached;
    hook.unmount();
    expect(workbook.listening).toBe(0);
    slow.release();
    await slow.returned;
    workbook.editCell(PLACES.name, 0, "Baseline", 6);
    await pass(10 * RELOAD_DEBOUNCE_MS);
    expect(reads()).toBe(2);
  });
});
