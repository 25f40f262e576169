// The capital functions: thin adapters from table columns to src/rules/capital. Ids are a public API: never rename.
import { CapitalInputError, normaliseWeights, optimise, rankOrder, weightedScore, type Candidate, type PortfolioRules } from "../rules/capital";
import { rulebookInForce } from "../rules/inForce";
import { parseMoneyAt, wholePence } from "../rules/money";
import { RulebookError, type CapitalSettings } from "../rules/rulebook";
import { loadSolver } from "../rules/solver";
import { column, excelMatrix, excelMatrixAsync, InputError, optionalRange, sameLength } from "./excelValues";

function settingsInForce(): CapitalSettings {
  const rulebook = rulebookInForce();
  if (!rulebook.capital) throw new RulebookError(`the rulebook "${rulebook.name}" has no capital section`);
  return rulebook.capital;
}

/**
 * Each scheme's weighted score, 0–100, from its criterion scores on the rulebook's scale and a row of weights.
 * @customfunction SCHEMESCORE
 * @param scores Matrix of criterion scores: one row per scheme, one column per criterion.
 * @param weights Row of weights, one per criterion (any positive numbers; they are normalised).
 * @returns Column of weighted scores, 0–100.
 */
export function schemeScore(scores: any[][], weights: any[][]): any[][] {
  return excelMatrix(() => {
    const scale = settingsInForce().scale;
    if (!Array.isArray(weights) || weights.length === 0) throw new InputError("weights is empty; select a row of weights");
    const w = (weights.length === 1 ? weights[0]! : weights.map((r) => r[0])).map((x, i) => {
      if (typeof x !== "number") throw new InputError(`weight ${i + 1} is ${JSON.stringify(x ?? "")}; give a number`);
      return x;
    });
    const normalised = normaliseWeights(w);
    if (!Array.isArray(scores) || scores.length === 0) throw new InputError("scores is empty; select one row per scheme");
    return scores.map((row, r) => {
      if (row.length !== w.length) throw new InputError(`scores row ${r + 1} has ${row.length} scores but there are ${w.length} weights`);
      row.forEach((s, c) => {
        if (typeof s !== "number") throw new InputError(`scores row ${r + 1}, column ${c + 1} is ${JSON.stringify(s ?? "")}; give a score`);
        if (s < scale.min || s > scale.max) throw new InputError(`scores row ${r + 1}, column ${c + 1}: ${s} is outside the scale ${scale.min}–${scale.max}`);
      });
      return [weightedScore(row, normalised, scale)];
    });
  });
}

/**
 * Ranks schemes by score and decides which to fund: the optimal portfolio within the envelope and the rulebook's constraints.
 * @customfunction PRIORITISE
 * @param costs Column of capital costs, £.
 * @param scores Column of weighted scores (e.g. from ICS.SCHEMESCORE).
 * @param envelope The capital envelope (CDEL), £.
 * @param [places] Column of Places, or Cross-Place; gives each Place its minimum and cross-Place schemes their band.
 * @param [categories] Column of categories; backlog maintenance and equipment replacement get their share.
 * @param [eligible] Column of TRUE/FALSE, or the reason a scheme is not eligible.
 * @returns Per scheme: rank, and FUNDED, NOT FUNDED, or EXCLUDED with the reason.
 */
export async function prioritise(costs: any[][], scores: any[][], envelope: number, places?: any[][], categories?: any[][], eligible?: any[][]): Promise<any[][]> {
  return excelMatrixAsync(async () => {
    const settings = settingsInForce();
    const rulebook = rulebookInForce();
    if (typeof envelope !== "number" || !Number.isFinite(envelope) || envelope <= 0) throw new InputError(`envelope must be a number of pounds above 0, not ${JSON.stringify(envelope)}`);
    const cost = column(costs, "costs").map((c, i) => {
      if (c === "" || c === null) throw new InputError(`costs row ${i + 1} is blank`);
      const pence = wholePence(typeof c === "number" ? c : parseMoneyAt(c, `costs row ${i + 1}`), `costs row ${i + 1}`);
      if (pence < 0) throw new InputError(`costs row ${i + 1} is negative`);
      return pence;
    });
    const score = column(scores, "scores").map((s, i) => {
      if (typeof s !== "number" || !Number.isFinite(s)) throw new InputError(`scores row ${i + 1} is ${JSON.stringify(s ?? "")}; give a number`);
      return s;
    });
    sameLength(cost, "costs", score, "scores", "scheme");
    const given = (range: any[][] | undefined, name: string) => {
      const r = optionalRange(range);
      if (!r) return undefined;
      const cells = column(r, name);
      sameLength(cost, "costs", cells, name, "scheme");
      return cells;
    };
    const placeCells = given(places, "places");
    const categoryCells = given(categories, "categories");
    const eligibleCells = given(eligible, "eligible");
    const placeOf = (cell: unknown, i: number): string | null => {
      const text = String(cell ?? "").trim();
      if (text.toLowerCase() === "cross-place") return null;
      const place = rulebook.places.find((p) => p.id === text.toLowerCase() || p.name.toLowerCase() === text.toLowerCase());
      if (!place) throw new InputError(`places row ${i + 1}: "${text}" is not a Place or Cross-Place`);
      return place.id;
    };
    const protectedOf = (cell: unknown, i: number): boolean => {
      const text = String(cell ?? "").trim().toLowerCase();
      const category = settings.categories.find((c) => c.id === text || c.label.toLowerCase() === text);
      if (!category) throw new InputError(`categories row ${i + 1}: "${String(cell ?? "")}" is not one of ${settings.categories.map((c) => c.label).join(", ")}`);
      return category.protectedShare;
    };
    const exclusionOf = (cell: unknown): string | null => {
      if (cell === true || cell === "" || cell === null || (typeof cell === "string" && cell.trim().toUpperCase() === "TRUE")) return null;
      if (cell === false || (typeof cell === "string" && cell.trim().toUpperCase() === "FALSE")) return "not eligible";
      return String(cell).trim();
    };
    const candidates: Candidate[] = cost.map((c, i) => ({
      name: `row ${i + 1}`,
      cost: c,
      score: score[i]!,
      // Without a places column no Place or cross-Place constraint applies, so every scheme counts as placed.
      place: placeCells ? placeOf(placeCells[i], i) : "any Place",
      protectedShare: categoryCells ? protectedOf(categoryCells[i], i) : false,
      excluded: eligibleCells ? exclusionOf(eligibleCells[i]) !== null : false,
      lock: null,
    }));
    const pence = wholePence(envelope, "envelope");
    const rules: PortfolioRules = {
      envelope: pence,
      protectedShareBasisPoints: categoryCells ? settings.constraints.protectedShareBasisPoints : null,
      placeMinimumBasisPoints: placeCells ? settings.constraints.placeMinimumBasisPoints : null,
      crossPlace: placeCells ? settings.constraints.crossPlace : null,
      places: placeCells ? rulebook.places.map((p) => p.id) : [],
      placeNames: Object.fromEntries(rulebook.places.map((p) => [p.id, p.name])),
    };
    const result = optimise(await loadSolver(), candidates, rules);
    if (result.status === "infeasible") throw new CapitalInputError(`no portfolio meets the constraints: ${result.reasons.join("; ")}`);
    const rank = new Array<number>(candidates.length);
    rankOrder(candidates).forEach((i, position) => (rank[i] = position + 1));
    return candidates.map((c, i) => [
      rank[i]!,
      c.excluded ? `EXCLUDED: ${exclusionOf(eligibleCells![i])}` : result.funded[i] ? "FUNDED" : "NOT FUNDED",
    ]);
  });
}
