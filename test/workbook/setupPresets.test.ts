// Set-up per preset on the in-memory workbook: the chosen system's rulebook stored, its sample read by every capability (none for a blank system).
import { beforeAll, describe, expect, it } from "vitest";
import { assess, outsideCapitalFramework, type MilpSolver } from "../../src/rules/capital";
import { PlanLedger, rollUp } from "../../src/rules/controlTotal";
import { alignPlans } from "../../src/rules/planAlignment";
import { presetRulebook } from "../../src/rules/presets";
import { loadSolver } from "../../src/rules/solver";
import { capitalUnits } from "../../src/rules/tiers";
import { allocationUnitWords, runFormula } from "../../src/rules/allocation";
import { Money } from "../../src/rules/money";
import { ALLOCATION_REPORT, readPlaceInputs, writeAllocationReport } from "../../src/workbook/allocation";
import { readSchemesTable, restrictedOrganisations } from "../../src/workbook/capital";
import { readPlans, readRiskReserves } from "../../src/workbook/controlTotal";
import { readBoardMembers } from "../../src/workbook/decisions";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { readPlanLines } from "../../src/workbook/planAlignment";
import { loadRulebook } from "../../src/workbook/rulebookStore";
import { describeSetup, setUpWorkbook } from "../../src/workbook/setup";
import { ADD_IN_TABLES, PARTNERS, RULEBOOK_SETTING, RULES_TABLES } from "../../src/workbook/tables";

const nenc = presetRulebook("north-east-north-cumbria")!;
const blank = presetRulebook("blank")!;
let solver: MilpSolver;
beforeAll(async () => {
  solver = await loadSolver();
});

describe("set-up with North East and North Cumbria", () => {
  it("stores the NENC rulebook and fills every table with its sample, which each capability reads by ICP", async () => {
    const workbook = new MemoryWorkbook();
    const report = await setUpWorkbook(workbook, nenc);
    expect(report.sample).toBe(true);
    expect(describeSetup(report)).toBe(`Created ${ADD_IN_TABLES.length} tables with the sample data.`);
    const loaded = await loadRulebook(workbook);
    expect([loaded.source, loaded.rulebook.id]).toEqual(["workbook", "north-east-north-cumbria"]);

    const partners = await workbook.readTable(PARTNERS.name);
    expect(partners!.rows.map((r) => r[0])).toEqual(nenc.partners.map((p) => p.code));
    expect(partners!.rows.find((r) => r[0] === "RTF")![3]).toBe("North ICP");

    const members = (await readBoardMembers(workbook))!;
    const group = members.filter((m) => m.body === "ICS Management Group" && m.role === "Member");
    expect(group).toHaveLength(8);

    // The control total rolls up to the four ICPs, each reserve under its ICP.
    const plans = (await readPlans(workbook))!;
    const reserves = await readRiskReserves(workbook, nenc);
    expect([...reserves.keys()]).toEqual(["icp-north", "icp-central", "icp-south", "icp-north-cumbria"]);
    const position = rollUp(PlanLedger.of(nenc, plans), 12, reserves);
    expect(position.places.map((p) => p.name)).toEqual(expect.arrayContaining(["North ICP", "Central ICP", "South ICP", "North Cumbria ICP"]));

    // Allocation by ICP, and its report says so.
    const units = (await readPlaceInputs(workbook, nenc))!;
    expect(units.map((p) => p.place)).toEqual(["North ICP", "Central ICP", "South ICP", "North Cumbria ICP"]);
    const formula = nenc.allocation!.formulas.find((f) => f.id === nenc.allocation!.defaultFormula)!;
    const allocated = runFormula(formula, new Money("12000000"), units, nenc.allocation!.clause, allocationUnitWords(nenc));
    expect(allocated.explanation).toMatch(/ICP/);
    await writeAllocationReport(workbook, nenc, allocated, units);
    const written = workbook.reportOf(ALLOCATION_REPORT.name)!;
    expect([written.title, written.chart?.title]).toEqual(["ICP transformation allocation", "Allocation by ICP (£)"]);

    // Plan lines pair up under the NENC materiality.
    const lines = (await readPlanLines(workbook, nenc))!;
    expect(alignPlans(lines, nenc.planAlignment!.materiality, nenc.planAlignment!.clause).filter((f) => f.status === "mismatch").length).toBeGreaterThanOrEqual(3);

    // Capital over three years, its minimums by ICP: the default envelope each year has a proven portfolio.
    const table = (await readSchemesTable(workbook, nenc))!;
    expect(table.years).toEqual(["2025/26", "2026/27", "2027/28"]);
    expect(table.schemes.find((s) => s.name === "Hartlepool community beds")!.place).toBe("icp-south");
    const year = 20_000_000_00;
    const assessment = assess(
      nenc.capital!,
      table.schemes,
      {
        weightPoints: nenc.capital!.criteria.map((c) => c.weight),
        envelope: 3 * year,
        years: table.years.map((label) => ({ label, envelope: year })),
        restricted: await restrictedOrganisations(workbook, nenc),
        outsideFramework: outsideCapitalFramework(nenc),
        locks: new Map(),
        ...capitalUnits(nenc),
      },
      solver,
    );
    expect(assessment.optimum.status).toBe("optimal");
    expect(assessment.rules.places).toEqual(["icp-north", "icp-central", "icp-south", "icp-north-cumbria"]);
  });
});

describe("set-up with a blank system", () => {
  it("stores the blank rulebook and makes every table empty, saying so", async () => {
    const workbook = new MemoryWorkbook();
    const report = await setUpWorkbook(workbook, blank);
    expect(report.sample).toBe(false);
    expect(describeSetup(report)).toMatch(new RegExp(`^Created ${ADD_IN_TABLES.length} tables, empty: a blank system has no sample data`));
    // Empty but for the Rules sheets, which hold the blank rulebook itself (one tier, board, matter and rule).
    for (const spec of ADD_IN_TABLES.filter((t) => !Object.values(RULES_TABLES).some((r) => r.name === t.name))) expect((await workbook.readTable(spec.name))!.rows, spec.name).toEqual([]);
    expect(JSON.parse((await workbook.readSetting(RULEBOOK_SETTING))!).id).toBe("blank");
  });
});

describe("a stored rulebook from before a section existed", () => {
  it("takes the missing section from its own preset (NENC's capital for a NENC workbook), never another's", async () => {
    const older: Record<string, unknown> = JSON.parse(JSON.stringify(nenc));
    delete older.capital;
    const workbook = new MemoryWorkbook();
    await workbook.writeSetting(RULEBOOK_SETTING, JSON.stringify(older));
    const { rulebook } = await loadRulebook(workbook);
    expect(rulebook.capital).toEqual(nenc.capital);
  });
});
