import type { MissedFacts, PatternFacts } from "../domain/copy/pattern.js";
import { reasonText } from "../domain/isolation.js";
import { addDays } from "../domain/local-date.js";
import {
  findPattern,
  type MissedReplies,
  missedCount,
  PATTERN_WINDOW_DAYS,
  type Pattern,
} from "../domain/patterns.js";
import type { Store } from "../ports/store.js";
import type { InternshipContext } from "./internship-context.js";

const DAY_MS = 86_400_000;
/** A clock due in the window may have started this long before it (a 5-working-day reply time). */
const LONGEST_WAIT_DAYS = 7;
/** An at-risk signal older than this is stale (the intern was away, or Tandem was down): not a pattern now. */
const SIGNAL_FRESH_DAYS = 7;

/**
 * Since when the intern's connection signal has been at risk without a break (its first at-risk
 * computation), or undefined when the latest signal is not at risk or is stale.
 */
async function atRiskSince(store: Store, ctx: InternshipContext, now: Date): Promise<Date | undefined> {
  const today = ctx.calendarOf(ctx.intern).localDate(now);
  const signals = await store.signals.between(
    ctx.internship.id,
    addDays(today, -PATTERN_WINDOW_DAYS * 4),
    today,
  );
  const latest = signals.at(-1);
  if (latest?.level !== "at_risk" || latest.date < addDays(today, -SIGNAL_FRESH_DAYS)) return undefined;
  let first = latest;
  for (let i = signals.length - 2; i >= 0 && signals[i]!.level === "at_risk"; i--) first = signals[i]!;
  return first.computedAt;
}

/** The pattern in an internship now, with the names and figures people read; undefined when there is none. */
export async function currentPattern(
  store: Store,
  ctx: InternshipContext,
  now: Date,
): Promise<{ pattern: Pattern; facts: PatternFacts } | undefined> {
  const { internship, intern, workspace, terms } = ctx;
  const from = new Date(now.getTime() - (PATTERN_WINDOW_DAYS + LONGEST_WAIT_DAYS) * DAY_MS);
  const pattern = findPattern(
    await store.replyClocks.since(internship.id, from),
    await atRiskSince(store, ctx, now),
    now,
  );
  if (!pattern) return undefined;
  const responders = [pattern.replies.to_intern, pattern.replies.to_company].flatMap(
    (m) => m?.byResponder.map((r) => r.responderId) ?? [],
  );
  const names = new Map<number, string>();
  for (const id of new Set(responders)) {
    const person = await store.people.get(workspace.id, id);
    if (person) names.set(id, person.name);
  }
  const named = (m: MissedReplies | undefined, agreed: string): MissedFacts | undefined =>
    m && {
      missed: missedCount(m),
      questions: m.questions,
      late: m.late,
      overdue: m.overdue,
      agreed,
      by: m.byResponder.map((r) => ({
        name: names.get(r.responderId) ?? `person #${r.responderId}`,
        missed: r.missed,
      })),
    };
  const signal = pattern.atRiskSince && (await store.signals.latest(internship.id));
  // Neutralised with the rest of the copy, where it is shown.
  const subject = { name: intern.name };
  return {
    pattern,
    facts: {
      intern: intern.name,
      internKey: internship.key,
      supervisor: ctx.supervisor.name,
      backup: ctx.backupSupervisor?.name,
      to: ctx.calendarOf(intern).localDate(now),
      fromIntern: named(pattern.replies.to_intern, terms.replyWithin.intern),
      toIntern: named(pattern.replies.to_company, terms.replyWithin.supervisor),
      atRisk: signal
        ? signal.reasons.map((r) => reasonText(r.code, signal.inputs, subject) ?? r.text)
        : undefined,
    },
  };
}
