// Owns Office.js's request/batch model: proxies queue operations, `context.sync()` sends them in order,
// loaded properties and ClientResults become readable only after a successful sync, the request and
// response payloads are measured against Excel on the web's 5 MB limit, and failures are not rolled back.
import { ExcelApiError, FakeOfficeExtensionError, propertyNotLoaded, ERROR_MESSAGES } from "./errors";
import type { TableChange, WorkbookModel } from "./model";

/** What a sync delivers to proxies once the whole request has succeeded. */
type Delivery = () => void;

export interface Operation {
  /** A readable statement, e.g. "Range.values = ...", for error locations. */
  statement: string;
  /** The arguments sent to Excel: counted in the request payload. */
  payload: unknown;
  /** Set when the operation reads from the workbook (load, ClientResult): its answer counts in the response. */
  reads?: boolean;
  /** Runs against the model; returns what it read (counted in the response) and how to deliver it. */
  run(model: WorkbookModel): { response?: unknown; deliver?: Delivery } | void;
}

export interface EngineHooks {
  model: WorkbookModel;
  limits: { requestBytes: number; responseBytes: number };
  onSync(stats: { requestBytes: number; responseBytes: number }): void;
  onTableChanges(changes: TableChange[], source: "Local" | "Remote"): void;
  subscribe(scope: EventScope, handler: (args: unknown) => unknown): () => void;
}

/** Which changes a TableChanged handler hears: all tables, one sheet's, or one table's. */
export type EventScope = { kind: "workbook" } | { kind: "sheet"; id: string } | { kind: "table"; id: string };

function byteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
}

function toOfficeError(error: unknown, statement: string): FakeOfficeExtensionError {
  if (error instanceof FakeOfficeExtensionError) return error;
  if (error instanceof ExcelApiError) return new FakeOfficeExtensionError(error.code, error.message, statement);
  throw error;
}

/** The fake Excel.RequestContext. */
export class FakeRequestContext {
  private queue: Operation[] = [];
  private nullables: FakeClientObject<unknown>[] = [];
  private closed = false;
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  readonly requestHeaders: Record<string, string> = {};
  /** The workbook proxy; set by the Excel namespace when the context is created. */
  workbook!: unknown;

  constructor(readonly hooks: EngineHooks) {}

  get debugInfo(): { pendingStatements: string[] } {
    return { pendingStatements: this.queue.map((op) => op.statement) };
  }

  enqueue(op: Operation): void {
    if (this.closed) throw new FakeOfficeExtensionError("InvalidRequestContext", ERROR_MESSAGES.InvalidRequestContext);
    this.queue.push(op);
  }

  registerNullable(proxy: FakeClientObject<unknown>): void {
    this.nullables.push(proxy);
  }

  get hasPendingWork(): boolean {
    return this.queue.length > 0;
  }

  close(): void {
    this.closed = true;
  }

  /** Used again by Excel.run(object, batch): its objects are valid in the new batch. */
  reopen(): this {
    this.closed = false;
    return this;
  }

  load(object: FakeClientObject<unknown>, option?: LoadOption): void {
    object.load(option);
  }

  trace(message: string): void {
    this.enqueue({ statement: `trace(${message})`, payload: message, run: () => undefined });
  }

  async sync<T>(passThroughValue?: T): Promise<T> {
    await Promise.resolve(); // a round trip is never synchronous
    const ops = this.queue;
    this.queue = [];
    // A *OrNullObject lookup is itself an action in the request (Office.js sends it), even with nothing else queued.
    if (ops.length === 0 && this.nullables.length === 0) return passThroughValue as T;
    const { model, limits } = this.hooks;

    const requestBytes = byteLength(ops.map((op) => [op.statement, op.payload]));
    if (requestBytes > limits.requestBytes) {
      this.hooks.onSync({ requestBytes, responseBytes: 0 });
      throw new FakeOfficeExtensionError("RequestPayloadSizeLimitExceeded", ERROR_MESSAGES.RequestPayloadSizeLimitExceeded);
    }

    // Undoing is only needed when a request both reads and changes something: a read-only request changes nothing to undo.
    const before = ops.some((op) => op.reads) && ops.some((op) => !op.reads) ? model.snapshot() : null;
    const deliveries: Delivery[] = [];
    const responses: unknown[] = [];
    let failure: FakeOfficeExtensionError | null = null;
    for (const op of ops) {
      try {
        const result = op.run(model);
        if (result?.response !== undefined) responses.push(result.response);
        if (result?.deliver) deliveries.push(result.deliver);
      } catch (error) {
        failure = toOfficeError(error, op.statement);
        break;
      }
    }
    const responseBytes = byteLength(responses);
    this.hooks.onSync({ requestBytes, responseBytes });

    if (!failure && responseBytes > limits.responseBytes) {
      if (before) model.restore(before);
      throw new FakeOfficeExtensionError("ResponsePayloadSizeLimitExceeded", ERROR_MESSAGES.ResponsePayloadSizeLimitExceeded);
    }
    // Batches are not transactions: what ran before a failure stays applied, and its events fire.
    this.hooks.onTableChanges(model.drainChanges(), "Local");
    if (failure) throw failure;
    for (const deliver of deliveries) deliver();
    for (const proxy of this.nullables.splice(0)) proxy.settleNullState(model);
    return passThroughValue as T;
  }
}

export interface LoadOption {
  select?: string | string[];
  expand?: string | string[];
  top?: number;
  skip?: number;
}

/** Turns the forms load() accepts ("a, b/c", ["a"], { select, expand }) into property paths. */
export function loadPaths(option?: string | string[] | LoadOption): string[] | "scalars" {
  if (option === undefined || option === null) return "scalars";
  const split = (v: string | string[] | undefined): string[] =>
    v === undefined ? [] : (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean);
  if (typeof option === "string" || Array.isArray(option)) {
    const paths = split(option);
    return paths.length ? paths : "scalars";
  }
  const paths = [...split(option.select), ...split(option.expand)];
  return paths.length ? paths : "scalars";
}

/** A ClientResult: `.value` is readable after the sync that carried its method. */
export class FakeClientResult<T> {
  private loaded = false;
  private result: T | undefined;

  get value(): T {
    if (!this.loaded) throw new FakeOfficeExtensionError("ValueNotLoaded", ERROR_MESSAGES.ValueNotLoaded);
    return this.result as T;
  }

  settle(value: T): void {
    this.loaded = true;
    this.result = value;
  }
}

/**
 * Finds the model entity a proxy stands for, at the point in the batch where it is first used.
 * Returns null for a null object (*OrNullObject); throws ItemNotFound for a missing getItem.
 */
export type Locator<T> = (model: WorkbookModel) => T | null;

/** The base of every fake proxy (OfficeExtension.ClientObject). */
export abstract class FakeClientObject<T> {
  private readonly loadedValues = new Map<string, unknown>();
  private nullState: boolean | undefined;
  private resolved: { entity: T | null } | undefined;
  private readonly children = new Map<string, unknown>();

  constructor(
    readonly context: FakeRequestContext,
    private readonly locator: Locator<T>,
    /** True when this proxy (or a proxy it came from) is an *OrNullObject. */
    readonly nullable: boolean,
  ) {
    if (nullable) context.registerNullable(this as FakeClientObject<unknown>);
  }

  /** The proxy's type name, as Office.js names it in error locations. */
  protected abstract get typeName(): string;
  /** Properties a bare load() fetches. */
  protected abstract get scalarNames(): readonly string[];
  /** Reads one scalar property from the entity (null for a null object). */
  protected abstract readScalar(entity: T, name: string, model: WorkbookModel): unknown;
  /** Navigation properties (format, font, worksheet, ...) for paths like "format/font/bold". */
  protected navigation(_name: string): FakeClientObject<unknown> | undefined {
    return undefined;
  }

  /** Navigation properties return the same proxy every time, as Office.js's do (so loads land where they are read). */
  protected child<C>(name: string, make: () => C): C {
    if (!this.children.has(name)) this.children.set(name, make());
    return this.children.get(name) as C;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) {
      if (!this.nullable) return false;
      throw propertyNotLoaded("isNullObject");
    }
    return this.nullState;
  }

  /** Resolves (once, then remembers, as Office.js keeps an object's identity) the entity. */
  target(model: WorkbookModel): T | null {
    if (this.resolved) {
      const entity = this.resolved.entity;
      if (entity !== null && !this.stillExists(entity, model)) throw new ExcelApiError("ItemNotFound");
      return entity;
    }
    const entity = this.locator(model);
    if (entity === null && !this.nullable) throw new ExcelApiError("ItemNotFound");
    this.resolved = { entity };
    return entity;
  }

  /** The entity, failing if this is a null object (for writes and methods that change the workbook). */
  require(model: WorkbookModel): T {
    return this.target(model) ?? (() => { throw new ExcelApiError("ItemNotFound"); })();
  }

  protected stillExists(_entity: T, _model: WorkbookModel): boolean {
    return true;
  }

  settleNullState(model: WorkbookModel): void {
    try {
      this.nullState = this.resolved ? this.resolved.entity === null : this.locator(model) === null;
    } catch {
      this.nullState = true;
    }
  }

  protected readLoaded<V>(name: string): V {
    if (!this.loadedValues.has(name)) throw propertyNotLoaded(name);
    return this.loadedValues.get(name) as V;
  }

  /** Queues a property write: applied in order at sync. */
  protected queueWrite(name: string, value: unknown, apply: (entity: T, model: WorkbookModel) => void): void {
    this.context.enqueue({
      statement: `${this.typeName}.${name} = ...`,
      payload: value,
      run: (model) => apply(this.require(model), model),
    });
  }

  /** Queues a method call that changes the workbook. */
  protected queueCall(name: string, args: unknown, run: (entity: T, model: WorkbookModel) => void): void {
    this.context.enqueue({ statement: `${this.typeName}.${name}(...)`, payload: args, run: (model) => run(this.require(model), model) });
  }

  /** Queues a method returning a primitive: a ClientResult readable after sync. */
  protected queueResult<V>(name: string, compute: (entity: T, model: WorkbookModel) => V): FakeClientResult<V> {
    const result = new FakeClientResult<V>();
    this.context.enqueue({
      statement: `${this.typeName}.${name}()`,
      payload: null,
      reads: true,
      run: (model) => {
        const value = compute(this.require(model), model);
        return { response: value, deliver: () => result.settle(value) };
      },
    });
    return result;
  }

  load(option?: string | string[] | LoadOption): this {
    const paths = loadPaths(option);
    this.context.enqueue({
      statement: `${this.typeName}.load(${JSON.stringify(paths)})`,
      payload: paths,
      reads: true,
      run: (model) => {
        const reads = this.collect(model, paths);
        return { response: reads.map((r) => r.value), deliver: () => reads.forEach((r) => r.apply()) };
      },
    });
    return this;
  }

  /** Reads the paths now; returns values to count and to deliver after the sync succeeds. */
  collect(model: WorkbookModel, paths: string[] | "scalars"): Array<{ value: unknown; apply: () => void }> {
    const entity = this.target(model);
    const names = paths === "scalars" ? [...this.scalarNames] : paths;
    const reads: Array<{ value: unknown; apply: () => void }> = [];
    for (const path of names) {
      const [head, ...rest] = path.split("/");
      const child = this.navigation(head!);
      if (child) {
        reads.push(...child.collect(model, rest.length ? [rest.join("/")] : "scalars"));
        continue;
      }
      if (!this.scalarNames.includes(head!)) throw new ExcelApiError("InvalidArgument", `The property '${head}' doesn't exist on ${this.typeName}.`);
      const value = entity === null ? null : this.readScalar(entity, head!, model);
      reads.push({ value, apply: () => this.loadedValues.set(head!, value) });
    }
    if (this.nullable) {
      reads.push({ value: null, apply: () => (this.nullState = entity === null) });
    }
    return reads;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loadedValues);
  }
}

/** The base of collection proxies: `items` after load, item properties via "items/name" (or just "name"). */
export abstract class FakeCollection<T, Item extends FakeClientObject<unknown>> extends FakeClientObject<T> {
  private loadedItems: Item[] | undefined;
  private loadedCount: number | undefined;

  protected abstract listItems(entity: T, model: WorkbookModel): Item[];

  protected get scalarNames(): readonly string[] {
    return ["count"];
  }

  protected readScalar(entity: T, _name: string, model: WorkbookModel): unknown {
    return this.listItems(entity, model).length;
  }

  get items(): Item[] {
    if (!this.loadedItems) throw propertyNotLoaded("items");
    return this.loadedItems;
  }

  get count(): number {
    if (this.loadedCount === undefined) throw propertyNotLoaded("count");
    return this.loadedCount;
  }

  getCount(): FakeClientResult<number> {
    return this.queueResult("getCount", (entity, model) => this.listItems(entity, model).length);
  }

  override collect(model: WorkbookModel, paths: string[] | "scalars"): Array<{ value: unknown; apply: () => void }> {
    const entity = this.target(model);
    const all = entity === null ? [] : this.listItems(entity, model);
    const itemPaths: string[] = [];
    const reads: Array<{ value: unknown; apply: () => void }> = [];
    let wantsItems = paths === "scalars";
    for (const path of paths === "scalars" ? [] : paths) {
      if (path === "count") {
        reads.push({ value: all.length, apply: () => (this.loadedCount = all.length) });
      } else if (path === "items") {
        wantsItems = true;
      } else {
        wantsItems = true;
        itemPaths.push(path.startsWith("items/") ? path.slice("items/".length) : path);
      }
    }
    if (wantsItems) {
      for (const item of all) reads.push(...item.collect(model, itemPaths.length ? itemPaths : "scalars"));
      reads.push({ value: null, apply: () => (this.loadedItems = all) });
    }
    return reads;
  }
}
