/**
 * Reply times as people read them: the asker's notice, the responder's warning and breach, the escalation,
 * the replies to `noreply`, and the one-line figures of `status` and the summaries.
 */
import { formatDate, formatInstant, plural } from "../format.js";
import type { OutboundMessage } from "../messages.js";
import type { ReplyFigures } from "../reply-figures.js";
import type { TrackedMessage } from "../reply-records.js";
import type { LocalDate, Person } from "../types.js";

const where = (clock: TrackedMessage) => `#${clock.conversation}`;
/** Working time as people say it: 8h, 7.5h. */
export const hours = (ms: number) => `${Math.round(ms / 360_000) / 10}h`;

function withLink(message: OutboundMessage, clock: TrackedMessage): OutboundMessage {
  return clock.permalink ? { ...message, link: clock.permalink } : message;
}

/** ` Days off not counted: Fri 20 Nov (Dia da Consciência Negra).`: holidays and closures a deadline skips. */
function skippedDays(daysOff: readonly { date: LocalDate; name: string }[]): string {
  if (daysOff.length === 0) return "";
  // formatDate ends with the year; within a reply deadline the day and month say enough.
  const days = daysOff.map((d) => `${formatDate(d.date).slice(0, -5)} (${d.name})`);
  return ` Days off not counted: ${days.join(", ")}.`;
}

/** Told once to whoever asked, in their own time zone; names the responder's holidays the deadline skips. */
export function replyDueNotice(
  clock: TrackedMessage,
  asker: Person,
  responder: Person,
  daysOff: readonly { date: LocalDate; name: string }[] = [],
): OutboundMessage {
  return withLink(
    {
      text: `Tandem is keeping an eye on your message in ${where(clock)}: ${responder.name}'s reply is due by ${formatInstant(clock.dueAt, asker.timezone)} your time. Type "noreply" if it no longer needs an answer.`,
      reason: `Your working agreement asks for a reply within ${hours(clock.allowedMs)} of ${responder.name}'s working time.${skippedDays(daysOff)}`,
    },
    clock,
  );
}

export function replyWarning(
  clock: TrackedMessage,
  asker: Person,
  responder: Person,
  percent: number,
): OutboundMessage {
  return withLink(
    {
      text: `${asker.name}'s message in ${where(clock)} is waiting for your reply: it is due by ${formatInstant(clock.dueAt, responder.timezone)} your time. A short reply, or a reaction to acknowledge it, is enough.`,
      reason: `${percent}% of the ${hours(clock.allowedMs)} of your working time agreed for a reply is used.`,
    },
    clock,
  );
}

export function replyBreach(clock: TrackedMessage, asker: Person, responder: Person): OutboundMessage {
  // The intern's worry is who else hears about it: say so, truthfully (see replyLateToAsker).
  const toldAlso =
    clock.direction === "to_intern"
      ? ` Only you and ${asker.name} are told; the university coordinator never hears about a single late reply.`
      : "";
  return withLink(
    {
      text: `Overdue: ${asker.name}'s message in ${where(clock)} was due for your reply at ${formatInstant(clock.dueAt, responder.timezone)} your time.`,
      reason: `The working agreement asks for a reply within ${hours(clock.allowedMs)} of your working time, and that time has passed.${toldAlso}`,
    },
    clock,
  );
}

/** The intern's reply is still late `reply.escalate` after its due time: told to whoever asked, and nobody else. */
export function replyLateToAsker(clock: TrackedMessage, asker: Person, responder: Person): OutboundMessage {
  return withLink(
    {
      text: `${responder.name} has not replied yet to your message in ${where(clock)}: the reply was due at ${formatInstant(clock.dueAt, asker.timezone)} your time. Type "noreply" if it no longer needs an answer.`,
      reason: `You asked, and the working agreement gives ${responder.name} ${hours(clock.allowedMs)} of their working time to reply. Only ${responder.name} and you are told about a late reply; the university coordinator hears only about patterns, never about one message.`,
    },
    clock,
  );
}

export function replyEscalation(
  clock: TrackedMessage,
  asker: Person,
  responder: Person,
  told: Person,
  role: string,
): OutboundMessage {
  return withLink(
    {
      text: `${asker.name}'s message to ${responder.name} in ${where(clock)} is still without a reply: it was due at ${formatInstant(clock.dueAt, told.timezone)} your time.`,
      reason: `You are the ${role}; Tandem tells you when a reply agreed in the working agreement is well overdue.`,
    },
    clock,
  );
}

/** Replies to `noreply`; `timezone` is the asker's. */
export const noreplyCopy = {
  nothingTracked: () => "You have no question that Tandem is tracking, so there is nothing to close.",
  closedAll: (count: number) =>
    `Closed ${plural(count, "tracked question")}; nobody will be reminded about them.`,
  closedOne: (clock: TrackedMessage, timezone: string, stillOpen: number) =>
    `Closed your message in ${where(clock)} of ${formatInstant(clock.sentAt, timezone)}; nobody will be reminded about it.${
      stillOpen > 0
        ? ` ${plural(stillOpen, "other question")} still tracked; "noreply all" closes them too.`
        : ""
    }`,
};

/**
 * One line for `status` and the summaries, each question counted once: "3 questions: 2 answered on
 * time, 1 overdue without a reply; half answered within 2.5h, all within 4.1h of working time".
 */
export function describeFigures(f: ReplyFigures): string {
  const total = f.answered + f.overdue + f.waiting + f.unanswered + f.endedInTime;
  if (total === 0) return "no questions yet";
  const states = [
    f.onTime > 0 ? `${f.onTime} answered on time` : "",
    f.late > 0 ? `${f.late} answered late` : "",
    f.overdue > 0 ? `${f.overdue} overdue without a reply` : "",
    f.waiting > 0 ? `${f.waiting} waiting for a reply, not due yet` : "",
    f.unanswered > 0 ? `${f.unanswered} never answered (overdue when the internship ended)` : "",
    f.endedInTime > 0 ? `${f.endedInTime} without a reply when the internship ended, not due yet` : "",
  ].filter(Boolean);
  const counts = `${plural(total, "question")}: ${states.join(", ")}`;
  if (f.medianHours === undefined) return counts;
  // p90 by nearest rank is the slowest reply until there are ten: say so rather than "9 in 10" of two.
  const times =
    f.answered === 1
      ? `answered in ${f.medianHours}h of working time`
      : `half answered within ${f.medianHours}h, ${f.answered >= 10 ? "9 in 10" : "all"} within ${f.p90Hours}h of working time`;
  return `${counts}; ${times}`;
}
