/** Lengths of working time such as "8h", "30m", "2d" (d = one full contact day of the responder). */
import { AppError } from "./errors.js";

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

function fail(text: string, problem: string): never {
  throw new AppError("BAD_INPUT", `duration "${text}" ${problem}; ${EXAMPLE}`);
}

export function parseDuration(text: string): Duration {
  const trimmed = text.trim();
  const m = PATTERN.exec(trimmed);
  if (!m) {
    if (/^\d+(?:\.\d+)?$/.test(trimmed)) fail(text, "needs a unit (m, h or d)");
    fail(text, "is not a length of time");
  }
  const amount = Number(m[1]);
  const unit = UNITS.get(m[2]!.toLowerCase());
  if (unit === undefined) fail(text, `has an unknown unit "${m[2]}" (use m, h or d)`);
  if (!(amount > 0)) fail(text, "must be longer than zero");
  if (amount > MAXIMUM[unit]) fail(text, "is longer than a year");
  return { amount, unit };
}

export function formatDuration(duration: Duration): string {
  return `${duration.amount}${duration.unit}`;
}
