// @vitest-environment jsdom
// With the stored rulebook invalid the pane says why and computes nothing: it never falls back to the preset.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { defaultRulebook } from "../../src/rules/presets";
import { MemoryWorkbook } from "../../src/workbook/memory";

afterEach(cleanup);

describe("the task pane with an invalid stored rulebook", () => {
  it("shows the problem, claims no rules, and opens no panel", () => {
    const problem = "The rulebook stored in this workbook is invalid: rules: Too small. Fix it in the Rulebook panel; functions will not compute under the preset instead.";
    render(<App workbook={new MemoryWorkbook()} rulebook={defaultRulebook()} rulebookSource="preset" theme={webLightTheme} rulebookProblem={problem} />);
    expect(screen.getByRole("alert").textContent).toContain(problem);
    expect(screen.getByText(/^Rules: none in force/)).toBeTruthy();
    expect(screen.queryByText(/built-in preset/)).toBeNull();
    expect(screen.queryByRole("tablist")).toBeNull();
    expect(screen.queryByRole("button", { name: "Set up workbook" })).toBeNull();
  });
});
