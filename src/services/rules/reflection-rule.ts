import type { Logger } from "pino";
import type { WorkingCalendar } from "../../domain/calendar.js";
import { reflectionPrompt } from "../../domain/copy/reflection.js";
import { addDays, isoWeek, weekStart } from "../../domain/local-date.js";
import { reportKeys } from "../../domain/outbox-keys.js";
import type { LocalDate } from "../../domain/types.js";
import type { Store } from "../../ports/store.js";
import type { InternshipContext } from "../internship-context.js";
import { directDraft } from "../notify.js";
import type { PlanRule } from "../planner.js";
import { createWakeupRule, type Evaluation } from "./wakeup-rule.js";

/** The prompt goes out on the last working day of the intern's week, from this local time on. */
export const REFLECTION_TIME = "14:00";

/** When this week's prompt may go out: after 14:00 inside contact hours on the last working day up to `last`. */
function promptWindow(calendar: WorkingCalendar, monday: LocalDate, last: LocalDate) {
  for (let day = 6; day >= 0; day--) {
    const date = addDays(monday, day);
    if (date > last) continue;
    if (!calendar.isWorkingDay(date)) continue;
    const intervals = calendar.workingIntervals(date);
    const closesAt = intervals.at(-1)?.end;
    if (!closesAt) continue;
    const after = calendar.atLocalTime(date, REFLECTION_TIME);
    // A day that ends before 14:00 gets the prompt at the start of its last stretch of contact hours.
    const interval = intervals.find((i) => i.end > after);
    const sendAt = interval
      ? new Date(Math.max(interval.start.getTime(), after.getTime()))
      : intervals.at(-1)!.start;
    return { date, sendAt, closesAt };
  }
  return undefined;
}

/**
 * The weekly reflection prompt to the intern, once per ISO week (key `reflection:<internship>:<week>`),
 * skipped when the intern already wrote this week's reflection. Missed windows are not made up later.
 */
export function createReflectionRule(deps: { store: Store; log: Logger }): PlanRule {
  const { store } = deps;

  async function evaluate(ctx: InternshipContext, now: Date): Promise<Evaluation> {
    const { internship, intern } = ctx;
    const calendar = ctx.calendarOf(intern);
    const today = calendar.localDate(now);
    if (today < internship.start)
      return { drafts: [], next: calendar.atLocalTime(internship.start, "00:00") };
    const monday = weekStart(today);
    const nextMonday = addDays(monday, 7);
    const nextWeek = nextMonday > internship.end ? undefined : calendar.atLocalTime(nextMonday, "00:00");
    // In the internship's last week, its last working day stands in for the week's.
    const window = promptWindow(calendar, monday, internship.end);
    if (!window || window.date < internship.start || window.date > internship.end) {
      return { drafts: [], next: nextWeek };
    }
    if (now.getTime() < window.sendAt.getTime()) return { drafts: [], next: window.sendAt };
    if (now.getTime() >= window.closesAt.getTime()) return { drafts: [], next: nextWeek };
    const week = isoWeek(window.date);
    const written = (await store.reflections.forInternship(internship.id)).some((r) => r.week === week);
    const draft =
      !written &&
      directDraft(
        ctx.workspace,
        intern,
        reportKeys.reflection(internship.id, week),
        reflectionPrompt(intern, week),
        window.sendAt,
        window.closesAt,
      );
    return { drafts: draft ? [draft] : [], next: nextWeek };
  }

  return createWakeupRule({ kind: "reflection", store, log: deps.log, evaluate });
}
