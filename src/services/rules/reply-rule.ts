import type { Logger } from "pino";
import { replyBreach, replyEscalation, replyWarning } from "../../domain/copy/reply.js";
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

/** Who hears about a reply that stays overdue, in order, with the role named in the message. */
function escalationChain(ctx: InternshipContext, clock: TrackedMessage): { person: Person; role: string }[] {
  const chain: { person: Person | undefined; role: string }[] =
    clock.direction === "to_company"
      ? [
          { person: ctx.backupSupervisor, role: "backup supervisor" },
          { person: ctx.coordinator, role: "university coordinator" },
        ]
      : [
          { person: ctx.supervisor, role: "supervisor" },
          { person: ctx.coordinator, role: "university coordinator" },
        ];
  const seen = new Set([clock.responderId, clock.authorId]);
  return chain.filter((step): step is { person: Person; role: string } => {
    if (!step.person || seen.has(step.person.id)) return false;
    seen.add(step.person.id);
    return true;
  });
}

/**
 * Reply-time clocks: a warning to the responder at the agreed share of their time, the overdue
 * alert at the due time, then the escalation steps. Times are recomputed on every look, so leave
 * taken while a clock runs moves them.
 */
export function createReplyRule(deps: { store: Store; log: Logger }): PlanRule {
  const { store } = deps;

  function evaluate(ctx: InternshipContext, now: Date): Evaluation {
    const { internship, intern } = ctx;
    const open = store.replyClocks.openFor(internship.id);
    if (ctx.calendarOf(intern).localDate(now) > internship.end) {
      for (const clock of open) closeClock(store, clock, now, undefined, "ended");
      return { drafts: [], next: undefined };
    }
    const drafts: (OutboxDraft | undefined)[] = [];
    const upcoming: Date[] = [];
    for (const stored of open) {
      const asker = store.people.get(ctx.workspace.id, stored.authorId);
      const responder = store.people.get(ctx.workspace.id, stored.responderId);
      if (!asker || !responder) continue;
      const times = deadlines(ctx.calendarOf(responder), stored.sentAt, ctx.terms, stored.direction);
      if (times.dueAt.getTime() !== stored.dueAt.getTime()) store.replyClocks.setDue(stored.id, times.dueAt);
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
      if (now >= times.dueAt)
        drafts.push(draft(responder, replyKeys.breach(clock.id), replyBreach(clock, asker, responder)));
      escalationChain(ctx, clock).forEach((step, index) => {
        const at = times.escalateAt[index];
        if (at && now >= at) {
          drafts.push(
            draft(
              step.person,
              replyKeys.escalation(clock.id, index + 1),
              replyEscalation(clock, asker, responder, step.person, step.role),
            ),
          );
        }
      });
      upcoming.push(...[times.warnAt, times.dueAt, ...times.escalateAt].filter((t) => t > now));
    }
    const next = upcoming.length > 0 ? new Date(Math.min(...upcoming.map((t) => t.getTime()))) : undefined;
    // With no open clock the rule still looks once a day, to close clocks when the internship ends.
    const daily = new Date(now.getTime() + 24 * 3_600_000);
    return {
      drafts: drafts.filter((d): d is OutboxDraft => d !== undefined),
      next: next ?? (open.length > 0 ? daily : undefined),
    };
  }

  return createWakeupRule({ kind: "replies", store, log: deps.log, evaluate });
}
