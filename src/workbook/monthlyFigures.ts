// The month's figures from a .csv or .xlsx file: read (Papa Parse, ExcelJS, each loaded only when used), every cell checked with
// every problem listed by row and column, and the clean rows loaded into the Plans and Statement detail tables, replacing
// only that month's rows for those organisations. A file is one row per organisation per month (a Month column), one
// month per file (the month chosen), or one row per organisation with a column per month (the year so far).
import { monthName, FINANCIAL_MONTHS } from "../rules/controlTotal";
import { MoneyParseError, parseMoney, wholePence, fromPence, type Money } from "../rules/money";
import { lookupPartner, type Rulebook } from "../rules/rulebook";
import { financialYearLabel, monthOfDate, parseFinancialYear, type FinancialYear, type StatementDetail } from "../rules/statement";
import { WorkbookError, type Cell, type Progress, type RowRecord, type Workbook } from "./gateway";
import { blank, textOf } from "./records";
import { monthCell } from "./statement";
import { FINANCIAL_YEAR_SETTING, PLANS, STATEMENT_DETAIL } from "./tables";

/** A cell as a file holds it: a value, a date (an .xlsx date cell), or the error a formula shows. */
export type FileCell = Cell | Date | { error: string };

/** A file's first sheet as rows of cells, row 1 first. */
export type Grid = FileCell[][];

export interface Problem {
  /** The file's row (1 is the header row), or null for the file as a whole. */
  row: number | null;
  /** The column letter, or null for the whole row. */
  column: string | null;
  /** The column's header in the file, when it has one. */
  header?: string;
  message: string;
}

/** "Row 4, column D (YTD actual): …", as the problem list shows it. */
export function describeProblem(p: Problem): string {
  const at = [p.row === null ? "" : `Row ${p.row}`, p.column === null ? "" : `column ${p.column}${p.header ? ` (${p.header})` : ""}`].filter(Boolean).join(", ");
  return at ? `${at}: ${p.message}` : p.message;
}

/** Column letters as Excel names them: A, …, Z, AA, … */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

// ---------------------------------------------------------------- the columns a file may have

type Field =
  | "organisation"
  | "month"
  | "year"
  | "plan"
  | "ytdPlan"
  | "ytdActual"
  | "forecast"
  | "turnover"
  | "nonRecurrentYtd"
  | "nonRecurrentForecast"
  | "efficiencyPlanYtd"
  | "efficiencyDeliveredYtd"
  | "capitalSpendYtd"
  | "capitalForecast"
  | "cdel";

const CORE_MONEY = ["plan", "ytdPlan", "ytdActual", "forecast"] as const;
const DETAIL_MONEY = ["nonRecurrentYtd", "nonRecurrentForecast", "efficiencyPlanYtd", "efficiencyDeliveredYtd", "capitalSpendYtd", "capitalForecast", "cdel"] as const;

/** Each field's header as the templates write it, then other ways people head it (compared without case, spaces or punctuation). */
const HEADERS: Record<Field, readonly string[]> = {
  organisation: ["Organisation", "Organisation code", "Organization", "Code", "Org"],
  month: ["Month", "Period", "Month number"],
  year: ["Financial year", "Year", "FY"],
  plan: ["Plan", "Annual plan", "Full-year plan"],
  ytdPlan: ["YTD plan", "Year to date plan"],
  ytdActual: ["YTD actual", "Year to date actual"],
  forecast: ["Forecast outturn", "Forecast", "FOT"],
  turnover: ["Turnover"],
  nonRecurrentYtd: ["Non-recurrent YTD", "Non-recurrent year to date", "NR YTD"],
  nonRecurrentForecast: ["Non-recurrent forecast", "NR forecast"],
  efficiencyPlanYtd: ["Efficiency plan YTD", "Efficiency plan year to date"],
  efficiencyDeliveredYtd: ["Efficiency delivered YTD", "Efficiency delivered year to date"],
  capitalSpendYtd: ["Capital spend YTD", "Capital spend year to date"],
  capitalForecast: ["Capital forecast", "Capital forecast outturn"],
  cdel: ["CDEL", "Capital departmental expenditure limit"],
};

/** The headers a file is told to use, in template order. */
export const FILE_COLUMNS: readonly string[] = (Object.keys(HEADERS) as Field[]).map((f) => HEADERS[f][0]!);

const squash = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, "");
const FIELD_OF = new Map((Object.entries(HEADERS) as [Field, readonly string[]][]).flatMap(([field, names]) => names.map((n) => [squash(n), field] as const)));

/** A unit after the name ("Plan (£k)", "YTD actual £000", "Forecast (£)"): what each amount in the column is multiplied by. */
const UNIT = /\s*\(?\s*£\s*(k|000|'000|m)?\s*\)?\s*$/i;

function fieldOfHeader(header: string): { field: Field; scale: number } | undefined {
  const unit = UNIT.exec(header);
  const name = unit ? header.slice(0, unit.index) : header;
  const field = FIELD_OF.get(squash(name));
  if (!field) return undefined;
  const suffix = unit?.[1]?.toLowerCase();
  return { field, scale: suffix === "m" ? 1_000_000 : suffix ? 1_000 : 1 };
}

// ---------------------------------------------------------------- checking

/** One organisation's month, as loaded. */
export interface MonthlyFigure {
  /** The file's row. */
  row: number;
  organisation: string;
  month: number;
  plan: Money;
  ytdPlan: Money;
  ytdActual: Money;
  forecast: Money;
  /** Null when the file has no Turnover (the organisation's turnover already in the workbook is kept). */
  turnover: Money | null;
  detail: Omit<StatementDetail, "organisation" | "month"> | null;
}

export interface CheckedFile {
  /** The rows with no problem, in file order. */
  clean: MonthlyFigure[];
  problems: Problem[];
  /** Data rows in the file (blank rows not counted). */
  rows: number;
  /** Data rows with at least one problem. */
  unclean: number;
}

export interface CheckOptions {
  /** The financial year the workbook's months are of: a Financial year column and dates must be in it. */
  year: FinancialYear;
  /** The month of a file with no Month column (one row per organisation); of one with a column per month, the one month to load. */
  month?: number;
}

const MONTH_WORDS = new Map(FINANCIAL_MONTHS.flatMap((name, i) => [[name.toLowerCase(), i + 1] as const, [name.slice(0, 3).toLowerCase(), i + 1] as const]));
MONTH_WORDS.set("sept", 6);

/** A Month cell: 1–12, "April" or "Apr", "M01" or "Month 1", a date, or "2025-04": the month of the financial year, or why not. */
function readMonth(cell: FileCell, year: FinancialYear): number | string {
  const outside = (what: string) => `${what} is outside the financial year ${financialYearLabel(year)} (April ${year.start} to March ${year.start + 1})`;
  if (cell instanceof Date) return monthOfDate(year, cell) ?? outside(`${monthName(((cell.getMonth() + 9) % 12) + 1)} ${cell.getFullYear()}`);
  if (typeof cell === "number") {
    if (Number.isInteger(cell) && cell >= 1 && cell <= 12) return cell;
    return `${cell} is not a month of the financial year: months run from 1 (April) to 12 (March)`;
  }
  const text = textOf(cell as Cell);
  const word = MONTH_WORDS.get(text.toLowerCase());
  if (word) return word;
  const numbered = /^(?:m|month)\s*0?(\d{1,2})$/i.exec(text) ?? /^(\d{1,2})$/.exec(text);
  if (numbered) return readMonth(Number(numbered[1]), year);
  const iso = /^(\d{4})-(\d{2})(?:-\d{2})?$/.exec(text);
  if (iso && Number(iso[2]) >= 1 && Number(iso[2]) <= 12) return readMonth(new Date(Number(iso[1]), Number(iso[2]) - 1, 1), year);
  const named = /^([a-z]+)[\s-]+(\d{2}|\d{4})$/i.exec(text);
  const namedMonth = named && MONTH_WORDS.get(named[1]!.toLowerCase());
  if (namedMonth) {
    const calendar = Number(named[2]) + (named[2]!.length === 2 ? 2000 : 0);
    return readMonth(new Date(calendar, (namedMonth + 2) % 12, 1), year);
  }
  return `"${text}" is not a month: give 1 (April) to 12 (March), or a month's name`;
}

/** An amount cell in pounds × the column's scale, to the penny; or why not. */
function readAmount(cell: FileCell, scale: number): Money | string {
  if (cell instanceof Date) return "a date is not an amount";
  if (typeof cell === "boolean") return `${String(cell).toUpperCase()} is not an amount`;
  try {
    const pounds = parseMoney(cell as Cell).times(scale);
    return fromPence(wholePence(pounds, "the amount"));
  } catch (error) {
    if (error instanceof MoneyParseError) return error.message.replace(/^the amount: /, "");
    throw error;
  }
}

/** An Organisation cell: the partner it names by code or name, or why not. */
function readOrganisation(rulebook: Rulebook) {
  return (cell: FileCell) => {
    const name = textOf(cell instanceof Date ? null : (cell as Cell));
    return lookupPartner(rulebook, name) ?? `"${name}" is not an organisation in the rulebook (give its code or its name, e.g. ${rulebook.partners[0]?.code ?? "MSEFT"})`;
  };
}

/** A Financial year cell: the workbook's year, or why not. */
function readYear(year: FinancialYear) {
  return (cell: FileCell) => {
    const said = parseFinancialYear(textOf(cell instanceof Date ? null : (cell as Cell)));
    if (!said) return `"${textOf(cell as Cell)}" is not a financial year: write it as ${financialYearLabel(year)}`;
    return said.start === year.start ? said : `${financialYearLabel(said)} is not the workbook's financial year, ${financialYearLabel(year)}`;
  };
}

/** Problems in file order: the header's first, then row by row, left to right; a whole row's after its cells. */
function inFileOrder(problems: Problem[]): Problem[] {
  const across = (p: Problem) => (p.column === null ? Infinity : [...p.column].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0));
  return problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || across(a) - across(b));
}

const isBlankCell = (cell: FileCell | undefined) => cell === undefined || (!(cell instanceof Date) && typeof cell !== "object" ? blank(cell) : cell === null);
const isErrorCell = (cell: FileCell | undefined): cell is { error: string } => typeof cell === "object" && cell !== null && !(cell instanceof Date) && "error" in cell;

const NO_FIGURES = "the file has a header row but no figures under it";

/**
 * Checks every cell of a file's grid (row 1 the header): unknown, repeated or missing columns, unknown organisations,
 * text or fractions of a penny in money cells, months outside the financial year, and organisations given twice for a
 * month (neither row is taken). Every problem is listed; a row with none is clean.
 */
export function checkMonthlyFigures(rulebook: Rulebook, grid: Grid, options: CheckOptions): CheckedFile {
  const problems: Problem[] = [];
  const headerCells = grid[0] ?? [];
  const headers = headerCells.map((c) => (c instanceof Date || isErrorCell(c) ? "" : textOf(c)));
  const dataRows = grid.slice(1).map((cells, i) => ({ row: i + 2, cells })).filter((r) => !r.cells.every(isBlankCell));
  if (grid.length === 0 || headers.every((h) => h === "")) {
    return { clean: [], problems: [{ row: null, column: null, message: "the file is empty: its first row should be the column headers" }], rows: 0, unclean: 0 };
  }
  // A column per month (one row per organisation for the year so far) is read as such.
  if (headerCells.some((cell) => monthColumnOf(cell, options.year) !== undefined)) return checkMonthColumns(rulebook, grid, dataRows, options);

  // The columns: each header a known field, once.
  const columns = new Map<Field, { index: number; scale: number; header: string }>();
  headers.forEach((header, index) => {
    const column = columnLetter(index);
    if (header === "") {
      if (dataRows.some((r) => !isBlankCell(r.cells[index]))) problems.push({ row: 1, column, message: "the column has figures but no header" });
      return;
    }
    const known = fieldOfHeader(header);
    if (!known) {
      problems.push({ row: 1, column, header, message: `"${header}" is not a column of the month's figures; the columns are ${FILE_COLUMNS.join(", ")}` });
      return;
    }
    const before = columns.get(known.field);
    if (before) {
      problems.push({ row: 1, column, header, message: `a second ${HEADERS[known.field][0]} column (the first is column ${columnLetter(before.index)})` });
      return;
    }
    columns.set(known.field, { ...known, index, header });
  });
  const required: Field[] = ["organisation", ...CORE_MONEY];
  if (options.month === undefined) required.splice(1, 0, "month");
  const missing = required.filter((f) => !columns.has(f));
  // The detail columns come together or not at all: a file without them loads the Plans table alone.
  const someDetail = DETAIL_MONEY.some((f) => columns.has(f));
  if (someDetail) missing.push(...DETAIL_MONEY.filter((f) => !columns.has(f)));
  for (const f of missing) {
    problems.push({
      row: 1,
      column: null,
      message:
        f === "month"
          ? `no Month column: add one, or choose the month the figures are for`
          : `no ${HEADERS[f][0]} column${DETAIL_MONEY.includes(f as never) ? " (the non-recurrent, efficiency and capital columns come together or not at all)" : ""}`,
    });
  }
  const headerUsable = missing.length === 0;

  const unclean = new Set<number>();
  const figures: MonthlyFigure[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of dataRows) {
    const before = problems.length;
    const problem = (field: Field, message: string) => {
      const c = columns.get(field)!;
      problems.push({ row, column: columnLetter(c.index), header: c.header, message });
    };
    const read = <T,>(field: Field, reader: (cell: FileCell, scale: number) => T | string, optional = false): T | null | undefined => {
      const c = columns.get(field);
      if (!c) return undefined;
      const value = cells[c.index];
      if (isErrorCell(value)) {
        problem(field, `the cell shows ${value.error}`);
        return undefined;
      }
      if (isBlankCell(value)) {
        if (!optional) problem(field, field === "organisation" ? "no organisation" : "the cell is blank; write 0 if there is nothing to report");
        return optional ? null : undefined;
      }
      const result = reader(value!, c.scale);
      if (typeof result !== "string") return result;
      problem(field, result);
      return undefined;
    };

    const partner = read("organisation", readOrganisation(rulebook));
    const month = columns.has("month") ? read("month", (c) => readMonth(c, options.year)) : options.month;
    read("year", readYear(options.year), true);
    const money = (field: Field) => read(field, readAmount) as Money | undefined;
    const core = CORE_MONEY.map(money);
    const turnover = read("turnover", readAmount, true) as Money | null | undefined;
    const detail = someDetail ? DETAIL_MONEY.map(money) : [];

    if (partner && typeof month === "number") {
      const key = `${partner.code}|${month}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) {
        problems.push({ row, column: null, message: `${partner.code} already has a row for ${monthName(month)} (row ${first}); neither is loaded` });
        unclean.add(first);
      } else firstRowOf.set(key, row);
    }
    if (problems.length > before || !headerUsable) {
      unclean.add(row);
      continue;
    }
    const [plan, ytdPlan, ytdActual, forecast] = core as Money[];
    const [nonRecurrentYtd, nonRecurrentForecast, efficiencyPlanYtd, efficiencyDeliveredYtd, capitalSpendYtd, capitalForecast, cdel] = detail as Money[];
    figures.push({
      row,
      organisation: partner!.code,
      month: month!,
      plan: plan!,
      ytdPlan: ytdPlan!,
      ytdActual: ytdActual!,
      forecast: forecast!,
      turnover: turnover ?? null,
      detail: someDetail
        ? { nonRecurrentYtd: nonRecurrentYtd!, nonRecurrentForecast: nonRecurrentForecast!, efficiencyPlanYtd: efficiencyPlanYtd!, efficiencyDeliveredYtd: efficiencyDeliveredYtd!, capitalSpendYtd: capitalSpendYtd!, capitalForecast: capitalForecast!, cdel: cdel! }
        : null,
    });
  }
  if (dataRows.length === 0) problems.push({ row: null, column: null, message: NO_FIGURES });
  return { clean: figures.filter((f) => !unclean.has(f.row)), problems: inFileOrder(problems), rows: dataRows.length, unclean: unclean.size };
}

// ---------------------------------------------------------------- a column per month

/** What a month's column holds: that month's own figure (in-month, not year to date). */
type Measure = "plan" | "actual" | "forecast";

/** The words that say a month column's measure, before or after the month ("Plan Apr", "Apr-26 actual"); none is actual. */
const MEASURE_WORDS: [RegExp, Measure][] = [
  [/^plan$/i, "plan"],
  [/^(actuals?)$/i, "actual"],
  [/^(forecast outturn|forecast|fot)$/i, "forecast"],
];
const MEASURE_LABEL: Record<Measure, string> = { plan: "Plan", actual: "Actual", forecast: "Forecast" };
const measureOf = (word: string | undefined): Measure | undefined => (word === undefined ? "actual" : MEASURE_WORDS.find(([w]) => w.test(word.trim()))?.[1]);

/** Text that names a month, as finance exports head their columns: "Apr", "April", "Sept", "Apr-26", "April 2026", "M01", "Month 1", "2026-04". */
const MONTH_LIKE = /^(?:[a-z]{3,9}(?:[\s-]+(?:\d{2}|\d{4}))?|m\s*\d{1,2}|month\s*\d{1,2}|\d{4}-\d{2})$/i;

/**
 * A header that heads a month's column, with its measure and its amounts' scale ("Plan Apr (£k)"): the month of the
 * financial year, or why that month is not one of it; undefined for any other header. A date heads its month's actual.
 */
function monthColumnOf(cell: FileCell, year: FinancialYear): { measure: Measure; month: number | string; scale: number } | undefined {
  if (cell instanceof Date) return { measure: "actual", month: readMonth(cell, year), scale: 1 };
  if (isErrorCell(cell)) return undefined;
  const header = textOf(cell as Cell);
  const unit = UNIT.exec(header);
  const name = (unit ? header.slice(0, unit.index) : header).trim();
  const suffix = unit?.[1]?.toLowerCase();
  const scale = suffix === "m" ? 1_000_000 : suffix ? 1_000 : 1;
  // The measure before the month or after it, or none.
  const parts = /^(?:(plan|actuals?|forecast outturn|forecast|fot)[\s:-]+)?(.+?)(?:[\s:-]+(plan|actuals?|forecast outturn|forecast|fot))?$/i.exec(name);
  if (!parts || (parts[1] && parts[3])) return undefined;
  const text = parts[2]!.trim();
  const measure = measureOf(parts[1] ?? parts[3]);
  if (!measure || !MONTH_LIKE.test(text)) return undefined;
  // A word that is not a month's name ("Plan", "Code", "Turnover") heads no month.
  if (/^[a-z]+$/i.test(text) && !MONTH_WORDS.has(text.toLowerCase())) return undefined;
  const named = /^([a-z]+)[\s-]+\d+$/i.exec(text);
  if (named && !MONTH_WORDS.has(named[1]!.toLowerCase())) return undefined;
  return { measure, month: readMonth(text, year), scale };
}

/** A column a file with a column per month may have besides them: one figure for the year per organisation. */
const YEAR_FIELDS: readonly Field[] = ["organisation", "year", "plan", "forecast", "turnover"];

/**
 * Checks a file with a column per month, one row per organisation, as a finance team exports the year so far: each
 * month's own actual ("Apr", "Actual May", "Jun-25"), each month's plan ("Plan Apr"), the annual plan ("Plan", or the
 * twelve months' plans added) and the forecast outturn (the latest month's, or "Forecast Apr" for each). The year to
 * date is the months added from April, so every month up to the last one with figures is needed. Every month with
 * actuals is loaded, or only the month chosen. Every problem is listed, with its row and column.
 */
function checkMonthColumns(rulebook: Rulebook, grid: Grid, dataRows: { row: number; cells: FileCell[] }[], options: CheckOptions): CheckedFile {
  const problems: Problem[] = [];
  const header = (index: number, message: string, text?: string) => problems.push({ row: 1, column: columnLetter(index), ...(text ? { header: text } : {}), message });
  const whole = (message: string) => problems.push({ row: 1, column: null, message });
  type Column = { index: number; scale: number; header: string };
  const fields = new Map<Field, Column>();
  const months = new Map<string, Column>();
  const key = (measure: Measure, month: number) => `${measure}|${month}`;
  const anyFigure = (index: number) => dataRows.some((r) => !isBlankCell(r.cells[index]));

  (grid[0] ?? []).forEach((cell, index) => {
    const text = cell instanceof Date ? `${monthName(((cell.getMonth() + 9) % 12) + 1)} ${cell.getFullYear()}` : isErrorCell(cell) ? "" : textOf(cell as Cell);
    if (text === "") {
      if (anyFigure(index)) header(index, "the column has figures but no header");
      return;
    }
    const monthly = monthColumnOf(cell, options.year);
    if (monthly) {
      if (typeof monthly.month === "string") return header(index, monthly.month, text);
      const at = key(monthly.measure, monthly.month);
      const before = months.get(at);
      if (before) return header(index, `a second ${MEASURE_LABEL[monthly.measure].toLowerCase()} column for ${monthName(monthly.month)} (the first is column ${columnLetter(before.index)})`, text);
      months.set(at, { index, scale: monthly.scale, header: text });
      return;
    }
    const known = fieldOfHeader(text);
    if (!known) return header(index, `"${text}" is not a column of the month's figures; with a column per month the columns are Organisation, Plan, Forecast outturn, Turnover and, for each month, its actual ("Apr" or "Actual Apr"), its plan ("Plan Apr") and, if given, its forecast ("Forecast Apr")`, text);
    if (known.field === "month") return header(index, "a Month column in a file with a column per month: give one or the other", text);
    if (known.field === "ytdPlan" || known.field === "ytdActual") return header(index, `the year to date is the months' figures added from April: leave out the ${HEADERS[known.field][0]} column`, text);
    if (!YEAR_FIELDS.includes(known.field)) return header(index, "the non-recurrent, efficiency and capital figures are one month's: load them in a file with a Month column, or one month per file", text);
    const before = fields.get(known.field);
    if (before) return header(index, `a second ${HEADERS[known.field][0]} column (the first is column ${columnLetter(before.index)})`, text);
    fields.set(known.field, { index, scale: known.scale, header: text });
  });

  // The months with actuals (a month's column left blank throughout is a month not yet reported), the year to date's
  // every month up to the last of them, and those to load.
  const withFigures = (measure: Measure) => [...months.entries()].filter(([k, c]) => k.startsWith(`${measure}|`) && anyFigure(c.index)).map(([k]) => Number(k.split("|")[1])).sort((a, b) => a - b);
  const actuals = withFigures("actual");
  const last = actuals.at(-1);
  const chosen = options.month;
  if (!fields.has("organisation")) whole("no Organisation column");
  if (last === undefined) whole('no month\'s actuals: head each month\'s column with the month ("Apr", "Actual Apr", "Apr-25")');
  if (chosen !== undefined && last !== undefined && chosen > last) whole(`no actuals for ${monthName(chosen)}, the month chosen: the file's last month with actuals is ${monthName(last)}`);
  const through = Math.min(chosen ?? last ?? 0, last ?? 0);
  const load = chosen !== undefined ? [chosen] : actuals;
  for (let m = 1; m <= through; m++) {
    if (!actuals.includes(m)) whole(`no actuals for ${monthName(m)}: the year to date is every month's from April`);
    if (!months.has(key("plan", m))) whole(`no Plan ${monthName(m).slice(0, 3)} column: the year-to-date plan is every month's plan from April`);
  }
  const everyMonthPlanned = FINANCIAL_MONTHS.every((_n, i) => months.has(key("plan", i + 1)));
  if (!fields.has("plan") && !everyMonthPlanned) whole("no Plan column (the annual plan), and not every month's plan to add up to it");
  // Each month's forecast outturn: its own column, or the Forecast outturn column for the last month with actuals.
  const forecastColumn = (m: number) => months.get(key("forecast", m)) ?? (m === last ? fields.get("forecast") : undefined);
  for (const m of load) {
    if (!forecastColumn(m)) {
      whole(
        m === last
          ? `no Forecast outturn column (or "Forecast ${monthName(m).slice(0, 3)}")`
          : `no forecast outturn for ${monthName(m)}: give a "Forecast ${monthName(m).slice(0, 3)}" column, or choose the month to load (the Forecast outturn column is ${last === undefined ? "the last month's" : `${monthName(last)}'s`})`,
      );
    }
  }
  const headerUsable = problems.length === 0;

  // The cells: those the figures are made from must hold amounts; any other figure in a month's column must be one too.
  const needed = new Set<number>();
  const need = (c: Column | undefined) => c && needed.add(c.index);
  for (let m = 1; m <= through; m++) {
    need(months.get(key("actual", m)));
    need(months.get(key("plan", m)));
  }
  if (!fields.has("plan")) FINANCIAL_MONTHS.forEach((_n, i) => need(months.get(key("plan", i + 1))));
  load.forEach((m) => need(forecastColumn(m)));
  need(fields.get("plan"));

  const unclean = new Set<number>();
  const figures: MonthlyFigure[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of dataRows) {
    const before = problems.length;
    const read = <T,>(c: Column | undefined, reader: (cell: FileCell, scale: number) => T | string, required: boolean): T | null | undefined => {
      if (!c) return undefined;
      const value = cells[c.index];
      const problem = (message: string) => problems.push({ row, column: columnLetter(c.index), header: c.header, message });
      if (isErrorCell(value)) return void problem(`the cell shows ${value.error}`);
      if (isBlankCell(value)) {
        if (required) problem(c === fields.get("organisation") ? "no organisation" : "the cell is blank; write 0 if there is nothing to report");
        return null;
      }
      const result = reader(value!, c.scale);
      return typeof result === "string" ? void problem(result) : result;
    };
    const partner = read(fields.get("organisation"), readOrganisation(rulebook), true);
    read(fields.get("year"), readYear(options.year), false);
    const amounts = new Map<number, Money | null | undefined>();
    for (const c of [...months.values(), ...[fields.get("plan"), fields.get("forecast"), fields.get("turnover")].filter((x): x is Column => x !== undefined)]) {
      amounts.set(c.index, read(c, readAmount, needed.has(c.index)));
    }
    if (partner) {
      const first = firstRowOf.get(partner.code);
      if (first !== undefined) {
        problems.push({ row, column: null, message: `${partner.code} already has a row (row ${first}); neither is loaded` });
        unclean.add(first);
      } else firstRowOf.set(partner.code, row);
    }
    if (problems.length > before || !headerUsable) {
      unclean.add(row);
      continue;
    }
    const amount = (c: Column | undefined) => (c ? (amounts.get(c.index) ?? null) : null);
    const added = (measure: Measure, to: number) => sumOf(Array.from({ length: to }, (_x, i) => amount(months.get(key(measure, i + 1)))!));
    const plan = amount(fields.get("plan")) ?? added("plan", 12);
    for (const m of load) {
      figures.push({
        row,
        organisation: partner!.code,
        month: m,
        plan,
        ytdPlan: added("plan", m),
        ytdActual: added("actual", m),
        forecast: amount(forecastColumn(m))!,
        turnover: amount(fields.get("turnover")),
        detail: null,
      });
    }
  }
  if (dataRows.length === 0) problems.push({ row: null, column: null, message: NO_FIGURES });
  return { clean: figures.filter((f) => !unclean.has(f.row)), problems: inFileOrder(problems), rows: dataRows.length, unclean: unclean.size };
}

const sumOf = (amounts: readonly Money[]): Money => amounts.reduce((a, b) => a.plus(b), fromPence(0));

// ---------------------------------------------------------------- reading a file

/** A file that cannot be read at all (not a .csv or .xlsx, or damaged): said in a sentence. */
export class FileReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FileReadError";
  }
}

type ExcelJs = typeof import("exceljs");
type CellValue = import("exceljs").CellValue;

function fileCellOf(value: CellValue): FileCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "object" && "richText" in value) return value.richText.map((t) => t.text).join("");
  if (typeof value === "object" && "error" in value) return { error: String(value.error) };
  if (typeof value === "object" && "result" in value) return fileCellOf(value.result as CellValue);
  if (typeof value === "object" && "text" in value) return String(value.text);
  return String(value as unknown);
}

/** The sheet read from an .xlsx: one named "Monthly figures" if there is one, else the first. */
export const FIGURES_SHEET = "Monthly figures";

async function readXlsx(name: string, data: ArrayBuffer): Promise<Grid> {
  const module = await import(/* webpackChunkName: "exceljs" */ "exceljs");
  const ExcelJS = (module as unknown as { default?: ExcelJs }).default ?? module;
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(data as never);
  } catch {
    throw new FileReadError(`${name} is not an .xlsx workbook that can be read; save it from Excel as .xlsx or .csv and choose it again`);
  }
  const sheet = book.getWorksheet(FIGURES_SHEET) ?? book.worksheets[0];
  if (!sheet) throw new FileReadError(`${name} has no sheets`);
  const grid: Grid = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: FileCell[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(fileCellOf(row.getCell(c).value));
    grid.push(cells);
  }
  return grid;
}

async function readCsv(name: string, data: ArrayBuffer): Promise<Grid> {
  const module = await import(/* webpackChunkName: "papaparse" */ "papaparse");
  const Papa = (module as unknown as { default?: typeof import("papaparse") }).default ?? module;
  const text = new TextDecoder("utf-8").decode(data).replace(/^\uFEFF/, "");
  // Every cell as text: money is read by the add-in's own parser ("1,234.50", "(500)"), never guessed at by the reader.
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, dynamicTyping: false });
  const broken = parsed.errors.find((e) => e.type === "Quotes");
  if (broken) throw new FileReadError(`${name}, row ${(broken.row ?? 0) + 1}: ${broken.message.toLowerCase()}; check the quotation marks`);
  return parsed.data.map((row) => row.map((cell) => (cell.trim() === "" ? null : cell)));
}

/** A .csv or .xlsx file the user picked, as a grid of cells. */
export async function readFigureFile(name: string, data: ArrayBuffer): Promise<Grid> {
  if (/\.csv$/i.test(name)) return readCsv(name, data);
  if (/\.xlsx$/i.test(name)) return readXlsx(name, data);
  throw new FileReadError(`${name} is not a .csv or .xlsx file`);
}

// ---------------------------------------------------------------- loading

export interface Loaded {
  organisations: string[];
  months: number[];
  /** Rows of the Plans table that were replaced (the rest were added). */
  replaced: number;
  added: number;
}

/** The Source written beside loaded detail rows: the file, and when. */
export const sourceOf = (file: string, at: Date) => `${file}, loaded ${at.toISOString().slice(0, 10)}`;

/** A load that wrote the Plans table but not the detail: said as such, never as "nothing was loaded". */
export class PartlyLoadedError extends WorkbookError {
  constructor(message: string) {
    super(message);
    this.name = "PartlyLoadedError";
  }
}

/**
 * Loads checked figures: each organisation's row for each month given is replaced in the Plans table (keeping its
 * turnover when the file has none) and, where the file has the detail columns, in the Statement detail table; every
 * other row, and every cell of it, is left as it was. Stores the financial year with the workbook if none is.
 */
export async function loadMonthlyFigures(
  workbook: Workbook,
  rulebook: Rulebook,
  figures: readonly MonthlyFigure[],
  options: { year: FinancialYear; source: string; progress?: Progress },
): Promise<Loaded> {
  const keys = new Set(figures.map((f) => `${f.organisation}|${f.month}`));
  const codeOf = (r: RowRecord) => lookupPartner(rulebook, textOf(r["Organisation"] ?? null))?.code;
  const monthOf = (r: RowRecord) => {
    try {
      return monthCell(r["Month"], "");
    } catch {
      return undefined; // a row the add-in cannot read is kept for a person to fix
    }
  };
  const picks = (r: RowRecord) => keys.has(`${codeOf(r)}|${monthOf(r)}`);
  const withDetail = figures.filter((f) => f.detail);
  // Both tables are asked for before anything is written, so a deleted one stops the load with nothing changed.
  const missing = await workbook.missingTables(withDetail.length > 0 ? [PLANS.name, STATEMENT_DETAIL.name] : [PLANS.name]);
  if (missing.length > 0) throw new WorkbookError(`the workbook has no ${missing.join(" or ")} table (set up the workbook to add ${missing.length === 1 ? "it" : "them"})`);

  // Turnover the file does not give is kept from the row it replaces, else the organisation's latest month.
  const turnovers = new Map<string, { month: number; turnover: Cell }>();
  const plans = await workbook.readTable(PLANS.name);
  if (plans && figures.some((f) => f.turnover === null)) {
    const at = (h: string) => plans.headers.findIndex((x) => x.trim().toLowerCase() === h.toLowerCase());
    const [o, mo, t] = [at("Organisation"), at("Month"), at("Turnover")];
    for (const row of plans.rows) {
      const code = lookupPartner(rulebook, textOf(row[o] ?? null))?.code;
      const month = monthOf({ Month: row[mo] ?? null });
      if (!code || month === undefined || blank(row[t])) continue;
      const known = turnovers.get(code);
      if (!known || month > known.month) turnovers.set(code, { month, turnover: row[t]! });
      if (keys.has(`${code}|${month}`)) turnovers.set(`${code}|${month}`, { month, turnover: row[t]! });
    }
  }
  const number = (m: Money) => m.toNumber();
  let replaced = 0;
  const planRows: Cell[][] = figures.map((f) => [
    f.organisation,
    f.month,
    number(f.plan),
    number(f.ytdPlan),
    number(f.ytdActual),
    number(f.forecast),
    f.turnover ? number(f.turnover) : (turnovers.get(`${f.organisation}|${f.month}`) ?? turnovers.get(f.organisation))?.turnover ?? null,
  ]);
  await workbook.replaceRows(PLANS, planRows, (r) => picks(r) && ++replaced > 0, options.progress);
  if (withDetail.length > 0) {
    const detailKeys = new Set(withDetail.map((f) => `${f.organisation}|${f.month}`));
    const detailRows: Cell[][] = withDetail.map((f) => {
      const d = f.detail!;
      return [f.organisation, f.month, ...[d.nonRecurrentYtd, d.nonRecurrentForecast, d.efficiencyPlanYtd, d.efficiencyDeliveredYtd, d.capitalSpendYtd, d.capitalForecast, d.cdel].map(number), options.source];
    });
    try {
      await workbook.replaceRows(STATEMENT_DETAIL, detailRows, (r) => detailKeys.has(`${codeOf(r)}|${monthOf(r)}`), options.progress);
    } catch (error) {
      throw new PartlyLoadedError(
        `Partly loaded: the plan, year-to-date and forecast figures are in ${PLANS.name}, but the detail (non-recurrent items, efficiency, capital) was not written to ${STATEMENT_DETAIL.name}: ${(error as Error).message}. Load the file again to finish; it replaces the same rows`,
      );
    }
  }
  await workbook.updateSetting(FINANCIAL_YEAR_SETTING, (stored) => stored ?? financialYearLabel(options.year));
  return {
    organisations: [...new Set(figures.map((f) => f.organisation))],
    months: [...new Set(figures.map((f) => f.month))].sort((a, b) => a - b),
    replaced,
    added: figures.length - replaced,
  };
}
