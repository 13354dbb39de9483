/** Leave as people read it: the command's replies, who is told and who covers, and the cover line on redirected messages. */
import { formatDate } from "../format.js";
import type { OutboundMessage } from "../messages.js";
import type { LeavePeriod, LocalDate, Person } from "../types.js";

const span = (from: LocalDate, to: LocalDate) => `from ${formatDate(from)} to ${formatDate(to)}`;

export const leaveCopy = {
  alreadyOver: (from: LocalDate, to: LocalDate) =>
    `That leave (${formatDate(from)} to ${formatDate(to)}) is already over; give dates from today on.`,
  alreadyOnLeave: (from: LocalDate, to: LocalDate) => `You are already on leave ${span(from, to)}.`,
  /** `covers` names who acts for the speaker; undefined when nobody does (or the speaker has no one to cover for them). */
  /** Only an intern has check-ins and nudges to pause; `isIntern` says whether the speaker is one. */
  noted: (from: LocalDate, to: LocalDate, covers: readonly string[], isIntern: boolean) =>
    `Noted: you are on leave ${span(from, to)}. ${
      isIntern
        ? "Tandem pauses your check-ins and nudges then, and reply deadlines skip those days."
        : "Your reply deadlines skip those days."
    }${
      covers.length > 0
        ? ` ${covers.join(" and ")} covers for you: questions, blockers and acceptance requests go to them.`
        : ""
    } The people you work with have been told.`,
  none: () => "You have no leave planned. Add some with: leave 24 Dec 1 Jan",
  list: (periods: readonly LeavePeriod[]) =>
    ["Your leave:", ...periods.map((l) => `• ${formatDate(l.from)} to ${formatDate(l.to)}`)].join("\n"),
};

/**
 * To the people who work with someone going on leave; `cover` names who acts for them, when someone
 * does. Only an intern's leave pauses check-ins, so only then does the reason say so.
 */
export function leaveNotice(
  away: Person,
  from: LocalDate,
  to: LocalDate,
  cover: Person | undefined,
  awayIsIntern: boolean,
): OutboundMessage {
  return {
    text: `${away.name} will be on leave ${span(from, to)}.${
      cover ? ` ${cover.name} covers for them: questions for ${away.name} go to ${cover.name} then.` : ""
    }`,
    reason: awayIsIntern
      ? "You work with them; Tandem pauses their check-ins and nudges for those days, and their reply deadlines skip them."
      : "You work with them; their reply deadlines skip those days.",
  };
}

/** To the backup who covers: what comes to them during the leave. */
export function coverNotice(away: Person, intern: Person, from: LocalDate, to: LocalDate): OutboundMessage {
  return {
    text: `${away.name} will be on leave ${span(from, to)}; you cover for them with ${intern.name}. Tandem sends you ${intern.name}'s questions to ${away.name}, blockers, check-in summaries, acceptance requests and reply alerts during those days.`,
    reason: `You are ${intern.name}'s backup supervisor in the working agreement.`,
  };
}

/** To the coordinator when nobody covers an intern's supervisor: told once per leave. */
export function uncoveredNotice(
  away: Person,
  intern: Person,
  from: LocalDate,
  to: LocalDate,
): OutboundMessage {
  return {
    text: `${intern.name} has no one covering ${span(from, to)}: ${away.name} will be on leave and no backup supervisor is available. Questions and blockers wait for ${away.name}'s return unless someone steps in.`,
    reason: `You coordinate ${intern.name}'s internship; Tandem tells you once when an intern is uncovered.`,
  };
}

/** Appended to a message redirected to the person covering, so they know why it came to them. */
export function coveringFor(message: OutboundMessage, away: Person): OutboundMessage {
  const line = `It came to you because you cover for ${away.name}, who is on leave.`;
  return { ...message, reason: message.reason ? `${message.reason} ${line}` : line };
}

/** Added to the asker's receipt when the question runs on the cover's clock. */
export function coverReceiptLine(away: Person, cover: Person): string {
  return `${away.name} is on leave, so ${cover.name} covers and the time runs on ${cover.name}'s working hours.`;
}
