/**
 * Milestones as people read them: due reminders, overdue alerts, acceptance requests and announcements,
 * and the replies to `milestone` commands and the Accept button.
 */
import { echo } from "../command-syntax/echo.js";
import { neutralizeMentions } from "../escape.js";
import { formatDate } from "../format.js";
import type { OutboundForm, OutboundMessage } from "../messages.js";
import { ACCEPT_WAIT_WORKING_DAYS } from "../milestone-followup.js";
import type {
  Milestone,
  MilestoneAction,
  MilestoneRefusal,
  MilestoneShownStatus,
  TransitionRefusal,
} from "../milestones.js";
import { truncateText } from "../text-cut.js";
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

/** Why the speaker may not do `action` to a milestone (see `refusal`). */
export function milestoneRefusalText(why: MilestoneRefusal, action: MilestoneAction): string {
  switch (why) {
    case "outsider":
      return "That milestone belongs to an internship you are not part of.";
    case "role":
      return action === "accept"
        ? "Only the supervisor or the coordinator can accept a milestone."
        : `Only the intern and the supervisor can ${action} milestones.`;
    case "reopenAccepted":
      return "An accepted milestone can be reopened by the supervisor or the coordinator.";
  }
}

/** Why a milestone in its current state cannot take the change (see `transition`). */
export function transitionRefusalText(why: TransitionRefusal, m: Pick<Milestone, "id" | "status">): string {
  const { id, status } = m;
  switch (why) {
    case "alreadyFinished":
      return `Milestone #${id} is already ${status}.`;
    case "reopenFirst":
      return `Milestone #${id} is ${status}; reopen it first with "milestone reopen ${id}".`;
    case "cannotBlock":
      return `Milestone #${id} is ${status}, so it cannot be blocked.`;
    case "alreadyAccepted":
      return `Milestone #${id} is already accepted.`;
    case "notDone":
      return `Milestone #${id} is not done yet; the intern marks it with "milestone done ${id}" first.`;
    case "alreadyOpen":
      return `Milestone #${id} is already open.`;
  }
}

/** One line of `milestone list`; `brief` shortens a long title and block reason so many fit one message. */
export function milestoneListLine(m: Milestone, status: MilestoneShownStatus, brief = false): string {
  const reason = m.status === "blocked" && m.blockReason ? safe(m.blockReason) : "";
  const extra = reason ? ` (${brief ? truncateText(reason, 40) : reason})` : "";
  const title = safe(m.title);
  return `#${m.id}  ${formatDate(m.due)}  ${status}${extra}  ${brief ? truncateText(title, 60) : title}`;
}

/** Replies to the `milestone` commands; `intern` is the name of the intern whose milestones they are, empty for the speaker's own. */
export const milestoneCommandCopy = {
  dueInPast: (due: LocalDate) => `${formatDate(due)} is in the past; pick a due date from today on.`,
  dueAfterEnd: (end: LocalDate) =>
    `The internship ends on ${formatDate(end)}; pick a due date on or before it.`,
  added: (m: Milestone, intern: string) =>
    `Added milestone ${named(m)}${intern ? ` for ${intern}` : ""}, due ${formatDate(m.due)}.`,
  listNone: (intern: string, all: boolean) =>
    all
      ? `${whose(intern)}: none yet. Add one with: milestone add "Title" due 15 Dec`
      : `${whose(intern)}: nothing open. Type "milestone list all" to include accepted ones, or add one with: milestone add "Title" due 15 Dec`,
  list: (intern: string, lines: readonly string[], shortened = false) =>
    [`${whose(intern)}, by due date${shortened ? " (long titles shortened)" : ""}:`, ...lines].join("\n"),
  /** Closes a list too long for one message: the latest-due milestones are left out. */
  listMore: (left: number, all: boolean) =>
    `and ${left} more, due later${all ? '; "milestone list" leaves out the accepted ones' : ""}`,
  unknown: (id: number) => `There is no milestone #${id}. Type "milestone list" to see the numbers.`,
  done: (m: Milestone) => `Marked ${named(m)} as done. Your supervisor can now accept it.`,
  moveInPast: (due: LocalDate) => `${formatDate(due)} is in the past; pick a date from today on.`,
  moveSameDate: (m: Milestone) => `Milestone #${m.id} is already due on ${formatDate(m.due)}.`,
  moved: (m: Milestone, to: LocalDate, reason: string | undefined) =>
    `Moved ${named(m)} from ${formatDate(m.due)} to ${formatDate(to)}${reason ? ` because ${safe(reason)}` : ""}.`,
  blocked: (m: Milestone, reason: string) =>
    `Marked ${named(m)} as blocked: ${safe(reason)}. Your supervisor will see it in the list.`,
  accepted: (m: Milestone, feedback: string | undefined) =>
    `Accepted ${named(m)}${feedback ? ` with feedback: ${safe(feedback)}` : ""}.`,
  reopened: (m: Milestone) => `Reopened ${named(m)}; it is planned again, due ${formatDate(m.due)}.`,
};

function whose(intern: string): string {
  return intern ? `${intern}'s milestones` : "Your milestones";
}

/** The Accept button: the form that asks how the result will be used, and its errors. */
export const milestoneActionCopy = {
  unknownButton: (action: string) =>
    `I don't know the button ${echo(action)}; type "help milestone" to see what you can do.`,
  noNumber: (value: string) =>
    `That button names no milestone number (${echo(value)}); type "milestone accept <number> <how you will use it>" instead.`,
  acceptPrompt: (id: number) => `Accept milestone #${id}: say how you will use the result.`,
  acceptForm: (id: number, maxLength: number): OutboundForm => ({
    action: "milestone.accept",
    value: String(id),
    title: `Accept milestone #${id}`,
    submitLabel: "Accept",
    fields: [
      {
        id: "feedback",
        label: "How will you use this result?",
        kind: "text",
        multiline: true,
        maxLength,
        optional: true,
      },
    ],
  }),
  feedbackTooLong: (max: number, length: number) =>
    `Please keep the feedback to ${max} characters (it has ${length}); nothing was changed.`,
};
