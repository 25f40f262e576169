// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { openPanel as openTab } from "./openPanel";
import { PLANS, STATEMENT_DETAIL } from "../../src/workbook/tables";

afterEach(cleanup);

async function openStatement() {
  const workbook = await openTab("Control total");
  await screen.findByText("System position, March");
  fireEvent.click(await screen.findByRole("button", { name: /^Control total statement/ }));
  await screen.findByRole("table", { name: "Control total statement, £k" });
  return workbook;
}

const statementTable = () => screen.getByRole("table", { name: "Control total statement, £k" });
const line = (key: string) => statementTable().querySelector(`tr[data-line="${key}"]`)!.textContent ?? "";

function chooseFile(name: string, text: string) {
  const file = new File([text], name, { type: name.endsWith(".csv") ? "text/csv" : "" });
  // jsdom's File may lack arrayBuffer(); the browser's has it.
  Object.defineProperty(file, "arrayBuffer", { value: async () => new TextEncoder().encode(text).buffer });
  fireEvent.change(screen.getByLabelText("File of the month's figures"), { target: { files: [file] } });
}

const HEADER = "Organisation,Month,Plan,YTD plan,YTD actual,Forecast outturn";

describe("the control total statement", () => {
  it("shows the financial year, the month, each organisation with RAG and ladder step, Place and system totals in £k, marked as sample", async () => {
    await openStatement();
    const section = statementTable().closest("[role=region]")!.parentElement!;
    expect(section.textContent).toMatch(/Financial year \d{4}\/\d{2} · March \d{4} \(month 12 of \d{4}\/\d{2}\) · figures in £k/);
    expect(screen.getByText("Sample figures")).toBeTruthy();
    expect(line("MSEFT")).toContain("Red");
    expect(line("MSEFT")).toContain("Organisational improvement plan (MoU 7.8)");
    // Key columns at any width: YTD variance and forecast variance, in £k.
    expect(line("MSEFT")).toContain("-6,500");
    expect(line("system")).toContain("System total");
    expect(line("system")).toContain("-7,300");
    expect(line("south-east-essex")).toContain("South East Essex total");
    expect(screen.getByText(/each rounded on its own line/)).toBeTruthy();
    expect(screen.getByText(/^Illustrative: what counts as non-recurrent/)).toBeTruthy();

    fireEvent.click(screen.getByRole("switch", { name: /Show every column/ }));
    const headers = within(statementTable()).getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers).toEqual(expect.arrayContaining(["Annual plan (£k)", "Underlying forecast (£k)", "Efficiency delivered YTD (£k)", "CDEL (£k)", "CDEL less forecast (£k)"]));
    // The trust: plan −£30m; £12m of non-recurrent items in a −£36.5m forecast leave −£48.5m underlying; £70.5m capital against £68m CDEL.
    expect(line("MSEFT")).toContain("-30,000");
    expect(line("MSEFT")).toContain("-48,500");
    expect(line("MSEFT")).toContain("-2,500");
  });

  it("shows the trend of plan and actual for the system and a chosen organisation, with the figures as a table", async () => {
    await openStatement();
    expect(screen.getByRole("figure", { name: "System: year-to-date plan and actual" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Organisation for the trend"), { target: { value: "MSEFT" } });
    const trust = await screen.findByRole("figure", { name: "Mid and South Essex NHS Foundation Trust: year-to-date plan and actual" });
    expect(trust.textContent).toContain("By March the year-to-date actual is -£36,500k against a plan of -£30,000k: £6,500k adverse (a negative figure is a deficit).");
    expect(within(trust).getByRole("table").textContent).toContain("-2,500");
  });

  it("loads a month's clean file on request, replacing only those rows, and shows the statement for it", async () => {
    const workbook = await openStatement();
    const before = (await workbook.readTable(PLANS.name))!.rows;
    chooseFile("march.csv", `${HEADER}\nMSEFT,12,-30000000,-30000000,-33000000,-31000000\n`);
    await screen.findByText("march.csv is clean");
    // Nothing is loaded until the person asks.
    expect((await workbook.readTable(PLANS.name))!.rows).toEqual(before);
    fireEvent.click(screen.getByRole("button", { name: "Load 1 row" }));
    await screen.findByText(/^Loaded 1 row from march\.csv for March \d{4} \(month 12 of \d{4}\/\d{2}\): 1 organisation, 1 row replaced, 0 added\.$/);
    await waitFor(() => expect(line("MSEFT")).toContain("-1,000"));
    const after = (await workbook.readTable(PLANS.name))!.rows;
    const was = new Set(before.map((r) => JSON.stringify(r)));
    expect(after).toHaveLength(before.length);
    expect(after.filter((r) => !was.has(JSON.stringify(r)))).toEqual([["MSEFT", 12, -30_000_000, -30_000_000, -33_000_000, -31_000_000, 1_200_000_000]]);
  });

  it("lists every problem in a bad file with row and column, loads nothing, and loads only the clean rows when asked", async () => {
    const workbook = await openStatement();
    const plans = JSON.stringify(await workbook.readTable(PLANS.name));
    const detail = JSON.stringify(await workbook.readTable(STATEMENT_DETAIL.name));
    chooseFile("bad.csv", [HEADER, "MSEFT,12,-30000000,-30000000,-33000000,-31000000", "Nowhere,12,0,0,0,0", "ICB-BB,13,0,0,0,0", "ICB-ME,12,0,0,lots,0"].join("\n"));
    const alert = await screen.findByRole("alert", { name: /1 of 4 rows is clean/ });
    expect(alert.textContent).toContain("3 problems in bad.csv: nothing has been loaded");
    const problems = within(alert).getAllByRole("listitem").map((li) => li.textContent);
    expect(problems).toEqual([
      'Row 3, column A (Organisation): "Nowhere" is not an organisation in the rulebook (give its code or its name, e.g. ECC)',
      "Row 4, column B (Month): 13 is not a month of the financial year: months run from 1 (April) to 12 (March)",
      'Row 5, column E (YTD actual): "lots" is not an amount in pounds',
    ]);
    expect(document.activeElement).toBe(alert);
    expect(JSON.stringify(await workbook.readTable(PLANS.name))).toBe(plans);

    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alert", { name: /rows is clean/ })).toBeNull();
    expect(JSON.stringify(await workbook.readTable(PLANS.name))).toBe(plans);

    chooseFile("bad.csv", [HEADER, "MSEFT,12,-30000000,-30000000,-33000000,-31000000", "Nowhere,12,0,0,0,0"].join("\n"));
    fireEvent.click(await screen.findByRole("button", { name: "Load the 1 clean row" }));
    await screen.findByText(/^Loaded 1 row from bad\.csv .* 1 row with problems was left out\.$/);
    expect(JSON.stringify(await workbook.readTable(STATEMENT_DETAIL.name))).toBe(detail);
  });

  it("takes a file of one row per organisation for the month chosen", async () => {
    const workbook = await openStatement();
    chooseFile("june.csv", "Organisation,Plan,YTD plan,YTD actual,Forecast outturn\nICB-STH,0,0,-100000,-900000");
    expect(await screen.findByText("Row 1: no Month column: add one, or choose the month the figures are for")).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^Month to load/), { target: { value: "3" } });
    fireEvent.click(await screen.findByRole("button", { name: "Load 1 row" }));
    await screen.findByText(/^Loaded 1 row from june\.csv for June/);
    const june = (await workbook.readTable(PLANS.name))!.rows.filter((r) => r[0] === "ICB-STH" && r[1] === 3);
    expect(june).toEqual([["ICB-STH", 3, 0, 0, -100_000, -900_000, 300_000_000]]);
    // The panel shows the month loaded.
    await screen.findByText("System position, June");
  });
});
