// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { openPanel as openTab, rulebook } from "./openPanel";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { setUpWorkbook } from "../../src/workbook/setup";
import { PLANS } from "../../src/workbook/tables";
import { CONTROL_TOTAL_REPORT } from "../../src/workbook/controlTotal";
import { itFollowsTheWorkbook } from "./live";

afterEach(cleanup);

const openPanel = (prepare?: (workbook: MemoryWorkbook) => void) => openTab("Control total", prepare);

const system = () => screen.getByTestId("system-position").textContent ?? "";
const organisationRow = (code: string) => within(screen.getByRole("table", { name: "Organisations inside the control total" })).getByRole("row", { name: new RegExp(code) });

describe("the Control total panel", () => {
  it("shows the system against its control total in the latest month, with RAG and the SFLG's recommendations", async () => {
    await openPanel();
    await screen.findByText("System position, March");
    expect(system()).toContain("-£29.50m");
    expect(system()).toContain("-£7.30m");
    expect(system()).toContain("Not covered");
    expect(organisationRow("MSEFT").textContent).toContain("Organisational improvement plan (MoU 7.8); discretionary capital restricted");
    expect(organisationRow("MSEFT").textContent).toContain("Red");
    expect(organisationRow("ICB-ME").textContent).toContain("Green");
    const outside = screen.getByRole("group", { name: "Outside the control total" }).textContent ?? "";
    expect(outside).toContain("Essex County Council: Council: not subject to the NHS control total (MoU 6.13, 6.30; Annex 1)");
    expect(outside).toContain("Provide CIC");
  });

  it("changes month, and the ladder with it", async () => {
    await openPanel();
    await screen.findByText("System position, March");
    fireEvent.change(screen.getByLabelText("Month"), { target: { value: "3" } });
    await screen.findByText("System position, June");
    expect(organisationRow("MSEFT").textContent).toContain("Financial recovery plan");
  });

  it("answers a what if at once without writing to the sheet", async () => {
    const workbook = await openPanel();
    await screen.findByText("System position, March");
    const before = JSON.stringify(await workbook.readTable(PLANS.name));
    fireEvent.change(screen.getByLabelText("Organisation"), { target: { value: "MSEFT" } });
    fireEvent.change(screen.getByLabelText("Forecast outturn (£)"), { target: { value: "-30,000,000" } });
    expect(system()).toContain("What if");
    expect(system()).toContain("-£0.80m");
    expect(system()).toContain("was -£7.30m");
    expect(organisationRow("MSEFT").textContent).not.toContain("improvement plan");
    expect(JSON.stringify(await workbook.readTable(PLANS.name))).toBe(before);

    fireEvent.change(screen.getByLabelText("Forecast outturn (£)"), { target: { value: "about thirty million" } });
    expect(screen.getByText('"about thirty million" is not an amount in pounds')).toBeTruthy();
    expect(system()).not.toContain("What if");
    fireEvent.click(screen.getByRole("button", { name: "Clear" }));
    expect(system()).toContain("-£7.30m");
  });

  it("names the bad rows of the Plans table and shows no figures from it", async () => {
    await openPanel((workbook) => {
      workbook.editCell(PLANS.name, 2, "Plan", "a lot");
      workbook.editCell(PLANS.name, 5, "Month", 13);
    });
    const alert = await screen.findByText(/rows of ICS_Plans cannot be used/);
    expect(alert.textContent).toContain('ICS_Plans row 3 (Plan): "a lot" is not an amount in pounds');
    expect(alert.textContent).toContain("ICS_Plans row 6: the month must be a whole number from 1 (April) to 12 (March), not 13");
    expect(screen.queryByTestId("system-position")).toBeNull();
  });

  it("writes the report to its own sheet, and replaces only that sheet when written again", async () => {
    const workbook = await openPanel();
    await screen.findByText("System position, March");
    fireEvent.click(screen.getByRole("button", { name: "Write report" }));
    await screen.findByText('Report written to the sheet "ICS Control total report".');
    const sheets = workbook.sheetNames();
    const report = await workbook.readTable(CONTROL_TOTAL_REPORT.name);
    expect(report!.rows).toHaveLength(6);
    expect(report!.rows[0]!.slice(0, 5)).toEqual(["Mid and South Essex NHS Foundation Trust", "System-wide", -30_000_000, -36_500_000, -6_500_000]);
    expect(workbook.reportOf(CONTROL_TOTAL_REPORT.name)!.chart).toMatchObject({ type: "bar", categories: "Organisation", values: "Forecast variance" });

    fireEvent.change(screen.getByLabelText("Month"), { target: { value: "6" } });
    await screen.findByText("System position, September");
    fireEvent.click(screen.getByRole("button", { name: "Write report" }));
    await screen.findByText('Report written to the sheet "ICS Control total report".');
    expect(workbook.sheetNames()).toEqual(sheets);
    expect(workbook.reportOf(CONTROL_TOTAL_REPORT.name)!.notes[0]).toMatch(/^September \(month 6\)/);
  });

  it("never writes over a sheet of the same name that is not its own", async () => {
    const workbook = new MemoryWorkbook(["Sheet1", "ICS Control total report"]);
    await setUpWorkbook(workbook, rulebook);
    render(<App workbook={workbook} rulebook={rulebook} rulebookSource="workbook" theme={webLightTheme} />);
    fireEvent.click(screen.getByRole("tab", { name: "Control total" }));
    await screen.findByText("System position, March");
    fireEvent.click(screen.getByRole("button", { name: "Write report" }));
    await screen.findByText('Report written to the sheet "ICS Control total report (2)".');
  });
});

describe("the Control total panel, live", () => {
  // MSEFT's March forecast, £10,000 better for each edit: the system's forecast outturn moves from −£36.80m by a penny of a million.
  const outturn = (n: number) => `-£36.${80 - n}m`;
  itFollowsTheWorkbook({
    tab: "Control total",
    table: PLANS.name,
    ready: () => screen.findByText("System position, March"),
    edit: (workbook, n) => {
      const rows = workbook.allTables().find((t) => t.name === PLANS.name)!.rows;
      workbook.editCell(PLANS.name, rows.findIndex((r) => r[0] === "MSEFT" && r[1] === 12), "Forecast outturn", -36_500_000 + n * 10_000);
    },
    shows: (n) => waitFor(() => expect(system()).toContain(outturn(n))),
    showing: (n) => system().includes(outturn(n)),
    type: async () => {
      fireEvent.change(screen.getByLabelText("Organisation"), { target: { value: "ICB-ME" } });
      fireEvent.change(screen.getByLabelText("Forecast outturn (£)"), { target: { value: "10,000,000" } });
    },
    typed: async () => {
      expect((await screen.findByLabelText<HTMLInputElement>("Forecast outturn (£)")).value).toBe("10,000,000");
      expect(system()).toContain("What if");
    },
  });
});
