// The rulebook in force in this runtime, and whether it can be used yet: the functions and panels compute under it.
import { defaultRulebook } from "./presets";
import { RulebookError, type Rulebook } from "./rulebook";

export type RulebookSource = "workbook" | "preset";

/**
 * pending: the workbook's stored rulebook is being read, so nothing may compute yet.
 * ready: this rulebook is in force.
 * invalid: the stored rulebook cannot be used; nothing computes (never the preset in its place) until it is fixed.
 */
export type RulebookState =
  | { status: "pending" }
  | { status: "ready"; rulebook: Rulebook; source: RulebookSource }
  | { status: "invalid"; message: string };

type Listener = (state: RulebookState) => void;

// Until a runtime says it will load a workbook's rulebook (the shared runtime does, at start), the preset is in force:
// the rules used on their own, in tests and in tools.
let state: RulebookState | undefined;
let waiting: { resolve: (rulebook: Rulebook) => void; reject: (error: Error) => void }[] = [];
const listeners = new Set<Listener>();

export function rulebookState(): RulebookState {
  state ??= { status: "ready", rulebook: defaultRulebook(), source: "preset" };
  return state;
}

/** The rulebook in force now; an error when there is none yet or the stored one is invalid. */
export function rulebookInForce(): Rulebook {
  const now = rulebookState();
  if (now.status === "ready") return now.rulebook;
  throw problemOf(now);
}

/** The rulebook in force once there is one: waits while the stored rulebook is read; fails, naming the problem, when it is invalid. */
export function rulebookReady(): Promise<Rulebook> {
  const now = rulebookState();
  if (now.status === "ready") return Promise.resolve(now.rulebook);
  if (now.status === "invalid") return Promise.reject(problemOf(now));
  return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
}

/**
 * The runtime is about to read the workbook's stored rulebook: until it is put in force (or found invalid), whatever
 * asks for the rulebook waits. Say so before anything can ask, so nothing computes under the preset meanwhile.
 */
export function awaitStoredRulebook(): void {
  state = { status: "pending" };
}

/** Puts a (validated) rulebook in force, e.g. the one stored with the workbook, or an edit of it just saved. */
export function putRulebookInForce(rulebook: Rulebook, source: RulebookSource): void {
  settle({ status: "ready", rulebook, source });
}

/** The stored rulebook cannot be used: everything that asks for the rulebook fails with this message until one is put in force. */
export function rulebookInvalid(message: string): void {
  settle({ status: "invalid", message });
}

/** Called each time a rulebook is put in force or found invalid (not while one is awaited). */
export function onRulebookInForce(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function settle(next: RulebookState & { status: "ready" | "invalid" }): void {
  state = next;
  const woken = waiting;
  waiting = [];
  for (const w of woken) {
    if (next.status === "ready") w.resolve(next.rulebook);
    else w.reject(problemOf(next));
  }
  for (const listener of listeners) listener(next);
}

function problemOf(now: RulebookState): RulebookError {
  // A rulebook error, so a function shows it as #VALUE! with the message: the sheet's rules need fixing, not the add-in.
  if (now.status === "invalid") return new RulebookError(now.message);
  return new RulebookError("the workbook's rulebook has not been read yet");
}
