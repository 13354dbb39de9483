import type { ReplyTrigger } from "./agreement-options.js";
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
  /** It asks for something: a question, a request (request-words.ts) or marked with the tracking reaction. */
  asks: boolean;
  /** For a reply in a thread: who wrote in that thread before; without a mention, they are the ones asked. */
  threadPeople?: readonly number[];
}

export interface ClockStart {
  direction: Direction;
  responderId: number;
}

/** The company side of the agreement: the supervisor and the backup. Colleagues and coordinators agreed to nothing. */
export function isCompanyParty(personId: number, internship: Internship): boolean {
  return personId === internship.supervisorId || personId === internship.backupSupervisorId;
}

/**
 * Who owes the reply to something the intern asked: the first supervisor mentioned, else the supervisor.
 * The one place that chooses, so cover (a supervisor on leave) can redirect it.
 */
export function responderFor(mentionIds: readonly number[], internship: Internship): number {
  return mentionIds.find((id) => isCompanyParty(id, internship)) ?? internship.supervisorId;
}

/**
 * Whether a message in an internship's conversation starts a clock, and for whom. Only the parties of
 * the agreement count: the intern one way, the supervisor and the backup the other. With the `request`
 * trigger the message must ask for something; with `mention` every mention of the other party counts.
 * From the intern: addressed to a supervisor (mentioned, or nobody mentioned); a message that mentions
 * only colleagues is theirs, not the agreement's, and so is an unaddressed question in a thread where
 * only colleagues wrote. From a supervisor: it mentions the intern.
 */
export function clockFor(
  message: SeenMessage,
  internship: Internship,
  trigger: ReplyTrigger = "request",
): ClockStart | undefined {
  const others = message.mentionIds.filter((id) => id !== message.authorId);
  if (message.authorId === internship.internId) {
    const inThread = (message.threadPeople ?? []).filter((id) => id !== message.authorId);
    const addressed = others.length > 0 ? others : inThread;
    const toParty = addressed.some((id) => isCompanyParty(id, internship));
    const unaddressed = addressed.length === 0;
    const starts =
      trigger === "mention"
        ? toParty || (unaddressed && message.asks)
        : message.asks && (toParty || unaddressed);
    return starts ? { direction: "to_company", responderId: responderFor(addressed, internship) } : undefined;
  }
  if (!isCompanyParty(message.authorId, internship) || !others.includes(internship.internId))
    return undefined;
  return trigger === "mention" || message.asks
    ? { direction: "to_intern", responderId: internship.internId }
    : undefined;
}

export interface OpenClock {
  direction: Direction;
  messageRef: string;
  threadRef?: string;
  authorId: number;
  responderId: number;
  sentAt: Date;
}

export interface Reply {
  authorId: number;
  at: Date;
  threadRef?: string;
  /** People mentioned in the reply, already resolved. */
  mentionIds: readonly number[];
}

/**
 * Whether a message answers an open clock. In the question's thread: any later message from the other
 * side. At top level (unless the agreement says thread only): only a later message from the responder
 * that mentions the asker; an unrelated message by someone who happens to be on the other side does not.
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
  if (reply.threadRef !== undefined) return reply.threadRef === (clock.threadRef ?? clock.messageRef);
  return (
    where === "both" && reply.authorId === clock.responderId && reply.mentionIds.includes(clock.authorId)
  );
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
