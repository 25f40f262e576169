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
}

export const AddIn = createContext<AddInContext | undefined>(undefined);

export function useAddIn(): AddInContext {
  const context = useContext(AddIn);
  if (!context) throw new Error("useAddIn must be used inside the add-in's provider");
  return context;
}
