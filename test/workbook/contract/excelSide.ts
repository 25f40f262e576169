// The Excel gateway on the fake Excel, as one side of the contract suite.
import type { Cell } from "../../../src/workbook/gateway";
import { ExcelWorkbook } from "../../../src/workbook/excel";
import { installFakeExcel, type FakeExcel, type FakeExcelOptions } from "../fakeExcel";
import type { CellValue } from "../fakeExcel/cells";
import { tableParts } from "../fakeExcel/model";
import type { ReportLook, Side, TableView } from "./sides";

const asCell = (v: unknown): Cell => (v === null || v === undefined ? "" : (v as Cell));

const fakes = new WeakMap<Side, FakeExcel>();

/** The fake Excel behind an Excel side, for what only Excel has (formulas on other sheets, payload sizes). */
export const fakeOf = (side: Side): FakeExcel => fakes.get(side) ?? (() => { throw new Error(`${side.name} has no fake Excel`); })();

export function excelSide(sheets?: string[], options: FakeExcelOptions = {}): Side {
  const fake = installFakeExcel({ ...options, sheets: sheets ?? ["Sheet1"] });
  const workbook = new ExcelWorkbook();
  const side: Side = {
    name: "excel",
    excelApi: options.requirements?.["ExcelApi"] ?? "1.17",
    workbook,
    view(table): TableView | undefined {
      const t = fake.tables().find((x) => x.name.toLowerCase() === table.toLowerCase());
      if (!t) return undefined;
      const rows = t.values.map((r) => r.map(asCell));
      const formulas = t.formulas.map((r) => r.map((f) => (typeof f === "string" && f.startsWith("=") ? f : "")));
      // Excel keeps one blank row in an empty table; the in-memory workbook has none. Both mean "no rows".
      const empty = rows.length === 1 && rows[0]!.every((c) => c === "");
      return { sheet: t.sheet, headers: t.headers, rows: empty ? [] : rows, formulas: empty ? [] : formulas };
    },
    reportLook(table): ReportLook | undefined {
      const { model } = fake;
      const t = model.findTable(table);
      if (!t) return undefined;
      const parts = tableParts(t);
      const top = parts.range.row;
      const lines = Array.from({ length: Math.max(0, top - 1) }, (_, i) => String(model.valueAt(t.sheet, 1 + i, 0) ?? ""));
      while (lines.at(-1) === "") lines.pop();
      const chart = model.charts.find((c) => c.sheet === t.sheet && c.name === `${t.name}_Chart`);
      return {
        title: String(model.valueAt(t.sheet, 0, 0)),
        headline: model.cell(t.sheet, 1, 0)?.bold ? lines.filter((_l, i) => model.cell(t.sheet, 1 + i, 0)?.bold) : undefined,
        lines,
        formats: t.columns.map((_c, i) => model.cell(t.sheet, parts.body.row, t.col + i)?.numberFormat ?? "General"),
        totals: parts.totals ? model.values({ sheet: t.sheet, rect: parts.totals })[0]!.map(asCell) : undefined,
        chart: chart && { title: chart.title, type: chart.type === "BarClustered" ? "bar" : "column" },
      };
    },
    sheets: () => fake.sheets(),
    takeSyncs() {
      const n = fake.syncs;
      fake.resetCounters();
      return n;
    },
    largestPayload: () => Math.max(fake.largestRequestBytes, fake.largestResponseBytes),
    user: {
      editCell: (t, r, c, v) => fake.user.editCell({ table: t }, r, c, v as CellValue),
      setFormula: (t, r, c, f, v) => fake.user.setFormula({ table: t }, r, c, f, v as CellValue),
      insertColumn: (t, at, h, values) => fake.user.insertTableColumn(t, at, h, values.map((v) => v as CellValue)),
      reorderColumns: (t, headers) => fake.user.reorderTableColumns(t, [...headers]),
      renameColumn: (t, from, to) => fake.user.renameColumn(t, from, to),
      insertBlankRow: (t, at) => fake.user.insertBlankRow(t, at),
      deleteTable: (t) => fake.user.deleteTable(t),
      coauthorSetting: (k, v) => fake.coauthor.setSetting(k, v),
    },
    selectedRows(table) {
      const selected = fake.selectedBodyRows?.(table);
      return selected;
    },
    dispose: () => fake.uninstall(),
  };
  fakes.set(side, fake);
  return side;
}
