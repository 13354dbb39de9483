import { userAddress } from "../domain/addresses.js";
import type { OutboundMessage } from "../domain/messages.js";
import type { Person, Workspace } from "../domain/types.js";
import type { OutboxDraft, Store } from "../ports/store.js";

/** A direct message to a person, or undefined when they have no identity on the workspace's platform. */
export function directDraft(
  workspace: Workspace,
  person: Person,
  key: string,
  payload: OutboundMessage,
  notBefore: Date,
  expiresAt?: Date,
): OutboxDraft | undefined {
  const user = person.ids[workspace.platform];
  if (!user) return undefined;
  const draft: OutboxDraft = {
    workspaceId: workspace.id,
    key,
    recipientId: person.id,
    address: userAddress(workspace.platform, workspace.externalId, user),
    payload,
    notBefore,
  };
  if (expiresAt) draft.expiresAt = expiresAt;
  return draft;
}

/** Queues a direct message through the outbox; false when the person cannot be reached or it was queued before. */
export async function queueDirect(
  store: Store,
  workspace: Workspace,
  person: Person,
  key: string,
  payload: OutboundMessage,
  at: Date,
): Promise<boolean> {
  const draft = directDraft(workspace, person, key, payload, at);
  return draft ? await store.outbox.enqueue(draft, at) : false;
}
