// The Board pack's summaries, built from the sample workbook's results as the pane builds them: headline, totals
// exact to the penny, the clauses applied, the rulebook's version and the date.
import { beforeAll, describe, expect, it } from "vitest";
import { assess } from "../../src/rules/capital";
import { PlanLedger, rollUp } from "../../src/rules/controlTotal";
import { Money } from "../../src/rules/money";
import { defaultRulebook } from "../../src/rules/presets";
import { initialDraft } from "../../src/rules/scenarioDraft";
import { loadSolver } from "../../src/rules/solver";
import { boardReport, cellText, rulebookVersion, thousands, withNegatives, wrapText, type BoardSummary } from "../../src/workbook/boardPack";
import { buildBoardPack, type BoardPack } from "../../src/workbook/boardPackData";
import { readPlans, readRiskReserves } from "../../src/workbook/controlTotal";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { setUpWorkbook } from "../../src/workbook/setup";

const rulebook = defaultRulebook();
let workbook: MemoryWorkbook;
let pack: BoardPack;
const DATE = "2026-04-01";

beforeAll(async () => {
  workbook = new MemoryWorkbook();
  await setUpWorkbook(workbook, rulebook);
  const solver = await loadSolver();
  pack = await buildBoardPack(workbook, rulebook, initialDraft(rulebook), { date: DATE, assess: async (s, schemes, o) => assess(s, schemes, o, solver) });
}, 60_000);

const of = (capability: BoardSummary["capability"]) => pack.summaries.find((s) => s.capability === capability)!;
const column = (s: BoardSummary, header: string) => s.table.columns.findIndex((c) => c.header === header);
/** A column's rows added up exactly (each cell as Excel holds it, to the penny), against its totals cell. */
const added = (s: BoardSummary, header: string) => s.rows.reduce((a, r) => a.plus(new Money(String(r[column(s, header)] ?? 0))), new Money(0));
const total = (s: BoardSummary, header: string) => new Money(String(s.totals[column(s, header)]));

describe("the Board pack from the sample workbook", () => {
  it("has a page for each capability, in order, and leaves none out", () => {
    expect(pack.left).toEqual([]);
    expect(pack.summaries.map((s) => s.capability)).toEqual(["control-total", "allocation", "alignment", "capital"]);
    for (const s of pack.summaries) {
      expect(s.totals, s.capability).toHaveLength(s.table.columns.length);
      s.rows.forEach((r) => expect(r).toHaveLength(s.table.columns.length));
      expect(s.table.columns.some((c) => c.header === s.chart.values) && s.table.columns.some((c) => c.header === s.chart.categories)).toBe(true);
    }
  });

  it("control total: totals are the system's figures to the penny, in £k on the page, with the RAG, ladder, reserve and membership clauses", async () => {
    const s = of("control-total");
    const ledger = PlanLedger.of(rulebook, (await readPlans(workbook))!);
    const month = Math.max(...ledger.months);
    const report = rollUp(ledger, month, await readRiskReserves(workbook, rulebook));
    for (const [header, figure] of [["Plan (£k)", report.system.plan], ["Forecast outturn (£k)", report.system.forecast], ["Forecast variance (£k)", report.system.forecastVariance]] as const) {
      expect(total(s, header).equals(figure), header).toBe(true);
      expect(added(s, header).equals(figure), header).toBe(true);
    }
    expect(s.table.columns[column(s, "Plan (£k)")]!.format).toBe('£#,##0,"k";-£#,##0,"k"');
    expect(s.headline).toContain(`deficit of ${thousands(report.system.plan.abs())}`);
    expect(s.headline).toContain(`deficit of ${thousands(report.system.forecast.abs())}`);
    const ct = rulebook.controlTotal!;
    for (const clause of [ct.rag.clause, ct.escalation.clause, ct.membership.clause, ct.offsetting.clause]) expect(s.rules.join("\n")).toContain(clause);
  });

  it("allocation: the allocations and their total are the fund exactly; shares total 100%; the formula and its clause named", () => {
    const s = of("allocation");
    const fund = s.headline.match(/^(£[\d,]+\.\d\d)/)![1]!;
    const fundMoney = new Money(fund.replace(/[£,]/g, ""));
    expect(total(s, "Allocation").equals(fundMoney)).toBe(true);
    expect(added(s, "Allocation").equals(fundMoney)).toBe(true);
    expect(s.totals[column(s, "Share")]).toBe(1);
    expect(cellText(s.table.columns[column(s, "Allocation")]!, s.totals[column(s, "Allocation")]!)).toBe(fund);
    expect(s.rules.join("\n")).toContain(rulebook.allocation!.clause);
    expect(s.rules.join("\n")).toMatch(/sum exactly to the fund/);
  });

  it("plan alignment: totals over every flow to the penny (sensitive ones in aggregate), the materiality test and MoU 12.2", () => {
    const s = of("alignment");
    for (const header of ["Income reported", "Expenditure reported", "Difference"]) expect(added(s, header).equals(total(s, header)), header).toBe(true);
    expect(total(s, "Income reported").minus(total(s, "Expenditure reported")).equals(total(s, "Difference"))).toBe(true);
    expect(s.rules.join("\n")).toContain(rulebook.planAlignment!.clause);
    expect(s.rules.join("\n")).toContain(rulebook.planAlignment!.sensitiveClause);
    expect(s.headline).toMatch(/^\d+ of \d+ flows agree/);
  });

  it("capital: the funded total is the funded schemes' cost and within the envelope; the objective and decision rule named", () => {
    const s = of("capital");
    expect(added(s, "Funded").equals(total(s, "Funded"))).toBe(true);
    expect(added(s, "Cost").equals(total(s, "Cost"))).toBe(true);
    const funded = s.rows.filter((r) => r[column(s, "Decision")] === "Funded").length;
    // The lower-ranked schemes not funded are one line, so the page stays one page; the headline counts every scheme.
    const others = Number(String(s.rows.at(-1)![column(s, "Scheme")]).match(/^(\d+) other schemes/)![1]);
    expect(s.rows.length - 1).toBeLessThanOrEqual(12);
    expect(s.headline).toContain(`Fund ${funded} of ${s.rows.length - 1 + others} schemes`);
    expect(s.headline).toContain(`for ${cellText(s.table.columns[column(s, "Funded")]!, s.totals[column(s, "Funded")]!)} of the`);
    expect(s.rules.join("\n")).toContain(rulebook.capital!.clause);
    const rule = rulebook.rules.find((r) => r.id === rulebook.capital!.decisionRule)!;
    expect(s.rules.join("\n")).toContain(`${rule.label} (${rule.clause})`);
  });

  it("every page names the rulebook, its version and the date, in the notes and the page header and footer", () => {
    const version = rulebookVersion(rulebook);
    expect(version).toMatch(/^[0-9a-f]{8}$/);
    for (const s of pack.summaries) {
      expect(s.rulebook).toEqual({ name: rulebook.name, version });
      const report = boardReport(s, rulebook.name);
      expect(report.notes.join(" ")).toContain(`rulebook version ${version} · 1 April 2026`);
      expect(report.pageLayout!.header).toEqual({ left: rulebook.name, center: "Board pack", right: "1 April 2026" });
      expect(report.pageLayout!.footer.left).toContain(version);
      expect(report.pageLayout!.footer.right).toBe("Page &P of &N");
      expect(report.totals).toEqual(s.totals);
    }
  });
});

describe("the pieces", () => {
  it("a rulebook's version changes with any change to it and not otherwise", () => {
    expect(rulebookVersion(defaultRulebook())).toBe(rulebookVersion(rulebook));
    expect(rulebookVersion({ ...rulebook, name: `${rulebook.name} (amended)` })).not.toBe(rulebookVersion(rulebook));
  });

  it("£k rounds half to even on whole thousands and puts the minus sign first", () => {
    expect(thousands(new Money("-36500000"))).toBe("-£36,500k");
    expect(thousands(new Money("2500"))).toBe("£2k");
    expect(thousands(new Money("3500"))).toBe("£4k");
    expect(thousands(new Money("-400"))).toBe("£0k");
  });

  it("writes money formats with negatives after a minus sign or in brackets, the positive section as it was", () => {
    expect(withNegatives('£#,##0,"k";-£#,##0,"k"', "brackets")).toBe('£#,##0,"k";(£#,##0,"k")');
    expect(withNegatives('£#,##0,"k";(£#,##0,"k")', "minus")).toBe('£#,##0,"k";-£#,##0,"k"');
    expect(withNegatives("£#,##0.00;-£#,##0.00", "brackets")).toBe("£#,##0.00;(£#,##0.00)");
    // A format with no negatives section gains one.
    expect(withNegatives("£#,##0.00", "minus")).toBe("£#,##0.00;-£#,##0.00");
  });

  it("a report in brackets formats every money column so, pounds and £k, and leaves the rest; the page's text follows its format", () => {
    const control = of("control-total");
    const report = boardReport(control, "Test ICS", "brackets");
    const formats = report.table.columns.map((c) => c.format ?? null);
    control.table.columns.forEach((c, i) => {
      if (c.kind === "money") expect(formats[i], c.header).toMatch(/;\(£#,##0(\.00)?(,"k")?\)$/);
      else expect(formats[i], c.header).toBe(c.format ?? null);
    });
    expect(boardReport(control, "Test ICS").table.columns.map((c) => c.format ?? null)).toEqual(control.table.columns.map((c) => (c.kind === "money" ? c.format ?? "£#,##0.00;-£#,##0.00" : c.format ?? null)));
    // The summary itself is unchanged: it is the pane's too.
    expect(control.table.columns[column(control, "Plan (£k)")]!.format).toBe('£#,##0,"k";-£#,##0,"k"');
    const variance = report.table.columns[column(control, "Forecast variance (£k)")]!;
    expect(cellText(variance, -36_499_500.01)).toBe("(£36,500k)");
    expect(cellText(variance, -36_499_500.01, "minus")).toBe("-£36,500k");
    expect(cellText({ header: "Cost", kind: "money" }, -1234.5, "brackets")).toBe("(£1,234.50)");
    expect(cellText({ header: "Cost", kind: "money" }, -1234.5)).toBe("-£1,234.50");
  });

  it("wraps a note at spaces within the width, losing no word", () => {
    const text = "Apportionment of transformation funds (MoU 9.7–9.9): need-weighted per capita; floors and caps from the Places table";
    const lines = wrapText(text, 40);
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    expect(lines.join(" ")).toBe(text);
  });
});
