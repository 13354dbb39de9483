import type { Logger } from "pino";
import { checkinWindow } from "../../domain/checkin-schedule.js";
import { type Checkin, missedStreak } from "../../domain/checkins.js";
import { checkinPrompt, checkinReminder, missedStreakNotice } from "../../domain/copy/checkin.js";
import { checkinDaysSummary } from "../../domain/copy/checkin-summary.js";
import { parseDuration } from "../../domain/duration.js";
import { addDays } from "../../domain/local-date.js";
import { isSlipping } from "../../domain/milestones.js";
import { checkinKeys, welcomeKeys } from "../../domain/outbox-keys.js";
import type { LocalDate } from "../../domain/types.js";
import { startOfNextDay } from "../../domain/working-days.js";
import type { OutboxDraft, Store } from "../../ports/store.js";
import { addressed } from "../cover.js";
import type { InternshipContext } from "../internship-context.js";
import { directDraft } from "../notify.js";
import { nudgesTo } from "../nudge-history.js";
import type { PlanRule } from "../planner.js";
import { createWakeupRule, type Evaluation } from "./wakeup-rule.js";

/** Missed check-ins in a row that make the supervisor hear about it (again at 6, 9, ...). */
export const MISSED_STREAK = 3;
/**
 * Days after a check-in day that its summary (or missed-check-ins note) is still worth reading: by then
 * the weekly digest has counted that week, and a summary two weeks late (an outage, a reader away with
 * nobody covering and no newer day to fold it into) tells nothing anyone can act on.
 */
const SUMMARY_LIFETIME_DAYS = 7;
/**
 * How often to look whether a queued prompt went out, while it waits in the outbox. The dispatcher wakes
 * the rule when it has handled the prompt (see wakeCheckins), so this only covers what it cannot see, such
 * as a replica that died after sending: polling every minute re-examined every waiting prompt of a fan-out
 * each minute until it was sent.
 */
const DELIVERY_POLL_MS = 15 * 60_000;

const earliest = (...dates: (Date | undefined)[]) =>
  new Date(Math.min(...dates.filter((d): d is Date => d !== undefined).map((d) => d.getTime())));

/**
 * Daily check-ins: the prompt once per intern and local date, inside that day's window; one reminder;
 * at the end of the intern's day, missed or answered is settled and the supervisor hears about it.
 */
export function createCheckinRule(deps: { store: Store; log: Logger }): PlanRule {
  const { store } = deps;

  /**
   * Withdraws what waits unsent under `prefix` (in the outbox, or among `queued`, this look's drafts not
   * written yet): it is folded into, or replaced by, a newer message. Returns the withdrawn keys.
   */
  async function withdrawWaiting(ctx: InternshipContext, prefix: string, queued: OutboxDraft[]) {
    const withdrawn: string[] = [];
    for (const row of await store.outbox.withPrefix(ctx.workspace.id, prefix)) {
      if (row.status === "pending" && (await store.outbox.cancelPending(ctx.workspace.id, row.key)) > 0)
        withdrawn.push(row.key);
    }
    for (let i = queued.length - 1; i >= 0; i--) {
      if (queued[i]!.key.startsWith(prefix)) withdrawn.push(...queued.splice(i, 1).map((d) => d.key));
    }
    return withdrawn;
  }

  /**
   * The earlier days a summary for `date` covers: none, unless a summary still waits unread (it is
   * withdrawn); then every closed day since the last summary that reached the reader (a folded summary
   * covered those too).
   */
  async function foldedDays(ctx: InternshipContext, date: LocalDate, queued: OutboxDraft[]) {
    const prefix = checkinKeys.summaryPrefix(ctx.internship.id);
    const withdrawn = await withdrawWaiting(ctx, prefix, queued);
    if (withdrawn.length === 0) return [];
    const read = (await store.outbox.withPrefix(ctx.workspace.id, prefix))
      .filter((row) => row.status === "sent" || row.status === "sending" || row.status === "dead")
      .map((row) => row.key.slice(prefix.length))
      .filter((day) => day < date)
      .sort()
      .at(-1);
    const from = read ? addDays(read, 1) : ctx.internship.start;
    return (await store.checkins.between(ctx.internship.id, from, addDays(date, -1))).filter(
      (day) => day.status === "answered" || day.status === "partial" || day.status === "missed",
    );
  }

  /**
   * Closes a past day: never delivered = skipped, unanswered = missed; queues the summary and streak alert.
   * `queued`: this look's drafts so far, where a summary or streak alert this one replaces may still be.
   */
  async function settle(
    ctx: InternshipContext,
    checkin: Checkin,
    closedAt: Date,
    now: Date,
    queued: OutboxDraft[],
  ): Promise<OutboxDraft[]> {
    const delivered =
      checkin.status === "sent" ||
      (checkin.status === "due" &&
        (await store.outbox.get(ctx.workspace.id, checkinKeys.prompt(ctx.internship.id, checkin.date)))
          ?.status === "sent");
    const open = checkin.status === "due" || checkin.status === "sent";
    const status = !open ? checkin.status : delivered ? "missed" : "skipped";
    if (!(await store.checkins.settle(checkin.id, status, now))) return [];
    if (status === "skipped") return [];
    // While the supervisor is on leave the backup reads the summaries and streak alerts.
    const { to, words } = addressed(ctx, ctx.supervisor, now);
    const readerCalendar = ctx.calendarOf(to);
    const notBefore = readerCalendar.nextWorkingMoment(new Date(Math.max(now.getTime(), closedAt.getTime())));
    const expiresAt = readerCalendar.atLocalTime(addDays(checkin.date, SUMMARY_LIFETIME_DAYS + 1), "00:00");
    const drafts: (OutboxDraft | undefined)[] = [];
    const settled = { ...checkin, status };
    const streak =
      status === "missed" ? missedStreak(await store.checkins.recent(ctx.internship.id, 30)) : [];
    const streakDue = streak.length > 0 && streak.length % MISSED_STREAK === 0;
    if (ctx.terms.checkIn.summary === "daily") {
      const slipping = (await store.milestones.listFor(ctx.internship.id)).filter(isSlipping);
      // A blocker still waiting for the same reader would arrive with the summary, which carries it:
      // one message, not two about the same thing (Ana's afternoon is Bram's evening).
      for (const waiting of await store.outbox.withPrefix(
        ctx.workspace.id,
        checkinKeys.blockerPrefix(checkin.id),
      )) {
        if (waiting.status === "pending" && waiting.recipientId === to.id && waiting.notBefore >= notBefore)
          await store.outbox.cancelPending(ctx.workspace.id, waiting.key);
      }
      // A summary still waiting for its reader is folded into this one: one waits at a time, and a
      // supervisor back from leave or over the budget reads one message, not one a day.
      const earlier = await foldedDays(ctx, checkin.date, queued);
      // The missed-check-ins note names this day too: a summary that only says "did not answer" would
      // be a second message about the same thing, at the same moment.
      if (!(streakDue && earlier.length === 0 && slipping.length === 0)) {
        drafts.push(
          directDraft(
            ctx.workspace,
            to,
            checkinKeys.summary(ctx.internship.id, checkin.date),
            words(checkinDaysSummary(ctx.intern, [...earlier, settled], slipping)),
            notBefore,
            expiresAt,
          ),
        );
      }
    }
    if (streakDue) {
      const shown = streak.slice(-MISSED_STREAK);
      // "The last 3" of an older alert still waiting is no longer true: this one replaces it.
      await withdrawWaiting(ctx, checkinKeys.missedStreakPrefix(ctx.internship.id), queued);
      drafts.push(
        directDraft(
          ctx.workspace,
          to,
          checkinKeys.missedStreak(ctx.internship.id, checkin.date),
          words(missedStreakNotice(ctx.intern, shown, await nudgedAbout(ctx, shown[0]!))),
          notBefore,
          expiresAt,
        ),
      );
    }
    return drafts.filter((d): d is OutboxDraft => d !== undefined);
  }

  /** The day the intern got a nudge about missed check-ins, from `since` on (what Tandem really said). */
  async function nudgedAbout(ctx: InternshipContext, since: LocalDate): Promise<LocalDate | undefined> {
    return (await nudgesTo(store, ctx.workspace.id, ctx.internship.id, ctx.calendarOf(ctx.intern)))
      .filter((n) => n.status === "sent" && n.code === "missed_checkins" && n.date >= since)
      .at(-1)?.date;
  }

  async function evaluate(ctx: InternshipContext, now: Date): Promise<Evaluation> {
    const { internship, intern, terms } = ctx;
    const calendar = ctx.calendarOf(intern);
    const today = calendar.localDate(now);
    const drafts: OutboxDraft[] = [];
    // Days that ended while Tandem was down are closed first.
    for (const earlier of await store.checkins.unsettledBefore(internship.id, today)) {
      const closedAt = checkinWindow(calendar, terms.checkIn, earlier.date)?.closesAt ?? now;
      drafts.push(...(await settle(ctx, earlier, closedAt, now, drafts)));
    }
    if (today < internship.start) return { drafts, next: calendar.atLocalTime(internship.start, "00:00") };
    if (today > internship.end) return { drafts, next: undefined };
    const tomorrow = startOfNextDay(calendar, today);
    const window = checkinWindow(calendar, terms.checkIn, today);
    const checkin = await store.checkins.get(internship.id, today);
    if (!window) return { drafts, next: tomorrow };

    if (!checkin) {
      if (now < window.sendAt) return { drafts, next: window.sendAt };
      if (now >= window.closesAt) {
        // Down all day: the day is skipped, never sent in the evening.
        await store.checkins.create(ctx.workspace.id, internship.id, today, "skipped", now);
        return { drafts, next: tomorrow };
      }
      await store.checkins.create(ctx.workspace.id, internship.id, today, "due", now);
      const prompt = directDraft(
        ctx.workspace,
        intern,
        checkinKeys.prompt(internship.id, today),
        checkinPrompt(intern, today, terms.checkIn),
        now,
        window.closesAt,
      );
      if (prompt) drafts.push(prompt);
      return { drafts, next: new Date(now.getTime() + DELIVERY_POLL_MS) };
    }

    if (now >= window.closesAt) {
      drafts.push(...(await settle(ctx, checkin, window.closesAt, now, drafts)));
      return { drafts, next: tomorrow };
    }
    let current = checkin;
    if (checkin.status === "due") {
      const prompt = await store.outbox.get(ctx.workspace.id, checkinKeys.prompt(internship.id, today));
      if (prompt?.status === "sent") {
        await store.checkins.setStatus(checkin.id, "sent", prompt.sentAt);
        // What setStatus wrote, without reading the row again (a round trip per check-in on PostgreSQL).
        current = { ...checkin, status: "sent", sentAt: prompt.sentAt ?? checkin.sentAt };
      } else if (prompt?.status === "expired" || prompt?.status === "dead" || !prompt) {
        await store.checkins.settle(checkin.id, "skipped", now);
        return { drafts, next: tomorrow };
      } else return { drafts, next: earliest(new Date(now.getTime() + DELIVERY_POLL_MS), window.closesAt) };
    }
    // A welcome day carries the welcome and the check-in at most: no reminder on the intern's first day.
    if (current.status === "sent" && current.sentAt && !(await welcomedToday(ctx, today))) {
      const remindAt = calendar.addWorkingTime(current.sentAt, parseDuration(terms.checkIn.reminderAfter));
      if (now >= remindAt && remindAt < window.closesAt) {
        const reminder = directDraft(
          ctx.workspace,
          intern,
          checkinKeys.reminder(internship.id, today),
          checkinReminder(intern, today, terms.checkIn),
          now,
          window.closesAt,
        );
        if (reminder) drafts.push(reminder);
      } else if (remindAt < window.closesAt) {
        return { drafts, next: remindAt };
      }
    }
    return { drafts, next: window.closesAt };
  }

  async function welcomedToday(ctx: InternshipContext, today: LocalDate): Promise<boolean> {
    const key = welcomeKeys.person(ctx.internship.id, ctx.intern.id);
    const sentAt = (await store.outbox.get(ctx.workspace.id, key))?.sentAt;
    return sentAt !== undefined && ctx.calendarOf(ctx.intern).localDate(sentAt) === today;
  }

  return createWakeupRule({ kind: "checkin", store, log: deps.log, evaluate });
}
