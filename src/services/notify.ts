import { mailAddress, userAddress } from "../domain/addresses.js";
import type { Address, OutboundMessage } from "../domain/messages.js";
import { keyFamily } from "../domain/outbox-keys.js";
import type { Person, Workspace } from "../domain/types.js";
import type { OutboxDraft, Store } from "../ports/store.js";

/**
 * Where a person's direct messages go: their chat id on the workspace's platform, else their e-mail
 * address; digests go by e-mail when they chose so (`my digests email`). Undefined: no way to reach them.
 */
export function personAddress(workspace: Workspace, person: Person, key: string): Address | undefined {
  const user = person.ids[workspace.platform];
  const byMail = person.email && (!user || (person.digestsTo === "email" && keyFamily(key) === "digest"));
  if (byMail) return mailAddress(person.email!);
  return user ? userAddress(workspace.platform, workspace.externalId, user) : undefined;
}

/** A direct message to a person, or undefined when they have no chat identity and no e-mail address. */
export function directDraft(
  workspace: Workspace,
  person: Person,
  key: string,
  payload: OutboundMessage,
  notBefore: Date,
  expiresAt?: Date,
): OutboxDraft | undefined {
  const address = personAddress(workspace, person, key);
  if (!address) return undefined;
  const draft: OutboxDraft = {
    workspaceId: workspace.id,
    key,
    recipientId: person.id,
    address,
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
