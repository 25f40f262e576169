// The allocation functions: thin adapters from table columns to src/rules/allocation. Ids are a public API: never rename.
import { allocateExact, placeShares } from "../rules/allocation";
import { exactOf, parseMoneyAt, type Exact } from "../rules/money";
import { column, excelMatrix, InputError, moneyColumn, optionalRange, sameLength } from "./excelValues";

/** A cell as an exact decimal, through the one money parser: a number as Excel holds it (15 significant digits), text such as "£1,234.50". */
const exactCell = (cell: unknown, where: string): Exact => exactOf(parseMoneyAt(cell, where));

function exactColumn(range: any[][], name: string): Exact[] {
  return column(range, name).map((cell, i) => {
    if (cell === "" || cell === null) throw new InputError(`${name} row ${i + 1} is blank; give an amount in pounds`);
    return exactCell(cell, `${name} row ${i + 1}`);
  });
}

/** An optional column of bounds: a blank cell is no bound for that row. */
function boundsColumn(range: any[][] | undefined, name: string, rows: number): (Exact | null)[] {
  const given = optionalRange(range);
  if (!given) return Array.from({ length: rows }, () => null);
  const cells = column(given, name);
  sameLength(cells, name, Array.from({ length: rows }), "weights", "row");
  return cells.map((cell, i) => (cell === "" || cell === null ? null : exactCell(cell, `${name} row ${i + 1}`)));
}

/**
 * Splits a fund in proportion to weights within floors and caps (water-filling), in pounds and pence summing exactly to the fund.
 * @customfunction ALLOCATE
 * @param fund The fund, £ (0 or more, whole pence).
 * @param weights Column of weights, e.g. need-weighted population (0 or more, not all 0).
 * @param [floors] Column of minimum amounts, £; a blank cell is no floor.
 * @param [caps] Column of maximum amounts, £; a blank cell is no cap.
 * @returns Column of amounts, £ to 2 dp.
 */
export async function allocate(fund: number, weights: any[][], floors?: any[][], caps?: any[][]): Promise<any[][]> {
  return excelMatrix(() => {
    if (typeof fund !== "number" || !Number.isFinite(fund)) throw new InputError(`fund must be a number of pounds, not ${JSON.stringify(fund)}`);
    // From the cells as Excel holds them (15 significant digits) to exact whole numbers: no other rounding, no decimal arithmetic on the way.
    const w = exactColumn(weights, "weights");
    const lows = boundsColumn(floors, "floors", w.length);
    const highs = boundsColumn(caps, "caps", w.length);
    const pence = allocateExact(
      exactCell(fund, "fund"),
      w.map((weight, i) => ({ weight, floor: lows[i]!, cap: highs[i]! })),
    );
    // Whole pence to pounds once, at the boundary with Excel: the nearest double to each amount.
    return pence.map((p) => [Number(p) / 100]);
  });
}

/**
 * Each row's share of need-weighted population (population × need index).
 * @customfunction PLACESHARE
 * @param population Column of registered population.
 * @param needIndex Column of need indices (1 = average need).
 * @returns Column of shares summing to 1.
 */
export async function placeShare(population: any[][], needIndex: any[][]): Promise<any[][]> {
  return excelMatrix(() => {
    const people = moneyColumn(population, "population");
    const need = moneyColumn(needIndex, "needIndex");
    sameLength(people, "population", need, "needIndex", "Place");
    return placeShares(people, need).map((s) => [s.toNumber()]);
  });
}
