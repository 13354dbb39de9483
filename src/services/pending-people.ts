/**
 * People imported by e-mail before the platform had them (an intern whose account starts next week):
 * stored without a platform id, their address kept beside the platform references, and linked to
 * their account the first time they write to Tandem (the platform tells their address then).
 */
import type { Person, Workspace } from "../domain/types.js";
import type { PlatformDirectory } from "../ports/platform-directory.js";
import type { Store } from "../ports/store.js";
import { updatePerson } from "./person-update.js";
import { touchInternship } from "./rules/wakeup-rule.js";

const key = (email: string) => `pending-email:${email.trim().toLowerCase()}`;
/** The other way round, for the export: a pending person's address by their key. */
const emailKey = (personKey: string) => `pending-person:${personKey}`;

/** The address a person still waiting for their account was imported with. */
export async function pendingEmail(
  store: Store,
  workspace: Workspace,
  personKey: string,
): Promise<string | undefined> {
  return (
    (await store.platformRefs.get(workspace.platform, workspace.externalId, "user", emailKey(personKey))) ||
    undefined
  );
}

/** Remembers who an address stands for; a later import replaces it. */
export async function notePending(
  store: Store,
  workspace: Workspace,
  email: string,
  personKey: string,
  at: Date,
): Promise<void> {
  const { platform, externalId } = workspace;
  await store.platformRefs.save(platform, externalId, "user", key(email), personKey, at);
  await store.platformRefs.save(
    platform,
    externalId,
    "user",
    emailKey(personKey),
    email.trim().toLowerCase(),
    at,
  );
}

/**
 * Someone Tandem has no person for wrote to it: when the platform gives an address a pending person
 * was imported with, that person is linked to this account (and their internships woken, so their
 * welcome goes out). Returns the person, or undefined for a real stranger.
 */
export async function linkNewcomer(
  store: Store,
  directory: PlatformDirectory,
  workspace: Workspace,
  userId: string,
  at: Date,
): Promise<Person | undefined> {
  const platform = workspace.platform;
  const found = await directory.person(workspace.externalId, userId);
  if (!found?.email || found.deleted || found.isBot) return undefined;
  const personKey = await store.platformRefs.get(platform, workspace.externalId, "user", key(found.email));
  if (!personKey) return undefined;
  return await store.transaction(async () => {
    const person = await store.people.byKey(workspace.id, personKey);
    // Linked already (to this account or, by a later import, to another): nothing to do.
    if (!person || person.ids[platform]) return undefined;
    await updatePerson(store, person, { ids: { ...person.ids, [platform]: userId } }, at);
    await store.audit.record(
      {
        workspaceId: workspace.id,
        actorLabel: "platform",
        action: "person.link",
        entity: "person",
        entityId: person.id,
        detail: { key: person.key, platform },
      },
      at,
    );
    for (const internship of await store.internships.forPerson(workspace.id, person.id)) {
      await touchInternship(store, workspace.id, internship.id, at);
      await store.wakeups.touch(workspace.id, internship.id, ["welcome"], at);
    }
    return await store.people.get(workspace.id, person.id);
  });
}
