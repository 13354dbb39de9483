/**
 * Patterns worth the university coordinator's attention: one late reply is a matter between the two
 * people involved, several in a short time, or an at-risk connection signal, are a pattern.
 */
import type { Direction } from "./reply-clock.js";
import type { TrackedMessage } from "./reply-records.js";

/** Missed reply times one way within the window that make a pattern. */
export const PATTERN_MISSED = 3;
export const PATTERN_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

export interface MissedReplies {
  /** Questions due in the window that were answered or are still open: what "of N" counts. */
  questions: number;
  /** Answered after their due time. */
  late: number;
  /** Still without a reply past their due time. */
  overdue: number;
  /** How many each responder missed, most first. */
  byResponder: { responderId: number; missed: number }[];
  /** The latest due time among the missed ones: a later note needs something newer. */
  latestDueAt: Date;
}

export interface Pattern {
  /** Only the directions that reach PATTERN_MISSED. */
  replies: Partial<Record<Direction, MissedReplies>>;
  /** Since when the connection signal has been at risk without a break, if it is now. */
  atRiskSince: Date | undefined;
}

const answered = (c: TrackedMessage) =>
  (c.closeReason === "reply" || c.closeReason === "reaction") && c.replyMs !== undefined;

/** Missed reply times of one direction among clocks due in [from, now], counted as the figures count breaches. */
export function missedReplies(
  clocks: readonly TrackedMessage[],
  direction: Direction,
  from: Date,
  now: Date,
): MissedReplies {
  const due = clocks.filter(
    (c) =>
      c.direction === direction &&
      c.dueAt.getTime() >= from.getTime() &&
      c.dueAt.getTime() <= now.getTime() &&
      (answered(c) || c.closedAt === undefined),
  );
  const late = due.filter((c) => answered(c) && c.replyMs! > c.allowedMs);
  const overdue = due.filter((c) => c.closedAt === undefined);
  const missed = [...late, ...overdue];
  const counts = new Map<number, number>();
  for (const c of missed) counts.set(c.responderId, (counts.get(c.responderId) ?? 0) + 1);
  return {
    questions: due.length,
    late: late.length,
    overdue: overdue.length,
    byResponder: [...counts]
      .map(([responderId, n]) => ({ responderId, missed: n }))
      .sort((a, b) => b.missed - a.missed || a.responderId - b.responderId),
    latestDueAt: new Date(Math.max(0, ...missed.map((c) => c.dueAt.getTime()))),
  };
}

export const missedCount = (m: MissedReplies) => m.late + m.overdue;

/** The pattern now, over the last PATTERN_WINDOW_DAYS, or undefined when there is none. */
export function findPattern(
  clocks: readonly TrackedMessage[],
  atRiskSince: Date | undefined,
  now: Date,
): Pattern | undefined {
  const from = new Date(now.getTime() - PATTERN_WINDOW_DAYS * DAY_MS);
  const replies: Pattern["replies"] = {};
  for (const direction of ["to_intern", "to_company"] as const) {
    const missed = missedReplies(clocks, direction, from, now);
    if (missedCount(missed) >= PATTERN_MISSED) replies[direction] = missed;
  }
  if (Object.keys(replies).length === 0 && !atRiskSince) return undefined;
  return { replies, atRiskSince };
}

/** Whether the pattern holds something that arose after `since` (the last note): else telling again is noise. */
export function newSince(pattern: Pattern, since: Date): boolean {
  const newer = (at: Date | undefined) => at !== undefined && at.getTime() > since.getTime();
  return newer(pattern.atRiskSince) || Object.values(pattern.replies).some((m) => newer(m.latestDueAt));
}
