/**
 * Introductions: which colleague an intern meets next, and when their working hours overlap.
 * Pure: calendars and `now` come in, a choice comes out.
 */
import { DateTime } from "luxon";
import type { WorkingCalendar } from "./calendar.js";
import { formatDays } from "./contact-hours.js";
import { addDays, type Weekday, weekdayOf } from "./local-date.js";
import type { LocalDate, Person } from "./types.js";
import { startOfNextDay } from "./working-days.js";

/** Shared working time on one day that makes an introduction call realistic. */
export const MIN_OVERLAP_MINUTES = 60;

export interface OverlapWindow {
  start: Date;
  end: Date;
}

export interface DayOverlap {
  /** The first person's local date. */
  date: LocalDate;
  minutes: number;
  windows: OverlapWindow[];
}

export interface WeeklyOverlap {
  days: DayOverlap[];
  totalMinutes: number;
  /** The longest shared working time on one day of the week. */
  bestDayMinutes: number;
}

const MINUTE_MS = 60_000;

/** A day's contact hours as instants, from the weekly pattern: holidays and leave are ignored. */
function typicalIntervals(calendar: WorkingCalendar, date: LocalDate): OverlapWindow[] {
  const at = (minute: number) =>
    minute >= 1440
      ? startOfNextDay(calendar, date)
      : calendar.atLocalTime(date, `${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, "0")}`);
  return calendar.hours[weekdayOf(date)]
    .map((i) => ({ start: at(i.startMinute), end: at(i.endMinute) }))
    .filter((w) => w.end > w.start);
}

/**
 * Shared working time of two people over the seven days from `weekStart` (dates of `a`), from their
 * weekly contact hours in their own zones (DST-correct for that week). Holidays and leave are left
 * out on purpose: this describes a typical week, not one that happens to contain a holiday.
 */
export function weeklyOverlap(a: WorkingCalendar, b: WorkingCalendar, weekStart: LocalDate): WeeklyOverlap {
  // b's days reach one day either side: zones can be up to 26 hours apart.
  const other: OverlapWindow[] = [];
  for (let i = -1; i <= 7; i++) other.push(...typicalIntervals(b, addDays(weekStart, i)));
  const days: DayOverlap[] = [];
  for (let i = 0; i < 7; i++) {
    const date = addDays(weekStart, i);
    const windows: OverlapWindow[] = [];
    for (const mine of typicalIntervals(a, date)) {
      for (const theirs of other) {
        const start = Math.max(mine.start.getTime(), theirs.start.getTime());
        const end = Math.min(mine.end.getTime(), theirs.end.getTime());
        if (end > start) windows.push({ start: new Date(start), end: new Date(end) });
      }
    }
    windows.sort((x, y) => x.start.getTime() - y.start.getTime());
    const minutes = windows.reduce((sum, w) => sum + (w.end.getTime() - w.start.getTime()) / MINUTE_MS, 0);
    days.push({ date, minutes, windows });
  }
  return {
    days,
    totalMinutes: days.reduce((sum, d) => sum + d.minutes, 0),
    bestDayMinutes: Math.max(0, ...days.map((d) => d.minutes)),
  };
}

/** Minutes both people work on a typical working day: the longest shared time on one day of the week. */
export function overlapMinutes(a: WorkingCalendar, b: WorkingCalendar, weekStart: LocalDate): number {
  return weeklyOverlap(a, b, weekStart).bestDayMinutes;
}

/** The first instant from `from` (within two weeks) at which both people are at work, holidays and leave included. */
export function nextSharedMoment(a: WorkingCalendar, b: WorkingCalendar, from: Date): Date | undefined {
  const startDate = a.localDate(from);
  const other: OverlapWindow[] = [];
  for (let i = -1; i <= 15; i++) other.push(...b.workingIntervals(addDays(startDate, i)));
  for (let i = 0; i < 14; i++) {
    for (const mine of a.workingIntervals(addDays(startDate, i))) {
      for (const theirs of other) {
        const start = Math.max(mine.start.getTime(), theirs.start.getTime(), from.getTime());
        if (Math.min(mine.end.getTime(), theirs.end.getTime()) > start) return new Date(start);
      }
    }
  }
  return undefined;
}

/** "America/Sao_Paulo" -> "Sao Paulo": how a zone reads in a sentence. */
export function zoneLabel(timezone: string): string {
  return (timezone.split("/").pop() ?? timezone).replace(/_/g, " ");
}

/** "BR" -> "Brazil"; the code itself when the runtime does not know it. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

function clock(at: Date, zone: string, day: LocalDate): string {
  const local = DateTime.fromJSDate(at, { zone });
  const shift = Math.round(local.startOf("day").diff(DateTime.fromISO(day, { zone }), "days").days);
  return `${local.toFormat("HH:mm")}${shift > 0 ? " (next day)" : shift < 0 ? " (day before)" : ""}`;
}

/**
 * The shared hours in both zones, days with the same hours grouped, e.g.
 * "Mon-Fri: 09:00-13:00 in Sao Paulo = 13:00-17:00 in Brussels".
 */
export function describeOverlap(overlap: WeeklyOverlap, zoneA: string, zoneB: string): string[] {
  const groups = new Map<string, Set<Weekday>>();
  for (const day of overlap.days) {
    if (day.windows.length === 0) continue;
    const range = (zone: string, w: OverlapWindow) =>
      `${clock(w.start, zone, day.date)}-${clock(w.end, zone, day.date)}`.replace(
        / \((next day|day before)\)-(.*) \(\1\)$/,
        "-$2 ($1)",
      );
    const text = [zoneA, zoneB]
      .map((zone) => `${day.windows.map((w) => range(zone, w)).join(", ")} in ${zoneLabel(zone)}`)
      .join(" = ");
    const days = groups.get(text) ?? new Set<Weekday>();
    days.add(weekdayOf(day.date));
    groups.set(text, days);
  }
  return [...groups].map(([text, days]) => `${formatDays(days)}: ${text}`);
}

export interface Candidate {
  person: Person;
  calendar: WorkingCalendar;
  /** Introductions proposed to them this month that they did not decline. */
  usedThisMonth: number;
  lastProposedAt?: Date;
}

export interface ChoiceInput {
  intern: Person;
  internCalendar: WorkingCalendar;
  candidates: readonly Candidate[];
  /** Colleagues this intern had any introduction with, whatever came of it: never asked twice. */
  alreadyAsked: ReadonlySet<number>;
  metDepartments: ReadonlySet<string>;
  metCountries: ReadonlySet<string>;
  now: Date;
  /** Varies per intern and week, so equally good colleagues take turns. */
  seed: number;
}

export interface RankedCandidate {
  person: Person;
  newDepartment: boolean;
  newCountry: boolean;
  capacityLeft: number;
  overlapMinutes: number;
}

/** A well-mixed 32-bit hash of seed and id: the tie-break between equally good colleagues. */
export function tieBreak(seed: number, id: number): number {
  let h = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul((id | 0) + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Colleagues who may be asked, best first. Eligible: not the intern, never asked for this intern,
 * capacity left this month, at least an hour of shared working time on a typical day. Order: a
 * department the intern has not met, then a country, then whoever was asked least recently, then
 * most capacity left, then a seeded tie-break so the same people are not always first.
 */
export function rankColleagues(input: ChoiceInput): RankedCandidate[] {
  const weekStart = input.internCalendar.localDate(input.now);
  const ranked: (RankedCandidate & { last: number; tie: number })[] = [];
  for (const c of input.candidates) {
    const capacityLeft = c.person.introCapacity - c.usedThisMonth;
    if (c.person.id === input.intern.id || input.alreadyAsked.has(c.person.id) || capacityLeft <= 0) continue;
    const minutes = overlapMinutes(input.internCalendar, c.calendar, weekStart);
    if (minutes < MIN_OVERLAP_MINUTES) continue;
    const department = c.person.department;
    ranked.push({
      person: c.person,
      newDepartment: department !== undefined && !input.metDepartments.has(department),
      newCountry: !input.metCountries.has(c.person.country),
      capacityLeft,
      overlapMinutes: minutes,
      last: c.lastProposedAt?.getTime() ?? Number.NEGATIVE_INFINITY,
      tie: tieBreak(input.seed, c.person.id),
    });
  }
  ranked.sort(
    (x, y) =>
      Number(y.newDepartment) - Number(x.newDepartment) ||
      Number(y.newCountry) - Number(x.newCountry) ||
      (x.last === y.last ? 0 : x.last < y.last ? -1 : 1) ||
      y.capacityLeft - x.capacityLeft ||
      x.tie - y.tie ||
      x.person.id - y.person.id,
  );
  return ranked.map(({ last: _last, tie: _tie, ...rest }) => rest);
}

export function chooseColleague(input: ChoiceInput): Person | undefined {
  return rankColleagues(input)[0]?.person;
}

/** "en" -> "English"; the code itself when the runtime does not know it. */
function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** One line about a person for an introduction: department, country, zone, languages. */
export function profileOf(person: Person): string {
  const parts = [
    person.department ? `${person.department}` : undefined,
    `works from ${countryName(person.country)} (${zoneLabel(person.timezone)} time)`,
    person.languages.length > 0 ? `speaks ${person.languages.map(languageName).join(", ")}` : undefined,
  ];
  return parts.filter((p): p is string => p !== undefined).join(", ");
}
