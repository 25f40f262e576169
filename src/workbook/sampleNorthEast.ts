// Sample data for North East and North Cumbria: a few of today's bodies in each ICP, with illustrative figures (the seed MoU names no organisations and sets no figures).
import type { Rulebook } from "../rules/rulebook";
import type { Cell } from "./gateway";
import { memberRows, type Member } from "./sample";
import { flow } from "./sampleAlignment";
import { planRows, type SamplePlan } from "./samplePlans";
import { statementDetailRows, type SampleDetail } from "./sampleStatement";
import { sampleDeliverableRows, sampleReturnRows, type SampleDeliverable, type SampleReturn } from "./sampleMonitoring";


// Two CEO-level representatives from each ICP, one commissioner and one provider (NENC ICS MoU 20); roles, not people.
const MANAGEMENT_GROUP: Member[] = [
  ["ICP Director, North ICP (NHS North East and North Cumbria ICB)", "NENCICB"],
  ["Chief Executive, Northumbria Healthcare NHS FT (North ICP)", "RTF"],
  ["ICP Director, Central ICP (NHS North East and North Cumbria ICB)", "NENCICB"],
  ["Chief Executive, South Tyneside and Sunderland NHS FT (Central ICP)", "R0B"],
  ["ICP Director, South ICP (NHS North East and North Cumbria ICB)", "NENCICB"],
  ["Chief Executive, South Tees Hospitals NHS FT (South ICP)", "RTR"],
  ["ICP Director, North Cumbria ICP (NHS North East and North Cumbria ICB)", "NENCICB"],
  ["Chief Executive, North Cumbria Integrated Care NHS FT (North Cumbria ICP)", "RNN"],
  ["Deputy for the Chief Executive, South Tees Hospitals NHS FT", "RTR", "Deputy", "Chief Executive, South Tees Hospitals NHS FT (South ICP)"],
];

// Advises on capital priorities (27); it does not vote, so no decision rule is for it.
const CAPITAL_WORKING_GROUP: Member[] = [
  ["Director of Finance, NHS North East and North Cumbria ICB", "NENCICB"],
  ["Director of Estates, The Newcastle upon Tyne Hospitals NHS FT", "RTD"],
  ["Director of Finance, County Durham and Darlington NHS FT", "RXP"],
  ["Director of Finance, North Tees and Hartlepool NHS FT", "RVW"],
  ["Director of Finance, Cumbria, Northumberland, Tyne and Wear NHS FT", "RX4"],
];

const BODIES: Parameters<typeof memberRows>[1] = [
  ["ics-management-group", MANAGEMENT_GROUP],
  ["strategic-capital-working-group", CAPITAL_WORKING_GROUP],
];

/** Board members: Body (by name), Member, Organisation (partner code), Role, Deputy for, Voting. */
export function nencBoardMemberRows(rulebook: Rulebook): Cell[][] {
  return memberRows(rulebook, BODIES);
}

/**
 * Full-year plan and turnover in £, then the forecast outturn April..March in £ thousands. South Tees slips and climbs
 * the ladder while North Tees runs ahead in the same ICP; Central's Sunderland trust deteriorates; Newcastle's surplus
 * grows in the North ICP, favourable variance another ICP may only be offered by proposal (30). Councils report too
 * and sit outside the organisational control totals.
 */
const PLANS: SamplePlan[] = [
  ["NENCICB", 0, 5_800_000_000, [0, 0, 0, -200, -400, -600, -800, -900, -1_000, -1_100, -1_200, -1_200]],
  ["RTD", 5_000_000, 1_900_000_000, [5_000, 5_000, 5_200, 5_500, 5_800, 6_000, 6_200, 6_500, 6_500, 6_800, 7_000, 7_000]],
  ["RTF", 2_000_000, 800_000_000, [2_000, 2_000, 1_800, 1_600, 1_500, 1_400, 1_300, 1_200, 1_200, 1_100, 1_100, 1_100]],
  ["R0B", -8_000_000, 750_000_000, [-8_000, -8_500, -9_500, -10_500, -11_500, -12_500, -13_000, -13_500, -14_000, -14_500, -15_000, -15_000]],
  ["RXP", -3_000_000, 700_000_000, [-3_000, -3_000, -3_100, -3_200, -3_200, -3_300, -3_300, -3_300, -3_400, -3_400, -3_400, -3_400]],
  ["RTR", -12_000_000, 900_000_000, [-12_000, -12_500, -13_000, -14_000, -15_500, -16_500, -17_500, -18_500, -19_500, -20_000, -20_500, -21_000]],
  ["RVW", 1_000_000, 380_000_000, [1_000, 1_000, 1_200, 1_500, 1_800, 2_000, 2_200, 2_400, 2_500, 2_500, 2_500, 2_500]],
  ["RNN", -15_000_000, 520_000_000, [-15_000, -15_000, -15_200, -15_500, -15_500, -15_800, -16_000, -16_000, -16_200, -16_200, -16_500, -16_500]],
  ["RX4", 3_000_000, 650_000_000, [3_000, 3_000, 3_000, 3_100, 3_200, 3_200, 3_300, 3_300, 3_300, 3_400, 3_400, 3_400]],
  ["RX6", 0, 250_000_000, [0, 0, -100, -200, -200, -300, -300, -300, -400, -400, -400, -400]],
  ["NCC", 0, 1_000_000_000, [0, -500, -1_000, -1_500, -2_000, -2_500, -2_500, -3_000, -3_000, -3_000, -3_000, -3_000]],
  ["DCC", 0, 1_100_000_000, [0, -1_000, -2_000, -3_000, -3_500, -4_000, -4_500, -5_000, -5_000, -5_000, -5_000, -5_000]],
];

export const nencPlanRows = (): Cell[][] => planRows(PLANS);

/**
 * The Places table by the allocation's and the roll-up's tier, the ICPs: population, need index, last year's
 * transformation funding, North Cumbria's floor, and each ICP's risk reserve. Illustrative.
 */
export function nencPlaceRows(): Cell[][] {
  return [
    ["North ICP", 820_000, 0.98, 10_600_000, null, null, 1_500_000],
    ["Central ICP", 810_000, 1.08, 11_200_000, null, null, 1_000_000],
    ["South ICP", 680_000, 1.1, 9_800_000, null, null, 1_000_000],
    // The smallest ICP's floor keeps it whole under a per-capita formula.
    ["North Cumbria ICP", 320_000, 1.03, 4_400_000, 4_200_000, null, 500_000],
  ];
}

/** The plan's financial years: the Schemes table's cost profile columns (the ICPs plan over five years, 28; capital over three). */
export const NENC_SCHEME_YEARS = ["2025/26", "2026/27", "2027/28"] as const;

type Scheme = [scheme: string, organisation: string, place: string, category: string, risk: string | null, revenue: number | null, affordability: boolean, scores: [number, number, number], byYear: [number, number, number]];

const M = 1_000_000;
const SCHEMES: Scheme[] = [
  // North ICP
  ["RVI theatres ventilation", "RTD", "Newcastle Gateshead", "Backlog maintenance", "High", null, false, [5, 3, 3], [2 * M, 2 * M, 0]],
  ["Wansbeck CT scanner replacement", "RTF", "Northumberland", "Equipment replacement", "Significant", null, false, [4, 4, 3], [1.5 * M, 0, 0]],
  ["Newcastle community diagnostic centre", "RTD", "Newcastle Gateshead", "Major scheme", null, -600_000, true, [2, 5, 4], [3 * M, 5 * M, 4 * M]],
  ["Hexham primary care hub", "RTF", "Northumberland", "Other", null, -50_000, false, [2, 4, 2], [0, 1.5 * M, 1 * M]],
  // Central ICP
  ["Sunderland Royal fire safety works", "R0B", "Sunderland", "Backlog maintenance", "High", null, false, [5, 3, 2], [2 * M, 1.5 * M, 0]],
  ["Bishop Auckland ward refurbishment", "RXP", "County Durham", "Backlog maintenance", "Moderate", null, false, [3, 3, 2], [0.7 * M, 0.7 * M, 0]],
  ["Darlington MRI replacement", "RXP", "County Durham", "Equipment replacement", "Significant", null, false, [4, 4, 3], [1.8 * M, 0, 0]],
  ["Durham elective hub", "RXP", "County Durham", "Major scheme", null, -900_000, true, [2, 5, 5], [2 * M, 6 * M, 7 * M]],
  ["South Tyneside discharge lounge", "R0B", "Sunderland", "Other", null, -150_000, false, [1, 3, 4], [0.9 * M, 0, 0]],
  // South ICP: South Tees is under recovery measures, so its discretionary schemes are held back.
  ["James Cook electrical infrastructure", "RTR", "Tees Valley", "Backlog maintenance", "High", null, false, [5, 3, 2], [1.5 * M, 1.5 * M, 1.5 * M]],
  ["North Tees endoscopy stacks", "RVW", "Tees Valley", "Equipment replacement", "Moderate", -80_000, false, [3, 4, 4], [1 * M, 0, 0]],
  ["Tees Valley urgent treatment centre", "RTR", "Tees Valley", "Major scheme", null, 350_000, false, [3, 5, 3], [1 * M, 4 * M, 4 * M]],
  ["Hartlepool community beds", "RVW", "South ICP", "Other", null, -100_000, false, [2, 4, 3], [0, 1 * M, 1 * M]],
  // North Cumbria ICP
  ["Cumberland Infirmary roof and lifts", "RNN", "North Cumbria", "Backlog maintenance", "Significant", null, false, [4, 3, 2], [1 * M, 1 * M, 1 * M]],
  ["West Cumberland linear accelerator", "RNN", "North Cumbria", "Equipment replacement", "High", null, false, [5, 5, 3], [3.2 * M, 0, 0]],
  ["Penrith community hub", "RNN", "North Cumbria", "Other", null, -60_000, false, [2, 4, 2], [0, 0.6 * M, 0.6 * M]],
  // Across the system
  ["Mental health estate anti-ligature works", "RX4", "Cross-Place", "Backlog maintenance", "High", null, false, [5, 4, 2], [1.5 * M, 1.5 * M, 0]],
  ["Ambulance defibrillators", "RX6", "Cross-Place", "Equipment replacement", "Significant", null, false, [4, 3, 2], [0.8 * M, 0, 0]],
  ["Shared care record, NENC", "NENCICB", "Cross-Place", "Other", null, -400_000, false, [1, 3, 5], [1 * M, 1.2 * M, 0]],
];

/** Schemes rows: the base columns, a score per criterion (the preset's three; blanks beyond), then the cost by year. */
export function nencSchemeRows(rulebook: Rulebook): Cell[][] {
  const criteria = rulebook.capital?.criteria.length ?? 0;
  return SCHEMES.map(([scheme, org, place, category, risk, revenue, affordability, scores, byYear]) => [
    scheme,
    org,
    place,
    category,
    risk,
    byYear.reduce((a, b) => a + b, 0),
    revenue,
    affordability,
    ...Array.from({ length: criteria }, (_v, i) => scores[i] ?? null),
    ...byYear,
  ]);
}

const CLINICAL = "Clinical contract";
const NON_CLINICAL = "Non-clinical";

/** Plan lines: Organisation, Counterparty, Direction, Category, Amount, Competition sensitive. */
export function nencPlanLineRows(): Cell[][] {
  return [
    ...flow("RTD", "NENCICB", CLINICAL, 1_310_000_000, 1_306_500_000), // a £3.5m mismatch over specialised activity
    ...flow("RTF", "NENCICB", CLINICAL, 602_000_000, 602_000_000),
    ...flow("R0B", "NENCICB", CLINICAL, 548_000_000, 547_200_000), // £0.8m mismatch
    ...flow("RXP", "NENCICB", CLINICAL, 511_000_000, 511_000_000),
    ...flow("RTR", "NENCICB", CLINICAL, 655_000_000, 654_950_000), // within tolerance
    ...flow("RVW", "NENCICB", CLINICAL, 276_000_000, 276_000_000),
    ...flow("RNN", "NENCICB", CLINICAL, 388_000_000, 386_000_000), // £2m mismatch
    // The mental health trust sent no return: the ICB's expenditure line has no income side.
    ...flow("RX4", "NENCICB", CLINICAL, null, 470_000_000),
    ...flow("RX6", "NENCICB", CLINICAL, 205_000_000, 205_000_000),
    ...flow("RTD", "RNN", CLINICAL, 14_500_000, 14_500_000),
    ...flow("NCC", "NENCICB", NON_CLINICAL, 21_000_000, 20_600_000), // £0.4m mismatch
    ...flow("DCC", "NENCICB", NON_CLINICAL, 24_500_000, 24_500_000),
  ];
}

/** Planning assumptions: the common ones agreed for the ICP plans (28), and a few organisations' own. */
export function nencAssumptionRows(): Cell[][] {
  const row = (organisation: string, values: [number, number, number]): Cell[][] =>
    ["Pay award", "Non-pay inflation", "Efficiency"].map((assumption, i) => [organisation, assumption, values[i]!]);
  return [...row("System", [0.055, 0.03, 0.04]), ...row("RTD", [0.055, 0.03, 0.045]), ...row("R0B", [0.05, 0.03, 0.04]), ...row("RNN", [0.055, 0.0375, 0.03])];
}

/** Resolution log: one agreed action. */
export function nencResolutionRows(): Cell[][] {
  return [["RTD", "NENCICB", CLINICAL, "Director of Finance, Newcastle upon Tyne Hospitals", "Agree the specialised activity baseline with the ICB before plan submission", "In progress"]];
}

const DETAIL: SampleDetail[] = [
  ["NENCICB", 4_000_000, 60_000_000, 960, 2_000_000, 1_900_000],
  ["RTD", 6_000_000, 55_000_000, 980, 95_000_000, 96_000_000],
  ["RTF", 2_000_000, 24_000_000, 990, 30_000_000, 29_500_000],
  ["R0B", 5_000_000, 22_000_000, 820, 28_000_000, 29_000_000],
  ["RXP", 1_000_000, 20_000_000, 940, 25_000_000, 24_800_000],
  ["RTR", 8_000_000, 27_000_000, 760, 34_000_000, 36_000_000],
  ["RVW", 500_000, 11_000_000, 1_010, 12_000_000, 11_800_000],
  ["RNN", 3_000_000, 16_000_000, 900, 22_000_000, 22_000_000],
];

export const nencStatementDetailRows = (): Cell[][] => statementDetailRows(DETAIL);

// Transformation funding is monitored by ICP, the Management Group holding each other to account for it (21).
const DELIVERABLES: SampleDeliverable[] = [
  ["North ICP", "Out-of-hospital frailty pathway across Northumberland and North Tyneside", "Non-elective admissions of people over 75", "Q2"],
  ["North ICP", "Shared care records for care homes", "Ambulance conveyances from care homes", "Q3"],
  ["Central ICP", "Urgent community response in Sunderland and South Tyneside", "Two-hour response within target", "Q1"],
  ["Central ICP", "Elective hub for day-case orthopaedics", "Patients waiting over 52 weeks", "Q2"],
  ["Central ICP", "Mental health crisis cafés", "Mental health A&E attendances", "Q3"],
  ["South ICP", "Tees Valley discharge to assess", "Delayed discharges", "Q2"],
  ["South ICP", "Hartlepool community beds", "Bed days of people over 80", "Q4"],
  ["North Cumbria ICP", "Integrated care communities in west Cumbria", "Emergency admissions per 1,000 people", "Q1"],
];

/**
 * Q1 and Q2 returns: North on plan; Central behind on milestones and underspent in Q2 as its Sunderland trust
 * deteriorates, so its Q3 tranche is held for the Management Group; South delivers five of six, with an action plan;
 * North Cumbria's Q2 return is not in yet.
 */
const RETURNS: SampleReturn[] = [
  ["North ICP", "Q1", 1, 1, 2_500_000, "on plan"],
  ["North ICP", "Q2", 3, 3, 5_000_000, "on plan"],
  ["Central ICP", "Q1", 2, 2, 2_700_000, "urgent community response live"],
  ["Central ICP", "Q2", 5, 3, 4_200_000, "elective hub opening slipped to Q4"],
  ["South ICP", "Q1", 2, 2, 2_300_000, "on plan"],
  ["South ICP", "Q2", 6, 5, 4_600_000, "discharge to assess recruitment behind"],
  ["North Cumbria ICP", "Q1", 1, 1, 1_000_000, "care communities launched"],
];

export const nencDeliverableRows = (): Cell[][] => sampleDeliverableRows(DELIVERABLES);
export const nencMonitoringRows = (): Cell[][] => sampleReturnRows(RETURNS);
