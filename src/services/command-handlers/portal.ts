import type { Command } from "../../domain/command-syntax/types.js";
import { portalCopy } from "../../domain/copy/portal.js";
import type { Reply } from "../../domain/messages.js";
import { type CommandContext, reply } from "../command-context.js";
import { resolveScope } from "../internship-scope.js";
import { portalPaths, portalUrl } from "../portal/portal-paths.js";
import { chatSignInLink, LINK_MINUTES } from "../portal/sign-in.js";

/** `portal`: a private one-time link that signs the speaker in (as this person, in this workspace). */
export async function handlePortalCommand(ctx: CommandContext): Promise<Reply> {
  if (!ctx.publicUrl) return reply(portalCopy.off());
  if (ctx.sharedReply) return reply(portalCopy.notHere("portal"));
  const url = await chatSignInLink(ctx.store, ctx.publicUrl, ctx.speaker, undefined, ctx.now);
  return reply(portalCopy.signInLink(url, LINK_MINUTES));
}

/** `report [for @intern]`: the report's portal address, and a one-time link that signs in and opens it. */
export async function handleReportCommand(
  ctx: CommandContext,
  command: Extract<Command, { name: "report" }>,
): Promise<Reply> {
  const resolved = await resolveScope(ctx, command.intern, "report");
  if (!resolved.ok) return reply(resolved.error);
  if (!ctx.publicUrl) return reply(portalCopy.off());
  const path = portalPaths.report(resolved.value.internship.id);
  if (ctx.sharedReply) {
    return reply(portalCopy.reportAddress(resolved.value.intern.name, portalUrl(ctx.publicUrl, path)));
  }
  const signIn = await chatSignInLink(ctx.store, ctx.publicUrl, ctx.speaker, path, ctx.now);
  return reply(
    portalCopy.reportLink(resolved.value.intern.name, portalUrl(ctx.publicUrl, path), signIn, LINK_MINUTES),
  );
}
