// @vitest-environment jsdom
// Each panel, opened on the Excel gateway over the fake Excel: what it shows first, and the round trips (syncs) it
// took to get there — at most 3 however many tables it reads.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { setUpWorkbook } from "../../src/workbook/setup";
import { installFakeExcel, type FakeExcel } from "../workbook/fakeExcel";
import { openTab, rulebook } from "./openPanel";

let fake: FakeExcel | undefined;
afterEach(() => {
  cleanup();
  fake?.uninstall();
  fake = undefined;
});

/** What each panel shows once it has read the workbook. */
const PANELS: [tab: string, loaded: () => Promise<unknown>][] = [
  ["Decisions", () => screen.findByLabelText("Vote of Clinical Lead, Mid Essex Alliance")],
  ["Control total", () => screen.findByText("System position, March")],
  ["Allocation", () => screen.findByTestId("allocation-explanation")],
  ["Plan alignment", () => screen.findByTestId("alignment-summary")],
  ["Capital", () => screen.findByTestId("capital-summary")],
  ["Scenarios", () => screen.findByLabelText("New scenario name")],
];

describe("panels on the Excel gateway", () => {
  it.each(PANELS)("the %s panel loads from Excel in at most 3 syncs", async (tab, loaded) => {
    fake = installFakeExcel();
    const workbook = new ExcelWorkbook();
    await setUpWorkbook(workbook, rulebook);
    render(<App workbook={workbook} rulebook={rulebook} rulebookSource="workbook" theme={webLightTheme} />);
    // The pane's own start (the set-up check, the change listener) is not the panel's load: it has finished when the
    // set-up line says the tables are all there.
    await screen.findByRole("tab", { name: tab });
    await screen.findByText("The workbook is set up: the add-in's tables are all in place.");
    await fake.settleEvents();
    fake.resetCounters();
    openTab(tab);
    await loaded();
    expect(fake.syncs).toBeLessThanOrEqual(3);
  });
});
