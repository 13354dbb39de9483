import type { Exchange } from "../domain/records.js";
import type { Internship, Person } from "../domain/types.js";
import type { Store } from "../ports/store.js";

export interface SeenInConversation {
  workspaceId: number;
  conversation: string;
  author: Person;
  mentionIds: readonly number[];
  messageRef: string;
  threadRef?: string;
  at: Date;
}

/**
 * Keeps the metadata the isolation signal and the introductions read: who wrote where and when, and
 * with whom the intern exchanged (a mention either way, or writing in the same thread). Never text.
 * Returns who wrote in the thread before this message (none for a top-level message).
 */
export async function recordActivity(
  store: Store,
  internship: Internship,
  seen: SeenInConversation,
): Promise<readonly number[]> {
  const threadKey = seen.threadRef ?? seen.messageRef;
  const args = [
    seen.workspaceId,
    internship.id,
    seen.author.id,
    seen.conversation,
    threadKey,
    seen.at,
  ] as const;
  let before: readonly number[] = [];
  if (seen.threadRef) before = await store.activity.recordInThread(...args);
  else await store.activity.record(...args);
  const exchange = async (personId: number, source: Exchange["source"]) =>
    await store.activity.addExchange(seen.workspaceId, {
      internshipId: internship.id,
      personId,
      source,
      at: seen.at,
    });
  if (seen.author.id === internship.internId) {
    const mentioned = new Set(seen.mentionIds.filter((id) => id !== internship.internId));
    for (const id of mentioned) await exchange(id, "mention");
    for (const id of before)
      if (id !== internship.internId && !mentioned.has(id)) await exchange(id, "thread");
    return before;
  }
  if (seen.mentionIds.includes(internship.internId)) await exchange(seen.author.id, "mention");
  else if (before.includes(internship.internId)) await exchange(seen.author.id, "thread");
  return before;
}
