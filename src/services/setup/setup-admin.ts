/**
 * Whoever sets up an internship becomes one of the workspace's programme admins, and known to Tandem,
 * so they can try out and preview what they set up (try checkin, preview week) and others are told whom
 * to ask. A fresh Teams workspace's first admin is claimed here, inside the transaction: of two people
 * setting up at the same moment, one is first and the other is refused.
 */
import { setupCopy } from "../../domain/copy/setup.js";
import type { Person, Workspace } from "../../domain/types.js";
import type { Store } from "../../ports/store.js";
import type { Access } from "./setup-access.js";
import { ensurePerson } from "./setup-people.js";

export type Adopted = { ok: true; value: Person | undefined; first: boolean } | { ok: false; error: string };

export async function adoptAdmin(
  store: Store,
  workspace: Workspace,
  access: Extract<Access, { allowed: true }>,
  userId: string,
  at: Date,
): Promise<Adopted> {
  if (access.via === "first-admin") {
    const admins = await store.programmeAdmins.list(workspace.id);
    if (admins.length > 0 && !admins.includes(userId)) {
      const names = await Promise.all(
        admins.map(
          async (id) => (await store.people.byPlatformId(workspace.id, workspace.platform, id))?.name ?? id,
        ),
      );
      return { ok: false, error: setupCopy.refused(workspace.platform, names) };
    }
  }
  const added = await store.programmeAdmins.add(workspace.id, userId, userId, at);
  const self = access.self
    ? (await ensurePerson(store, workspace, access.self, access.self.timezone ?? "UTC", at)).person
    : await store.people.byPlatformId(workspace.id, workspace.platform, userId);
  return { ok: true, value: self, first: access.via === "first-admin" && added };
}
