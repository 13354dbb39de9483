/**
 * `setup` and `colleagues` in chat, for admins who may not be in Tandem yet. Each event is handled in two
 * steps: `prepare` asks the platform's directory what it needs (is the speaker an admin, who are the
 * people picked, is Tandem in the channel) outside any transaction, as network calls must be; `apply`
 * then runs inside the inbound event's transaction and touches only the store.
 */
import type { Logger } from "pino";
import { parseCommand } from "../../domain/command-syntax/parse.js";
import type { MentionRef } from "../../domain/command-syntax/types.js";
import { setupCopy } from "../../domain/copy/setup.js";
import { AppError } from "../../domain/errors.js";
import { SETUP_ACTION } from "../../domain/internship-setup.js";
import type { InboundEvent } from "../../domain/messages.js";
import { localDateIn } from "../../domain/zone-time.js";
import type { Clock } from "../../ports/clock.js";
import type { Directories } from "../../ports/platform-directory.js";
import type { Store } from "../../ports/store.js";
import { reply } from "../command-context.js";
import { changeAdmins, listAdmins } from "./admins-command.js";
import { COLLEAGUES_ACTION, openColleagues, submitColleagues } from "./colleagues-form.js";
import { setupAccess } from "./setup-access.js";
import { openSetup, submitSetup } from "./setup-form.js";
import { answered, type DeskContext, type PreparedWork } from "./setup-work.js";

export interface SetupDesk {
  /** The work for a `setup` or `colleagues` command or form; undefined for every other event. */
  prepare(event: InboundEvent): Promise<PreparedWork | undefined>;
}

type Wanted =
  | { kind: "setup"; intern?: MentionRef }
  | { kind: "colleagues" }
  | { kind: "setup.submit" }
  | { kind: "colleagues.submit" }
  | { kind: "admins" }
  | { kind: "admins.add" | "admins.remove"; person: MentionRef };

function wanted(event: InboundEvent): Wanted | undefined {
  if (event.kind === "action") {
    if (event.action === SETUP_ACTION) return { kind: "setup.submit" };
    if (event.action === COLLEAGUES_ACTION) return { kind: "colleagues.submit" };
    return undefined;
  }
  const text =
    event.kind === "command"
      ? event.text
      : event.kind === "message" && event.isDirect
        ? event.text
        : undefined;
  if (!text) return undefined;
  const parsed = parseCommand(text, { today: localDateIn("UTC", event.at) });
  if (!parsed.ok) return undefined;
  if (parsed.value.name === "setup") {
    return parsed.value.intern ? { kind: "setup", intern: parsed.value.intern } : { kind: "setup" };
  }
  const command = parsed.value;
  switch (command.name) {
    case "colleagues":
    case "admins":
      return { kind: command.name };
    case "admins.add":
    case "admins.remove":
      return { kind: command.name, person: command.person };
    default:
      return undefined;
  }
}

export function createSetupDesk(deps: {
  store: Store;
  directories?: Directories;
  clock: Clock;
  log: Logger;
}): SetupDesk {
  const log = deps.log.child({ component: "setup" });
  return {
    async prepare(event) {
      const want = wanted(event);
      if (!want) return undefined;
      const platform = event.platform;
      const directory = deps.directories?.get(platform);
      if (!directory) return answered(reply(setupCopy.noDirectory(platform)));
      const ctx: DeskContext = { store: deps.store, directory, log, now: deps.clock.now(), event, platform };
      try {
        // Anyone may see who the programme admins are: refusals name them too.
        if (want.kind === "admins") return await listAdmins(ctx);
        const access = await setupAccess(deps.store, directory, platform, event.workspace, event.user);
        if (!access.allowed) return answered(reply(setupCopy.refused(platform, access.admins)));
        switch (want.kind) {
          case "setup":
            return await openSetup(ctx, access, want.intern);
          case "setup.submit":
            return await submitSetup(ctx, access);
          case "colleagues":
            return await openColleagues(ctx);
          case "colleagues.submit":
            return await submitColleagues(ctx, access);
          case "admins.add":
            return await changeAdmins(ctx, access, "add", want.person);
          case "admins.remove":
            return await changeAdmins(ctx, access, "remove", want.person);
        }
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        log.warn(
          { err: error, platform, workspace: event.workspace },
          "the platform could not answer set-up",
        );
        return answered(reply(setupCopy.platformFailed(platform, error.message)));
      }
    },
  };
}
