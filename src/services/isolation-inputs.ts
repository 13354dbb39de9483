/**
 * Gathers the isolation signal's inputs for one internship at `now`, from stored metadata only.
 * Anything Tandem has not seen yet is null ("unknown"), never zero: a missing fact must not look
 * like a good (or a bad) one.
 */
import {
  connectednessTrend,
  type IsolationInputs,
  recentConnectedness,
  SYNC_CADENCE_DAYS,
} from "../domain/isolation.js";
import { addDays, daysBetween } from "../domain/local-date.js";
import { welcomeKeys } from "../domain/outbox-keys.js";
import type { Introduction } from "../domain/records.js";
import type { TrackedMessage } from "../domain/reply-records.js";
import type { LocalDate } from "../domain/types.js";
import { workingDaysBefore, workingDaysBetween } from "../domain/working-days.js";
import type { Store } from "../ports/store.js";
import type { InternshipContext } from "./internship-context.js";

const DAY_MS = 86_400_000;
/** The window for questions and colleagues: two weeks. */
export const WINDOW_DAYS = 14;
/** Check-ins looked at for the missed count. */
const CHECKIN_DAYS = 5;
/** Connectedness answers looked at for the trend (about four working weeks). */
const SCORE_HISTORY = 20;
/** An accepted introduction still not held after this long counts as not held. */
const STALE_INTRO_DAYS = 21;
/** A breach of a question the intern asked: still open past its due time, or answered late. */
export function isBreachedQuestion(clock: TrackedMessage, now: Date): boolean {
  if (clock.direction !== "to_company") return false;
  if (clock.closedAt === undefined) return clock.dueAt.getTime() <= now.getTime();
  const answered = clock.closeReason === "reply" || clock.closeReason === "reaction";
  return answered && clock.replyMs !== undefined && clock.replyMs > clock.allowedMs;
}

/** An introduction the colleague agreed to that did not take place: said so, or still not held after 3 weeks. */
export function isIntroNotHeld(intro: Introduction, now: Date): boolean {
  const staleBefore = now.getTime() - STALE_INTRO_DAYS * DAY_MS;
  return (
    intro.status === "not_held" ||
    (intro.status === "accepted" && (intro.respondedAt ?? intro.proposedAt).getTime() <= staleBefore)
  );
}

/**
 * Whether Tandem sees the internship's conversations at all: the intern or a company member of the
 * internship wrote in one, or an exchange was recorded. Without that, activity-based inputs are unknown.
 */
async function conversationsTracked(store: Store, ctx: InternshipContext): Promise<boolean> {
  const { internship } = ctx;
  const people = [ctx.intern, ctx.supervisor, ctx.backupSupervisor, ctx.coordinator];
  for (const p of people) {
    if (p && (await store.activity.lastBy(internship.id, p.id)) !== undefined) return true;
  }
  return (await store.activity.exchangesSince(internship.id, new Date(0))).length > 0;
}

/**
 * The intern's latest sign of contact with the company, not only a message in a tracked channel: an
 * answered check-in (written to the supervisor, who reads it), a live meeting logged, a milestone she
 * logged or moved in her chat with Tandem. Each is the intern reaching the people she works with, so
 * each counts as a full day of contact; quiet is about silence, not about which channel she uses.
 */
async function lastSignOfContact(
  store: Store,
  ctx: InternshipContext,
  lastMessage: Date | undefined,
  now: Date,
): Promise<Date | undefined> {
  const { internship, intern } = ctx;
  const answered = (await store.checkins.recent(internship.id, CHECKIN_DAYS * 2)).map((c) =>
    c.status === "answered" || c.status === "partial" ? c.answeredAt : undefined,
  );
  const meeting = (await store.activity.lastMeeting(internship.id))?.at;
  const milestones = (await store.milestones.listFor(internship.id))
    .filter((m) => m.createdBy === intern.id)
    .map((m) => m.createdAt);
  const times = [lastMessage, meeting, ...answered, ...milestones]
    .filter((t): t is Date => t !== undefined && t.getTime() <= now.getTime())
    .map((t) => t.getTime());
  return times.length === 0 ? undefined : new Date(Math.max(...times));
}

/**
 * The day Tandem began watching this internship: the internship's start, or the day Tandem welcomed the
 * intern when that came later (an internship added while it runs). A welcome still waiting means Tandem
 * has watched nothing before today. No period counted from here can be longer than Tandem has seen.
 */
async function watchedFrom(store: Store, ctx: InternshipContext, today: LocalDate): Promise<LocalDate> {
  const { internship, intern } = ctx;
  const welcome = await store.outbox.get(
    internship.workspaceId,
    welcomeKeys.person(internship.id, intern.id),
  );
  if (!welcome) return internship.start;
  const welcomed = welcome.sentAt ? ctx.calendarOf(intern).localDate(welcome.sentAt) : today;
  return [welcomed, internship.start].sort().at(-1)!;
}

export async function gatherIsolationInputs(
  store: Store,
  ctx: InternshipContext,
  now: Date,
): Promise<IsolationInputs> {
  const { internship, intern } = ctx;
  const calendar = ctx.calendarOf(intern);
  const today = calendar.localDate(now);
  const twoWeeksAgo = new Date(now.getTime() - WINDOW_DAYS * DAY_MS);
  const tracked = await conversationsTracked(store, ctx);
  const lastMessage = await store.activity.lastBy(internship.id, intern.id);
  const lastContact = await lastSignOfContact(store, ctx, lastMessage, now);
  const since = await watchedFrom(store, ctx, today);

  // Quiet: since the intern's last sign of contact; none while others wrote: since the start.
  let quietWorkingDays: number | null = null;
  if (lastContact) quietWorkingDays = workingDaysBetween(calendar, calendar.localDate(lastContact), today);
  else if (tracked) quietWorkingDays = workingDaysBetween(calendar, addDays(since, -1), today);

  // Missed check-ins: only days a check-in was actually asked count; none asked is unknown.
  const checkinFrom = workingDaysBefore(calendar, today, CHECKIN_DAYS);
  const asked = (await store.checkins.between(internship.id, checkinFrom, addDays(today, -1))).filter(
    (c) => c.status !== "skipped" && c.status !== "due",
  );
  const missedCheckins = asked.length === 0 ? null : asked.filter((c) => c.status === "missed").length;

  // Connectedness scores, oldest first.
  const scores = (await store.checkins.recent(internship.id, SCORE_HISTORY))
    .filter((c) => c.connectedness !== undefined)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((c) => c.connectedness!);

  // Questions the intern asked that waited too long; unknown while the intern never wrote anywhere tracked.
  const breachedQuestions = lastMessage
    ? (await store.replyClocks.since(internship.id, twoWeeksAgo)).filter(
        (c) => c.authorId === intern.id && isBreachedQuestion(c, now),
      ).length
    : null;

  // Introductions: unknown until one was accepted.
  const introductions = await store.introductions.forInternship(internship.id);
  const accepted = introductions.filter(
    (i) => i.status === "accepted" || i.status === "held" || i.status === "not_held",
  );
  const introductionsNotHeld =
    accepted.length === 0 ? null : accepted.filter((i) => isIntroNotHeld(i, now)).length;

  // Live meetings: `met`, or a held introduction. Never met: days since the start, once a cadence has passed.
  const held = introductions
    .filter((i) => i.status === "held")
    .map((i) => (i.metAnswerAt ?? i.respondedAt ?? i.proposedAt).getTime());
  const meetingTimes = [(await store.activity.lastMeeting(internship.id))?.at.getTime(), ...held].filter(
    (t): t is number => t !== undefined && t <= now.getTime(),
  );
  // Never "no meeting in N days" for more days than Tandem has watched.
  const age = daysBetween(since, today);
  let daysSinceMeeting: number | null = null;
  if (meetingTimes.length > 0) {
    daysSinceMeeting = daysBetween(calendar.localDate(new Date(Math.max(...meetingTimes))), today);
  } else if (age >= SYNC_CADENCE_DAYS[ctx.terms.syncMeeting]) {
    daysSinceMeeting = age;
  }

  // Colleagues: unknown before two full weeks of internship, or when no conversation is tracked.
  const colleaguesInTwoWeeks =
    tracked && age >= WINDOW_DAYS
      ? new Set(
          (await store.activity.exchangesSince(internship.id, twoWeeksAgo))
            .filter((e) => e.personId !== intern.id && e.at.getTime() <= now.getTime())
            .map((e) => e.personId),
        ).size
      : null;

  return {
    quietWorkingDays,
    missedCheckins,
    connectednessTrend: connectednessTrend(scores),
    recentConnectedness: recentConnectedness(scores),
    breachedQuestions,
    introductionsNotHeld,
    daysSinceMeeting,
    colleaguesInTwoWeeks,
  };
}
