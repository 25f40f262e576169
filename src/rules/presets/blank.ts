// A blank system for anyone else: one body, one rule, one tier with no units yet; every figure is for the partners to set.
import type { RulebookInput } from "../rulebook";
import { blankIssues } from "./issueResolution";
import { annex1, elements, illustrative, illustrativeMonitoring, partnerTypes, PRESENT } from "./common";

export const blankSystem: RulebookInput = {
  schemaVersion: 2,
  id: "blank",
  name: "A new system",
  source: "None yet: set up from blank",
  partnerTypes: [...partnerTypes],
  elements,
  annex1,
  tiers: [{ id: "place", label: "Place", units: [] }],
  partners: [],
  bodies: [{ id: "board", name: "Partnership Board", clause: "illustrative: agree locally, local terms of reference" }],
  matters: [{ id: "decision", label: "Decision", element: "collective-agreement" }],
  rules: [
    {
      id: "board-majority",
      label: "Board: decision by vote",
      body: "board",
      matter: "decision",
      clause: "illustrative: agree locally, local terms of reference",
      votingUnit: "member",
      denominator: { label: "members present", counts: [...PRESENT] },
      threshold: { comparison: "more-than", fraction: { numerator: 1, denominator: 2 }, wording: "a simple majority" },
      deputiesVote: true,
    },
  ],
  defaultRule: "board-majority",
  issueResolution: blankIssues,
  // Equal shares until the partners agree a formula, and monitoring to the same illustrative pattern as the shipped
  // systems, so a new system's funds have tranches and a RAG from the start; every figure is theirs to change.
  allocation: {
    clause: illustrative("local terms of reference"),
    formulas: [{ id: "equal", label: "Equal shares", weighting: "equal", useFloorsAndCaps: true, paceOfChangeBasisPoints: null }],
    defaultFormula: "equal",
    decisionRule: "board-majority",
    monitoring: illustrativeMonitoring(illustrative("local terms of reference"), illustrative("local terms of reference"), "Board"),
  },
};
