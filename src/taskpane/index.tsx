// The shared runtime page's start: pick the workbook (Excel, or in-memory for the preview), load its rulebook, render.
import { createRoot } from "react-dom/client";
import { putRulebookInForce } from "../rules/inForce";
import { defaultRulebook } from "../rules/presets";
import type { Workbook } from "../workbook/gateway";
import { ExcelWorkbook } from "../workbook/excel";
import { MemoryWorkbook } from "../workbook/memory";
import { loadRulebook, type LoadedRulebook } from "../workbook/rulebookStore";
import { App } from "./App";
import { themeFor } from "./theme";

async function officeHost(): Promise<Office.HostType | null> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return null;
  const info = await Office.onReady();
  return info.host ?? null;
}

async function start(): Promise<void> {
  const host = await officeHost();
  const inExcel = host !== null && host === Office.HostType.Excel;
  const workbook: Workbook = inExcel ? new ExcelWorkbook() : new MemoryWorkbook();
  let loaded: LoadedRulebook = { rulebook: defaultRulebook(), source: "preset" };
  let rulebookProblem: string | undefined;
  try {
    loaded = await loadRulebook(workbook);
  } catch (error) {
    rulebookProblem = (error as Error).message;
  }
  putRulebookInForce(loaded.rulebook);
  const theme = themeFor(inExcel ? Office.context.officeTheme?.bodyBackgroundColor : undefined);
  const container = document.getElementById("container")!;
  createRoot(container).render(
    <App workbook={workbook} rulebook={loaded.rulebook} rulebookSource={loaded.source} theme={theme} rulebookProblem={rulebookProblem} />,
  );
}

void start();
