/**
 * The traineeship certificate (Erasmus+ Table D) as Tandem drafts it: every claim is something Tandem
 * saw. Plain data; services/certificate/ assembles and renders it.
 */
import type { WorkingCalendar } from "./calendar.js";
import { addDays, daysBetween, weekdayOf } from "./local-date.js";
import type { ReplyFigures } from "./reply-figures.js";
import type { LocalDate } from "./types.js";

/** How the days between two dates were spent, by the intern's calendar. */
export interface DaysAccounted {
  /** Days with contact hours, not a holiday, closure or leave. */
  working: number;
  /** Days with contact hours the intern was on leave. */
  leave: number;
  /** Days with contact hours that were public holidays or company closures. */
  daysOff: number;
}

/** Counts the days from `from` to `to` (both included) that the intern's contact hours cover. */
export function daysAccounted(calendar: WorkingCalendar, from: LocalDate, to: LocalDate): DaysAccounted {
  const days: DaysAccounted = { working: 0, leave: 0, daysOff: 0 };
  for (let d = from, n = 0; d <= to && n <= 3 * 366; d = addDays(d, 1), n++) {
    if (calendar.hours[weekdayOf(d)].length === 0) continue;
    if (calendar.dayOffName(d) !== undefined) days.daysOff += 1;
    else if (!calendar.isWorkingDay(d)) days.leave += 1;
    else days.working += 1;
  }
  return days;
}

export interface CertificateTask {
  title: string;
  due: LocalDate;
  /** The intern's date the supervisor accepted it. */
  acceptedOn: LocalDate | undefined;
  /** How the supervisor said the work is used. */
  feedback: string | undefined;
}

export interface CertificateOutcome {
  key: string;
  description: string;
  /** Titles of the milestones serving it, accepted ones first. */
  milestones: { title: string; accepted: boolean }[];
  /** The supervisor's final rating, once submitted. */
  rating: string | undefined;
}

export interface Certificate {
  internshipKey: string;
  intern: string;
  host: string;
  supervisor: string;
  coordinator: string | undefined;
  title: string | undefined;
  /** The internship's first and last day; `to` is today while it still runs. */
  period: { start: LocalDate; end: LocalDate; to: LocalDate; running: boolean; weeks: number };
  days: DaysAccounted;
  hoursPerWeek: number | undefined;
  tasks: CertificateTask[];
  outcomes: CertificateOutcome[];
  /** The supervisor's final evaluation per criterion, once both sides may read it. */
  evaluation: { criterion: string; rating: number | undefined; comment: string | undefined }[];
  /**
   * The final evaluation: not submitted, or submitted and still blind (the other side not in, the window
   * open until `closes`), or shown.
   */
  finalEvaluation: { state: "not-submitted" } | { state: "blind"; closes: Date } | { state: "shown" };
  /** From this day on the supervisor may confirm the draft: the intern's last working day (the final evaluation's date if later). */
  confirmableFrom: LocalDate;
  monitoring: {
    checkins: { answered: number; partial: number; missed: number };
    /** How fast the company answered the intern, and the intern the company (working hours). */
    replies: { byCompany: ReplyFigures; byIntern: ReplyFigures };
    liveMeetings: number;
    colleaguesMet: number;
    departments: string[];
  };
  /** The newest confirmation: who, when (and that person's date), and whether it is of this draft. */
  confirmation: { by: string; at: Date; on: LocalDate; current: boolean } | undefined;
}

/** Whole weeks from the first day to `to`, counting a started week. */
export function weeksBetween(start: LocalDate, to: LocalDate): number {
  return Math.max(1, Math.ceil((daysBetween(start, to) + 1) / 7));
}
