// The ICS custom functions: thin adapters from Excel's values to the rules module. Ids are a public API: never rename.
import { evaluateDecision, parseVote, resolveEligibility, votesRequired as requiredFor, type Ballot } from "../rules/decisions";
import { appliesToPartner, appliesToType, findElement, findRule, isPartnerType, lookupPartner } from "../rules/rulebook";
import { codeKey } from "../rules/codes";
import { FLAG_WORDS, readFlag } from "../rules/flags";
import { column, excelResult, InputError, optionalText, sameLength } from "./excelValues";

/**
 * The smallest number of For votes that carries a decision under a rule from the rulebook.
 * @customfunction VOTESREQUIRED
 * @param eligibleCount Number of eligible members (a whole number, 0 or more).
 * @param [rule] Rule id, e.g. "pb-capital" (the default: Partnership Board, not less than 75% of eligible members) or "icp-majority".
 * @returns Number of For votes required.
 */
export async function votesRequired(eligibleCount: number, rule?: string): Promise<number | CustomFunctions.Error> {
  return excelResult((rulebook) => {
    if (typeof eligibleCount !== "number" || !Number.isInteger(eligibleCount) || eligibleCount < 0) {
      throw new InputError(`eligibleCount must be a whole number of 0 or more, not ${JSON.stringify(eligibleCount)}`);
    }
    const found = findRule(rulebook, optionalText(rule, "rule"));
    return requiredFor(found.threshold, eligibleCount);
  });
}

/** TRUE/FALSE, Yes/No, Y/N or 1/0 as a boolean; any other text is a partner type, name or code (no partner code is a yes/no word). */
function eligibilityCell(cell: unknown, row: number): boolean | string {
  const flag = readFlag(cell);
  if (typeof flag === "boolean") return flag;
  if (flag === undefined) throw new InputError(`eligibility row ${row} is blank; give ${FLAG_WORDS}, a partner type, or a partner's name or code`);
  if (typeof cell === "string") return cell;
  throw new InputError(`eligibility row ${row} is ${JSON.stringify(cell)}; give ${FLAG_WORDS}, a partner type, or a partner's name or code`);
}

/**
 * Counts a vote under a rule: whether it carried, with the counts, the votes needed and the clause; and, where the
 * rule sets a quorum and the votes cast fall short of it, says it is not quorate. Deputies and the conflicts register
 * are the Decisions panel's: a column of votes names no one, so mark a conflicted member Excluded and give a deputy's
 * vote in their member's row.
 * @customfunction DECISION
 * @param votes Column of votes: For, Against, Abstain, Absent, Excluded or blank (absent).
 * @param eligibility Column, one per member: TRUE/FALSE (or Yes/No, Y/N, 1/0), a partner type, or the partner's name or code.
 * @param [rule] Rule id (default: the Partnership Board capital rule, MoU 8.4).
 * @returns Text beginning CARRIED or NOT CARRIED, then the explanation.
 */
export async function decision(votes: string[][], eligibility: any[][], rule?: string): Promise<string | CustomFunctions.Error> {
  return excelResult((rulebook) => {
    const found = findRule(rulebook, optionalText(rule, "rule"));
    const voteCells = column(votes, "votes");
    const eligibilityCells = column(eligibility, "eligibility");
    sameLength(voteCells, "votes", eligibilityCells, "eligibility");
    const ballots: Ballot[] = voteCells.map((cell, i) => {
      const row = i + 1;
      let vote;
      try {
        vote = parseVote(cell === "" ? null : cell);
      } catch (error) {
        throw new InputError(`votes row ${row}: ${(error as Error).message}`);
      }
      const who = resolveEligibility(rulebook, found, eligibilityCell(eligibilityCells[i], row));
      return { member: `row ${row}`, partnerCode: who.partnerCode, eligible: who.eligible, vote };
    });
    const result = evaluateDecision(rulebook, found, ballots);
    return result.quorum.quorate ? result.explanation : `${result.explanation}; ${result.quorum.explanation}, so it does not stand`;
  });
}

/**
 * Whether a matter applies to a partner (or partner type) under Annex 1 and the partner's own overrides.
 * @customfunction ELIGIBLE
 * @param partner Partner's name or short code (e.g. "MSEFT"), or a partner type (e.g. "council").
 * @param matter Matter, Annex 1 element or rule id, e.g. "capital-priorities".
 * @returns TRUE when the partner may vote on the matter.
 */
export async function eligible(partner: string, matter: string): Promise<boolean | CustomFunctions.Error> {
  return excelResult((rulebook) => {
    const who = optionalText(partner, "partner");
    const what = optionalText(matter, "matter");
    if (!who) throw new InputError("partner is blank; give a partner's name or code, or a partner type");
    if (!what) throw new InputError("matter is blank; give a matter such as capital-priorities");
    const element = findElement(rulebook, what);
    const found = lookupPartner(rulebook, who);
    if (found) return appliesToPartner(rulebook, found, element);
    const type = codeKey(who);
    if (isPartnerType(type)) return appliesToType(rulebook, type, element);
    throw new InputError(`unknown partner "${who}"`);
  });
}
