import { defineConfig } from "vitest/config";

// Two projects: fast unit tests (rules, functions, workbook, task pane) and the
// browser end-to-end test, which needs the production build in dist/.
export default defineConfig({
  esbuild: { jsx: "automatic" },
  test: {
    // Vitest's default is one worker fewer than the cores: one, on a two-core machine, so every file ran in turn.
    // Two workers keep both cores busy (the main process mostly waits on them).
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/{rules,functions,workbook,taskpane,manifest}/**/*.test.{ts,tsx}"],
          benchmark: { include: ["test/bench/**/*.bench.ts"] },
          environment: "node",
          // Task pane tests render Fluent UI (and its charts) in jsdom, and the Scenarios panel solves portfolios on the
          // jsdom thread: seconds each, and several times that on a busy two-core machine with both workers running
          // (one test took 20 s there). Tests wait for what they assert; this is only the net, never a speed check.
          testTimeout: 60_000,
          setupFiles: ["test/setup.ts", "test/taskpane/setup-dom.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          // After the unit tests, not beside them: each browser test runs its own Chromium, whose workers solve capital
          // portfolios exactly (500 sensitivity draws, the frontier), and with the unit tests on the same two cores a
          // clean-clone CI run once took over four minutes for the draws. Groups run in order, lowest first.
          sequence: { groupOrder: 1 },
          // Both read dist/, which `npm test` builds first.
          include: ["test/build/**/*.test.ts", "test/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
