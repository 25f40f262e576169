// Owns Worksheet.pageLayout (ExcelApi 1.9): orientation, zoom (fit to pages), the print area, print title rows and the
// default header and footer, stored on the sheet so tests can see how a report sheet will print.
import { parseAddress, rectA1 } from "./address";
import { FakeClientObject } from "./batch";
import { fail } from "./errors";
import type { SheetModel, WorkbookModel } from "./model";
import type { FakeRange } from "./rangeProxies";

export interface PageLayoutModel {
  orientation: "Portrait" | "Landscape";
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  printArea?: string;
  printTitleRows?: string;
  headerFooter: Record<string, string>;
}

/** A sheet's page layout, made on first use with Excel's defaults. */
export function layoutOf(sheet: SheetModel): PageLayoutModel {
  sheet.pageLayout ??= { orientation: "Portrait", zoom: { scale: 100 }, headerFooter: {} };
  return sheet.pageLayout;
}

/** A range argument as Excel takes it: a Range on the sheet, or an address. */
function addressOf(arg: FakeRange | string, sheet: SheetModel, model: WorkbookModel): string {
  if (typeof arg === "string") return rectA1(parseAddress(arg.replace(/\$/g, "")));
  const ref = arg.require(model);
  if (ref.sheet !== sheet) fail("InvalidArgument");
  return rectA1(ref.rect);
}

export class FakePageLayout extends FakeClientObject<SheetModel> {
  protected get typeName(): string {
    return "PageLayout";
  }
  protected get scalarNames(): readonly string[] {
    return ["orientation", "zoom"];
  }
  protected readScalar(sheet: SheetModel, name: string): unknown {
    return layoutOf(sheet)[name as "orientation" | "zoom"];
  }
  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    return name === "headersFooters" ? this.headersFooters : undefined;
  }

  get orientation(): string {
    return this.readLoaded("orientation");
  }
  set orientation(value: "Portrait" | "Landscape") {
    if (value !== "Portrait" && value !== "Landscape") fail("InvalidArgument");
    this.queueWrite("orientation", value, (sheet) => (layoutOf(sheet).orientation = value));
  }
  get zoom(): PageLayoutModel["zoom"] {
    return this.readLoaded("zoom");
  }
  set zoom(value: PageLayoutModel["zoom"]) {
    // Excel takes a scale or fit-to-pages, not both.
    if (value.scale !== undefined && (value.horizontalFitToPages !== undefined || value.verticalFitToPages !== undefined)) fail("InvalidArgument");
    this.queueWrite("zoom", value, (sheet) => (layoutOf(sheet).zoom = { ...value }));
  }
  setPrintArea(area: FakeRange | string): void {
    this.queueCall("setPrintArea", typeof area === "string" ? area : null, (sheet, model) => (layoutOf(sheet).printArea = addressOf(area, sheet, model)));
  }
  setPrintTitleRows(rows: FakeRange | string): void {
    this.queueCall("setPrintTitleRows", typeof rows === "string" ? rows : null, (sheet, model) => (layoutOf(sheet).printTitleRows = typeof rows === "string" ? rows : addressOf(rows, sheet, model)));
  }
  get headersFooters(): FakeHeadersFootersGroup {
    return this.child("headersFooters", () => new FakeHeadersFootersGroup(this.context, (model) => this.target(model), this.nullable));
  }
}

export class FakeHeadersFootersGroup extends FakeClientObject<SheetModel> {
  protected get typeName(): string {
    return "HeaderFooterGroup";
  }
  protected get scalarNames(): readonly string[] {
    return [];
  }
  protected readScalar(): unknown {
    return undefined;
  }
  get defaultForAllPages(): FakeHeaderFooter {
    return this.child("defaultForAllPages", () => new FakeHeaderFooter(this.context, (model) => this.target(model), this.nullable));
  }
}

const PARTS = ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"] as const;
type Part = (typeof PARTS)[number];

export class FakeHeaderFooter extends FakeClientObject<SheetModel> {
  protected get typeName(): string {
    return "HeaderFooter";
  }
  protected get scalarNames(): readonly string[] {
    return PARTS;
  }
  protected readScalar(sheet: SheetModel, name: string): unknown {
    return layoutOf(sheet).headerFooter[name] ?? "";
  }
  private part(name: Part): string {
    return this.readLoaded(name);
  }
  private write(name: Part, value: string): void {
    this.queueWrite(name, value, (sheet) => (layoutOf(sheet).headerFooter[name] = value));
  }
  get leftHeader(): string { return this.part("leftHeader"); }
  set leftHeader(v: string) { this.write("leftHeader", v); }
  get centerHeader(): string { return this.part("centerHeader"); }
  set centerHeader(v: string) { this.write("centerHeader", v); }
  get rightHeader(): string { return this.part("rightHeader"); }
  set rightHeader(v: string) { this.write("rightHeader", v); }
  get leftFooter(): string { return this.part("leftFooter"); }
  set leftFooter(v: string) { this.write("leftFooter", v); }
  get centerFooter(): string { return this.part("centerFooter"); }
  set centerFooter(v: string) { this.write("centerFooter", v); }
  get rightFooter(): string { return this.part("rightFooter"); }
  set rightFooter(v: string) { this.write("rightFooter", v); }
}
