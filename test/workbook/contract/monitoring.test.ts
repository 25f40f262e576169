// The Deliverables and Monitoring tables through both gateways (in-memory, and Excel over the fake Excel): made at
// set-up with each system's sample, read by header wherever a person moved the columns, bad rows refused alike.
import { describe, expect, it } from "vitest";
import { readPlaceInputs } from "../../../src/workbook/allocation";
import { runFormula } from "../../../src/rules/allocation";
import { monitorFunds, type MonitoringReport } from "../../../src/rules/monitoring";
import { Money } from "../../../src/rules/money";
import { presetRulebook } from "../../../src/rules/presets";
import type { Rulebook } from "../../../src/rules/rulebook";
import { readDeliverables, readMonitoringInputs, readMonitoringReturns } from "../../../src/workbook/monitoring";
import { setUpWorkbook } from "../../../src/workbook/setup";
import { DELIVERABLES, MONITORING } from "../../../src/workbook/tables";
import { bothSides } from "./onBoth";
import type { Side } from "./sides";

const onBoth = bothSides();

/** The failure's message, and that the tables are as they were. */
async function refused(side: Side, read: () => Promise<unknown>): Promise<string> {
  const before = [side.view(DELIVERABLES.name), side.view(MONITORING.name)];
  const message = await read().then(
    () => "no error",
    (e: Error) => e.message,
  );
  expect([side.view(DELIVERABLES.name), side.view(MONITORING.name)], "reading writes nothing").toEqual(before);
  return message;
}

/** The monitoring of the sample as the Allocation panel first shows it: the default formula on last year's baselines. */
async function sampleMonitoring(side: Side, rb: Rulebook): Promise<MonitoringReport> {
  const places = (await readPlaceInputs(side.workbook, rb))!;
  const fund = places.reduce((a, p) => a.plus(p.baseline!), new Money(0));
  const formula = rb.allocation!.formulas.find((f) => f.id === rb.allocation!.defaultFormula)!;
  const allocation = runFormula(formula, fund, places, rb.allocation!.clause);
  const { deliverables, returns } = await readMonitoringInputs(side.workbook, rb);
  return monitorFunds(rb, allocation.places.map((p) => ({ unit: p.place, allocation: p.allocation })), deliverables!, returns!);
}

/** What a report says, as plain values both sides can be compared on. */
const summary = (report: MonitoringReport) =>
  report.units.map((u) => ({
    name: u.name,
    deliverables: u.deliverables.length,
    rags: u.ratings.map((r) => `Q${r.quarter} ${r.rag}`),
    tranches: u.tranches.map((t) => `${t.status} ${t.amount.toFixed(2)}`),
  }));

describe("the Deliverables and Monitoring tables", () => {
  it("set-up makes them with Mid and South Essex's sample, marked as sample; read back, a Place's Q3 tranche is held and another's goes with an action plan", async () => {
    const rb = presetRulebook("mid-south-essex")!;
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, rb);
      expect(side.view(MONITORING.name)!.headers).toEqual(MONITORING.columns.map((c) => c.header));
      expect(side.view(MONITORING.name)!.rows.every((r) => String(r[5]).startsWith("Sample (illustrative): "))).toBe(true);
      expect(side.view(DELIVERABLES.name)!.rows.every((r) => String(r[1]).startsWith("Sample: "))).toBe(true);
      const report = await sampleMonitoring(side, rb);
      const byName = new Map(report.units.map((u) => [u.name, u]));
      expect(report.latestQuarter).toBe(2);
      expect(byName.get("Thurrock")!.tranches.map((t) => t.status)).toEqual(["released", "released", "released", "awaiting"]);
      expect(byName.get("South East Essex")!.tranches[2]).toMatchObject({ status: "held", wording: "held pending SFLG review" });
      expect(byName.get("Mid Essex")!.tranches[2]).toMatchObject({ status: "released", wording: "released with an action plan" });
      expect(byName.get("Basildon and Brentwood")!.tranches[2]).toMatchObject({ status: "awaiting", wording: "awaiting the Q2 return" });
      return summary(report);
    });
  });

  it("set-up under North East and North Cumbria monitors by ICP: Central's Q3 tranche held for the Management Group", async () => {
    const rb = presetRulebook("north-east-north-cumbria")!;
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, rb);
      const report = await sampleMonitoring(side, rb);
      expect(report.tier.label).toBe("ICP");
      const central = report.units.find((u) => u.name === "Central ICP")!;
      expect(central.tranches[2]).toMatchObject({ status: "held", wording: "held pending Management Group review" });
      expect(report.units.find((u) => u.name === "South ICP")!.tranches[2]!.wording).toBe("released with an action plan");
      return summary(report);
    });
  });

  it("reads by header wherever a person moved the columns or added one, blank rows left out; a formula's 114.99999999999999 is £115", async () => {
    const rb = presetRulebook("mid-south-essex")!;
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, rb);
      side.user.reorderColumns(MONITORING.name, ["Note", "Spend to date", "Quarter", "Unit", "Milestones delivered", "Milestones due"]);
      side.user.insertColumn(MONITORING.name, 1, "Checked by", side.view(MONITORING.name)!.rows.map(() => "A. Reviewer"));
      side.user.insertBlankRow(MONITORING.name, 2);
      side.user.reorderColumns(DELIVERABLES.name, ["Due quarter", "Outcome measure", "Deliverable", "Unit"]);
      side.user.setFormula(MONITORING.name, 0, "Spend to date", "=100*1.15", 114.99999999999999);
      const returns = (await readMonitoringReturns(side.workbook, rb))!;
      const deliverables = (await readDeliverables(side.workbook, rb))!;
      expect(returns).toHaveLength(7);
      expect(returns[0]!.spendToDate.toFixed(2)).toBe("115.00");
      expect(deliverables[0]).toMatchObject({ id: "thurrock-1", unit: "thurrock", dueQuarter: 2, outcomeMeasure: "Non-elective admissions of people over 75" });
      expect(deliverables.map((d) => d.id).slice(2, 5)).toEqual(["thurrock-3", "south-east-essex-1", "south-east-essex-2"]);
      return { returns: returns.map((r) => ({ ...r, spendToDate: r.spendToDate.toFixed(2) })), deliverables };
    });
  });

  it("refuses bad rows alike, naming every row and field, and writes nothing", async () => {
    const rb = presetRulebook("mid-south-essex")!;
    await onBoth(async (side) => {
      await setUpWorkbook(side.workbook, rb);
      side.user.editCell(MONITORING.name, 0, "Quarter", "Q5");
      side.user.editCell(MONITORING.name, 2, "Spend to date", "about four million");
      side.user.editCell(MONITORING.name, 3, "Milestones delivered", 9);
      side.user.editCell(MONITORING.name, 4, "Unit", "Atlantis");
      side.user.editCell(DELIVERABLES.name, 1, "Due quarter", "");
      const returns = await refused(side, () => readMonitoringReturns(side.workbook, rb));
      expect(returns).toBe(
        "4 rows of ICS_Monitoring cannot be used: " +
          'ICS_Monitoring row 1 (Quarter): "Q5" is not a quarter; use 1 to 4 (or Q1 to Q4) of the financial year; ' +
          'ICS_Monitoring row 3 (Spend to date): "about four million" is not an amount in pounds; ' +
          "ICS_Monitoring row 4 (Milestones delivered): 9 delivered is more than the 6 due to date; both count the year so far; " +
          'ICS_Monitoring row 5 (Unit): "Atlantis" is not one of the rulebook\'s Places',
      );
      const deliverables = await refused(side, () => readDeliverables(side.workbook, rb));
      expect(deliverables).toBe("1 row of ICS_Deliverables cannot be used: ICS_Deliverables row 2 (Due quarter): blank is not a quarter; use 1 to 4 (or Q1 to Q4) of the financial year");
      return { returns, deliverables };
    });
  });

  it("says there is no table when the workbook has none, or a person deleted it; a blank system's are made empty", async () => {
    await onBoth(async (side) => {
      const before = await readMonitoringInputs(side.workbook, presetRulebook("mid-south-essex")!);
      await setUpWorkbook(side.workbook, presetRulebook("blank")!);
      const blank = await readMonitoringInputs(side.workbook, presetRulebook("blank")!);
      side.user.deleteTable(MONITORING.name);
      const after = await readMonitoringInputs(side.workbook, presetRulebook("blank")!);
      expect(before).toEqual({ deliverables: undefined, returns: undefined });
      expect(blank).toEqual({ deliverables: [], returns: [] });
      expect(after).toEqual({ deliverables: [], returns: undefined });
      return { before, blank, after };
    });
  });
});
