// Forty illustrative capital schemes across the Mid and South Essex Places, scored on the rulebook's criteria (0–5).
import type { Rulebook } from "../rules/rulebook";
import type { Cell } from "./gateway";

type Row = [scheme: string, organisation: string, place: string, category: string, risk: string | null, cost: number, revenue: number | null, affordability: boolean, scores: number[]];

const SCHEMES: Row[] = [
  ["Basildon theatres roof replacement", "MSEFT", "Basildon and Brentwood", "Backlog maintenance", "High", 4_200_000, null, false, [5, 3, 1, 3, 4]],
  ["Southend fire compartmentation", "MSEFT", "South East Essex", "Backlog maintenance", "High", 2_800_000, null, false, [5, 2, 1, 3, 4]],
  ["Broomfield electrical infrastructure", "MSEFT", "Mid Essex", "Backlog maintenance", "Significant", 3_600_000, null, false, [4, 2, 2, 3, 3]],
  ["Orsett Hospital decommissioning", "MSEFT", "Thurrock", "Backlog maintenance", "Significant", 1_900_000, -350_000, false, [3, 2, 4, 4, 4]],
  ["Basildon ward ventilation", "MSEFT", "Basildon and Brentwood", "Backlog maintenance", "High", 1_400_000, null, false, [5, 3, 1, 2, 4]],
  ["Southend lifts replacement", "MSEFT", "South East Essex", "Backlog maintenance", "Significant", 1_100_000, null, false, [4, 2, 1, 2, 5]],
  ["Mental health estate anti-ligature works", "EPUT", "Cross-Place", "Backlog maintenance", "High", 2_300_000, null, false, [5, 4, 1, 4, 4]],
  ["Brentwood Community Hospital boilers", "PROVIDE", "Basildon and Brentwood", "Backlog maintenance", "Moderate", 650_000, -40_000, false, [3, 2, 2, 2, 5]],
  ["Thurrock health centres roofs", "THC", "Thurrock", "Backlog maintenance", "Moderate", 480_000, null, false, [3, 2, 1, 2, 5]],
  ["St Peter's Maldon water systems", "MSEFT", "Mid Essex", "Backlog maintenance", "Low", 300_000, null, false, [2, 2, 1, 2, 5]],
  ["CT scanner replacement, Southend", "MSEFT", "South East Essex", "Equipment replacement", "High", 1_300_000, null, false, [4, 4, 2, 3, 5]],
  ["MRI replacement, Broomfield", "MSEFT", "Mid Essex", "Equipment replacement", "Significant", 1_600_000, null, false, [4, 4, 2, 3, 4]],
  ["Linear accelerator replacement", "MSEFT", "Cross-Place", "Equipment replacement", "High", 3_100_000, null, false, [5, 5, 2, 4, 3]],
  ["Endoscopy stacks", "MSEFT", "Basildon and Brentwood", "Equipment replacement", "Moderate", 900_000, -60_000, false, [3, 4, 3, 3, 5]],
  ["Ambulance defibrillators", "EEAST", "Cross-Place", "Equipment replacement", "Significant", 700_000, null, false, [4, 3, 1, 3, 5]],
  ["Community beds and hoists", "PROVIDE", "Mid Essex", "Equipment replacement", "Moderate", 420_000, null, false, [3, 3, 1, 2, 5]],
  ["Thurrock diagnostic ultrasound", "MSEFT", "Thurrock", "Equipment replacement", "Moderate", 550_000, null, false, [3, 4, 2, 3, 5]],
  ["Renal dialysis machines", "MSEFT", "South East Essex", "Equipment replacement", "Significant", 800_000, null, false, [4, 4, 1, 3, 4]],
  ["Pathology analysers", "MSEFT", "Cross-Place", "Equipment replacement", "Moderate", 1_200_000, -150_000, false, [3, 3, 3, 3, 4]],
  ["Mental health ECT equipment", "EPUT", "Cross-Place", "Equipment replacement", "Low", 250_000, null, false, [2, 3, 1, 2, 5]],
  ["Community diagnostic centre, Thurrock", "MSEFT", "Thurrock", "Major scheme", null, 14_500_000, -900_000, true, [2, 5, 4, 5, 3]],
  ["Elective orthopaedic centre, Braintree", "MSEFT", "Mid Essex", "Major scheme", null, 18_000_000, -1_600_000, true, [2, 4, 5, 5, 2]],
  ["Emergency department expansion, Southend", "MSEFT", "South East Essex", "Major scheme", null, 22_000_000, 400_000, false, [3, 5, 2, 4, 2]],
  ["Integrated medical centre, Purfleet", "ICB-THU", "Thurrock", "Major scheme", null, 9_500_000, -200_000, true, [2, 5, 3, 5, 3]],
  ["Mental health urgent care centre", "EPUT", "Cross-Place", "Major scheme", null, 7_800_000, -300_000, false, [3, 5, 3, 4, 3]],
  ["Wickford health hub", "ICB-BB", "Basildon and Brentwood", "Major scheme", null, 6_200_000, -150_000, true, [2, 4, 3, 4, 3]],
  ["Electronic patient record, single instance", "MSEFT", "Cross-Place", "Digital", null, 8_500_000, -1_200_000, true, [2, 3, 5, 5, 2]],
  ["Shared care record phase 2", "ICB-ME", "Cross-Place", "Digital", null, 1_800_000, -250_000, false, [1, 3, 4, 5, 4]],
  ["Virtual wards platform", "MSEFT", "Cross-Place", "Digital", null, 1_200_000, -600_000, false, [2, 4, 5, 5, 4]],
  ["GP telephony upgrade, Southend", "ICB-STH", "South East Essex", "Digital", null, 600_000, -50_000, false, [1, 3, 2, 4, 5]],
  ["Cyber security remediation", "MSEFT", "Cross-Place", "Digital", null, 900_000, null, false, [4, 1, 1, 4, 4]],
  ["Digital pathology", "MSEFT", "Mid Essex", "Digital", null, 1_500_000, -200_000, false, [1, 3, 4, 3, 3]],
  ["Care home remote monitoring, Thurrock", "THC", "Thurrock", "Digital", null, 350_000, -80_000, false, [1, 4, 3, 4, 4]],
  ["Castle Point primary care estate", "ICB-CPR", "South East Essex", "Other", null, 2_400_000, null, false, [2, 4, 2, 3, 3]],
  ["Maldon community hub fit-out", "ICB-ME", "Mid Essex", "Other", null, 1_100_000, -30_000, false, [2, 3, 2, 3, 4]],
  ["Same day emergency care, Basildon", "MSEFT", "Basildon and Brentwood", "Other", null, 3_200_000, -400_000, false, [2, 5, 4, 4, 3]],
  ["Discharge lounge, Broomfield", "MSEFT", "Mid Essex", "Other", null, 800_000, -220_000, false, [1, 3, 4, 4, 5]],
  ["Hospice at home vehicles", "PROVIDE", "Cross-Place", "Other", null, 300_000, null, false, [1, 3, 1, 3, 5]],
  ["Canvey Island health centre extension", "ICB-CPR", "South East Essex", "Other", null, 1_700_000, null, false, [2, 4, 1, 3, 3]],
  ["Staff residences refurbishment", "MSEFT", "Basildon and Brentwood", "Other", null, 2_100_000, 150_000, false, [2, 2, 2, 3, 4]],
];

/** Schemes rows: the base columns, then one score per criterion (the preset's five, in order; other rulebooks get blanks). */
export function schemeRows(rulebook: Rulebook): Cell[][] {
  const criteria = rulebook.capital?.criteria.length ?? 0;
  return SCHEMES.map(([scheme, org, place, category, risk, cost, revenue, affordability, scores]) => [
    scheme,
    org,
    place,
    category,
    risk,
    cost,
    revenue,
    affordability,
    ...Array.from({ length: criteria }, (_v, i) => scores[i] ?? null),
  ]);
}
