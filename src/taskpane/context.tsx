// What every panel receives: the workbook gateway, the rulebook in force, and a way to say the workbook changed.
import { createContext, useContext } from "react";
import type { Rulebook } from "../rules/rulebook";
import type { Workbook } from "../workbook/gateway";

export interface AddInContext {
  workbook: Workbook;
  rulebook: Rulebook;
  /** Where the rulebook came from: stored with this workbook, or the built-in preset. */
  rulebookSource: "workbook" | "preset";
  /** Rises each time the add-in changes the workbook, so panels re-read what they show. */
  workbookVersion: number;
  workbookChanged: () => void;
  /** Set-up stored the rulebook in force with the workbook. */
  rulebookStored: () => void;
  /** A matter another panel sends to the Decisions panel, which opens with it. */
  proposal?: Proposal;
  /** Opens the Decisions panel with this rule and matter filled in. */
  proposeDecision: (proposal: Proposal) => void;
  /** The Decisions panel has taken the proposal. */
  proposalTaken: () => void;
}

export interface Proposal {
  ruleId: string;
  matter: string;
  /** Which panel it came from, e.g. "Allocation". */
  from: string;
}

export const AddIn = createContext<AddInContext | undefined>(undefined);

export function useAddIn(): AddInContext {
  const context = useContext(AddIn);
  if (!context) throw new Error("useAddIn must be used inside the add-in's provider");
  return context;
}
