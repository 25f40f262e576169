// What the shipped presets share: partner types, the Annex 1 elements and their default reading, and the illustrative label.

/** Every figure no source document sets carries this label, with the clause that asks the partners to set it. */
export const ILLUSTRATIVE = "illustrative: agree locally";

/** "illustrative: agree locally, MoU 9.11": a figure the clause asks for but does not set. */
export const illustrative = (clause: string): string => `${ILLUSTRATIVE}, ${clause}`;

export const everyType = ["nhs-provider", "commissioner", "council", "nhs-regulator", "healthwatch", "other"] as const;

export const partnerTypes = [
  { id: "nhs-provider", label: "NHS provider" },
  { id: "commissioner", label: "Commissioner (ICB; CCG before July 2022)" },
  { id: "council", label: "Council" },
  { id: "nhs-regulator", label: "NHS England" },
  { id: "healthwatch", label: "Healthwatch" },
  { id: "other", label: "Other partner" },
] as const;

export const elements = [
  { id: "vision-principles-values", label: "Vision, principles, values and behaviour" },
  { id: "partnership-objectives", label: "Partnership objectives" },
  { id: "governance", label: "Governance" },
  { id: "collective-agreement", label: "Collective agreement and issue resolution" },
  { id: "mutual-accountability", label: "Mutual accountability" },
  { id: "nhs-financial-risk", label: "NHS financial framework: risk management" },
  { id: "financial-capital-transformation", label: "Financial framework: allocation of NHS capital and transformation funds" },
  { id: "national-regional-support", label: "National and regional support" },
];

/** The seed's tick marks were lost in extraction; this is DOMAIN.md's reading of the tick counts (MoU Annex 1). */
export const annex1 = {
  "vision-principles-values": [...everyType],
  "partnership-objectives": [...everyType],
  governance: [...everyType],
  "collective-agreement": [...everyType],
  "mutual-accountability": ["nhs-provider", "commissioner", "council", "nhs-regulator"],
  "nhs-financial-risk": ["nhs-provider", "commissioner", "nhs-regulator"],
  "financial-capital-transformation": ["nhs-provider", "commissioner", "nhs-regulator"],
  "national-regional-support": ["nhs-provider", "commissioner", "nhs-regulator"],
} satisfies Record<string, (typeof everyType)[number][]>;

/** Members' votes that count in "eligible members": absent and abstaining count against; a member excluded for a conflict does not count. */
export const ELIGIBLE_MEMBERS = { label: "eligible members", counts: ["for", "against", "abstain", "absent"] as ("for" | "against" | "abstain" | "absent")[] };

export const PRESENT = ["for", "against", "abstain"] as ("for" | "against" | "abstain")[];

export function step(id: string, label: string, basisPoints: number, floorPounds: number, monthsInARow: number) {
  // Any step of the ladder is a recovery measure, which MoU 7.7 pairs with restricted access to discretionary funding.
  return { id, label, adverseAtLeast: { basisPoints, floorPounds }, monthsInARow, restrictsDiscretionaryCapital: true };
}

/**
 * Illustrative monitoring of transformation funds: quarterly returns, RAG on milestones delivered and spend against
 * the tranche profile, and what each RAG does to the next tranche. The seeds make funding subject to agreed
 * deliverables and on-going monitoring but set none of these figures, so every one cites the clause that asks for it.
 */
export function illustrativeMonitoring(clause: string, consequencesClause: string, reviewer: string) {
  // A clause that is illustrative already (a blank system's "local terms of reference") is not labelled twice.
  const illustrative = (c: string) => (c.startsWith(ILLUSTRATIVE) ? c : `${ILLUSTRATIVE}, ${c}`);
  return {
    clause,
    period: "quarter" as const,
    rag: {
      green: { milestonesAtLeastBasisPoints: 9_000, spendWithinBasisPoints: 1_000 },
      amber: { milestonesAtLeastBasisPoints: 7_000, spendWithinBasisPoints: 2_500 },
      clause: illustrative(clause),
    },
    consequences: {
      green: { tranche: "release" as const, wording: "released" },
      amber: { tranche: "release" as const, wording: "released with an action plan" },
      red: { tranche: "hold" as const, wording: `held pending ${reviewer} review` },
      clause: illustrative(consequencesClause),
    },
    tranches: { sharesBasisPoints: [2_500, 2_500, 2_500, 2_500], clause: illustrative(clause) },
  };
}
