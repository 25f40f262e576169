// The monitoring functions: thin adapters from table columns to src/rules/monitoring. Ids are a public API: never rename.
import { monitoringSettings, parseMilestones, parseSpend, rateQuarter, tranchesOf, type Rag } from "../rules/monitoring";
import { toExcelNumber } from "../rules/money";
import { column, excelMatrix, InputError, sameLength } from "./excelValues";

const LABEL: Record<Rag, string> = { green: "Green", amber: "Amber", red: "Red" };

/**
 * Each quarter's tranche of a transformation allocation, by the rulebook's tranche shares, £ summing exactly to it.
 * @customfunction TRANCHES
 * @param allocations An allocation, £ (0 or more, whole pence): a cell or a column, one per Place.
 * @returns One row per allocation: its Q1, Q2, Q3 and Q4 tranches, £.
 */
export async function tranches(allocations: any[][]): Promise<any[][]> {
  return excelMatrix((rulebook) => {
    const settings = monitoringSettings(rulebook);
    return column(allocations, "allocations").map((cell, i) => {
      if (cell === "" || cell === null) throw new InputError(`allocations row ${i + 1} is blank; give an amount in pounds`);
      return tranchesOf(settings, parseSpend(cell, `allocations row ${i + 1}`, "allocation")).map(toExcelNumber);
    });
  });
}

/**
 * The delivery RAG of a quarter's return by the rulebook's bands: the worse of milestones delivered against due and spend against the funding released, both to date.
 * @customfunction DELIVERYRAG
 * @param milestonesDue Milestones due to date: a cell or a column, one per return.
 * @param milestonesDelivered Milestones delivered to date (no more than due).
 * @param spendToDate Spend to date, £.
 * @param releasedToDate Funding released to date, £.
 * @returns Green, Amber or Red, one per row.
 */
export async function deliveryRag(milestonesDue: any[][], milestonesDelivered: any[][], spendToDate: any[][], releasedToDate: any[][]): Promise<any[][]> {
  return excelMatrix((rulebook) => {
    const settings = monitoringSettings(rulebook);
    const due = column(milestonesDue, "milestonesDue");
    const delivered = column(milestonesDelivered, "milestonesDelivered");
    const spend = column(spendToDate, "spendToDate");
    const released = column(releasedToDate, "releasedToDate");
    sameLength(due, "milestonesDue", delivered, "milestonesDelivered", "return");
    sameLength(due, "milestonesDue", spend, "spendToDate", "return");
    sameLength(due, "milestonesDue", released, "releasedToDate", "return");
    return due.map((d, i) => {
      const where = `row ${i + 1}`;
      const milestones = parseMilestones(d, delivered[i], where);
      const rating = rateQuarter(
        settings,
        { unit: "", quarter: 1, ...milestones, spendToDate: parseSpend(spend[i], where), note: "", where },
        parseSpend(released[i], where, "Released to date"),
      );
      return [LABEL[rating.rag]];
    });
  });
}
