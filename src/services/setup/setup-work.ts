/** What the steps of `setup` and `colleagues` share (see setup-desk.ts). */
import type { Logger } from "pino";
import type { InboundEvent, Reply } from "../../domain/messages.js";
import type { Platform } from "../../domain/types.js";
import type { PlatformDirectory } from "../../ports/platform-directory.js";
import type { Store } from "../../ports/store.js";

/** What an admin event will do, its platform questions answered: store work only. */
export interface PreparedWork {
  apply(): Promise<Reply>;
}

/** The speaker's event, their platform's directory, and when. */
export interface DeskContext {
  store: Store;
  directory: PlatformDirectory;
  log: Logger;
  now: Date;
  event: InboundEvent;
  platform: Platform;
}

/** Work whose answer is already known (a refusal, a form to fill in). */
export const answered = (answer: Reply): PreparedWork => ({ apply: async () => answer });
