// Which shipped systems come with sample data: a module of its own, so the set-up card can say so at start-up without
// loading the sample data itself (that, and set-up, load when "Set up workbook" is pressed).
import type { Rulebook } from "../rules/rulebook";

export const SAMPLE_SYSTEMS = ["mid-south-essex", "north-east-north-cumbria"] as const;
export type SampleSystemId = (typeof SAMPLE_SYSTEMS)[number];

/** Whether set-up under this rulebook fills the tables with sample data. */
export const hasSampleData = (rulebook: Rulebook): boolean => (SAMPLE_SYSTEMS as readonly string[]).includes(rulebook.id);
