/** Weekly reflections as people read them: the question, the Friday prompt and the answer form. */
import { DateTime } from "luxon";
import { neutralizeMentions } from "../escape.js";
import { formatDate } from "../format.js";
import type { OutboundForm, OutboundMessage } from "../messages.js";
import type { LocalDate, Person } from "../types.js";

export const REFLECTION_QUESTION =
  "What did you notice this week about how decisions, negotiation or written communication work here?";

const firstName = (person: Person) => person.name.split(" ")[0] ?? person.name;

/** `2026-W49` as people say it: "the week of Mon 30 Nov 2026" (an ISO week number means little to most). */
const weekOf = (week: string) => {
  const monday = DateTime.fromISO(`${week}-1`, { zone: "UTC" });
  return monday.isValid ? `the week of ${formatDate(monday.toISODate()!)}` : week;
};

export function reflectionPrompt(intern: Person, week: string): OutboundMessage {
  return {
    text: [
      `Hi ${firstName(intern)}, a question to close your week: ${REFLECTION_QUESTION}`,
      'A few sentences are enough. Press Answer (you choose whether your coordinator may read it), or type "reflect <text>" to keep a private note.',
    ].join("\n"),
    buttons: [{ action: "reflection.open", value: week, label: "Answer", style: "primary" }],
    reason:
      "Once a week, on your last working day, Tandem asks this because noticing how a company works is part of the internship; nobody else reads the answer unless you share it.",
  };
}

/** The reflection as a form: the question, and whether the coordinator may read the answer. */
export function reflectionForm(week: string, maxLength: number): OutboundForm {
  return {
    action: "reflection.answer",
    value: week,
    title: `Reflection, ${week}`,
    submitLabel: "Save",
    fields: [
      { id: "text", label: REFLECTION_QUESTION, kind: "text", multiline: true, maxLength },
      {
        id: "share",
        label: "May your coordinator read this?",
        kind: "choice",
        choices: [
          { value: "yes", label: "Yes" },
          { value: "no", label: "No, keep it to myself" },
        ],
      },
    ],
  };
}

/** Replies to `reflect` and to the reflection form. */
export const reflectionCopy = {
  internsOnly: () =>
    "Reflections are written by the intern; coordinators read the ones interns share in their weekly digest.",
  outsideInternship: (start: LocalDate, end: LocalDate) =>
    `Your internship runs from ${formatDate(start)} to ${formatDate(end)}; reflections are written during it.`,
  empty: () => 'That reflection was empty, so nothing was saved. Type "reflect" to try again.',
  tooLong: (length: number, max: number) =>
    `That reflection is ${length} characters long; keep it to ${max}.`,
  savedPrivately: (week: string) =>
    `Saved your reflection for ${weekOf(week)}; it stays private. To let your coordinator read it, type "reflect" (or press Answer on the weekly question) and choose "Yes".`,
  savedShared: (week: string, coordinatorName: string | undefined) =>
    coordinatorName
      ? `Saved your reflection for ${weekOf(week)}; ${neutralizeMentions(coordinatorName)} (your coordinator) will read it in their weekly digest.`
      : `Saved your reflection for ${weekOf(week)}; your internship has no coordinator, so nobody else reads it yet.`,
  formHeading: (week: string) => `Your reflection for ${weekOf(week)}:`,
  unknownButton: () => 'That button is no longer supported; type "reflect" to write this week\'s reflection.',
};
