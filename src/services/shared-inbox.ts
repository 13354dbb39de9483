/**
 * One reader, several records: a coordinator outside every company's chat is one person per company
 * (workspace), all with the same e-mail address. Her welcome and weekly digest are written once, by one of
 * those records (the lead), and cover the interns of all of them, grouped by company; the dispatcher keeps
 * one daily budget for the address (dispatch-recipients.ts). Records are joined only when Tandem would
 * write to that same address for each anyway, so nobody reads anything they would not have read.
 */
import { mailAddress, mailRecipient } from "../domain/addresses.js";
import type { Person, Workspace } from "../domain/types.js";
import type { Store } from "../ports/store.js";
import { personAddress } from "./notify.js";

export interface InboxRecord {
  workspace: Workspace;
  person: Person;
}

/**
 * The records sharing `person`'s inbox for messages with keys made by `keyOf` (a digest may go to chat
 * for one record and by e-mail for another): `person` alone when Tandem writes to them in chat. Ordered
 * by person id.
 */
export async function inboxRecords(
  store: Store,
  workspace: Workspace,
  person: Person,
  keyOf: (person: Person) => string,
): Promise<InboxRecord[]> {
  const own = personAddress(workspace, person, keyOf(person));
  const email = own && mailRecipient(own);
  if (!email) return [{ workspace, person }];
  const records: InboxRecord[] = [];
  const workspaces = new Map<number, Workspace | undefined>([[workspace.id, workspace]]);
  for (const other of await store.people.byEmail(email)) {
    if (!workspaces.has(other.workspaceId))
      workspaces.set(other.workspaceId, await store.workspaces.get(other.workspaceId));
    const ws = workspaces.get(other.workspaceId);
    if (ws && personAddress(ws, other, keyOf(other)) === mailAddress(email))
      records.push({ workspace: ws, person: other });
  }
  if (!records.some((r) => r.person.id === person.id)) records.push({ workspace, person });
  return records.sort((a, b) => a.person.id - b.person.id);
}
