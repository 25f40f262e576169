// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { ADD_IN_TABLES, RESOLUTIONS } from "../../src/workbook/tables";
import { rulebook } from "./openPanel";

afterEach(cleanup);

describe("setting up the workbook", () => {
  it("steps out of the way once every table is there, and comes back naming a table a person deleted", async () => {
    const workbook = new MemoryWorkbook();
    render(<App workbook={workbook} rulebook={rulebook} rulebookSource="preset" theme={webLightTheme} />);
    fireEvent.click(await screen.findByRole("button", { name: "Set up workbook" }));
    await screen.findByText(`Created ${ADD_IN_TABLES.length} tables with the sample data.`);
    await waitFor(() => expect(screen.queryByRole("button", { name: "Set up workbook" })).toBeNull());
    workbook.deleteTable(RESOLUTIONS.name);
    await screen.findByText(/The workbook is missing one of the add-in's tables \(ICS_Resolutions\)/);
    fireEvent.click(screen.getByRole("button", { name: "Set up workbook" }));
    await screen.findByText(/^Created 1 table with the sample data/);
    expect(await workbook.missingTables([RESOLUTIONS.name])).toEqual([]);
  });

  it("is one line when the workbook was set up before the pane opened", async () => {
    const workbook = new MemoryWorkbook();
    const { setUpWorkbook } = await import("../../src/workbook/setup");
    await setUpWorkbook(workbook, rulebook);
    render(<App workbook={workbook} rulebook={rulebook} rulebookSource="workbook" theme={webLightTheme} />);
    await screen.findByText("The workbook is set up: the add-in's tables are all in place.");
    expect(screen.queryByRole("button", { name: "Set up workbook" })).toBeNull();
  });
});
