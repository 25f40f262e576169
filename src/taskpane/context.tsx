// What every panel receives: the workbook gateway, the rulebook in force, and a way to say the workbook changed.
import type { Scenario } from "../rules/scenario";
import { createContext, useCallback, useContext } from "react";
import type { NegativeStyle } from "../rules/money";
import type { Rulebook } from "../rules/rulebook";
import type { Draft } from "../rules/scenarioDraft";
import type { Workbook } from "../workbook/gateway";

export interface AddInContext {
  workbook: Workbook;
  rulebook: Rulebook;
  /** Where the rulebook came from: stored with this workbook, or the built-in preset. */
  rulebookSource: "workbook" | "preset";
  /**
   * Rises each time the add-in says it changed the workbook, so the open panel re-reads at once: set-up, and settings
   * such as the saved scenarios, which `workbook.onChange` does not report. Edits to the tables, the add-in's or a
   * person's in the grid, reach the panels through `workbook.onChange` (see useWorkbookData).
   */
  workbookVersion: number;
  workbookChanged: () => void;
  /** Set-up stored this rulebook with the workbook: it is put in force, and every panel follows it. */
  rulebookStored: (rulebook: Rulebook) => void;
  /** A matter another panel sends to the Decisions panel, which opens with it. */
  proposal?: Proposal;
  /** Opens the Decisions panel with this rule and matter filled in. */
  proposeDecision: (proposal: Proposal) => void;
  /** The Decisions panel has taken the proposal. */
  proposalTaken: () => void;
  /** The inputs the panels share (forecasts, fund and formula, assumptions, capital), kept across tabs as typed. */
  draft: Draft;
  updateDraft: (update: (draft: Draft) => Draft) => void;
  /** The saved scenario the inputs were last opened from or saved as, if any. */
  /** The scenario the panels' inputs came from or were last saved as, as stored then (its version stamp). */
  activeScenario?: Scenario;
  setActiveScenario: (scenario: Scenario | undefined) => void;
  /** How negative amounts are shown, the workbook's display setting (format.ts applies it; memoised text depends on it). */
  negatives: NegativeStyle;
  /** Says a change to screen readers (the pane's one polite live region), for results that appear away from focus. */
  announce: (text: string) => void;
}

export interface Proposal {
  ruleId: string;
  matter: string;
  /** Which panel it came from, e.g. "Allocation". */
  from: string;
}

export const AddIn = createContext<AddInContext | undefined>(undefined);

/** One section of the shared inputs, and a way to change part of it. */
export function useDraft<K extends keyof Draft>(key: K): [Draft[K], (change: Partial<Draft[K]> | ((section: Draft[K]) => Partial<Draft[K]>)) => void] {
  const { draft, updateDraft } = useAddIn();
  const change = useCallback(
    (c: Partial<Draft[K]> | ((section: Draft[K]) => Partial<Draft[K]>)) =>
      updateDraft((d) => ({ ...d, [key]: { ...d[key], ...(typeof c === "function" ? c(d[key]) : c) } })),
    [updateDraft, key],
  );
  return [draft[key], change];
}

export function useAddIn(): AddInContext {
  const context = useContext(AddIn);
  if (!context) throw new Error("useAddIn must be used inside the add-in's provider");
  return context;
}
