import type { Command } from "../../domain/command-syntax/types.js";
import { digestReply, noDigestReply, weekTitle } from "../../domain/copy/digest.js";
import { addDays, isoWeek, weekStart } from "../../domain/local-date.js";
import type { Reply } from "../../domain/messages.js";
import { type CommandContext, reply } from "../command-context.js";
import { resolveScope } from "../internship-scope.js";
import { renderChat } from "../summary-render.js";
import { summarizeWeek } from "../week-summary.js";

/**
 * Last week's digest about one intern, in full: what the coordinator's digest sums up in a line.
 * Anyone in the internship may read it (resolveScope refuses outsiders); shared reflections only
 * for the coordinator, as in the digests.
 */
export async function handleDigestCommand(
  ctx: CommandContext,
  command: Extract<Command, { name: "digest" }>,
): Promise<Reply> {
  const resolved = await resolveScope(ctx, command.intern, "digest");
  if (!resolved.ok) return reply(resolved.error);
  const scope = resolved.value;
  const monday = addDays(weekStart(ctx.today), -7);
  const title = weekTitle(isoWeek(monday), monday);
  const { internship } = scope;
  if (monday > internship.end || addDays(monday, 6) < internship.start) {
    return reply(noDigestReply(scope.intern.name, title));
  }
  const week = await summarizeWeek(ctx.store, internship, monday, ctx.now);
  if (!week) return reply(noDigestReply(scope.intern.name, title));
  const audience = internship.coordinatorId === ctx.speaker.id ? "coordinator" : "supervisor";
  return reply(digestReply(week.summary.intern, title, renderChat(week.summary, audience)));
}
