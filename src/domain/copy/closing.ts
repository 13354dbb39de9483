/** The message that closes an internship for its supervisor and coordinator. */
import { neutralizeMentions } from "../escape.js";
import { formatDate } from "../format.js";
import type { OutboundMessage } from "../messages.js";
import type { LocalDate } from "../types.js";

export function closingMessage(n: {
  reader: "supervisor" | "coordinator";
  internName: string;
  ended: LocalDate;
  /** "confirmed by Bram Peeters on Wed 23 Dec 2026", or "not confirmed yet". */
  certificate: string;
  /** One phrase per evaluation round, e.g. "mid-term: closed without the supervisor's evaluation". */
  evaluations: string[];
}): OutboundMessage {
  const intern = neutralizeMentions(n.internName);
  const evaluations = n.evaluations.length > 0 ? n.evaluations.join("; ") : "none in the learning agreement";
  return {
    text: [
      `${intern}'s internship ended ${formatDate(n.ended)}.`,
      `Certificate (Table D): ${n.certificate}.`,
      `Evaluations: ${evaluations}.`,
      "The end-of-internship report and the certificate are on the internship's page in Tandem's portal.",
    ].join("\n"),
    reason:
      n.reader === "supervisor"
        ? `Because you supervised ${intern}: Tandem sends one message when an internship ends, and no check-ins, nudges or alerts after it.`
        : `Because you coordinate ${intern}'s internship: Tandem sends one message when an internship ends, and no check-ins, nudges or alerts after it.`,
  };
}
