import type { Logger } from "pino";
import {
  nudgeMessage,
  nudgeSuggestion,
  type SuggestionFacts,
  supervisorRiskNote,
} from "../../domain/copy/nudge.js";
import { neutralizeMentions } from "../../domain/escape.js";
import {
  assessIsolation,
  type IsolationAssessment,
  type IsolationReason,
  reasonText,
  storedInputs,
  thresholdsForCadence,
} from "../../domain/isolation.js";
import { addDays, isoWeek } from "../../domain/local-date.js";
import { isolationKeys } from "../../domain/outbox-keys.js";
import type { LocalDate } from "../../domain/types.js";
import { nextWorkingDayStart } from "../../domain/working-days.js";
import type { OutboxDraft, Store } from "../../ports/store.js";
import { addressed, addresseeFor } from "../cover.js";
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

const safe = neutralizeMentions;

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
    const message = nudgeMessage(
      suggestion(ctx, reason, today, now),
      because,
      assessment.level === "at_risk",
      addresseeFor(ctx, ctx.supervisor, now).name,
    );
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

  /** The nudge's words, with the facts its reason may name (looked up only when it names them). */
  function suggestion(ctx: InternshipContext, reason: IsolationReason, today: LocalDate, now: Date): string {
    // Never suggest calling someone who is away: whoever covers for the supervisor is named instead.
    const contact = addresseeFor(ctx, ctx.supervisor, now);
    const facts: SuggestionFacts = { supervisorName: contact.name, supervisorKey: contact.key };
    if (reason.code === "unanswered_questions") {
      const open = store.replyClocks
        .openFor(ctx.internship.id)
        .filter((c) => c.authorId === ctx.intern.id && isBreachedQuestion(c, now))
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
      const responder = open && store.people.get(ctx.workspace.id, open.responderId);
      if (responder) facts.openQuestionTo = responder.name;
    }
    if (reason.code === "few_colleagues") {
      const department = colleagueDepartment(ctx, today, now);
      if (department) facts.department = department;
    }
    return nudgeSuggestion(reason.code, facts);
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
    // Reasons name the intern as the programme file spells them, neutralised like every echo.
    const subject = { name: safe(ctx.intern.name) };
    const note = supervisorRiskNote(
      ctx.intern.name,
      ctx.intern.key,
      new Set(assessment.reasons.map((r) => r.code)),
      assessment.reasons.map((r) => reasonText(r.code, inputs, subject) ?? r.text),
    );
    // While the supervisor is on leave the backup hears it; the welcome back repeats it on return.
    const { to, words } = addressed(ctx, ctx.supervisor, now);
    return directDraft(
      ctx.workspace,
      to,
      isolationKeys.risk(ctx.internship.id, isoWeek(today)),
      words(note),
      ctx.calendarOf(to).nextWorkingMoment(now),
    );
  }

  return createWakeupRule({ kind: "isolation", store, log: deps.log, evaluate });
}
