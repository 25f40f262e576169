// The plan alignment functions: thin adapters from table columns to src/rules/planAlignment. Ids are a public API: never rename.
import { parseMoneyAt, penceAt } from "../rules/money";
import { alignPlans, isAligned, parseDirection, STATUS_LABEL, type PlanLine } from "../rules/planAlignment";
import { RulebookError, type Materiality, type Rulebook } from "../rules/rulebook";
import { column, excelMatrix, excelResult, InputError, sameLength } from "./excelValues";

function text(cell: unknown, where: string): string {
  if (typeof cell !== "string" && typeof cell !== "number") throw new InputError(`${where} is ${cell === null || cell === "" ? "blank" : JSON.stringify(cell)}; give an organisation`);
  const value = String(cell).trim();
  if (value === "") throw new InputError(`${where} is blank; give an organisation`);
  return value;
}

/** The four columns as plan lines, every row checked; one category for all, as the columns carry none. */
function linesOf(organisations: any[][], counterparties: any[][], directions: any[][], amounts: any[][]): PlanLine[] {
  const who = column(organisations, "organisations");
  const whom = column(counterparties, "counterparties");
  const ways = column(directions, "directions");
  const sums = column(amounts, "amounts");
  sameLength(who, "organisations", whom, "counterparties", "plan line");
  sameLength(who, "organisations", ways, "directions", "plan line");
  sameLength(who, "organisations", sums, "amounts", "plan line");
  return who.map((cell, i) => {
    const amount = sums[i];
    if (amount === "" || amount === null) throw new InputError(`amounts row ${i + 1} is blank; give an amount in pounds`);
    return {
      organisation: text(cell, `organisations row ${i + 1}`),
      counterparty: text(whom[i], `counterparties row ${i + 1}`),
      direction: parseDirection(ways[i], `directions row ${i + 1}`),
      category: "",
      pence: penceAt(amount, `amounts row ${i + 1}`),
      sensitive: false,
    };
  });
}

/** The rulebook's materiality, or a £ threshold given in the call (a difference over it is a mismatch); a formula's threshold read as Excel holds it. */
function materialityOf(rulebook: Rulebook, threshold: unknown): { materiality: Materiality; clause: string } {
  if (threshold !== null && threshold !== undefined && threshold !== "") {
    const given = typeof threshold === "number" || typeof threshold === "string" ? parseMoneyAt(threshold, "threshold") : null;
    if (!given || !given.isInteger() || given.isNegative() || given.gt(Number.MAX_SAFE_INTEGER)) {
      throw new InputError(`threshold must be a whole number of pounds, 0 or more, not ${JSON.stringify(threshold)}`);
    }
    return { materiality: { pounds: given.toNumber(), basisPoints: null, mismatchWhen: "exceeds-either" }, clause: "threshold given" };
  }
  if (!rulebook.planAlignment) throw new RulebookError(`the rulebook "${rulebook.name}" has no plan alignment section; give a threshold`);
  return { materiality: rulebook.planAlignment.materiality, clause: rulebook.planAlignment.clause };
}

const pounds = (pence: number | null) => (pence === null ? "" : pence / 100);

/**
 * Pairs that are not agreed: what one organisation reports as income from another against what that one reports as expenditure with it.
 * @customfunction MISMATCHES
 * @param organisations Column: the organisation reporting each plan line.
 * @param counterparties Column: the other organisation in each line.
 * @param directions Column: Income or Expenditure.
 * @param amounts Column of amounts, £.
 * @param [threshold] A difference over this many £ is a mismatch; leave out to use the rulebook's materiality.
 * @returns A table with a header row: Organisation, Counterparty, Income reported, Expenditure reported, Difference, Status; largest difference first.
 */
export async function mismatches(organisations: any[][], counterparties: any[][], directions: any[][], amounts: any[][], threshold?: number): Promise<any[][]> {
  return excelMatrix((rulebook) => {
    const { materiality, clause } = materialityOf(rulebook, threshold);
    const flows = alignPlans(linesOf(organisations, counterparties, directions, amounts), materiality, clause).filter((f) => f.status !== "agreed");
    return [
      ["Organisation", "Counterparty", "Income reported", "Expenditure reported", "Difference", "Status"],
      ...flows.map((f) => [f.payee, f.payer, pounds(f.income), pounds(f.expenditure), pounds(f.difference), STATUS_LABEL[f.status]]),
    ];
  });
}

/**
 * TRUE when every pair's plans agree within the materiality threshold: no Mismatch and no Missing side.
 * @customfunction ALIGNED
 * @param organisations Column: the organisation reporting each plan line.
 * @param counterparties Column: the other organisation in each line.
 * @param directions Column: Income or Expenditure.
 * @param amounts Column of amounts, £.
 * @param [threshold] A difference over this many £ is a mismatch; leave out to use the rulebook's materiality.
 * @returns TRUE or FALSE.
 */
export async function aligned(organisations: any[][], counterparties: any[][], directions: any[][], amounts: any[][], threshold?: number): Promise<boolean | CustomFunctions.Error> {
  return excelResult((rulebook) => {
    const { materiality, clause } = materialityOf(rulebook, threshold);
    return isAligned(alignPlans(linesOf(organisations, counterparties, directions, amounts), materiality, clause));
  });
}

