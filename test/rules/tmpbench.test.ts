import { it } from "vitest";
import { optimise } from "../../src/rules/portfolio";
import { loadSolver } from "../../src/rules/solver";
import { benchPortfolio } from "../bench/capitalFixtures";
it("times", async () => {
  const solver = await loadSolver();
  for (const [n, y] of [[1000, 5], [1000, 1], [5000, 1]] as const) {
    const p = benchPortfolio(n, y);
    for (const obj of ["score-weighted-spend", "total-score"] as const) {
      const t = performance.now();
      const r = optimise(solver, p.candidates, p.rules, obj, { nodeLimit: Number(process.env.NL ?? 400000) });
      console.log(n, y, obj, r.status, "nodes" in r ? r.nodes : "", (performance.now() - t).toFixed(0), "ms", r.status === "unproven" ? r.message : "");
    }
  }
}, 600000);
