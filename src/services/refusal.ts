/**
 * A message the platform refused for good (too long, too many blocks, HTTP 413) is never silent: its
 * recipient gets a short plain version that names the command showing it in full, and whoever works
 * with them hears once that messages failed. Both go through the outbox with deterministic keys.
 */
import { refusedFallback, refusedNotice } from "../domain/copy/delivery.js";
import { firstLine } from "../domain/message-budget.js";
import { keyFamily, refusalKeys } from "../domain/outbox-keys.js";
import type { OutboxDraft, OutboxItem, Store } from "../ports/store.js";
import { directDraft } from "./notify.js";
import { channelContact, contactOf } from "./unreachable.js";

/** Items named in a fallback: it must stay short, whatever was merged. */
const SHOWN_ITEMS = 10;

/** The refused rows (one message, or several merged into one) and the drafts that replace and report them. */
export async function refusalDrafts(
  store: Store,
  items: readonly OutboxItem[],
  now: Date,
): Promise<OutboxDraft[]> {
  const first = items[0];
  // A fallback or a report refused in turn is only logged: a further message could loop.
  if (!first || items.some((item) => refusalKeys.isFallbackOrReport(item.key))) return [];
  const fallback: OutboxDraft = {
    workspaceId: first.workspaceId,
    key: refusalKeys.fallback(first.key),
    address: first.address,
    payload: refusedFallback(
      items.map((item) => ({ firstLine: firstLine(item.payload.text), family: keyFamily(item.key) })),
      SHOWN_ITEMS,
    ),
    notBefore: now,
  };
  if (first.recipientId !== undefined) fallback.recipientId = first.recipientId;
  const report = await refusalReport(store, first, now);
  return report ? [fallback, report] : [fallback];
}

async function refusalReport(store: Store, item: OutboxItem, now: Date): Promise<OutboxDraft | undefined> {
  const workspace = await store.workspaces.get(item.workspaceId);
  if (!workspace) return undefined;
  if (item.recipientId !== undefined) {
    const recipient = await store.people.get(item.workspaceId, item.recipientId);
    const contact = await contactOf(store, item.workspaceId, item.recipientId);
    if (!recipient || !contact) return undefined;
    return directDraft(workspace, contact, refusalKeys.report(recipient.id), refusedNotice(recipient), now);
  }
  const contact = await channelContact(store, item);
  return (
    contact && directDraft(workspace, contact, refusalKeys.channelReport(), refusedNotice(undefined), now)
  );
}
