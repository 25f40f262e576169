// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import ExcelJS from "exceljs";
import { App } from "../../src/taskpane/App";
import { openPanel as openTab, rulebook } from "./openPanel";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { setUpWorkbook } from "../../src/workbook/setup";
import { PLAN_LINES, RESOLUTIONS } from "../../src/workbook/tables";
import { ALIGNMENT_REPORT } from "../../src/workbook/planAlignment";
import { RETURN_COLUMNS, RETURN_SHEET } from "../../src/workbook/partnerReturns";
import { itFollowsTheWorkbook } from "./live";

afterEach(cleanup);

async function openPanel(prepare?: (workbook: MemoryWorkbook) => void) {
  const workbook = await openTab("Plan alignment", prepare);
  await screen.findByTestId("alignment-summary");
  return workbook;
}

const summary = () => screen.getByTestId("alignment-summary").textContent ?? "";

async function returnFile(name: string, rows: unknown[][]): Promise<File> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(RETURN_SHEET);
  sheet.addRow(RETURN_COLUMNS);
  rows.forEach((r) => sheet.addRow(r));
  const data = (await book.xlsx.writeBuffer()) as unknown as ArrayBuffer;
  const file = new File([new Uint8Array(data)], name);
  // jsdom's File may lack arrayBuffer(); the browser's has it.
  Object.defineProperty(file, "arrayBuffer", { value: async () => data });
  return file;
}

describe("the Plan alignment panel", () => {
  it("sums up the sample: four mismatches, four flows missing a side, two within tolerance, six agreed", async () => {
    await openPanel();
    // The answer first: what is above materiality and not yet explained (gross), and what is missing.
    expect(screen.getByTestId("alignment-headline").textContent).toBe("4 mismatches above materiality, £4.55m unexplained; 4 flows with a side not reported");
    expect(summary()).toContain("28 plan lines make 16 flows");
    expect(summary()).toMatch(/Mismatch 4Missing 4Within tolerance 2Agreed 6/);
    const list = screen.getByRole("table", { name: "Differences, largest first" });
    const rows = within(list).getAllByRole("row").slice(1);
    expect(rows[0]!.textContent).toContain("EPUT ← ICB-ME, Clinical contract");
    expect(rows[3]!.textContent).toContain("MSEFT ← ICB-ME, Clinical contract");
    expect(rows[3]!.textContent).toContain("In progress · Director of Finance, MSEFT");
  });

  it("counts as unexplained the mismatches' differences, gross, until the log marks one resolved", async () => {
    const workbook = await openPanel();
    // The oracle: the exact differences of the mismatch rows as the list shows them (each cell's title), added by hand.
    const mismatchPence = () =>
      within(screen.getByRole("table", { name: "Differences, largest first" }))
        .getAllByRole("row")
        .filter((row) => within(row).queryByText("Mismatch"))
        .map((row) => {
          const [whole, pence] = row.querySelector("td[title]")!.getAttribute("title")!.replace(/[£,()-]/g, "").split(".");
          return { flow: row.textContent!, pence: Number(whole) * 100 + Number(pence) };
        });
    const gross = mismatchPence().reduce((sum, m) => sum + m.pence, 0);
    expect(mismatchPence()).toHaveLength(4);
    expect(screen.getByTestId("alignment-headline").textContent).toContain(`£${(gross / 100_000_000).toFixed(2)}m unexplained`);
    // Marking MSEFT ← ICB-CPR resolved takes its £800,000.00 out of what is unexplained.
    fireEvent.click(screen.getByRole("button", { name: "Show the lines of MSEFT ← ICB-CPR, Clinical contract" }));
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "Resolved" } });
    fireEvent.click(screen.getByRole("button", { name: "Save to resolution log" }));
    await screen.findByText("Saved to the resolution log: MSEFT ← ICB-CPR, Clinical contract.");
    await waitFor(() => expect(screen.getByTestId("alignment-headline").textContent).toBe(`4 mismatches above materiality, £${((gross - 800_000_00) / 100_000_000).toFixed(2)}m unexplained; 4 flows with a side not reported`));
    expect((await workbook.readTable(RESOLUTIONS.name))!.rows.some((r) => r[0] === "MSEFT" && r[1] === "ICB-CPR" && r[5] === "Resolved")).toBe(true);
  });

  it("drills from a matrix cell to the lines on both sides, and selects them in the sheet", async () => {
    const workbook = await openPanel();
    fireEvent.click(screen.getByRole("button", { name: "MSEFT receiving from ICB-CPR: Mismatch" }));
    const detail = screen.getByRole("group", { name: "Lines for MSEFT ← ICB-CPR, Clinical contract" });
    expect(detail.textContent).toContain("Mismatch: a difference of £800,000.00 is over £100,000.00 or 1% of the larger side (illustrative: agree locally, MoU 9.5)");
    expect(detail.textContent).toContain("MSEFT's income from ICB-CPR · row 9£175,000,000.00");
    expect(detail.textContent).toContain("ICB-CPR's expenditure with MSEFT · row 10£174,200,000.00");
    fireEvent.click(within(detail).getByRole("button", { name: "Select lines in the sheet" }));
    await screen.findByText("Selected 2 lines in the Plan lines table (rows 9, 10).");
    expect(workbook.selected()).toEqual({ table: PLAN_LINES.name, rows: [8, 9] });
  });

  it("keeps the resolution log: what is typed is saved by pair and category and survives adding new mismatches", async () => {
    const workbook = await openPanel();
    fireEvent.click(screen.getByRole("button", { name: "Show the lines of THC ← ICB-THU, Non-clinical" }));
    fireEvent.change(screen.getByLabelText("Owner"), { target: { value: "Chief Finance Officer, ICB-THU" } });
    fireEvent.change(screen.getByLabelText("Agreed action"), { target: { value: "Agree the better care fund uplift" } });
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "In progress" } });
    fireEvent.click(screen.getByRole("button", { name: "Save to resolution log" }));
    await screen.findByText("Saved to the resolution log: THC ← ICB-THU, Non-clinical.");
    fireEvent.click(screen.getByRole("button", { name: "Add new mismatches to the log" }));
    await screen.findByText("Added 6 to the resolution log as Open.");
    const log = (await workbook.readTable(RESOLUTIONS.name))!.rows;
    expect(log).toHaveLength(8);
    expect(log[0]!.slice(0, 3)).toEqual(["MSEFT", "ICB-ME", "Clinical contract"]);
    expect(log[1]).toEqual(["THC", "ICB-THU", "Non-clinical", "Chief Finance Officer, ICB-THU", "Agree the better care fund uplift", "In progress"]);
    fireEvent.click(screen.getByRole("button", { name: "Add new mismatches to the log" }));
    await screen.findByText("Every mismatch is already in the resolution log.");
  });

  it("flags the assumptions that stray beyond the rulebook's tolerance", async () => {
    await openPanel();
    // The section says how many under its title, and lists them when open (as it is at first).
    expect(screen.getByRole("button", { name: /^Common planning assumptions/ }).textContent).toContain("3 of 16 organisation assumptions stray beyond the rulebook's tolerance");
    const card = screen.getByRole("region", { name: "Common planning assumptions" });
    expect(within(card).getAllByText("Deviates")).toHaveLength(3);
    expect(card.textContent).toContain("ICB-STH: Pay award");
  });

  it("imports a partner's return with progress, replacing only that partner's lines", async () => {
    await openPanel();
    const file = await returnFile("EPUT plan return.xlsx", [
      ["EPUT", "ICB-ME", "Income", "Clinical contract", 38_400_000, "No"],
      ["EPUT", "ICB-STH", "Income", "Clinical contract", 22_100_000, "No"],
      ["EPUT", "ICB-THU", "Income", "Clinical contract", 18_000_000, "No"],
    ]);
    fireEvent.change(screen.getByLabelText("Plan return files"), { target: { files: [file] } });
    await screen.findByText("Imported EPUT: 3 lines in, 0 earlier lines of theirs replaced.");
    await waitFor(() => expect(summary()).toMatch(/Mismatch 5Missing 1Within tolerance 2Agreed 8/));
  });

  it("lists every problem in a bad return and imports nothing", async () => {
    const workbook = await openPanel();
    const before = await workbook.readTable(PLAN_LINES.name);
    const file = await returnFile("bad.xlsx", [
      ["EPUT", "Nowhere Trust", "Income", "Clinical contract", 1, "No"],
      ["EPUT", "ICB-ME", "Income", "Catering", 1, "No"],
      ["EPUT", "ICB-STH", "Income", "Clinical contract", 1, "Maybe"],
    ]);
    fireEvent.change(screen.getByLabelText("Plan return files"), { target: { files: [file] } });
    const alert = await screen.findByText("3 problems; nothing was imported");
    expect(alert.parentElement!.textContent).toContain('bad.xlsx, sheet "Plan return", row 2 (Counterparty): unknown organisation "Nowhere Trust"');
    expect(alert.parentElement!.textContent).toContain('row 3 (Category): "Catering" is not a category');
    expect(alert.parentElement!.textContent).toContain('row 4 (Competition sensitive): "Maybe" is not TRUE/FALSE, Yes/No, Y/N or 1/0');
    expect(await workbook.readTable(PLAN_LINES.name)).toEqual(before);
  });

  it("writes the report for sharing with competition-sensitive flows only in aggregate", async () => {
    const workbook = await openPanel();
    fireEvent.click(screen.getByRole("button", { name: "Write alignment report" }));
    await screen.findByText('Alignment report written to the sheet "ICS Alignment report", competition-sensitive lines in aggregate.');
    const rows = (await workbook.readTable(ALIGNMENT_REPORT.name))!.rows;
    expect(rows.some((r) => r[1] === "PROVIDE")).toBe(false);
    expect(rows.at(-1)).toEqual(["Competition sensitive (aggregate)", "Competition-sensitive lines", "2 flows, in aggregate", "", 43_750_000, 43_500_000, 250_000, "Worst: Mismatch", "", "", ""]);
    expect(rows).toHaveLength(15);
  });

  it("names a bad row of the Plan lines table and shows nothing from it", async () => {
    const workbook = new MemoryWorkbook();
    await setUpWorkbook(workbook, rulebook);
    workbook.editCell(PLAN_LINES.name, 3, "Direction", "Both");
    render(<App workbook={workbook} rulebook={rulebook} rulebookSource="workbook" theme={webLightTheme} />);
    fireEvent.click(screen.getByRole("tab", { name: "Plan alignment" }));
    const alert = await screen.findByText(/row of ICS_PlanLines cannot be used/);
    expect(alert.textContent).toContain('ICS_PlanLines row 4 (Direction): the direction must be Income or Expenditure, not "Both"');
    expect(screen.queryByTestId("alignment-summary")).toBeNull();
  });
});

describe("the Plan alignment panel, live", () => {
  // ICB-CPR's expenditure with MSEFT, £1,000 less for each edit: the difference of £800,000 grows with it.
  const difference = (n: number) => document.querySelector(`td[title="£80${n},000.00"]`) !== null;
  itFollowsTheWorkbook({
    tab: "Plan alignment",
    table: PLAN_LINES.name,
    ready: () => screen.findByTestId("alignment-summary"),
    edit: (workbook, n) => {
      const rows = workbook.allTables().find((t) => t.name === PLAN_LINES.name)!.rows;
      const line = rows.findIndex((r) => r[0] === "ICB-CPR" && r[1] === "MSEFT" && r[2] === "Expenditure" && r[3] === "Clinical contract");
      workbook.editCell(PLAN_LINES.name, line, "Amount", 174_200_000 - n * 1_000);
    },
    shows: (n) => waitFor(() => expect(difference(n)).toBe(true)),
    showing: difference,
    // A resolution being typed for the flow the edits change.
    type: async () => {
      fireEvent.click(screen.getByRole("button", { name: "Show the lines of MSEFT ← ICB-CPR, Clinical contract" }));
      fireEvent.change(screen.getByLabelText("Owner"), { target: { value: "Head of Contracts, ICB-CPR" } });
    },
    typed: async () => {
      expect((await screen.findByLabelText<HTMLInputElement>("Owner")).value).toBe("Head of Contracts, ICB-CPR");
    },
  });
});
