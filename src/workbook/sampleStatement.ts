// Illustrative statement detail for the Mid and South Essex sample: non-recurrent items, efficiency and capital by month, marked as sample.
import type { Cell } from "./gateway";

/** What the Source column says of the sample's rows, so the statement can say its figures are sample ones. */
export const SAMPLE_SOURCE = "Sample (illustrative)";

/**
 * Per NHS body: non-recurrent items inside the forecast outturn (£; positive is a one-off benefit), the year's
 * efficiency plan (£), the share of it delivered to date (in tenths of a per cent, reaching the final figure by
 * March), and capital: CDEL for the year (£) and forecast spend (£). The trust leans on one-off benefits and falls
 * behind on efficiency; the ICB's Southend budget slips late; the commissioners' capital is small.
 */
export type SampleDetail = [code: string, nonRecurrent: number, efficiencyPlan: number, deliveredPerMille: number, cdel: number, capitalForecast: number];

const DETAIL: SampleDetail[] = [
  ["MSEFT", 12_000_000, 42_000_000, 780, 68_000_000, 70_500_000],
  ["ICB-BB", 0, 8_400_000, 990, 400_000, 380_000],
  ["ICB-CPR", 1_500_000, 6_200_000, 910, 300_000, 300_000],
  ["ICB-ME", 500_000, 11_200_000, 1_020, 500_000, 450_000],
  ["ICB-STH", 2_000_000, 6_000_000, 820, 300_000, 290_000],
  ["ICB-THU", 0, 5_200_000, 960, 250_000, 240_000],
  ["EPUT", 800_000, 16_000_000, 970, 21_000_000, 20_400_000],
  ["EEAST", 0, 13_000_000, 930, 15_000_000, 15_200_000],
];

/** Statement detail rows: Organisation, Month, Non-recurrent YTD, Non-recurrent forecast, Efficiency plan YTD, Efficiency delivered YTD, Capital spend YTD, Capital forecast, CDEL, Source. */
export function statementDetailRows(detail: readonly SampleDetail[] = DETAIL): Cell[][] {
  return detail.flatMap(([code, nonRecurrent, efficiencyPlan, deliveredPerMille, cdel, capitalForecast]) =>
    Array.from({ length: 12 }, (_, i) => {
      const month = i + 1;
      // Efficiency and non-recurrent items land evenly through the year; capital is back-loaded, as it usually is.
      const efficiencyPlanYtd = Math.round((efficiencyPlan * month) / 12);
      const efficiencyDeliveredYtd = Math.round((efficiencyPlanYtd * deliveredPerMille) / 1_000);
      const nonRecurrentYtd = Math.round((nonRecurrent * month) / 12);
      const capitalSpendYtd = Math.round((capitalForecast * month * month) / 144);
      return [code, month, nonRecurrentYtd, nonRecurrent, efficiencyPlanYtd, efficiencyDeliveredYtd, capitalSpendYtd, capitalForecast, cdel, SAMPLE_SOURCE];
    }),
  );
}
