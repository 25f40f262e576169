// Capital constraints at the tier the rulebook names: NENC's minimums are per ICP, each scheme counted towards the ICP its Place is within, checked against the exact oracle.
import { beforeAll, describe, expect, it } from "vitest";
import { assess, type MilpSolver, type Scheme } from "../../src/rules/capital";
import type { ObjectiveId } from "../../src/rules/objectives";
import { presetRulebook } from "../../src/rules/presets";
import { parseRulebook } from "../../src/rules/rulebook";
import { loadSolver } from "../../src/rules/solver";
import { capitalUnits } from "../../src/rules/tiers";
import { oracle, oracleFeasible } from "./portfolioOracle";

const nenc = presetRulebook("north-east-north-cumbria")!;
const settings = nenc.capital!;
const M = 100_000_000; // £1m in pence

let solver: MilpSolver;
beforeAll(async () => {
  solver = await loadSolver();
});

// Written from the MoU's shape (and the preset's tiers) by hand, not from src/rules/tiers.ts: the oracle's own map.
const ICP_OF: Record<string, string> = {
  northumberland: "icp-north",
  "newcastle-gateshead": "icp-north",
  "icp-north": "icp-north",
  sunderland: "icp-central",
  "county-durham": "icp-central",
  "tees-valley": "icp-south",
  "icp-south": "icp-south",
  "north-cumbria": "icp-north-cumbria",
};

const scheme = (name: string, place: string | null, category: string, pounds: number, scores: number[]): Scheme => ({
  name,
  organisation: "RTD",
  place,
  category,
  backlogRisk: category === "backlog-maintenance" ? "High" : null,
  cost: Math.round(pounds * M),
  revenueEffect: null,
  affordabilityCase: false,
  scores,
});

// £10m: each ICP at least 10% (£1m); the Central ICP reaches it only with Sunderland's and County Durham's schemes together.
const SCHEMES: Scheme[] = [
  scheme("Sunderland boilers", "sunderland", "backlog-maintenance", 0.6, [5, 3, 2]),
  scheme("Durham lifts", "county-durham", "backlog-maintenance", 0.5, [4, 3, 2]),
  scheme("Tees roof", "tees-valley", "backlog-maintenance", 1.2, [5, 4, 3]),
  scheme("Newcastle theatre", "newcastle-gateshead", "equipment-replacement", 3, [5, 5, 5]),
  scheme("Northumberland scanner", "northumberland", "equipment-replacement", 2.5, [5, 5, 4]),
  scheme("North ICP hub", "icp-north", "other", 2, [4, 4, 4]),
  scheme("Cumbria lifts", "north-cumbria", "backlog-maintenance", 1.1, [3, 2, 2]),
  scheme("Shared record", null, "other", 1.5, [3, 3, 5]),
  scheme("South ICP beds", "icp-south", "other", 1.5, [4, 4, 3]),
];

const options = (rulebook = nenc, objective: ObjectiveId = "total-score") => ({
  weightPoints: settings.criteria.map((c) => c.weight),
  envelope: 10 * M,
  restricted: new Map<string, string>(),
  locks: new Map(),
  objective,
  ...capitalUnits(rulebook),
});

describe("capital constraints at the ICP tier (NENC)", () => {
  it("counts each scheme towards its Place's ICP (an ICP's own scheme to itself, cross-Place to none)", () => {
    const a = assess(settings, SCHEMES, options(), solver);
    expect(a.rules.places).toEqual(["icp-north", "icp-central", "icp-south", "icp-north-cumbria"]);
    expect(a.candidates.map((c) => c.place)).toEqual(SCHEMES.map((s) => (s.place === null ? null : ICP_OF[s.place])));
  });

  it.each<ObjectiveId>(["total-score", "score-weighted-spend", "ranked", "value-for-money"])("%s: the proven portfolio is the oracle's, to the penny, with every ICP at its minimum", (objective) => {
    const a = assess(settings, SCHEMES, options(nenc, objective), solver);
    const o = a.optimum;
    expect(o.status).toBe("optimal");
    if (o.status !== "optimal") return;
    const byHand = a.candidates.map((c, i) => ({ ...c, place: SCHEMES[i]!.place === null ? null : ICP_OF[SCHEMES[i]!.place!]! }));
    const rules = { ...a.rules, places: ["icp-north", "icp-central", "icp-south", "icp-north-cumbria"] };
    expect(oracleFeasible(byHand, rules, (i) => o.funded[i]!)).toBe(true);
    const best = oracle(byHand, rules, objective);
    if (objective === "ranked" || objective === "value-for-money") expect(o.funded).toEqual(best.funded);
    else {
      const again = oracle(
        byHand.map((c, i) => ({ ...c, lock: o.funded[i] ? ("in" as const) : ("out" as const) })),
        rules,
        objective,
      );
      expect(again.value).toBe(best.value);
    }
    // The Central ICP's £1m needs both its Places' schemes: £600,000 + £500,000.
    const central = SCHEMES.map((s, i) => (o.funded[i] && (s.place === "sunderland" || s.place === "county-durham") ? s.cost : 0)).reduce((x, y) => x + y, 0);
    expect(central).toBe(110_000_000);
    // Each ICP's funded cost at least £1,000,000.00 exactly.
    for (const icp of rules.places) {
      const funded = byHand.reduce((sum, c, i) => sum + (o.funded[i] && c.place === icp ? c.cost : 0), 0);
      expect(funded, icp).toBeGreaterThanOrEqual(1 * M);
    }
  });

  it("the same schemes with the minimum per Place (the first tier) cannot meet Sunderland's £1m, and the reason says so", () => {
    const input = JSON.parse(JSON.stringify(nenc)) as Record<string, unknown> & { capital: { constraints: { tier?: string } } };
    delete input.capital.constraints.tier;
    const byPlace = parseRulebook(input);
    const a = assess(byPlace.capital!, SCHEMES, options(byPlace), solver);
    expect(a.rules.places).toEqual(["northumberland", "newcastle-gateshead", "sunderland", "county-durham", "tees-valley", "north-cumbria"]);
    expect(a.optimum.status).toBe("infeasible");
    expect(a.optimum.status === "infeasible" && a.optimum.reasons.join(" ")).toMatch(/Sunderland/);
  });
});
