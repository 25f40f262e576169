// The capital objectives the SFLG may choose between: a module of its own so the rulebook (loaded at start-up) does not pull in the optimiser.
export const OBJECTIVES = ["total-score", "score-weighted-spend", "ranked", "value-for-money"] as const;
export type ObjectiveId = (typeof OBJECTIVES)[number];
