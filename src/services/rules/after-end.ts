import { addDays } from "../../domain/local-date.js";
import type { OutboxDraft } from "../../ports/store.js";
import type { InternshipContext } from "../internship-context.js";

/**
 * Kinds whose messages are about a running internship (check-ins and their summaries and escalations,
 * nudges, signal alerts, patterns, introductions, reflection prompts): none is sent after its last day.
 * Digests, milestone follow-ups, evaluations and the closing message may still follow the end.
 */
export const ENDS_WITH_INTERNSHIP: ReadonlySet<string> = new Set([
  "checkin",
  "isolation",
  "patterns",
  "introductions",
  "reflection",
]);

/** The instant the internship is over: the start of the day after its last, in the intern's zone. */
export function internshipOver(ctx: InternshipContext): Date {
  return ctx.calendarOf(ctx.intern).atLocalTime(addDays(ctx.internship.end, 1), "00:00");
}

/**
 * Drafts of such a kind that would only go out after the end are not queued; the others expire at the
 * end, so one waiting for a working moment after it (a supervisor's next morning) is withdrawn.
 */
export function capAtInternshipEnd(ctx: InternshipContext, drafts: readonly OutboxDraft[]): OutboxDraft[] {
  const over = internshipOver(ctx);
  return drafts
    .filter((d) => d.notBefore.getTime() < over.getTime())
    .map((d) => (d.expiresAt && d.expiresAt.getTime() <= over.getTime() ? d : { ...d, expiresAt: over }));
}
