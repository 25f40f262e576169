// Owns installing the fake: the globals Excel, Office and OfficeExtension that Office.js code calls,
// the sync counters, the event dispatch, and a synchronous view of the workbook for assertions.
import { intersect, sheetAddress } from "./address";
import type { CellValue } from "./cells";
import { ERROR_MESSAGES, FakeOfficeExtensionError } from "./errors";
import { FakeClientObject, FakeClientResult, FakeRequestContext, type EngineHooks, type EventScope } from "./batch";
import { tableParts, WorkbookModel, type TableChange } from "./model";
import { FakeWorkbook } from "./rangeProxies";
import { FakeSettings, SETTINGS_LIMIT_BYTES, StoredSettings } from "./settings";
import type { PageLayoutModel } from "./pageLayout";
import { FakeCoauthor, FakeEditor } from "./user";

export type { CellTarget, CellReading } from "./user";
export { FakeOfficeExtensionError } from "./errors";

/** Excel on the web's limit on a request and on a response: 5 MB. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export interface FakeExcelOptions {
  sheets?: string[];
  /** Both payload limits at once (tests use small ones). */
  payloadLimitBytes?: number;
  requestLimitBytes?: number;
  responseLimitBytes?: number;
  settingsLimitBytes?: number;
  /** Settings already saved in the document. */
  settings?: Record<string, unknown>;
  /** Highest supported version of each requirement set; default ExcelApi 1.17. */
  requirements?: Record<string, string>;
}

export interface TableView {
  name: string;
  id: string;
  sheet: string;
  address: string;
  headers: string[];
  values: CellValue[][];
  formulas: CellValue[][];
  showTotals: boolean;
}

export interface FakeExcel {
  readonly model: WorkbookModel;
  readonly user: FakeEditor;
  readonly coauthor: FakeCoauthor;
  /** context.sync() round trips that carried work (Excel.run's closing sync included). */
  readonly syncs: number;
  readonly largestRequestBytes: number;
  readonly largestResponseBytes: number;
  resetCounters(): void;
  /** Resolves once every TableChanged handler raised so far has run. */
  settleEvents(): Promise<void>;
  sheets(): string[];
  tables(): TableView[];
  table(name: string): TableView;
  /** The address Range.select() last selected ("" if nothing was). */
  selection(): string;
  /** The body rows (zero-based) of a table that the selection covers; undefined if it covers none. */
  selectedBodyRows(table: string): number[] | undefined;
  /** How a sheet prints (what Worksheet.pageLayout was set to), undefined until something set it. */
  pageLayoutOf(sheet: string): PageLayoutModel | undefined;
  /** The settings as stored in the document (what saveAsync wrote). */
  storedSettings(): Record<string, unknown>;
  uninstall(): void;
}

interface Subscription {
  scope: EventScope;
  handler: (args: unknown) => unknown;
}

function versionAtLeast(have: string, want: string): boolean {
  const a = have.split(".").map(Number);
  const b = want.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

const ENUMS = {
  DeleteShiftDirection: { up: "Up", left: "Left" },
  InsertShiftDirection: { down: "Down", right: "Right" },
  ClearApplyTo: { all: "All", formats: "Formats", contents: "Contents", hyperlinks: "Hyperlinks", removeHyperlinks: "RemoveHyperlinks", resetContents: "ResetContents" },
  ChartSeriesBy: { auto: "Auto", columns: "Columns", rows: "Rows" },
  ChartType: { columnClustered: "ColumnClustered", barClustered: "BarClustered", line: "Line", pie: "Pie", xyscatter: "XYScatter", columnStacked: "ColumnStacked", barStacked: "BarStacked", doughnut: "Doughnut" },
  EventSource: { local: "Local", remote: "Remote" },
  DataChangeType: { unknown: "Unknown", rangeEdited: "RangeEdited", rowInserted: "RowInserted", rowDeleted: "RowDeleted", columnInserted: "ColumnInserted", columnDeleted: "ColumnDeleted", cellInserted: "CellInserted", cellDeleted: "CellDeleted" },
  SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
  PageOrientation: { portrait: "Portrait", landscape: "Landscape" },
  ErrorCodes: Object.fromEntries(Object.keys(ERROR_MESSAGES).map((code) => [code[0]!.toLowerCase() + code.slice(1), code])),
};

export function installFakeExcel(options: FakeExcelOptions = {}): FakeExcel {
  const model = new WorkbookModel(options.sheets ?? ["Sheet1"]);
  const limits = {
    requestBytes: options.requestLimitBytes ?? options.payloadLimitBytes ?? PAYLOAD_LIMIT_BYTES,
    responseBytes: options.responseLimitBytes ?? options.payloadLimitBytes ?? PAYLOAD_LIMIT_BYTES,
  };
  const counters = { syncs: 0, largestRequestBytes: 0, largestResponseBytes: 0 };
  const subscriptions: Subscription[] = [];
  let pendingEvents = 0;

  const dispatch = (changes: TableChange[], source: "Local" | "Remote"): void => {
    for (const change of changes) {
      for (const sub of subscriptions) {
        const hears =
          sub.scope.kind === "workbook" || (sub.scope.kind === "sheet" && sub.scope.id === change.worksheetId) || (sub.scope.kind === "table" && sub.scope.id === change.tableId);
        if (!hears) continue;
        const args = eventArgs(change, source);
        pendingEvents += 1;
        // Excel raises events after the change, never inside the call that made it.
        setTimeout(() => {
          Promise.resolve()
            .then(() => sub.handler(args))
            .catch(() => undefined)
            .finally(() => (pendingEvents -= 1));
        }, 0);
      }
    }
  };

  const hooks: EngineHooks = {
    model,
    limits,
    onSync: ({ requestBytes, responseBytes }) => {
      counters.syncs += 1;
      counters.largestRequestBytes = Math.max(counters.largestRequestBytes, requestBytes);
      counters.largestResponseBytes = Math.max(counters.largestResponseBytes, responseBytes);
    },
    onTableChanges: dispatch,
    subscribe: (scope, handler) => {
      const sub = { scope, handler };
      subscriptions.push(sub);
      return () => subscriptions.splice(subscriptions.indexOf(sub), 1);
    },
  };

  const newContext = (): FakeRequestContext => {
    const context = new FakeRequestContext(hooks);
    context.workbook = new FakeWorkbook(context);
    return context;
  };

  async function run<T>(first: unknown, second?: (context: FakeRequestContext) => Promise<T>): Promise<T> {
    const batch = (typeof first === "function" ? first : second) as (context: FakeRequestContext) => Promise<T>;
    // Excel.run(object, batch) runs in the request context of an earlier object (or a context itself), e.g. to
    // remove an event handler registered in an earlier batch.
    const earlier = first instanceof FakeRequestContext ? first : (first as { context?: unknown } | undefined)?.context;
    const context = earlier instanceof FakeRequestContext ? earlier.reopen() : newContext();
    const pending = batch(context) as unknown;
    if (!pending || typeof (pending as Promise<T>).then !== "function") {
      throw new FakeOfficeExtensionError("RunMustReturnPromise", ERROR_MESSAGES.RunMustReturnPromise);
    }
    try {
      const result = await (pending as Promise<T>);
      if (context.hasPendingWork) await context.sync();
      return result;
    } finally {
      context.close();
    }
  }

  function eventArgs(change: TableChange, source: "Local" | "Remote"): Record<string, unknown> {
    const range = (ctx: FakeRequestContext, nullable: boolean): unknown => {
      const sheets = (ctx.workbook as FakeWorkbook).worksheets;
      const sheet = nullable ? sheets.getItemOrNullObject(change.worksheetId) : sheets.getItem(change.worksheetId);
      return sheet.getRange(change.address);
    };
    return {
      type: "TableChanged",
      tableId: change.tableId,
      worksheetId: change.worksheetId,
      address: change.address,
      changeType: change.changeType,
      source,
      getRange: (ctx: FakeRequestContext) => range(ctx, false),
      getRangeOrNullObject: (ctx: FakeRequestContext) => range(ctx, true),
    };
  }

  const stored = new StoredSettings();
  for (const [key, value] of Object.entries(options.settings ?? {})) stored.bag.set(key, JSON.stringify(value));
  const settings = new FakeSettings(stored, options.settingsLimitBytes ?? SETTINGS_LIMIT_BYTES);
  const requirements = options.requirements ?? { ExcelApi: "1.17" };

  const previous = { Excel: Reflect.get(globalThis, "Excel"), Office: Reflect.get(globalThis, "Office"), OfficeExtension: Reflect.get(globalThis, "OfficeExtension") };
  const info = { host: "Excel", platform: "OfficeOnline" };
  Object.assign(globalThis, {
    Excel: { run, RequestContext: FakeRequestContext, ...ENUMS },
    OfficeExtension: {
      Error: FakeOfficeExtensionError,
      ErrorCodes: ENUMS.ErrorCodes,
      ClientResult: FakeClientResult,
      ClientObject: FakeClientObject,
      ClientRequestContext: FakeRequestContext,
      config: { extendedErrorLogging: false },
      Promise,
    },
    Office: {
      context: {
        document: { settings },
        requirements: { isSetSupported: (name: string, version = "1.1") => requirements[name] !== undefined && versionAtLeast(requirements[name]!, version) },
        host: "Excel",
        platform: "OfficeOnline",
      },
      onReady: (callback?: (i: typeof info) => void) => {
        callback?.(info);
        return Promise.resolve(info);
      },
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      HostType: { Excel: "Excel" },
      PlatformType: { OfficeOnline: "OfficeOnline" },
      EventType: { SettingsChanged: "settingsChanged" },
    },
  });

  const viewOf = (name: string): TableView => {
    const t = model.findTable(name);
    if (!t) throw new Error(`No table named ${name}`);
    const { range, body } = tableParts(t);
    const ref = { sheet: t.sheet, rect: body };
    return {
      name: t.name,
      id: t.id,
      sheet: t.sheet.name,
      address: sheetAddress(t.sheet.name, range),
      headers: t.columns.map((c) => c.name),
      values: model.values(ref),
      formulas: model.formulas(ref),
      showTotals: t.showTotals,
    };
  };

  return {
    model,
    user: new FakeEditor(model, "Local", dispatch),
    coauthor: new FakeCoauthor(model, dispatch, stored, () => settings.notifyChangedElsewhere()),
    get syncs() {
      return counters.syncs;
    },
    get largestRequestBytes() {
      return counters.largestRequestBytes;
    },
    get largestResponseBytes() {
      return counters.largestResponseBytes;
    },
    resetCounters() {
      Object.assign(counters, { syncs: 0, largestRequestBytes: 0, largestResponseBytes: 0 });
    },
    async settleEvents() {
      do await new Promise((resolve) => setTimeout(resolve, 0));
      while (pendingEvents > 0);
    },
    sheets: () => model.sheets.map((s) => s.name),
    tables: () => model.tables.map((t) => viewOf(t.name)),
    table: viewOf,
    selection: () => (model.selection ? sheetAddress(model.selection.sheet.name, model.selection.rect) : ""),
    selectedBodyRows(name: string) {
      const t = model.findTable(name);
      if (!t) return undefined;
      const rows = model.selectionAreas.flatMap((area) => {
        const hit = area.sheet === t.sheet ? intersect(tableParts(t).body, area.rect) : null;
        if (!hit) return [];
        const first = hit.row - tableParts(t).body.row;
        return Array.from({ length: hit.rows }, (_, i) => first + i);
      });
      return rows.length > 0 ? rows : undefined;
    },
    pageLayoutOf: (name: string) => model.findSheet(name)?.pageLayout,
    storedSettings: () => Object.fromEntries([...stored.bag].map(([k, v]) => [k, JSON.parse(v) as unknown])),
    uninstall() {
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) Reflect.deleteProperty(globalThis, key);
        else Reflect.set(globalThis, key, value);
      }
    },
  };
}
