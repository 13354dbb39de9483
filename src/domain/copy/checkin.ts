/** Check-ins as people read them: the prompt, the form, the one reminder, and what the supervisor hears. */
import type { AgreementTerms } from "../agreement-terms.js";
import { CHECKIN_QUESTIONS, type Checkin } from "../checkins.js";
import { neutralizeMentions } from "../escape.js";
import { formatDate, formatDayMonth } from "../format.js";
import type { OutboundField, OutboundForm, OutboundMessage } from "../messages.js";
import type { Milestone } from "../milestones.js";
import type { LocalDate, Person } from "../types.js";

const firstName = (person: Person) => person.name.split(" ")[0] ?? person.name;

/** The check-in as a form: a Slack modal, a Teams card, prompts in the console. */
export function checkinForm(date: LocalDate): OutboundForm {
  return {
    action: "checkin.answer",
    value: date,
    // Slack shows at most 24 characters of a modal title: the day and month say which check-in it is.
    title: `Check-in, ${formatDayMonth(date)}`,
    submitLabel: "Send",
    fields: CHECKIN_QUESTIONS.map((q) =>
      q.id === "connectedness"
        ? {
            id: q.id,
            label: q.label,
            kind: "choice" as const,
            optional: true,
            choices: ["1", "2", "3", "4", "5"].map((n) => ({ value: n, label: n })),
          }
        : {
            id: q.id,
            label: q.label,
            kind: "text" as const,
            multiline: true,
            maxLength: 2000,
            optional: true,
          },
    ),
  };
}

export function checkinPrompt(
  intern: Person,
  date: LocalDate,
  checkIn: AgreementTerms["checkIn"],
): OutboundMessage {
  return {
    text: [
      `Hi ${firstName(intern)}, time for your check-in (${formatDate(date)}):`,
      ...CHECKIN_QUESTIONS.map((q) => `• ${q.label}`),
      'Press Answer, type "checkin", or reply here with the labels, e.g. "done: ... / next: ... / blocker: ... / connected: 4".',
    ].join("\n"),
    buttons: [{ action: "checkin.open", value: date, label: "Answer", style: "primary" }],
    reason: `Your working agreement has a check-in at ${checkIn.at} on ${checkIn.days}, your local time.`,
  };
}

export function checkinReminder(
  intern: Person,
  date: LocalDate,
  checkIn: AgreementTerms["checkIn"],
): OutboundMessage {
  return {
    text: `${firstName(intern)}, your check-in for ${formatDate(date)} is still open. A few words are enough; your supervisor reads them.`,
    buttons: [{ action: "checkin.open", value: date, label: "Answer", style: "primary" }],
    reason: `It was still unanswered ${checkIn.reminderAfter} of your working time after it was sent. This is the only reminder.`,
  };
}

export function answerFields(checkin: Checkin): OutboundField[] {
  const safe = (text: string | undefined) => (text ? neutralizeMentions(text) : "—");
  return [
    { label: "Moved forward", value: safe(checkin.progress) },
    { label: "Next", value: safe(checkin.nextSteps) },
    { label: "Blocker", value: checkin.blockers ? neutralizeMentions(checkin.blockers) : "none" },
    { label: "Connected to the team", value: checkin.connectedness ? `${checkin.connectedness}/5` : "—" },
  ];
}

export function slippingLines(slipping: readonly Milestone[]): string[] {
  return slipping.map(
    (m) =>
      `Slipping: #${m.id} "${neutralizeMentions(m.title)}" has moved ${m.moves} times, now due ${formatDate(m.due)}.`,
  );
}

/** The supervisor's daily summary of one intern's check-in day. */
export function checkinSummary(
  intern: Person,
  checkin: Checkin,
  slipping: readonly Milestone[],
): OutboundMessage {
  const answered = checkin.status === "answered" || checkin.status === "partial";
  const head = answered
    ? `${intern.name}'s check-in for ${formatDate(checkin.date)}${checkin.status === "partial" ? " (partly answered)" : ""}:`
    : `${intern.name} did not answer the check-in of ${formatDate(checkin.date)}.`;
  const message: OutboundMessage = {
    text: [head, ...slippingLines(slipping)].join("\n"),
    reason: `You supervise ${intern.name}; the working agreement sends you a daily summary of the check-ins ("agreement set checkin.summary each" sends each answer instead).`,
  };
  if (answered) message.fields = answerFields(checkin);
  return message;
}

export function checkinAnswered(intern: Person, checkin: Checkin): OutboundMessage {
  return {
    text: `${intern.name} answered the check-in of ${formatDate(checkin.date)}:`,
    fields: answerFields(checkin),
    reason: `You supervise ${intern.name}; the working agreement sends you each check-in answer as it comes.`,
  };
}

export function blockerNotice(intern: Person, checkin: Checkin): OutboundMessage {
  return {
    text: `${intern.name} is blocked: “${neutralizeMentions(checkin.blockers ?? "")}” (check-in of ${formatDate(checkin.date)}).`,
    reason: "A blocker from a check-in goes to the supervisor at once, inside your contact hours.",
  };
}

/** `nudgedOn`: the day Tandem nudged the intern about the check-ins during this streak, if it did. */
export function missedStreakNotice(
  intern: Person,
  dates: readonly LocalDate[],
  nudgedOn: LocalDate | undefined,
): OutboundMessage {
  const said = nudgedOn
    ? `Tandem suggested to ${firstName(intern)} on ${formatDate(nudgedOn)} to answer the check-in, even with one line.`
    : `Apart from the check-ins themselves, Tandem has not raised this with ${firstName(intern)}.`;
  return {
    text: `${intern.name} has not answered the last ${dates.length} check-ins (${dates.map(formatDate).join(", ")}). A short call may help. ${said}`,
    reason: `You supervise ${intern.name}; Tandem tells you privately after ${dates.length} missed check-ins in a row.`,
  };
}

/** Replies to the `checkin` command, its button and its form. */
export const checkinCopy = {
  formHeading: () => "Your check-in:",
  internsOnly: () =>
    'Check-ins are answered by the intern. To read them, type "checkin history for @intern".',
  outsideInternship: (start: LocalDate, end: LocalDate) =>
    `Your internship runs from ${formatDate(start)} to ${formatDate(end)}; there is no check-in today.`,
  inFuture: () => "That check-in is in the future; answer it on its day.",
  empty: () => 'That check-in had no answers, so nothing was saved. Type "checkin" to try again.',
  /** `forwardedTo`: "supervisor", or the name of whoever covers for them; undefined without a blocker. */
  saved: (date: LocalDate, forwardedTo: string | undefined, partial: boolean) =>
    `Thanks, your check-in for ${formatDate(date)} is saved.${
      forwardedTo === undefined
        ? ""
        : forwardedTo === "supervisor"
          ? " Your blocker went to your supervisor."
          : ` Your blocker went to ${forwardedTo}, who covers while your supervisor is on leave.`
    }${partial ? ' Some answers are still open; add them any time today with "checkin".' : ""}`,
  /** A form or button names a day whose check-in was never sent (or a date that is no day at all). */
  notOpen: (date: LocalDate | undefined) =>
    `${date ? `There was no check-in on ${formatDate(date)}` : "That check-in does not exist"}; answer today's with "checkin".`,
  closed: (date: LocalDate) =>
    `The check-in of ${formatDate(date)} is closed; answer today's with "checkin".`,
  /** A `connected:` that was not a score: said back, so a lost score is never silent. */
  unreadScore: (typed: string) =>
    ` The score "${neutralizeMentions(typed)}" was not saved: write "connected: 4" (a number from 1 to 5).`,
  /** An unlabelled direct message while a check-in is open: saved only if the intern says so. */
  confirmQuestion: (date: LocalDate) =>
    `Save this as your check-in for ${formatDate(date)}? (Next time, start with "done:" and it is saved at once.)`,
  notSaved: () => "OK, not saved as a check-in.",
  noBlocker: () => "Noted: nothing is blocking you.",
};

/** The Yes / No buttons under the question; Yes carries the date and the text (a platform holds it, not Tandem). */
export function checkinConfirmButtons(date: LocalDate, text: string) {
  return [
    {
      action: "checkin.confirm",
      value: `${date}\n${text}`,
      label: "Yes, save it",
      style: "primary" as const,
    },
    { action: "checkin.dismiss", value: date, label: "No" },
  ];
}
