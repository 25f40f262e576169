// The MILP solver: HiGHS compiled to WebAssembly (the highs package), loaded on first use so the task pane starts without it.
import type { MilpSolver } from "./capital";

let loading: Promise<MilpSolver> | undefined;

/** HiGHS, loaded once; later calls share it. Each solve uses a fresh native solver, so solves do not interfere. */
export function loadSolver(): Promise<MilpSolver> {
  loading ??= import(/* webpackChunkName: "highs" */ "highs")
    .then((module) => (module.default as unknown as () => Promise<MilpSolver>)())
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}
