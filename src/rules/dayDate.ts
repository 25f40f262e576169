// Calendar dates as people type them in the pane or a sheet (a meeting's, a declaration's): one reading, ISO out.
import { RulesInputError } from "./inputError";

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const UK = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
/** Excel's day 0 is 30 December 1899 (its 1900 leap-year bug is before any date a Board records). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function isoOf(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  // 31/02/2026 rolls over to March in Date.UTC: such a day does not exist.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/**
 * A day as "2026-11-30", from "2026-11-30", "30/11/2026" (UK order, never US) or an Excel date serial (a sheet's
 * date cell reads back as one); undefined for a blank; throws naming `what` for anything else or a day that does not exist.
 */
export function parseDayDate(value: unknown, what: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < 1) throw new RulesInputError(`${what}: ${value} is not a date; type it as 30/11/2026`);
    const d = new Date(EXCEL_EPOCH_UTC + value * DAY_MS);
    return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  const text = String(value).trim();
  if (text === "") return undefined;
  const iso = ISO.exec(text);
  const uk = UK.exec(text);
  const parsed = iso ? isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3])) : uk ? isoOf(Number(uk[3]), Number(uk[2]), Number(uk[1])) : undefined;
  if (!parsed) throw new RulesInputError(`${what}: "${text}" is not a date; type it as 30/11/2026`);
  return parsed;
}

/** "2026-11-30" as the pane shows it: "30/11/2026". */
export function ukDate(iso: string): string {
  const m = ISO.exec(iso);
  return m ? `${pad(Number(m[3]))}/${pad(Number(m[2]))}/${m[1]}` : iso;
}

/** Today as "2026-11-30" in the user's own time zone (a meeting is on the day where it was held). */
export function todayIso(now: Date): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A meeting's date: required, a real day, and not after today (a decision is recorded once it has been taken). */
export function parseMeetingDate(value: unknown, today: string): string {
  const iso = parseDayDate(value, "Meeting date");
  if (!iso) throw new RulesInputError("Meeting date: give the date of the meeting, e.g. 30/11/2026");
  if (iso > today) throw new RulesInputError(`Meeting date: ${ukDate(iso)} is after today (${ukDate(today)}); record a decision once the meeting has taken it`);
  return iso;
}
