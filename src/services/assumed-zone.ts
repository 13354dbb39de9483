/**
 * A time zone Tandem had to assume (someone set up on Teams before they ever wrote to Tandem, a
 * coordinator given by e-mail) is remembered as assumed, beside the platform references like a pending
 * person's address, and replaced by the person's own zone the first time their platform tells it (a Teams
 * activity's localTimezone). Only the zone changes: country and contact hours stay as they are (the
 * person may have set them), and the person is told once, with how to correct the rest.
 */
import { assumedZoneCopy } from "../domain/copy/assumed-zone.js";
import { noticeKeys } from "../domain/outbox-keys.js";
import type { Person, Workspace } from "../domain/types.js";
import type { Store } from "../ports/store.js";
import { directDraft } from "./notify.js";
import { updatePerson } from "./person-update.js";
import { touchInternship } from "./rules/wakeup-rule.js";

const flagKey = (personId: number) => `zone-assumed:${personId}`;

/** The zone Tandem assumed for a person, while it is still only assumed. */
export async function assumedZone(
  store: Store,
  workspace: Workspace,
  personId: number,
): Promise<string | undefined> {
  return (
    (await store.platformRefs.get(workspace.platform, workspace.externalId, "user", flagKey(personId))) ||
    undefined
  );
}

/** Remembers that a person's zone was assumed (call where the person is made with it). */
export async function noteZoneAssumed(
  store: Store,
  workspace: Workspace,
  person: Person,
  at: Date,
): Promise<void> {
  await store.platformRefs.save(
    workspace.platform,
    workspace.externalId,
    "user",
    flagKey(person.id),
    person.timezone,
    at,
  );
}

/** The person's zone is now known (theirs from the platform, or set by themselves): no longer assumed. */
export async function clearZoneAssumed(
  store: Store,
  workspace: Workspace,
  personId: number,
  at: Date,
): Promise<void> {
  if (await assumedZone(store, workspace, personId)) {
    await store.platformRefs.save(
      workspace.platform,
      workspace.externalId,
      "user",
      flagKey(personId),
      "",
      at,
    );
  }
}

/**
 * The platform told a person's own zone: when theirs was only assumed, it replaces it, their internships
 * are looked at again, and they are told once. Returns whether the zone changed, and the outbox key of the
 * notice when one was queued. Call inside a transaction.
 */
export async function adoptOwnZone(
  store: Store,
  workspace: Workspace,
  person: Person,
  zone: string,
  at: Date,
  /** The person is writing to Tandem right now (else: set-up learnt it, and the notice waits for their hours). */
  speaking: boolean,
): Promise<{ notice?: string } | undefined> {
  const assumed = await assumedZone(store, workspace, person.id);
  if (!assumed) return undefined;
  await clearZoneAssumed(store, workspace, person.id, at);
  if (zone === person.timezone) return undefined;
  await updatePerson(store, person, { timezone: zone }, at);
  await store.audit.record(
    {
      workspaceId: workspace.id,
      actorLabel: "platform",
      action: "person.timezone",
      entity: "person",
      entityId: person.id,
      detail: { key: person.key, from: person.timezone, to: zone },
    },
    at,
  );
  for (const internship of await store.internships.forPerson(workspace.id, person.id)) {
    await touchInternship(store, workspace.id, internship.id, at);
  }
  const key = noticeKeys.zoneLearnt(person.id, zone);
  const text = assumedZoneCopy.learnt({
    zone,
    assumed: person.timezone,
    hours: person.contactHours,
    country: person.region ? `${person.country}-${person.region}` : person.country,
    platform: workspace.platform,
  });
  const draft = directDraft(workspace, { ...person, timezone: zone }, key, { text }, at);
  if (!draft) return {};
  // Said in answer to what they just wrote: sent now, like a reply, not held for their contact hours.
  if (speaking) delete draft.recipientId;
  return (await store.outbox.enqueue(draft, at)) ? { notice: key } : {};
}
