import type { Command } from "../../domain/command-syntax/types.js";
import { noreplyCopy as copy } from "../../domain/copy/reply.js";
import type { Reply } from "../../domain/messages.js";
import { type CommandContext, reply } from "../command-context.js";
import { closeClock } from "../reply-tracker.js";

/** The asker closes their own tracked question(s): nobody is warned or alerted about them any more. */
export async function handleNoreplyCommand(
  ctx: CommandContext,
  command: Extract<Command, { name: "noreply" }>,
): Promise<Reply> {
  const open = await ctx.store.replyClocks.openAskedBy(ctx.workspace.id, ctx.speaker.id);
  if (open.length === 0) return reply(copy.nothingTracked());
  const closing = command.all ? open : open.slice(0, 1);
  for (const clock of closing) await closeClock(ctx.store, clock, ctx.now, ctx.speaker.id, "noreply");
  if (command.all) return reply(copy.closedAll(closing.length));
  return reply(copy.closedOne(closing[0]!, ctx.speaker.timezone, open.length - 1));
}
