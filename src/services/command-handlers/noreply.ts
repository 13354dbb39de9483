import type { Command } from "../../domain/command-syntax/types.js";
import { formatInstant, plural } from "../../domain/format.js";
import type { Reply } from "../../domain/messages.js";
import { type CommandContext, reply } from "../command-context.js";
import { closeClock } from "../reply-tracker.js";

/** The asker closes their own tracked question(s): nobody is warned or alerted about them any more. */
export function handleNoreplyCommand(
  ctx: CommandContext,
  command: Extract<Command, { name: "noreply" }>,
): Reply {
  const open = ctx.store.replyClocks.openAskedBy(ctx.workspace.id, ctx.speaker.id);
  if (open.length === 0)
    return reply("You have no question that Tandem is tracking, so there is nothing to close.");
  const closing = command.all ? open : open.slice(0, 1);
  for (const clock of closing) closeClock(ctx.store, clock, ctx.now, ctx.speaker.id, "noreply");
  if (command.all)
    return reply(`Closed ${plural(closing.length, "tracked question")}; nobody will be reminded about them.`);
  const [clock] = closing;
  const rest =
    open.length > 1
      ? ` ${plural(open.length - 1, "other question")} still tracked; "noreply all" closes them too.`
      : "";
  return reply(
    `Closed your message in #${clock!.conversation} of ${formatInstant(clock!.sentAt, ctx.speaker.timezone)}; nobody will be reminded about it.${rest}`,
  );
}
