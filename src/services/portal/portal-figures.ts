/** Small date and duration readings the portal's view models share. */
import { readDuration } from "../../domain/duration.js";

/** Undefined for a time in contact days ("2d"): its length in hours differs per person, so no line is drawn. */
export function agreedHours(text: string): number | undefined {
  const read = readDuration(text);
  if (!read.ok) return undefined;
  const { amount, unit } = read.value;
  if (unit === "h") return amount;
  if (unit === "m") return Math.round((amount / 60) * 10) / 10;
  return undefined;
}

/** The earlier of two local dates (ISO text sorts as dates do). */
export const earlierDate = (a: string, b: string) => (a < b ? a : b);
