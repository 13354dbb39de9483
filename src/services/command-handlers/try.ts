import type { Command } from "../../domain/command-syntax/types.js";
import type { Reply } from "../../domain/messages.js";
import { requestTrialCheckin } from "../checkin-trial.js";
import type { CommandContext } from "../command-context.js";

/** `try checkin`: see a check-in work before the intern's first real morning (see checkin-trial.ts). */
export async function handleTryCommand(
  ctx: CommandContext,
  command: Extract<Command, { name: "try.checkin" }>,
): Promise<Reply> {
  return await requestTrialCheckin(ctx, command.intern);
}
