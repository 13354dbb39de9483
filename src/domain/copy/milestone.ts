/** Milestone follow-up as people read it: due reminders, overdue alerts, acceptance requests and announcements. */
import { neutralizeMentions } from "../escape.js";
import { formatDate } from "../format.js";
import type { OutboundMessage } from "../messages.js";
import { ACCEPT_WAIT_WORKING_DAYS } from "../milestone-followup.js";
import type { Milestone } from "../milestones.js";
import type { LocalDate } from "../types.js";

// Everything a user or the programme file typed is neutralised before it is echoed.
const safe = neutralizeMentions;
const named = (m: Milestone) => `#${m.id} "${safe(m.title)}"`;
const MOVE_HINT = (id: number) => `"milestone move ${id} <date> because <reason>"`;

export function reminderMessage(m: Milestone, daysBefore: number): OutboundMessage {
  return {
    text: `Your milestone ${named(m)} is due ${formatDate(m.due)}. When it is finished, type "milestone done ${m.id}"; if it needs more time, agree a new date with your supervisor and type ${MOVE_HINT(m.id)}.`,
    reason: `Because "${safe(m.title)}" is due ${formatDate(m.due)} and your working agreement reminds you ${daysBefore} working day${daysBefore === 1 ? "" : "s"} before.`,
  };
}

const blockedNote = (m: Milestone) =>
  m.status === "blocked" && m.blockReason ? ` It is marked blocked: ${safe(m.blockReason)}.` : "";

export function overdueInternMessage(m: Milestone, supervisorName: string): OutboundMessage {
  return {
    text: `Your milestone ${named(m)} was due ${formatDate(m.due)} and is still open.${blockedNote(m)} If it is finished, type "milestone done ${m.id}". If it needs more time, agree a new date with ${safe(supervisorName)} and type ${MOVE_HINT(m.id)}.`,
    reason: `Because "${safe(m.title)}" is past its due date (${formatDate(m.due)}); you hear about it at most once a working week until it is done or moved.`,
  };
}

export function overdueSupervisorMessage(m: Milestone, internName: string): OutboundMessage {
  const intern = safe(internName);
  return {
    text: `${intern}'s milestone ${named(m)} was due ${formatDate(m.due)} and is still open.${blockedNote(m)} A short talk may help: is something in the way, or does it need a new date?`,
    reason: `Because you supervise ${intern} and an open milestone past its date can mean the intern is stuck; you hear about it at most once a working week while it stays open.`,
  };
}

const acceptButton = (id: number) => ({
  action: "milestone.accept",
  value: String(id),
  label: "Accept…",
  style: "primary" as const,
});
const acceptHow = (id: number) => `press Accept, or type "milestone accept ${id} <how you will use it>"`;

export function acceptRequestMessage(m: Milestone, internName: string): OutboundMessage {
  const intern = safe(internName);
  return {
    text: `${intern} marked milestone ${named(m)} as done. Please accept it and say how the result will be used: ${acceptHow(m.id)}.`,
    reason: `Because ${intern} finished it, and hearing how the company uses the work shows the intern that it counts.`,
    buttons: [acceptButton(m.id)],
  };
}

export function acceptReminderMessage(m: Milestone, internName: string, doneOn: LocalDate): OutboundMessage {
  const intern = safe(internName);
  return {
    text: `${intern}'s milestone ${named(m)} has been waiting for your acceptance since ${formatDate(doneOn)}. To accept it and say how the result will be used, ${acceptHow(m.id)}.`,
    reason: `Because it was marked done ${ACCEPT_WAIT_WORKING_DAYS} of your working days ago and is not accepted yet; this is the only reminder.`,
    buttons: [acceptButton(m.id)],
  };
}

export function acceptedMessage(
  m: Milestone,
  accepterName: string,
  feedback: string | undefined,
): OutboundMessage {
  const how = feedback?.trim() ? ` How it will be used: ${safe(feedback.trim())}` : "";
  return {
    text: `${safe(accepterName)} accepted your milestone ${named(m)}.${how}`,
    reason: "Because the company counts on this work, and you should know it.",
  };
}

export function announceMessage(m: Milestone, internName: string): OutboundMessage {
  return {
    text: `${safe(internName)} finished milestone ${named(m)}, due ${formatDate(m.due)}.`,
    reason: "Because this internship's working agreement announces finished milestones in its home channel.",
  };
}
