/** The e-mail that carries a portal sign-in link. */
import type { OutboundMessage } from "../messages.js";

export function signInLinkMessage(name: string, url: string, minutes: number): OutboundMessage {
  return {
    subject: "Your Tandem sign-in link",
    text: `Hello ${name}, here is your link to sign in to Tandem's portal. It works once, for ${minutes} minutes:\n${url}`,
    reason:
      "Someone asked Tandem's portal for a sign-in link for this address. If it was not you, ignore this e-mail: nobody can sign in without the link.",
  };
}
