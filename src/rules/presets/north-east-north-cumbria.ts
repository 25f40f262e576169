// The North East and North Cumbria rulebook, from the seed MoU (004): Place → ICP → ICS, organisational control totals, offsetting between ICPs only as a proposal (30).
import type { RulebookInput } from "../rulebook";
import { northEastIssues } from "./issueResolution";
import { annex1, elements, illustrative, illustrativeMonitoring, partnerTypes, PRESENT, step } from "./common";

const SAMPLE = "Sample: the seed names no ICPs or organisations; these are a few of today's bodies, for illustration.";

export const northEastNorthCumbria: RulebookInput = {
  schemaVersion: 2,
  id: "north-east-north-cumbria",
  name: "North East and North Cumbria Integrated Care System",
  source: "North East and North Cumbria ICS Memorandum of Understanding",
  partnerTypes: [...partnerTypes],
  elements,
  // The NENC MoU has no Annex 1; the Mid and South Essex reading is a starting point for the partners to agree.
  annex1,
  tiers: [
    {
      id: "place",
      label: "Place",
      clause: "NENC ICS MoU 6, 11",
      units: [
        { id: "northumberland", name: "Northumberland", within: "icp-north" },
        { id: "newcastle-gateshead", name: "Newcastle Gateshead", within: "icp-north" },
        { id: "sunderland", name: "Sunderland", within: "icp-central" },
        { id: "county-durham", name: "County Durham", within: "icp-central" },
        { id: "tees-valley", name: "Tees Valley", within: "icp-south" },
        { id: "north-cumbria", name: "North Cumbria", within: "icp-north-cumbria" },
      ],
    },
    {
      id: "icp",
      label: "ICP",
      clause: "NENC ICS MoU 11",
      units: [
        { id: "icp-north", name: "North ICP", within: null },
        { id: "icp-central", name: "Central ICP", within: null },
        { id: "icp-south", name: "South ICP", within: null },
        { id: "icp-north-cumbria", name: "North Cumbria ICP", within: null },
      ],
    },
  ],
  partners: [
    { code: "NENCICB", name: "NHS North East and North Cumbria ICB", type: "commissioner", place: null, note: SAMPLE },
    { code: "RTD", name: "The Newcastle upon Tyne Hospitals NHS Foundation Trust", type: "nhs-provider", place: "newcastle-gateshead", note: SAMPLE },
    { code: "RTF", name: "Northumbria Healthcare NHS Foundation Trust", type: "nhs-provider", place: "icp-north", note: SAMPLE },
    { code: "R0B", name: "South Tyneside and Sunderland NHS Foundation Trust", type: "nhs-provider", place: "sunderland", note: SAMPLE },
    { code: "RXP", name: "County Durham and Darlington NHS Foundation Trust", type: "nhs-provider", place: "county-durham", note: SAMPLE },
    { code: "RTR", name: "South Tees Hospitals NHS Foundation Trust", type: "nhs-provider", place: "tees-valley", note: SAMPLE },
    { code: "RVW", name: "North Tees and Hartlepool NHS Foundation Trust", type: "nhs-provider", place: "tees-valley", note: SAMPLE },
    { code: "RNN", name: "North Cumbria Integrated Care NHS Foundation Trust", type: "nhs-provider", place: "north-cumbria", note: SAMPLE },
    { code: "RX4", name: "Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust", type: "nhs-provider", place: null, note: SAMPLE },
    { code: "RX6", name: "North East Ambulance Service NHS Foundation Trust", type: "nhs-provider", place: null, note: SAMPLE },
    { code: "NHSE", name: "NHS England", type: "nhs-regulator", place: null },
    { code: "NCC", name: "Northumberland County Council", type: "council", place: "northumberland", note: SAMPLE },
    { code: "DCC", name: "Durham County Council", type: "council", place: "county-durham", note: SAMPLE },
  ],
  bodies: [
    {
      id: "ics-management-group",
      name: "ICS Management Group",
      clause: "NENC ICS MoU 20–21",
      role: "Agrees systems for prioritising, distributing and holding each other to account for transformation funding (21).",
      seats: [
        { label: "CEO-level representative, NHS commissioner", count: 1, perTierUnit: "icp", types: ["commissioner"], voting: true, clause: "NENC ICS MoU 20", wording: "two CEO-level representatives from each of our ICPs" },
        { label: "CEO-level representative, NHS provider", count: 1, perTierUnit: "icp", types: ["nhs-provider"], voting: true, clause: "NENC ICS MoU 20", wording: "two CEO-level representatives from each of our ICPs" },
        { label: "Senior clinical leaders; tertiary acute and mental health providers; NEAS; NHS England", count: 1, types: [], voting: false, clause: "NENC ICS MoU 20", wording: "plus senior clinical leaders" },
      ],
    },
    {
      id: "strategic-capital-working-group",
      name: "Strategic Capital Working Group",
      clause: "NENC ICS MoU 27",
      role: "Guiding oversight and advice on ICS capital investment priorities; it advises and does not decide.",
      advisory: true,
    },
  ],
  matters: [
    { id: "capital-priorities", label: "Priorities for NHS capital investment", element: "financial-capital-transformation" },
    { id: "transformation-funding", label: "Prioritising and distributing transformation funding", element: "financial-capital-transformation" },
  ],
  // The MoU sets no voting threshold: governance builds consensus and never overrides statutory boards (14, 16).
  rules: [
    {
      id: "mg-consensus",
      label: "ICS Management Group: agreement",
      body: "ics-management-group",
      matter: "transformation-funding",
      clause: illustrative("NENC ICS MoU 16, 21"),
      votingUnit: "member",
      denominator: { label: "voting members present", counts: [...PRESENT] },
      threshold: { comparison: "at-least", fraction: { numerator: 1, denominator: 1 }, wording: "consensus of those present" },
      quorum: { present: 6, clause: illustrative("NENC ICS MoU 20") },
      deputiesVote: false,
      note: "Illustrative: the MoU's governance builds consensus and does not override statutory boards (16); no threshold is set.",
    },
    {
      id: "mg-capital",
      label: "ICS Management Group: capital priorities, on the Strategic Capital Working Group's advice",
      body: "ics-management-group",
      matter: "capital-priorities",
      clause: illustrative("NENC ICS MoU 16, 27"),
      votingUnit: "member",
      denominator: { label: "voting members present", counts: [...PRESENT] },
      threshold: { comparison: "at-least", fraction: { numerator: 1, denominator: 1 }, wording: "consensus of those present" },
      quorum: { present: 6, clause: illustrative("NENC ICS MoU 20") },
      deputiesVote: false,
    },
  ],
  defaultRule: "mg-consensus",
  issueResolution: northEastIssues,
  controlTotal: {
    // "Organisational control totals" (26) for the NHS organisations; rolled up to ICP and ICS.
    membership: { types: ["nhs-provider", "commissioner"], element: "nhs-financial-risk", clause: "NENC ICS MoU 26" },
    toleranceBasis: "plan",
    rag: { green: { basisPoints: 50, floorPounds: 250_000 }, amber: { basisPoints: 500, floorPounds: 2_000_000 }, clause: illustrative("NENC ICS MoU 29") },
    escalation: {
      // Collective performance management and peer challenge within each ICP (29); the MoU names no steps.
      clause: illustrative("NENC ICS MoU 29"),
      triggersClause: illustrative("NENC ICS MoU 29"),
      steps: [
        step("peer-challenge", "Peer challenge and support within the ICP", 500, 2_000_000, 2),
        step("icp-supportive-action", "ICP supportive action", 1_000, 5_000_000, 3),
        step("ics-escalation", "Escalated to the ICS Management Group", 2_000, 10_000_000, 6),
      ],
    },
    placeRiskReserve: { clause: "NENC ICS MoU 25, 29" },
    offsetting: { clause: "NENC ICS MoU 30", acrossUnits: "proposal" },
    rollUpTier: "icp",
    riskShare: { basis: "turnover", clause: illustrative("NENC ICS MoU 25") },
  },
  allocation: {
    clause: "NENC ICS MoU 21",
    formulas: [
      { id: "need-weighted", label: "Need-weighted per capita", weighting: "need-weighted", useFloorsAndCaps: true, paceOfChangeBasisPoints: null },
      { id: "per-capita", label: "Per capita", weighting: "per-capita", useFloorsAndCaps: true, paceOfChangeBasisPoints: null },
    ],
    formulasClause: illustrative("NENC ICS MoU 21"),
    defaultFormula: "need-weighted",
    decisionRule: "mg-consensus",
    // Transformation funding is distributed among the ICPs, whose representatives sit on the Management Group (20–21).
    tier: "icp",
    // The Management Group agrees systems for holding each other to account for transformation funding (21).
    monitoring: illustrativeMonitoring("NENC ICS MoU 21", "NENC ICS MoU 21", "Management Group"),
  },
  planAlignment: {
    clause: "NENC ICS MoU 25, 28",
    materiality: { pounds: 100_000, basisPoints: 100, mismatchWhen: "exceeds-either", clause: illustrative("NENC ICS MoU 25") },
    categories: [
      { id: "clinical-contract", label: "Clinical contract" },
      { id: "non-clinical", label: "Non-clinical" },
    ],
    assumptions: {
      clause: illustrative("NENC ICS MoU 28"),
      items: [
        { id: "pay-award", label: "Pay award", toleranceBasisPoints: 0 },
        { id: "non-pay-inflation", label: "Non-pay inflation", toleranceBasisPoints: 25 },
        { id: "efficiency", label: "Efficiency", toleranceBasisPoints: 50 },
      ],
    },
    sensitiveClause: "NENC ICS MoU 25",
    planningHorizon: { years: 5, tier: "icp", clause: "NENC ICS MoU 28" },
  },
  capital: {
    clause: "NENC ICS MoU 27",
    decisionRule: "mg-capital",
    advisoryBody: "strategic-capital-working-group",
    scale: { min: 0, max: 5 },
    criteria: [
      { id: "safety", label: "Safety and backlog risk", weight: 35 },
      { id: "population-need", label: "Population need", weight: 35 },
      { id: "productivity", label: "Productivity and efficiency", weight: 30 },
    ],
    weightsSumTo: 100,
    criteriaClause: illustrative("NENC ICS MoU 27"),
    categories: [
      { id: "backlog-maintenance", label: "Backlog maintenance", protectedShare: true, discretionary: false },
      { id: "equipment-replacement", label: "Equipment replacement", protectedShare: true, discretionary: false },
      { id: "major-scheme", label: "Major scheme", protectedShare: false, discretionary: true },
      { id: "other", label: "Other", protectedShare: false, discretionary: true },
    ],
    backlogRisk: ["High", "Significant", "Moderate", "Low"],
    eligibilityElement: "financial-capital-transformation",
    eligibilityClause: illustrative("NENC ICS MoU 27"),
    objective: { default: "score-weighted-spend", clause: illustrative("NENC ICS MoU 27"), note: "Illustrative: a local choice; the MoU asks for advice on capital priorities (27) and sets no objective." },
    phasing: { carryForward: false, clause: illustrative("NENC ICS MoU 27") },
    gates: { majorSchemeAtLeastPounds: 5_000_000, majorSchemeClause: illustrative("NENC ICS MoU 27"), recoveryClause: illustrative("NENC ICS MoU 29") },
    constraints: { protectedShareBasisPoints: 2_500, placeMinimumBasisPoints: 1_000, tier: "icp", crossPlace: { minBasisPoints: 0, maxBasisPoints: 4_000 }, clause: illustrative("NENC ICS MoU 27") },
  },
};
