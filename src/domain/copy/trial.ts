/** Trial check-ins (`try checkin`) as people read them: the intern's trial, the preview, and the replies. */
import type { AgreementTerms } from "../agreement-terms.js";
import { CHECKIN_QUESTIONS } from "../checkins.js";
import { formatDate, formatDayMonth, formatInstant } from "../format.js";
import type { OutboundForm, OutboundMessage } from "../messages.js";
import type { LocalDate, Person, Platform } from "../types.js";
import { checkinForm } from "./checkin.js";

const firstName = (person: Person) => person.name.split(" ")[0] ?? person.name;

const PLATFORM_NAMES: Record<Platform, string> = { slack: "Slack", teams: "Teams", console: "playground" };

type SummaryMode = AgreementTerms["checkIn"]["summary"];

const whenSupervisorHears = (mode: SummaryMode, intern: Person) =>
  mode === "daily"
    ? `in a daily summary at the end of ${firstName(intern)}'s check-in day`
    : "as soon as each answer comes";

/** The trial itself: the real questions, marked as a trial; its button opens the trial form (`value` says which trial). */
export function trialCheckinPrompt(
  intern: Person,
  requester: Person,
  date: LocalDate,
  checkIn: AgreementTerms["checkIn"],
  value: string,
): OutboundMessage {
  const asked = requester.id === intern.id ? "You asked for it" : `${requester.name} asked for it`;
  return {
    text: [
      `Hi ${firstName(intern)}, this is a trial check-in (${formatDate(date)}): nothing you answer is saved or counted. ${asked}, to see how check-ins work.`,
      ...CHECKIN_QUESTIONS.map((q) => `• ${q.label}`),
      "Press Answer to try the form.",
    ].join("\n"),
    buttons: [{ action: "checkin-trial.open", value, label: "Answer", style: "primary" }],
    reason: `A trial asked for with "try checkin". Your real check-ins come at ${checkIn.at} on ${checkIn.days}, your local time, from the first day of your internship.`,
  };
}

/** The check-in form, submitted as a trial answer. */
export function trialCheckinForm(date: LocalDate, value: string): OutboundForm {
  // Slack shows at most 24 characters of a modal title: "Trial check-in, 30 Sep" is 22.
  return {
    ...checkinForm(date),
    action: "checkin-trial.answer",
    value,
    title: `Trial check-in, ${formatDayMonth(date)}`,
  };
}

/**
 * To whoever asked for the trial: the supervisor's message, built from the trial's answers by the same
 * words as the real one; `blocker` is the notice a blocker sends the supervisor at once, when one was given.
 */
export function trialPreview(
  intern: Person,
  supervisor: Person,
  reader: Person,
  mode: SummaryMode,
  message: OutboundMessage,
  blocker: OutboundMessage | undefined,
): OutboundMessage {
  const who = reader.id === supervisor.id ? "you receive" : `${supervisor.name} (supervisor) receives`;
  const lines = [
    `Trial check-in answered by ${intern.name}; nothing of it was saved or counted. After a real check-in ${who} this, ${whenSupervisorHears(mode, intern)}:`,
    message.text,
  ];
  if (blocker) lines.push(`A blocker also goes out at once, on its own: ${blocker.text}`);
  const preview: OutboundMessage = {
    text: lines.join("\n"),
    reason: `You asked for a trial check-in for ${intern.name} ("try checkin").`,
  };
  if (message.fields) preview.fields = message.fields;
  return preview;
}

export const trialCopy = {
  /** `arrivesAt`: undefined when it goes out now, else the start of the intern's next contact hours. */
  sent: (
    intern: Person,
    speaker: Person,
    supervisor: Person,
    mode: SummaryMode,
    arrivesAt: Date | undefined,
  ) => {
    const self = intern.id === speaker.id;
    const opening = self ? "A trial check-in is on its way to you" : `${intern.name} gets a trial check-in`;
    const when = arrivesAt
      ? ` It waits for ${self ? "your" : `${firstName(intern)}'s`} contact hours: ${formatInstant(arrivesAt, intern.timezone)}, ${self ? "your" : "their"} time.`
      : "";
    const answers = self ? "you answer" : `${firstName(intern)} answers`;
    const reader = supervisor.id === speaker.id ? "you receive" : `${supervisor.name} (supervisor) receives`;
    return `${opening}${arrivesAt ? "" : " now"}, marked as a trial: nothing of it is saved or counted.${when} When ${answers}, you get a preview of what ${reader}, ${whenSupervisorHears(mode, intern)}.`;
  },
  /** A trial for this internship has not gone out yet. */
  waiting: (intern: Person, at: Date) =>
    `A trial check-in for ${intern.name} is already waiting for their contact hours (${formatInstant(at, intern.timezone)} their time); it is enough.`,
  ended: (intern: Person, end: LocalDate) =>
    `${intern.name}'s internship ended on ${formatDate(end)}; there is no check-in to try.`,
  unreachable: (intern: Person, platform: Platform) =>
    `Tandem cannot send ${intern.name} a message yet: the programme has no ${PLATFORM_NAMES[platform]} account for them. Add it and try again.`,
  answered: (intern: Person, requester: Person) =>
    `Thanks! That was a trial: nothing was saved or counted. ${
      requester.id === intern.id ? "You get" : `${requester.name} gets`
    } a preview of what your supervisor would receive.`,
  /** A trial's button or form that does not belong to the person pressing it, or to no trial at all. */
  notYours: () => "That trial check-in is not yours to answer; your real check-ins arrive on their own.",
  empty: () =>
    "That trial had no answers, so no preview went out; press Answer again and fill in at least one.",
  alreadyAnswered: () => "You answered this trial already; the preview went out with your first answer.",
};
