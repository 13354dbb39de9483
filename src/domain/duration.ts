/** Lengths of working time such as "8h", "30m", "2d" (d = one full contact day of the responder). */
import { err, ok, type Result, valueOrThrow } from "./result.js";

export interface Duration {
  amount: number;
  unit: "m" | "h" | "d";
}

const UNITS: ReadonlyMap<string, Duration["unit"]> = new Map<string, Duration["unit"]>([
  ...["m", "min", "mins", "minute", "minutes"].map((u) => [u, "m"] as const),
  ...["h", "hr", "hrs", "hour", "hours"].map((u) => [u, "h"] as const),
  ...["d", "day", "days"].map((u) => [u, "d"] as const),
]);
/** At most a year, in each unit. */
const MAXIMUM: Readonly<Record<Duration["unit"], number>> = { m: 365 * 24 * 60, h: 365 * 24, d: 365 };
const EXAMPLE = `write it like "8h", "30m" or "2d"`;
const PATTERN = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]+)$/i;

function refuse(text: string, problem: string): Result<Duration> {
  return err(`duration "${text}" ${problem}; ${EXAMPLE}`);
}

/** Reads a duration people typed; the error says what to write instead. */
export function readDuration(text: string): Result<Duration> {
  const trimmed = text.trim();
  const m = PATTERN.exec(trimmed);
  if (!m) {
    if (/^\d+(?:\.\d+)?$/.test(trimmed)) return refuse(text, "needs a unit (m, h or d)");
    return refuse(text, "is not a length of time");
  }
  const amount = Number(m[1]);
  const unit = UNITS.get(m[2]!.toLowerCase());
  if (unit === undefined) return refuse(text, `has an unknown unit "${m[2]}" (use m, h or d)`);
  if (!(amount > 0)) return refuse(text, "must be longer than zero");
  if (amount > MAXIMUM[unit]) return refuse(text, "is longer than a year");
  return ok({ amount, unit });
}

/** A duration from checked terms or config: an unreadable one throws AppError (BAD_INPUT). */
export function parseDuration(text: string): Duration {
  return valueOrThrow(readDuration(text));
}

export function formatDuration(duration: Duration): string {
  return `${duration.amount}${duration.unit}`;
}
