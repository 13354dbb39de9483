/**
 * Who may set up internships and choose colleagues in chat: the platform's own workspace admins and
 * owners (Slack is_admin / is_owner; the playground's roster), and the people a workspace lists as
 * programme admins. Teams does not tell a bot who owns a team (that needs Microsoft Graph), so in a
 * fresh Teams workspace (no programme admin, no internship yet) the first person to set up becomes its
 * first programme admin, as the first account of many self-hosted tools becomes their admin.
 */
import type { Platform, Workspace } from "../../domain/types.js";
import type { DirectoryPerson, PlatformDirectory } from "../../ports/platform-directory.js";
import type { Store } from "../../ports/store.js";

export type Access =
  | { allowed: true; via: "workspace-admin" | "programme-admin" | "first-admin"; self?: DirectoryPerson }
  | { allowed: false; admins: string[]; self?: DirectoryPerson };

/** Whether the platform names its admins to a bot; where it does not, a fresh workspace is claimed. */
const NAMES_ITS_ADMINS: Record<Platform, boolean> = { slack: true, console: true, teams: false };

/** The names of a workspace's programme admins, for a refusal that says whom to ask. */
async function adminNames(
  store: Store,
  directory: PlatformDirectory,
  workspace: Workspace,
  ids: readonly string[],
): Promise<string[]> {
  const names: string[] = [];
  for (const id of ids.slice(0, 5)) {
    const person = await store.people.byPlatformId(workspace.id, workspace.platform, id);
    const known =
      person?.name ?? (await directory.person(workspace.externalId, id).catch(() => undefined))?.name;
    names.push(known ?? id);
  }
  return names;
}

/** Asks the store and the platform; call it outside any transaction (it may go over the network). */
export async function setupAccess(
  store: Store,
  directory: PlatformDirectory,
  platform: Platform,
  externalId: string,
  userId: string,
): Promise<Access> {
  const workspace = await store.workspaces.find(platform, externalId);
  const self = await directory.person(externalId, userId);
  const mine = self ? { self } : {};
  if (self && !self.deleted && !self.isBot && (self.isAdmin || self.isOwner)) {
    return { allowed: true, via: "workspace-admin", ...mine };
  }
  const admins = workspace ? await store.programmeAdmins.list(workspace.id) : [];
  if (admins.includes(userId)) return { allowed: true, via: "programme-admin", ...mine };
  if (!NAMES_ITS_ADMINS[platform] && admins.length === 0) {
    const fresh = !workspace || (await store.internships.list(workspace.id)).length === 0;
    if (fresh) return { allowed: true, via: "first-admin", ...mine };
  }
  return {
    allowed: false,
    admins: workspace ? await adminNames(store, directory, workspace, admins) : [],
    ...mine,
  };
}
