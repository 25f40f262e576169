import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { defaultRulebook } from "../../src/rules/presets";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { setUpWorkbook } from "../../src/workbook/setup";
import { ImportError, mergeReturns, parseReturns, returnTemplate, RETURN_COLUMNS, RETURN_SHEET } from "../../src/workbook/partnerReturns";
import { readPlanLines } from "../../src/workbook/planAlignment";
import { PLAN_LINES } from "../../src/workbook/tables";

const rulebook = defaultRulebook();

/** A real .xlsx file, as a partner would send it. */
async function xlsx(rows: unknown[][], sheetName = RETURN_SHEET, headers: string[] = RETURN_COLUMNS): Promise<ArrayBuffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  sheet.addRow(headers);
  rows.forEach((r) => sheet.addRow(r));
  return (await book.xlsx.writeBuffer()) as unknown as ArrayBuffer;
}

const EPUT_RETURN = [
  ["EPUT", "ICB-ME", "Income", "Clinical contract", 38_400_000, "No"],
  ["EPUT", "NHS Mid and South Essex ICB: Southend", "income", "clinical contract", 22_000_000, "No"],
  ["EPUT", "ICB-THU", "Income", "Clinical contract", 18_700_000, false],
];

async function problemsOf(promise: Promise<unknown>): Promise<readonly string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return (error as ImportError).problems;
}

describe("partners' plan returns", () => {
  it("reads a good return and merges it, replacing only that partner's lines", async () => {
    const workbook = new MemoryWorkbook();
    await setUpWorkbook(workbook, rulebook);
    const before = (await readPlanLines(workbook, rulebook))!;
    const progress: string[] = [];
    const returns = await parseReturns([{ name: "eput.xlsx", data: await xlsx(EPUT_RETURN) }], rulebook, (done, total) => progress.push(`${done}/${total}`));
    expect(progress).toEqual(["1/1"]);
    expect(returns[0]!.organisation).toBe("EPUT");
    expect(returns[0]!.lines.map((l) => [l.counterparty, l.pence])).toEqual([
      ["ICB-ME", 3_840_000_000],
      ["ICB-STH", 2_200_000_000],
      ["ICB-THU", 1_870_000_000],
    ]);
    expect(await mergeReturns(workbook, rulebook, returns)).toEqual({ removed: 0, added: 3 });
    const after = (await readPlanLines(workbook, rulebook))!;
    expect(after.length).toBe(before.length + 3);
    expect(after.slice(0, before.length)).toEqual(before);

    // A second return from EPUT replaces its three lines, and nothing else.
    const again = await parseReturns([{ name: "eput-v2.xlsx", data: await xlsx([EPUT_RETURN[0]!]) }], rulebook);
    expect(await mergeReturns(workbook, rulebook, again)).toEqual({ removed: 3, added: 1 });
    expect((await readPlanLines(workbook, rulebook))!.length).toBe(before.length + 1);
  });

  it("lists every bad row with file, sheet and row, and imports nothing", async () => {
    const workbook = new MemoryWorkbook();
    await setUpWorkbook(workbook, rulebook);
    const before = await workbook.readTable(PLAN_LINES.name);
    const bad = await xlsx([
      ["EPUT", "ICB-ME", "Income", "Clinical contract", 1_000, "No"],
      ["EPUT", "Acme Hospital", "Income", "Clinical contract", 1_000, "No"],
      ["EPUT", "ICB-STH", "Sideways", "Clinical contract", 1_000, "No"],
      ["EPUT", "ICB-THU", "Income", "Clinical contract", "a lot", "No"],
      [],
      ["EPUT", "EPUT", "Income", "Recharges", 5, "No"],
    ]);
    const problems = await problemsOf(parseReturns([{ name: "eput.xlsx", data: bad }, { name: "eput-good.xlsx", data: await xlsx(EPUT_RETURN) }], rulebook));
    expect(problems).toEqual([
      'eput.xlsx, sheet "Plan return", row 3 (Counterparty): unknown organisation "Acme Hospital"',
      'eput.xlsx, sheet "Plan return", row 4 (Direction): the direction must be Income or Expenditure, not "Sideways"',
      'eput.xlsx, sheet "Plan return", row 5 (Amount): "a lot" is not an amount in pounds',
      'eput.xlsx, sheet "Plan return", row 7: EPUT is paired with itself',
    ]);
    expect(await workbook.readTable(PLAN_LINES.name)).toEqual(before);
  });

  it("refuses a file that is not the template, or not a workbook, or two returns for one partner", async () => {
    expect(await problemsOf(parseReturns([{ name: "notes.xlsx", data: await xlsx(EPUT_RETURN, "Sheet1") }], rulebook))).toEqual([
      'notes.xlsx: no sheet named "Plan return" (use the return template)',
    ]);
    expect(await problemsOf(parseReturns([{ name: "short.xlsx", data: await xlsx([["EPUT"]], RETURN_SHEET, ["Organisation", "Counterparty"]) }], rulebook))).toEqual([
      'short.xlsx, sheet "Plan return": no "Direction", "Category", "Amount", "Competition sensitive" column',
    ]);
    expect(await problemsOf(parseReturns([{ name: "junk.xlsx", data: new TextEncoder().encode("not a zip").buffer as ArrayBuffer }], rulebook))).toEqual([
      "junk.xlsx: not an .xlsx workbook that can be read",
    ]);
    const mixed = await xlsx([EPUT_RETURN[0]!, ["MSEFT", "ICB-ME", "Income", "Recharges", 5, "No"]]);
    expect(await problemsOf(parseReturns([{ name: "mixed.xlsx", data: mixed }], rulebook))).toEqual([
      "mixed.xlsx: a return is one partner's, but it holds lines for EPUT, MSEFT",
    ]);
    const one = await xlsx(EPUT_RETURN);
    expect(await problemsOf(parseReturns([{ name: "a.xlsx", data: one }, { name: "b.xlsx", data: one }], rulebook))).toEqual([
      "a.xlsx and b.xlsx are both EPUT's return; import one",
    ]);
    expect(await problemsOf(parseReturns([{ name: "empty.xlsx", data: await xlsx([]) }], rulebook))).toEqual(["empty.xlsx: the return has no plan lines"]);
  });

  it("writes a template with a partner's current lines that reads back as the same lines", async () => {
    const workbook = new MemoryWorkbook();
    await setUpWorkbook(workbook, rulebook);
    const data = await returnTemplate(workbook, rulebook, "MSEFT");
    const [back] = await parseReturns([{ name: "mseft.xlsx", data }], rulebook);
    const current = (await readPlanLines(workbook, rulebook))!.filter((l) => l.organisation === "MSEFT");
    expect(back!.lines).toEqual(current);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(data as never);
    expect(book.worksheets.map((w) => w.name)).toEqual([RETURN_SHEET, "How to fill in"]);
  });
});
