/** Introductions as people read them: the colleague's request, "did you meet?", and the replies to `intro` and its buttons. */
import { formatDate, plural } from "../format.js";
import type { OutboundMessage } from "../messages.js";
import type { LocalDate } from "../types.js";

/** The request to a colleague who agreed to meet interns: consent first, with what they need to decide. */
export function introRequest(facts: {
  introId: number;
  intern: string;
  internCountry: string;
  internProfile: string;
  supervisor: string;
  sharedHours: readonly string[];
  capacity: number;
}): OutboundMessage {
  const value = String(facts.introId);
  return {
    text:
      `Would you meet ${facts.intern}, a virtual intern working from ${facts.internCountry}? ` +
      `If you say yes, Tandem opens a group conversation for the two of you with a short introduction; a 30-minute call in the next week or two is all it takes.`,
    fields: [
      { label: "Intern", value: `${facts.intern}: ${facts.internProfile}` },
      { label: "Supervisor", value: facts.supervisor },
      { label: "Your shared working hours", value: facts.sharedHours.join("; ") },
    ],
    buttons: [
      { action: "intro.accept", value, label: "Yes, introduce us", style: "primary" },
      { action: "intro.decline", value, label: "Not now" },
    ],
    reason:
      `You agreed to meet interns. Tandem asks you at most ${facts.capacity} times a month, only for interns whose working hours overlap yours by an hour or more. ` +
      `Without an answer within a working week the request lapses, with no reminder; type "intro optout" to stop being asked.`,
  };
}

/** Asked once of each side, a working week after the introduction; `when` is in the reader's time. */
export function introFollowUp(
  introId: number,
  rescheduled: boolean,
  other: string,
  when: string,
): OutboundMessage {
  const value = String(introId);
  return {
    text: rescheduled
      ? `Did you and ${other} meet this time? You chose to find a new time on ${when} (your time).`
      : `Did you and ${other} meet? Tandem introduced you on ${when} (your time).`,
    buttons: [
      { action: "intro.met", value, label: "Yes, we met", style: "primary" },
      { action: "intro.notmet", value, label: "Not yet" },
    ],
    reason:
      "Tandem asks once, a working week after an introduction, so the intern's introduction plan shows who they have met. One answer from either of you is enough.",
  };
}

/** The two people of an accepted introduction, as the group message introduces them. */
export interface IntroPair {
  intern: { name: string; first: string; country: string; profile: string };
  colleague: { name: string; first: string; country: string; profile: string };
  supervisor: string;
  /** Both are registered in the same country (their codes are equal). */
  sameCountry: boolean;
  /** The hours both work in a typical week, one line each. */
  sharedHours: readonly string[];
  plan: { target: number; departments: number };
}

/** The group message that opens an accepted introduction; countries are already spelled out. */
export function groupIntroduction(p: IntroPair): OutboundMessage {
  const { intern, colleague } = p;
  const places = p.sameCountry
    ? `in your two teams in ${intern.country}`
    : `in ${intern.country} and in ${colleague.country}, and in your two teams`;
  return {
    text: `${intern.name}, meet ${colleague.name}; ${colleague.name}, meet ${intern.name}! ${colleague.first} agreed to meet ${intern.first}, who is a virtual intern with ${p.supervisor}. Find 30 minutes for a call when you both work.`,
    fields: [
      { label: intern.name, value: intern.profile },
      { label: colleague.name, value: colleague.profile },
      { label: "When you both work", value: p.sharedHours.join("\n") || "no shared hours in a typical week" },
      {
        label: "To start the conversation",
        value: `How are things done differently ${places}? For example: who makes a decision and how, how you negotiate a deadline or a disagreement, and how direct a written message can be.`,
      },
    ],
    reason: `${colleague.first} said yes to meeting ${intern.first}. Meeting colleagues beyond one team is part of ${intern.first}'s internship plan (${p.plan.target} colleagues from ${p.plan.departments} departments); in a working week Tandem asks you both whether you met.`,
  };
}

/** The one offer to find a new time, in the introduction's group conversation. */
export function rescheduleOffer(introId: number, intern: string, colleague: string): OutboundMessage {
  return {
    text: `${intern} and ${colleague}, you have not managed to meet yet. Would you like to find a new time?`,
    buttons: [
      {
        action: "intro.reschedule",
        value: String(introId),
        label: "Yes, we'll find a new time",
        style: "primary",
      },
    ],
    reason:
      "Tandem offers a new time once; if you pick one, it asks again in a working week. If not, nothing more happens.",
  };
}

/** Replies to the buttons on introduction messages; names are first names unless said otherwise. */
export const introActionCopy = {
  unknownIntro: (value: string) =>
    `That button names no introduction I know (${value}); type "intro status" to see yours.`,
  unknownButton: (action: string) =>
    `I don't know the button ${action}; type "intro status" to see your introductions.`,
  between: (intern: string, colleague: string) => `This introduction is between ${intern} and ${colleague}.`,
  onlyColleagueAccepts: (between: string, colleague: string) => `${between} Only ${colleague} can say yes.`,
  onlyColleagueAnswers: (between: string, colleague: string) => `${between} Only ${colleague} can answer.`,
  alreadyAccepted: (intern: string) => `You already said yes to meeting ${intern}; thank you!`,
  requestClosed: (intern: string) =>
    `This request has closed (you said not now, or it waited more than a working week), so nothing changed. Tandem will not ask you about ${intern} again.`,
  cannotReach: (intern: string, platform: string) =>
    `I cannot reach ${intern} on ${platform} yet, so nothing changed; please ask the programme coordinator to add their ${platform} id.`,
  /** `when` is empty when the group conversation opens now. */
  accepted: (internFullName: string, when: string | undefined) =>
    `Thank you! Tandem opens a group conversation with ${internFullName}${when ? ` on ${when} your time, when you both work` : ""}, with a short introduction of you both.`,
  declineClosed: (intern: string) =>
    `That request has already closed; Tandem will not ask you about ${intern} again.`,
  declineAfterYes: (intern: string) =>
    `You already said yes to meeting ${intern}. If you cannot meet after all, answer "Not yet" when Tandem asks whether you met.`,
  declined: (intern: string) =>
    `No problem. Tandem will not ask you about ${intern} again, and ${intern} is not told.`,
  alreadyMet: (other: string) => `Already noted: you and ${other} met. Thanks!`,
  noMeetingToRecord: (colleague: string) =>
    `${colleague} has not agreed to this introduction, so there is no meeting to record.`,
  met: (other: string) => `Great, noted: you and ${other} met. Thank you for telling me.`,
  otherSaidMet: (other: string) => `${other} said you met, so it stays recorded as a meeting. Thanks!`,
  alreadyNotMet: () => "Already noted that you have not met yet. Thanks!",
  nothingToAnswer: (colleague: string) =>
    `${colleague} has not agreed to this introduction, so there is nothing to answer.`,
  notMetFinal: () => "Thanks for telling me. Tandem will not ask about this introduction again.",
  notMetOffered: () => "Thanks for telling me. I offered you both one chance to find a new time.",
  rescheduleAlready: () => "Already done: Tandem asks again in a working week whether you met.",
  rescheduleMet: () => "You have already met; nothing to reschedule.",
  rescheduleRefused: () => "This introduction cannot be rescheduled (again), so nothing changed.",
  rescheduled: () =>
    "Good luck finding a time! Tandem asks you both again in a working week whether you met.",
};

/** What `intro status` shows about one internship's plan; people are described as "Name (Department, Country)". */
export interface IntroStatusFacts {
  intern: string;
  met: readonly string[];
  departments: readonly string[];
  plan: { target: number; departments: number };
  deadline: LocalDate;
  reached: boolean;
  /** The pace so far cannot reach the plan (see planState). */
  behind: boolean;
  /** Colleagues an even pace would have met by now. */
  expected: number;
  /** The planned weeks are over. */
  pastDeadline: boolean;
  agreed: readonly string[];
  notHeld: readonly string[];
  /** Requests waiting for an answer: counted, never named (a colleague's no should not feel like a rejection). */
  asking: number;
}

/** A colleague met, as `intro status` lists them: "Name (Department, Country)". */
export function colleagueLine(name: string, department: string | undefined, country: string): string {
  const where = [department, country].filter(Boolean).join(", ");
  return `${name} (${where})`;
}

export function introStatus(f: IntroStatusFacts): string {
  const lines = [
    `Introductions for ${f.intern}: ${f.met.length} of ${plural(f.plan.target, "colleague")} met, from ${f.departments.length} of ${plural(f.plan.departments, "department")}; the plan runs until ${formatDate(f.deadline)}.`,
  ];
  if (f.reached) lines.push("The plan is reached. 🎉");
  else if (f.pastDeadline) lines.push("The planned weeks are over; Tandem goes on introducing colleagues.");
  else if (f.behind)
    lines.push(
      `Behind the plan: ${plural(f.expected, "colleague")} met by now would keep it within reach. Tandem keeps proposing introductions; a "met @colleague" after any meeting counts too.`,
    );
  lines.push(f.met.length > 0 ? `Met: ${f.met.join("; ")}` : "Met: nobody yet.");
  if (f.departments.length > 0) lines.push(`Departments: ${f.departments.join(", ")}`);
  if (f.agreed.length > 0) lines.push(`Agreed to meet, not met yet: ${f.agreed.join(", ")}`);
  if (f.notHeld.length > 0) lines.push(`Did not manage to meet: ${f.notHeld.join(", ")}`);
  if (f.asking > 0) lines.push(`Waiting for ${plural(f.asking, "colleague")} to answer a request.`);
  return lines.join("\n");
}

/** Replies to `intro optin`, `intro optout` and a colleague's `intro status`. */
export const introCommandCopy = {
  internCannotOptIn: () =>
    'You are an intern here, so Tandem introduces colleagues to you rather than you to other interns; nothing changed. Type "intro status" to see your introductions.',
  alreadyOptedIn: (capacity: number) =>
    `You already meet interns (${limit(capacity)}). Type "intro optout" to stop.`,
  optedIn: (capacity: number) =>
    `Thank you! Tandem may ask you to meet an intern (${limit(capacity)}, only interns whose working hours overlap yours). You are always asked first and can say "not now".${capacity === 0 ? " Your monthly number of introductions is 0 in the programme file, so ask the coordinator to raise it." : ""} Type "intro optout" to stop.`,
  notOptedIn: () =>
    'You are not on the list of colleagues who meet interns, so nothing changed. Type "intro optin" to join.',
  optedOut: (withdrawn: number) =>
    `Done: Tandem will not ask you to meet interns any more.${withdrawn > 0 ? ` ${plural(withdrawn, "open request")} to you closed.` : ""} Introductions you already said yes to stay as they are. Type "intro optin" to join again.`,
  notLoaded: () => "That internship could not be loaded; please try again.",
  neitherInternNorColleague: () =>
    'You are not part of an internship, and not on the list of colleagues who meet interns. Type "intro optin" to join it.',
  colleagueStatus: (capacity: number) =>
    `You meet interns: Tandem asks you at most ${plural(capacity, "time")} a month, always first. Type "intro optout" to stop.`,
};

function limit(capacity: number): string {
  return `at most ${plural(capacity, "introduction")} a month`;
}
