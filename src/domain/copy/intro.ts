/** Introductions as people read them: the colleague's request, "did you meet?", and the replies to `intro` and its buttons. */
import type { OutboundMessage } from "../messages.js";

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
