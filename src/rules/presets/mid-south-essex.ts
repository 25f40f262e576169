// The Mid and South Essex rulebook, built from the seed MoUs (000 Annex 1, 8.2–8.4, 8.10; 001 §6.1, §10; 003 Voting).
import type { RulebookInput } from "../rulebook";

const SPANS_SYSTEMS =
  "Part of neighbouring systems too: 'all elements of the financial framework ... will not apply to all NHS provider organisations, particularly those which span a number of STPs' (MoU Annex 1, note).";
const FINANCIAL_FRAMEWORK_OFF = { "nhs-financial-risk": false, "financial-capital-transformation": false };

const everyType = ["nhs-provider", "commissioner", "council", "nhs-regulator", "healthwatch", "other"] as const;

/** Members' votes that count in "eligible members": absent and abstaining count against; a member excluded for a conflict does not count. */
const ELIGIBLE_MEMBERS = { label: "eligible members", counts: ["for", "against", "abstain", "absent"] } as const;

export const midSouthEssex: RulebookInput = {
  schemaVersion: 1,
  id: "mid-south-essex",
  name: "Mid and South Essex Health and Care Partnership",
  source: "Mid & South Essex Health and Care Partnership MoU; Mid Essex Alliance MoU; MSE Integrated Care Partnership terms of reference",
  partnerTypes: [
    { id: "nhs-provider", label: "NHS provider" },
    { id: "commissioner", label: "Commissioner (CCG, later ICB)" },
    { id: "council", label: "Council" },
    { id: "nhs-regulator", label: "NHS England & NHS Improvement" },
    { id: "healthwatch", label: "Healthwatch" },
    { id: "other", label: "Other partner" },
  ],
  elements: [
    { id: "vision-principles-values", label: "Vision, principles, values and behaviour" },
    { id: "partnership-objectives", label: "Partnership objectives" },
    { id: "governance", label: "Governance" },
    { id: "collective-agreement", label: "Collective agreement and issue resolution" },
    { id: "mutual-accountability", label: "Mutual accountability" },
    { id: "nhs-financial-risk", label: "NHS financial framework: risk management" },
    { id: "financial-capital-transformation", label: "Financial framework: allocation of NHS capital and transformation funds" },
    { id: "national-regional-support", label: "National and regional support" },
  ],
  // The seed's tick marks were lost in extraction; this is DOMAIN.md's reading of the tick counts.
  annex1: {
    "vision-principles-values": [...everyType],
    "partnership-objectives": [...everyType],
    governance: [...everyType],
    "collective-agreement": [...everyType],
    "mutual-accountability": ["nhs-provider", "commissioner", "council", "nhs-regulator"],
    "nhs-financial-risk": ["nhs-provider", "commissioner", "nhs-regulator"],
    "financial-capital-transformation": ["nhs-provider", "commissioner", "nhs-regulator"],
    "national-regional-support": ["nhs-provider", "commissioner", "nhs-regulator"],
  },
  places: [
    { id: "thurrock", name: "Thurrock", healthAndWellbeingBoard: "Thurrock" },
    { id: "south-east-essex", name: "South East Essex", healthAndWellbeingBoard: "Southend; Essex" },
    { id: "mid-essex", name: "Mid Essex", healthAndWellbeingBoard: "Essex" },
    { id: "basildon-brentwood", name: "Basildon and Brentwood", healthAndWellbeingBoard: "Essex" },
  ],
  partners: [
    { code: "ECC", name: "Essex County Council", type: "council", place: null, note: "Spans Mid Essex, South East Essex and Basildon and Brentwood." },
    { code: "SBC", name: "Southend-on-Sea Borough Council", type: "council", place: "south-east-essex" },
    { code: "THC", name: "Thurrock Council", type: "council", place: "thurrock" },
    { code: "CHC", name: "Chelmsford City Council", type: "council", place: "mid-essex" },
    { code: "BDC", name: "Braintree District Council", type: "council", place: "mid-essex" },
    { code: "MDC", name: "Maldon District Council", type: "council", place: "mid-essex" },
    { code: "BBCCG", name: "NHS Basildon and Brentwood CCG", type: "commissioner", place: "basildon-brentwood" },
    { code: "CPRCCG", name: "NHS Castle Point and Rochford CCG", type: "commissioner", place: "south-east-essex" },
    { code: "MECCG", name: "NHS Mid Essex CCG", type: "commissioner", place: "mid-essex" },
    { code: "SCCG", name: "NHS Southend CCG", type: "commissioner", place: "south-east-essex" },
    { code: "TCCG", name: "NHS Thurrock CCG", type: "commissioner", place: "thurrock" },
    { code: "EEAST", name: "East of England Ambulance Service NHS Trust", type: "nhs-provider", place: null, overrides: FINANCIAL_FRAMEWORK_OFF, note: SPANS_SYSTEMS },
    { code: "EPUT", name: "Essex Partnership University NHS Foundation Trust", type: "nhs-provider", place: null, overrides: FINANCIAL_FRAMEWORK_OFF, note: SPANS_SYSTEMS },
    { code: "NELFT", name: "North East London NHS Foundation Trust", type: "nhs-provider", place: null, overrides: FINANCIAL_FRAMEWORK_OFF, note: SPANS_SYSTEMS },
    { code: "MSEFT", name: "Mid and South Essex NHS Foundation Trust", type: "nhs-provider", place: null },
    {
      code: "PROVIDE",
      name: "Provide CIC",
      type: "other",
      place: null,
      overrides: { "mutual-accountability": false, "nhs-financial-risk": false, "financial-capital-transformation": false },
      note: "'Cannot be bound by elements of the financial and mutual accountability frameworks' (MoU Annex 1, note).",
    },
    { code: "NHSE", name: "NHS England", type: "nhs-regulator", place: null },
    { code: "NHSI", name: "NHS Improvement", type: "nhs-regulator", place: null },
    { code: "HWE", name: "Healthwatch Essex", type: "healthwatch", place: null },
    { code: "HWS", name: "Healthwatch Southend", type: "healthwatch", place: "south-east-essex" },
    { code: "HWT", name: "Healthwatch Thurrock", type: "healthwatch", place: "thurrock" },
    { code: "CVSN", name: "Community and Voluntary Sector Network", type: "other", place: null },
    { code: "LMC", name: "Essex Local Medical Committee", type: "other", place: null },
    { code: "UCLP", name: "University College London Partners", type: "other", place: null },
    { code: "EAHSN", name: "Eastern Academic Health Science Network", type: "other", place: null },
  ],
  bodies: [
    { id: "partnership-board", name: "Partnership Board", clause: "MoU 6.4–6.6" },
    { id: "sle", name: "System Leadership Executive", clause: "MoU 6.7–6.8" },
    { id: "icp", name: "Integrated Care Partnership", clause: "ICP terms of reference" },
    { id: "mea", name: "Mid Essex Alliance", clause: "MEA MoU 6.1" },
  ],
  matters: [
    { id: "capital-priorities", label: "Priorities for NHS capital investment", element: "financial-capital-transformation" },
    { id: "transformation-apportionment", label: "Apportionment of transformation funding", element: "financial-capital-transformation" },
    { id: "issue-resolution", label: "Issue resolution", element: "collective-agreement" },
    { id: "icp-decision", label: "ICP decision", element: "collective-agreement" },
    { id: "mea-decision", label: "Mid Essex Alliance decision", element: "collective-agreement" },
    { id: "mea-reserved", label: "Mid Essex Alliance reserved matter", element: "collective-agreement" },
  ],
  rules: [
    {
      id: "pb-capital",
      label: "Partnership Board: NHS capital priorities",
      body: "partnership-board",
      matter: "capital-priorities",
      clause: "MoU 8.4",
      votingUnit: "member",
      denominator: { ...ELIGIBLE_MEMBERS, counts: [...ELIGIBLE_MEMBERS.counts] },
      threshold: { comparison: "at-least", fraction: { numerator: 3, denominator: 4 }, wording: "not less than 75%" },
      deputiesVote: false,
      note: "Applies when the SLE could not reach consensus (MoU 8.3–8.4).",
    },
    {
      id: "pb-transformation",
      label: "Partnership Board: apportionment of transformation funding",
      body: "partnership-board",
      matter: "transformation-apportionment",
      clause: "MoU 8.4",
      votingUnit: "member",
      denominator: { ...ELIGIBLE_MEMBERS, counts: [...ELIGIBLE_MEMBERS.counts] },
      threshold: { comparison: "at-least", fraction: { numerator: 3, denominator: 4 }, wording: "not less than 75%" },
      deputiesVote: false,
      note: "Applies when the SLE could not reach consensus (MoU 8.3–8.4).",
    },
    {
      id: "pb-issue-resolution",
      label: "Partnership Board: issue resolution (stage 4)",
      body: "partnership-board",
      matter: "issue-resolution",
      clause: "MoU 8.10(4)",
      votingUnit: "member",
      denominator: { label: "eligible members present", counts: ["for", "against", "abstain"] },
      threshold: { comparison: "more-than", fraction: { numerator: 1, denominator: 2 }, wording: "a majority" },
      deputiesVote: false,
      note: "The MoU says 'a majority decision' without a denominator; members present is the default and may be edited.",
    },
    {
      id: "sle-issue-resolution",
      label: "SLE: issue resolution (stage 2)",
      body: "sle",
      matter: "issue-resolution",
      clause: "MoU 8.10(2)",
      votingUnit: "partner",
      denominator: { label: "eligible partners participating", counts: ["for", "against", "abstain"] },
      threshold: { comparison: "more-than", fraction: { numerator: 1, denominator: 2 }, wording: "a majority" },
      deputiesVote: false,
      note: "Eligible partners participating in the meeting who are affected by the matter, by Annex 1.",
    },
    {
      id: "icp-majority",
      label: "ICP: decision by vote",
      body: "icp",
      matter: "icp-decision",
      clause: "ICP ToR, Voting",
      votingUnit: "member",
      denominator: { label: "members present", counts: ["for", "against", "abstain"] },
      threshold: { comparison: "more-than", fraction: { numerator: 1, denominator: 2 }, wording: "a simple majority" },
      deputiesVote: true,
      note: "Deputies vote; a member excluded for a conflict of interest may be replaced by a deputy, otherwise drops out (ToR, Conflicts of Interest).",
    },
    {
      id: "mea-majority",
      label: "Mid Essex Alliance: decision by vote",
      body: "mea",
      matter: "mea-decision",
      clause: "MEA MoU 6.1",
      votingUnit: "partner",
      denominator: { label: "partners present", counts: ["for", "against", "abstain"] },
      threshold: { comparison: "more-than", fraction: { numerator: 1, denominator: 2 }, wording: "a simple majority" },
      deputiesVote: true,
      note: "Each partner exercises one vote however many attend.",
    },
    {
      id: "mea-reserved",
      label: "Mid Essex Alliance: reserved matter",
      body: "mea",
      matter: "mea-reserved",
      clause: "MEA MoU 10",
      votingUnit: "partner",
      denominator: { label: "all partners", counts: ["for", "against", "abstain", "absent", "excluded"] },
      threshold: { comparison: "at-least", fraction: { numerator: 1, denominator: 1 }, wording: "unanimity" },
      deputiesVote: true,
      note: "Pooling resources or funding; sharing information beyond the data sharing agreement.",
    },
  ],
  defaultRule: "pb-capital",
  // Tolerances and ladder thresholds are illustrative defaults for the SFLG to agree; the MoU names the steps, not the triggers.
  controlTotal: {
    membership: { types: ["nhs-provider", "commissioner"], element: "nhs-financial-risk", clause: "MoU 6.13, 6.30; Annex 1" },
    toleranceBasis: "plan",
    rag: {
      green: { basisPoints: 50, floorPounds: 250_000 },
      amber: { basisPoints: 500, floorPounds: 2_000_000 },
      clause: "MoU 7.8",
    },
    escalation: {
      clause: "MoU 7.8",
      steps: [
        step("financial-recovery-plan", "Financial recovery plan", 500, 2_000_000, 2),
        step("peer-review", "Detailed peer review of the financial recovery plan", 500, 2_000_000, 3),
        step("external-review", "External review of financial governance and financial management", 1_000, 5_000_000, 3),
        step("improvement-plan", "Organisational improvement plan", 1_000, 5_000_000, 6),
        step("enhanced-controls", "Enhanced controls for deployment of transformation/capital funding held at Place", 2_000, 10_000_000, 6),
      ],
    },
    placeRiskReserve: { clause: "MoU 9.4" },
    offsetting: { clause: "NENC ICS MoU 30" },
    riskShare: { basis: "turnover", clause: "MoU 9.2" },
    // Illustrative: the MoU asks for a system efficiency plan and living within means (9.2) and sets no figures for these.
    statement: {
      unit: "thousands",
      nonRecurrent: {
        items: ["Non-recurrent income and support funding", "Profit on disposal of assets", "Prior-year benefits and provision releases", "One-off cost reductions"],
        clause: "MoU 9.2",
      },
      efficiency: { greenAtLeastBasisPoints: 9_500, amberAtLeastBasisPoints: 8_500, clause: "MoU 9.2; NENC ICS MoU 27" },
      capital: { clause: "MoU 9.11" },
      note: "Illustrative: what counts as non-recurrent and the efficiency delivery bands (green at 95% of plan or more, amber at 85% or more) are for the SFLG to agree (MoU 9.2); no source document sets them.",
    },
  },
  allocation: {
    clause: "MoU 9.7–9.9",
    formulas: [
      { id: "per-capita", label: "Per capita", weighting: "per-capita", useFloorsAndCaps: true, paceOfChangeBasisPoints: null },
      { id: "need-weighted", label: "Need-weighted per capita", weighting: "need-weighted", useFloorsAndCaps: true, paceOfChangeBasisPoints: null },
      { id: "need-weighted-pace-2", label: "Need-weighted, 2% pace of change", weighting: "need-weighted", useFloorsAndCaps: true, paceOfChangeBasisPoints: 200 },
      { id: "equal", label: "Equal shares", weighting: "equal", useFloorsAndCaps: true, paceOfChangeBasisPoints: null },
    ],
    // "Allocated on an equitable basis in order to address the inverse care law" (MoU 9.7): more for greater need.
    defaultFormula: "need-weighted",
    decisionRule: "pb-transformation",
  },
  planAlignment: {
    clause: "MoU 9.5",
    // Illustrative: a difference is material when it is over £100,000 or over 1% of the larger side.
    materiality: { pounds: 100_000, basisPoints: 100, mismatchWhen: "exceeds-either" },
    categories: [
      { id: "clinical-contract", label: "Clinical contract" },
      { id: "non-clinical", label: "Non-clinical" },
      { id: "recharges", label: "Recharges" },
    ],
    assumptions: {
      clause: "MoU 9.5",
      items: [
        { id: "pay-award", label: "Pay award", toleranceBasisPoints: 0 },
        { id: "non-pay-inflation", label: "Non-pay inflation", toleranceBasisPoints: 25 },
        { id: "efficiency", label: "Efficiency", toleranceBasisPoints: 50 },
        { id: "activity-growth", label: "Activity growth", toleranceBasisPoints: 50 },
      ],
    },
    sensitiveClause: "MoU 9.5, 12.2; Mid Essex Alliance MoU 11",
  },
  capital: {
    clause: "MoU 9.11",
    decisionRule: "pb-capital",
    scale: { min: 0, max: 5 },
    // Illustrative criteria and weights for the SLE to agree and publish: fair and transparent (MoU 9.11).
    criteria: [
      { id: "safety", label: "Safety and backlog risk", weight: 30 },
      { id: "clinical-need", label: "Clinical need and health inequalities", weight: 25 },
      { id: "financial", label: "Financial improvement", weight: 20 },
      { id: "strategic-fit", label: "Strategic fit", weight: 15 },
      { id: "deliverability", label: "Deliverability", weight: 10 },
    ],
    categories: [
      { id: "backlog-maintenance", label: "Backlog maintenance", protectedShare: true, discretionary: false },
      { id: "equipment-replacement", label: "Equipment replacement", protectedShare: true, discretionary: false },
      { id: "major-scheme", label: "Major scheme", protectedShare: false, discretionary: true },
      { id: "digital", label: "Digital", protectedShare: false, discretionary: true },
      { id: "other", label: "Other", protectedShare: false, discretionary: true },
    ],
    backlogRisk: ["High", "Significant", "Moderate", "Low"],
    eligibilityElement: "financial-capital-transformation",
    eligibilityClause: "MoU Annex 1",
    // The MoU asks for a fair and transparent process (9.11) and sets no objective: this default is a local choice.
    objective: {
      default: "score-weighted-spend",
      clause: "MoU 9.11",
      note: "Illustrative: a local choice for the SFLG to agree under MoU 9.11 (fair and transparent). Score-weighted spend puts the envelope into high-scoring pounds, so a top-scoring large scheme is not passed over for many small ones; the MoU sets no objective.",
    },
    phasing: { carryForward: false, clause: "Illustrative: agree locally (MoU 9.11)" },
    gates: { majorSchemeAtLeastPounds: 5_000_000, majorSchemeClause: "MoU 9.11", recoveryClause: "MoU 7.7–7.8, 9.11" },
    // Illustrative: a quarter of the envelope to backlog and equipment, each Place at least 8%, cross-Place 20–50%.
    constraints: { protectedShareBasisPoints: 2_500, placeMinimumBasisPoints: 800, crossPlace: { minBasisPoints: 2_000, maxBasisPoints: 5_000 }, clause: "MoU 9.11" },
  },
};

function step(id: string, label: string, basisPoints: number, floorPounds: number, monthsInARow: number) {
  // Any step of the ladder is a recovery measure, which MoU 7.7 pairs with restricted access to discretionary funding.
  return { id, label, adverseAtLeast: { basisPoints, floorPounds }, monthsInARow, restrictsDiscretionaryCapital: true };
}
