import type { Direction } from "./reply-clock.js";
import type { TrackedMessage } from "./reply-records.js";

/**
 * Each question counted once, in exactly one of: answered on time, answered late, overdue (still no
 * reply past its due time), waiting (no reply yet, not due yet), unanswered (the internship ended with
 * no reply past its due time: missed), endedInTime (ended with no reply while still within its time).
 * Questions the asker closed with `noreply` no longer needed an answer and are not counted.
 */
export interface ReplyFigures {
  /** Clocks that ended with a reply or an acknowledgement. */
  answered: number;
  onTime: number;
  late: number;
  overdue: number;
  waiting: number;
  /** Closed by the internship's end without a reply, past their due time: missed. */
  unanswered: number;
  /** Closed by the internship's end without a reply, still within their time: not missed. */
  endedInTime: number;
  medianHours?: number;
  p90Hours?: number;
  /** Share of the questions whose due time has come that were answered on time, 0..1; overdue and unanswered ones count as not. */
  withinShare?: number;
  /** Late replies plus overdue and unanswered questions: the questions that missed their due time. */
  breaches: number;
}

const HOUR = 3_600_000;

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

const round1 = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * 10) / 10);

/** Figures for one set of clocks: reply times are in the responder's working hours. */
export function replyFigures(clocks: readonly TrackedMessage[], now: Date): ReplyFigures {
  const answered = clocks.filter(
    (c) => (c.closeReason === "reply" || c.closeReason === "reaction") && c.replyMs !== undefined,
  );
  const times = answered.map((c) => c.replyMs! / HOUR).sort((a, b) => a - b);
  const late = answered.filter((c) => c.replyMs! > c.allowedMs).length;
  const openClocks = clocks.filter((c) => c.closedAt === undefined);
  const overdue = openClocks.filter((c) => c.dueAt.getTime() <= now.getTime()).length;
  const ended = clocks.filter((c) => c.closeReason === "ended" && c.closedAt !== undefined);
  const unanswered = ended.filter((c) => c.dueAt.getTime() <= c.closedAt!.getTime()).length;
  const onTime = answered.length - late;
  const figures: ReplyFigures = {
    answered: answered.length,
    onTime,
    late,
    overdue,
    waiting: openClocks.length - overdue,
    unanswered,
    endedInTime: ended.length - unanswered,
    breaches: late + overdue + unanswered,
  };
  const median = round1(percentile(times, 50));
  const p90 = round1(percentile(times, 90));
  if (median !== undefined) figures.medianHours = median;
  if (p90 !== undefined) figures.p90Hours = p90;
  const due = onTime + late + overdue + unanswered;
  if (due > 0) figures.withinShare = onTime / due;
  return figures;
}

export type FiguresByDirection = Record<Direction, ReplyFigures>;

export function figuresByDirection(clocks: readonly TrackedMessage[], now: Date): FiguresByDirection {
  return {
    to_company: replyFigures(
      clocks.filter((c) => c.direction === "to_company"),
      now,
    ),
    to_intern: replyFigures(
      clocks.filter((c) => c.direction === "to_intern"),
      now,
    ),
  };
}

/** Per ISO week of the question (in UTC), for the weekly digest. */
export function figuresByWeek(
  clocks: readonly TrackedMessage[],
  now: Date,
  weekOf: (at: Date) => string,
): Map<string, FiguresByDirection> {
  const weeks = new Map<string, TrackedMessage[]>();
  for (const clock of clocks) {
    const week = weekOf(clock.sentAt);
    weeks.set(week, [...(weeks.get(week) ?? []), clock]);
  }
  return new Map(
    [...weeks]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([week, list]) => [week, figuresByDirection(list, now)]),
  );
}
