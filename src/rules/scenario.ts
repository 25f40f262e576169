// A scenario: a named set of inputs across the panels, saved with the workbook. Money is kept as exact decimal text.
import { RulesInputError } from "./inputError";
import { z } from "zod";
import { CAPITAL_OBJECTIVES } from "./rulebook";

const money = z.string().regex(/^-?\d+(\.\d{1,2})?$/, "an amount in pounds to at most two decimal places, as text");
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, "a decimal number as text");
const id = z.string().min(1);

export const ScenarioSchema = z.object({
  kind: z.literal("ics-finance-scenario"),
  schemaVersion: z.literal(1),
  id,
  name: z.string().trim().min(1, "a scenario needs a name").max(80),
  /** The rulebook the scenario was made under: a scenario from another system's rulebook is refused. */
  rulebookId: id,
  savedAt: z.iso.datetime(),
  controlTotal: z.object({
    month: z.int().min(1).max(12).nullable(),
    forecasts: z.array(z.object({ organisation: id, forecast: money })),
  }),
  allocation: z.object({
    fund: money.nullable(),
    formulaId: id,
    useFloorsAndCaps: z.boolean(),
    paceOfChangeBasisPoints: z.int().nonnegative().max(10_000).nullable(),
  }),
  assumptions: z.array(z.object({ organisation: id, assumption: id, value: decimal })),
  capital: z.object({
    envelope: money.nullable(),
    weightPoints: z.array(z.int().nonnegative().max(100)),
    locks: z.array(z.object({ scheme: id, lock: z.enum(["in", "out"]) })),
    /** The objective chosen on the panel; null for the rulebook's default. Scenarios saved before there was a choice have none. */
    objective: z.enum(CAPITAL_OBJECTIVES).nullable().default(null),
    /** What if the recovery restrictions on discretionary capital were lifted (MoU 7.7: a measure the SLE applies). */
    liftRecovery: z.boolean().default(false),
    /** Each financial year's envelope, for a Schemes table with a cost profile by year; empty for a single-year plan. */
    yearEnvelopes: z.array(z.object({ label: id, envelope: money })).default([]),
  }),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

export class ScenarioError extends RulesInputError {
  constructor(message: string) {
    super(message);
    this.name = "ScenarioError";
  }
}

/** Checks a scenario read from a workbook (or anywhere): every problem named, a foreign or corrupted one refused. */
export function parseScenario(value: unknown, rulebookId: string, where = "the scenario"): Scenario {
  const parsed = ScenarioSchema.safeParse(value);
  if (!parsed.success) {
    const kind = (value as { kind?: unknown } | null)?.kind;
    if (kind !== "ics-finance-scenario") throw new ScenarioError(`${where} is not an ICS Finance scenario`);
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "scenario"}: ${i.message}`);
    throw new ScenarioError(`${where} cannot be used: ${problems.join("; ")}`);
  }
  if (parsed.data.rulebookId !== rulebookId) {
    throw new ScenarioError(`${where} ("${parsed.data.name}") was made under the rulebook "${parsed.data.rulebookId}", not this workbook's "${rulebookId}"`);
  }
  return parsed.data;
}
