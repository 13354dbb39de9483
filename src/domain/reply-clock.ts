import type { AgreementTerms } from "./agreement-terms.js";
import type { WorkingCalendar } from "./calendar.js";
import { parseDuration } from "./duration.js";
import type { Internship } from "./types.js";

/** Who owes the reply: the company side to the intern, or the intern to the company side. */
export type Direction = "to_company" | "to_intern";

export interface SeenMessage {
  authorId: number;
  /** People mentioned, already resolved from platform ids. */
  mentionIds: readonly number[];
  isQuestion: boolean;
}

export interface ClockStart {
  direction: Direction;
  responderId: number;
}

/**
 * Whether a message in an internship's conversation starts a clock, and for whom. From the intern:
 * a mention of a company member (the first one mentioned replies) or a question (the supervisor
 * replies). From anyone else: a mention of the intern.
 */
export function clockFor(message: SeenMessage, internship: Internship): ClockStart | undefined {
  if (message.authorId === internship.internId) {
    const mentioned = message.mentionIds.find((id) => id !== internship.internId);
    if (mentioned !== undefined) return { direction: "to_company", responderId: mentioned };
    if (message.isQuestion) return { direction: "to_company", responderId: internship.supervisorId };
    return undefined;
  }
  if (message.mentionIds.includes(internship.internId)) {
    return { direction: "to_intern", responderId: internship.internId };
  }
  return undefined;
}

export interface OpenClock {
  direction: Direction;
  messageRef: string;
  sentAt: Date;
}

export interface Reply {
  authorId: number;
  at: Date;
  threadRef?: string;
}

/**
 * Whether a message answers an open clock: it comes from the other side, and it is in the question's
 * thread, or (unless the agreement says thread only) a top-level message after it.
 */
export function answers(
  clock: OpenClock,
  reply: Reply,
  internship: Internship,
  where: AgreementTerms["replies"]["where"],
): boolean {
  const fromIntern = reply.authorId === internship.internId;
  if (clock.direction === "to_company" ? fromIntern : !fromIntern) return false;
  if (reply.at.getTime() <= clock.sentAt.getTime()) return false;
  if (reply.threadRef !== undefined) return reply.threadRef === clock.messageRef;
  return where === "both";
}

export interface Deadlines {
  allowedMs: number;
  warnAt: Date;
  dueAt: Date;
  /** When the backup supervisor (first) and then the coordinator (second) are told. */
  escalateAt: [Date, Date];
}

/** Every instant of a clock, counted in the responder's working time (hours, zone, holidays, leave). */
export function deadlines(
  responder: WorkingCalendar,
  sentAt: Date,
  terms: AgreementTerms,
  direction: Direction,
): Deadlines {
  const allowed = responder.durationMs(
    parseDuration(direction === "to_company" ? terms.replyWithin.supervisor : terms.replyWithin.intern),
  );
  const after = (ms: number) => responder.addWorkingTime(sentAt, Math.round(ms));
  const window = allowed * (terms.replies.escalateAfterPercent / 100);
  return {
    allowedMs: allowed,
    warnAt: after(allowed * (terms.replies.warnAtPercent / 100)),
    dueAt: after(allowed),
    escalateAt: [after(allowed + window), after(allowed + 2 * window)],
  };
}
