// Illustrative Plans and Places for Mid and South Essex: a year of monthly positions with a story the SFLG would recognise.
import type { Cell } from "./gateway";

/**
 * Full-year plan and turnover in £, then the forecast outturn reported in
 * each month April..March, in £ thousands. Surplus positive, deficit negative.
 * The trust deteriorates and climbs the ladder; the ICB's Southend budget tips into red late
 * in the year; Castle Point and Rochford recovers; councils and the providers
 * that span other systems report too, and sit outside the control total.
 */
export type SamplePlan = [code: string, plan: number, turnover: number, forecastK: number[]];

const PLANS: SamplePlan[] = [
  ["MSEFT", -30_000_000, 1_200_000_000, [-30_000, -30_500, -32_500, -33_000, -34_000, -35_500, -36_000, -37_500, -38_000, -38_000, -37_000, -36_500]],
  ["ICB-BB", 0, 420_000_000, [0, 0, 100, 150, 200, 250, 300, 300, 300, 350, 350, 400]],
  ["ICB-CPR", 0, 310_000_000, [0, -300, -900, -1_200, -1_200, -1_000, -800, -600, -400, -300, -200, -200]],
  ["ICB-ME", 0, 560_000_000, [0, 0, 0, 250, 500, 800, 1_000, 1_200, 1_300, 1_400, 1_500, 1_500]],
  ["ICB-STH", 0, 300_000_000, [0, -100, -300, -500, -800, -800, -1_200, -1_700, -2_100, -2_400, -2_600, -2_600]],
  ["ICB-THU", 500_000, 260_000_000, [500, 500, 500, 500, 400, 450, 500, 500, 500, 550, 600, 600]],
  ["EPUT", 2_000_000, 400_000_000, [2_000, 2_000, 1_900, 1_800, 1_800, 1_800, 1_700, 1_800, 1_800, 1_800, 1_800, 1_800]],
  ["EEAST", 0, 330_000_000, [0, 0, -200, -400, -400, -400, -300, -300, -300, -200, -200, -100]],
  ["PROVIDE", 200_000, 90_000_000, [200, 200, 150, 100, 100, 100, 100, 100, 100, 100, 100, 100]],
  ["ECC", 0, 1_050_000_000, [0, -2_000, -4_000, -5_000, -6_500, -7_000, -7_500, -8_000, -8_000, -7_500, -7_000, -6_500]],
  ["SBC", 0, 140_000_000, [0, 0, -500, -700, -900, -1_000, -1_000, -900, -800, -800, -700, -700]],
  ["THC", 0, 150_000_000, [0, -300, -300, -400, -400, -500, -500, -500, -600, -600, -600, -500]],
];

/** Plans rows: Organisation, Month, Plan, YTD plan, YTD actual, Forecast outturn, Turnover. */
export function planRows(plans: readonly SamplePlan[] = PLANS): Cell[][] {
  return plans.flatMap(([code, plan, turnover, forecastK]) =>
    forecastK.map((k, i) => {
      const month = i + 1;
      const forecast = k * 1_000;
      // Year to date runs at the plan's monthly rate, with the forecast variance emerging in proportion.
      const ytdPlan = Math.round((plan * month) / 12);
      const ytdActual = ytdPlan + Math.round(((forecast - plan) * month) / 12);
      return [code, month, plan, ytdPlan, ytdActual, forecast, turnover];
    }),
  );
}

/** Places rows: Place, Registered population, Need index, Baseline, Floor, Cap, Risk reserve. */
export function placeRows(): Cell[][] {
  return [
    // Thurrock's floor protects its smallest population under a per-capita formula.
    ["Thurrock", 182_000, 1.04, 9_100_000, 9_000_000, null, 500_000],
    ["South East Essex", 372_000, 0.99, 18_300_000, null, null, 1_000_000],
    ["Mid Essex", 398_000, 0.93, 18_900_000, null, null, 750_000],
    ["Basildon and Brentwood", 268_000, 1.06, 13_700_000, null, null, 500_000],
  ];
}
