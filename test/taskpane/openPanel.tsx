// The task pane on a set-up sample workbook, opened at one tab: what each panel's tests start from.
import { fireEvent, render, screen } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { defaultRulebook } from "../../src/rules/presets";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { setUpWorkbook } from "../../src/workbook/setup";

export const rulebook = defaultRulebook();

/** Sets up a fresh in-memory workbook with the sample data, lets the test change it, renders the add-in and opens the tab. */
export async function openPanel(tab: string, prepare?: (workbook: MemoryWorkbook) => void): Promise<MemoryWorkbook> {
  const workbook = new MemoryWorkbook();
  await setUpWorkbook(workbook, rulebook);
  prepare?.(workbook);
  render(<App workbook={workbook} rulebook={rulebook} rulebookSource="workbook" theme={webLightTheme} />);
  fireEvent.click(screen.getByRole("tab", { name: tab }));
  return workbook;
}
