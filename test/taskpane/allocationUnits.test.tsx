// @vitest-environment jsdom
// The allocation's words follow its tier: North East and North Cumbria allocates by ICP, and the Allocation panel and the
// allocation's messages say ICP, never Place; Mid and South Essex still says Place.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { allocationUnitWords, runFormula } from "../../src/rules/allocation";
import { putRulebookInForce } from "../../src/rules/inForce";
import { Money } from "../../src/rules/money";
import { defaultRulebook, presetRulebook } from "../../src/rules/presets";
import { App } from "../../src/taskpane/App";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { placesTableUnit } from "../../src/workbook/placesTable";
import { setUpWorkbook } from "../../src/workbook/setup";

const nenc = presetRulebook("north-east-north-cumbria")!;

afterEach(() => {
  cleanup();
  putRulebookInForce(defaultRulebook(), "preset");
});

describe("the allocation's units in words", () => {
  it("are the allocation tier's: ICPs in North East and North Cumbria, Places in Mid and South Essex", () => {
    expect(allocationUnitWords(nenc)).toEqual({ one: "ICP", many: "ICPs" });
    expect(allocationUnitWords(defaultRulebook())).toEqual({ one: "Place", many: "Places" });
    const formula = nenc.allocation!.formulas[0]!;
    expect(() => runFormula(formula, new Money(1_000), [], "NENC ICS MoU 21", allocationUnitWords(nenc))).toThrow("there are no ICPs to allocate to");
    const one = runFormula(formula, new Money(1_000), [{ place: "North ICP", population: new Money(10), needIndex: new Money(1), baseline: null, floor: null, cap: null }], "NENC ICS MoU 21", allocationUnitWords(nenc));
    expect(one.explanation).toMatch(/ to 1 ICP by formula/);
    expect(() => placesTableUnit(nenc, "Atlantis", "icp", "ICS Places, row 2")).toThrow('ICS Places, row 2: "Atlantis" is not one of the rulebook\'s ICPs');
  });

  it("the Allocation panel says ICP for an allocation by ICP", async () => {
    const workbook = new MemoryWorkbook();
    await setUpWorkbook(workbook, nenc);
    putRulebookInForce(nenc, "workbook");
    render(<App workbook={workbook} rulebook={nenc} rulebookSource="workbook" theme={webLightTheme} />);
    fireEvent.click(screen.getByRole("tab", { name: "Allocation" }));
    await screen.findByText(/^Transformation funding to ICPs by the formula the partners agree/);
    expect(await screen.findByRole("columnheader", { name: "ICP, target and distance from it" })).toBeTruthy();
    expect(screen.getByTestId("allocation-total").textContent).toMatch(/Total, \d+ ICPs/);
    expect(screen.getByTestId("allocation-explanation").textContent).toMatch(/ to \d+ ICPs by formula agreed by the partners/);
    expect(screen.getByLabelText("Apply each ICP's floor and cap from the Places table")).toBeTruthy();
    expect(screen.queryByText(/Place, target and distance/)).toBeNull();
  }, 30_000);
});
