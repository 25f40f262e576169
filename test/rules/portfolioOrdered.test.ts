import { beforeAll, describe, expect, it } from "vitest";
import { buildModel, feasible, fundingOrder, optimise, SOLVER_OPTIONS, type MilpSolver, type Model } from "../../src/rules/portfolio";
import { loadSolver } from "../../src/rules/solver";
import { benchPortfolio } from "../bench/capitalFixtures";

/**
 * Funding down the list on plans the size a system has (40 to 120 schemes over five years, every constraint): each must
 * be proven, not "could not be settled", and every decision is checked by a second method. A funded scheme is fine when
 * the result meets every row to the penny (it is then its own witness); an unfunded one must have no completion at all,
 * which HiGHS, asked separately with the decisions above it fixed, confirms. Brute force cannot reach this size; the
 * exact oracle over every subset covers up to 18 schemes in portfolio.property.test.ts.
 */
let solver: MilpSolver;
beforeAll(async () => {
  solver = await loadSolver();
});

/** The same rows as a CPLEX LP-format feasibility question, written here from the model's rows, not by src/. */
function question(model: Model, fixed: Int8Array): string {
  const n = model.candidates.length;
  const lines = ["Maximize", " nothing: 0 x0", "Subject To"];
  model.rows.forEach((row, j) => {
    const terms = Array.from(row.coefficients, (a, i) => (a === 0 ? "" : `${a < 0 ? "-" : "+"} ${Math.abs(a) / 1e8} x${i}`)).filter(Boolean);
    lines.push(` r${j}: ${terms.length > 0 ? terms.join(" ") : "0 x0"} <= ${row.bound / 1e8}`);
  });
  lines.push("Bounds");
  for (let i = 0; i < n; i++) lines.push(fixed[i] === -1 ? ` 0 <= x${i} <= 1` : ` x${i} = ${fixed[i]}`);
  lines.push("Binary", ` ${Array.from({ length: n }, (_v, i) => `x${i}`).join(" ")}`, "End");
  return lines.join("\n");
}

const CASES = [40, 60, 80, 100, 120].flatMap((count) => [1, 2].map((k) => ({ count, seed: count * 7919 + k })));

describe("funding down the list over five years, decision by decision", () => {
  for (const objective of ["ranked", "value-for-money"] as const) {
    it.each(CASES)(`${objective}: $count schemes (seed $seed) proven, and each unfunded scheme truly cannot be added`, ({ count, seed }) => {
      const p = benchPortfolio(count, 5, seed);
      const result = optimise(solver, p.candidates, p.rules, objective);
      expect(result.status).toBe("optimal");
      if (result.status !== "optimal") return;
      const model = buildModel(p.candidates, p.rules);
      expect(feasible(model, result.funded)).toBe(true);
      // Walk the list as the Board would: the decisions above each scheme fixed, that scheme in.
      const fixed = Int8Array.from(model.fixed);
      let refusals = 0;
      for (const i of fundingOrder(p.candidates, objective)) {
        if (fixed[i] !== -1) continue;
        if (result.funded[i]) {
          fixed[i] = 1;
          continue;
        }
        fixed[i] = 1;
        const answer = solver.solve(question(model, fixed), SOLVER_OPTIONS);
        expect(answer.Status, `${p.candidates[i]!.name} left out, yet a portfolio with it exists`).toBe("Infeasible");
        fixed[i] = 0;
        refusals++;
      }
      // The instances are tight enough that the list is really tested: some schemes are turned away.
      expect(refusals).toBeGreaterThan(0);
    });
  }
});
