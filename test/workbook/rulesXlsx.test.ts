// The Rules sheets as an .xlsx and back: every preset exported and read back exactly; another system's sheets imported
// and put in force; a bad edit in the file, or a file that is not a workbook, refused with every problem named and nothing changed.
import { afterEach, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { putRulebookInForce, rulebookInForce } from "../../src/rules/inForce";
import { PRESETS, defaultRulebook, presetRulebook } from "../../src/rules/presets";
import { rowsToRulebook } from "../../src/rules/rulebookSheetsRead";
import { RULE_SHEET_KEYS, RULE_SHEETS, describeProblem } from "../../src/rules/rulebookSheets";
import { rulebookHash } from "../../src/rules/rulebookVersion";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { readRulebookLog } from "../../src/workbook/rulebookLog";
import { importRulesXlsx, readRulesRecords } from "../../src/workbook/rulesSheets";
import { readRulesXlsx, rulesSheetsAsXlsx } from "../../src/workbook/rulesXlsx";
import { setUpWorkbook } from "../../src/workbook/setup";
import { workbookAsXlsx } from "../../src/workbook/exportXlsx";
import { RULEBOOK_SETTING } from "../../src/workbook/tables";

afterEach(() => putRulebookInForce(defaultRulebook(), "preset"));

const WHEN = new Date(Date.UTC(2026, 3, 1, 9));
const reason = { who: "A. Chair", why: "Restore the rules agreed on 1 April" };

/** An exported file with one sheet's cell changed, as a person might in Excel. */
async function editedFile(data: ArrayBuffer, sheet: string, row: number, header: string, value: ExcelJS.CellValue): Promise<ArrayBuffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as never);
  const ws = book.getWorksheet(sheet)!;
  const col = (ws.getRow(1).values as unknown[]).indexOf(header);
  ws.getCell(row + 1, col).value = value;
  return (await book.xlsx.writeBuffer()) as unknown as ArrayBuffer;
}

describe("the Rules sheets as .xlsx", () => {
  it.each(PRESETS.map((p) => p.id))("exports the %s rulebook's Rules sheets, one a sheet as an Excel table, and reads them back to exactly the rulebook", async (id) => {
    const rb = presetRulebook(id)!;
    const data = await rulesSheetsAsXlsx(rb);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(data as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(RULE_SHEET_KEYS.map((k) => RULE_SHEETS[k].sheet));
    const read = await readRulesXlsx("rules.xlsx", data);
    if (!read.ok) throw new Error(read.problems.map(describeProblem).join("\n"));
    const reading = rowsToRulebook(read.records);
    if (!reading.ok) throw new Error(reading.problems.map(describeProblem).join("\n"));
    expect(reading.rulebook).toEqual(rb);
    expect(rulebookHash(reading.rulebook)).toBe(rulebookHash(rb));
  });

  it("reads the Rules sheets of the preview's whole-workbook .xlsx too", async () => {
    const workbook = new MemoryWorkbook();
    await setUpWorkbook(workbook, defaultRulebook(), WHEN);
    const read = await readRulesXlsx("preview.xlsx", await workbookAsXlsx(workbook));
    expect(read.ok && rowsToRulebook(read.records)).toEqual({ ok: true, rulebook: defaultRulebook() });
  });

  it("imports another system's Rules sheets: validated, logged, stored and put in force, and the workbook's Rules sheets show them", async () => {
    const workbook = new MemoryWorkbook();
    await setUpWorkbook(workbook, defaultRulebook(), WHEN);
    putRulebookInForce(defaultRulebook(), "workbook");
    const nenc = presetRulebook("north-east-north-cumbria")!;
    const result = await importRulesXlsx(workbook, "nenc.xlsx", await rulesSheetsAsXlsx(nenc), reason, WHEN);
    expect(result.ok && result.entry).toMatchObject({ version: 2, hash: rulebookHash(nenc), who: "A. Chair", why: reason.why });
    expect(rulebookInForce()).toEqual(nenc);
    expect(JSON.parse((await workbook.readSetting(RULEBOOK_SETTING))!).id).toBe("north-east-north-cumbria");
    expect((await readRulebookLog(workbook)).map((e) => e.version)).toEqual([1, 2]);
    expect(rowsToRulebook(await readRulesRecords(workbook))).toEqual({ ok: true, rulebook: nenc });
  });

  it("refuses a file with bad edits, naming the file, sheet, row and field of each; nothing is stored or put in force", async () => {
    const workbook = new MemoryWorkbook();
    await setUpWorkbook(workbook, defaultRulebook(), WHEN);
    putRulebookInForce(defaultRulebook(), "workbook");
    const before = await workbook.readSetting(RULEBOOK_SETTING);
    let data = await rulesSheetsAsXlsx(presetRulebook("north-east-north-cumbria")!);
    data = await editedFile(data, "ICS Rules decisions", 1, "Threshold", 1.2);
    data = await editedFile(data, "ICS Rules Annex 1", 2, "Council", "perhaps");
    const result = await importRulesXlsx(workbook, "nenc.xlsx", data, reason, WHEN);
    expect(result.ok).toBe(false);
    const lines = result.ok ? [] : result.problems.map(describeProblem);
    expect(lines).toContain("nenc.xlsx, ICS Rules decisions, row 1, Threshold: 120% is outside 0–100%");
    expect(lines).toContain('nenc.xlsx, ICS Rules Annex 1, row 2, Council: "perhaps" is not Yes or No');
    expect(await workbook.readSetting(RULEBOOK_SETTING)).toBe(before);
    expect((await readRulebookLog(workbook)).map((e) => e.version)).toEqual([1]);
    expect(rulebookInForce()).toBe(defaultRulebook());
  });

  it("refuses a file that is not a workbook, and one without the Rules sheets, saying so", async () => {
    const workbook = new MemoryWorkbook();
    await setUpWorkbook(workbook, defaultRulebook(), WHEN);
    putRulebookInForce(defaultRulebook(), "workbook");
    const junk = await importRulesXlsx(workbook, "notes.xlsx", new TextEncoder().encode("not a zip").buffer as ArrayBuffer, reason, WHEN);
    expect(!junk.ok && junk.problems.map(describeProblem)).toEqual(["notes.xlsx: it is not an .xlsx workbook that can be read; export the Rules sheets again as .xlsx"]);
    const other = new ExcelJS.Workbook();
    other.addWorksheet("Budget").getCell(1, 1).value = "Hello";
    const none = await importRulesXlsx(workbook, "budget.xlsx", (await other.xlsx.writeBuffer()) as unknown as ArrayBuffer, reason, WHEN);
    expect(!none.ok && describeProblem(none.problems[0]!)).toMatch(/^budget\.xlsx: it has none of the Rules sheets/);
    expect(rulebookInForce()).toBe(defaultRulebook());
  });

  it("names a Rules sheet the file lacks", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await rulesSheetsAsXlsx(defaultRulebook())) as never);
    book.removeWorksheet(book.getWorksheet("ICS Rules formulas")!.id);
    const read = await readRulesXlsx("part.xlsx", (await book.xlsx.writeBuffer()) as unknown as ArrayBuffer);
    const reading = read.ok ? rowsToRulebook(read.records) : read;
    expect(!reading.ok && reading.problems.map(describeProblem)).toContainEqual(expect.stringMatching(/^ICS Rules formulas: the workbook has no ICS_RulesFormulas table/));
  });
});
