// Issue resolution along each preset's routes: MSE's four stages (8.10) and SLE-then-Board (8.3–8.4), the Mid Essex Alliance's failure to agree (MEA MoU 10, 8), NENC's consensus route; refused steps; preconditions; calendar dates.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { presetRulebook } from "../../src/rules/presets";
import { findRule, parseRulebook, RulebookError, type Rulebook } from "../../src/rules/rulebook";
import {
  addDays,
  checkEvent,
  describeStatus,
  issuesMeeting,
  issueState,
  nextSteps,
  parseIsoDate,
  parsePartners,
  parseVotes,
  preconditionMet,
  type IssueEvent,
} from "../../src/rules/issueResolution";
import { PRESETS } from "../../src/rules/presets";

const mse = presetRulebook("mid-south-essex")!;
const nenc = presetRulebook("north-east-north-cumbria")!;

/** An event as a person records it: partners and votes in the words the Issues table takes. */
function ev(rb: Rulebook, ref: string, route: string, date: string, stage: string, outcome: string, more: { matter?: string; rule?: string; detail?: string; participants?: string; dissenters?: string; votes?: string } = {}): IssueEvent {
  return {
    ref,
    route,
    date,
    stage,
    outcome,
    ...(more.matter ? { matter: more.matter } : {}),
    ...(more.rule ? { rule: more.rule } : {}),
    detail: more.detail ?? (stage === "opened" ? `Issue ${ref}` : ""),
    participants: parsePartners(rb, more.participants ?? ""),
    dissenters: parsePartners(rb, more.dissenters ?? ""),
    votes: parseVotes(rb, more.votes ?? ""),
  };
}

/** Appends each event after checking it, as the workbook does; throws the refusal's message. */
function history(rb: Rulebook, events: IssueEvent[]) {
  return issueState(rb, events);
}

function refusal(rb: Rulebook, before: IssueEvent[], event: IssueEvent): string {
  const check = checkEvent(rb, before.length === 0 ? undefined : issueState(rb, before), event);
  if (check.ok) throw new Error("the event was accepted");
  return check.message;
}

describe("Mid and South Essex: issue resolution in four stages (MoU 8.10)", () => {
  const R = "issue-resolution";
  const opened = ev(mse, "ISS-7", R, "2026-09-01", "opened", "", { matter: "transformation-apportionment", participants: "MSEFT, MSEICB, ECC" });
  const discussed = ev(mse, "ISS-7", R, "2026-09-08", "sle-discussion", "not-resolved");
  // Transformation funding: councils and EPUT (spanning systems) are not affected (Annex 1), so their votes are set aside.
  const sleVotes = "MSEFT: for; MSEICB: against; NHSE: against; ECC: for; EPUT: for";

  it("goes SLE discussion → SLE majority of the eligible partners participating and affected → facilitator → Partnership Board majority, resolved", () => {
    const sle = ev(mse, "ISS-7", R, "2026-09-15", "sle-majority", "no-decision", { votes: sleVotes });
    const facilitated = ev(mse, "ISS-7", R, "2026-10-01", "facilitator", "not-resolved", { detail: "Facilitator: no agreement on the Place shares" });
    const board = ev(mse, "ISS-7", R, "2026-10-20", "partnership-board", "decided", { votes: "MSEFT: for; MSEFT: for; MSEICB: for; NHSE: against" });
    const state = history(mse, [opened, discussed, sle, facilitated, board]);
    expect(state.steps.map((s) => s.stage.id)).toEqual(["sle-discussion", "sle-majority", "facilitator", "partnership-board"]);
    const count = state.steps[1]!.result!;
    expect([count.eligible, count.counts.for, count.ineligibleVotes, count.carried]).toEqual([3, 1, 2, false]);
    expect(count.explanation).toBe("NOT CARRIED: 1 of 3 eligible partners participating for (33.3%); needs 2, a majority of eligible partners participating (MoU 8.10(2))");
    expect(state.steps[3]!.result!.explanation).toMatch(/^CARRIED: 3 of 4 eligible members present/);
    expect(state.status.kind).toBe("resolved");
    expect(describeStatus(state.status)).toBe("Resolved 2026-10-20: Partnership Board decided by majority (MoU 8.10(4))");
    expect(nextSteps(state)).toEqual([]);
  });

  it("offers only the current stage's outcomes next", () => {
    const state = history(mse, [opened, discussed]);
    expect(nextSteps(state).map((n) => [n.stage.id, n.outcomes.map((o) => o.id)])).toEqual([["sle-majority", ["decided", "not-accepted", "no-decision"]]]);
    expect(describeStatus(state.status)).toBe("At SLE majority of eligible partners participating and affected (MoU 8.10(2))");
  });

  it("refuses the facilitator before an SLE majority vote has failed", () => {
    expect(refusal(mse, [opened, discussed], ev(mse, "ISS-7", R, "2026-09-20", "facilitator", "resolved"))).toBe(
      '"Independent facilitator selected by the SLE" (MoU 8.10(3)) cannot come yet: the issue is at "SLE majority of eligible partners participating and affected" (MoU 8.10(2)), which must escalate first; the route goes stage by stage',
    );
    expect(refusal(mse, [opened], ev(mse, "ISS-7", R, "2026-09-20", "partnership-board", "decided", { votes: "MSEFT: for" }))).toMatch(/cannot come yet: the issue is at "SLE discusses openly/);
  });

  it("refuses an outcome the count does not give, saying what the count fits", () => {
    const message = refusal(mse, [opened, discussed], ev(mse, "ISS-7", R, "2026-09-15", "sle-majority", "decided", { votes: sleVotes }));
    expect(message).toContain('"SLE decided by majority; the parties accept it" needs the vote to carry, but it is NOT CARRIED: 1 of 3');
    expect(message).toContain('the count fits "SLE could not come to a decision"');
  });

  it("refuses a vote stage without votes, votes at a discussion, steps out of date order, and anything after resolution", () => {
    expect(refusal(mse, [opened, discussed], ev(mse, "ISS-7", R, "2026-09-15", "sle-majority", "no-decision"))).toMatch(/is a vote: give each participating partner's vote, to count under sle-issue-resolution \(MoU 8\.10\(2\)\)/);
    expect(refusal(mse, [opened], ev(mse, "ISS-7", R, "2026-09-08", "sle-discussion", "resolved", { votes: "MSEFT: for" }))).toMatch(/is a discussion, not a vote; leave Votes blank/);
    expect(refusal(mse, [opened, discussed], ev(mse, "ISS-7", R, "2026-09-07", "sle-majority", "no-decision", { votes: sleVotes }))).toMatch(/2026-09-07 is before the issue's last step \(2026-09-08\)/);
    const resolved = ev(mse, "ISS-7", R, "2026-09-08", "sle-discussion", "resolved");
    expect(refusal(mse, [opened, resolved], ev(mse, "ISS-7", R, "2026-09-09", "sle-majority", "decided", { votes: "MSEFT: for" }))).toMatch(/issue ISS-7 is resolved 2026-09-08: .*nothing follows it \(a correction is a new issue\)/);
    expect(refusal(mse, [opened], ev(mse, "ISS-7", R, "2026-09-08", "sle-discussion", "agreed"))).toMatch(/"agreed" is not an outcome of "SLE discusses openly, with advice"/);
    expect(refusal(mse, [opened], ev(mse, "ISS-7", "mea-failure-to-agree", "2026-09-08", "registered", "registered"))).toMatch(/is on the route "Issue resolution: SLE, SLE majority, facilitator, Partnership Board"/);
  });

  it("refuses a history that does not open, a date that is not one, and names the event that breaks it", () => {
    expect(refusal(mse, [], discussed)).toMatch(/its first event must be "opened"/);
    expect(refusal(mse, [], { ...opened, date: "2026-02-29" })).toBe('the date "2026-02-29" is not a day of the calendar; type it as 15/09/2026');
    expect(refusal(mse, [], { ...opened, date: "31/09/2026" })).toMatch(/"31\/09\/2026" is not a day of the calendar/);
    expect(() => issueState(mse, [opened, discussed, ev(mse, "ISS-7", R, "2026-09-20", "facilitator", "resolved")])).toThrow(/^issue ISS-7, event 3: "Independent facilitator/);
  });

  it("repeats the Board's vote when it does not reach a majority", () => {
    const sle = ev(mse, "ISS-7", R, "2026-09-15", "sle-majority", "not-accepted", { votes: "MSEFT: for; MSEICB: for; NHSE: against" });
    const facilitated = ev(mse, "ISS-7", R, "2026-10-01", "facilitator", "not-resolved");
    const tied = ev(mse, "ISS-7", R, "2026-10-20", "partnership-board", "no-majority", { votes: "MSEFT: for; NHSE: against" });
    const state = history(mse, [opened, discussed, sle, facilitated, tied]);
    expect(state.status).toMatchObject({ kind: "open", stage: { id: "partnership-board" } });
  });
});

describe("Mid and South Essex: SLE consensus, else the Partnership Board's 75% (MoU 8.3–8.4)", () => {
  const R = "sle-consensus";
  const opened = ev(mse, "ISS-1", R, "2026-09-01", "opened", "", { matter: "capital-priorities", detail: "Capital priorities 2026/27" });
  const failed = ev(mse, "ISS-1", R, "2026-09-15", "sle-consensus", "no-consensus");
  const pbCapital = findRule(mse, "pb-capital");

  it("meets the Board capital vote's precondition once the SLE could not reach consensus, naming the issue and the clause", () => {
    expect(preconditionMet(mse, pbCapital, [opened], "ISS-1")).toEqual({
      met: false,
      required: true,
      clause: "MoU 8.3–8.4",
      message: 'Precondition not met: issue ISS-1 is at SLE seeks agreement by consensus (MoU 8.3); Partnership Board: NHS capital priorities needs "SLE could not reach consensus" recorded on an issue first (MoU 8.3–8.4)',
    });
    expect(preconditionMet(mse, pbCapital, [opened, failed], "iss-1")).toEqual({ met: true, required: true, clause: "MoU 8.3–8.4", message: "Precondition: SLE could not reach consensus on issue ISS-1 (MoU 8.3–8.4)" });
    expect(issuesMeeting(mse, pbCapital, [opened, failed])).toEqual(["ISS-1"]);
  });

  it("is not met for no issue, an unknown issue, an issue on another route or about another matter; a rule without one needs none", () => {
    expect(preconditionMet(mse, pbCapital, [opened, failed], "").message).toMatch(/^Precondition not met: no issue is named;/);
    expect(preconditionMet(mse, pbCapital, [opened, failed], "ISS-9").message).toMatch(/^Precondition not met: there is no issue ISS-9;/);
    const transformation = [{ ...opened, matter: "transformation-apportionment" }, failed];
    expect(preconditionMet(mse, pbCapital, transformation, "ISS-1").message).toMatch(/issue ISS-1 is about "Apportionment of transformation funding", not "Priorities for NHS capital investment"/);
    expect(preconditionMet(mse, findRule(mse, "pb-transformation"), transformation, "ISS-1").met).toBe(true);
    const other = [ev(mse, "ISS-2", "issue-resolution", "2026-09-01", "opened", ""), ev(mse, "ISS-2", "issue-resolution", "2026-09-02", "sle-discussion", "not-resolved")];
    expect(preconditionMet(mse, pbCapital, other, "ISS-2").message).toMatch(/is on the route "Issue resolution: SLE, SLE majority, facilitator, Partnership Board", not "SLE consensus/);
    expect(preconditionMet(mse, findRule(mse, "icp-majority"), [], undefined)).toMatchObject({ met: true, required: false });
  });

  it("counts the Board's vote under the rule named, where the stage has two", () => {
    const votes = Array.from({ length: 4 }, () => "MSEFT: for").join("; ") + "; MSEICB: against";
    expect(refusal(mse, [opened, failed], ev(mse, "ISS-1", R, "2026-10-01", "partnership-board", "decided", { votes }))).toMatch(/is counted under pb-capital or pb-transformation: say which \(Rule\)/);
    const state = history(mse, [opened, failed, ev(mse, "ISS-1", R, "2026-10-01", "partnership-board", "decided", { votes, rule: "pb-capital" })]);
    expect(state.steps[1]!.result!.explanation).toMatch(/^CARRIED: 4 of 5 eligible members for \(80\.0%\); needs 4, not less than 75%/);
  });
});

describe("the Mid Essex Alliance's failure to agree (MEA MoU 10)", () => {
  const R = "mea-failure-to-agree";
  const opened = ev(mse, "MEA-3", R, "2026-12-01", "opened", "", { detail: "Frailty pathway: Braintree's share", participants: "CHC, BDC, MDC, ICB-ME" });
  const registered = ev(mse, "MEA-3", R, "2026-12-02", "registered", "registered", { dissenters: "BDC" });
  const first = ev(mse, "MEA-3", R, "2026-12-09", "first-meeting", "remains");

  it("excludes the partners failing to agree from the second meeting's count, binding by simple majority, and dates a dissenter's exit 30 days on", () => {
    const second = ev(mse, "MEA-3", R, "2026-12-09", "second-meeting", "decided-not-accepted", { votes: "CHC: for; MDC: for; ICB-ME: against; BDC: absent" });
    const exit = ev(mse, "MEA-3", R, "2026-12-15", "dissenters-choice", "exit");
    const state = history(mse, [opened, registered, first, second, exit]);
    const count = state.steps[2]!;
    expect(count.excluded).toEqual(["BDC"]);
    expect([count.result!.counts.for, count.result!.denominator, count.result!.counts.excluded]).toEqual([2, 3, 1]);
    expect(count.result!.explanation).toMatch(/^CARRIED: 2 of 3 partners present for/);
    expect(state.notices).toEqual([{ partners: ["BDC"], given: "2026-12-15", effectiveFrom: "2027-01-14", days: 30, clause: "MEA MoU 8, 10" }]);
    expect(state.status.kind).toBe("resolved");
  });

  it("refuses a dissenter's vote at the second meeting, a second meeting with no one registered, and notice from a partner that agreed", () => {
    const voting = ev(mse, "MEA-3", R, "2026-12-09", "second-meeting", "decided-accepted", { votes: "CHC: for; MDC: for; BDC: against" });
    expect(refusal(mse, [opened, registered, first], voting)).toBe('BDC failed to agree and takes no part in "Second meeting, without the partners failing to agree" (MEA MoU 10); leave their votes out');
    const unregistered = ev(mse, "MEA-3", R, "2026-12-02", "registered", "registered");
    expect(refusal(mse, [opened, unregistered, first], { ...voting, votes: parseVotes(mse, "CHC: for") })).toMatch(/excludes the partners failing to agree, and none are registered on issue MEA-3; name them \(Dissenters\)/);
    const second = ev(mse, "MEA-3", R, "2026-12-09", "second-meeting", "decided-not-accepted", { votes: "CHC: for; MDC: for" });
    expect(refusal(mse, [opened, registered, first, second], ev(mse, "MEA-3", R, "2026-12-10", "dissenters-choice", "exit", { dissenters: "CHC" }))).toBe(
      "CHC did not fail to agree on issue MEA-3; only a partner failing to agree gives notice here (MEA MoU 10)",
    );
  });

  it("meets again when the second meeting finds no majority", () => {
    const split = ev(mse, "MEA-3", R, "2026-12-09", "second-meeting", "no-majority", { votes: "CHC: for; ICB-ME: against" });
    expect(history(mse, [opened, registered, first, split]).status).toMatchObject({ kind: "open", stage: { id: "second-meeting" } });
  });
});

describe("North East and North Cumbria: consensus-building, no vote (NENC ICS MoU 14, 16, 30)", () => {
  const route = nenc.issueResolution!.routes[0]!;
  const R = route.id;
  const opened = ev(nenc, "NENC-1", R, "2026-11-02", "opened", "", { detail: "North ICP cannot deliver its plan", participants: "RTD, RTF" });

  it("has no vote stage and no threshold: offsetting is a discussion the ICS opens, and what is not agreed stays with the statutory boards", () => {
    expect(route.stages.map((s) => [s.kind, s.clause])).toEqual([
      ["discussion", "NENC ICS MoU 29"],
      ["discussion", "NENC ICS MoU 24"],
      ["discussion", "NENC ICS MoU 30"],
      ["discussion", "NENC ICS MoU 14, 16"],
    ]);
    expect(nenc.issueResolution!.preconditions).toEqual([]);
    const steps = ["icp-peer-challenge", "management-group", "offsetting-discussion"].map((stage, i) => ev(nenc, "NENC-1", R, `2026-11-${10 + i}`, stage, "not-agreed"));
    const state = history(nenc, [opened, ...steps, ev(nenc, "NENC-1", R, "2026-12-01", "statutory-boards", "with-boards")]);
    expect(describeStatus(state.status)).toBe("Closed 2026-12-01: Left to the organisations' statutory boards (NENC ICS MoU 14, 16)");
    expect(state.status.kind).toBe("ended");
  });

  it("refuses votes at any stage", () => {
    expect(refusal(nenc, [opened], ev(nenc, "NENC-1", R, "2026-11-10", "icp-peer-challenge", "agreed", { votes: "RTD: for" }))).toMatch(/is a discussion, not a vote/);
  });
});

describe("the routes as rulebook data are checked, naming the path", () => {
  const spoil = (edit: (ir: Record<string, any>) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any -- spoiling a preset field by field
    const input = structuredClone(PRESETS[0]!.input) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
    edit(input.issueResolution);
    return input;
  };
  it.each([
    ["a vote stage counted by an unknown rule", (ir: any) => { ir.routes[1].stages[1].rules = ["nope"]; }, /issueResolution\.routes\[1\]\.stages\[1\]\.rules\[0\][\s\S]*unknown decision rule "nope"|unknown decision rule "nope"[\s\S]*issueResolution\.routes\[1\]\.stages\[1\]\.rules\[0\]/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ["a precondition on a stage the route lacks", (ir: any) => { ir.preconditions[0].stage = "board"; }, /route "sle-consensus" has no stage "board"/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ["a precondition for an unknown rule", (ir: any) => { ir.preconditions[0].rule = "pb-nothing"; }, /precondition: unknown decision rule "pb-nothing"/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ["an outcome escalating from the last stage", (ir: any) => { ir.routes[1].stages[3].outcomes[1].effect = "escalates"; }, /escalates from the last stage/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ["a notice with no days", (ir: any) => { delete ir.routes[2].stages[3].notice; }, /starts a notice, but the stage sets no notice days/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ["a route of an unknown body", (ir: any) => { ir.routes[0].body = "cabinet"; }, /route "sle-consensus": unknown body "cabinet"/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ["a vote outcome that does not say which count it needs", (ir: any) => { delete ir.routes[0].stages[1].outcomes[0].vote; }, /must say whether the vote carried or not/], // eslint-disable-line @typescript-eslint/no-explicit-any
  ])("%s", (_name, edit, message) => {
    expect(() => parseRulebook(spoil(edit))).toThrow(RulebookError);
    expect(() => parseRulebook(spoil(edit))).toThrow(message);
  });

  it("says each problem once", () => {
    const message = (() => {
      try {
        parseRulebook(spoil((ir) => void (ir.preconditions[0].outcome = "stalemate")));
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message.match(/has no outcome "stalemate"/g)).toHaveLength(1);
  });
});

describe("calendar dates", () => {
  /** Counting day by day on the Gregorian calendar, the oracle for addDays. */
  function oracle(iso: string, days: number): string {
    let [y, m, d] = iso.split("-").map(Number) as [number, number, number];
    const inMonth = () => [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
    for (let i = 0; i < days; i++) {
      d += 1;
      if (d > inMonth()) [d, m] = [1, m + 1];
      if (m > 12) [m, y] = [1, y + 1];
    }
    return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  }

  it("counts notice days on the calendar: across a leap February and a year's end", () => {
    expect(addDays("2028-02-10", 30)).toBe("2028-03-11");
    expect(addDays("2027-02-10", 30)).toBe("2027-03-12");
    expect(addDays("2026-12-15", 30)).toBe("2027-01-14");
    expect(addDays("2026-03-15", 30)).toBe("2026-04-14"); // across the clocks going forward
  });

  it("agrees with counting day by day", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1990-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }), fc.integer({ min: 0, max: 400 }), (when, days) => {
        const iso = when.toISOString().slice(0, 10);
        expect(addDays(iso, days)).toBe(oracle(iso, days));
      }),
    );
  });

  it("accepts only real days, typed in UK order or yyyy-mm-dd, or an Excel date serial", () => {
    expect(parseIsoDate(" 2028-02-29 ")).toBe("2028-02-29");
    expect(parseIsoDate("15/09/2026")).toBe("2026-09-15");
    expect(parseIsoDate(46280)).toBe("2026-09-15");
    for (const bad of ["2027-02-29", "2026-04-31", "2026-13-01", "31/09/2026", "09/15/2026", "15 Sept", "", 0, 1.5]) expect(() => parseIsoDate(bad)).toThrow(/date/);
  });
});
