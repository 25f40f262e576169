// The Rules sheets: every preset written as rows and read back to exactly the same rulebook; each bad edit refused, named by sheet, row and field.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { PRESETS, presetRulebook } from "../../src/rules/presets";
import { PARTNER_TYPES, parseRulebook, rulebookJson, type Rulebook } from "../../src/rules/rulebook";
import { describeChanges } from "../../src/rules/rulebookDiff";
import { describeProblem, rowsToRecords, rulebookToRows, RULE_SHEETS, type RuleProblem, type RulesRecords, type SheetRecord } from "../../src/rules/rulebookSheets";
import { rowsToRulebook, shareToFraction } from "../../src/rules/rulebookSheetsRead";
import { rulebookHash } from "../../src/rules/rulebookVersion";

const mse = presetRulebook("mid-south-essex")!;

/** The preset's rows as a workbook reads them back, with `edit` applied to one sheet's records. */
function edited(rb: Rulebook, sheet: keyof typeof RULE_SHEETS, edit: (rows: SheetRecord[]) => void): RulesRecords {
  const records = rowsToRecords(rulebookToRows(rb));
  edit(records[sheet]!);
  return records;
}

function problems(records: RulesRecords, base: Rulebook = mse): RuleProblem[] {
  const reading = rowsToRulebook(records, base);
  if (reading.ok) throw new Error("the edit was accepted");
  return reading.problems;
}

describe("the rulebook as Rules sheets", () => {
  it.each(PRESETS.map((p) => p.id))("reads the %s preset's rows back to exactly the same rulebook, hash and all", (id) => {
    const rb = presetRulebook(id)!;
    const reading = rowsToRulebook(rowsToRecords(rulebookToRows(rb)), rb);
    expect(reading).toMatchObject({ ok: true });
    if (!reading.ok) return;
    expect(reading.rulebook).toEqual(rb);
    expect(rulebookJson(reading.rulebook)).toBe(rulebookJson(rb));
    expect(rulebookHash(reading.rulebook)).toBe(rulebookHash(rb));
  });

  it("builds the sheets' parts from the rows, not from the rulebook in force", () => {
    const other = { ...mse, partners: mse.partners.slice(0, 2), rules: mse.rules.map((r) => ({ ...r, label: "changed" })), capital: { ...mse.capital!, criteria: mse.capital!.criteria.map((k) => ({ ...k, weight: 1 })) } } as Rulebook;
    const reading = rowsToRulebook(rowsToRecords(rulebookToRows(mse)), other);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.rulebook).toEqual(mse);
  });

  it("reads a threshold typed as 80% or 0.8, and a formula's 0.7999999999999999, as exactly 4/5; 2/3 as 2/3", () => {
    for (const typed of ["80%", 0.8, 0.7999999999999999]) {
      const reading = rowsToRulebook(
        edited(mse, "decisions", (rows) => {
          rows[0]!["Threshold"] = typed;
          rows[0]!["Wording"] = "not less than 80%";
        }),
        mse,
      );
      expect(reading.ok).toBe(true);
      if (reading.ok) expect(reading.rulebook.rules[0]!.threshold.fraction).toEqual({ numerator: 4, denominator: 5 });
    }
    expect(shareToFraction(0.666666666666667)).toEqual({ numerator: 2, denominator: 3 });
  });

  it("describes a threshold change in the change log's words", () => {
    const reading = rowsToRulebook(
      edited(mse, "decisions", (rows) => {
        rows[0]!["Threshold"] = 0.8;
        rows[0]!["Wording"] = "not less than 80%";
      }),
      mse,
    );
    if (!reading.ok) throw new Error(reading.problems.map(describeProblem).join("\n"));
    expect(describeChanges(mse, reading.rulebook)).toEqual(['Decision rule pb-capital threshold 75% → 80%', 'Decision rule pb-capital threshold wording "not less than 75%" → "not less than 80%"']);
  });
});

/** The rulebook through the sheets and back, with no rulebook in force to lean on (as a .xlsx from another workbook is read). */
function roundTrip(rb: Rulebook, base?: Rulebook): Rulebook {
  const reading = rowsToRulebook(rowsToRecords(rulebookToRows(rb)), base);
  if (!reading.ok) throw new Error(reading.problems.map(describeProblem).join("\n"));
  return reading.rulebook;
}

describe("every field of the rulebook is on a Rules sheet", () => {
  const ids = PRESETS.map((p) => p.id);

  it.each(ids)("the %s preset's rows alone give it back exactly: read with no rulebook in force, and with each other system's", (id) => {
    const rb = presetRulebook(id)!;
    for (const base of [undefined, ...ids.filter((other) => other !== id).map((other) => presetRulebook(other)!)]) {
      const back = roundTrip(rb, base);
      expect(back).toEqual(rb);
      expect(rulebookHash(back)).toBe(rulebookHash(rb));
    }
  });

  it("the Annex 1 matrix, the formulas, the monitoring tranches, the settings' clauses and the optional parts round-trip for any valid edit of any preset (property)", () => {
    const fraction = fc.constantFrom([1, 2], [2, 3], [3, 4], [4, 5], [3, 5], [1, 1], [7, 10]);
    const label = fc.string({ minLength: 1, maxLength: 30 }).map((t) => t.replace(/[\s%]+/g, " ").trim()).filter((t) => t !== "");
    const tranches = fc.tuple(fc.integer({ min: 0, max: 3_333 }), fc.integer({ min: 0, max: 3_333 }), fc.integer({ min: 0, max: 3_333 })).map(([a, b, c]) => [a, b, c, 10_000 - a - b - c]);
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.array(fc.subarray([...PARTNER_TYPES]), { minLength: 8, maxLength: 8 }),
        fraction,
        fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
        tranches,
        label,
        fc.boolean(),
        fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
        (id, matrix, [numerator, denominator], pace, shares, words, drop, years) => {
          const edit = structuredClone(presetRulebook(id)!) as Rulebook & Record<string, unknown>;
          edit.elements.forEach((e, i) => (edit.annex1[e.id] = matrix[i % matrix.length]!));
          edit.rules[0]!.threshold = { comparison: "more-than", fraction: { numerator: numerator!, denominator: denominator! }, wording: words };
          edit.partnerTypes[0]!.label = words;
          if (edit.allocation) {
            edit.allocation.formulas[0]!.paceOfChangeBasisPoints = pace;
            if (edit.allocation.monitoring) edit.allocation.monitoring.tranches.sharesBasisPoints = shares;
            if (drop) delete edit.allocation.formulasClause;
            else edit.allocation.tier = edit.tiers[0]!.id;
          }
          if (edit.controlTotal) {
            if (drop) delete edit.controlTotal.statement;
            else edit.controlTotal.escalation.triggersClause = words;
          }
          if (edit.planAlignment) {
            if (years === undefined) delete edit.planAlignment.planningHorizon;
            else edit.planAlignment.planningHorizon = { years, clause: words };
          }
          if (edit.capital && drop) {
            delete edit.capital.weightsSumTo;
            edit.capital.criteria[0]!.weight += 1;
          }
          if (drop) edit.partners.forEach((p) => delete p.note);
          const rb = parseRulebook(edit);
          const back = roundTrip(rb);
          expect(back).toEqual(rb);
          expect(rulebookJson(back)).toBe(rulebookJson(rb));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("an Annex 1 tick taken out on the sheet takes the element away from that partner type", () => {
    const reading = rowsToRulebook(
      edited(mse, "annex1", (rows) => {
        const row = rows.find((r) => r["Element"] === "mutual-accountability")!;
        row["Council"] = false;
      }),
    );
    expect(reading.ok && reading.rulebook.annex1["mutual-accountability"]).toEqual(["nhs-provider", "commissioner", "nhs-regulator"]);
  });

  it("a formula's pace of change typed as 2.5% is 250 basis points; a blank one is no limit", () => {
    const reading = rowsToRulebook(
      edited(mse, "formulas", (rows) => {
        rows[0]!["Pace of change"] = "2.5%";
        rows[2]!["Pace of change"] = "";
      }),
    );
    if (!reading.ok) throw new Error(reading.problems.map(describeProblem).join("\n"));
    expect(reading.rulebook.allocation!.formulas.map((f) => f.paceOfChangeBasisPoints)).toEqual([250, null, null, null]);
  });
});

describe("bad edits are refused, each problem named by sheet, row and field", () => {
  it("duplicate partner codes", () => {
    const found = problems(edited(mse, "partners", (rows) => (rows[1]!["Code"] = rows[0]!["Code"])));
    expect(found).toContainEqual(expect.objectContaining({ sheet: "ICS Partners", row: 2, field: "Code", message: expect.stringContaining('"ECC" appears twice') }));
  });

  it("a partner in an unknown unit", () => {
    const found = problems(edited(mse, "partners", (rows) => (rows[2]!["Place"] = "Atlantis")));
    expect(found).toContainEqual(expect.objectContaining({ sheet: "ICS Partners", row: 3, field: "Place", message: expect.stringContaining('unknown place "atlantis"') }));
  });

  it("a threshold outside 0–100%", () => {
    const found = problems(edited(mse, "decisions", (rows) => (rows[0]!["Threshold"] = 1.2)));
    expect(found).toContainEqual({ sheet: "ICS Rules decisions", row: 1, field: "Threshold", message: "120% is outside 0–100%" });
    const negative = problems(edited(mse, "decisions", (rows) => (rows[1]!["Threshold"] = "-5%")));
    expect(negative).toContainEqual({ sheet: "ICS Rules decisions", row: 2, field: "Threshold", message: "-5% is outside 0–100%" });
  });

  it("a wording that says another percentage than the threshold", () => {
    const found = problems(edited(mse, "decisions", (rows) => (rows[0]!["Threshold"] = 0.8)));
    expect(found).toContainEqual(expect.objectContaining({ sheet: "ICS Rules decisions", row: 1, field: "Wording", message: expect.stringContaining("says 75% but the Threshold is 80%") }));
  });

  it("weights that do not sum as the rulebook requires", () => {
    const found = problems(edited(mse, "capital", (rows) => (rows[0]!["Value"] = 35)));
    expect(found).toContainEqual(expect.objectContaining({ sheet: "ICS Rules capital", row: 1, field: "Value", message: expect.stringContaining("do not add up") }));
  });

  it("a ladder out of order", () => {
    // Step 3 (external review) asks less than step 2 before it.
    const found = problems(edited(mse, "controlTotal", (rows) => (rows[4]!["Share of basis"] = 0.01)));
    expect(found).toContainEqual(expect.objectContaining({ sheet: "ICS Rules control total", row: 5, message: expect.stringContaining("the ladder must rise") }));
  });

  it("a body with no voting members", () => {
    const nenc = presetRulebook("north-east-north-cumbria")!;
    const found = problems(
      edited(nenc, "bodies", (rows) => rows.filter((r) => r["Body"] === "ics-management-group").forEach((r) => (r["Voting"] = "No"))),
      nenc,
    );
    expect(found).toContainEqual(expect.objectContaining({ sheet: "ICS Rules bodies", row: 1, field: "Voting", message: expect.stringContaining("has no voting members") }));
  });

  it("lists every problem at once, and a cell named once even when the whole-rulebook check sees it too", () => {
    const records = rowsToRecords(rulebookToRows(mse));
    records.partners![1]!["Code"] = "ECC";
    records.decisions![0]!["Threshold"] = "lots";
    records.capital![0]!["Value"] = 35;
    const found = problems(records);
    expect(found.map((p) => `${p.sheet}/${p.row}/${p.field}`)).toEqual(expect.arrayContaining(["ICS Partners/2/Code", "ICS Rules decisions/1/Threshold", "ICS Rules capital/1/Value"]));
    expect(found.filter((p) => p.sheet === "ICS Rules decisions" && p.field === "Threshold")).toHaveLength(1);
    expect(describeProblem(found.find((p) => p.field === "Threshold")!)).toBe('ICS Rules decisions, row 1, Threshold: "lots" is not a number');
  });

  it("a missing Rules table is named", () => {
    const records = rowsToRecords(rulebookToRows(mse));
    delete records.decisions;
    expect(problems(records)).toContainEqual(expect.objectContaining({ sheet: "ICS Rules decisions", message: expect.stringContaining("no ICS_RulesDecisions table") }));
  });

  it("two default formulas, an unknown weighting, tranches that do not add up to 100%, and an unknown setting", () => {
    const records = rowsToRecords(rulebookToRows(mse));
    records.formulas![0]!["Default"] = "Yes";
    records.formulas![1]!["Weighting"] = "by lottery";
    const tranches = records.settings!.findIndex((r) => r["Setting"] === "Tranche shares");
    records.settings![tranches]!["Value"] = "25%, 25%, 25%, 20%";
    records.settings!.push({ Section: "Capital", Setting: "Favourite colour", Id: "", Value: "blue" });
    const found = problems(records);
    expect(found).toContainEqual(expect.objectContaining({ sheet: "ICS Rules formulas", row: 2, field: "Default", message: expect.stringContaining("more than one formula") }));
    expect(found).toContainEqual(expect.objectContaining({ sheet: "ICS Rules formulas", row: 2, field: "Weighting", message: expect.stringContaining('"by lottery" is not one of') }));
    expect(found).toContainEqual(expect.objectContaining({ sheet: "ICS Rules settings", row: tranches + 1, field: "Value", message: expect.stringContaining("exactly 100%") }));
    expect(found).toContainEqual(expect.objectContaining({ sheet: "ICS Rules settings", row: records.settings!.length, field: "Setting", message: expect.stringContaining('"Favourite colour" is not a Capital setting') }));
  });

  it("an issue resolution stage escalating from the last stage, and a precondition on an unknown outcome", () => {
    const records = rowsToRecords(rulebookToRows(mse));
    const last = records.issueResolution!.findIndex((r) => r["Route"] === "sle-consensus" && r["Outcome"] === "decided");
    records.issueResolution![last]!["Effect"] = "escalates";
    records.preconditions![0]!["Outcome"] = "gave-up";
    const found = problems(records);
    expect(found).toContainEqual(expect.objectContaining({ sheet: "ICS Rules issue resolution", row: last + 1, field: "Effect", message: expect.stringContaining("escalates from the last stage") }));
    expect(found).toContainEqual(expect.objectContaining({ sheet: "ICS Rules preconditions", row: 1, field: "Outcome", message: expect.stringContaining('no outcome "gave-up"') }));
  });

  it("a settings row left out is named", () => {
    const records = rowsToRecords(rulebookToRows(mse));
    records.settings = records.settings!.filter((r) => r["Setting"] !== "Risk share basis");
    expect(problems(records)).toContainEqual(expect.objectContaining({ sheet: "ICS Rules settings", field: "Setting", message: 'Control total has no "Risk share basis" row; add one' }));
  });

  it("an older Partners table without the overrides and notes columns keeps the partners' overrides and notes", () => {
    const records = rowsToRecords(rulebookToRows(mse));
    records.partners = records.partners!.map(({ Code, Name, Type, Place }) => ({ Code, Name, Type, Place }));
    const reading = rowsToRulebook(records, mse);
    expect(reading.ok && reading.rulebook.partners).toEqual(mse.partners);
  });
});
