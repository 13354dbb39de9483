import { mailRecipient, parseAddress, userAddress } from "../domain/addresses.js";
import {
  channelUnreachableNotice,
  mailUnreachableForReader,
  mailUnreachableNotice,
  unreachableNotice,
} from "../domain/copy/delivery.js";
import { unreachableKeys } from "../domain/outbox-keys.js";
import type { Person, Workspace } from "../domain/types.js";
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
export async function unreachableReport(store: Store, item: OutboxItem, now: Date): Promise<OutboxDraft[]> {
  const workspace = await store.workspaces.get(item.workspaceId);
  if (!workspace) return [];
  if (item.recipientId === undefined) {
    const { channel, internId, contact } = await channelInternship(store, item);
    if (channel === undefined || !contact) return [];
    const intern = internId === undefined ? undefined : await store.people.get(item.workspaceId, internId);
    const notice = channelUnreachableNotice(intern?.name);
    const draft = directDraft(workspace, contact, unreachableKeys.channelReport(channel), notice, now);
    return draft ? [draft] : [];
  }
  const person = await store.people.get(item.workspaceId, item.recipientId);
  if (!person) return [];
  const email = mailRecipient(item.address);
  if (email !== undefined) return await mailReports(store, workspace, person, email, now);
  const contact = await contactOf(store, item.workspaceId, item.recipientId);
  if (!contact) return [];
  const notice = unreachableNotice(person, workspace.platform);
  const draft = directDraft(workspace, contact, unreachableKeys.report(person.id), notice, now);
  return draft ? [draft] : [];
}

/**
 * An address the mail server refuses for good is fixed in the programme file: the report goes to who can
 * see to that in chat (the supervisor, else the backup, else a coordinator in chat; and the programme
 * admins), and a coordinator who reads Tandem only by e-mail hears what happened and who was told.
 */
async function mailReports(
  store: Store,
  workspace: Workspace,
  person: Person,
  email: string,
  now: Date,
): Promise<OutboxDraft[]> {
  const inChat = (p: Person | undefined): boolean =>
    p !== undefined && p.id !== person.id && p.ids[workspace.platform] !== undefined;
  const internships = await store.internships.forPerson(workspace.id, person.id);
  const people = new Map<number, Person | undefined>();
  const get = async (id: number | undefined) => {
    if (id === undefined) return undefined;
    if (!people.has(id)) people.set(id, await store.people.get(workspace.id, id));
    return people.get(id);
  };
  let contact: Person | undefined;
  for (const role of ["supervisorId", "backupSupervisorId", "coordinatorId"] as const) {
    for (const i of internships) {
      const candidate = await get(i[role]);
      if (!contact && candidate && inChat(candidate)) contact = candidate;
    }
  }
  const drafts: OutboxDraft[] = [];
  const told: string[] = [];
  const draft = contact
    ? directDraft(
        workspace,
        contact,
        unreachableKeys.report(person.id),
        mailUnreachableNotice(person, email),
        now,
      )
    : undefined;
  if (draft && contact) {
    drafts.push(draft);
    told.push(contact.name);
  }
  const admins = (await store.programmeAdmins.list(workspace.id)).filter(
    (user) => user !== person.ids[workspace.platform] && user !== contact?.ids[workspace.platform],
  );
  for (const user of admins) {
    drafts.push({
      workspaceId: workspace.id,
      key: unreachableKeys.reportTo(person.id, `admin:${user}`),
      address: userAddress(workspace.platform, workspace.externalId, user),
      payload: mailUnreachableNotice(person, email, true),
      notBefore: now,
    });
  }
  if (admins.length > 0) told.push(`${workspace.name}'s programme admins`);
  for (const i of internships) {
    const coordinator = await get(i.coordinatorId);
    if (!coordinator || coordinator.id === person.id || inChat(coordinator) || coordinator.id === contact?.id)
      continue;
    const key = unreachableKeys.reportTo(person.id, String(coordinator.id));
    const note = directDraft(workspace, coordinator, key, mailUnreachableForReader(person, email, told), now);
    if (note && !drafts.some((d) => d.key === key)) drafts.push(note);
  }
  return drafts;
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
