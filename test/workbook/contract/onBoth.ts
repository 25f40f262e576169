// The contract suite's one way of running a story on each gateway and demanding the same result: fresh sides per
// story, disposed after each test (last opened first, since each fake puts back the globals it found).
import { afterEach, expect } from "vitest";
import { excelSide } from "./excelSide";
import { memorySide, type Side } from "./sides";

export type SideMaker = (sheets?: string[]) => Side;

export interface BothSidesOptions {
  /** The sides to compare, the in-memory workbook first (its result is the one the others must give). */
  sides?: readonly SideMaker[];
  /** What each side after the first is called in a failure ("the Excel gateway on the fake Excel"). */
  labels?: readonly string[];
  /** Run before each side is made (e.g. putting the preset rulebook back in force), and after each test. */
  reset?: () => void;
}

/**
 * Registers the clean-up for this test file and returns `onBoth`: it runs a story on a fresh workbook of each kind and
 * demands the same result from each; the story asserts what must hold on each side too. `onBoth.own(side)` keeps a
 * side a test made itself, to be disposed likewise.
 */
export function bothSides(options: BothSidesOptions = {}) {
  const defaults = options.sides ?? [memorySide, excelSide];
  const labels = options.labels ?? ["the Excel gateway on the fake Excel"];
  let opened: Side[] = [];
  afterEach(() => {
    opened.reverse().forEach((s) => s.dispose());
    opened = [];
    options.reset?.();
  });
  async function onBoth<T>(story: (side: Side) => Promise<T>, sheets?: string[], sides: readonly SideMaker[] = defaults): Promise<T> {
    const results: T[] = [];
    for (const make of sides) {
      options.reset?.();
      const side = make(sheets);
      opened.push(side);
      results.push(await story(side));
    }
    results.slice(1).forEach((result, i) => expect(result, `${labels[i] ?? `side ${i + 2}`} must give what the in-memory workbook gives`).toEqual(results[0]));
    return results[0]!;
  }
  /** A side a test makes for itself (one gateway only), disposed with the rest after the test. */
  const own = <S extends Side>(side: S): S => {
    opened.push(side);
    return side;
  };
  return Object.assign(onBoth, { own });
}
