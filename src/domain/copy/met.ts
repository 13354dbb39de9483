/** Replies to `met @person [note]`, the log of a live meeting between an intern and the company. */
import { neutralizeMentions } from "../escape.js";
import { formatDate } from "../format.js";
import type { OutboundMessage } from "../messages.js";
import type { LocalDate } from "../types.js";

// Names and notes came from people; neutralised before they are echoed.
const safe = neutralizeMentions;
const EXAMPLE = "met @bram weekly call about the survey";

export const metCopy = {
  /** `name` is what was typed after @, or undefined when the mention was not a plain name. */
  unknownPerson: (name: string | undefined) =>
    `I don't know ${name === undefined ? "that person" : `@${safe(name)}`} in this workspace. Check the name and try again, e.g. ${EXAMPLE}.`,
  self: () => `A meeting needs someone else: name the person you met, e.g. ${EXAMPLE}.`,
  otherIntern: (name: string) =>
    `${safe(name)} is an intern too, not part of your internship's company side, so this meeting does not count for your connection signal. Log meetings with people from the company, e.g. ${EXAMPLE}.`,
  notAnIntern: (name: string) =>
    `${safe(name)} is not an intern; "met" logs a live meeting with an intern, e.g. met @ana call about the survey.`,
  /** `intern` is empty when the speaker is the intern. */
  outsideInternship: (intern: string, start: LocalDate, end: LocalDate) =>
    `${intern ? `${safe(intern)}'s` : "Your"} internship runs from ${formatDate(start)} to ${formatDate(end)}, so there is no meeting to log today.`,
  /** Somebody outside the internship, without an accepted or held introduction, named the intern. */
  notAllowed: (intern: string) =>
    `Only the people of ${safe(intern)}'s internship and colleagues introduced to ${safe(intern)} can log a meeting with ${safe(intern)}. If you met, ${safe(intern)} can log it: met @you.`,
  /** The intern is told who logged a meeting with them, so nobody clears their signal unseen. */
  loggedForYou: (by: string, note: string | undefined): OutboundMessage => ({
    text: `${safe(by)} logged a meeting with you today.${noted(note)}`,
    reason: `Meetings logged with you count for your connection signal. If you did not meet ${safe(by)}, tell your supervisor.`,
  }),
  loggedByIntern: (partner: string, note: string | undefined) =>
    `Logged your meeting with ${safe(partner)} today.${noted(note)} Live conversations count for your connection signal.`,
  loggedWithIntern: (intern: string, note: string | undefined) =>
    `Logged your meeting with ${safe(intern)} today.${noted(note)} Thank you: live contact helps ${safe(intern)} feel part of the team.`,
};

function noted(note: string | undefined): string {
  return note ? ` Note: ${safe(note)}` : "";
}
