// Illustrative deliverables and quarterly returns for Mid and South Essex's transformation funding, marked as sample.
import type { Cell } from "./gateway";
import { SAMPLE_SOURCE } from "./sampleStatement";

/** Deliverable rows: Unit, Deliverable, Outcome measure, Due quarter; each deliverable marked as sample. */
export type SampleDeliverable = [unit: string, deliverable: string, outcome: string, due: string];
/** Return rows: Unit, Quarter, Milestones due and delivered to date, Spend to date (£), and what the note says beside "Sample (illustrative)". */
export type SampleReturn = [unit: string, quarter: string, due: number, delivered: number, spend: number, note: string];

export const sampleDeliverableRows = (rows: readonly SampleDeliverable[]): Cell[][] => rows.map(([unit, deliverable, outcome, due]) => [unit, `Sample: ${deliverable}`, outcome, due]);
export const sampleReturnRows = (rows: readonly SampleReturn[]): Cell[][] => rows.map(([unit, quarter, due, delivered, spend, note]) => [unit, quarter, due, delivered, spend, `${SAMPLE_SOURCE}: ${note}`]);

const DELIVERABLES: SampleDeliverable[] = [
  ["Thurrock", "Integrated locality teams in all four localities", "Non-elective admissions of people over 75", "Q2"],
  ["Thurrock", "Community-led support hubs", "Adult social care assessments waiting over 28 days", "Q3"],
  ["Thurrock", "Stabilising general practice in Tilbury and Chadwell", "Patients registered per GP", "Q4"],
  ["South East Essex", "Frailty virtual ward", "Bed days of people over 80", "Q1"],
  ["South East Essex", "Same-day urgent care hub in Southend", "A&E attendances that need no treatment", "Q2"],
  ["South East Essex", "Mental health crisis alternatives", "Mental health A&E waits over 12 hours", "Q3"],
  ["Mid Essex", "Anticipatory care for people with multiple conditions", "Emergency admissions of people with three or more conditions", "Q2"],
  ["Mid Essex", "Discharge to assess in Chelmsford", "Delayed discharges", "Q3"],
  ["Mid Essex", "Neighbourhood diabetes clinics", "Patients meeting all three diabetes treatment targets", "Q4"],
  ["Basildon and Brentwood", "Children's community nursing seven days a week", "Children's emergency admissions", "Q2"],
  ["Basildon and Brentwood", "Health inequalities outreach in Basildon", "Cancer screening uptake in the most deprived fifth", "Q4"],
];

/**
 * Q1 and Q2 returns: Thurrock on track; South East Essex falls behind on milestones in Q2 (its Southend budget slips
 * too), so its Q3 tranche is held; Mid Essex delivers four of five, so its Q3 tranche goes with an action plan;
 * Basildon and Brentwood's Q2 return is not in yet.
 */
const RETURNS: SampleReturn[] = [
  ["Thurrock", "Q1", 1, 1, 2_200_000, "locality teams recruited"],
  ["Thurrock", "Q2", 3, 3, 4_450_000, "on plan"],
  ["South East Essex", "Q1", 2, 2, 4_300_000, "virtual ward open"],
  ["South East Essex", "Q2", 6, 4, 8_000_000, "urgent care hub delayed by estates works"],
  ["Mid Essex", "Q1", 2, 2, 4_400_000, "on plan"],
  ["Mid Essex", "Q2", 5, 4, 8_700_000, "discharge to assess recruitment behind"],
  ["Basildon and Brentwood", "Q1", 2, 2, 3_400_000, "nursing rota extended to weekends"],
];

export const deliverableRows = (): Cell[][] => sampleDeliverableRows(DELIVERABLES);
export const monitoringRows = (): Cell[][] => sampleReturnRows(RETURNS);
