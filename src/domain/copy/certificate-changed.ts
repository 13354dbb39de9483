/** The message to whoever confirmed a certificate draft that has changed since. */
import { neutralizeMentions } from "../escape.js";
import { formatDate } from "../format.js";
import type { OutboundMessage } from "../messages.js";
import type { LocalDate } from "../types.js";

export function certificateChangedMessage(n: {
  internshipId: number;
  internName: string;
  internKey: string;
  confirmedOn: LocalDate;
  draftHash: string;
  /** Reached by e-mail only: no chat command or button, the portal page instead. */
  byEmail: boolean;
}): OutboundMessage {
  const intern = neutralizeMentions(n.internName);
  const how = n.byEmail
    ? "To confirm it again, open the certificate on the internship's page in Tandem's portal and press Confirm."
    : `To confirm it again, press Confirm or type \`certificate confirm for @${n.internKey}\` (\`certificate for @${n.internKey}\` shows it first).`;
  return {
    subject: `Certificate draft for ${intern} changed since your confirmation`,
    text: [
      `The certificate draft (Table D) for ${intern} changed since you confirmed it on ${formatDate(n.confirmedOn)}: its figures run up to the latest day, so newer data (a check-in, a milestone, an evaluation) changes it, and your confirmation covers the earlier draft only.`,
      how,
    ].join("\n"),
    ...(n.byEmail
      ? {}
      : {
          buttons: [
            {
              action: "certificate.confirm",
              value: `${n.internshipId}:${n.draftHash}`,
              label: "Confirm",
              style: "primary" as const,
            },
          ],
        }),
    reason: `Because you confirmed ${intern}'s certificate draft: Tandem tells you once when it changes after that, at most once a day.`,
  };
}
