import { mailRecipient, parseAddress } from "../domain/addresses.js";
import {
  channelUnreachableNotice,
  mailUnreachableNotice,
  unreachableNotice,
} from "../domain/copy/delivery.js";
import { unreachableKeys } from "../domain/outbox-keys.js";
import type { Person } from "../domain/types.js";
import type { OutboxDraft, OutboxItem, Store } from "../ports/store.js";
import { directDraft } from "./notify.js";

/** Whoever works with this person: for an intern their supervisor, else the coordinator first. */
export async function contactOf(
  store: Store,
  workspaceId: number,
  personId: number,
): Promise<Person | undefined> {
  const internships = await store.internships.forPerson(workspaceId, personId);
  const contactIds = internships.flatMap((i) =>
    i.internId === personId ? [i.supervisorId, i.coordinatorId] : [i.coordinatorId, i.supervisorId],
  );
  for (const id of contactIds) {
    if (id === undefined || id === personId) continue;
    const person = await store.people.get(workspaceId, id);
    if (person) return person;
  }
  return undefined;
}

/**
 * A recipient the platform cannot reach (a Teams user who never installed the app, a deactivated Slack
 * account, a channel Tandem was removed from): their supervisor, or for a supervisor or a channel the
 * coordinator, hears about it once, with what to do.
 */
export async function unreachableReport(
  store: Store,
  item: OutboxItem,
  now: Date,
): Promise<OutboxDraft | undefined> {
  const workspace = await store.workspaces.get(item.workspaceId);
  if (!workspace) return undefined;
  if (item.recipientId === undefined) {
    const { channel, internId, contact } = await channelInternship(store, item);
    if (channel === undefined || !contact) return undefined;
    const intern = internId === undefined ? undefined : await store.people.get(item.workspaceId, internId);
    const notice = channelUnreachableNotice(intern?.name);
    return directDraft(workspace, contact, unreachableKeys.channelReport(channel), notice, now);
  }
  const person = await store.people.get(item.workspaceId, item.recipientId);
  if (!person) return undefined;
  const contact = await contactOf(store, item.workspaceId, item.recipientId);
  if (!contact) return undefined;
  const email = mailRecipient(item.address);
  const notice =
    email !== undefined
      ? mailUnreachableNotice(person, email)
      : unreachableNotice(person, workspace.platform);
  return directDraft(workspace, contact, unreachableKeys.report(person.id), notice, now);
}

/** For a channel post: the coordinator (else the supervisor) of the internship at home there, else of any. */
export async function channelContact(store: Store, item: OutboxItem): Promise<Person | undefined> {
  return (await channelInternship(store, item)).contact;
}

/** The internship at home in a channel post's channel (if any), and whom to tell about that channel. */
export async function channelInternship(
  store: Store,
  item: OutboxItem,
): Promise<{ channel?: string; internId?: number; contact?: Person }> {
  const parsed = parseAddress(item.address);
  const channel = parsed?.kind === "conv" ? parsed.id : undefined;
  const internships = await store.internships.list(item.workspaceId);
  const home = internships.filter((i) => channel !== undefined && i.homeChannel === channel);
  for (const internship of [...home, ...internships]) {
    const id = internship.coordinatorId ?? internship.supervisorId;
    const person = await store.people.get(item.workspaceId, id);
    if (person) {
      const internId = home[0]?.internId;
      return {
        ...(channel !== undefined ? { channel } : {}),
        ...(internId !== undefined ? { internId } : {}),
        contact: person,
      };
    }
  }
  return channel !== undefined ? { channel } : {};
}
