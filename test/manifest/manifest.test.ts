// The manifest, parsed offline (Microsoft's validator is an online service: `npm run validate`).
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";

const root = path.resolve(__dirname, "../..");
const xml = readFileSync(path.join(root, "manifest.xml"), "utf8");
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", removeNSPrefix: true, isArray: (name) => ["Image", "Url", "String", "Set", "Runtime", "ExtensionPoint", "Control", "AppDomain"].includes(name) });
const app = parser.parse(xml).OfficeApp;
const overrides = app.VersionOverrides;
const host = overrides.Hosts.Host;
const resources = overrides.Resources;

type Res = { "@id": string; "@DefaultValue": string };
const ids = (group: { [k: string]: Res[] }, key: string) => new Map(group[key]!.map((r) => [r["@id"], r["@DefaultValue"]]));
const images = ids(resources.Images, "Image");
const urls = ids(resources.Urls, "Url");
const shortStrings = ids(resources.ShortStrings, "String");
const longStrings = ids(resources.LongStrings, "String");
const allResids = new Map([...images, ...urls, ...shortStrings, ...longStrings]);

/** Every resid="..." in the manifest. */
const resids = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]!);

describe("manifest.xml", () => {
  it("is an Excel task pane add-in called ICS Finance with a stable id and a four-part version", () => {
    expect(app["@type"]).toBe("TaskPaneApp");
    expect(app.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(app.Version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(app.DisplayName["@DefaultValue"]).toBe("ICS Finance");
    expect(app.Hosts.Host["@Name"]).toBe("Workbook");
    expect(app.Permissions).toBe("ReadWriteDocument");
    expect(app.DefaultLocale).toBe("en-GB");
  });

  it("keeps its version in step with package.json", () => {
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
    expect(app.Version).toBe(`${pkg.version}.0`);
  });

  it("resolves every resid to a resource, and every resource id is unique", () => {
    for (const id of resids) expect(allResids.has(id), `resid ${id}`).toBe(true);
    const all = [...xml.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(all).size).toBe(all.length);
  });

  it("wires one shared runtime (SharedRuntime 1.1, lifetime long) for the task pane and the functions", () => {
    expect(app.Requirements.Sets.Set).toContainEqual(expect.objectContaining({ "@Name": "SharedRuntime", "@MinVersion": "1.1" }));
    const runtimes = host.Runtimes.Runtime;
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0]["@lifetime"]).toBe("long");
    const shared = runtimes[0]["@resid"];
    const functions = host.AllFormFactors.ExtensionPoint.find((e: { "@type": string }) => e["@type"] === "CustomFunctions");
    expect(functions.Page.SourceLocation["@resid"]).toBe(shared);
    expect(shortStrings.get(functions.Namespace["@resid"])).toBe("ICS");
    expect(urls.get(functions.Metadata.SourceLocation["@resid"])).toMatch(/\/functions\.json$/);
    expect(urls.get(functions.Script.SourceLocation["@resid"])).toMatch(/\/functions\.js$/);
    expect(host.DesktopFormFactor.FunctionFile["@resid"]).toBe(shared);
    const button = host.DesktopFormFactor.ExtensionPoint[0].OfficeTab.Group.Control[0];
    expect(button.Action["@type"]).toBe("ShowTaskpane");
    expect(button.Action.SourceLocation["@resid"]).toBe(shared);
    expect(urls.get(shared)).toBe(app.DefaultSettings.SourceLocation["@DefaultValue"]);
  });

  it("points every URL at the dev server over HTTPS, and every icon at a file in assets/", () => {
    const every = [...xml.matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g)].map((m) => m[1]!);
    expect(every.length).toBeGreaterThan(8);
    for (const url of every) expect(url.startsWith("https://localhost:3000/")).toBe(true);
    for (const url of [...images.values(), app.IconUrl["@DefaultValue"], app.HighResolutionIconUrl["@DefaultValue"]]) {
      const file = path.join(root, new URL(url).pathname);
      expect(existsSync(file), file).toBe(true);
    }
    for (const size of [16, 32, 64, 80, 128]) {
      const png = readFileSync(path.join(root, `assets/icon-${size}.png`));
      expect(png.readUInt32BE(16)).toBe(size); // IHDR width
      expect(png.readUInt32BE(20)).toBe(size);
    }
  });
});
