import path from "node:path";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PRESETS, presetRulebook } from "../../src/rules/presets";
import { allClauses, figureSites, parseClause, type Citation, type DocumentName } from "../../src/rules/provenance";
import { parseRulebook, RulebookError } from "../../src/rules/rulebook";
import { rollUp, PlanLedger } from "../../src/rules/controlTotal";
import { statementOf } from "../../src/rules/statement";
import { Money } from "../../src/rules/money";

// The seeds: each document's text, as the project was made from them (a copy in test/fixtures/seeds, so a clean clone
// on any machine checks the same text).
const SEEDS = `${path.resolve(__dirname, "../fixtures/seeds")}/`;
const FILES: Record<DocumentName, string> = {
  MoU: "000_bf3ce2f794ed98b1.txt",
  "MEA MoU": "001_e3a9ab605ccf781e.txt",
  "Thurrock MoU": "002_21d067c195933e27.txt",
  "ICP ToR": "003_d71df21248a9adaf.txt",
  "NENC ICS MoU": "004_4eac395d8fd25ec4.txt",
};
const text = (d: DocumentName) => readFileSync(SEEDS + FILES[d], "utf8");

/** Numbered clauses ("8.4", "9.", "#### 6.1 Governance", "### 10. Failure to Agree") and their text up to the next one. */
function numberedClauses(doc: string): Map<string, string> {
  const lines = doc.split("\n");
  const heads: { n: string; at: number }[] = [];
  lines.forEach((line, at) => {
    const m = /^[#\s*]*(\d{1,2}(?:\.\d{1,2})?)\.?(?:\s|\*|$)/.exec(line);
    if (m) heads.push({ n: m[1]!, at });
  });
  const clauses = new Map<string, string>();
  heads.forEach((h, i) => {
    const body = lines.slice(h.at, heads[i + 1]?.at ?? lines.length).join("\n");
    clauses.set(h.n, (clauses.get(h.n) ?? "") + "\n" + body);
  });
  return clauses;
}

/** The text a citation points at, or undefined when the document has no such clause or heading. */
function citedText({ document, ref }: Citation): string | undefined {
  const doc = text(document);
  if (/^Annex \d+$/.test(ref)) return doc.includes(`${ref} –`) || doc.includes(`${ref} -`) ? doc.slice(doc.lastIndexOf(ref)) : undefined;
  const range = /^(\d{1,2}(?:\.\d{1,2})?)[–-](\d{1,2}(?:\.\d{1,2})?)$/.exec(ref);
  if (range) {
    const [a, b] = [citedText({ document, ref: range[1]! }), citedText({ document, ref: range[2]! })];
    return a !== undefined && b !== undefined ? a + b : undefined;
  }
  const sub = /^(\d{1,2}(?:\.\d{1,2})?)\((\d)\)$/.exec(ref);
  if (sub) {
    // The numbered stages under a clause read as headings of their own, so the clause runs on to the next of its level.
    const at = doc.search(new RegExp(`^${sub[1]!.replace(".", "\\.")}\\.?\\s`, "m"));
    const whole = at < 0 ? undefined : doc.slice(at, at + 2_500);
    return whole && new RegExp(`^\\s*${sub[2]}\\.`, "m").test(whole) ? whole : undefined;
  }
  if (/^\d/.test(ref)) return numberedClauses(doc).get(ref.replace(/\.$/, ""));
  // A heading by its words (the ICP terms of reference and the Thurrock MoU are not numbered): up to the next heading.
  const lines = doc.split("\n");
  const at = lines.findIndex((l) => l.trim().toLowerCase() === ref.toLowerCase());
  return at < 0 ? undefined : lines.slice(at, at + 40).join("\n");
}

const squash = (s: string) => s.replace(/\s+/g, " ").toLowerCase();

describe.each(PRESETS.map((p) => [p.label, p.id] as const))("the %s preset", (_label, id) => {
  const rb = presetRulebook(id)!;

  it("is valid and survives a JSON round trip", () => {
    expect(parseRulebook(JSON.parse(JSON.stringify(rb)))).toEqual(rb);
  });

  it("cites only clauses that exist in the seeds", () => {
    const missing = allClauses(rb).flatMap(({ path, clause }) =>
      clause.startsWith("illustrative: agree locally, local")
        ? []
        : parseClause(clause).citations.filter((c) => citedText(c) === undefined).map((c) => `${path}: ${c.document} ${c.ref}`),
    );
    expect(missing).toEqual([]);
  });

  it("labels every figure no seed sets as illustrative, and finds the words of every one it says a seed sets", () => {
    const wrong = figureSites(rb).flatMap((site) => {
      const { illustrative, citations } = parseClause(site.clause);
      if (illustrative) return [];
      if (site.words === undefined) return [`${site.path}: "${site.clause}" claims a source for a figure, with no words to check`];
      const found = citations.some((c) => squash(citedText(c) ?? "").includes(squash(site.words!)));
      return found ? [] : [`${site.path}: "${site.words}" is not in ${site.clause}`];
    });
    expect(wrong).toEqual([]);
  });

  it("cites the NENC MoU's offsetting only in the NENC preset", () => {
    const nenc = allClauses(rb).filter((c) => c.clause.includes("NENC"));
    if (id !== "north-east-north-cumbria") expect(nenc).toEqual([]);
  });
});

describe("North East and North Cumbria", () => {
  const rb = presetRulebook("north-east-north-cumbria")!;
  const entry = (organisation: string, plan: number, forecast: number) => ({
    organisation, month: 6, plan: new Money(plan), forecast: new Money(forecast), ytdPlan: new Money(plan / 2), ytdActual: new Money(forecast / 2), turnover: new Money(500_000_000),
  });
  const ledger = PlanLedger.of(rb, [entry("RTD", 0, -4_000_000), entry("RTR", 0, 3_000_000), entry("RNN", 0, -500_000), entry("RTF", 0, 0), entry("RX4", 0, 200_000)]);

  it("rolls organisational control totals up to the ICPs and leaves offsetting between them as a proposal (30)", () => {
    const report = rollUp(ledger, 6);
    expect(report.places.map((p) => p.name)).toEqual(["North ICP", "South ICP", "North Cumbria ICP", "System-wide"]);
    expect(String(report.system.offsetAcrossPlaces)).toBe("0");
    expect(String(report.system.proposedOffset)).toBe("3200000");
    expect(String(report.system.uncovered)).toBe("4500000");
    expect(report.system.explanation).toMatch(/a proposal to open for discussion and never applied by itself \(NENC ICS MoU 30\)$/);
  });

  it("states the month Place → ICP → ICS, an ICP-wide trust in its ICP", () => {
    const s = statementOf(ledger, new Map(), 6);
    expect(s.tiers.map((t) => t.label)).toEqual(["Place", "ICP"]);
    const icps = s.system.children.map((c) => c.name);
    expect(icps).toEqual(["North ICP", "South ICP", "North Cumbria ICP", "System-wide"]);
    const north = s.system.children[0]!;
    expect(north.children.map((c) => c.name)).toEqual(["Newcastle Gateshead", "North ICP-wide"]);
    expect(String(s.system.figures.forecastVariance)).toBe("-1300000");
  });

  it("has the Management Group's two CEO-level seats per ICP (20) and the capital group advising only (27)", () => {
    const mg = rb.bodies.find((b) => b.id === "ics-management-group")!;
    expect(mg.seats!.filter((s) => s.perTierUnit === "icp").map((s) => s.types)).toEqual([["commissioner"], ["nhs-provider"]]);
    expect(rb.bodies.find((b) => b.id === rb.capital!.advisoryBody)!.advisory).toBe(true);
    expect(rb.planAlignment!.planningHorizon).toMatchObject({ years: 5, tier: "icp" });
  });
});

describe("bad input is refused, naming the field", () => {
  const mse = () => structuredClone(PRESETS[0]!.input) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- spoiling a preset field by field
  const nenc = () => structuredClone(PRESETS[1]!.input) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- spoiling a preset field by field
  it.each([
    ["duplicate partner codes", () => { const r = mse(); r.partners[1].code = r.partners[0].code; return r; }, /partners.*appears twice/s],
    ["a partner in an unknown unit", () => { const r = nenc(); r.partners[1].place = "atlantis"; return r; }, /unknown place "atlantis" \(no Place or ICP/],
    ["a unit within an unknown unit of the next tier", () => { const r = nenc(); r.tiers[0].units[0].within = "icp-nowhere"; return r; }, /unknown ICP "icp-nowhere"/],
    ["a threshold above 100%", () => { const r = mse(); r.rules[0].threshold.fraction.numerator = 5; return r; }, /above 100%/],
    ["a negative threshold", () => { const r = mse(); r.rules[0].threshold.fraction.numerator = -1; return r; }, /numerator/],
    ["weights that do not sum as required", () => { const r = mse(); r.capital.criteria[0].weight = 31; return r; }, /weightsSumTo/],
    ["a ladder out of order", () => { const r = mse(); r.controlTotal.escalation.steps.reverse(); return r; }, /the ladder must rise/],
    ["a body with no voting members", () => { const r = nenc(); for (const s of r.bodies[0].seats) s.voting = false; return r; }, /ICS Management Group has no voting members/],
    ["an unknown roll-up tier", () => { const r = nenc(); r.controlTotal.rollUpTier = "region"; return r; }, /controlTotal.rollUpTier/],
    ["a rulebook that is not one", () => ({ hello: "world" }), /schemaVersion/],
  ])("%s", (_name, make, message) => {
    expect(() => parseRulebook(make())).toThrow(RulebookError);
    expect(() => parseRulebook(make())).toThrow(message);
  });

  it("reads a schema-1 rulebook (a list of Places) as one tier of Places", () => {
    const { tiers, ...v1 } = mse();
    const old = { ...v1, schemaVersion: 1, places: tiers[0].units.map(({ within: _w, ...u }: Record<string, unknown>) => u) };
    const read = parseRulebook(old);
    expect([read.schemaVersion, read.tiers[0]!.units, read.places]).toEqual([2, presetRulebook("mid-south-essex")!.tiers[0]!.units, presetRulebook("mid-south-essex")!.places]);
  });
});
