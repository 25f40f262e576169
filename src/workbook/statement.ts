// The Statement detail table and the workbook's financial year, as the control total statement reads them.
import { checkMonth } from "../rules/controlTotal";
import { parseFinancialYear, type FinancialYear, type StatementDetail } from "../rules/statement";
import type { Workbook } from "./gateway";
import { moneyAt, readRows, recordsOf, textOf } from "./records";
import { FINANCIAL_YEAR_SETTING, STATEMENT_DETAIL } from "./tables";

export interface DetailRead {
  details: StatementDetail[];
  /** Each row's Source, in the same order (e.g. "Sample (illustrative)" or the file it was loaded from). */
  sources: string[];
}

/** A Month cell as written by hand or by the add-in: a whole number, or text of one. */
export const monthCell = (value: unknown, where: string): number =>
  checkMonth(typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value, where);

/** The Statement detail table's rows; undefined when the workbook has no such table (one made before the statement). */
export async function readStatementDetail(workbook: Workbook): Promise<DetailRead | undefined> {
  const table = await workbook.readTable(STATEMENT_DETAIL.name);
  if (!table) return undefined;
  const records = recordsOf(table, STATEMENT_DETAIL).filter((r) => textOf(r["Organisation"]!) !== "");
  const details = readRows(records, STATEMENT_DETAIL, (r, where) => ({
    organisation: textOf(r["Organisation"]!),
    month: monthCell(r["Month"], where),
    nonRecurrentYtd: moneyAt(r, "Non-recurrent YTD", where),
    nonRecurrentForecast: moneyAt(r, "Non-recurrent forecast", where),
    efficiencyPlanYtd: moneyAt(r, "Efficiency plan YTD", where),
    efficiencyDeliveredYtd: moneyAt(r, "Efficiency delivered YTD", where),
    capitalSpendYtd: moneyAt(r, "Capital spend YTD", where),
    capitalForecast: moneyAt(r, "Capital forecast", where),
    cdel: moneyAt(r, "CDEL", where),
  }));
  return { details, sources: records.map((r) => textOf(r["Source"]!)) };
}

/** The financial year stored with the workbook, or undefined when none is (or it cannot be read as one). */
export async function readFinancialYear(workbook: Workbook): Promise<FinancialYear | undefined> {
  const stored = await workbook.readSetting(FINANCIAL_YEAR_SETTING);
  return stored === undefined ? undefined : parseFinancialYear(stored);
}
