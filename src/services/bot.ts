import type { Logger } from "pino";
import { helpText } from "../domain/commands/help.js";
import { parseCommand } from "../domain/commands/parse.js";
import type { Command } from "../domain/commands/types.js";
import { localDateIn } from "../domain/format.js";
import type { CommandEvent, InboundEvent, Reply } from "../domain/messages.js";
import type { Clock } from "../ports/clock.js";
import type { Store } from "../ports/store.js";
import { type CommandContext, reply } from "./command-context.js";
import { handleAgreementCommand } from "./commands/agreement-commands.js";
import { handleLeaveCommand } from "./commands/leave-commands.js";
import { handleMilestoneCommand } from "./commands/milestone-commands.js";
import { handleStatusCommand } from "./commands/status-command.js";

export interface Bot {
  /** Handles one inbound event; a redelivered event id has no second effect and no reply. */
  handle(event: InboundEvent): Promise<Reply | undefined>;
}

export interface BotDeps {
  store: Store;
  clock: Clock;
  log: Logger;
}

const UNKNOWN_PERSON =
  'I don\'t know you yet in this workspace. Ask your programme coordinator to add you to the programme file; until then you can type "help".';

export function createBot({ store, clock, log }: BotDeps): Bot {
  const botLog = log.child({ component: "bot" });

  function runCommand(event: CommandEvent): Reply {
    const workspace = store.workspaces.find(event.platform, event.workspace);
    const speaker = workspace && store.people.byPlatformId(workspace.id, event.platform, event.user);
    const now = clock.now();
    const today = localDateIn(speaker?.timezone ?? "UTC", now);
    const parsed = parseCommand(event.text, { today });
    if (!parsed.ok) return reply(parsed.error);
    if (parsed.command.name === "help") return reply(helpText(parsed.command.topic));
    if (!workspace || !speaker) return reply(UNKNOWN_PERSON);
    return dispatch({ store, log: botLog, now, workspace, speaker, today }, parsed.command);
  }

  return {
    async handle(event) {
      const now = clock.now();
      try {
        // The dedupe record and the command's writes commit together: a failure rolls both back,
        // so the platform's retry gets a fresh chance instead of being swallowed.
        return store.transaction(() => {
          if (!store.inbound.firstSeen(event.platform, event.workspace, event.id, now)) {
            botLog.debug({ platform: event.platform, eventId: event.id }, "redelivered event ignored");
            return undefined;
          }
          if (event.kind === "command") return runCommand(event);
          if (event.kind === "message" && event.isDirect && !event.fromBot && event.text) {
            return runCommand({ ...event, kind: "command", text: event.text });
          }
          return undefined;
        });
      } catch (error) {
        // The speaker gets one clear sentence; the operator gets the details.
        botLog.error(
          { err: error, platform: event.platform, eventId: event.id, kind: event.kind },
          "event failed",
        );
        return reply(
          "Sorry, something went wrong on my side and nothing was changed. Please try again in a minute.",
        );
      }
    },
  };
}

function dispatch(ctx: CommandContext, command: Command): Reply {
  switch (command.name) {
    case "help":
      return reply(helpText(command.topic));
    case "status":
      return handleStatusCommand(ctx);
    case "milestone.add":
    case "milestone.list":
    case "milestone.done":
    case "milestone.move":
    case "milestone.block":
    case "milestone.accept":
    case "milestone.reopen":
      return handleMilestoneCommand(ctx, command);
    case "agreement.show":
    case "agreement.ack":
    case "agreement.set":
      return handleAgreementCommand(ctx, command);
    case "leave.add":
    case "leave.list":
      return handleLeaveCommand(ctx, command);
  }
}
