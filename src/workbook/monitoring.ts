// The Deliverables and Monitoring tables as the transformation monitoring reads them: every bad row named, none half-read.
import { numberDeliverables, parseDeliverable, parseReturn, type Deliverable, type QuarterlyReturn } from "../rules/monitoring";
import type { Rulebook } from "../rules/rulebook";
import type { Workbook } from "./gateway";
import { blank, readRows, recordsOf, type RowRecord } from "./records";
import { DELIVERABLES, MONITORING } from "./tables";

/** A row a person left empty in the cells the add-in reads (other columns of theirs may hold something). */
const empty = (r: RowRecord) => Object.values(r).every((cell) => blank(cell));

/** The agreed deliverables, by unit of the allocation's tier; undefined when the workbook has no Deliverables table. */
export async function readDeliverables(workbook: Workbook, rulebook: Rulebook): Promise<Deliverable[] | undefined> {
  const table = await workbook.readTable(DELIVERABLES.name);
  if (!table) return undefined;
  const records = recordsOf(table, DELIVERABLES).filter((r) => !empty(r));
  return numberDeliverables(
    readRows(records, DELIVERABLES, (r, where) =>
      parseDeliverable(rulebook, { unit: r["Unit"], description: r["Deliverable"], outcomeMeasure: r["Outcome measure"], dueQuarter: r["Due quarter"] }, where),
    ),
  );
}

/** The quarterly returns; undefined when the workbook has no Monitoring table. */
export async function readMonitoringReturns(workbook: Workbook, rulebook: Rulebook): Promise<QuarterlyReturn[] | undefined> {
  const table = await workbook.readTable(MONITORING.name);
  if (!table) return undefined;
  const records = recordsOf(table, MONITORING).filter((r) => !empty(r));
  return readRows(records, MONITORING, (r, where) =>
    parseReturn(
      rulebook,
      {
        unit: r["Unit"],
        quarter: r["Quarter"],
        milestonesDue: r["Milestones due"],
        milestonesDelivered: r["Milestones delivered"],
        spendToDate: r["Spend to date"],
        note: r["Note"],
      },
      where,
    ),
  );
}

export interface MonitoringInputs {
  deliverables: Deliverable[] | undefined;
  returns: QuarterlyReturn[] | undefined;
}

/** Both tables, read together (one round trip each, side by side). */
export async function readMonitoringInputs(workbook: Workbook, rulebook: Rulebook): Promise<MonitoringInputs> {
  const [deliverables, returns] = await Promise.all([readDeliverables(workbook, rulebook), readMonitoringReturns(workbook, rulebook)]);
  return { deliverables, returns };
}
