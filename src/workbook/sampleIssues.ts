// The samples' issues, marked as sample. Mid and South Essex: the SLE's failures to agree the capital priorities and the transformation apportionment (the preconditions of the sample's Partnership Board votes on them), an issue at the facilitator, a Mid Essex Alliance failure to agree. NENC: an ICP's plan on its way to the ICS's offsetting discussion.
import type { Cell } from "./gateway";

type Event = [ref: string, route: string, date: string, stage: string, outcome: string, matter: string, rule: string, detail: string, participants: string, dissenters: string, votes: string];

// Issue ref, Route, Date, Stage, Outcome, Matter, Rule, Detail, Participants, Dissenters, Votes (Recorded at follows from the date).
const EVENTS: Event[] = [
  ["ISS-001", "sle-consensus", "2026-09-01", "opened", "", "capital-priorities", "", "Sample: capital priorities 2026/27, the order of the two major schemes", "MSEFT; MSEICB; NHSE", "", ""],
  ["ISS-001", "sle-consensus", "2026-09-15", "sle-consensus", "no-consensus", "", "", "Sample: no consensus at the SLE; to the Partnership Board under MoU 8.4", "MSEFT; MSEICB; NHSE; ICB-ME; ICB-BB", "", ""],
  ["ISS-003", "sle-consensus", "2026-09-01", "opened", "", "transformation-apportionment", "", "Sample: transformation funding 2026/27, the pace of change for Thurrock", "MSEICB; ICB-THU; THC", "", ""],
  ["ISS-003", "sle-consensus", "2026-09-15", "sle-consensus", "no-consensus", "", "", "Sample: no consensus at the SLE on the apportionment; to the Partnership Board under MoU 8.4", "MSEICB; ICB-THU; ICB-STH; THC; SBC", "", ""],
  ["ISS-002", "issue-resolution", "2026-07-01", "opened", "", "", "", "Sample: step-down beds in South East Essex, who bears the extra cost", "MSEFT; ICB-CPR; SBC", "", ""],
  ["ISS-002", "issue-resolution", "2026-07-08", "sle-discussion", "not-resolved", "", "", "Sample: advice taken from the SFLG; not resolved", "MSEFT; ICB-CPR; SBC", "", ""],
  ["ISS-002", "issue-resolution", "2026-07-22", "sle-majority", "no-decision", "", "", "Sample: the SLE could not come to a decision", "MSEFT; MSEICB; ICB-CPR; SBC; EPUT", "", "MSEFT: for; MSEICB: against; ICB-CPR: against; SBC: for; EPUT: abstain"],
  ["MEA-001", "mea-failure-to-agree", "2026-10-05", "opened", "", "mea-decision", "", "Sample: the Mid Essex frailty hub, Braintree's share of the running costs", "CHC; BDC; MDC; ICB-ME", "", ""],
  ["MEA-001", "mea-failure-to-agree", "2026-10-06", "registered", "registered", "", "", "Sample: registered with the Chair of the Alliance", "", "BDC", ""],
  ["MEA-001", "mea-failure-to-agree", "2026-10-20", "first-meeting", "remains", "", "", "Sample: the failure to agree remains after the first meeting", "CHC; BDC; MDC; ICB-ME", "", ""],
];

// North East and North Cumbria: no vote anywhere; the ICS opens a discussion on offsetting between ICPs (NENC ICS MoU 30).
const NENC_EVENTS: Event[] = [
  ["NENC-001", "consensus", "2026-10-01", "opened", "", "", "", "Sample: North ICP's forecast has deteriorated; the ICP cannot deliver its agreed plan", "RTD; RTF; NENCICB", "", ""],
  ["NENC-001", "consensus", "2026-10-15", "icp-peer-challenge", "not-agreed", "", "", "Sample: peer challenge within the ICP found no recovery inside it", "RTD; RTF; NENCICB", "", ""],
  ["NENC-001", "consensus", "2026-11-05", "management-group", "not-agreed", "", "", "Sample: escalated by the ICP Leads; the Management Group asks the ICS to open discussions", "RTD; RTF; RTR; NENCICB", "", ""],
];

/** Each recorded at the end of its day, in the table's column order. */
const rowsOf = (events: readonly Event[]): Cell[][] => events.map((e) => [...e, `${e[2]}T17:00:00.000Z`]);

/** The Mid and South Essex sample's Issues rows. */
export const issueRows = (): Cell[][] => rowsOf(EVENTS);

/** The North East and North Cumbria sample's Issues rows. */
export const nencIssueRows = (): Cell[][] => rowsOf(NENC_EVENTS);
