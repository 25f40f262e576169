// Keeping each request to Excel, and each response, under Excel on the web's 5 MB payload limit.

/**
 * The JSON characters one request or response may carry. Excel on the web refuses over 5 MB; the budget leaves room
 * for the request's own envelope and for text outside ASCII, which costs up to 3 bytes a character.
 */
export const PAYLOAD_BUDGET = 1_500_000;

/** What a value costs as JSON, in characters. */
export const jsonSize = (value: unknown): number => JSON.stringify(value ?? null).length;

/**
 * Splits items into consecutive runs [from, to) whose costs each add up to no more than the budget (an item that
 * alone costs more has a run of its own; Excel then says whether it can take it).
 */
export function planChunks<T>(items: readonly T[], cost: (item: T) => number, budget = PAYLOAD_BUDGET): [number, number][] {
  const chunks: [number, number][] = [];
  let from = 0;
  let used = 0;
  items.forEach((item, i) => {
    const c = cost(item);
    if (i > from && used + c > budget) {
      chunks.push([from, i]);
      from = i;
      used = 0;
    }
    used += c;
  });
  if (items.length > from) chunks.push([from, items.length]);
  return chunks;
}
