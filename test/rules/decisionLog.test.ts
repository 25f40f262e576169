import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { defaultRulebook } from "../../src/rules/presets";
import { evaluateDecision, type Ballot } from "../../src/rules/decisions";
import { findRule } from "../../src/rules/rulebook";
import {
  chainDecision,
  GENESIS_HASH,
  recordDecision,
  verifyDecisionLog,
  type LoggedDecision,
} from "../../src/rules/decisionLog";

const rb = defaultRulebook();
const rule = findRule(rb, "pb-capital");
const ballots: Ballot[] = [
  { member: "Clinical Lead, Mid Essex Alliance", partnerCode: "ICB-ME", eligible: true, vote: "for" },
  { member: "Chief Executive, MSEFT", partnerCode: "MSEFT", eligible: true, vote: "against" },
  { member: "Leader, Thurrock Council", partnerCode: "THC", eligible: false, vote: "for" },
];

function log(n: number): LoggedDecision[] {
  const out: LoggedDecision[] = [];
  for (let i = 0; i < n; i++) {
    const record = recordDecision(evaluateDecision(rb, rule, ballots), `Capital priorities round ${i + 1}`, ballots, new Date(Date.UTC(2026, 10, 22, 10, i)));
    out.push(chainDecision(record, out.at(-1)?.hash ?? GENESIS_HASH));
  }
  return out;
}

describe("the decision log's hash chain", () => {
  it("records who was eligible and how each voted", () => {
    const [entry] = log(1);
    expect(entry!.votes).toBe(
      "Clinical Lead, Mid Essex Alliance (ICB-ME, eligible): For; Chief Executive, MSEFT (MSEFT, eligible): Against; Leader, Thurrock Council (THC, not eligible): For",
    );
    expect(entry!.result).toBe("NOT CARRIED");
    expect(entry!.clause).toBe("MoU 8.4");
    expect(entry!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("verifies an untouched log, including an empty one", () => {
    expect(verifyDecisionLog([])).toEqual({ verified: true, entries: 0 });
    expect(verifyDecisionLog(log(5))).toEqual({ verified: true, entries: 5 });
  });

  it("detects an edit to any field of any entry (property)", () => {
    const entries = log(4);
    const fields = ["timestamp", "matter", "for", "against", "result", "votes", "explanation", "clause"] as const;
    fc.assert(
      fc.property(fc.nat(3), fc.constantFrom(...fields), (index, field) => {
        const edited = entries.map((e) => ({ ...e }));
        const entry = edited[index]! as unknown as Record<string, unknown>;
        entry[field] = typeof entry[field] === "number" ? (entry[field] as number) + 1 : `${String(entry[field])} (amended)`;
        const v = verifyDecisionLog(edited);
        expect(v.verified).toBe(false);
        if (!v.verified) expect(v.firstBadEntry).toBe(index + 1);
      }),
    );
  });

  it("detects a removed or reordered entry", () => {
    const entries = log(3);
    const removed = verifyDecisionLog([entries[0]!, entries[2]!]);
    expect(removed).toMatchObject({ verified: false, firstBadEntry: 2 });
    expect(verifyDecisionLog([entries[1]!, entries[0]!, entries[2]!])).toMatchObject({ verified: false, firstBadEntry: 1 });
  });
});
