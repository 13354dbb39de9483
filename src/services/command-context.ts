import type { Logger } from "pino";
import type { Reply } from "../domain/messages.js";
import type { LocalDate, Person, Workspace } from "../domain/types.js";
import type { Store } from "../ports/store.js";

/** Everything a command handler needs: who speaks, where, and when. */
export interface CommandContext {
  store: Store;
  log: Logger;
  now: Date;
  workspace: Workspace;
  speaker: Person;
  /** The speaker's local date: dates in commands are read in their zone. */
  today: LocalDate;
  /** The reply is read by everyone in the conversation (see CommandEvent.shared). */
  sharedReply?: true;
  /** Where the web portal is (PUBLIC_URL), when it is on. */
  publicUrl?: string;
}

export function reply(text: string, isPublic = false): Reply {
  return isPublic ? { text, public: true } : { text };
}
