// The shared runtime page's start: pick the workbook (Excel, or in-memory for the preview), load its rulebook, render.
import { createRoot } from "react-dom/client";
import { awaitStoredRulebook, rulebookInvalid, rulebookState } from "../rules/inForce";
import { defaultRulebook } from "../rules/presets";
import type { Workbook } from "../workbook/gateway";
import { MemoryWorkbook } from "../workbook/memory";
import { followStoredRulebook, putStoredRulebookInForce } from "../workbook/rulebookStore";
import { App } from "./App";
import { themeFor } from "./theme";

async function officeHost(): Promise<Office.HostType | null> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return null;
  const info = await Office.onReady();
  return info.host ?? null;
}

// This page is the shared runtime: it loads when the workbook opens (or a function is first calculated), whether or
// not the task pane is ever shown. The custom functions are registered by functions.js, which runs after this
// script; from then on Excel may call them, and they wait until the workbook's own rulebook has been read.
awaitStoredRulebook();

async function start(): Promise<void> {
  const host = await officeHost();
  const inExcel = host !== null && host === Office.HostType.Excel;
  // The Excel gateway (and its batching) is loaded only inside Excel: the preview's first render does not carry it.
  const excel = inExcel ? await Promise.all([import("../workbook/excel"), import("../workbook/recalculation")]) : undefined;
  const workbook: Workbook = excel ? new excel[0].ExcelWorkbook() : new MemoryWorkbook();
  const state = await putStoredRulebookInForce(workbook);
  // Only inside Excel: the preview has no formulas to recalculate.
  excel?.[1].recalculateWhenRulebookChanges();
  // A co-author's change to the stored rulebook is followed, as the pane's own saves are.
  await followStoredRulebook(workbook);
  const loaded = state.status === "ready" ? state : { rulebook: defaultRulebook(), source: "preset" as const };
  const rulebookProblem = state.status === "invalid" ? state.message : undefined;
  const theme = themeFor(inExcel ? Office.context.officeTheme?.bodyBackgroundColor : undefined);
  const container = document.getElementById("container")!;
  createRoot(container).render(
    <App workbook={workbook} rulebook={loaded.rulebook} rulebookSource={loaded.source} theme={theme} rulebookProblem={rulebookProblem} />,
  );
}

start().catch((error: unknown) => {
  // Never leave the functions waiting for a rulebook that will not come.
  if (rulebookState().status === "pending") rulebookInvalid(`ICS Finance could not start: ${(error as Error).message}. Close and reopen the workbook to try again.`);
  throw error;
});
