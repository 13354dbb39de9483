import { unreachableNotice } from "../domain/copy/delivery.js";
import { unreachableKeys } from "../domain/outbox-keys.js";
import type { Person } from "../domain/types.js";
import type { OutboxDraft, Store } from "../ports/store.js";
import { directDraft } from "./notify.js";

/** Whoever works with this person: for an intern their supervisor, else the coordinator first. */
export function contactOf(store: Store, workspaceId: number, personId: number): Person | undefined {
  const internships = store.internships.forPerson(workspaceId, personId);
  const contactIds = internships.flatMap((i) =>
    i.internId === personId ? [i.supervisorId, i.coordinatorId] : [i.coordinatorId, i.supervisorId],
  );
  return contactIds
    .filter((id): id is number => id !== undefined && id !== personId)
    .map((id) => store.people.get(workspaceId, id))
    .find((p) => p !== undefined);
}

/**
 * Someone the platform cannot reach (a Teams user who never installed the app): their supervisor, or
 * for a supervisor the coordinator, hears about it once, with what to do.
 */
export function unreachableReport(
  store: Store,
  workspaceId: number,
  personId: number,
  now: Date,
): OutboxDraft | undefined {
  const workspace = store.workspaces.get(workspaceId);
  const person = store.people.get(workspaceId, personId);
  if (!workspace || !person) return undefined;
  const contact = contactOf(store, workspaceId, personId);
  if (!contact) return undefined;
  return directDraft(workspace, contact, unreachableKeys.report(personId), unreachableNotice(person), now);
}
