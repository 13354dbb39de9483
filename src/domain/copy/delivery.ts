/** Delivery problems as people read them: someone Tandem cannot reach, told once to whoever works with them. */
import type { OutboundMessage } from "../messages.js";
import type { Person } from "../types.js";

export function unreachableNotice(person: Person): OutboundMessage {
  return {
    text: `Tandem cannot reach ${person.name}: the app is not installed for them, so check-ins and alerts for them are not delivered. Please ask ${person.name} to add the Tandem app (or install it for them).`,
    reason: `You work with ${person.name}; Tandem tells you once when someone cannot be reached.`,
  };
}
