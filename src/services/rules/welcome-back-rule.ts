import type { Logger } from "pino";
import { welcomeBack } from "../../domain/copy/welcome-back.js";
import { addDays } from "../../domain/local-date.js";
import { noticeKeys } from "../../domain/outbox-keys.js";
import type { LeavePeriod, Person } from "../../domain/types.js";
import { workingDaysAfter } from "../../domain/working-days.js";
import type { OutboxDraft, Store } from "../../ports/store.js";
import type { InternshipContext } from "../internship-context.js";
import { directDraft } from "../notify.js";
import type { PlanRule } from "../planner.js";
import { awaySections } from "../welcome-back.js";
import { createWakeupRule, type Evaluation } from "./wakeup-rule.js";

/**
 * The welcome back: on the first working day after leave, at the person's first working moment, one
 * message with what happened while they were away. The dispatcher folds into it everything that waited
 * for them (outbox rows held through the leave), so a return is one message. One per person and
 * return day, whichever of their internships is looked at first.
 */
export function createWelcomeBackRule(deps: { store: Store; log: Logger }): PlanRule {
  const { store } = deps;

  async function evaluate(ctx: InternshipContext, now: Date): Promise<Evaluation> {
    const drafts: OutboxDraft[] = [];
    const nexts: Date[] = [];
    const people = new Map<number, Person>();
    for (const p of [ctx.supervisor, ctx.backupSupervisor, ctx.intern, ctx.coordinator])
      if (p) people.set(p.id, p);
    for (const person of people.values()) {
      const calendar = ctx.calendarOf(person);
      const today = calendar.localDate(now);
      for (const leave of person.leave) {
        let back: string;
        try {
          back = workingDaysAfter(calendar, leave.to, 1);
        } catch {
          continue; // no working day within a year: nobody to welcome
        }
        if (back < today) continue;
        const at = calendar.workingIntervals(back)[0]?.start;
        if (!at) continue;
        if (back > today || now < at) {
          nexts.push(at);
          continue;
        }
        const key = noticeKeys.welcomeBack(person.id, back);
        if (await store.outbox.get(ctx.workspace.id, key)) continue;
        const draft = directDraft(
          ctx.workspace,
          person,
          key,
          welcomeBack(
            person,
            leaveEndingBy(person.leave, leave),
            await awaySections(store, person, leaveEndingBy(person.leave, leave), today, now),
          ),
          now,
        );
        if (draft) drafts.push(draft);
      }
    }
    if (ctx.calendarOf(ctx.intern).localDate(now) > addDays(ctx.internship.end, 14) && nexts.length === 0)
      return { drafts, next: undefined };
    // Leave added later touches the internship, which brings this forward again.
    const next = nexts.length === 0 ? undefined : new Date(Math.min(...nexts.map((d) => d.getTime())));
    return { drafts, next };
  }

  return createWakeupRule({ kind: "welcome-back", store, log: deps.log, evaluate });
}

/** Back-to-back periods (a week, then a bank holiday bridge) read as one absence. */
function leaveEndingBy(all: readonly LeavePeriod[], last: LeavePeriod): LeavePeriod {
  let from = last.from;
  for (let changed = true; changed; ) {
    changed = false;
    for (const l of all) {
      if (l.from < from && l.to >= addDays(from, -3)) {
        from = l.from;
        changed = true;
      }
    }
  }
  return { from, to: last.to };
}
