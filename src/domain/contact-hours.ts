/** Weekly contact hours ("Mon-Fri 09:00-17:00") and day lists ("Mon,Wed,Fri"): parse and format. */
import type { Weekday } from "./local-date.js";
import { err, ok, type Result, valueOrThrow } from "./result.js";

/** Minutes after local midnight; end exclusive; 0 <= startMinute < endMinute <= 1440. */
export interface DailyInterval {
  startMinute: number;
  endMinute: number;
}

/** Contact hours per ISO weekday (Monday = 1); each day's intervals sorted and non-touching. */
export type WeeklyHours = Readonly<Record<Weekday, readonly DailyInterval[]>>;

const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const SHORT_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
const DAY_NAMES: ReadonlyMap<string, Weekday> = new Map<string, Weekday>([
  ...SHORT_NAMES.map((name, i) => [name.toLowerCase(), (i + 1) as Weekday] as const),
  ...["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map(
    (name, i) => [name, (i + 1) as Weekday] as const,
  ),
  ["tues", 2],
  ["weds", 3],
  ["thur", 4],
  ["thurs", 4],
]);
const HOURS_EXAMPLE = `write it like "Mon-Fri 09:00-17:00"`;
const DAYS_EXAMPLE = `write them like "Mon-Fri" or "Mon,Wed,Fri"`;
const TIME_RANGE = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/;

function refuse(
  subject: string,
  text: string,
  problem: string,
  example: string,
): { ok: false; error: string } {
  return err(`${subject} "${text}": ${problem}; ${example}`);
}

/** Hyphens and dashes with spaces around them join their neighbours ("Mon - Fri" = "Mon-Fri"). */
function normalize(text: string): string {
  return text.trim().replace(/\s*[-\u2013\u2014]\s*/g, "-");
}

/** The days of one day spec ("mon", "monday", "sun-thu"), or undefined when it is not one. */
function daySpec(token: string): Weekday[] | undefined {
  const parts = token.split("-");
  if (parts.length > 2) return undefined;
  const from = DAY_NAMES.get(parts[0]?.toLowerCase() ?? "");
  const to = parts.length === 2 ? DAY_NAMES.get(parts[1]?.toLowerCase() ?? "") : from;
  if (from === undefined || to === undefined) return undefined;
  const days: Weekday[] = [];
  // Ranges wrap around Sunday: "Sun-Thu", "Fri-Mon".
  for (let d = from; ; d = ((d % 7) + 1) as Weekday) {
    days.push(d);
    if (d === to) return days;
  }
}

function minuteOf(hours: string | undefined, minutes: string | undefined): number | undefined {
  const h = Number(hours);
  const m = Number(minutes);
  if (m > 59 || h > 24 || (h === 24 && m !== 0)) return undefined;
  return h * 60 + m;
}

/** Undefined when the token is not a time range at all. */
function timeRange(token: string, fullText: string): Result<DailyInterval> | undefined {
  const m = TIME_RANGE.exec(token);
  if (!m) return undefined;
  const startMinute = minuteOf(m[1], m[2]);
  const endMinute = minuteOf(m[3], m[4]);
  if (startMinute === undefined || endMinute === undefined) {
    return refuse("contact hours", fullText, `"${token}" has a time that does not exist`, HOURS_EXAMPLE);
  }
  if (endMinute <= startMinute) {
    return refuse(
      "contact hours",
      fullText,
      `"${token}" does not end after it starts (hours cannot cross midnight; split them over two days)`,
      `write it like "Mon-Fri 18:00-24:00; Tue-Sat 00:00-02:00"`,
    );
  }
  return ok({ startMinute, endMinute });
}

/** Sorts and merges overlapping or touching intervals. */
function mergeIntervals(intervals: readonly DailyInterval[]): DailyInterval[] {
  const sorted = [...intervals].sort((a, b) => a.startMinute - b.startMinute);
  const merged: DailyInterval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && next.startMinute <= last.endMinute) {
      last.endMinute = Math.max(last.endMinute, next.endMinute);
    } else {
      merged.push({ ...next });
    }
  }
  return merged;
}

/** Reads contact hours people wrote; the error says what to write instead. */
export function readContactHours(text: string): Result<WeeklyHours> {
  const collected: Record<Weekday, DailyInterval[]> = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };
  if (text.trim() === "") return refuse("contact hours", text, "no hours given", HOURS_EXAMPLE);
  // ";" always ends a group; inside a part, a day name after a time range starts a new group.
  for (const part of normalize(text).split(";")) {
    const tokens = part.split(/[\s,]+/).filter((t) => t !== "");
    if (tokens.length === 0) continue;
    let days: Weekday[] = [];
    let ranges: DailyInterval[] = [];
    const flush = () => {
      for (const d of days) collected[d].push(...ranges);
    };
    for (const token of tokens) {
      const spec = daySpec(token);
      if (spec) {
        if (ranges.length > 0) {
          flush();
          days = [];
          ranges = [];
        }
        days.push(...spec);
        continue;
      }
      const range = timeRange(token, text);
      if (!range) {
        const problem = /\d/.test(token) ? "is not a time range" : "is not a day name";
        return refuse("contact hours", text, `"${token}" ${problem}`, HOURS_EXAMPLE);
      }
      if (!range.ok) return range;
      if (days.length === 0)
        return refuse("contact hours", text, `"${token}" needs days before it`, HOURS_EXAMPLE);
      ranges.push(range.value);
    }
    if (ranges.length === 0) {
      return refuse("contact hours", text, `"${part.trim()}" has no hours after the days`, HOURS_EXAMPLE);
    }
    flush();
  }
  const hours = {} as Record<Weekday, readonly DailyInterval[]>;
  for (const d of WEEKDAYS) hours[d] = Object.freeze(mergeIntervals(collected[d]));
  if (longestDayMinutes(hours) === 0) return refuse("contact hours", text, "no hours given", HOURS_EXAMPLE);
  return ok(Object.freeze(hours));
}

/** Contact hours from checked data or config: unreadable ones throw AppError (BAD_INPUT). */
export function parseContactHours(text: string): WeeklyHours {
  return valueOrThrow(readContactHours(text));
}

/** Days such as "Mon-Fri", "Mon,Wed,Fri", "Sun-Thu" (used for check-in days), as people wrote them. */
export function readDays(text: string): Result<ReadonlySet<Weekday>> {
  const tokens = normalize(text)
    .split(/[\s,]+/)
    .filter((t) => t !== "");
  if (tokens.length === 0) return refuse("days", text, "no days given", DAYS_EXAMPLE);
  const days = new Set<Weekday>();
  for (const token of tokens) {
    const spec = daySpec(token);
    if (!spec) return refuse("days", text, `"${token}" is not a day name`, DAYS_EXAMPLE);
    for (const d of spec) days.add(d);
  }
  return ok(days);
}

/** Days from checked terms: unreadable ones throw AppError (BAD_INPUT). */
export function parseDays(text: string): ReadonlySet<Weekday> {
  return valueOrThrow(readDays(text));
}

/** Compact form with Monday first, e.g. "Mon-Fri", "Mon,Wed", "Sat-Mon" when it wraps around Sunday. */
export function formatDays(days: ReadonlySet<Weekday>): string {
  if (days.size === 7) return "Mon-Sun";
  // Start at a day after a missing day, so a wrapping run ("Sat-Mon") stays in one piece.
  const missing = WEEKDAYS.find((d) => !days.has(d)) ?? 1;
  const runs: Weekday[][] = [];
  for (let i = 1; i <= 7; i++) {
    const d = (((missing - 1 + i) % 7) + 1) as Weekday;
    if (!days.has(d)) continue;
    const prev = ((d + 5) % 7) + 1;
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === prev) run.push(d);
    else runs.push([d]);
  }
  runs.sort((a, b) => Math.min(...a) - Math.min(...b));
  return runs
    .map((run) => {
      const first = SHORT_NAMES[run[0]! - 1];
      return run.length === 1 ? first : `${first}-${SHORT_NAMES[run[run.length - 1]! - 1]}`;
    })
    .join(",");
}

function formatMinute(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${h < 10 ? "0" : ""}${h}:${m < 10 ? "0" : ""}${m}`;
}

/** Canonical text: days with identical hours grouped, e.g. "Mon-Thu 09:00-17:00; Fri 09:00-13:00". */
export function formatContactHours(hours: WeeklyHours): string {
  const groups = new Map<string, Set<Weekday>>();
  for (const d of WEEKDAYS) {
    const intervals = hours[d];
    if (intervals.length === 0) continue;
    const times = intervals
      .map((i) => `${formatMinute(i.startMinute)}-${formatMinute(i.endMinute)}`)
      .join(" ");
    const days = groups.get(times) ?? new Set<Weekday>();
    days.add(d);
    groups.set(times, days);
  }
  return [...groups].map(([times, days]) => `${formatDays(days)} ${times}`).join("; ");
}

/** Minutes of contact time on the longest day: the length of one "contact day" (duration unit d). */
export function longestDayMinutes(hours: WeeklyHours): number {
  let longest = 0;
  for (const d of WEEKDAYS) {
    let total = 0;
    for (const i of hours[d]) total += i.endMinute - i.startMinute;
    longest = Math.max(longest, total);
  }
  return longest;
}
