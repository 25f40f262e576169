// The control total functions: thin adapters from table columns to src/rules/controlTotal. Ids are a public API: never rename.
import {
  controlTotalSettings,
  escalation as escalationOf,
  membership,
  ragLabel,
  ragStatus,
  riskShare as shareRisk,
  type Position,
} from "../rules/controlTotal";
import { FLAG_WORDS, readFlag } from "../rules/flags";
import { Money, parseMoneyAt, toExcelNumber } from "../rules/money";
import { lookupPartner, type Rulebook } from "../rules/rulebook";
import { column, excelMatrix, InputError, moneyColumn, optionalRange, sameLength } from "./excelValues";

/** Plan, forecast and (when given) turnover, row by row, all the same length. */
function positions(plan: unknown[][], forecast: unknown[][], turnover?: unknown[][]): Position[] {
  const plans = moneyColumn(plan, "plan");
  const forecasts = moneyColumn(forecast, "forecast");
  sameLength(plans, "plan", forecasts, "forecast", "organisation");
  const given = optionalRange(turnover);
  const turnovers = given ? moneyColumn(given, "turnover") : undefined;
  if (turnovers) sameLength(plans, "plan", turnovers, "turnover", "organisation");
  return plans.map((p, i) => ({ plan: p, forecast: forecasts[i]!, turnover: turnovers?.[i] ?? null }));
}

/** Inside or not as given (TRUE/FALSE, Yes/No, Y/N or 1/0), or the organisation's membership of the control total by the rulebook. */
function insideControlTotal(rulebook: Rulebook, cell: unknown, row: number): boolean {
  const flag = readFlag(cell);
  if (typeof flag === "boolean") return flag;
  if (typeof cell !== "string" || cell.trim() === "") {
    throw new InputError(`organisations row ${row} is ${flag === undefined ? "blank" : JSON.stringify(cell)}; give a partner's name or code, or ${FLAG_WORDS}`);
  }
  const partner = lookupPartner(rulebook, cell);
  if (!partner) throw new InputError(`organisations row ${row}: unknown organisation "${cell}"`);
  return membership(rulebook, partner).inside;
}

/**
 * The system control total over the organisations inside it (by the rulebook: NHS bodies, less any it excludes).
 * @customfunction CONTROLTOTAL
 * @param organisations Column of partner names or codes (or TRUE/FALSE, Yes/No, Y/N or 1/0: inside the control total or not).
 * @param plans Column of planned full-year surplus (+) or deficit (−), £.
 * @param forecasts Column of forecast outturn, £.
 * @returns One row: plan, forecast and variance (forecast − plan; negative is adverse), £.
 */
export async function controlTotal(organisations: any[][], plans: any[][], forecasts: any[][]): Promise<any[][]> {
  return excelMatrix((rulebook) => {
    const who = column(organisations, "organisations");
    const rows = positions(plans, forecasts);
    sameLength(who, "organisations", rows, "plans", "organisation");
    const inside = rows.filter((_, i) => insideControlTotal(rulebook, who[i], i + 1));
    const plan = inside.reduce((s, r) => s.plus(r.plan), new Money(0));
    const forecast = inside.reduce((s, r) => s.plus(r.forecast), new Money(0));
    return [[toExcelNumber(plan), toExcelNumber(forecast), toExcelNumber(forecast.minus(plan))]];
  });
}

/**
 * RAG status of a forecast against plan, from the rulebook's tolerances (a share of plan or turnover, with a £ floor).
 * @customfunction RAG
 * @param plan Planned surplus (+) or deficit (−), £: a cell or a column.
 * @param forecast Forecast outturn, £: same shape as plan.
 * @param [turnover] Turnover, £: needed when the rulebook's tolerances are a share of turnover.
 * @returns Green, Amber or Red, one per row.
 */
export async function rag(plan: any[][], forecast: any[][], turnover?: any[][]): Promise<any[][]> {
  return excelMatrix((rulebook) => {
    const settings = controlTotalSettings(rulebook);
    return positions(plan, forecast, turnover).map((p) => [ragLabel(ragStatus(settings, p).status)]);
  });
}

/**
 * The SFLG's recommended step on the escalation ladder (MoU 7.8), by the rulebook's thresholds.
 * @customfunction ESCALATION
 * @param organisation Partner name or code: a cell or a column.
 * @param plan Planned surplus (+) or deficit (−), £.
 * @param forecast Forecast outturn, £.
 * @param [monthsAdverse] Months in a row the organisation has been adverse beyond the green tolerance (0–12); when left out, 1 if it is adverse now, else 0.
 * @returns The step with its clause, "None", or "Not in the control total".
 */
export async function escalation(organisation: any[][], plan: any[][], forecast: any[][], monthsAdverse?: any[][]): Promise<any[][]> {
  return excelMatrix((rulebook) => {
    const settings = controlTotalSettings(rulebook);
    const who = column(organisation, "organisation");
    const rows = positions(plan, forecast);
    sameLength(who, "organisation", rows, "plan", "organisation");
    const given = optionalRange(monthsAdverse);
    const months = given ? column(given, "monthsAdverse") : undefined;
    if (months) sameLength(who, "organisation", months, "monthsAdverse", "organisation");
    return rows.map((p, i) => {
      const row = i + 1;
      const name = who[i];
      const partner = typeof name === "string" ? lookupPartner(rulebook, name) : undefined;
      if (!partner) throw new InputError(`organisation row ${row}: unknown organisation ${JSON.stringify(name)}`);
      if (!membership(rulebook, partner).inside) return ["Not in the control total"];
      const m = months ? months[i] : ragStatus(settings, p).status === "green" ? 0 : 1;
      if (typeof m !== "number" || !Number.isInteger(m) || m < 0 || m > 12) {
        throw new InputError(`monthsAdverse row ${row} must be a whole number of months from 0 to 12, not ${JSON.stringify(m)}`);
      }
      const result = escalationOf(settings, p, m);
      return [result.step ? `${result.step.label} (${settings.escalation.clause})` : "None"];
    });
  });
}

/**
 * Splits an over- or underspend across partners in proportion to the bases, exact to the penny (largest remainder, ties to the earlier row).
 * @customfunction RISKSHARE
 * @param amount Amount to share, £ (negative for an overspend); rounded to pence first.
 * @param bases Column of bases, e.g. each partner's allocation or turnover (0 or more, not all 0).
 * @returns Column of shares in £, summing exactly to the amount.
 */
export async function riskShare(amount: number, bases: any[][]): Promise<any[][]> {
  return excelMatrix(() => {
    if (typeof amount !== "number" || !Number.isFinite(amount)) throw new InputError(`amount must be a number of pounds, not ${JSON.stringify(amount)}`);
    const weights = moneyColumn(bases, "bases");
    weights.forEach((w, i) => {
      if (w.isNegative()) throw new InputError(`bases row ${i + 1} is negative; bases must be 0 or more`);
    });
    return shareRisk(parseMoneyAt(amount, "amount"), weights).map((s) => [toExcelNumber(s)]);
  });
}
