// Owns Office.context.document.settings: an in-memory copy that get/set/remove change, a stored copy in
// the document that only saveAsync writes and refreshAsync reads, and the settings size limit.
// Reference: Office.Settings (https://learn.microsoft.com/javascript/api/office/office.settings) and
// "Persist add-in state and settings". Microsoft states a 2 MB maximum for settings (OfficeDev/office-js#621,
// quoting the Settings.set reference); the size is measured here as the UTF-8 bytes of the JSON property bag.

export const SETTINGS_LIMIT_BYTES = 2 * 1024 * 1024;

export interface AsyncResult<T> {
  status: "succeeded" | "failed";
  value: T;
  error?: { code: number; name: string; message: string };
  asyncContext?: unknown;
}

type Callback<T> = (result: AsyncResult<T>) => void;

function copy(bag: Map<string, string>): Map<string, string> {
  return new Map(bag);
}

/** The document's stored settings, shared by everyone editing it (the add-in and co-authors). */
export class StoredSettings {
  /** Values are stored as JSON, as Office serialises them. */
  bag = new Map<string, string>();

  bytes(bag: Map<string, string> = this.bag): number {
    return Buffer.byteLength(JSON.stringify(Object.fromEntries(bag)), "utf8");
  }
}

export class FakeSettings {
  private memory: Map<string, string>;

  constructor(
    private readonly stored: StoredSettings,
    private readonly limitBytes: number,
  ) {
    this.memory = copy(stored.bag);
  }

  get(name: string): unknown {
    const json = this.memory.get(name);
    return json === undefined ? null : JSON.parse(json);
  }

  set(name: string, value: unknown): void {
    if (typeof value === "function") throw new Error("A setting's value cannot be a function.");
    this.memory.set(name, JSON.stringify(value ?? null));
  }

  remove(name: string): void {
    this.memory.delete(name);
  }

  saveAsync(optionsOrCallback?: { asyncContext?: unknown } | Callback<void>, maybeCallback?: Callback<void>): void {
    const [options, callback] = typeof optionsOrCallback === "function" ? [undefined, optionsOrCallback] : [optionsOrCallback, maybeCallback];
    const tooBig = this.stored.bytes(this.memory) > this.limitBytes;
    if (!tooBig) this.stored.bag = copy(this.memory);
    const result: AsyncResult<void> = tooBig
      ? { status: "failed", value: undefined, error: { code: 4001, name: "Save Settings Error", message: "The settings could not be saved." }, asyncContext: options?.asyncContext }
      : { status: "succeeded", value: undefined, asyncContext: options?.asyncContext };
    setTimeout(() => callback?.(result), 0);
  }

  refreshAsync(callback?: Callback<FakeSettings>): void {
    this.memory = copy(this.stored.bag);
    setTimeout(() => callback?.({ status: "succeeded", value: this }), 0);
  }

  private readonly handlers: Array<(args: { type: string; settings: FakeSettings }) => unknown> = [];

  /** settingsChanged fires (in Excel on the web, when co-authoring) after another user's add-in saves settings. */
  addHandlerAsync(_eventType: unknown, handler: (args: { type: string; settings: FakeSettings }) => unknown, callback?: Callback<void>): void {
    this.handlers.push(handler);
    setTimeout(() => callback?.({ status: "succeeded", value: undefined }), 0);
  }

  removeHandlerAsync(_eventType: unknown, optionsOrCallback?: { handler?: unknown } | Callback<void>, maybeCallback?: Callback<void>): void {
    const [options, callback] = typeof optionsOrCallback === "function" ? [undefined, optionsOrCallback] : [optionsOrCallback, maybeCallback];
    const keep = options?.handler ? this.handlers.filter((h) => h !== options.handler) : [];
    this.handlers.splice(0, this.handlers.length, ...keep);
    setTimeout(() => callback?.({ status: "succeeded", value: undefined }), 0);
  }

  /** Called when a co-author saves: the stored copy changed, the in-memory copy did not. */
  notifyChangedElsewhere(): void {
    for (const handler of [...this.handlers]) setTimeout(() => handler({ type: "settingsChanged", settings: this }), 0);
  }
}
