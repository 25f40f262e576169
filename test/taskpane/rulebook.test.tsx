// @vitest-environment jsdom
// The Rulebook panel: a threshold changed in the Rules sheet and put in force reaches the Decisions panel and the ICS
// functions, with the change in the log; a bad edit is refused with every problem named and nothing changes.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { votesRequired } from "../../src/functions/functions";
import { putRulebookInForce, rulebookInForce } from "../../src/rules/inForce";
import { defaultRulebook, presetRulebook } from "../../src/rules/presets";
import { rulesSheetsAsXlsx } from "../../src/workbook/rulesXlsx";
import { App } from "../../src/taskpane/App";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { setUpWorkbook } from "../../src/workbook/setup";
import { RULEBOOK_SETTING, RULES_DECISIONS } from "../../src/workbook/tables";

const rulebook = defaultRulebook();
afterEach(() => {
  cleanup();
  putRulebookInForce(rulebook, "preset");
});

async function openRulebook() {
  const workbook = new MemoryWorkbook();
  await setUpWorkbook(workbook, rulebook);
  putRulebookInForce(rulebook, "workbook");
  render(<App workbook={workbook} rulebook={rulebook} rulebookSource="workbook" theme={webLightTheme} />);
  fireEvent.click(screen.getByRole("tab", { name: "Rulebook" }));
  await screen.findByRole("heading", { name: "Rulebook" });
  return workbook;
}

const fill = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe("the Rulebook panel", () => {
  it("puts a threshold edited in the Rules sheet in force: the Decisions panel's rule and ICS.VOTESREQUIRED follow it, and the log says what changed and why", async () => {
    const workbook = await openRulebook();
    expect(screen.getByTestId("rulebook-version").textContent).toMatch(/^Version 1 · [0-9a-f]{8}/);
    expect(await votesRequired(16)).toBe(12);
    workbook.editCell(RULES_DECISIONS.name, 0, "Threshold", 0.8);
    workbook.editCell(RULES_DECISIONS.name, 0, "Wording", "not less than 80%");
    fill(/Who is putting/, "A. Chair");
    fill(/^Why/, "SFLG 1 April: capital priorities need 80%");
    fireEvent.click(screen.getByRole("button", { name: "Put the edited rules in force" }));
    await waitFor(() => expect(screen.getAllByText("Version 2 is in force").length).toBeGreaterThan(0));
    await waitFor(() => expect(screen.getByTestId("rulebook-version").textContent).toMatch(/^Version 2 · /));
    // The change log is read again after the save.
    await waitFor(() => expect(within(screen.getByRole("list", { name: "Change log" })).getByText("Decision rule pb-capital threshold 75% → 80%")).toBeTruthy());
    const log = screen.getByRole("list", { name: "Change log" });
    expect(within(log).getByText("SFLG 1 April: capital priorities need 80%")).toBeTruthy();
    expect(within(log).getByText(/Version 2 · .* · A\. Chair/)).toBeTruthy();
    // The functions compute under it: 80% of 16 is 12.8, so 13.
    expect(await votesRequired(16)).toBe(13);
    expect(JSON.parse((await workbook.readSetting(RULEBOOK_SETTING))!).rules[0].threshold.fraction).toEqual({ numerator: 4, denominator: 5 });
    fireEvent.click(screen.getByRole("tab", { name: "Decisions" }));
    await screen.findByLabelText("Vote of Clinical Lead, Mid Essex Alliance");
    await waitFor(() => expect(screen.getByTestId("decision-result").textContent).toMatch(/needs 13, not less than 80%/));
  });

  it("refuses a bad edit, listing every problem by sheet, row and field; the rules in force and the log are unchanged", async () => {
    const workbook = await openRulebook();
    workbook.editCell(RULES_DECISIONS.name, 0, "Threshold", 1.2);
    workbook.editCell("ICS_Partners", 1, "Code", "ECC");
    fill(/Who is putting/, "A. Chair");
    fill(/^Why/, "test");
    fireEvent.click(screen.getByRole("button", { name: "Put the edited rules in force" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Not put in force: 2 problems");
    expect(alert.textContent).toContain("ICS Rules decisions, row 1, Threshold: 120% is outside 0–100%");
    expect(alert.textContent).toMatch(/ICS Partners, row 2, Code: .*"ECC" appears twice/);
    expect(rulebookInForce()).toBe(rulebook);
    expect(screen.getByTestId("rulebook-version").textContent).toMatch(/^Version 1 · /);
  });

  it("refuses, without the why, and imports a file only when it parses", async () => {
    await openRulebook();
    fireEvent.click(screen.getByRole("button", { name: "Put the edited rules in force" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Rulebook panel, Why: say why the rules change");
    fill(/Who is putting/, "A. Chair");
    fill(/^Why/, "restore from another system");
    const input = screen.getByLabelText("Rulebook file to import");
    fireEvent.change(input, { target: { files: [new File(["{ not json"], "other.json", { type: "application/json" })] } });
    await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(/Rulebook file: it is not a rulebook: it does not parse as JSON/));
    expect(rulebookInForce()).toBe(rulebook);
  });

  it("imports Rules sheets exported as .xlsx from another workbook, and puts them in force", async () => {
    const workbook = await openRulebook();
    fill(/Who is putting/, "A. Chair");
    fill(/^Why/, "Share the North East rules");
    const data = await rulesSheetsAsXlsx(presetRulebook("north-east-north-cumbria")!);
    fireEvent.change(screen.getByLabelText("Rulebook file to import"), { target: { files: [new File([data], "nenc.xlsx")] } });
    await waitFor(() => expect(screen.getAllByText("Version 2 is in force").length).toBeGreaterThan(0), { timeout: 10_000 });
    expect(rulebookInForce().id).toBe("north-east-north-cumbria");
    expect(JSON.parse((await workbook.readSetting(RULEBOOK_SETTING))!).id).toBe("north-east-north-cumbria");
    // The change log is read again after the save: its new entry follows the version's message.
    await waitFor(() => expect(within(screen.getByRole("list", { name: "Change log" })).getByText("Share the North East rules")).toBeTruthy(), { timeout: 10_000 });
  }, 30_000);
});
