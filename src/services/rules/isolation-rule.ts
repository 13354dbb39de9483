import type { Logger } from "pino";
import type { WorkingCalendar } from "../../domain/calendar.js";
import {
  nudgeMessage,
  nudgeSuggestions,
  type SuggestionFacts,
  type SupervisorNote,
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
import { isoWeek } from "../../domain/local-date.js";
import { isolationKeys, replyKeys } from "../../domain/outbox-keys.js";
import type { TrackedMessage } from "../../domain/reply-records.js";
import type { LocalDate } from "../../domain/types.js";
import { nextWorkingDayStart } from "../../domain/working-days.js";
import type { OutboxDraft, Store } from "../../ports/store.js";
import { addressed, addresseeFor } from "../cover.js";
import type { InternshipContext } from "../internship-context.js";
import {
  gatherIsolationInputs,
  isBreachedQuestion,
  isIntroNotHeld,
  WINDOW_DAYS,
} from "../isolation-inputs.js";
import { directDraft } from "../notify.js";
import { nudgesTo, riskNotes, within } from "../nudge-history.js";
import type { PlanRule } from "../planner.js";
import { createWakeupRule, type Evaluation } from "./wakeup-rule.js";

const DAY_MS = 86_400_000;
/** A colleague "works your hours" when they share at least this much of the intern's working day. */
const SHARED_HOURS_MS = 60 * 60_000;
/**
 * Nudges go out from this local time on: the morning holds the check-in and its reminder (3h later by
 * default), so a nudge never makes a third message before noon nor arrives on the reminder's heels.
 */
const NUDGE_FROM = "14:00";
/** The same words are not sent to the intern twice within this many days. */
const SAME_TEXT_DAYS = 21;
/** How soon a waiting nudge or note is checked again. */
const RECHECK_MS = 15 * 60_000;
/** Nudges per week and the supervisor's note count over this many days (today included). */
const WEEK_DAYS = 7;

const safe = neutralizeMentions;

/**
 * The isolation signal: computed at the start of each intern working day (and on every later look)
 * and stored per local date. A watch or at-risk level may send the intern one supportive nudge in
 * the afternoon, about the strongest reason that still holds, within the agreed number per week
 * (nudges.perWeek) and never in words sent in the last three weeks; at risk also sends the
 * supervisor a private note, at most one in 7 days. Every look withdraws a waiting nudge or note
 * whose reason no longer holds, and the rule looks again just before each of them goes out.
 */
export function createIsolationRule(deps: { store: Store; log: Logger }): PlanRule {
  const { store } = deps;

  async function evaluate(ctx: InternshipContext, now: Date): Promise<Evaluation> {
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
    let next = nextWorkingDayStart(calendar, now);
    const sooner = (at: Date | undefined) => {
      if (at && at > now && at < next) next = at;
    };
    // Weekends, public holidays and leave: nothing computed, nothing sent.
    const intervals = calendar.workingIntervals(today);
    const dayStart = intervals[0]?.start;
    if (!dayStart) return { drafts: [], next };
    if (now < dayStart) return { drafts: [], next: dayStart };

    const inputs = await gatherIsolationInputs(store, ctx, now);
    const assessment = assessIsolation(inputs, thresholdsForCadence(ctx.terms.syncMeeting));
    const stored = storedInputs(inputs);
    await store.signals.save(workspace.id, {
      internshipId: internship.id,
      date: today,
      level: assessment.level,
      reasons: assessment.reasons,
      inputs: stored,
      computedAt: now,
    });
    const open = await openQuestion(ctx, now);
    const holds = (code: string) =>
      assessment.reasons.some((r) => r.code === code) &&
      (code !== "unanswered_questions" || open !== undefined);
    await withdrawStale(ctx, assessment, holds, now);

    const drafts: OutboxDraft[] = [];
    const notes = within(await riskNotes(store, workspace.id, internship.id, calendar), today, WEEK_DAYS);
    let note: SupervisorNote =
      notes.length === 0 ? "none" : notes.some((n) => n.status === "waiting") ? "queued" : "sent";
    if (assessment.level === "at_risk" && notes.length === 0) {
      const draft = supervisorNote(ctx, assessment, stored, today, now, open !== undefined);
      if (draft) {
        drafts.push(draft);
        note = "queued";
      }
    }
    for (const waiting of notes.filter((n) => n.row.status === "pending")) sooner(waiting.row.notBefore);

    // The nudge is decided at its moment, so what it says is checked when it goes out.
    const dayEnd = intervals.at(-1)!.end;
    const moment = nudgeMoment(calendar, today, dayEnd);
    if (moment && now < moment) sooner(moment);
    else if (moment && now < dayEnd && assessment.level !== "ok" && !assessment.engaged) {
      const atRisk = assessment.level === "at_risk" ? note : "none";
      const nudge = await internNudge(ctx, assessment, holds, stored, today, now, dayEnd, atRisk, open);
      if (nudge) drafts.push(nudge);
    }
    // A nudge still waiting (a retry, a slow dispatcher) is looked at again before it can go out.
    const waiting = (await nudgesTo(store, workspace.id, internship.id, calendar)).some(
      (n) => n.row.status === "pending",
    );
    if (waiting || drafts.length > 0) sooner(new Date(now.getTime() + RECHECK_MS));
    return { drafts, next };
  }

  /** The first working moment from NUDGE_FROM on today; undefined when the day ends before. */
  function nudgeMoment(calendar: WorkingCalendar, today: LocalDate, dayEnd: Date): Date | undefined {
    const moment = calendar.nextWorkingMoment(calendar.atLocalTime(today, NUDGE_FROM));
    return moment < dayEnd && calendar.localDate(moment) === today ? moment : undefined;
  }

  /** The intern's oldest question still open past its due time, if any. */
  async function openQuestion(ctx: InternshipContext, now: Date): Promise<TrackedMessage | undefined> {
    return (await store.replyClocks.openFor(ctx.internship.id))
      .filter((c) => c.authorId === ctx.intern.id && c.closedAt === undefined && isBreachedQuestion(c, now))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
  }

  /** A waiting nudge whose reason went away (or nudges paused), or a note no longer at risk, is withdrawn. */
  async function withdrawStale(
    ctx: InternshipContext,
    assessment: IsolationAssessment,
    holds: (code: string) => boolean,
    now: Date,
  ): Promise<void> {
    const { workspace, internship } = ctx;
    const calendar = ctx.calendarOf(ctx.intern);
    const off = assessment.engaged || !(await nudgesAllowed(ctx, now));
    for (const nudge of await nudgesTo(store, workspace.id, internship.id, calendar)) {
      if (nudge.row.status === "pending" && (off || !(await holds(nudge.code))))
        await store.outbox.cancelPending(workspace.id, nudge.key);
    }
    if (assessment.level === "at_risk") return;
    for (const note of await riskNotes(store, workspace.id, internship.id, calendar)) {
      if (note.row.status === "pending") await store.outbox.cancelPending(workspace.id, note.key);
    }
  }

  async function nudgesAllowed(ctx: InternshipContext, now: Date): Promise<boolean> {
    if (ctx.terms.nudges.perWeek <= 0) return false;
    const pausedUntil = await store.internships.nudgesPausedUntil(ctx.internship.id);
    return !(pausedUntil && pausedUntil > now);
  }

  async function internNudge(
    ctx: InternshipContext,
    assessment: IsolationAssessment,
    holds: (code: string) => boolean,
    inputs: Record<string, number | null>,
    today: LocalDate,
    now: Date,
    dayEnd: Date,
    note: SupervisorNote,
    open: TrackedMessage | undefined,
  ): Promise<OutboxDraft | undefined> {
    const { workspace, internship } = ctx;
    if (!(await nudgesAllowed(ctx, now))) return undefined;
    const calendar = ctx.calendarOf(ctx.intern);
    // Withdrawn ones count for the day: one decision a day, never a second nudge after the first went stale.
    const rows = await store.outbox.withPrefix(workspace.id, isolationKeys.nudgePrefix(internship.id));
    if (rows.some((r) => calendar.localDate(r.sentAt ?? r.notBefore) === today)) return undefined;
    const history = await nudgesTo(store, workspace.id, internship.id, calendar);
    if (within(history, today, WEEK_DAYS).length >= ctx.terms.nudges.perWeek) return undefined;
    const said = new Set(within(history, today, SAME_TEXT_DAYS).map((m) => m.text));
    for (const reason of assessment.reasons) {
      if (!(await holds(reason.code))) continue;
      const key = isolationKeys.nudge(internship.id, reason.code, isoWeek(today));
      if (await store.outbox.get(workspace.id, key)) continue;
      const text = (await suggestions(ctx, reason, today, now, open)).find((t) => !said.has(t));
      if (!text) continue;
      const because = reasonText(reason.code, inputs, "you") ?? reason.text;
      // A nudge that could not go out today is not worth sending tomorrow.
      return directDraft(
        workspace,
        ctx.intern,
        key,
        nudgeMessage(text, because, note, addresseeFor(ctx, ctx.supervisor, now).name),
        now,
        dayEnd,
      );
    }
    return undefined;
  }

  /** The nudge's possible words, with the facts its reason may name (looked up only when it names them). */
  async function suggestions(
    ctx: InternshipContext,
    reason: IsolationReason,
    today: LocalDate,
    now: Date,
    open: TrackedMessage | undefined,
  ): Promise<string[]> {
    // Never suggest calling someone who is away: whoever covers for the supervisor is named instead.
    const contact = addresseeFor(ctx, ctx.supervisor, now);
    const facts: SuggestionFacts = { supervisorName: contact.name, supervisorKey: contact.key };
    if (reason.code === "unanswered_questions" && open) {
      const responder = await store.people.get(ctx.workspace.id, open.responderId);
      if (responder) facts.openQuestionTo = responder.name;
      const reminders = await Promise.all(
        [replyKeys.warning(open.id), replyKeys.breach(open.id)].map((key) =>
          store.outbox.get(ctx.workspace.id, key),
        ),
      );
      facts.openQuestionReminded = reminders.some((row) => row?.status === "sent");
    }
    if (reason.code === "intro_not_held") {
      const colleague = await notHeldColleague(ctx, now);
      if (colleague) facts.introColleague = colleague;
    }
    if (reason.code === "few_colleagues") {
      const department = await colleagueDepartment(ctx, today, now);
      if (department) facts.department = department;
    }
    return nudgeSuggestions(reason.code, facts);
  }

  /** The colleague of the oldest agreed introduction that has not taken place. */
  async function notHeldColleague(ctx: InternshipContext, now: Date): Promise<string | undefined> {
    const intro = (await store.introductions.forInternship(ctx.internship.id))
      .filter((i) => isIntroNotHeld(i, now))
      .sort(
        (a, b) => (a.respondedAt ?? a.proposedAt).getTime() - (b.respondedAt ?? b.proposedAt).getTime(),
      )[0];
    return intro && (await store.people.get(ctx.workspace.id, intro.colleagueId))?.name;
  }

  /** The department of an opted-in colleague the intern has not talked to lately who shares their hours today. */
  async function colleagueDepartment(
    ctx: InternshipContext,
    today: LocalDate,
    now: Date,
  ): Promise<string | undefined> {
    const { internship, intern } = ctx;
    const recent = new Set(
      (
        await store.activity.exchangesSince(internship.id, new Date(now.getTime() - WINDOW_DAYS * DAY_MS))
      ).map((e) => e.personId),
    );
    const introduced = new Set(
      (await store.introductions.forInternship(internship.id)).map((i) => i.colleagueId),
    );
    const intervals = ctx.calendarOf(intern).workingIntervals(today);
    const candidates = (await store.people.colleagues(ctx.workspace.id))
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

  /** At risk: the supervisor hears privately (a direct message, never a channel), at most once in 7 days. */
  function supervisorNote(
    ctx: InternshipContext,
    assessment: IsolationAssessment,
    inputs: Record<string, number | null>,
    today: LocalDate,
    now: Date,
    questionOpen: boolean,
  ): OutboxDraft | undefined {
    // Reasons name the intern as the programme file spells them, neutralised like every echo.
    const subject = { name: safe(ctx.intern.name) };
    const note = supervisorRiskNote(
      ctx.intern.name,
      ctx.intern.key,
      new Set(assessment.reasons.map((r) => r.code)),
      assessment.reasons.map((r) => reasonText(r.code, inputs, subject) ?? r.text),
      questionOpen,
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
