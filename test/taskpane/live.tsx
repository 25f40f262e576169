// The same checks for every panel that it follows the workbook live: an edit in the grid shows without a click, a burst
// of edits is read once, a slow earlier read never wins, a failed read is said without losing what was typed, and a
// closed panel stops listening.
import { act, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import { openPanel, openTab, type WatchedWorkbook } from "./openPanel";

export interface LivePanel {
  tab: string;
  /** The table the panel reads whose reads are counted, held back and made to fail. */
  table: string;
  /** Waits until the panel shows the sample. */
  ready: () => Promise<unknown>;
  /** An edit in the grid, as a person makes one; each n gives the panel something different to show. */
  edit: (workbook: WatchedWorkbook, n: number) => void;
  /** Waits until the panel shows what edit n makes of it. */
  shows: (n: number) => Promise<unknown>;
  /** Whether the panel shows what edit n makes of it, now. */
  showing: (n: number) => boolean;
  /** Types into the panel's inputs. */
  type: () => Promise<void>;
  /** Waits for the inputs (which may be hidden while a table is in error) and checks they hold what was typed. */
  typed: () => Promise<void>;
}

const FAILURE = "the workbook is busy; try again in a moment";

/** Lets every promise already settled run its callbacks: nothing to wait for when checking something did not happen. */
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

export function itFollowsTheWorkbook(panel: LivePanel) {
  it("follows edits in the grid without a click: one read for a burst, what was typed kept through a failed read, no listening once closed", async () => {
    const workbook = await openPanel(panel.tab);
    await panel.ready();
    await panel.type();

    let before = workbook.reads(panel.table);
    panel.edit(workbook, 1);
    await panel.shows(1);
    const perRead = workbook.reads(panel.table) - before;
    expect(perRead).toBeGreaterThan(0);
    await panel.typed();

    before = workbook.reads(panel.table);
    for (const n of [2, 3, 4, 5, 6]) panel.edit(workbook, n);
    await panel.shows(6);
    expect(workbook.reads(panel.table) - before).toBe(perRead);

    // A read that fails is said in the panel; what was typed waits for the table to read again.
    workbook.failReads(panel.table, FAILURE);
    panel.edit(workbook, 7);
    expect((await screen.findAllByText(new RegExp(FAILURE))).length).toBeGreaterThan(0);
    workbook.mendReads();
    panel.edit(workbook, 8);
    await panel.shows(8);
    expect(screen.queryAllByText(new RegExp(FAILURE))).toHaveLength(0);
    await panel.typed();

    // The set-up line, always on the pane, listens too (it comes back if a table is deleted): once the panel is
    // closed, it is the only one.
    expect(workbook.listening).toBeGreaterThan(1);
    openTab("Home");
    expect(workbook.listening).toBe(1);
  });

  it("never lets a slow earlier read overwrite a newer one", async () => {
    const workbook = await openPanel(panel.tab);
    await panel.ready();
    const slow = workbook.holdNextRead(panel.table);
    panel.edit(workbook, 1);
    await slow.reached;
    panel.edit(workbook, 2);
    await panel.shows(2);
    slow.release();
    await slow.returned;
    await settle();
    expect(panel.showing(1)).toBe(false);
    expect(panel.showing(2)).toBe(true);
  });
}
