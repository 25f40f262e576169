// The build output: functions.json generated from JSDoc, the manifest rewritten for production, the task pane page.
import { describe, expect, it } from "vitest";
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
const dist = path.join(root, "dist");

interface FunctionMetadata {
  id: string;
  name: string;
  parameters: { name: string; type: string; dimensionality?: string; optional?: boolean }[];
  result: { type?: string; dimensionality?: string };
}

describe("the build output (dist/, from npm run build:dev)", () => {
  const metadata = JSON.parse(readFileSync(path.join(dist, "functions.json"), "utf8")) as { functions: FunctionMetadata[] };
  const byId = new Map(metadata.functions.map((f) => [f.id, f]));
  const params = (id: string) => byId.get(id)!.parameters.map((p) => [p.name, p.type, p.dimensionality ?? "scalar", p.optional ?? false]);

  it("lists every ICS function with the right parameters", () => {
    expect([...byId.keys()].sort()).toEqual(["ALIGNED", "ALLOCATE", "CONTROLTOTAL", "DECISION", "DELIVERYRAG", "ELIGIBLE", "ESCALATION", "MISMATCHES", "PLACESHARE", "PRIORITISE", "RAG", "RISKSHARE", "SCHEMESCORE", "TRANCHES", "VOTESREQUIRED"]);
    expect(params("VOTESREQUIRED")).toEqual([
      ["eligibleCount", "number", "scalar", false],
      ["rule", "string", "scalar", true],
    ]);
    expect(params("DECISION")).toEqual([
      ["votes", "string", "matrix", false],
      ["eligibility", "any", "matrix", false],
      ["rule", "string", "scalar", true],
    ]);
    expect(params("ELIGIBLE")).toEqual([
      ["partner", "string", "scalar", false],
      ["matter", "string", "scalar", false],
    ]);
    expect(params("CONTROLTOTAL")).toEqual([
      ["organisations", "any", "matrix", false],
      ["plans", "any", "matrix", false],
      ["forecasts", "any", "matrix", false],
    ]);
    expect(params("RAG")).toEqual([
      ["plan", "any", "matrix", false],
      ["forecast", "any", "matrix", false],
      ["turnover", "any", "matrix", true],
    ]);
    expect(params("ESCALATION")).toEqual([
      ["organisation", "any", "matrix", false],
      ["plan", "any", "matrix", false],
      ["forecast", "any", "matrix", false],
      ["monthsAdverse", "any", "matrix", true],
    ]);
    expect(params("RISKSHARE")).toEqual([
      ["amount", "number", "scalar", false],
      ["bases", "any", "matrix", false],
    ]);
    expect(params("ALLOCATE")).toEqual([
      ["fund", "number", "scalar", false],
      ["weights", "any", "matrix", false],
      ["floors", "any", "matrix", true],
      ["caps", "any", "matrix", true],
    ]);
    expect(params("PLACESHARE")).toEqual([
      ["population", "any", "matrix", false],
      ["needIndex", "any", "matrix", false],
    ]);
    expect(params("TRANCHES")).toEqual([["allocations", "any", "matrix", false]]);
    expect(params("DELIVERYRAG").map((p) => p[0])).toEqual(["milestonesDue", "milestonesDelivered", "spendToDate", "releasedToDate"]);
    const alignmentParams = [
      ["organisations", "any", "matrix", false],
      ["counterparties", "any", "matrix", false],
      ["directions", "any", "matrix", false],
      ["amounts", "any", "matrix", false],
      ["threshold", "number", "scalar", true],
    ];
    expect(params("MISMATCHES")).toEqual(alignmentParams);
    expect(params("ALIGNED")).toEqual(alignmentParams);
    expect(params("SCHEMESCORE")).toEqual([
      ["scores", "any", "matrix", false],
      ["weights", "any", "matrix", false],
    ]);
    expect(params("PRIORITISE")).toEqual([
      ["costs", "any", "matrix", false],
      ["scores", "any", "matrix", false],
      // A number, or a row of envelopes one per year of a plan.
      ["envelope", "any", "matrix", false],
      ["places", "any", "matrix", true],
      ["categories", "any", "matrix", true],
      ["eligible", "any", "matrix", true],
      ["objective", "string", "scalar", true],
    ]);
    // Functions that return more than one value spill.
    for (const id of ["CONTROLTOTAL", "RAG", "ESCALATION", "RISKSHARE", "ALLOCATE", "PLACESHARE", "MISMATCHES", "SCHEMESCORE", "PRIORITISE", "TRANCHES", "DELIVERYRAG"]) expect(byId.get(id)!.result.dimensionality).toBe("matrix");
    for (const f of metadata.functions) expect(f.name).toBe(f.id);
  });

  it("registers each function with the runtime (associate calls from the metadata plugin)", () => {
    const js = readFileSync(path.join(dist, "functions.js"), "utf8");
    for (const id of byId.keys()) expect(js).toContain(`CustomFunctions.associate("${id}"`);
  });

  it("serves the task pane page with both entries, a local office.js, and a Content-Security-Policy", () => {
    const html = readFileSync(path.join(dist, "taskpane.html"), "utf8");
    expect(html).toContain('src="office/office.js"');
    expect(html).toMatch(/src="taskpane\.js"/);
    expect(html).toMatch(/src="functions\.js"/);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'self';[^"]*connect-src 'self'/);
    expect(existsSync(path.join(dist, "office/o15apptofilemappingtable.js"))).toBe(true);
  });

  it("does not commit functions.json: it is only a build output", () => {
    const tracked = execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" }).split("\n");
    expect(tracked.filter((f) => f.endsWith("functions.json"))).toEqual([]);
  });

  it("rewrites the manifest's dev URLs to the production base URL in a production build", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "ics-prod-"));
    try {
      // Not minified: minifying takes most of a production build's time and has no part in what is checked here.
      // Asynchronously: a build of many seconds must not hold the test worker's event loop (on a busy machine that
      // trips vitest's own 60 s message timeout).
      await promisify(execFile)("npx", ["webpack", "--mode", "production", "--no-optimization-minimize", "--output-path", out], {
        cwd: root,
        // `npm test` has type-checked the code already: this build is about the manifest and the page.
        env: { ...process.env, ICS_FINANCE_PROD_URL: "https://finance.example.nhs.uk/addin/", ICS_FINANCE_TRANSPILE_ONLY: "1" },
        maxBuffer: 64 * 1024 * 1024,
      });
      const manifest = readFileSync(path.join(out, "manifest.xml"), "utf8");
      expect(manifest).not.toContain("localhost");
      expect(manifest).toContain("https://finance.example.nhs.uk/addin/taskpane.html");
      const html = readFileSync(path.join(out, "taskpane.html"), "utf8");
      expect(html).toContain("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
      expect(existsSync(path.join(out, "office"))).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
