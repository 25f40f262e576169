// The Excel boundary at a system's scale: 100,000 plan lines read from the add-in's table in the fake Excel, aligned,
// and the report written back, against the same on the in-memory workbook (the baseline: no Office.js, no payload
// limit, no syncs). Also prints the round trips (syncs) and the largest payload each step takes.
import { afterAll, bench, describe } from "vitest";
import { alignPlans } from "../../src/rules/planAlignment";
import { defaultRulebook } from "../../src/rules/presets";
import { ExcelWorkbook } from "../../src/workbook/excel";
import type { Cell, Workbook } from "../../src/workbook/gateway";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { alignmentSettings, readAssumptions, readPlanLines, readResolutions, writeAlignmentReport } from "../../src/workbook/planAlignment";
import { readPlans, readRiskReserves } from "../../src/workbook/controlTotal";
import { readPlaceInputs } from "../../src/workbook/allocation";
import { readSchemesTable, restrictedOrganisations } from "../../src/workbook/capital";
import { readBoardMembers, readConflicts, verifyWorkbookLog } from "../../src/workbook/decisions";
import { listScenarios } from "../../src/workbook/scenarios";
import { readScenarioData } from "../../src/workbook/scenarioApply";
import { setUpWorkbook } from "../../src/workbook/setup";
import { PLAN_LINES } from "../../src/workbook/tables";
import { installFakeExcel } from "../workbook/fakeExcel";

const LINES = 100_000;
const rulebook = defaultRulebook();
const codes = rulebook.partners.map((p) => p.code);
const CATEGORIES = ["Clinical contract", "Non-clinical", "Recharges"];
let seed = 20261201;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;

/** Plan lines between random pairs of partners, in pounds and pence. */
const lines: Cell[][] = Array.from({ length: LINES }, () => {
  const organisation = pick(codes);
  const counterparty = pick(codes.filter((c) => c !== organisation));
  return [organisation, counterparty, random() < 0.5 ? "Income" : "Expenditure", pick(CATEGORIES), Math.round(random() * 5_000_000_00) / 100, false];
});

async function workbookWithLines(workbook: Workbook): Promise<Workbook> {
  await setUpWorkbook(workbook, rulebook);
  await workbook.replaceRows(PLAN_LINES, lines);
  return workbook;
}

/** What the Plan alignment panel does with the lines: read them (and the log), pair them, write the report. */
async function alignAndReport(workbook: Workbook): Promise<void> {
  const [planLines, log] = await Promise.all([readPlanLines(workbook, rulebook), readResolutions(workbook)]);
  const flows = alignPlans(planLines!, alignmentSettings(rulebook).materiality, alignmentSettings(rulebook).clause);
  await writeAlignmentReport(workbook, rulebook, flows, log!);
}

const fake = installFakeExcel();
const excel = new ExcelWorkbook();
const memory = new MemoryWorkbook();

/** What each panel reads when it opens, as its hook does (test/taskpane/panelSyncs.test.tsx checks the hooks themselves). */
const PANEL_LOADS: Record<string, (wb: Workbook) => Promise<unknown>> = {
  Decisions: (wb) => Promise.all([readBoardMembers(wb), readConflicts(wb), verifyWorkbookLog(wb)]),
  "Control total": (wb) => Promise.all([readPlans(wb), readRiskReserves(wb, rulebook)]),
  Allocation: (wb) => readPlaceInputs(wb, rulebook),
  "Plan alignment": (wb) => Promise.all([readPlanLines(wb, rulebook), readAssumptions(wb, rulebook), readResolutions(wb)]),
  Capital: (wb) => Promise.all([readSchemesTable(wb, rulebook), restrictedOrganisations(wb, rulebook)]),
  Scenarios: (wb) => Promise.all([listScenarios(wb, rulebook), readScenarioData(wb, rulebook)]),
};

// The round trips, measured once before timing (the fake counts every context.sync).
fake.resetCounters();
const sample = new ExcelWorkbook();
await setUpWorkbook(sample, rulebook);
const setupSyncs = fake.syncs;
const panelSyncs: string[] = [];
for (const [panel, load] of Object.entries(PANEL_LOADS)) {
  fake.resetCounters();
  await load(sample);
  panelSyncs.push(`${panel} ${fake.syncs}`);
}
await workbookWithLines(excel);
fake.resetCounters();
await alignAndReport(excel);
const alignment = { syncs: fake.syncs, request: fake.largestRequestBytes, response: fake.largestResponseBytes };
await workbookWithLines(memory);

afterAll(() => {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  console.log(
    [
      "Excel boundary (fake Excel):",
      `  first-time set-up: ${setupSyncs} syncs`,
      `  a panel's load on the sample workbook (syncs): ${panelSyncs.join(", ")}`,
      `  100,000 plan lines read, aligned, report written: ${alignment.syncs} syncs (${((alignment.syncs * 10_000) / LINES).toFixed(1)} per 10,000 rows); largest request ${mb(alignment.request)}, largest response ${mb(alignment.response)} (limit 5 MB)`,
    ].join("\n"),
  );
  fake.uninstall();
});

describe("100,000 plan lines: read from the table, aligned, report written", () => {
  bench("Excel gateway on the fake Excel", () => alignAndReport(excel), { iterations: 3, time: 0, warmupIterations: 1 });
  bench("baseline: the in-memory workbook", () => alignAndReport(memory), { iterations: 3, time: 0, warmupIterations: 1 });
});
