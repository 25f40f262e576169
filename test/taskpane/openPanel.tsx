// The task pane on a set-up sample workbook, opened at one tab: what each panel's tests start from.
import { fireEvent, render, screen } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { defaultRulebook } from "../../src/rules/presets";
import { WorkbookError, type TableData } from "../../src/workbook/gateway";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { setUpWorkbook } from "../../src/workbook/setup";

export const rulebook = defaultRulebook();

/**
 * The in-memory workbook, watched: how often each table is read and how many listeners are on it, a read that can be
 * held back (to play a slow read) and reads that fail (as a busy or closing workbook's do).
 */
export class WatchedWorkbook extends MemoryWorkbook {
  private readonly readsOf = new Map<string, number>();
  private held: { table: string; reached: () => void; released: Promise<void>; returned: () => void } | undefined;
  private failing: { table: string; message: string } | undefined;
  /** Listeners on the workbook now. */
  listening = 0;

  override async readTable(name: string): Promise<TableData | undefined> {
    const table = name.toLowerCase();
    this.readsOf.set(table, this.reads(table) + 1);
    if (this.failing?.table === table) throw new WorkbookError(this.failing.message);
    // The table as it is when asked, whenever the answer comes.
    const read = await super.readTable(name);
    const held = this.held?.table === table ? this.held : undefined;
    if (held) {
      this.held = undefined;
      held.reached();
      await held.released;
      held.returned();
    }
    return read;
  }

  /** How many times the table has been read. */
  reads(table: string): number {
    return this.readsOf.get(table.toLowerCase()) ?? 0;
  }

  /** Holds the next read of the table (it answers with the table as it was when asked) until `release`. */
  holdNextRead(table: string): { reached: Promise<void>; release: () => void; returned: Promise<void> } {
    let reached!: () => void;
    let release!: () => void;
    let returned!: () => void;
    const hold = {
      reached: new Promise<void>((r) => (reached = r)),
      released: new Promise<void>((r) => (release = r)),
      returned: new Promise<void>((r) => (returned = r)),
    };
    this.held = { table: table.toLowerCase(), reached, released: hold.released, returned };
    return { reached: hold.reached, release, returned: hold.returned };
  }

  /** Reads of the table fail with the message until `mendReads`. */
  failReads(table: string, message: string): void {
    this.failing = { table: table.toLowerCase(), message };
  }

  mendReads(): void {
    this.failing = undefined;
  }

  override onChange(listener: () => void): () => void {
    const stop = super.onChange(listener);
    this.listening++;
    let on = true;
    return () => {
      if (on) this.listening--;
      on = false;
      stop();
    };
  }
}

/** Sets up a fresh in-memory workbook with the sample data, lets the test change it, renders the add-in and opens the tab. */
export async function openPanel(tab: string, prepare?: (workbook: WatchedWorkbook) => void): Promise<WatchedWorkbook> {
  const workbook = new WatchedWorkbook();
  await setUpWorkbook(workbook, rulebook);
  prepare?.(workbook);
  render(<App workbook={workbook} rulebook={rulebook} rulebookSource="workbook" theme={webLightTheme} />);
  openTab(tab);
  return workbook;
}

/** Opens a tab of the task pane (the tabs are there from the start). */
export const openTab = (name: string) => fireEvent.click(screen.getByRole("tab", { name }));
