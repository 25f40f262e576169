import { describe, expect, it } from "vitest";
import { actionExcludes, conflictsOnMatter, describeConflict, touchesMatter, type DeclaredConflict } from "../../src/rules/conflicts";
import { parseDayDate, parseMeetingDate, todayIso, ukDate } from "../../src/rules/dayDate";

const capital = { id: "capital-priorities", label: "Priorities for NHS capital investment" };
const declared = (row: number, member: string, matter: string, action: string): DeclaredConflict => ({ row, member, organisation: "MSEFT", matter, interest: `interest ${row}`, action });

describe("which declarations touch the matter being decided", () => {
  it("matches the rule's matter by id or label, a reference named whole in the matter's words, or all matters", () => {
    expect(touchesMatter({ matter: "capital-priorities" }, capital, "anything")).toBe(true);
    expect(touchesMatter({ matter: " priorities for NHS capital INVESTMENT " }, capital, "anything")).toBe(true);
    expect(touchesMatter({ matter: "CAP-017" }, capital, "Capital priorities 2026/27 including cap-017")).toBe(true);
    expect(touchesMatter({ matter: "Mental health estate anti-ligature works" }, capital, "Approve the mental health estate anti-ligature works, phase 2")).toBe(true);
    expect(touchesMatter({ matter: "All matters" }, capital, "x")).toBe(true);
    // Whole words only: CAP-01 is not CAP-017, and a reference not named leaves the member voting.
    expect(touchesMatter({ matter: "CAP-01" }, capital, "Capital priorities including CAP-017")).toBe(false);
    expect(touchesMatter({ matter: "Orsett Hospital" }, capital, "Capital priorities 2026/27")).toBe(false);
    expect(touchesMatter({ matter: "" }, capital, "x")).toBe(false);
  });

  it("keeps one declaration per member, an excluding one over one only declared", () => {
    const register = [declared(1, "Medical Director", "capital-priorities", "Declared"), declared(2, " medical director ", "CAP-017", "Excluded"), declared(3, "Chair", "CAP-999", "Excluded")];
    const found = conflictsOnMatter(register, capital, "Capital including CAP-017");
    expect([...found.entries()].map(([k, c]) => [k, c.row])).toEqual([["medical director", 2]]);
  });

  it("reads the Chair's action: Excluded takes the member out, anything else leaves them voting", () => {
    expect(["Excluded", " exclude ", "Excluded from the vote", "Declared", "May participate", ""].map(actionExcludes)).toEqual([true, true, true, false, false, false]);
    expect(describeConflict({ ...declared(4, "A", "x", "Excluded"), declared: "2026-10-06" })).toBe("Excluded: interest 4 (declared 06/10/2026; conflicts register row 4)");
  });
});

describe("dates as people type them", () => {
  it("reads ISO, UK order and Excel serials; never US order; a blank is none", () => {
    expect(parseDayDate("2026-11-30", "d")).toBe("2026-11-30");
    expect(parseDayDate(" 3/4/2026 ", "d")).toBe("2026-04-03");
    expect(parseDayDate(46356, "d")).toBe("2026-11-30");
    expect(parseDayDate("", "d")).toBeUndefined();
    expect(parseDayDate(null, "d")).toBeUndefined();
    expect(() => parseDayDate("11/30/2026", "Date declared")).toThrow('Date declared: "11/30/2026" is not a date; type it as 30/11/2026');
    expect(() => parseDayDate("29/02/2026", "d")).toThrow(/is not a date/);
    expect(() => parseDayDate(1.5, "d")).toThrow(/1.5 is not a date/);
    expect(ukDate("2026-04-03")).toBe("03/04/2026");
    expect(todayIso(new Date(2026, 10, 30, 23, 59))).toBe("2026-11-30");
  });

  it("takes a meeting date up to today, not after", () => {
    expect(parseMeetingDate("30/11/2026", "2026-11-30")).toBe("2026-11-30");
    expect(() => parseMeetingDate("2026-12-01", "2026-11-30")).toThrow("Meeting date: 01/12/2026 is after today (30/11/2026); record a decision once the meeting has taken it");
    expect(() => parseMeetingDate(" ", "2026-11-30")).toThrow("Meeting date: give the date of the meeting, e.g. 30/11/2026");
  });
});
