// Adapting Excel's values to the rules module and back: ranges to columns, failures to Excel errors with messages.
import { RulesInputError } from "../rules/inputError";
import { parseMoneyAt, type Money } from "../rules/money";
import { rulebookReady } from "../rules/inForce";
import type { Rulebook } from "../rules/rulebook";

/** A bad input, said in words the person at the sheet can act on. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/** A range as Excel passes it (rows of cells), as one column: a single column or a single row. */
export function column<T>(range: T[][] | undefined, name: string): T[] {
  if (!Array.isArray(range) || range.length === 0 || !range.every(Array.isArray)) {
    throw new InputError(`${name} is empty; select a column of cells`);
  }
  const rows = range.length;
  const cols = range[0]!.length;
  if (rows > 1 && cols > 1) throw new InputError(`${name} must be a single column (it has ${cols} columns)`);
  const cells = rows === 1 ? range[0]! : range.map((r) => r[0]!);
  if (cells.length === 0) throw new InputError(`${name} is empty; select a column of cells`);
  return cells;
}

export function sameLength(a: unknown[], aName: string, b: unknown[], bName: string, per = "member"): void {
  if (a.length !== b.length) throw new InputError(`${aName} has ${a.length} rows but ${bName} has ${b.length}; give one per ${per}`);
}

/** A column of amounts in £: numbers, or text such as "£1,234.50"; a blank or other text is an error naming the row. */
export function moneyColumn(range: unknown[][] | undefined, name: string): Money[] {
  return column(range, name).map((cell, i) => {
    if (cell === "" || cell === null) throw new InputError(`${name} row ${i + 1} is blank; give an amount in pounds`);
    return parseMoneyAt(cell, `${name} row ${i + 1}`);
  });
}

/** An optional argument given as a range: undefined when left out. */
export function optionalRange<T>(range: T[][] | null | undefined): T[][] | undefined {
  if (range === null || range === undefined) return undefined;
  const only = range.length === 1 && range[0]!.length === 1 ? range[0]![0] : undefined;
  return only === null || only === "" ? undefined : range;
}

/** An optional text argument: Excel passes null or undefined when it is left out. */
export function optionalText(value: unknown, name: string): string | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  if (typeof value !== "string") throw new InputError(`${name} must be text, not ${JSON.stringify(value)}`);
  return value;
}


/** An error as Excel shows it: #VALUE! with the reason when the input is wrong, #N/A with the message when it is a bug. */
function toExcelError(error: unknown): CustomFunctions.Error {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof InputError || error instanceof RulesInputError ? CustomFunctions.ErrorCode.invalidValue : CustomFunctions.ErrorCode.notAvailable;
  return new CustomFunctions.Error(code, message);
}

/**
 * Runs a function's body under the rulebook in force, once it is there (Excel may call before the workbook's own
 * rulebook has been read; the call waits). An expected failure becomes #VALUE! carrying the reason, and so does an
 * invalid stored rulebook, for every function, never a silent fall-back to the preset; an unexpected failure becomes
 * #N/A with its message, so a bug never shows as a wrong number and never escapes as an exception.
 */
export async function excelResult<T>(body: (rulebook: Rulebook) => T | Promise<T>): Promise<T | CustomFunctions.Error> {
  try {
    return await body(await rulebookReady());
  } catch (error) {
    return toExcelError(error);
  }
}

/** excelResult for a function that spills: a failure is a one-cell result holding the error. */
export async function excelMatrix<T>(body: (rulebook: Rulebook) => T[][] | Promise<T[][]>): Promise<(T | CustomFunctions.Error)[][]> {
  try {
    return await body(await rulebookReady());
  } catch (error) {
    return [[toExcelError(error)]];
  }
}
