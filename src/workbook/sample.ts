// The built-in sample data for Mid and South Essex as it stands since July 2022 (one ICB and its Place teams): partners from the rulebook and illustrative board memberships, marked as sample.
import type { Rulebook } from "../rules/rulebook";
import { rulebookToRows } from "../rules/rulebookSheets";
import type { Cell } from "./gateway";

/** Partners as the workbook shows them, from the rulebook (the source of truth); the unit of whichever tier each belongs to (a Place, or an ICP). */
export function partnerRows(rulebook: Rulebook): Cell[][] {
  return rulebookToRows(rulebook).partners;
}

/** A seat: the role, the partner, Member or Deputy (with the member deputised for), and whether it votes (default yes). */
export type Member = [role: string, organisation: string, kind?: "Member" | "Deputy", deputyFor?: string, voting?: "Yes" | "No"];

// Sit on both the Partnership Board (MoU 6.5) and the SLE (6.7).
const PROVIDER_AND_COUNCIL_LEADS: Member[] = [
  ["Chief Executive, East of England Ambulance Service", "EEAST"],
  ["Chief Executive, Essex Partnership University NHS FT", "EPUT"],
  ["Chief Executive, North East London NHS FT", "NELFT"],
  ["Chief Executive, Provide CIC", "PROVIDE"],
  ["Lead Officer, Essex County Council", "ECC"],
  ["Lead Officer, Southend-on-Sea Borough Council", "SBC"],
  ["Lead Officer, Thurrock Council", "THC"],
];

// Roles, not people: the sample names no one. The Partnership Board mirrors MoU 6.5's make-up;
// 16 of its members are eligible on capital and transformation matters under Annex 1.
const PARTNERSHIP_BOARD: Member[] = [
  ["Clinical Lead, Basildon and Brentwood Alliance", "ICB-BB"],
  ["Clinical Lead, South East Essex Alliance", "ICB-CPR"],
  ["Clinical Lead, Mid Essex Alliance", "ICB-ME"],
  ["Locality Lead, Southend", "ICB-STH"],
  ["Clinical Lead, Thurrock Alliance", "ICB-THU"],
  ["Chief Executive, NHS Mid and South Essex ICB", "MSEICB"],
  ["Chief Finance Officer, NHS Mid and South Essex ICB", "MSEICB"],
  ["Chair, Mid and South Essex NHS Foundation Trust", "MSEFT"],
  ["Chief Executive, Mid and South Essex NHS Foundation Trust", "MSEFT"],
  ["Medical Director, Mid and South Essex NHS Foundation Trust", "MSEFT"],
  ["Regional Director, NHS England", "NHSE"],
  ["Regional Director of Finance, NHS England", "NHSE"],
  ["Place Lead, Thurrock", "ICB-THU"],
  ["Place Lead, South East Essex", "ICB-CPR"],
  ["Place Lead, Mid Essex", "ICB-ME"],
  ["Place Lead, Basildon and Brentwood", "ICB-BB"],
  ...PROVIDER_AND_COUNCIL_LEADS,
  ["Chair, Essex Health and Wellbeing Board", "ECC"],
  ["Chair, Southend Health and Wellbeing Board", "SBC"],
  ["Chair, Thurrock Health and Wellbeing Board", "THC"],
  ["Chief Executive, Healthwatch Essex", "HWE"],
  ["Chief Executive, Healthwatch Southend", "HWS"],
  ["Chief Executive, Healthwatch Thurrock", "HWT"],
  ["Representative, Community and Voluntary Sector", "CVSN"],
  ["Representative, Local Medical Committee", "LMC"],
];

const SLE: Member[] = [
  ["Alliance Director, Basildon and Brentwood Alliance", "ICB-BB"],
  ["Alliance Director, South East Essex Alliance", "ICB-CPR"],
  ["Alliance Director, Mid Essex Alliance", "ICB-ME"],
  ["Locality Director, Southend", "ICB-STH"],
  ["Alliance Director, Thurrock Alliance", "ICB-THU"],
  ["Chief Executive, Mid and South Essex NHS Foundation Trust", "MSEFT"],
  ...PROVIDER_AND_COUNCIL_LEADS,
];

const ICP: Member[] = [
  ["Chair, Mid and South Essex ICP (Chair, NHS Mid and South Essex ICB)", "MSEICB"],
  ["Chair, Essex Health and Wellbeing Board", "ECC"],
  ["Chair, Southend Health and Wellbeing Board", "SBC"],
  ["Chair, Thurrock Health and Wellbeing Board", "THC"],
  ["Deputy for the Chair, Thurrock Health and Wellbeing Board", "THC", "Deputy", "Chair, Thurrock Health and Wellbeing Board"],
  ["Chief Executive, Mid and South Essex NHS Foundation Trust", "MSEFT"],
  ["Deputy Chief Executive, Mid and South Essex NHS Foundation Trust", "MSEFT", "Deputy", "Chief Executive, Mid and South Essex NHS Foundation Trust"],
  ["Chief Executive, Essex Partnership University NHS FT", "EPUT"],
  ["Chief Executive, Healthwatch Essex", "HWE"],
  ["Chief Executive, Healthwatch Southend", "HWS"],
  ["Chief Executive, Healthwatch Thurrock", "HWT"],
  ["Representative, Community and Voluntary Sector", "CVSN"],
  ["Representative, Local Medical Committee", "LMC"],
  // More of the ICP's members as its ToR lists them (Appendix 2), so a sample vote can reach the illustrative quorum.
  ["Chair, North East London NHS Foundation Trust", "NELFT"],
  ["Lead Non-Executive Director, East of England Ambulance Service NHS Trust", "EEAST"],
  ["Chair, Provide CIC", "PROVIDE"],
  ["Director of Public Health, Southend City Council", "SBC"],
  ["Director of Public Health, Thurrock Council", "THC"],
  ["Director of Adult Social Services, Essex County Council", "ECC"],
  ["Director of Adult Social Services, Southend City Council", "SBC"],
  ["Director of Adult Social Services, Thurrock Council", "THC"],
  ["Director of Children's Services, Essex County Council", "ECC"],
  ["Clinical Lead, Mid Essex Alliance (ICP member)", "ICB-ME"],
  ["Alliance Director, Thurrock Alliance", "ICB-THU"],
  ["Lead Officer, Chelmsford City Council", "CHC"],
  // An additional attendee at the Chair's discretion (ICP ToR, Additional Attendees): in the register, without a vote.
  ["Director of Public Health, Essex County Council (attendee)", "ECC", "Member", "", "No"],
];

const MID_ESSEX_ALLIANCE: Member[] = [
  ["Place Lead, Mid Essex", "ICB-ME"],
  ["Chief Executive, Chelmsford City Council", "CHC"],
  ["Director of Connected Chelmsford, Chelmsford City Council", "CHC"],
  ["Chief Executive, Braintree District Council", "BDC"],
  ["Chief Executive, Maldon District Council", "MDC"],
  ["Director, Essex County Council", "ECC"],
  ["Director, Mid and South Essex NHS Foundation Trust", "MSEFT"],
  ["Director, Essex Partnership University NHS FT", "EPUT"],
  ["Director, Provide CIC", "PROVIDE"],
  ["Chief Executive, Community and Voluntary Sector Network", "CVSN"],
];

// The five parties to the Thurrock MoU as they are today (Basildon and Thurrock University Hospitals is now part of MSEFT; Thurrock CCG of the ICB).
const THURROCK_ALLIANCE: Member[] = [
  ["Director of Adults, Housing and Health, Thurrock Council", "THC"],
  ["Director, Mid and South Essex NHS Foundation Trust", "MSEFT"],
  ["Director, Essex Partnership University NHS FT", "EPUT"],
  ["Alliance Director, Thurrock Alliance", "ICB-THU"],
  ["Director, North East London NHS FT", "NELFT"],
];

const BODIES: [bodyId: string, members: Member[]][] = [
  ["partnership-board", PARTNERSHIP_BOARD],
  ["sle", SLE],
  ["icp", ICP],
  ["mea", MID_ESSEX_ALLIANCE],
  ["thurrock-alliance", THURROCK_ALLIANCE],
];

/** Board members: Body (by name), Member, Organisation (partner code), Role, Deputy for, Voting. */
export function boardMemberRows(rulebook: Rulebook): Cell[][] {
  return memberRows(rulebook, BODIES);
}

/** The register's rows for a sample's bodies (shared with the other systems' samples). */
export function memberRows(rulebook: Rulebook, bodies: readonly [bodyId: string, members: Member[]][]): Cell[][] {
  const bodyName = new Map(rulebook.bodies.map((b) => [b.id, b.name]));
  return bodies.flatMap(([body, members]) =>
    members.map(([member, organisation, kind = "Member", deputyFor = "", voting = "Yes"]) => [bodyName.get(body) ?? body, member, organisation, kind, deputyFor, voting]),
  );
}

/**
 * The conflicts-of-interest register (sample, marked so in each interest): one member excluded on a scheme, one on
 * a community diagnostic centre whose deputy may take their place at the ICP, and one interest declared that leaves
 * the member voting.
 */
export function conflictRows(): Cell[][] {
  return [
    ["Medical Director, Mid and South Essex NHS Foundation Trust", "MSEFT", "Mental health estate anti-ligature works", "Sample: a close relative directs the contractor bidding for the works", "2026-10-06", "Excluded"],
    ["Chief Executive, Mid and South Essex NHS Foundation Trust", "MSEFT", "Community diagnostic centre", "Sample: non-executive director of the proposed operator", "2026-09-14", "Excluded"],
    ["Chair, Essex Health and Wellbeing Board", "ECC", "icp-decision", "Sample: trustee of a hospice that receives ICP grant funding", "2026-04-01", "Declared"],
  ];
}
