/**
 * `admins`, `admins add @person`, `admins remove @person`: the workspace's programme admins, who may set
 * up internships and choose colleagues besides the platform's own admins. On Teams, which names no
 * admins to a bot, the last programme admin cannot be removed: nobody could set up any more.
 */
import type { MentionRef } from "../../domain/command-syntax/types.js";
import { setupCopy } from "../../domain/copy/setup.js";
import type { Platform, Workspace } from "../../domain/types.js";
import type { DirectoryPerson } from "../../ports/platform-directory.js";
import { reply } from "../command-context.js";
import type { Access } from "./setup-access.js";
import { adoptAdmin } from "./setup-admin.js";
import { ensurePerson } from "./setup-people.js";
import { answered, type DeskContext, type PreparedWork } from "./setup-work.js";

/** Where the platform names its own admins, programme admins may all be removed. */
const PLATFORM_NAMES_ADMINS: Record<Platform, boolean> = { slack: true, console: true, teams: false };

async function nameOf(ctx: DeskContext, workspace: Workspace, userId: string): Promise<string> {
  const person = await ctx.store.people.byPlatformId(workspace.id, workspace.platform, userId);
  return person?.name ?? (await ctx.directory.person(workspace.externalId, userId))?.name ?? userId;
}

export async function listAdmins(ctx: DeskContext): Promise<PreparedWork> {
  const workspace = await ctx.store.workspaces.find(ctx.platform, ctx.event.workspace);
  const ids = workspace ? await ctx.store.programmeAdmins.list(workspace.id) : [];
  const names = workspace ? await Promise.all(ids.map((id) => nameOf(ctx, workspace, id))) : [];
  return answered(reply(setupCopy.adminsList(ctx.platform, names)));
}

/** The platform user a mention names: an id as the platform gave it, or a handle Tandem or the platform knows. */
async function mentioned(ctx: DeskContext, ref: MentionRef): Promise<DirectoryPerson | undefined> {
  const { store, directory, event, platform } = ctx;
  if (ref.kind === "id") return await directory.person(event.workspace, ref.id);
  const workspace = await store.workspaces.find(platform, event.workspace);
  const person = workspace ? await store.people.byHandle(workspace.id, ref.name) : undefined;
  const id = person?.ids[platform] ?? ref.name;
  return await directory.person(event.workspace, id);
}

export async function changeAdmins(
  ctx: DeskContext,
  access: Extract<Access, { allowed: true }>,
  change: "add" | "remove",
  ref: MentionRef,
): Promise<PreparedWork> {
  const { store, event, platform } = ctx;
  const entry = await mentioned(ctx, ref);
  const typed = ref.kind === "name" ? `@${ref.name}` : "That person";
  if (!entry || entry.deleted || entry.isBot) return answered(reply(setupCopy.adminUnknown(platform, typed)));
  const fallbackZone = access.self?.timezone ?? "UTC";
  return {
    async apply() {
      const at = ctx.now;
      const workspace = await store.workspaces.ensure(platform, event.workspace, "", at);
      const admin = await adoptAdmin(store, workspace, access, event.user, at);
      if (!admin.ok) return reply(admin.error);
      if (change === "add") {
        await ensurePerson(store, workspace, entry, fallbackZone, at);
        const added = await store.programmeAdmins.add(workspace.id, entry.userId, event.user, at);
        if (added) await audit(ctx, workspace, "programme-admin.add", entry.userId, admin.value?.id, at);
        return reply(setupCopy.adminAdded(entry.name, added));
      }
      const admins = await store.programmeAdmins.list(workspace.id);
      if (!admins.includes(entry.userId)) return reply(setupCopy.adminNotOne(entry.name));
      if (!PLATFORM_NAMES_ADMINS[platform] && admins.length === 1)
        return reply(setupCopy.adminLast(entry.name));
      await store.programmeAdmins.remove(workspace.id, entry.userId);
      await audit(ctx, workspace, "programme-admin.remove", entry.userId, admin.value?.id, at);
      return reply(setupCopy.adminRemoved(entry.name));
    },
  };
}

async function audit(
  ctx: DeskContext,
  workspace: Workspace,
  action: string,
  userId: string,
  actorId: number | undefined,
  at: Date,
): Promise<void> {
  await ctx.store.audit.record(
    {
      workspaceId: workspace.id,
      ...(actorId !== undefined ? { actorId } : {}),
      actorLabel: "admins",
      action,
      entity: "workspace",
      entityId: workspace.id,
      detail: { user: userId, by: ctx.event.user },
    },
    at,
  );
}
