// Sample plan lines, planning assumptions and a resolution log for Mid and South Essex: illustrative figures with deliberate mismatches and one missing return.
import type { Cell } from "./gateway";

const CLINICAL = "Clinical contract";
const NON_CLINICAL = "Non-clinical";
const RECHARGES = "Recharges";

/** Both sides of a flow: the payee's income line and the payer's expenditure line (null for a side not reported). */
export function flow(payee: string, payer: string, category: string, income: number | null, expenditure: number | null, sensitive = false): Cell[][] {
  const lines: Cell[][] = [];
  if (income !== null) lines.push([payee, payer, "Income", category, income, sensitive]);
  if (expenditure !== null) lines.push([payer, payee, "Expenditure", category, expenditure, sensitive]);
  return lines;
}

/** Plan lines: Organisation, Counterparty, Direction, Category, Amount, Competition sensitive. */
export function planLineRows(): Cell[][] {
  return [
    ...flow("MSEFT", "ICB-ME", CLINICAL, 415_200_000, 412_000_000), // a £3.2m mismatch over activity assumptions
    ...flow("MSEFT", "ICB-STH", CLINICAL, 251_000_000, 250_960_000), // within tolerance
    ...flow("MSEFT", "ICB-THU", CLINICAL, 168_500_000, 168_500_000),
    ...flow("MSEFT", "ICB-BB", CLINICAL, 210_300_000, 210_300_000),
    ...flow("MSEFT", "ICB-CPR", CLINICAL, 175_000_000, 174_200_000), // £0.8m mismatch
    ...flow("MSEFT", "ICB-ME", RECHARGES, 2_400_000, 2_400_000),
    ...flow("ICB-ME", "MSEFT", RECHARGES, 650_000, null), // MSEFT has not planned to pay the recharge
    // EPUT sent no return: the commissioners' expenditure lines have no income side.
    ...flow("EPUT", "ICB-ME", CLINICAL, null, 38_400_000),
    ...flow("EPUT", "ICB-STH", CLINICAL, null, 22_100_000),
    ...flow("EPUT", "ICB-THU", CLINICAL, null, 18_700_000),
    ...flow("EEAST", "ICB-ME", CLINICAL, 24_000_000, 24_000_000),
    // Provide CIC's community contracts are competition sensitive: shared only in aggregate.
    ...flow("PROVIDE", "ICB-ME", CLINICAL, 31_500_000, 31_500_000, true),
    ...flow("PROVIDE", "ICB-CPR", CLINICAL, 12_250_000, 12_000_000, true),
    ...flow("ECC", "ICB-ME", NON_CLINICAL, 18_600_000, 18_600_000),
    ...flow("SBC", "ICB-STH", NON_CLINICAL, 9_400_000, 9_450_000),
    ...flow("THC", "ICB-THU", NON_CLINICAL, 8_200_000, 7_900_000), // £0.3m mismatch
  ];
}

/** Planning assumptions: Organisation ("System" for the agreed ones), Assumption, Value (a fraction: 0.055 is 5.5%). */
export function assumptionRows(): Cell[][] {
  const row = (organisation: string, values: [number, number, number, number]): Cell[][] =>
    ["Pay award", "Non-pay inflation", "Efficiency", "Activity growth"].map((assumption, i) => [organisation, assumption, values[i]!]);
  return [
    ...row("System", [0.055, 0.03, 0.04, 0.035]),
    ...row("MSEFT", [0.055, 0.0275, 0.045, 0.035]),
    ...row("ICB-ME", [0.055, 0.03, 0.04, 0.025]),
    ...row("ICB-STH", [0.05, 0.03, 0.04, 0.035]),
    ...row("ICB-THU", [0.055, 0.035, 0.04, 0.03]),
  ];
}

/** Resolution log: Organisation (receiving), Counterparty (paying), Category, Owner, Agreed action, Status. */
export function resolutionRows(): Cell[][] {
  return [
    [
      "MSEFT",
      "ICB-ME",
      CLINICAL,
      "Director of Finance, MSEFT",
      "Reconcile the elective activity baseline with the ICB before plan submission",
      "In progress",
    ],
  ];
}
