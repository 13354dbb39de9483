import type { Logger } from "pino";
import { neutralizeMentions } from "../../domain/escape.js";
import {
  assessIsolation,
  type IsolationAssessment,
  type IsolationReason,
  reasonText,
  storedInputs,
  thresholdsForCadence,
} from "../../domain/isolation.js";
import { addDays } from "../../domain/local-date.js";
import type { OutboundMessage } from "../../domain/messages.js";
import { isoWeek } from "../../domain/milestone-followup.js";
import type { LocalDate } from "../../domain/types.js";
import type { OutboxDraft, Store } from "../../ports/store.js";
import { nextWorkingDayStart } from "../delivery-policy.js";
import type { InternshipContext } from "../internship-context.js";
import { gatherIsolationInputs, isBreachedQuestion, WINDOW_DAYS } from "../isolation-inputs.js";
import { directDraft } from "../notify.js";
import type { PlanRule } from "../planner.js";
import { createWakeupRule, type Evaluation } from "./wakeup-rule.js";

const DAY_MS = 86_400_000;
/** A reason is not raised with the intern again within this long (on top of once per ISO week). */
const REASON_QUIET_MS = 7 * DAY_MS;
/** A colleague "works your hours" when they share at least this much of the intern's working day. */
const SHARED_HOURS_MS = 60 * 60_000;

export const isolationKeys = {
  nudge: (internshipId: number, code: string, week: string) => `nudge:${internshipId}:${code}:${week}`,
  risk: (internshipId: number, week: string) => `isolation-risk:${internshipId}:${week}`,
};

const safe = neutralizeMentions;
const HINT = 'Type "why" to see everything this is based on, or "pause nudges 1w" to pause these messages.';

/**
 * The isolation signal: computed once per intern working day at the start of their day and stored
 * per local date; a watch or at-risk level sends the intern one supportive nudge about the strongest
 * reason not raised in the last 7 days, and at risk also a private note to the supervisor.
 * Later looks the same day (after a `met`, a leave change) refresh the signal but send nothing.
 */
export function createIsolationRule(deps: { store: Store; log: Logger }): PlanRule {
  const { store } = deps;

  function evaluate(ctx: InternshipContext, now: Date): Evaluation {
    const { internship, workspace } = ctx;
    const calendar = ctx.calendarOf(ctx.intern);
    const today = calendar.localDate(now);
    if (today > internship.end) return { drafts: [], next: undefined };
    if (today < internship.start) {
      return {
        drafts: [],
        next: calendar.nextWorkingMoment(calendar.atLocalTime(internship.start, "00:00")),
      };
    }
    const next = nextWorkingDayStart(calendar, now);
    // Weekends, public holidays and leave: nothing computed, nothing sent.
    const intervals = calendar.workingIntervals(today);
    const dayStart = intervals[0]?.start;
    if (!dayStart) return { drafts: [], next };
    if (now < dayStart) return { drafts: [], next: dayStart };

    const firstLookToday = store.signals.latest(internship.id)?.date !== today;
    const inputs = gatherIsolationInputs(store, ctx, now);
    const assessment = assessIsolation(inputs, thresholdsForCadence(ctx.terms.syncMeeting));
    const stored = storedInputs(inputs);
    store.signals.save(workspace.id, {
      internshipId: internship.id,
      date: today,
      level: assessment.level,
      reasons: assessment.reasons,
      inputs: stored,
      computedAt: now,
    });
    if (!firstLookToday || assessment.level === "ok") return { drafts: [], next };
    const dayEnd = intervals.at(-1)!.end;
    const drafts = [
      // Computed after the intern's day (Tandem was down): the nudge waits for a day it can arrive on.
      now < dayEnd ? internNudge(ctx, assessment, stored, today, now, dayEnd) : undefined,
      assessment.level === "at_risk" ? supervisorNote(ctx, assessment, stored, today, now) : undefined,
    ].filter((d): d is OutboxDraft => d !== undefined);
    return { drafts, next };
  }

  /** Queued this ISO week, or within the last 7 days in the week before. */
  function nudgedRecently(ctx: InternshipContext, code: string, today: LocalDate, now: Date): boolean {
    const { workspace, internship } = ctx;
    if (store.outbox.get(workspace.id, isolationKeys.nudge(internship.id, code, isoWeek(today)))) return true;
    const before = store.outbox.get(
      workspace.id,
      isolationKeys.nudge(internship.id, code, isoWeek(addDays(today, -7))),
    );
    if (!before || before.status === "expired" || before.status === "dead") return false;
    return now.getTime() - (before.sentAt ?? before.notBefore).getTime() < REASON_QUIET_MS;
  }

  function internNudge(
    ctx: InternshipContext,
    assessment: IsolationAssessment,
    inputs: Record<string, number | null>,
    today: LocalDate,
    now: Date,
    dayEnd: Date,
  ): OutboxDraft | undefined {
    const pausedUntil = store.internships.nudgesPausedUntil(ctx.internship.id);
    if (pausedUntil && pausedUntil > now) return undefined;
    const reason = assessment.reasons.find((r) => !nudgedRecently(ctx, r.code, today, now));
    if (!reason) return undefined;
    const because = reasonText(reason.code, inputs, "you") ?? reason.text;
    const alsoSupervisor =
      assessment.level === "at_risk"
        ? ` ${safe(ctx.supervisor.name)} gets a short private note this week too, so they can make time for you.`
        : "";
    const message: OutboundMessage = {
      text: suggestion(ctx, reason, today, now),
      reason: `Because ${because}.${alsoSupervisor} ${HINT}`,
    };
    // A nudge that could not go out today is not worth sending tomorrow.
    return directDraft(
      ctx.workspace,
      ctx.intern,
      isolationKeys.nudge(ctx.internship.id, reason.code, isoWeek(today)),
      message,
      now,
      dayEnd,
    );
  }

  /** The nudge itself: one concrete next step for the reason, in the intern's words. */
  function suggestion(ctx: InternshipContext, reason: IsolationReason, today: LocalDate, now: Date): string {
    const sup = safe(ctx.supervisor.name);
    const idea = "A small idea for this week:";
    const metHint = `Type "met @${safe(ctx.supervisor.key)}" afterwards so I know.`;
    switch (reason.code) {
      case "quiet":
        return `${idea} post a short update in your team's channel, like what you are working on or a question. Small messages keep people close to your work.`;
      case "missed_checkins":
        return `${idea} answer the daily check-in, even with one line; type "checkin" whenever it suits you. It keeps ${sup} in the loop without a meeting.`;
      case "low_connectedness":
      case "falling_connectedness":
        return `${idea} propose a short call with ${sup} in your next message. Feeling far from the team is common in a remote internship, and a call often helps. ${metHint}`;
      case "unanswered_questions": {
        const open = store.replyClocks
          .openFor(ctx.internship.id)
          .filter((c) => c.authorId === ctx.intern.id && isBreachedQuestion(c, now))
          .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
        const responder = open && store.people.get(ctx.workspace.id, open.responderId);
        return responder
          ? `Your question to ${safe(responder.name)} is still open past the agreed reply time: they have been reminded. If it holds you up, mention it in your check-in.`
          : "Some of your questions waited longer than agreed for an answer. That is not on you: keep asking; Tandem reminds people when a reply is late.";
      }
      case "intro_not_held":
        return 'An introduction you accepted has not taken place yet. A short message proposing two times usually does it; type "intro status" to see it.';
      case "no_meeting":
        return `${idea} propose a short call with ${sup}, even 15 minutes. ${metHint}`;
      case "few_colleagues": {
        const department = colleagueDepartment(ctx, today, now);
        return department
          ? `A colleague in ${safe(department)} works some of your hours and is happy to meet interns. Type "intro status" to see your introductions, or ask ${sup} to introduce you.`
          : `${idea} talk with someone new; a few different people show you how the company works. Type "intro status" to see your introductions, or ask ${sup} who you could meet.`;
      }
    }
  }

  /** The department of an opted-in colleague the intern has not talked to lately who shares their hours today. */
  function colleagueDepartment(ctx: InternshipContext, today: LocalDate, now: Date): string | undefined {
    const { internship, intern } = ctx;
    const recent = new Set(
      store.activity
        .exchangesSince(internship.id, new Date(now.getTime() - WINDOW_DAYS * DAY_MS))
        .map((e) => e.personId),
    );
    const introduced = new Set(store.introductions.forInternship(internship.id).map((i) => i.colleagueId));
    const intervals = ctx.calendarOf(intern).workingIntervals(today);
    const candidates = store.people
      .colleagues(ctx.workspace.id)
      .filter((p) => p.department && p.id !== intern.id && !recent.has(p.id) && !introduced.has(p.id))
      .sort((a, b) => a.department!.localeCompare(b.department!) || a.id - b.id);
    for (const person of candidates) {
      try {
        const calendar = ctx.calendarOf(person);
        const shared = intervals.reduce((ms, iv) => ms + calendar.workingTimeBetween(iv.start, iv.end), 0);
        if (shared >= SHARED_HOURS_MS) return person.department;
      } catch {
        // A colleague with broken calendar data is simply not suggested.
      }
    }
    return undefined;
  }

  /** At risk: the supervisor hears privately (a direct message, never a channel), once a week. */
  function supervisorNote(
    ctx: InternshipContext,
    assessment: IsolationAssessment,
    inputs: Record<string, number | null>,
    today: LocalDate,
    now: Date,
  ): OutboxDraft | undefined {
    const intern = safe(ctx.intern.name);
    const subject = { name: intern };
    const codes = new Set(assessment.reasons.map((r) => r.code));
    const actions = [
      `schedule a short call with ${intern} this week (afterwards type "met @${safe(ctx.intern.key)}")`,
    ];
    if (codes.has("few_colleagues") || codes.has("intro_not_held"))
      actions.push(`introduce ${intern} to a colleague from another department`);
    if (codes.has("unanswered_questions"))
      actions.push(`make sure ${intern}'s waiting question gets an answer`);
    if (codes.has("missed_checkins") || codes.has("low_connectedness") || codes.has("falling_connectedness"))
      actions.push(`ask ${intern} privately how things are going`);
    const lines = [
      `${intern} could use some extra contact this week: Tandem's connection signal is at risk, because`,
      ...assessment.reasons.map((r) => `• ${reasonText(r.code, inputs, subject) ?? r.text}`),
      "Suggested:",
      ...actions.map((a) => `• ${a}`),
    ];
    const calendar = ctx.calendarOf(ctx.supervisor);
    return directDraft(
      ctx.workspace,
      ctx.supervisor,
      isolationKeys.risk(ctx.internship.id, isoWeek(today)),
      {
        text: lines.join("\n"),
        reason: `Because you supervise ${intern}; you get this note at most once a week while the signal stays at risk. ${intern} gets supportive nudges and sees the same reasons with "why".`,
      },
      calendar.nextWorkingMoment(now),
    );
  }

  return createWakeupRule({ kind: "isolation", store, log: deps.log, evaluate });
}
