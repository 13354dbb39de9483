import type { Logger } from "pino";
import { isAway } from "../../domain/availability.js";
import { replyBreach, replyEscalation, replyLateToAsker, replyWarning } from "../../domain/copy/reply.js";
import type { OutboundMessage } from "../../domain/messages.js";
import { replyKeys } from "../../domain/outbox-keys.js";
import { deadlines } from "../../domain/reply-clock.js";
import type { TrackedMessage } from "../../domain/reply-records.js";
import type { Person } from "../../domain/types.js";
import type { OutboxDraft, Store } from "../../ports/store.js";
import type { InternshipContext } from "../internship-context.js";
import { directDraft } from "../notify.js";
import type { PlanRule } from "../planner.js";
import { closeClock } from "../reply-tracker.js";
import { createWakeupRule, type Evaluation } from "./wakeup-rule.js";

/**
 * Who hears about a reply that stays overdue, once, `reply.escalate` after its due time. A late reply by
 * the company goes to the other company supervisor (the backup, or the supervisor when the backup was
 * asked); a late reply by the intern only to whoever asked. The coordinator never hears about one message:
 * patterns reach them through the pattern rule and the weekly digest.
 */
function escalation(
  ctx: InternshipContext,
  clock: TrackedMessage,
  asker: Person,
  responder: Person,
  now: Date,
): { person: Person; message: OutboundMessage } | undefined {
  if (clock.direction === "to_intern") {
    return asker.id === responder.id
      ? undefined
      : { person: asker, message: replyLateToAsker(clock, asker, responder) };
  }
  const backup = ctx.backupSupervisor;
  const step =
    backup && responder.id === backup.id
      ? { person: ctx.supervisor, role: "supervisor" }
      : backup && { person: backup, role: "backup supervisor" };
  // Someone on leave is not told: the message would wait for their return, long after it mattered.
  if (!step || step.person.id === responder.id || step.person.id === asker.id || isAway(step.person, now))
    return undefined;
  return {
    person: step.person,
    message: replyEscalation(clock, asker, responder, step.person, step.role),
  };
}

/**
 * Reply-time clocks: a warning to the responder at the agreed share of their time, the overdue
 * alert at the due time, then the one escalation step. Times are recomputed on every look, so leave
 * taken while a clock runs moves them.
 */
export function createReplyRule(deps: { store: Store; log: Logger }): PlanRule {
  const { store } = deps;

  async function evaluate(ctx: InternshipContext, now: Date): Promise<Evaluation> {
    const { internship, intern } = ctx;
    const open = await store.replyClocks.openFor(internship.id);
    if (ctx.calendarOf(intern).localDate(now) > internship.end) {
      for (const clock of open) await closeClock(store, clock, now, undefined, "ended");
      return { drafts: [], next: undefined };
    }
    const drafts: (OutboxDraft | undefined)[] = [];
    const upcoming: Date[] = [];
    for (const stored of open) {
      const asker = await store.people.get(ctx.workspace.id, stored.authorId);
      const responder = await store.people.get(ctx.workspace.id, stored.responderId);
      if (!asker || !responder) continue;
      const times = deadlines(ctx.calendarOf(responder), stored.sentAt, ctx.terms, stored.direction);
      if (times.dueAt.getTime() !== stored.dueAt.getTime())
        await store.replyClocks.setDue(stored.id, times.dueAt);
      const clock = { ...stored, dueAt: times.dueAt };
      const draft = (
        person: Person,
        key: string,
        message: Parameters<typeof directDraft>[3],
        expiresAt?: Date,
      ) => directDraft(ctx.workspace, person, key, message, now, expiresAt);
      if (now >= times.warnAt && now < times.dueAt) {
        drafts.push(
          draft(
            responder,
            replyKeys.warning(clock.id),
            replyWarning(clock, asker, responder, ctx.terms.replies.warnAtPercent),
            times.dueAt,
          ),
        );
      }
      if (now >= times.dueAt) {
        drafts.push(draft(responder, replyKeys.breach(clock.id), replyBreach(clock, asker, responder)));
        // A missed reply time may complete a pattern: the pattern rule looks now, not at its next daily look.
        await store.wakeups.touch(ctx.workspace.id, internship.id, ["patterns"], now);
      }
      const step = escalation(ctx, clock, asker, responder, now);
      const escalateAt = times.escalateAt[0];
      if (step && now >= escalateAt) {
        drafts.push(draft(step.person, replyKeys.escalation(clock.id, 1), step.message));
      }
      upcoming.push(...[times.warnAt, times.dueAt, ...(step ? [escalateAt] : [])].filter((t) => t > now));
    }
    const next = upcoming.length > 0 ? new Date(Math.min(...upcoming.map((t) => t.getTime()))) : undefined;
    // Open clocks with no step left still get a look once a day, to close them when the internship ends;
    // with no open clock the rule sleeps until a new clock wakes it (reply-tracker touches the wake-up).
    const daily = new Date(now.getTime() + 24 * 3_600_000);
    return {
      drafts: drafts.filter((d): d is OutboxDraft => d !== undefined),
      next: next ?? (open.length > 0 ? daily : undefined),
    };
  }

  return createWakeupRule({ kind: "replies", store, log: deps.log, evaluate });
}
