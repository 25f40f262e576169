// The rulebook: its type, its validation on load, and the lookups every capability shares.
import { RulesInputError } from "./inputError";
import { z } from "zod";
import { codeKey } from "./codes";
import { FLAG_WORDS, readFlag } from "./flags";
import { OBJECTIVES } from "./objectives";
import { checkIssueResolution, IssueResolutionSettings } from "./issueRoutes";

export const PARTNER_TYPES = ["nhs-provider", "commissioner", "council", "nhs-regulator", "healthwatch", "other"] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

/** How a member stands on a vote. Blank in a sheet is read as absent. */
export const VOTE_KINDS = ["for", "against", "abstain", "absent", "excluded"] as const;
export type VoteKind = (typeof VOTE_KINDS)[number];

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "ids are lower-case words joined by hyphens");
const text = z.string().trim().min(1);

/** An exact fraction: thresholds are compared in integers, never floating point. */
const Fraction = z
  .object({ numerator: z.int().nonnegative(), denominator: z.int().positive() })
  .refine((f) => f.numerator <= f.denominator, "a threshold cannot be above 100%");

const Threshold = z.object({
  /** at-least: for/denominator >= fraction; more-than: for/denominator > fraction. */
  comparison: z.enum(["at-least", "more-than"]),
  fraction: Fraction,
  /** How the MoU words it, e.g. "not less than 75%" or "a simple majority". */
  wording: text,
});

const Element = z.object({ id, label: text });

/**
 * One unit of a tier: a Place, an ICP, a locality. `within` names the unit of the next tier up it belongs to (null
 * at the top tier, or where it belongs to no unit of the next tier and rolls straight up to the system).
 */
const TierUnit = z.object({ id, name: text, within: id.nullable().default(null), healthAndWellbeingBoard: z.string().optional() });

/**
 * The tiers between the organisations and the system, lowest first: Mid and South Essex has one (Place); North East
 * and North Cumbria three levels of scale (Place, ICP, then the ICS itself as the system). Unit ids are unique across tiers.
 */
const TierSchema = z.object({ id, label: text, clause: text.optional(), units: z.array(TierUnit) });
const PartnerTypeInfo = z.object({ id: z.enum(PARTNER_TYPES), label: text });

const Partner = z.object({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9-]*$/, "partner codes are upper-case letters and digits"),
  name: text,
  type: z.enum(PARTNER_TYPES),
  /**
   * The unit it belongs to: a unit of any tier (a Place usually; an ICP for a trust serving a whole ICP), or null for
   * an organisation serving the whole system. The name is the first tier's, kept from when Places were the only tier.
   */
  place: id.nullable(),
  /** Per-organisation exceptions to Annex 1, by element id: true applies, false does not. */
  overrides: z.record(z.string(), z.boolean()).default({}),
  note: z.string().optional(),
});

/** A seat on a body, or several alike: who may sit, how many, and whether they vote (the register itself comes with the workbook). */
const Seat = z.object({
  label: text,
  /** How many such members: a number, or per unit of a tier ("per ICP"). */
  count: z.int().positive(),
  perTierUnit: id.optional(),
  /** Partner types the seat is drawn from; empty for any. */
  types: z.array(z.enum(PARTNER_TYPES)).default([]),
  voting: z.boolean(),
  clause: text,
  /** How the source words it, e.g. "two CEO-level representatives from each of our ICPs". */
  wording: z.string().optional(),
});

const Body = z.object({
  id,
  name: text,
  clause: text,
  /** What the body does, in the source's words or the SFLG's, e.g. "advises on capital investment priorities". */
  role: z.string().optional(),
  /** Whether it decides by vote or only advises (NENC 27: guiding oversight and advice). */
  advisory: z.boolean().default(false),
  seats: z.array(Seat).optional(),
});
const Matter = z.object({ id, label: text, element: id });

const DecisionRule = z.object({
  id,
  label: text,
  body: id,
  matter: id,
  /** Where the rule comes from, e.g. "MoU 8.4". */
  clause: text,
  /** One vote per member, or one per partner organisation (Mid Essex Alliance). */
  votingUnit: z.enum(["member", "partner"]),
  denominator: z.object({
    /** "eligible members", "members present", ... as the explanation names it. */
    label: text,
    /** Which eligible votes count in the denominator; absent members count against where listed. */
    counts: z.array(z.enum(VOTE_KINDS)).min(1),
  }),
  threshold: Threshold,
  /** The least number of voting members (or partners) present for a vote to stand; the clause says whether a source sets it. */
  quorum: z.object({ present: z.int().positive(), clause: text }).optional(),
  deputiesVote: z.boolean(),
  note: z.string().optional(),
});

/**
 * An adverse-variance tolerance: the larger of a share of the basis (plan or
 * turnover) and an absolute floor. Both are integers so comparisons are exact.
 */
const Tolerance = z.object({
  /** Share of the basis in basis points: 100 = 1%. */
  basisPoints: z.int().nonnegative(),
  /** Absolute floor in whole pounds. */
  floorPounds: z.int().nonnegative(),
});

const EscalationStep = z.object({
  id,
  label: text,
  /** The step is recommended when the adverse forecast variance is at least this... */
  adverseAtLeast: Tolerance,
  /** ...and the organisation has been adverse (outside the green tolerance) this many months in a row. */
  monthsInARow: z.int().min(1).max(12),
  /** Whether an organisation at this step is restricted from discretionary capital (MoU 7.7, 9.11). */
  restrictsDiscretionaryCapital: z.boolean(),
});

/** System control total and mutual accountability (MoU 6.13, 6.30, 7.7–7.9, 9.2–9.4). */
const ControlTotalSettings = z.object({
  /** Who is inside the single NHS control total: these partner types, where this Annex 1 element applies to them. */
  membership: z.object({ types: z.array(z.enum(PARTNER_TYPES)).min(1), element: id, clause: text }),
  /** What a tolerance's percentage is of: the organisation's planned surplus/deficit, or its turnover. */
  toleranceBasis: z.enum(["plan", "turnover"]),
  /** Green within `green`, amber within `amber`, red beyond; "within" includes the tolerance itself. */
  rag: z.object({ green: Tolerance, amber: Tolerance, clause: text }),
  /** The SFLG's recommendations in rising order (MoU 7.8). */
  escalation: z.object({
    steps: z.array(EscalationStep).min(1),
    /** The clause that names the steps. */
    clause: text,
    /** The clause for the figures that trigger each step, where they are not the steps' clause's (illustrative in every seed). */
    triggersClause: text.optional(),
  }),
  /** A Place may hold a risk reserve that absorbs its adverse variance first (MoU 9.4). */
  placeRiskReserve: z.object({ clause: text }),
  /**
   * Favourable variances may offset adverse ones within a unit; across units, either automatically (the system total
   * nets them) or only as a proposal the system opens for discussion (NENC ICS MoU 30), never applied by itself.
   */
  offsetting: z.object({ clause: text, acrossUnits: z.enum(["automatic", "proposal"]).default("automatic") }),
  /** The tier a control total is rolled up to before the system (an ICP in NENC); the first tier when absent. */
  rollUpTier: id.optional(),
  /** How a system over- or underspend is shared across the control total's members (MoU 9.2). */
  riskShare: z.object({ basis: z.enum(["turnover", "plan", "equal"]), clause: text }),
  /** The control total statement: the unit it is shown in, what counts as non-recurrent, and efficiency delivery RAG. */
  statement: z
    .object({
      /** The unit figures are shown in (rounded only when shown); NHS finance reports in £k. */
      unit: z.enum(["pounds", "thousands", "millions"]),
      /** Items the statement separates from the reported position to give the underlying one; shown beside it. */
      nonRecurrent: z.object({ items: z.array(text).min(1), clause: text }),
      /** Efficiency delivered as a share of the year-to-date plan, in basis points: green at or above `green`, amber at or above `amber`. */
      efficiency: z.object({ greenAtLeastBasisPoints: z.int().min(0).max(10_000), amberAtLeastBasisPoints: z.int().min(0).max(10_000), clause: text }),
      /** Capital spend is held to the capital departmental expenditure limit (CDEL). */
      capital: z.object({ clause: text }),
      /** Says which of these figures no source document sets, wherever they are shown. */
      note: text,
    })
    .optional(),
});
export type ControlTotalSettings = z.infer<typeof ControlTotalSettings>;

/** A way of apportioning transformation funds to Places that the partners may agree (MoU 9.7–9.9). */
const AllocationFormula = z.object({
  id,
  label: text,
  /** equal shares; per head of registered population; per head of need-weighted population (population × need index). */
  weighting: z.enum(["equal", "per-capita", "need-weighted"]),
  /** Whether the Places table's floor and cap apply. */
  useFloorsAndCaps: z.boolean(),
  /** No Place more than this many basis points below or above its baseline (100 = 1%); null for no limit. */
  paceOfChangeBasisPoints: z.int().nonnegative().max(10_000).nullable(),
});

/** A delivery RAG band: both measures must be within it. Exact basis points (100 = 1%), compared in integers. */
const MonitoringBand = z.object({
  /** At least this share of the milestones due to date delivered. */
  milestonesAtLeastBasisPoints: z.int().min(0).max(10_000),
  /**
   * Spend to date no further than this share of the profile to date from it, under or over; at most 100% (the Rules
   * settings sheet reads percentages from 0% to 100%, and a rulebook must round-trip through it).
   */
  spendWithinBasisPoints: z.int().min(0).max(10_000),
});

/** What a quarter's RAG does to the next tranche: released or held, in the SFLG's words ("held pending SFLG review"). */
const TrancheConsequence = z.object({ tranche: z.enum(["release", "hold"]), wording: text });

/**
 * Transformation funds are monitored (MoU 9.9–9.10; NENC ICS MoU 21): each unit's funding is subject to agreed
 * deliverables and outcomes and to on-going monitoring. The allocation is paid in tranches, one a period; each
 * period's return is rated, and its RAG releases or holds the next tranche. No seed sets the bands, the consequences
 * or the tranches: each carries the clause that asks for them.
 */
const MonitoringSettings = z.object({
  /** The clause that makes funding subject to agreed deliverables and monitoring: the first tranche waits for agreed deliverables. */
  clause: text,
  /** How often units make a return; four a financial year. */
  period: z.enum(["quarter"]),
  /** Green within `green`, amber within `amber`, red beyond; "within" includes the band's edge. */
  rag: z
    .object({ green: MonitoringBand, amber: MonitoringBand, clause: text })
    .refine((r) => r.green.milestonesAtLeastBasisPoints >= r.amber.milestonesAtLeastBasisPoints && r.green.spendWithinBasisPoints <= r.amber.spendWithinBasisPoints, "the green band is looser than the amber one"),
  consequences: z.object({ green: TrancheConsequence, amber: TrancheConsequence, red: TrancheConsequence, clause: text }),
  /** Each period's tranche as a share of the unit's allocation, in basis points summing to exactly 10,000 (100%). */
  tranches: z
    .object({ sharesBasisPoints: z.array(z.int().min(0).max(10_000)).length(4), clause: text })
    .refine((t) => t.sharesBasisPoints.reduce((a, b) => a + b, 0) === 10_000, "the tranches' shares must add up to exactly 100% (10,000 basis points)"),
});
export type MonitoringSettings = z.infer<typeof MonitoringSettings>;

const AllocationSettings = z.object({
  clause: text,
  formulas: z.array(AllocationFormula).min(1),
  /** Where the formulas' figures (pace of change, floors) come from. */
  formulasClause: text.optional(),
  defaultFormula: id,
  /** The decision rule that applies when the SLE cannot agree an apportionment (MoU 8.4). */
  decisionRule: id,
  /** The tier whose units the funds are apportioned to (the Places table names them); the first tier when absent. */
  tier: id.optional(),
  /** How the funds are monitored once allocated: RAG, consequences and tranches. */
  monitoring: MonitoringSettings.optional(),
});
export type AllocationSettings = z.infer<typeof AllocationSettings>;

/**
 * When a difference between what one partner plans to receive and the other plans to pay is material
 * (the Agreement of Balances test): above a sum in £ and/or a share of the larger side, integers so the
 * test is exact. `mismatchWhen` says whether passing either measure is enough or both are needed; a
 * measure left null is not used.
 */
const Materiality = z
  .object({
    pounds: z.int().nonnegative().nullable(),
    basisPoints: z.int().nonnegative().max(10_000).nullable(),
    mismatchWhen: z.enum(["exceeds-either", "exceeds-both"]),
    /** Where the figures come from; results cite it in place of the section's clause. */
    clause: text.optional(),
  })
  .refine((m) => m.pounds !== null || m.basisPoints !== null, "materiality needs pounds, basis points or both");

const PlanAlignmentSettings = z.object({
  /** Open book and aligned plans (MoU 9.5). */
  clause: text,
  materiality: Materiality,
  /** The categories plan lines are compared by, e.g. clinical contract, non-clinical, recharges. */
  categories: z.array(z.object({ id, label: text })).min(1),
  /** The common financial planning assumptions (MoU 9.5) and how far an organisation's own may stray, in basis points. */
  assumptions: z.object({
    clause: text,
    items: z.array(z.object({ id, label: text, toleranceBasisPoints: z.int().nonnegative() })).min(1),
  }),
  /** Competition-sensitive lines are shared only in aggregate (MoU 12.2; Mid Essex Alliance MoU 11). */
  sensitiveClause: text,
  /** Plans run over this many financial years on the common assumptions (NENC ICS MoU 28: five-year ICP plans), by the tier that plans. */
  planningHorizon: z.object({ years: z.int().min(1).max(10), tier: id.optional(), clause: text }).optional(),
});
export type PlanAlignmentSettings = z.infer<typeof PlanAlignmentSettings>;

const basisPoints = z.int().nonnegative().max(10_000);

/** What the optimiser maximises (MoU 9.11 asks for a fair and transparent process; the choice is the SFLG's). */
export const CAPITAL_OBJECTIVES = OBJECTIVES;

/** Capital prioritisation (MoU 9.11): criteria and weights, the gates, and the portfolio's constraints, all data. */
const CapitalSettings = z
  .object({
    clause: text,
    /** The Partnership Board's rule when the SLE cannot agree the priorities (MoU 8.4). */
    decisionRule: id,
    /** Criterion scores are on this scale, e.g. 0 to 5. */
    scale: z.object({ min: z.int(), max: z.int() }).refine((s) => s.max > s.min, "the scale's maximum must be above its minimum"),
    /** Weights in whole points; a scheme's weighted score is normalised to 0–100. */
    criteria: z.array(z.object({ id, label: text, weight: z.int().nonnegative() })).min(1),
    /** When set, the weights must add up to exactly this (e.g. 100) for the rulebook to be put in force. */
    weightsSumTo: z.int().positive().optional(),
    /** Where the criteria and weights come from (illustrative in every seed: MoU 9.11 asks for fair and transparent criteria). */
    criteriaClause: text.optional(),
    /** The body that advises on capital priorities, if not the deciding one (NENC ICS MoU 27: Strategic Capital Working Group). */
    advisoryBody: id.optional(),
    categories: z.array(
      z.object({
        id,
        label: text,
        /** Backlog maintenance and equipment replacement: the envelope's protected share (MoU 9.11). */
        protectedShare: z.boolean(),
        /** Discretionary capital, which an organisation under recovery measures may not draw (MoU 7.7–7.8, 9.11). */
        discretionary: z.boolean(),
      }),
    ),
    backlogRisk: z.array(text).min(1),
    /** The Annex 1 element an organisation must be inside for its schemes to be funded: "allocation of NHS capital". */
    eligibilityElement: id.default("financial-capital-transformation"),
    eligibilityClause: text.default("MoU Annex 1"),
    /** The objective the panel and ICS.PRIORITISE use unless another is chosen, and the clause the choice is made under. */
    objective: z
      .object({
        default: z.enum(CAPITAL_OBJECTIVES),
        clause: text,
        /** Why this default, as the SFLG states it; shown beside the result. */
        note: text,
      })
      .default({ default: "score-weighted-spend", clause: "MoU 9.11", note: "Illustrative: a local choice for the SFLG to agree under MoU 9.11 (fair and transparent); the MoU sets no objective." }),
    /** Plans over several financial years: whether an unspent year's envelope may be carried into the next. */
    phasing: z.object({ carryForward: z.boolean(), clause: text }).default({ carryForward: false, clause: "illustrative: agree locally, MoU 9.11" }),
    gates: z.object({
      /** A scheme costing at least this much is a major scheme: it must show its revenue effect, and one that worsens the position needs an affordability case. */
      majorSchemeAtLeastPounds: z.int().positive(),
      majorSchemeClause: text,
      /** Organisations on any step of the SFLG ladder that restricts discretionary capital cannot draw it. */
      recoveryClause: text,
    }),
    constraints: z.object({
      /** At least this share of the envelope to the protected categories. */
      protectedShareBasisPoints: basisPoints,
      /** Each Place (each unit of `tier`) at least this share of the envelope. */
      placeMinimumBasisPoints: basisPoints,
      /** The tier whose units the minimum and the cross-unit band are by; the first tier when absent. */
      tier: id.optional(),
      /** Cross-Place schemes within this band of the envelope. */
      crossPlace: z.object({ minBasisPoints: basisPoints, maxBasisPoints: basisPoints }).refine((b) => b.maxBasisPoints >= b.minBasisPoints, "the cross-Place band's maximum is below its minimum"),
      clause: text,
    }),
  })
  .refine((c) => c.criteria.some((k) => k.weight > 0), "at least one criterion needs a weight above 0")
  .refine((c) => c.weightsSumTo === undefined || c.criteria.reduce((a, k) => a + k.weight, 0) === c.weightsSumTo, {
    message: "the criteria's weights do not add up to the total the rulebook requires (weightsSumTo)",
    path: ["criteria"],
  });
export type CapitalSettings = z.infer<typeof CapitalSettings>;
export type Materiality = z.infer<typeof Materiality>;
export type AllocationFormula = z.infer<typeof AllocationFormula>;
export type EscalationStep = z.infer<typeof EscalationStep>;
export type Tolerance = z.infer<typeof Tolerance>;

export const RULEBOOK_SCHEMA_VERSION = 2;

const RulebookObject = z
  .object({
    schemaVersion: z.literal(RULEBOOK_SCHEMA_VERSION),
    id,
    name: text,
    source: text,
    partnerTypes: z.array(PartnerTypeInfo),
    elements: z.array(Element).min(1),
    /** Annex 1: for each element, the partner types it applies to by default. */
    annex1: z.record(z.string(), z.array(z.enum(PARTNER_TYPES))),
    /** Lowest first; at least one, which may have no units (a blank system). */
    tiers: z.array(TierSchema).min(1),
    partners: z.array(Partner),
    bodies: z.array(Body).min(1),
    matters: z.array(Matter).min(1),
    rules: z.array(DecisionRule).min(1),
    defaultRule: id,
    controlTotal: ControlTotalSettings.optional(),
    allocation: AllocationSettings.optional(),
    planAlignment: PlanAlignmentSettings.optional(),
    capital: CapitalSettings.optional(),
    /** How an issue is resolved, stage by stage, and the decision rules that wait on an outcome (MoU 8.3–8.4, 8.10; MEA MoU 10). */
    issueResolution: IssueResolutionSettings.optional(),
  })
  .superRefine((rb, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    // Each repeat is reported at its own place (path), so a sheet's reader can name the row and the column.
    const unique = (name: string, values: string[], pathOf: (i: number) => (string | number)[] = (i) => [name, i]) => {
      const seen = new Set<string>();
      values.forEach((v, i) => {
        const key = codeKey(v);
        if (seen.has(key)) issue(pathOf(i), `${name}: "${v}" appears twice`);
        seen.add(key);
      });
    };
    unique("elements", rb.elements.map((e) => e.id), (i) => ["elements", i, "id"]);
    unique("tiers", rb.tiers.map((t) => t.id), (i) => ["tiers", i, "id"]);
    const unitPaths = rb.tiers.flatMap((t, ti) => t.units.map((_u, ui) => ["tiers", ti, "units", ui, "id"]));
    unique("tier units", rb.tiers.flatMap((t) => t.units.map((u) => u.id)), (i) => unitPaths[i]!);
    unique("partners", rb.partners.map((p) => p.code), (i) => ["partners", i, "code"]);
    unique("partners", rb.partners.map((p) => p.name), (i) => ["partners", i, "name"]);
    unique("bodies", rb.bodies.map((b) => b.id), (i) => ["bodies", i, "id"]);
    unique("matters", rb.matters.map((m) => m.id), (i) => ["matters", i, "id"]);
    unique("rules", rb.rules.map((r) => r.id), (i) => ["rules", i, "id"]);

    const elements = new Set(rb.elements.map((e) => e.id));
    for (const e of elements) if (!(e in rb.annex1)) issue(["annex1"], `annex1 has no row for element "${e}"`);
    for (const e of Object.keys(rb.annex1)) if (!elements.has(e)) issue(["annex1", e], `annex1 names unknown element "${e}"`);

    checkTiers(rb.tiers, issue);
    const units = new Set(rb.tiers.flatMap((t) => t.units.map((u) => u.id)));
    const tierIds = new Set(rb.tiers.map((t) => t.id));
    const tierNames = rb.tiers.map((t) => t.label).join(" or ");
    rb.partners.forEach((p, i) => {
      // A column may hold a partner's code or a yes/no word (ICS.DECISION, ICS.CONTROLTOTAL): the two must never meet.
      if (readFlag(p.code) !== null) issue(["partners", i, "code"], `${p.name}: the code "${p.code}" reads as yes/no (${FLAG_WORDS}); choose another`);
      if (p.place !== null && !units.has(p.place)) issue(["partners", i, "place"], `${p.name}: unknown place "${p.place}" (no ${tierNames} has that id)`);
      for (const e of Object.keys(p.overrides)) {
        if (!elements.has(e)) issue(["partners", i, "overrides"], `${p.name}: override names unknown element "${e}"`);
      }
    });
    rb.matters.forEach((m, i) => {
      if (!elements.has(m.element)) issue(["matters", i, "element"], `matter "${m.id}": unknown element "${m.element}"`);
    });
    const bodies = new Set(rb.bodies.map((b) => b.id));
    rb.bodies.forEach((b, i) => {
      b.seats?.forEach((s, j) => {
        if (s.perTierUnit !== undefined && !tierIds.has(s.perTierUnit)) issue(["bodies", i, "seats", j, "perTierUnit"], `${b.name}: seat "${s.label}" is per unknown tier "${s.perTierUnit}"`);
      });
      if (b.seats && !b.seats.some((s) => s.voting) && rb.rules.some((r) => r.body === b.id)) {
        issue(["bodies", i, "seats"], `${b.name} has no voting members, yet a decision rule is for it`);
      }
    });
    const matters = new Set(rb.matters.map((m) => m.id));
    rb.rules.forEach((r, i) => {
      if (!bodies.has(r.body)) issue(["rules", i, "body"], `rule "${r.id}": unknown body "${r.body}"`);
      if (!matters.has(r.matter)) issue(["rules", i, "matter"], `rule "${r.id}": unknown matter "${r.matter}"`);
    });
    if (!rb.rules.some((r) => r.id === rb.defaultRule)) issue(["defaultRule"], `default rule "${rb.defaultRule}" is not a rule`);
    if (rb.controlTotal) checkControlTotal(rb.controlTotal, elements, issue);
    const checkTier = (tier: string | undefined, path: (string | number)[]) => {
      if (tier !== undefined && !tierIds.has(tier)) issue(path, `unknown tier "${tier}"; the tiers are ${[...tierIds].join(", ")}`);
    };
    checkTier(rb.controlTotal?.rollUpTier, ["controlTotal", "rollUpTier"]);
    checkTier(rb.capital?.constraints.tier, ["capital", "constraints", "tier"]);
    checkTier(rb.allocation?.tier, ["allocation", "tier"]);
    checkTier(rb.planAlignment?.planningHorizon?.tier, ["planAlignment", "planningHorizon", "tier"]);
    if (rb.capital?.advisoryBody !== undefined && !bodies.has(rb.capital.advisoryBody)) {
      issue(["capital", "advisoryBody"], `capital advisory body "${rb.capital.advisoryBody}" is not a body`);
    }
    if (rb.capital) {
      const capitalRule = rb.rules.find((r) => r.id === rb.capital!.decisionRule);
      if (!capitalRule) issue(["capital", "decisionRule"], `capital decision rule "${rb.capital.decisionRule}" is not a rule`);
      else if (rb.matters.find((m) => m.id === capitalRule.matter)?.element !== rb.capital.eligibilityElement) {
        issue(["capital", "decisionRule"], `capital decision rule "${capitalRule.id}" decides "${capitalRule.matter}", not a matter of the capital element "${rb.capital.eligibilityElement}"`);
      }
      if (!elements.has(rb.capital.eligibilityElement)) issue(["capital", "eligibilityElement"], `capital eligibility names unknown element "${rb.capital.eligibilityElement}"`);
    }
    if (rb.issueResolution) checkIssueResolution(rb.issueResolution, { bodies, rules: new Set(rb.rules.map((r) => r.id)) }, issue);
    if (rb.allocation) {
      const { formulas, defaultFormula, decisionRule } = rb.allocation;
      unique("allocation formulas", formulas.map((f) => f.id));
      if (!formulas.some((f) => f.id === defaultFormula)) issue(["allocation", "defaultFormula"], `default formula "${defaultFormula}" is not a formula`);
      if (!rb.rules.some((r) => r.id === decisionRule)) issue(["allocation", "decisionRule"], `allocation decision rule "${decisionRule}" is not a rule`);
    }
  });

/** Each unit belongs to a unit of the next tier up (or to none, rolling straight to the system); the top tier's to none. */
function checkTiers(tiers: readonly z.infer<typeof TierSchema>[], issue: (path: (string | number)[], message: string) => void): void {
  tiers.forEach((tier, t) => {
    const above = tiers[t + 1];
    const parents = new Set(above?.units.map((u) => u.id) ?? []);
    tier.units.forEach((unit, u) => {
      if (unit.within === null) return;
      if (!above) issue(["tiers", t, "units", u, "within"], `${tier.label} ${unit.name} is within "${unit.within}", but ${tier.label} is the top tier`);
      else if (!parents.has(unit.within)) issue(["tiers", t, "units", u, "within"], `${tier.label} ${unit.name}: unknown ${above.label} "${unit.within}"`);
    });
  });
}

/** The ladder must rise: each step asks at least as much as the one before, and amber is no tighter than green. */
function checkControlTotal(
  ct: ControlTotalSettings,
  elements: Set<string>,
  issue: (path: (string | number)[], message: string) => void,
): void {
  if (!elements.has(ct.membership.element)) {
    issue(["controlTotal", "membership", "element"], `control total membership names unknown element "${ct.membership.element}"`);
  }
  const looser = (a: Tolerance, b: Tolerance) => a.basisPoints > b.basisPoints || a.floorPounds > b.floorPounds;
  if (looser(ct.rag.green, ct.rag.amber)) issue(["controlTotal", "rag"], "the green tolerance is wider than the amber one");
  if (ct.statement && ct.statement.efficiency.greenAtLeastBasisPoints < ct.statement.efficiency.amberAtLeastBasisPoints) {
    issue(["controlTotal", "statement", "efficiency"], "efficiency green asks less delivery than amber; green must be at least amber");
  }
  const seen = new Set<string>();
  ct.escalation.steps.forEach((step, i) => {
    if (seen.has(step.id)) issue(["controlTotal", "escalation", "steps", i], `escalation step "${step.id}" appears twice`);
    seen.add(step.id);
    const before = ct.escalation.steps[i - 1];
    if (before && (looser(before.adverseAtLeast, step.adverseAtLeast) || before.monthsInARow > step.monthsInARow)) {
      issue(["controlTotal", "escalation", "steps", i], `escalation step "${step.id}" asks less than "${before.id}" before it; the ladder must rise`);
    }
  });
}

/** The first tier's units, under the name every Place-based capability has always used. */
export const RulebookSchema = RulebookObject.transform((rb) => ({
  ...rb,
  places: rb.tiers[0]!.units.map((u) => ({ id: u.id, name: u.name, ...(u.healthAndWellbeingBoard !== undefined ? { healthAndWellbeingBoard: u.healthAndWellbeingBoard } : {}) })),
}));

export type Rulebook = z.infer<typeof RulebookSchema>;
export type TierSpec = Rulebook["tiers"][number];
export type TierUnit = TierSpec["units"][number];
export type Partner = Rulebook["partners"][number];
export type DecisionRule = Rulebook["rules"][number];
export type Threshold = DecisionRule["threshold"];
export type Matter = Rulebook["matters"][number];
export type Body = Rulebook["bodies"][number];
export type RulebookInput = z.input<typeof RulebookObject>;

/** A rule, a partner or a rulebook could not be found or is not valid. */
export class RulebookError extends RulesInputError {
  constructor(message: string) {
    super(message);
    this.name = "RulebookError";
  }
}

/** Validates a rulebook (from a preset, the workbook or a user's edit); throws RulebookError naming every problem. */
export function parseRulebook(data: unknown): Rulebook {
  const result = RulebookSchema.safeParse(upgradeRulebook(data));
  if (!result.success) {
    throw new RulebookError(`The rulebook is not valid:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/**
 * A rulebook stored before tiers (schema 1: a list of Places) as schema 2: the Places become the one tier. A stored
 * schema-2 rulebook carries the derived `places` too; they are dropped, the tiers being the source. Anything else is
 * left for validation to judge.
 */
export function upgradeRulebook(data: unknown): unknown {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return data;
  const { places, ...rest } = data as Record<string, unknown>;
  if (rest.schemaVersion === 1 && rest.tiers === undefined && Array.isArray(places)) {
    const units = places.map((p) => (typeof p === "object" && p !== null ? { ...p, within: null } : p));
    return { ...rest, schemaVersion: RULEBOOK_SCHEMA_VERSION, tiers: [{ id: "place", label: "Place", units }] };
  }
  return rest.tiers === undefined ? data : rest;
}

/** The rulebook as stored with a workbook or exported: without the derived `places`. */
export function rulebookJson(rulebook: Rulebook): string {
  return JSON.stringify(rulebook, (key, value: unknown) => (key === "places" ? undefined : value));
}

/** A rule by id (or by its label), case-insensitive; the rulebook's default when none is named. */
export function findRule(rulebook: Rulebook, idOrLabel?: string | null): DecisionRule {
  if (idOrLabel === undefined || idOrLabel === null || idOrLabel.trim() === "") {
    return rulebook.rules.find((r) => r.id === rulebook.defaultRule)!;
  }
  const key = codeKey(idOrLabel);
  const rule = rulebook.rules.find((r) => r.id === key || codeKey(r.label) === key);
  if (!rule) {
    throw new RulebookError(`unknown rule "${idOrLabel}"; the rules are ${rulebook.rules.map((r) => r.id).join(", ")}`);
  }
  return rule;
}

/** A partner by short code or full name, case-insensitive; undefined when there is none. */
/** Partners by code and by name, keyed as codeKey keys them, built once per rulebook: a 100,000-line table looks up each line's partners. */
const partnerIndexes = new WeakMap<Rulebook, Map<string, Partner>>();

export function lookupPartner(rulebook: Rulebook, codeOrName: string): Partner | undefined {
  let index = partnerIndexes.get(rulebook);
  if (!index) {
    index = new Map();
    // Codes first, so a code always wins over another partner's name that happens to read the same.
    for (const p of rulebook.partners) if (!index.has(codeKey(p.name))) index.set(codeKey(p.name), p);
    for (const p of rulebook.partners) index.set(codeKey(p.code), p);
    partnerIndexes.set(rulebook, index);
  }
  return index.get(codeKey(codeOrName));
}

export type Place = Rulebook["places"][number];

/** A Place by id or name ("mid-essex", "Mid Essex", " MID ESSEX "), case and spacing ignored; undefined when there is none. */
export function lookupPlace(rulebook: Rulebook, idOrName: string): Place | undefined {
  const key = codeKey(idOrName);
  return rulebook.places.find((p) => p.id === key || codeKey(p.name) === key);
}

/** "Cross-Place", as a schemes table or ICS.PRIORITISE marks a scheme serving no one Place; case and spacing ignored. */
export const isCrossPlace = (text: string): boolean => codeKey(text) === "cross-place";

export function findPartner(rulebook: Rulebook, codeOrName: string): Partner {
  const partner = lookupPartner(rulebook, codeOrName);
  if (!partner) throw new RulebookError(`unknown partner "${codeOrName}"`);
  return partner;
}

export function isPartnerType(value: string): value is PartnerType {
  return (PARTNER_TYPES as readonly string[]).includes(value);
}

export function matterOf(rulebook: Rulebook, rule: DecisionRule): Matter {
  return rulebook.matters.find((m) => m.id === rule.matter)!;
}

export function bodyOf(rulebook: Rulebook, rule: DecisionRule): Body {
  return rulebook.bodies.find((b) => b.id === rule.body)!;
}

/**
 * The Annex 1 element a matter, element or rule id names (case-insensitive),
 * so that "capital-priorities", "financial-capital-transformation" and
 * "pb-capital" all reach the capital row.
 */
export function findElement(rulebook: Rulebook, matterOrElement: string): string {
  const key = codeKey(matterOrElement);
  const element = rulebook.elements.find((e) => e.id === key || codeKey(e.label) === key);
  if (element) return element.id;
  const matter = rulebook.matters.find((m) => m.id === key || codeKey(m.label) === key);
  if (matter) return matter.element;
  const rule = rulebook.rules.find((r) => r.id === key);
  if (rule) return matterOf(rulebook, rule).element;
  throw new RulebookError(
    `unknown matter "${matterOrElement}"; the matters are ${rulebook.matters.map((m) => m.id).join(", ")}`,
  );
}

/** Annex 1 default for a partner type. */
export function appliesToType(rulebook: Rulebook, type: PartnerType, element: string): boolean {
  return (rulebook.annex1[element] ?? []).includes(type);
}

/** Annex 1 for one organisation: its type's default, then its own override. */
export function appliesToPartner(rulebook: Rulebook, partner: Partner, element: string): boolean {
  return partner.overrides[element] ?? appliesToType(rulebook, partner.type, element);
}
