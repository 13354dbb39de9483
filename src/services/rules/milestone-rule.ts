import type { Logger } from "pino";
import type { WorkingCalendar } from "../../domain/calendar.js";
import {
  acceptReminderMessage,
  overdueInternMessage,
  overdueSupervisorMessage,
  reminderMessage,
} from "../../domain/copy/milestone.js";
import { addDays } from "../../domain/local-date.js";
import {
  ACCEPT_WAIT_WORKING_DAYS,
  isOpen,
  lastEntry,
  overdueAlertDay,
  reminderDay,
} from "../../domain/milestone-followup.js";
import type { Milestone } from "../../domain/milestones.js";
import { milestoneKeys } from "../../domain/outbox-keys.js";
import type { LocalDate } from "../../domain/types.js";
import { startOfNextDay } from "../../domain/working-days.js";
import type { OutboxDraft, Store } from "../../ports/store.js";
import { addressed, addresseeFor } from "../cover.js";
import type { InternshipContext } from "../internship-context.js";
import { outcomesOfMilestone, withOutcomes } from "../milestone-outcomes.js";
import { directDraft } from "../notify.js";
import type { PlanRule } from "../planner.js";
import { outcomeGapDraft } from "./outcome-gap.js";
import { createWakeupRule, type Evaluation } from "./wakeup-rule.js";

/** Overdue alerts go on a little after the internship ends: a final report is often late by days. */
const GRACE_DAYS = 28;
/** Whole contact days of the supervisor ("d" durations), so Friday 14:00 waits until Tuesday 14:00. */
const ACCEPT_WAIT = { amount: ACCEPT_WAIT_WORKING_DAYS, unit: "d" } as const;

/** The end of a day's last working interval, or of the whole day when it has none. */
function endOfWorkingDay(calendar: WorkingCalendar, date: LocalDate): Date {
  const intervals = calendar.workingIntervals(date);
  return intervals.at(-1)?.end ?? startOfNextDay(calendar, date);
}

/**
 * Milestone follow-up: the intern's reminder before a due date, overdue alerts to intern and
 * supervisor once a working week, one reminder to accept a done milestone, and once, a quarter of the
 * way in, the learning outcomes no milestone serves (outcome-gap.ts). The messages that
 * answer a command (acceptance request, accepted, announcement) are queued by the commands.
 */
export function createMilestoneRule(deps: { store: Store; log: Logger }): PlanRule {
  const { store } = deps;

  async function evaluate(context: InternshipContext, now: Date): Promise<Evaluation> {
    const { workspace, internship, intern, supervisor, terms } = context;
    const internCalendar = context.calendarOf(intern);
    const today = internCalendar.localDate(now);
    const drafts: OutboxDraft[] = [];
    const push = (draft: OutboxDraft | undefined) => {
      // Skips a message that would expire before it may be sent (e.g. a reminder planned at night).
      if (draft && !(draft.expiresAt && draft.expiresAt <= draft.notBefore)) drafts.push(draft);
    };
    const supervisors = new Set<number>([internship.supervisorId]);
    if (internship.backupSupervisorId !== undefined) supervisors.add(internship.backupSupervisorId);
    const running = today <= addDays(internship.end, GRACE_DAYS);
    let next: Date | undefined = startOfNextDay(internCalendar, today);
    let waiting = false;

    const remind = async (m: Milestone) => {
      const day = reminderDay(internCalendar, m.due, terms.milestones.remindDaysBefore);
      if (!day || today < day || today > m.due) return;
      // The intern who set this date on or after the reminder day needs no reminder of it.
      const set = lastEntry(await store.milestones.history(m.id), m.moves > 0 ? "move" : "add");
      if (set?.actorId === intern.id && internCalendar.localDate(set.at) >= day) return;
      push(
        directDraft(
          workspace,
          intern,
          milestoneKeys.reminder(m),
          reminderMessage(m, terms.milestones.remindDaysBefore),
          internCalendar.nextWorkingMoment(now),
          endOfWorkingDay(internCalendar, m.due),
        ),
      );
    };

    const alertOverdue = (m: Milestone) => {
      const slot = overdueAlertDay(internCalendar, m.due, today);
      if (!slot) return;
      // An alert still undelivered when the next one is due is dropped in its favour.
      const expiresAt = internCalendar.atLocalTime(slot.nextDay, "00:00");
      push(
        directDraft(
          workspace,
          intern,
          milestoneKeys.overdue(m, slot.day, intern.id),
          overdueInternMessage(m, addresseeFor(context, supervisor, now).name),
          internCalendar.nextWorkingMoment(now),
          expiresAt,
        ),
      );
      const { to, words } = addressed(context, supervisor, now);
      push(
        directDraft(
          workspace,
          to,
          milestoneKeys.overdue(m, slot.day, to.id),
          words(overdueSupervisorMessage(m, intern.name)),
          context.calendarOf(to).nextWorkingMoment(now),
          expiresAt,
        ),
      );
    };

    const awaitAcceptance = async (m: Milestone) => {
      const done = lastEntry(await store.milestones.history(m.id), "done");
      // A supervisor who marks it done has accepted nothing yet, but needs no one to ask them.
      if (!done || (done.actorId !== undefined && supervisors.has(done.actorId))) return;
      const calendar = context.calendarOf(supervisor);
      const remindAt = calendar.addWorkingTime(done.at, ACCEPT_WAIT);
      if (remindAt > now) {
        waiting = true;
        if (!next || remindAt < next) next = remindAt;
        return;
      }
      const { to, words } = addressed(context, supervisor, now);
      push(
        directDraft(
          workspace,
          to,
          milestoneKeys.acceptReminder(m.id, done.at),
          words(
            withOutcomes(
              acceptReminderMessage(m, intern.name, calendar.localDate(done.at)),
              await outcomesOfMilestone(store, internship.id, m.id),
            ),
          ),
          context.calendarOf(to).nextWorkingMoment(now),
        ),
      );
    };

    for (const m of await store.milestones.listFor(internship.id)) {
      if (isOpen(m) && running) {
        await remind(m);
        alertOverdue(m);
      } else if (m.status === "done") {
        await awaitAcceptance(m);
      }
    }
    if (running) push(await outcomeGapDraft(store, context, now, today));
    // Long after the end nothing is left to say, unless a supervisor still owes an acceptance.
    if (!running && !waiting) next = undefined;
    return { drafts, next };
  }

  return createWakeupRule({ kind: "milestones", store, log: deps.log, evaluate });
}
