// The fake Excel's own tests: each behaviour it claims, checked through Office.js calls as an add-in makes them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { installFakeExcel, type FakeExcel } from "./index";

let fake: FakeExcel;

beforeEach(() => {
  fake = installFakeExcel({ sheets: ["ICS Plans", "Summary"] });
});

afterEach(() => {
  fake.uninstall();
});

async function rejection(promise: Promise<unknown>): Promise<OfficeExtension.Error> {
  try {
    await promise;
  } catch (e) {
    return e as OfficeExtension.Error;
  }
  throw new Error("expected the promise to reject");
}

describe("request/batch model", () => {
  it("throws PropertyNotLoaded for a property read before load and sync", async () => {
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("ICS Plans").getRange("A1:B2");
      expect(() => range.values).toThrowError(/The property 'values' is not available. Before reading the property's value, call the load method/);
      range.load("values");
      expect(() => range.values).toThrow(/not available/);
      await context.sync();
      expect(range.values).toEqual([["", ""], ["", ""]]);
      try {
        void range.address;
      } catch (e) {
        expect((e as OfficeExtension.Error).code).toBe("PropertyNotLoaded");
        expect(e).toBeInstanceOf(OfficeExtension.Error);
      }
    });
  });

  it("accepts the string, array, object and bare forms of load", async () => {
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("ICS Plans").getRange("B2:C4");
      range.load("address, rowCount");
      const b = context.workbook.worksheets.getItem("ICS Plans").getRange("B2").load(["columnIndex"]);
      const c = context.workbook.worksheets.getItem("ICS Plans").getRange("C3").load({ select: "rowIndex" });
      const d = context.workbook.worksheets.getItem("ICS Plans").getRange("D5").load();
      await context.sync();
      expect(range.address).toBe("'ICS Plans'!B2:C4");
      expect(range.rowCount).toBe(3);
      expect(b.columnIndex).toBe(1);
      expect(c.rowIndex).toBe(2);
      expect([d.address, d.values, d.columnCount]).toEqual(["'ICS Plans'!D5", [[""]], 1]);
    });
  });

  it("gives ClientResult values only after sync", async () => {
    await Excel.run(async (context) => {
      const count = context.workbook.worksheets.getCount();
      expect(() => count.value).toThrow(/has not been loaded/);
      await context.sync();
      expect(count.value).toBe(2);
    });
  });

  it("syncs pending work when Excel.run ends", async () => {
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Summary").getRange("A1").values = [["closing"]];
      return Promise.resolve();
    });
    expect(fake.user.readCell("Summary", "A1").value).toBe("closing");
    expect(fake.syncs).toBe(1);
  });

  it("does not roll back: operations before a failure stay applied, later ones do not run", async () => {
    const error = await rejection(
      Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("ICS Plans");
        sheet.getRange("A1").values = [["before"]];
        sheet.getRange("A2:B2").values = [["only one"]];
        sheet.getRange("A3").values = [["after"]];
        await context.sync();
      }),
    );
    expect(error).toBeInstanceOf(OfficeExtension.Error);
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toMatch(/doesn't match the size or dimensions of the range/);
    expect(fake.user.readCell("ICS Plans", "A1").value).toBe("before");
    expect(fake.user.readCell("ICS Plans", "A3").value).toBe("");
  });

  it("applies a single value to every cell of a range", async () => {
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("ICS Plans").getRange("A1:B2").values = 7 as unknown as number[][];
      await context.sync();
    });
    expect(fake.user.readSheet("ICS Plans").values).toEqual([[7, 7], [7, 7]]);
  });

  it("fails getItem of a missing sheet at sync with ItemNotFound; getItemOrNullObject gives a null object", async () => {
    const error = await rejection(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Nope").load("name");
        await context.sync();
      }),
    );
    expect(error.code).toBe("ItemNotFound");

    await Excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("nope");
      const present = context.workbook.worksheets.getItemOrNullObject("ics plans");
      const table = missing.tables.getItemOrNullObject("T");
      const range = missing.getRange("A1").load("values");
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(table.isNullObject).toBe(true);
      expect(range.isNullObject).toBe(true);
      expect(range.values).toBeNull();
    });

    const write = await rejection(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItemOrNullObject("nope").getRange("A1").values = [[1]];
        await context.sync();
      }),
    );
    expect(write.code).toBe("ItemNotFound");
  });

  it("counts round trips that carry work, and tracks the largest payloads", async () => {
    await Excel.run(async (context) => {
      await context.sync(); // nothing queued: no round trip
      const range = context.workbook.worksheets.getItem("ICS Plans").getRange("A1:C1");
      range.values = [["a", "b", "c"]];
      await context.sync();
      range.load("values");
      await context.sync();
    });
    expect(fake.syncs).toBe(2);
    expect(fake.largestRequestBytes).toBeGreaterThan(10);
    expect(fake.largestResponseBytes).toBeGreaterThan(10);
    fake.resetCounters();
    expect([fake.syncs, fake.largestRequestBytes, fake.largestResponseBytes]).toEqual([0, 0, 0]);
  });

  it("rejects Excel.run whose batch returns no promise", async () => {
    const error = await rejection(Excel.run((() => undefined) as unknown as (c: Excel.RequestContext) => Promise<void>));
    expect(error.code).toBe("RunMustReturnPromise");
  });
});

describe("payload limit", () => {
  it("rejects a request over the limit and applies nothing of it", async () => {
    fake.uninstall();
    fake = installFakeExcel({ sheets: ["Data"], payloadLimitBytes: 10_000 });
    const big = Array.from({ length: 1000 }, (_, i) => [`row ${i}`]);
    const error = await rejection(
      Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Data");
        sheet.getRange("B1").values = [["small"]];
        sheet.getRange("A1:A1000").values = big;
        await context.sync();
      }),
    );
    expect(error.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(error.message).toMatch(/request payload size has exceeded the limit/);
    expect(fake.user.readCell("Data", "B1").value).toBe("");
    expect(fake.largestRequestBytes).toBeGreaterThan(10_000);
  });

  it("rejects a response over the limit and undoes the request", async () => {
    fake.uninstall();
    fake = installFakeExcel({ sheets: ["Data"], responseLimitBytes: 5_000 });
    fake.model.write({ sheet: fake.model.requireSheet("Data"), rect: { row: 0, col: 0, rows: 500, cols: 1 } }, "values", "some text here");
    const error = await rejection(
      Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Data");
        sheet.getRange("B1").values = [["written"]];
        sheet.getRange("A1:A500").load("values");
        await context.sync();
      }),
    );
    expect(error.code).toBe("ResponsePayloadSizeLimitExceeded");
    expect(fake.user.readCell("Data", "B1").value).toBe("");
  });

  it("defaults to Excel on the web's 5 MB", async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => [`${"a fairly long line of text ".repeat(5)}for row number ${i}`, i, i * 1.5]);
    const error = await rejection(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("ICS Plans").getRange("A1:C40000").values = rows;
        await context.sync();
      }),
    );
    expect(error.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(fake.largestRequestBytes).toBeGreaterThan(5 * 1024 * 1024);
  });
});

describe("worksheets", () => {
  it("adds, finds case-insensitively, renames, moves and deletes sheets", async () => {
    await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const added = sheets.add("Partners");
      added.position = 0;
      sheets.getItem("summary").name = "Overview";
      sheets.load("items/name");
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["Partners", "ICS Plans", "Overview"]);
      sheets.getItem("PARTNERS").delete();
      await context.sync();
    });
    expect(fake.sheets()).toEqual(["ICS Plans", "Overview"]);
  });

  it("rejects names Excel rejects", async () => {
    for (const [name, code] of [
      ["ics plans", "ItemAlreadyExists"],
      ["a/b", "InvalidArgument"],
      ["x".repeat(32), "InvalidArgument"],
      ["[x]", "InvalidArgument"],
    ] as const) {
      const error = await rejection(
        Excel.run(async (context) => {
          context.workbook.worksheets.add(name);
          await context.sync();
        }),
      );
      expect(error.code).toBe(code);
    }
  });

  it("reports the used range, and a null object for an empty sheet", async () => {
    fake.user.editCell({ sheet: "ICS Plans" }, 2, 1, "x");
    fake.user.editCell({ sheet: "ICS Plans" }, 4, 3, 5);
    await Excel.run(async (context) => {
      const used = context.workbook.worksheets.getItem("ICS Plans").getUsedRange(true).load("address");
      const none = context.workbook.worksheets.getItem("Summary").getUsedRangeOrNullObject().load("address");
      const a1 = context.workbook.worksheets.getItem("Summary").getUsedRange().load("address");
      await context.sync();
      expect(used.address).toBe("'ICS Plans'!B3:D5");
      expect(none.isNullObject).toBe(true);
      expect(a1.address).toBe("Summary!A1");
    });
  });
});

describe("ranges", () => {
  it("derives ranges by index and offset", async () => {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Summary");
      const base = sheet.getRangeByIndexes(1, 1, 3, 2);
      const parts = [base, base.getCell(1, 1), base.getRow(2), base.getColumn(0), base.getResizedRange(1, -1), base.getOffsetRange(2, 3), base.getLastRow(), base.getLastColumn()];
      parts.forEach((r) => r.load("address"));
      await context.sync();
      expect(parts.map((r) => r.address)).toEqual(["Summary!B2:C4", "Summary!C3", "Summary!B4:C4", "Summary!B2:B4", "Summary!B2:B5", "Summary!E4:F6", "Summary!B4:C4", "Summary!C2:C4"]);
    });
  });

  it("keeps formulas and computes simple arithmetic as a double", async () => {
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Summary").getRange("A1:C1");
      range.values = [[100, "=100*1.15", "=A1*2"]];
      range.load("values, formulas");
      await context.sync();
      expect(range.values).toEqual([[100, 114.99999999999999, 200]]);
      expect(range.formulas).toEqual([[100, "=100*1.15", "=A1*2"]]);
    });
  });

  it("converts number-like text under General and keeps it under @", async () => {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Summary");
      const text = sheet.getRange("A1:A2");
      text.numberFormat = [["@"], ["@"]];
      text.values = [["000"], ["0"]];
      const general = sheet.getRange("B1:B4");
      general.values = [["0"], ["1,234"], ["TRUE"], ["1,23"]];
      text.load("values");
      general.load("values, text");
      await context.sync();
      expect(text.values).toEqual([["000"], ["0"]]);
      expect(general.values).toEqual([[0], [1234], [true], ["1,23"]]);
      expect(general.text).toEqual([["0"], ["1234"], ["TRUE"], ["1,23"]]);
    });
  });

  it("inserts and deletes cells, shifting the rest", async () => {
    fake.user.editCell({ sheet: "Summary" }, 0, 0, "a");
    fake.user.editCell({ sheet: "Summary" }, 1, 0, "b");
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Summary");
      sheet.getRange("A1").insert("Down");
      await context.sync();
      expect(fake.user.readSheet("Summary").values).toEqual([["a"], ["b"]]);
      expect(fake.user.readCell("Summary", "A2").value).toBe("a");
      sheet.getRange("A1:A2").delete("Up");
      await context.sync();
      expect(fake.user.readCell("Summary", "A1").value).toBe("b");
    });
  });

  it("clears contents or formats, and formats fonts, wrapping and widths", async () => {
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Summary").getRange("A1:B1");
      range.values = [["long heading text", 2]];
      range.numberFormat = [["@", "0.00"]];
      range.format.font.bold = true;
      range.format.font.size = 14;
      range.format.wrapText = true;
      range.format.autofitColumns();
      range.load("text, format/font/bold, format/font/size, format/wrapText");
      await context.sync();
      expect(range.text).toEqual([["long heading text", "2.00"]]);
      expect([range.format.font.bold, range.format.font.size, range.format.wrapText]).toEqual([true, 14, true]);
      range.clear("Contents");
      range.load("values, numberFormat");
      await context.sync();
      expect(range.values).toEqual([["", ""]]);
      expect(range.numberFormat).toEqual([["@", "0.00"]]);
    });
  });
});

describe("formulas pointing elsewhere", () => {
  it("shows #REF! when the sheet a formula points at is deleted", async () => {
    fake.user.editCell({ sheet: "ICS Plans" }, 0, 0, 42);
    fake.user.addFormulaCell("Summary", "A1", "='ICS Plans'!A1*2");
    expect(fake.user.readCell("Summary", "A1").value).toBe(84);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("ICS Plans").delete();
      await context.sync();
    });
    expect(fake.user.readCell("Summary", "A1")).toMatchObject({ value: "#REF!", formula: "=#REF!A1*2" });
  });

  it("shows #REF! when the table a formula points at is deleted, and follows renames", async () => {
    await Excel.run(async (context) => {
      const table = context.workbook.worksheets.getItem("ICS Plans").tables.add("A1:B1", true);
      table.name = "Plans";
      table.getHeaderRowRange().values = [["Scheme", "Cost"]];
      await context.sync();
    });
    fake.user.addFormulaCell("Summary", "B2", "=SUM(Plans[Cost])", 10);
    fake.user.renameColumn("Plans", "Cost", "Amount");
    expect(fake.user.readCell("Summary", "B2")).toMatchObject({ value: 10, formula: "=SUM(Plans[Amount])" });
    fake.user.deleteTable("Plans");
    expect(fake.user.readCell("Summary", "B2")).toMatchObject({ value: "#REF!", formula: "=SUM(#REF!)" });
  });
});

describe("tables", () => {
  async function addPartners(): Promise<void> {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("ICS Plans");
      sheet.getRange("A1:C3").values = [["Partner", "Type", "Share"], ["Acute", "Trust", 0.5], ["ICB", "Board", 0.5]];
      const table = sheet.tables.add("A1:C3", true);
      table.name = "Partners";
      await context.sync();
    });
  }

  it("creates a table with one blank body row from a header-only range", async () => {
    await Excel.run(async (context) => {
      const table = context.workbook.tables.add("'ICS Plans'!A1:C1", true);
      table.getHeaderRowRange().values = [["A", "B", "A"]];
      const body = table.getDataBodyRange().load("address, values");
      const count = table.rows.getCount();
      table.load("name");
      await context.sync();
      expect(table.name).toBe("Table1");
      expect(body.address).toBe("'ICS Plans'!A2:C2");
      expect(body.values).toEqual([["", "", ""]]);
      expect(count.value).toBe(1);
    });
    expect(fake.table("Table1").headers).toEqual(["A", "B", "A2"]);
  });

  it("fills the blank row first, then appends by inserting cells and shifting down within its columns", async () => {
    fake.user.editCell({ sheet: "ICS Plans" }, 3, 0, "below, in a table column");
    fake.user.editCell({ sheet: "ICS Plans" }, 3, 5, "below, outside the table");
    await Excel.run(async (context) => {
      const table = context.workbook.worksheets.getItem("ICS Plans").tables.add("A1:B1", true);
      table.rows.add(undefined, [["x", 1]]);
      table.rows.add(undefined, [["y", 2], ["z", 3]]);
      await context.sync();
    });
    expect(fake.table("Table1").values).toEqual([["x", 1], ["y", 2], ["z", 3]]);
    expect(fake.user.readCell("ICS Plans", "A6").value).toBe("below, in a table column");
    expect(fake.user.readCell("ICS Plans", "F4").value).toBe("below, outside the table");
  });

  it("rejects rows of the wrong width", async () => {
    await addPartners();
    const error = await rejection(
      Excel.run(async (context) => {
        context.workbook.tables.getItem("partners").rows.add(undefined, [["too", "short"]]);
        await context.sync();
      }),
    );
    expect(error.code).toBe("InvalidArgument");
  });

  it("deletes rows, leaving one blank row when the last goes", async () => {
    await addPartners();
    await Excel.run(async (context) => {
      const rows = context.workbook.tables.getItem("Partners").rows;
      rows.getItemAt(0).delete();
      await context.sync();
      expect(fake.table("Partners").values).toEqual([["ICB", "Board", 0.5]]);
      rows.getItemAt(0).delete();
      rows.load("count");
      await context.sync();
      expect(rows.count).toBe(1);
    });
    expect(fake.table("Partners").values).toEqual([["", "", ""]]);
    expect(fake.table("Partners").address).toBe("'ICS Plans'!A1:C2");
  });

  it("finds tables and columns case-insensitively and adds columns", async () => {
    await addPartners();
    await Excel.run(async (context) => {
      const table = context.workbook.tables.getItem("PARTNERS");
      table.columns.add(undefined, [["Votes"], [1], [2]]);
      const share = table.columns.getItem("share").load("name, index");
      const missing = table.columns.getItemOrNullObject("nothing");
      table.columns.load("items/name,items/index");
      const body = share.getDataBodyRange().load("values");
      await context.sync();
      expect(share.index).toBe(2);
      expect(missing.isNullObject).toBe(true);
      expect(table.columns.items.map((c) => c.name)).toEqual(["Partner", "Type", "Share", "Votes"]);
      expect(body.values).toEqual([[0.5], [0.5]]);
    });
  });

  it("rejects overlapping tables and invalid names", async () => {
    await addPartners();
    const overlap = await rejection(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("ICS Plans").tables.add("C3:D4", true);
        await context.sync();
      }),
    );
    expect(overlap.code).toBe("InvalidArgument");
    for (const name of ["A1", "has space", "1st", "R"]) {
      const error = await rejection(
        Excel.run(async (context) => {
          context.workbook.tables.getItem("Partners").name = name;
          await context.sync();
        }),
      );
      expect(error.code).toBe("InvalidArgument");
    }
  });

  it("resizes keeping the header row, and shows a totals row below the body", async () => {
    await addPartners();
    await Excel.run(async (context) => {
      const table = context.workbook.tables.getItem("Partners");
      table.resize("A1:D4");
      await context.sync();
      expect(fake.table("Partners").headers).toEqual(["Partner", "Type", "Share", "Column1"]);
      table.showTotals = true;
      const totals = table.getTotalRowRange().load("address, values");
      await context.sync();
      expect(totals.address).toBe("'ICS Plans'!A5:D5");
      expect(totals.values[0]![0]).toBe("Total");
      table.resize("A2:D4");
      const error = await rejection(context.sync());
      expect(error.code).toBe("InvalidArgument");
    });
  });

  it("lets the user reorder, insert and rename columns and insert blank rows", async () => {
    await addPartners();
    fake.user.reorderTableColumns("Partners", ["Share", "Partner", "Type"]);
    fake.user.insertTableColumn("Partners", 1, "Notes", ["n1", "n2"]);
    fake.user.insertBlankRow("Partners", 1);
    const view = fake.table("Partners");
    expect(view.headers).toEqual(["Share", "Notes", "Partner", "Type"]);
    expect(view.values).toEqual([[0.5, "n1", "Acute", "Trust"], ["", "", "", ""], [0.5, "n2", "ICB", "Board"]]);
  });

  it("raises TableChanged asynchronously for API writes and user edits", async () => {
    await addPartners();
    const seen: Array<{ changeType: string; source: string; address: string }> = [];
    await Excel.run(async (context) => {
      context.workbook.tables.onChanged.add(async (args: Excel.TableChangedEventArgs) => {
        seen.push({ changeType: args.changeType, source: args.source, address: args.address });
      });
      await context.sync();
    });
    await Excel.run(async (context) => {
      context.workbook.tables.getItem("Partners").rows.add(undefined, [["GP", "Primary", 0]]);
      await context.sync();
      expect(seen).toEqual([]);
    });
    fake.user.editCell({ table: "Partners" }, 0, "Share", 0.4);
    fake.coauthor.editCell({ table: "Partners" }, 1, 0, "ICS");
    await fake.settleEvents();
    expect(seen).toEqual([
      { changeType: "RowInserted", source: "Local", address: "A4:C4" },
      { changeType: "RangeEdited", source: "Local", address: "C2" },
      { changeType: "RangeEdited", source: "Remote", address: "A3" },
    ]);
  });

  it("shifts cells up within the table when body rows are deleted as a range", async () => {
    await addPartners();
    fake.user.editCell({ sheet: "ICS Plans" }, 4, 0, "under the table");
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("ICS Plans").getRange("A2:C2").delete("Up");
      await context.sync();
    });
    expect(fake.table("Partners").values).toEqual([["ICB", "Board", 0.5]]);
    expect(fake.user.readCell("ICS Plans", "A4").value).toBe("under the table");
    const error = await rejection(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("ICS Plans").getRange("B2").delete("Up");
        await context.sync();
      }),
    );
    expect(error.code).toBe("InvalidOperation");
  });

  it("gives new rows the number format of the row above, so text stays text", async () => {
    await Excel.run(async (context) => {
      const table = context.workbook.worksheets.getItem("ICS Plans").tables.add("A1:A1", true);
      table.getHeaderRowRange().values = [["Code"]];
      table.getDataBodyRange().numberFormat = [["@"]];
      table.getDataBodyRange().values = [["007"]];
      table.rows.add(undefined, [["000"]]);
      await context.sync();
    });
    expect(fake.table("Table1").values).toEqual([["007"], ["000"]]);
  });

  it("adds a header row of Column1.. when the data has none, and deletes tables with their data", async () => {
    fake.user.editCell({ sheet: "Summary" }, 0, 0, 5);
    await Excel.run(async (context) => {
      const table = context.workbook.worksheets.getItem("Summary").tables.add("A1:B1", false);
      table.load("name");
      await context.sync();
      expect(fake.table(table.name)).toMatchObject({ headers: ["Column1", "Column2"], values: [[5, ""]], address: "Summary!A1:B2" });
      table.delete();
      const gone = context.workbook.tables.getItemOrNullObject(table.name);
      await context.sync();
      expect(gone.isNullObject).toBe(true);
    });
    expect(fake.user.readSheet("Summary").values).toEqual([]);
  });

  it("describes tables synchronously for assertions", async () => {
    await addPartners();
    fake.user.setFormula({ table: "Partners" }, 0, "Share", "=1/2");
    expect(fake.tables()).toEqual([
      {
        name: "Partners",
        id: expect.any(String),
        sheet: "ICS Plans",
        address: "'ICS Plans'!A1:C3",
        headers: ["Partner", "Type", "Share"],
        values: [["Acute", "Trust", 0.5], ["ICB", "Board", 0.5]],
        formulas: [["Acute", "Trust", "=1/2"], ["ICB", "Board", 0.5]],
        showTotals: false,
      },
    ]);
  });
});

describe("charts", () => {
  it("adds, names, positions, loads and deletes a chart", async () => {
    fake.user.editCell({ sheet: "Summary" }, 0, 0, "Year");
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Summary");
      const chart = sheet.charts.add("ColumnClustered", sheet.getRange("A1:B4"), "Columns");
      chart.name = "Envelope";
      chart.title.text = "Envelope by year";
      chart.legend.visible = false;
      chart.series.getItemAt(0).name = "Spend";
      chart.series.getItemAt(0).setXAxisValues(sheet.getRange("A2:A4"));
      chart.setPosition("D2", "J15");
      sheet.charts.load("items/name");
      const found = sheet.charts.getItemOrNullObject("Envelope");
      const missing = sheet.charts.getItemOrNullObject("Other");
      await context.sync();
      expect(sheet.charts.items.map((c) => c.name)).toEqual(["Envelope"]);
      expect([found.isNullObject, missing.isNullObject]).toEqual([false, true]);
      found.delete();
      await context.sync();
    });
    expect(fake.model.charts).toEqual([]);
  });
});

describe("document settings", () => {
  const save = (): Promise<Office.AsyncResult<void>> => new Promise((resolve) => Office.context.document.settings.saveAsync((r) => resolve(r)));
  const refresh = (): Promise<unknown> => new Promise((resolve) => Office.context.document.settings.refreshAsync((r) => resolve(r)));

  it("keeps set in memory until saveAsync, and refreshAsync reloads the stored copy", async () => {
    const settings = Office.context.document.settings;
    settings.set("rulebook", { name: "MSE" });
    expect(settings.get("rulebook")).toEqual({ name: "MSE" });
    expect(fake.storedSettings()).toEqual({});
    const result = await save();
    expect(result.status).toBe(Office.AsyncResultStatus.Succeeded);
    expect(fake.storedSettings()).toEqual({ rulebook: { name: "MSE" } });
    settings.set("rulebook", { name: "unsaved" });
    await refresh();
    expect(settings.get("rulebook")).toEqual({ name: "MSE" });
  });

  it("shows a co-author's save only after refreshAsync, and raises settingsChanged", async () => {
    const changed = new Promise((resolve) => Office.context.document.settings.addHandlerAsync(Office.EventType.SettingsChanged, resolve));
    fake.coauthor.setSetting("version", 2);
    await changed;
    expect(Office.context.document.settings.get("version")).toBeNull();
    await refresh();
    expect(Office.context.document.settings.get("version")).toBe(2);
  });

  it("fails saveAsync over the settings size limit", async () => {
    Office.context.document.settings.set("big", "x".repeat(2 * 1024 * 1024));
    const result = await save();
    expect(result.status).toBe(Office.AsyncResultStatus.Failed);
    expect(result.error.code).toBe(4001);
    expect(fake.storedSettings()).toEqual({});
  });

  it("answers requirement-set checks and onReady", async () => {
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.13")).toBe(true);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.18")).toBe(false);
    expect((await Office.onReady()).host).toBe("Excel");
  });
});

describe("uninstall", () => {
  it("restores the globals", () => {
    fake.uninstall();
    expect(Reflect.get(globalThis, "Excel")).toBeUndefined();
    fake = installFakeExcel();
  });
});
