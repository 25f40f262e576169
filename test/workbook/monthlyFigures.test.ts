import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { defaultRulebook } from "../../src/rules/presets";
import {
  checkMonthlyFigures,
  columnLetter,
  describeProblem,
  FileReadError,
  loadMonthlyFigures,
  PartlyLoadedError,
  readFigureFile,
  type CheckedFile,
} from "../../src/workbook/monthlyFigures";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { setUpWorkbook } from "../../src/workbook/setup";
import { FINANCIAL_YEAR_SETTING, PLANS, STATEMENT_DETAIL } from "../../src/workbook/tables";

const rulebook = defaultRulebook();
const year = { start: 2025 };
const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

async function checkCsv(text: string, month?: number): Promise<CheckedFile> {
  return checkMonthlyFigures(rulebook, await readFigureFile("march.csv", bytes(text)), { year, month });
}

const HEADER = "Organisation,Month,Plan,YTD plan,YTD actual,Forecast outturn,Non-recurrent YTD,Non-recurrent forecast,Efficiency plan YTD,Efficiency delivered YTD,Capital spend YTD,Capital forecast,CDEL";
const GOOD = [
  HEADER,
  'MSEFT,12,"-30,000,000.00",-30000000,-36500000,-37000000,11000000,12000000,42000000,32760000,70000000,70500000,68000000',
  "NHS Mid and South Essex ICB: Mid Essex,March,0,0,1500000,1500000,500000,500000,11200000,11424000,450000,450000,500000",
].join("\n");

describe("checking a file of the month's figures", () => {
  it("takes a clean file, one row per organisation per month, names or codes, months as numbers or names", async () => {
    const checked = await checkCsv(GOOD);
    expect(checked.problems).toEqual([]);
    expect(checked.clean.map((f) => [f.organisation, f.month, f.plan.toString(), f.forecast.toString()])).toEqual([
      ["MSEFT", 12, "-30000000", "-37000000"],
      ["ICB-ME", 12, "0", "1500000"],
    ]);
    expect(checked.clean[0]!.detail!.cdel.toString()).toBe("68000000");
  });

  it("takes one row per organisation with the month's columns, the month chosen on the pane; amounts in £k where the header says so", async () => {
    const checked = await checkCsv(["Organisation,Plan (£k),YTD plan (£k),YTD actual (£k),Forecast outturn (£k),Turnover", "MSEFT,-30000,-15000,-17250.5,-34000,1200000000"].join("\n"), 6);
    expect(checked.problems).toEqual([]);
    const [f] = checked.clean;
    expect([f!.month, f!.plan.toString(), f!.ytdActual.toString(), f!.turnover!.toString(), f!.detail]).toEqual([6, "-30000000", "-17250500", "1200000000", null]);
  });

  it("lists every problem in a bad file with its row and column, and takes only the clean rows", async () => {
    const checked = await checkCsv(
      [
        "Organisation,Month,Plan,YTD plan,YTD actual,Forecast outturn,Financial year,Notes",
        "MSEFT,12,-30000000,-30000000,-36500000,-37000000,2025/26,", // clean
        "Nowhere Trust,12,0,0,0,0,,", // unknown organisation
        "ICB-BB,12,0,0,a lot,0,,", // text in a money cell
        "ICB-CPR,13,0,0,0,0,,", // month outside the year
        "ICB-STH,April 2026,0,0,0,0,,", // a month of the next year
        "ICB-THU,12,0,0,0,0,,", // duplicated below
        "ICB-THU,March,0,0,0,0,,",
        "ICB-ME,12,0.001,0,,0,2024/25,", // fraction of a penny, blank cell, another year
        'EPUT,12,"1,2,3",0,0,(500),,',
      ].join("\n"),
    );
    const said = checked.problems.map(describeProblem);
    expect(said).toEqual([
      'Row 1, column H (Notes): "Notes" is not a column of the month\'s figures; the columns are Organisation, Month, Financial year, Plan, YTD plan, YTD actual, Forecast outturn, Turnover, Non-recurrent YTD, Non-recurrent forecast, Efficiency plan YTD, Efficiency delivered YTD, Capital spend YTD, Capital forecast, CDEL',
      'Row 3, column A (Organisation): "Nowhere Trust" is not an organisation in the rulebook (give its code or its name, e.g. ECC)',
      'Row 4, column E (YTD actual): "a lot" is not an amount in pounds',
      "Row 5, column B (Month): 13 is not a month of the financial year: months run from 1 (April) to 12 (March)",
      "Row 6, column B (Month): April 2026 is outside the financial year 2025/26 (April 2025 to March 2026)",
      "Row 8: ICB-THU already has a row for March (row 7); neither is loaded",
      "Row 9, column C (Plan): 0.001 is not a whole number of pence",
      "Row 9, column E (YTD actual): the cell is blank; write 0 if there is nothing to report",
      "Row 9, column G (Financial year): 2024/25 is not the workbook's financial year, 2025/26",
      'Row 10, column C (Plan): "1,2,3": thousands separators must separate groups of three digits',
    ]);
    expect(checked.clean.map((f) => f.organisation)).toEqual(["MSEFT"]);
    expect([checked.rows, checked.unclean]).toEqual([9, 8]);
  });

  it("names missing columns, and takes no row while the header is wrong", async () => {
    const checked = await checkCsv(["Organisation,Month,Plan,YTD plan,YTD actual,Forcast outturn,CDEL", "MSEFT,12,0,0,0,0,0"].join("\n"));
    expect(checked.problems.map(describeProblem)).toEqual([
      expect.stringMatching(/^Row 1, column F \(Forcast outturn\): "Forcast outturn" is not a column/),
      "Row 1: no Forecast outturn column",
      "Row 1: no Non-recurrent YTD column (the non-recurrent, efficiency and capital columns come together or not at all)",
      "Row 1: no Non-recurrent forecast column (the non-recurrent, efficiency and capital columns come together or not at all)",
      "Row 1: no Efficiency plan YTD column (the non-recurrent, efficiency and capital columns come together or not at all)",
      "Row 1: no Efficiency delivered YTD column (the non-recurrent, efficiency and capital columns come together or not at all)",
      "Row 1: no Capital spend YTD column (the non-recurrent, efficiency and capital columns come together or not at all)",
      "Row 1: no Capital forecast column (the non-recurrent, efficiency and capital columns come together or not at all)",
    ]);
    expect(checked.clean).toEqual([]);
  });

  it("asks for a month when the file has no Month column and none is chosen; says so of an empty file", async () => {
    expect((await checkCsv("Organisation,Plan,YTD plan,YTD actual,Forecast outturn\nMSEFT,0,0,0,0")).problems.map(describeProblem)).toEqual([
      "Row 1: no Month column: add one, or choose the month the figures are for",
    ]);
    expect((await checkCsv("")).problems.map(describeProblem)).toEqual(["the file is empty: its first row should be the column headers"]);
    expect((await checkCsv(HEADER + "\n\n")).problems.map(describeProblem)).toEqual(["the file has a header row but no figures under it"]);
  });

  it("names columns as Excel does", () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });
});

describe("a file with a column per month, one row per organisation", () => {
  // In £k: three months reported (July's column is there but blank: not yet reported), each month's plan and actual
  // its own (in-month), April's and May's forecasts in their columns, June's the Forecast outturn column.
  const WIDE = [
    "Organisation,Plan (£k),Plan Apr (£k),Plan May (£k),Plan Jun (£k),Apr-25 (£k),May-25 (£k),Jun-25 (£k),Jul-25 (£k),Forecast Apr (£k),Forecast May (£k),Forecast outturn (£k)",
    'MSEFT,-30000,-2500,-2500,-2500,-3000,"-2,750.5",(3100),,-33000,-34000,-35000',
    "NHS Mid and South Essex ICB: Mid Essex,0,0,0,0,100,-50,25.25,,0,0,150",
  ].join("\n");
  const shown = (c: CheckedFile) => c.clean.map((f) => [f.organisation, f.month, ...[f.plan, f.ytdPlan, f.ytdActual, f.forecast].map((m) => m.toString())]);

  it("takes each month reported, the year to date being its months added from April, each with its forecast outturn", async () => {
    const checked = await checkCsv(WIDE);
    expect(checked.problems).toEqual([]);
    // Worked by hand: MSEFT's actuals -3,000 then -2,750.5 then (3,100) £k; Mid Essex's 100, -50, 25.25 £k.
    expect(shown(checked)).toEqual([
      ["MSEFT", 1, "-30000000", "-2500000", "-3000000", "-33000000"],
      ["MSEFT", 2, "-30000000", "-5000000", "-5750500", "-34000000"],
      ["MSEFT", 3, "-30000000", "-7500000", "-8850500", "-35000000"],
      ["ICB-ME", 1, "0", "0", "100000", "0"],
      ["ICB-ME", 2, "0", "0", "50000", "0"],
      ["ICB-ME", 3, "0", "0", "75250", "150000"],
    ]);
    expect(checked.clean.every((f) => f.detail === null && f.turnover === null)).toBe(true);
    expect([checked.rows, checked.unclean]).toEqual([2, 0]);
  });

  it("takes only the month chosen on the pane, and says when that month has no forecast outturn", async () => {
    expect(shown(await checkCsv(WIDE, 2))).toEqual([
      ["MSEFT", 2, "-30000000", "-5000000", "-5750500", "-34000000"],
      ["ICB-ME", 2, "0", "0", "50000", "0"],
    ]);
    const latestOnly = ["Organisation,Plan,Plan Apr,Plan May,Plan Jun,Apr,May,Jun,Forecast outturn", "MSEFT,-30000000,-2500000,-2500000,-2500000,-3000000,-2000000,-1000000,-36000000"].join("\n");
    expect(shown(await checkCsv(latestOnly, 3))).toEqual([["MSEFT", 3, "-30000000", "-7500000", "-6000000", "-36000000"]]);
    const may = await checkCsv(latestOnly, 2);
    expect(may.problems.map(describeProblem)).toEqual([
      'Row 1: no forecast outturn for May: give a "Forecast May" column, or choose the month to load (the Forecast outturn column is June\'s)',
    ]);
    expect(may.clean).toEqual([]);
    // With no month chosen, April's and May's forecasts are missing alike.
    expect((await checkCsv(latestOnly)).problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^no forecast outturn for April: give a "Forecast Apr" column/),
      expect.stringMatching(/^no forecast outturn for May: give a "Forecast May" column/),
    ]);
  });

  it("lists every problem with its row and column, the header's first, and takes no row while the header is wrong", async () => {
    const checked = await checkCsv(
      [
        "Organisation,Month,Plan,Plan Apr,Plan May,Apr,Jun,Jun,YTD actual,CDEL,Apr-26,Forecast outturn",
        "Nowhere Trust,1,0,0,0,0,0,0,0,0,0,0", // unknown organisation
        "MSEFT,1,-30000000,0,0,a lot,0,0,0,0,0,0", // text in a money cell
        "MSEFT,1,-30000000,0,,0,0,0,0,0,0,0", // a blank month's plan, and MSEFT twice
      ].join("\n"),
    );
    expect(checked.problems.map(describeProblem)).toEqual([
      "Row 1, column B (Month): a Month column in a file with a column per month: give one or the other",
      "Row 1, column H (Jun): a second actual column for June (the first is column G)",
      "Row 1, column I (YTD actual): the year to date is the months' figures added from April: leave out the YTD actual column",
      "Row 1, column J (CDEL): the non-recurrent, efficiency and capital figures are one month's: load them in a file with a Month column, or one month per file",
      "Row 1, column K (Apr-26): April 2026 is outside the financial year 2025/26 (April 2025 to March 2026)",
      "Row 1: no actuals for May: the year to date is every month's from April",
      "Row 1: no Plan Jun column: the year-to-date plan is every month's plan from April",
      'Row 1: no forecast outturn for April: give a "Forecast Apr" column, or choose the month to load (the Forecast outturn column is June\'s)',
      'Row 2, column A (Organisation): "Nowhere Trust" is not an organisation in the rulebook (give its code or its name, e.g. ECC)',
      'Row 3, column F (Apr): "a lot" is not an amount in pounds',
      "Row 4, column E (Plan May): the cell is blank; write 0 if there is nothing to report",
      "Row 4: MSEFT already has a row (row 3); neither is loaded",
    ]);
    expect(checked.clean).toEqual([]);
    expect([checked.rows, checked.unclean]).toEqual([3, 3]);
  });

  it("takes the clean rows of a file whose header is right, and adds the twelve months' plans when there is no Plan column", async () => {
    const plans = Array.from({ length: 12 }, () => "-2500000");
    const checked = await checkCsv(
      [
        `Organisation,${["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"].map((m) => `Plan ${m}`).join(",")},M01,M02,Forecast M01,Forecast outturn`,
        `MSEFT,${plans.join(",")},-3000000,-2000000,-35000000,-36000000`,
        `ICB-BB,${plans.join(",")},-3000000,,0,0`, // May's actual blank
      ].join("\n"),
    );
    expect(checked.problems.map(describeProblem)).toEqual(["Row 3, column O (M02): the cell is blank; write 0 if there is nothing to report"]);
    expect(shown(checked)).toEqual([
      ["MSEFT", 1, "-30000000", "-2500000", "-3000000", "-35000000"],
      ["MSEFT", 2, "-30000000", "-5000000", "-5000000", "-36000000"],
    ]);
  });

  it("reads an .xlsx file whose month headers are dates", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Monthly figures");
    sheet.addRow(["Organisation", "Plan", "Plan Apr", "Plan May", new Date(Date.UTC(2025, 3, 1)), new Date(Date.UTC(2025, 4, 1)), "Forecast outturn"]);
    sheet.addRow(["MSEFT", -30_000_000, -2_500_000, -2_500_000, -3_000_000, { formula: "-1000000*2", result: -2_000_000 }, -36_000_000]);
    const data = (await book.xlsx.writeBuffer()) as unknown as ArrayBuffer;
    const checked = checkMonthlyFigures(rulebook, await readFigureFile("figures.xlsx", data), { year, month: 2 });
    expect(checked.problems).toEqual([]);
    expect(shown(checked)).toEqual([["MSEFT", 2, "-30000000", "-5000000", "-5000000", "-36000000"]]);
  });

  it("loads each month's row for each organisation, replacing only those, turnover kept from the rows replaced", async () => {
    const workbook = new MemoryWorkbook();
    await setUpWorkbook(workbook, rulebook);
    const before = (await workbook.readTable(PLANS.name))!;
    const checked = await checkCsv(WIDE);
    const loaded = await loadMonthlyFigures(workbook, rulebook, checked.clean, { year, source: "year so far.csv" });
    expect(loaded).toMatchObject({ organisations: ["MSEFT", "ICB-ME"], months: [1, 2, 3] });
    const isLoaded = (r: readonly unknown[]) => (r[0] === "MSEFT" || r[0] === "ICB-ME") && [1, 2, 3].includes(r[1] as number);
    const after = (await workbook.readTable(PLANS.name))!;
    expect(after.rows.filter((r) => !isLoaded(r))).toEqual(before.rows.filter((r) => !isLoaded(r)));
    const turnover = (code: string, month: number) => (after.rows.find((r) => r[0] === code && r[1] === month) ?? [])[6];
    expect(after.rows.filter(isLoaded).map((r) => r.slice(0, 6))).toEqual(
      expect.arrayContaining([
        ["MSEFT", 2, -30_000_000, -5_000_000, -5_750_500, -34_000_000],
        ["ICB-ME", 3, 0, 0, 75_250, 150_000],
      ]),
    );
    expect(after.rows.filter(isLoaded)).toHaveLength(6);
    expect(turnover("MSEFT", 2)).toBe(1_200_000_000);
  });
});

describe("reading .xlsx files", () => {
  async function xlsx(rows: unknown[][], sheetName = "Sheet1"): Promise<ArrayBuffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(sheetName);
    rows.forEach((r) => sheet.addRow(r));
    return (await book.xlsx.writeBuffer()) as unknown as ArrayBuffer;
  }

  it("reads dates as months of the year, formulas by their results, and names error cells", async () => {
    const data = await xlsx([
      ["Organisation", "Month", "Plan", "YTD plan", "YTD actual", "Forecast outturn"],
      ["MSEFT", new Date(Date.UTC(2026, 2, 1)), -30_000_000, { formula: "-30000000", result: -30_000_000 }, -36_500_000, -37_000_000],
      ["ICB-BB", new Date(Date.UTC(2026, 3, 1)), 0, 0, { formula: "1/0", result: { error: "#DIV/0!" } }, 0],
    ]);
    const checked = checkMonthlyFigures(rulebook, await readFigureFile("march.xlsx", data), { year });
    expect(checked.problems.map(describeProblem)).toEqual([
      "Row 3, column B (Month): April 2026 is outside the financial year 2025/26 (April 2025 to March 2026)",
      "Row 3, column E (YTD actual): the cell shows #DIV/0!",
    ]);
    expect(checked.clean.map((f) => [f.organisation, f.month, f.ytdPlan.toString()])).toEqual([["MSEFT", 12, "-30000000"]]);
  });

  it("refuses what is not a .csv or .xlsx, or cannot be read", async () => {
    await expect(readFigureFile("figures.pdf", bytes("%PDF"))).rejects.toThrow(new FileReadError("figures.pdf is not a .csv or .xlsx file"));
    await expect(readFigureFile("figures.xlsx", bytes("not a zip"))).rejects.toThrow(/figures.xlsx is not an .xlsx workbook that can be read/);
  });
});

describe("loading the month's figures", () => {
  async function sampleWorkbook() {
    const workbook = new MemoryWorkbook();
    await setUpWorkbook(workbook, rulebook);
    return workbook;
  }

  it("replaces that month's rows for those organisations and nothing else, keeping turnover the file does not give", async () => {
    const workbook = await sampleWorkbook();
    const plansBefore = (await workbook.readTable(PLANS.name))!;
    const detailBefore = (await workbook.readTable(STATEMENT_DETAIL.name))!;
    const checked = await checkCsv(GOOD);
    const loaded = await loadMonthlyFigures(workbook, rulebook, checked.clean, { year, source: "march.csv, loaded 2026-04-10" });
    expect(loaded).toEqual({ organisations: ["MSEFT", "ICB-ME"], months: [12], replaced: 2, added: 0 });

    const plans = (await workbook.readTable(PLANS.name))!;
    const isLoaded = (r: readonly unknown[]) => (r[0] === "MSEFT" || r[0] === "ICB-ME") && r[1] === 12;
    expect(plans.rows.filter((r) => !isLoaded(r))).toEqual(plansBefore.rows.filter((r) => !isLoaded(r)));
    expect(plans.rows.filter(isLoaded)).toEqual([
      ["MSEFT", 12, -30_000_000, -30_000_000, -36_500_000, -37_000_000, 1_200_000_000],
      ["ICB-ME", 12, 0, 0, 1_500_000, 1_500_000, 560_000_000],
    ]);
    const detail = (await workbook.readTable(STATEMENT_DETAIL.name))!;
    expect(detail.rows.filter((r) => !isLoaded(r))).toEqual(detailBefore.rows.filter((r) => !isLoaded(r)));
    expect(detail.rows.filter(isLoaded).map((r) => [r[0], r[8], r[9]])).toEqual([
      ["MSEFT", 68_000_000, "march.csv, loaded 2026-04-10"],
      ["ICB-ME", 500_000, "march.csv, loaded 2026-04-10"],
    ]);
    expect(await workbook.readSetting(FINANCIAL_YEAR_SETTING)).toBe("2025/26");
  });

  it("adds a month not there before, and leaves a file without the detail columns out of the Statement detail table", async () => {
    const workbook = await sampleWorkbook();
    await workbook.replaceRows(PLANS, [], (r) => r["Month"] === 12);
    const detailBefore = await workbook.readTable(STATEMENT_DETAIL.name);
    const checked = await checkCsv("Organisation,Month,Plan,YTD plan,YTD actual,Forecast outturn\nMSEFT,12,-30000000,-30000000,-36500000,-37000000");
    expect(await loadMonthlyFigures(workbook, rulebook, checked.clean, { year, source: "x.csv" })).toMatchObject({ replaced: 0, added: 1 });
    const plans = (await workbook.readTable(PLANS.name))!;
    // Turnover from the organisation's latest month.
    expect(plans.rows.filter((r) => r[1] === 12)).toEqual([["MSEFT", 12, -30_000_000, -30_000_000, -36_500_000, -37_000_000, 1_200_000_000]]);
    expect(await workbook.readTable(STATEMENT_DETAIL.name)).toEqual(detailBefore);
  });

  it("stops with nothing written when the Statement detail table has been deleted", async () => {
    const workbook = await sampleWorkbook();
    workbook.deleteTable(STATEMENT_DETAIL.name);
    const plansBefore = await workbook.readTable(PLANS.name);
    const checked = await checkCsv(GOOD);
    await expect(loadMonthlyFigures(workbook, rulebook, checked.clean, { year, source: "x.csv" })).rejects.toThrow(/no ICS_StatementDetail table/);
    expect(await workbook.readTable(PLANS.name)).toEqual(plansBefore);
  });

  it("says what it wrote when the detail cannot be written after the plan figures were", async () => {
    const workbook = await sampleWorkbook();
    const checked = await checkCsv(GOOD);
    // The detail write fails (as a co-author's locked table or a lost connection would make it), the plans' succeeds.
    const failing = new Proxy(workbook, {
      get(target, key, receiver) {
        if (key === "replaceRows") {
          return (spec: { name: string }, ...rest: unknown[]) =>
            spec.name === STATEMENT_DETAIL.name ? Promise.reject(new Error("the table is locked")) : (target.replaceRows as (...a: unknown[]) => Promise<unknown>).call(target, spec, ...rest);
        }
        const value = Reflect.get(target, key, receiver) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const error = await loadMonthlyFigures(failing, rulebook, checked.clean, { year, source: "x.csv" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartlyLoadedError);
    expect((error as Error).message).toMatch(/^Partly loaded: the plan, year-to-date and forecast figures are in ICS_Plans, but the detail .* was not written to ICS_StatementDetail: the table is locked\. Load the file again/);
    expect((await workbook.readTable(PLANS.name))!.rows.filter((r) => r[0] === "MSEFT" && r[1] === 12)).toEqual([["MSEFT", 12, -30_000_000, -30_000_000, -36_500_000, -37_000_000, 1_200_000_000]]);
  });
});
