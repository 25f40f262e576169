// The Board pack's figures: each capability computed from the workbook's tables as its panel computes them (the
// panels' chosen month, fund, formula, weights and envelope; never a "what if"), and the pack written to Excel.
import { allocationUnitWords, runFormula } from "../rules/allocation";
import { assess, outsideCapitalFramework, type Assessment, type Lock } from "../rules/capital";
import { PlanLedger, rollUp } from "../rules/controlTotal";
import { formatGBP, Money } from "../rules/money";
import { alignPlans } from "../rules/planAlignment";
import type { Rulebook } from "../rules/rulebook";
import { parsePace, parsePlanEnvelope, parsePounds, type Draft } from "../rules/scenarioDraft";
import { capitalUnits } from "../rules/tiers";
import { readPlaceInputs } from "./allocation";
import { allocationSummary, alignmentSummary, boardReport, capitalSummary, controlTotalSummary, rulebookMark, type BoardCapability, type BoardSummary, type SummaryContext } from "./boardPack";
import { readDisplaySettings } from "./displaySettings";
import { readSchemesTable, restrictedOrganisations } from "./capital";
import { readPlans, readRiskReserves } from "./controlTotal";
import type { Workbook } from "./gateway";
import { readPlanLines } from "./planAlignment";

/** A capital assessment: the rules' own on this thread by default; the pane passes its worker's. */
export type AssessFn = (settings: NonNullable<Rulebook["capital"]>, schemes: Parameters<typeof assess>[1], options: Parameters<typeof assess>[2]) => Promise<Assessment>;

export const CAPABILITY_TITLES: Record<BoardCapability, string> = {
  "control-total": "Control total",
  allocation: "Allocation of transformation funds",
  alignment: "Plan alignment",
  capital: "Capital decision",
};

/** A capability with no page in the pack, and why (no table yet, a bad row, inputs that do not parse). */
export interface Left {
  capability: BoardCapability;
  why: string;
}

export interface BoardPack {
  summaries: BoardSummary[];
  left: Left[];
}

type Attempt = BoardSummary | string;

async function controlTotal(workbook: Workbook, c: SummaryContext, draft: Draft): Promise<Attempt> {
  if (!c.rulebook.controlTotal) return "the rulebook has no control total section";
  const [plans, reserves] = await Promise.all([readPlans(workbook), readRiskReserves(workbook, c.rulebook)]);
  if (!plans || plans.length === 0) return "the Plans table has no figures yet";
  const ledger = PlanLedger.of(c.rulebook, plans);
  const months = [...ledger.months].sort((a, b) => a - b);
  const month = draft.controlTotal.month !== null && months.includes(draft.controlTotal.month) ? draft.controlTotal.month : months.at(-1)!;
  return controlTotalSummary(rollUp(ledger, month, reserves), c);
}

async function allocation(workbook: Workbook, c: SummaryContext, draft: Draft): Promise<Attempt> {
  const settings = c.rulebook.allocation;
  if (!settings) return "the rulebook has no allocation section";
  const places = await readPlaceInputs(workbook, c.rulebook);
  const units = allocationUnitWords(c.rulebook);
  if (!places || places.length === 0) return `the Places table has no ${units.many} yet`;
  const inputs = draft.allocation;
  const formula = settings.formulas.find((f) => f.id === inputs.formulaId) ?? settings.formulas.find((f) => f.id === settings.defaultFormula)!;
  // As the panel does: until a fund is typed, last year's total shared by the new formula.
  const baseline = places.every((p) => p.baseline !== null) ? places.reduce((a, p) => a.plus(p.baseline!), new Money(0)) : undefined;
  const fund = parsePounds(inputs.fund ?? (baseline ? formatGBP(baseline).replace("£", "") : ""), "fund");
  if (!fund.ok) return `${fund.message} on the Allocation panel`;
  const pace = parsePace(inputs.pace);
  if (!pace.ok) return `pace of change: ${pace.message}`;
  const result = runFormula({ ...formula, useFloorsAndCaps: inputs.useFloorsAndCaps, paceOfChangeBasisPoints: pace.value }, fund.value, places, settings.clause, units);
  return allocationSummary(result, places, c);
}

async function alignment(workbook: Workbook, c: SummaryContext): Promise<Attempt> {
  const settings = c.rulebook.planAlignment;
  if (!settings) return "the rulebook has no plan alignment section";
  const lines = await readPlanLines(workbook, c.rulebook);
  if (!lines || lines.length === 0) return "the Plan lines table has no lines yet";
  return alignmentSummary(alignPlans(lines, settings.materiality, settings.clause), c);
}

async function capital(workbook: Workbook, c: SummaryContext, draft: Draft, run: AssessFn): Promise<Attempt> {
  const settings = c.rulebook.capital;
  if (!settings) return "the rulebook has no capital section";
  const inputs = draft.capital;
  const [table, restricted] = await Promise.all([readSchemesTable(workbook, c.rulebook), inputs.liftRecovery ? new Map<string, string>() : restrictedOrganisations(workbook, c.rulebook)]);
  if (!table || table.schemes.length === 0) return "the Schemes table has no schemes yet";
  const envelope = parsePlanEnvelope(inputs.envelope, table.years, inputs.yearEnvelopes);
  if (!envelope.ok) return `${envelope.message} on the Capital panel`;
  const assessment = await run(settings, table.schemes, {
    weightPoints: inputs.weightPoints,
    envelope: envelope.pence,
    years: envelope.years,
    restricted,
    outsideFramework: outsideCapitalFramework(c.rulebook),
    objective: inputs.objective ?? settings.objective.default,
    locks: new Map<string, Lock>(inputs.locks.map((l) => [l.scheme, l.lock])),
    ...capitalUnits(c.rulebook),
  });
  return capitalSummary(assessment, c) ?? (assessment.optimum.status === "infeasible" ? "no portfolio meets the capital constraints" : "the optimiser did not settle a portfolio");
}

/**
 * Every capability's summary that can be made from the workbook now, in the pack's order; the others named with the
 * reason. One capability's problem (a bad row, say) never keeps the others out.
 */
export async function buildBoardPack(workbook: Workbook, rulebook: Rulebook, draft: Draft, options: { date: string; assess: AssessFn }): Promise<BoardPack> {
  const c: SummaryContext = { rulebook, mark: rulebookMark(rulebook), date: options.date };
  const attempts: [BoardCapability, Promise<Attempt>][] = [
    ["control-total", controlTotal(workbook, c, draft)],
    ["allocation", allocation(workbook, c, draft)],
    ["alignment", alignment(workbook, c)],
    ["capital", capital(workbook, c, draft, options.assess)],
  ];
  const pack: BoardPack = { summaries: [], left: [] };
  for (const [capability, attempt] of attempts) {
    const made = await attempt.catch((error: Error) => error.message);
    if (typeof made === "string") pack.left.push({ capability, why: made });
    else pack.summaries.push(made);
  }
  return pack;
}

/** Writes each summary on its own report sheet (updated in place), one after another; resolves to the sheets' names. */
export async function writeBoardPack(workbook: Workbook, summaries: readonly BoardSummary[], systemName: string): Promise<string[]> {
  const sheets: string[] = [];
  // Negatives in the formats as the pane shows them (the workbook's display choice).
  const { negatives } = await readDisplaySettings(workbook);
  for (const s of summaries) sheets.push(await workbook.writeReport(boardReport(s, systemName, negatives)));
  return sheets;
}
