// The rulebooks the add-in ships, validated once on first use; chosen at set-up, then the SFLG's to change.
import { parseRulebook, type Rulebook, type RulebookInput } from "../rulebook";
import { blankSystem } from "./blank";
import { midSouthEssex } from "./mid-south-essex";
import { northEastNorthCumbria } from "./north-east-north-cumbria";

export interface PresetInfo {
  id: string;
  /** Short, for a 350 px set-up card. */
  label: string;
  description: string;
  input: RulebookInput;
}

export const PRESETS: readonly PresetInfo[] = [
  { id: "mid-south-essex", label: "Mid and South Essex", description: "Four Places; Partnership Board, SLE, ICP and two alliances", input: midSouthEssex },
  { id: "north-east-north-cumbria", label: "North East and North Cumbria", description: "Place → ICP → ICS; offsetting between ICPs only as a proposal", input: northEastNorthCumbria },
  { id: "blank", label: "Blank system", description: "One tier, one board, no partners: yours to fill in", input: blankSystem },
];

const parsed = new Map<string, Rulebook>();

/** A shipped preset by id, validated once; undefined for an unknown id. */
export function presetRulebook(id: string): Rulebook | undefined {
  const info = PRESETS.find((p) => p.id === id);
  if (!info) return undefined;
  let rulebook = parsed.get(id);
  if (!rulebook) parsed.set(id, (rulebook = parseRulebook(info.input)));
  return rulebook;
}

/** The default rulebook: Mid and South Essex. */
export function defaultRulebook(): Rulebook {
  return presetRulebook("mid-south-essex")!;
}
