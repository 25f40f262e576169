// The rulebooks the add-in ships, validated once on first use.
import { parseRulebook, type Rulebook } from "../rulebook";
import { midSouthEssex } from "./mid-south-essex";

let preset: Rulebook | undefined;

/** The default rulebook: Mid and South Essex. */
export function defaultRulebook(): Rulebook {
  preset ??= parseRulebook(midSouthEssex);
  return preset;
}
