// What a panel shows from the workbook, kept live: read when the panel opens, again when the add-in's tables change, and on request.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type DependencyList } from "react";
import type { Workbook } from "../workbook/gateway";
import { useAddIn } from "./context";

export interface WorkbookData<T> {
  /**
   * What the last successful read returned. It stays while a newer read runs (no flicker back to nothing) and after
   * one fails: a panel that must show no figures from a table in error hides them while `error` is set.
   */
  data: T | undefined;
  /** Why the latest read failed; cleared by the next that succeeds. */
  error: string | undefined;
  /** A read is under way: the first, or a reload with `data` still on screen. */
  loading: boolean;
  /** Reads again at once (the Refresh button). */
  reload: () => void;
}

/** A burst of edits in the grid (a paste, a fill, someone typing along a row) is read once, this long after the last. */
export const RELOAD_DEBOUNCE_MS = 300;

/** The gateway's methods that only read; a load that calls any other cannot be judged unchanged by what it read. */
const READS = new Set<PropertyKey>(["readTable", "readSetting", "hasTable", "hasSheet"]);

/**
 * The workbook as `load` sees it, noting what it read, so a reload that read exactly what the last one did keeps the
 * last one's data (the same object): a panel does not recompute, or re-solve, for a change to a table it does not read.
 */
function noting(workbook: Workbook): { workbook: Workbook; seen: () => string | undefined } {
  const reads: unknown[][] = [];
  let judgeable = true;
  const watched = new Proxy(workbook, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      if (!READS.has(key)) {
        judgeable = false;
        return value.bind(target);
      }
      return async (...args: unknown[]) => {
        const read: unknown[] = [key, args];
        reads.push(read);
        read.push(await value.apply(target, args));
        return read[2];
      };
    },
  });
  return { workbook: watched, seen: () => (judgeable ? JSON.stringify(reads) : undefined) };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs `load` on the add-in's workbook when the panel opens and whenever `deps` (what `load` uses besides the
 * workbook, as for useEffect) change; again, debounced, after the workbook says its tables changed (an edit in the
 * grid or the add-in's own write) and at once when the add-in says it changed the workbook (e.g. set-up, settings).
 * Only the latest read's answer is used: a slow earlier one never overwrites a newer. Stops listening when the panel closes.
 */
export function useWorkbookData<T>(load: (workbook: Workbook) => Promise<T>, deps: DependencyList, debounceMs = RELOAD_DEBOUNCE_MS): WorkbookData<T> {
  const { workbook, workbookVersion } = useAddIn();
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  // The latest read's number; change notices heard, and how many of them the latest read started after (so it sees them).
  const counts = useRef({ latest: 0, heard: 0, covered: 0 });
  // What the last successful read read, while `deps` are as they were then.
  const last = useRef<string | undefined>(undefined);
  // `load` is new at every render; a read (a reload after an edit, too) uses the latest.
  const latestLoad = useRef(load);
  useLayoutEffect(() => {
    latestLoad.current = load;
  });

  const reload = useCallback(() => {
    const c = counts.current;
    const id = ++c.latest;
    c.covered = c.heard;
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    const watched = noting(workbook);
    latestLoad.current(watched.workbook).then(
      (data) => {
        if (id !== c.latest) return;
        const seen = watched.seen();
        const same = seen !== undefined && last.current === seen;
        last.current = seen;
        setState((s) => ({ data: same && s.error === undefined ? s.data : data, loading: false }));
      },
      (error: unknown) => {
        if (id !== c.latest) return;
        last.current = undefined;
        setState((s) => ({ data: s.data, error: messageOf(error), loading: false }));
      },
    );
  }, [workbook]);

  // New deps may read the same tables to a different answer: nothing read before is taken as unchanged.
  // `deps` stand for what `load` uses besides the workbook, as a useEffect's do.
  useEffect(() => {
    last.current = undefined;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reload, workbookVersion, ...deps]);

  useEffect(() => {
    const c = counts.current;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = workbook.onChange(() => {
      c.heard++;
      clearTimeout(timer);
      timer = setTimeout(() => {
        // A read started since the last notice (the add-in's own write, then its workbookChanged) already sees the change.
        if (c.covered < c.heard) reload();
      }, debounceMs);
    });
    return () => {
      clearTimeout(timer);
      stop();
      // An answer arriving after the panel closed is no one's.
      c.latest++;
    };
  }, [workbook, reload, debounceMs]);

  return { data: state.data, error: state.error, loading: state.loading, reload };
}
