// The rulebook in force in this runtime: the preset until the workbook's own rulebook is loaded.
import { defaultRulebook } from "./presets";
import type { Rulebook } from "./rulebook";

type Listener = (rulebook: Rulebook) => void;

let current: Rulebook | undefined;
const listeners = new Set<Listener>();

/** The rulebook functions and panels compute under. */
export function rulebookInForce(): Rulebook {
  current ??= defaultRulebook();
  return current;
}

/** Puts a (validated) rulebook in force, e.g. the one stored with the workbook. */
export function putRulebookInForce(rulebook: Rulebook): void {
  current = rulebook;
  for (const listener of listeners) listener(rulebook);
}

export function onRulebookInForce(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
