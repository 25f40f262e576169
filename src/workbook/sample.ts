// The built-in sample data for Mid and South Essex: partners from the rulebook and illustrative board memberships.
import type { Rulebook } from "../rules/rulebook";
import type { Cell } from "./gateway";

/** Partners as the workbook shows them, from the rulebook (the source of truth). */
export function partnerRows(rulebook: Rulebook): Cell[][] {
  const placeName = new Map(rulebook.places.map((p) => [p.id, p.name]));
  const typeLabel = new Map(rulebook.partnerTypes.map((t) => [t.id, t.label]));
  return rulebook.partners.map((p) => [p.code, p.name, typeLabel.get(p.type) ?? p.type, p.place ? placeName.get(p.place)! : "System-wide"]);
}

type Member = [role: string, organisation: string, kind?: "Member" | "Deputy"];

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
  ["Chair, NHS Basildon and Brentwood CCG", "BBCCG"],
  ["Chair, NHS Castle Point and Rochford CCG", "CPRCCG"],
  ["Chair, NHS Mid Essex CCG", "MECCG"],
  ["Chair, NHS Southend CCG", "SCCG"],
  ["Chair, NHS Thurrock CCG", "TCCG"],
  ["Executive Lead and Joint Accountable Officer, CCGs", "MECCG"],
  ["Chief Finance Officer, CCGs", "SCCG"],
  ["Chair, Mid and South Essex NHS Foundation Trust", "MSEFT"],
  ["Chief Executive, Mid and South Essex NHS Foundation Trust", "MSEFT"],
  ["Medical Director, Mid and South Essex NHS Foundation Trust", "MSEFT"],
  ["Regional Director, NHS England", "NHSE"],
  ["Regional Director of Finance, NHS Improvement", "NHSI"],
  ["Place Lead, Thurrock", "TCCG"],
  ["Place Lead, South East Essex", "CPRCCG"],
  ["Place Lead, Mid Essex", "MECCG"],
  ["Place Lead, Basildon and Brentwood", "BBCCG"],
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
  ["Accountable Officer, NHS Basildon and Brentwood CCG", "BBCCG"],
  ["Accountable Officer, NHS Castle Point and Rochford CCG", "CPRCCG"],
  ["Accountable Officer, NHS Mid Essex CCG", "MECCG"],
  ["Accountable Officer, NHS Southend CCG", "SCCG"],
  ["Accountable Officer, NHS Thurrock CCG", "TCCG"],
  ["Chief Executive, Mid and South Essex NHS Foundation Trust", "MSEFT"],
  ...PROVIDER_AND_COUNCIL_LEADS,
];

const ICP: Member[] = [
  ["Chair, Mid and South Essex ICP", "MECCG"],
  ["Chair, Essex Health and Wellbeing Board", "ECC"],
  ["Chair, Southend Health and Wellbeing Board", "SBC"],
  ["Chair, Thurrock Health and Wellbeing Board", "THC"],
  ["Deputy for the Chair, Thurrock Health and Wellbeing Board", "THC", "Deputy"],
  ["Chief Executive, Mid and South Essex NHS Foundation Trust", "MSEFT"],
  ["Chief Executive, Essex Partnership University NHS FT", "EPUT"],
  ["Chief Executive, Healthwatch Essex", "HWE"],
  ["Chief Executive, Healthwatch Southend", "HWS"],
  ["Chief Executive, Healthwatch Thurrock", "HWT"],
  ["Representative, Community and Voluntary Sector", "CVSN"],
  ["Representative, Local Medical Committee", "LMC"],
];

const MID_ESSEX_ALLIANCE: Member[] = [
  ["Place Lead, Mid Essex", "MECCG"],
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

const BODIES: [bodyId: string, members: Member[]][] = [
  ["partnership-board", PARTNERSHIP_BOARD],
  ["sle", SLE],
  ["icp", ICP],
  ["mea", MID_ESSEX_ALLIANCE],
];

/** Board members: Body (by name), Member, Organisation (partner code), Role. */
export function boardMemberRows(rulebook: Rulebook): Cell[][] {
  const bodyName = new Map(rulebook.bodies.map((b) => [b.id, b.name]));
  return BODIES.flatMap(([body, members]) =>
    members.map(([member, organisation, kind = "Member"]) => [bodyName.get(body) ?? body, member, organisation, kind]),
  );
}
