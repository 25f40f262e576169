// The capital functions: thin adapters from table columns to src/rules/capital. Ids are a public API: never rename.
import type { Candidate, Exclusion, ObjectiveId, PortfolioRules } from "../rules/capital";
import { readFlag } from "../rules/flags";
import { codeKey } from "../rules/codes";
import { penceAt } from "../rules/money";
import { CAPITAL_OBJECTIVES, isCrossPlace, RulebookError, type CapitalSettings, type Rulebook } from "../rules/rulebook";
import { capitalUnits, lookupUnit } from "../rules/tiers";
import { column, excelMatrix, InputError, optionalRange, optionalText, sameLength } from "./excelValues";

/** The capital model (and the optimiser behind it) loads on the first capital function called, not with the workbook. */
const capitalModel = () => import("../rules/capital");
const solverOffThread = () => import("./offThread");
type CapitalModel = Awaited<ReturnType<typeof capitalModel>>;

function capitalSettings(rulebook: Rulebook): CapitalSettings {
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
export async function schemeScore(scores: any[][], weights: any[][]): Promise<any[][]> {
  return excelMatrix(async (rulebook) => {
    const { exactScores, normaliseWeights } = await capitalModel();
    const scale = capitalSettings(rulebook).scale;
    if (!Array.isArray(weights) || weights.length === 0) throw new InputError("weights is empty; select a row of weights");
    const w = (weights.length === 1 ? weights[0]! : weights.map((r) => r[0])).map((x, i) => {
      if (typeof x !== "number") throw new InputError(`weight ${i + 1} is ${JSON.stringify(x ?? "")}; give a number`);
      return x;
    });
    normaliseWeights(w);
    if (!Array.isArray(scores) || scores.length === 0) throw new InputError("scores is empty; select one row per scheme");
    scores.forEach((row, r) => {
      if (row.length !== w.length) throw new InputError(`scores row ${r + 1} has ${row.length} scores but there are ${w.length} weights`);
      row.forEach((s, c) => {
        if (typeof s !== "number") throw new InputError(`scores row ${r + 1}, column ${c + 1} is ${JSON.stringify(s ?? "")}; give a score`);
        if (s < scale.min || s > scale.max) throw new InputError(`scores row ${r + 1}, column ${c + 1}: ${s} is outside the scale ${scale.min}–${scale.max}`);
      });
    });
    // Exact (decimal) throughout; each score becomes a double once, on its way to the sheet.
    const exact = exactScores(scores as number[][], w, scale);
    return exact.points.map((p) => [exact.score(p)]);
  });
}

/** The objective a cell names, by id, by the panel's name or by its description ("Score-weighted spend"), case-blind; the rulebook's default when blank. */
function objectiveOf(cell: unknown, settings: CapitalSettings, { OBJECTIVE_NAMES, OBJECTIVE_LABELS }: CapitalModel): ObjectiveId {
  const text = optionalText(cell, "objective");
  if (text === undefined) return settings.objective.default;
  const fold = (t: string) => t.trim().toLowerCase().replace(/[\s_-]+/g, " ");
  const key = fold(text);
  // Besides the ids and the panel's words, what people say: "ranked list", "fund down the list", "score per £".
  const said: Record<string, ObjectiveId> = { "ranked list": "ranked", "fund down the list": "ranked", "fund down the ranked list": "ranked", "score per £": "value-for-money" };
  const found = said[key] ?? CAPITAL_OBJECTIVES.find((o) => [o, OBJECTIVE_NAMES[o], OBJECTIVE_LABELS[o]].some((name) => fold(name) === key));
  if (!found) throw new InputError(`objective "${text}" is not one of ${CAPITAL_OBJECTIVES.join(", ")}`);
  return found;
}

/** A range of numbers as rows of cells, or a single number as one cell. */
const cellsOf = (value: unknown): unknown[][] => (Array.isArray(value) ? (value as unknown[][]) : [[value]]);

/**
 * Decides which schemes to fund: the portfolio the objective asks for within the envelope and the rulebook's constraints,
 * proven (feasible to the penny and optimal), with a reason for every scheme not funded.
 * @customfunction PRIORITISE
 * @param costs Column of capital costs, £; or one column per financial year for a plan over several years.
 * @param scores Column of weighted scores (e.g. from ICS.SCHEMESCORE).
 * @param envelope The capital envelope (CDEL), £; or a row of envelopes, one per year, for a plan over several years.
 * @param [places] Column of Places (or units of any tier, e.g. ICPs), or Cross-Place; each unit of the rulebook's constraint tier gets its minimum, cross-Place schemes their band.
 * @param [categories] Column of categories; backlog maintenance and equipment replacement get their share.
 * @param [eligible] Column of TRUE/FALSE, Yes/No, Y/N or 1/0 (blank is eligible); any other text is the reason a scheme is not eligible.
 * @param [objective] total-score, score-weighted-spend, ranked or value-for-money; blank for the rulebook's default.
 * @returns Per scheme: rank, FUNDED, NOT FUNDED or EXCLUDED, and the reason it is not funded.
 */
export async function prioritise(costs: any[][], scores: any[][], envelope: any[][], places?: any[][], categories?: any[][], eligible?: any[][], objective?: string): Promise<any[][]> {
  return excelMatrix(async (rulebook) => {
    const model = await capitalModel();
    const { CapitalInputError, exactPoints, notFundedReasons, rankOrder } = model;
    const settings = capitalSettings(rulebook);
    const chosen = objectiveOf(objective, settings, model);
    const envelopes = cellsOf(envelope).flat();
    const envelopePence = envelopes.map((e, t) => {
      const where = envelopes.length > 1 ? `envelope year ${t + 1}` : "envelope";
      // A year may have nothing to spend; the plan as a whole must have something.
      if (typeof e !== "number" || !Number.isFinite(e) || e < 0 || (envelopes.length === 1 && e === 0)) throw new InputError(`${where} must be a number of pounds above 0, not ${JSON.stringify(e ?? "")}`);
      return penceAt(e, where);
    });
    if (envelopePence.every((e) => e === 0)) throw new InputError("the envelope is £0 in every year");
    const years = envelopePence.length;
    if (!Array.isArray(costs) || costs.length === 0) throw new InputError("costs is empty; select a column of cells");
    const width = costs[0]!.length;
    if (years === 1 && width > 1 && costs.length > 1) throw new InputError(`costs has ${width} columns: give one envelope per year (a row of ${width}) for a plan over years`);
    const rowsOfCosts = years > 1 ? costs : column(costs, "costs").map((c) => [c]);
    const profiles = rowsOfCosts.map((row, i) => {
      if (row.length !== years) throw new InputError(`costs row ${i + 1} has ${row.length} years but the envelope has ${years}`);
      return row.map((c, t) => {
        const where = years > 1 ? `costs row ${i + 1}, year ${t + 1}` : `costs row ${i + 1}`;
        if (c === "" || c === null) {
          if (years > 1) return 0;
          throw new InputError(`${where} is blank`);
        }
        const pence = penceAt(c, where);
        if (pence < 0) throw new InputError(`${where} is negative`);
        return pence;
      });
    });
    const score = column(scores, "scores").map((s, i) => {
      if (typeof s !== "number" || !Number.isFinite(s)) throw new InputError(`scores row ${i + 1} is ${JSON.stringify(s ?? "")}; give a number`);
      if (s < 0) throw new InputError(`scores row ${i + 1} is negative`);
      return s;
    });
    sameLength(profiles, "costs", score, "scores", "scheme");
    const given = (range: any[][] | undefined, name: string) => {
      const r = optionalRange(range);
      if (!r) return undefined;
      const cells = column(r, name);
      sameLength(profiles, "costs", cells, name, "scheme");
      return cells;
    };
    const placeCells = given(places, "places");
    const categoryCells = given(categories, "categories");
    const eligibleCells = given(eligible, "eligible");
    // A scheme counts towards the unit of the constraints' tier its own unit is within (a Place's ICP, say); one above that tier serves several, so is cross-unit.
    const units = capitalUnits(rulebook);
    const placeOf = (cell: unknown, i: number): string | null => {
      const text = String(cell ?? "").trim();
      if (isCrossPlace(text)) return null;
      const found = lookupUnit(rulebook, text);
      if (!found) throw new InputError(`places row ${i + 1}: "${text}" is not a ${rulebook.tiers.map((t) => t.label).join(" or ")} or Cross-Place`);
      return units.unitOf[found.unit.id] ?? null;
    };
    const protectedOf = (cell: unknown, i: number): boolean => {
      const text = codeKey(String(cell ?? ""));
      const category = settings.categories.find((c) => c.id === text || codeKey(c.label) === text);
      if (!category) throw new InputError(`categories row ${i + 1}: "${String(cell ?? "")}" is not one of ${settings.categories.map((c) => c.label).join(", ")}`);
      return category.protectedShare;
    };
    // TRUE/Yes/Y/1 or blank: eligible; FALSE/No/N/0: not eligible; any other text is the reason it is not.
    const exclusionOf = (cell: unknown): Exclusion | null => {
      const flag = readFlag(cell);
      if (flag === true || flag === undefined) return null;
      return { reason: flag === false ? "not eligible" : String(cell).trim(), clause: "" };
    };
    const exclusions = score.map((_s, i) => (eligibleCells ? exclusionOf(eligibleCells[i]) : null));
    const points = exactPoints(score);
    const candidates: Candidate[] = profiles.map((profile, i) => ({
      name: `row ${i + 1}`,
      cost: profile.reduce((a, p) => a + p, 0),
      profile: years > 1 ? profile : null,
      score: score[i]!,
      points: points[i]!,
      // Without a places column no Place or cross-Place constraint applies, so every scheme counts as placed.
      place: placeCells ? placeOf(placeCells[i], i) : "any Place",
      protectedShare: categoryCells ? protectedOf(categoryCells[i], i) : false,
      excluded: exclusions[i] !== null,
      lock: null,
    }));
    const rules: PortfolioRules = {
      envelope: envelopePence.reduce((a, e) => a + e, 0),
      years: years > 1 ? envelopePence.map((e, t) => ({ label: `year ${t + 1}`, envelope: e })) : null,
      carryForward: settings.phasing.carryForward,
      protectedShareBasisPoints: categoryCells ? settings.constraints.protectedShareBasisPoints : null,
      placeMinimumBasisPoints: placeCells ? settings.constraints.placeMinimumBasisPoints : null,
      crossPlace: placeCells ? settings.constraints.crossPlace : null,
      places: placeCells ? units.places : [],
      placeNames: units.placeNames,
    };
    const result = await (await solverOffThread()).optimiseOffThread(candidates, rules, chosen);
    if (result.status === "infeasible") throw new CapitalInputError(`no portfolio meets the constraints. ${result.reasons.join(". ")}`);
    if (result.status === "unproven") throw new CapitalInputError(`the best portfolio could not be proven, so none is given: ${result.message}`);
    const reasons = notFundedReasons(candidates, rules, result, exclusions);
    const rank = new Array<number>(candidates.length);
    rankOrder(candidates).forEach((i, position) => (rank[i] = position + 1));
    return candidates.map((c, i) => [rank[i]!, c.excluded ? "EXCLUDED" : result.funded[i] ? "FUNDED" : "NOT FUNDED", reasons[i]!]);
  });
}
