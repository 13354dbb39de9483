import type { Logger } from "pino";
import { patternNote } from "../../domain/copy/pattern.js";
import { addDays, isoWeek } from "../../domain/local-date.js";
import { patternKeys, reportKeys } from "../../domain/outbox-keys.js";
import { newSince } from "../../domain/patterns.js";
import type { LocalDate } from "../../domain/types.js";
import { nextWorkingDayStart } from "../../domain/working-days.js";
import type { Store } from "../../ports/store.js";
import type { InternshipContext } from "../internship-context.js";
import { directDraft } from "../notify.js";
import { currentPattern } from "../pattern-facts.js";
import type { PlanRule } from "../planner.js";
import { createWakeupRule, type Evaluation } from "./wakeup-rule.js";
import { slotOf } from "./weekly-digest-rule.js";

const DAY_MS = 86_400_000;
/** At most one note per internship in any 7 days (and one per ISO week, by its key). */
const NOTE_QUIET_MS = 7 * DAY_MS;

/**
 * The coordinator hears about patterns only (three or more missed reply times one way within two weeks,
 * or an at-risk connection signal), in one private note per internship and week, and only when something
 * arose since the last note. Looks at each open question's due time and at the start of each intern day,
 * after the isolation rule has stored that day's signal; writes the note in the coordinator's working time.
 */
export function createPatternRule(deps: { store: Store; log: Logger }): PlanRule {
  const { store } = deps;

  /** When the last note was queued or sent, looking back over the weeks it could still matter. */
  async function lastNoteAt(ctx: InternshipContext, today: LocalDate): Promise<Date | undefined> {
    for (const days of [0, 7, 14]) {
      const row = await store.outbox.get(
        ctx.workspace.id,
        patternKeys.note(ctx.internship.id, isoWeek(addDays(today, -days))),
      );
      if (row && row.status !== "expired" && row.status !== "dead") return row.sentAt ?? row.notBefore;
    }
    return undefined;
  }

  async function evaluate(ctx: InternshipContext, now: Date): Promise<Evaluation> {
    const { internship, intern, coordinator } = ctx;
    const calendar = ctx.calendarOf(intern);
    const today = calendar.localDate(now);
    if (today > internship.end) return { drafts: [], next: undefined };
    const dueTimes = (await store.replyClocks.openFor(internship.id))
      .map((c) => c.dueAt.getTime())
      .filter((t) => t > now.getTime());
    const next = new Date(Math.min(nextWorkingDayStart(calendar, now).getTime(), ...dueTimes));
    if (!coordinator || today < internship.start) return { drafts: [], next };
    // Written when the coordinator can read it, so the figures are the ones of that moment: a note
    // composed on Thursday night would say "still without a reply" on Monday about answered questions.
    const readable = ctx.calendarOf(coordinator).nextWorkingMoment(now);
    if (readable.getTime() > now.getTime()) {
      return { drafts: [], next: new Date(Math.min(next.getTime(), readable.getTime())) };
    }
    const found = await currentPattern(store, ctx, now);
    if (!found) return { drafts: [], next };
    // The coordinator's weekly digest carries the pattern: on its morning a note would only repeat it,
    // and after it the digest counts as the last note (a later note only for something new).
    const slot = slotOf(ctx.calendarOf(coordinator), internship, readable);
    const digestKey = reportKeys.coordinatorDigest(coordinator.id, slot.week);
    const digest = await store.outbox.get(ctx.workspace.id, digestKey);
    const digestDay = slot.sendAt && ctx.calendarOf(coordinator).localDate(slot.sendAt);
    if (digestDay === ctx.calendarOf(coordinator).localDate(readable) && digest?.status !== "expired")
      return { drafts: [], next };
    const last = await lastNoteAt(ctx, today);
    const counts = digest && digest.status !== "expired" && digest.status !== "dead";
    const digested = counts ? (digest.sentAt ?? digest.notBefore) : undefined;
    const key = patternKeys.note(internship.id, isoWeek(today));
    if (
      (await store.outbox.get(ctx.workspace.id, key)) ||
      (last && (now.getTime() - last.getTime() < NOTE_QUIET_MS || !newSince(found.pattern, last))) ||
      (digested && !newSince(found.pattern, digested))
    ) {
      return { drafts: [], next };
    }
    const draft = directDraft(ctx.workspace, coordinator, key, patternNote(found.facts), now);
    return { drafts: draft ? [draft] : [], next };
  }

  return createWakeupRule({ kind: "patterns", store, log: deps.log, evaluate });
}
