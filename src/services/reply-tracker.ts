import { parseAddress } from "../domain/addresses.js";
import { coverReceiptLine } from "../domain/copy/leave.js";
import { replyDueNotice } from "../domain/copy/reply.js";
import { namedDaysOffBetween } from "../domain/days-off.js";
import type { MessageEvent, ReactionEvent } from "../domain/messages.js";
import { replyKeys } from "../domain/outbox-keys.js";
import { answers, clockFor, deadlines, isCompanyParty } from "../domain/reply-clock.js";
import type { CloseReason, TrackedMessage } from "../domain/reply-records.js";
import type { Person } from "../domain/types.js";
import { localDateIn } from "../domain/zone-time.js";
import type { Store } from "../ports/store.js";
import { recordActivity } from "./activity-tracker.js";
import { addresseeFor } from "./cover.js";
import type { InternshipContext } from "./internship-context.js";
import { directDraft } from "./notify.js";
import type { CachedWorkspace, WorkspaceCache } from "./workspace-cache.js";

/** Where a channel event happened and who did it, or undefined when Tandem has nothing to track there. */
async function locate(workspaces: WorkspaceCache, event: MessageEvent | ReactionEvent) {
  const address = parseAddress(event.conversation);
  if (address?.kind !== "conv") return undefined;
  const cached = await workspaces.open(event.platform, event.workspace);
  const author = cached && (await cached.byPlatformId(event.user));
  if (!cached || !author) return undefined;
  return { cached, workspace: cached.workspace, author, conversation: address.id };
}

/** Closes a clock and withdraws its alerts that are still waiting. */
export async function closeClock(
  store: Store,
  clock: TrackedMessage,
  at: Date,
  by: number | undefined,
  reason: CloseReason,
  replyMs?: number,
): Promise<boolean> {
  if (!(await store.replyClocks.close(clock.id, at, by, reason, replyMs))) return false;
  await store.outbox.cancelPending(clock.workspaceId, replyKeys.alertPrefixes(clock.id));
  return true;
}

async function workingMsToReply(
  cached: CachedWorkspace,
  clock: TrackedMessage,
  at: Date,
): Promise<number | undefined> {
  const responder = await cached.person(clock.responderId);
  return responder ? (await cached.calendarOf(responder)).workingTimeBetween(clock.sentAt, at) : undefined;
}

/**
 * A message in a conversation: it may answer open clocks (from the other side, in the thread or after
 * them) and start a new one. Bots, system messages and direct messages never count. What it reads about
 * the workspace's people and internships comes from `workspaces` (kept while nothing of it changes).
 */
export async function trackMessage(
  store: Store,
  workspaces: WorkspaceCache,
  event: MessageEvent,
  now: Date,
): Promise<void> {
  if (event.fromBot || event.isSystem || event.isDirect) return;
  const place = await locate(workspaces, event);
  if (!place) return;
  const { cached, workspace, author, conversation } = place;
  const day = localDateIn(author.timezone, event.at);
  const internships = (await cached.internshipsIn(conversation)).filter(
    (i) => i.start <= day && day <= i.end,
  );
  if (internships.length === 0) return;
  const mentionIds: number[] = [];
  for (const user of event.mentions) {
    const id = (await cached.byPlatformId(user))?.id;
    if (id !== undefined && id !== author.id) mentionIds.push(id);
  }
  const reply = {
    authorId: author.id,
    at: event.at,
    mentionIds,
    ...(event.threadRef ? { threadRef: event.threadRef } : {}),
  };
  const open = await store.replyClocks.openIn(workspace.id, conversation);
  const contexts = new Map<number, InternshipContext | undefined>();
  for (const i of internships) contexts.set(i.id, await cached.context(i.id));
  for (const internship of internships) {
    const context = contexts.get(internship.id);
    if (!context) continue;
    for (const clock of open.filter((c) => c.internshipId === internship.id)) {
      if (answers(clock, reply, internship, context.terms.replies.where)) {
        await closeClock(
          store,
          clock,
          event.at,
          author.id,
          "reply",
          await workingMsToReply(cached, clock, event.at),
        );
      }
    }
  }
  // Who wrote in the thread before this message: what the activity record and the clock both need.
  const threadPeople = new Map<number, readonly number[]>();
  for (const internship of internships) {
    threadPeople.set(
      internship.id,
      await recordActivity(store, internship, {
        workspaceId: workspace.id,
        conversation,
        author,
        mentionIds,
        messageRef: event.messageRef,
        ...(event.threadRef ? { threadRef: event.threadRef } : {}),
        at: event.at,
      }),
    );
  }
  for (const internship of internships) {
    const context = contexts.get(internship.id);
    if (!context) continue;
    const seen = {
      authorId: author.id,
      mentionIds,
      asks: event.asks,
      threadPeople: threadPeople.get(internship.id) ?? [],
    };
    const start = clockFor(seen, internship, context.terms.replies.trigger);
    if (!start) continue;
    await startClock(store, cached, context, author, start, event, conversation, now);
    return; // one clock per message
  }
}

async function startClock(
  store: Store,
  cached: CachedWorkspace,
  context: InternshipContext,
  asker: Person,
  start: NonNullable<ReturnType<typeof clockFor>>,
  event: Pick<MessageEvent, "messageRef" | "threadRef" | "permalink" | "at">,
  conversation: string,
  now: Date,
): Promise<void> {
  const { workspace } = context;
  const internshipId = context.internship.id;
  const named = await cached.person(start.responderId);
  if (!named) return;
  // While the one asked is on leave, whoever covers for them owes the reply, on their own clock.
  const responder = addresseeFor(context, named, event.at);
  const calendar = context.calendarOf(responder);
  const times = deadlines(calendar, event.at, context.terms, start.direction);
  const clock = await store.replyClocks.start({
    workspaceId: workspace.id,
    internshipId,
    conversation,
    messageRef: event.messageRef,
    ...(event.threadRef ? { threadRef: event.threadRef } : {}),
    ...(event.permalink ? { permalink: event.permalink } : {}),
    direction: start.direction,
    authorId: asker.id,
    responderId: responder.id,
    sentAt: event.at,
    allowedMs: times.allowedMs,
    dueAt: times.dueAt,
  });
  if (!clock) return;
  const notice = directDraft(
    workspace,
    asker,
    replyKeys.due(clock.id),
    replyDueNotice(clock, asker, responder, namedDaysOffBetween(calendar, event.at, clock.dueAt)),
    now,
  );
  if (notice && responder.id !== named.id)
    notice.payload = {
      ...notice.payload,
      text: `${notice.payload.text} ${coverReceiptLine(named, responder)}`,
    };
  if (notice) await store.outbox.enqueue(notice, now);
  await store.wakeups.touch(workspace.id, internshipId, ["replies"], times.warnAt);
}

const reactionName = (event: ReactionEvent) => event.reaction.replace(/:/g, "").toLowerCase();
/** Slack has two hourglasses (⌛ hourglass, ⏳ hourglass_flowing_sand): either one marks for tracking. */
const sameReaction = (name: string, term: string) =>
  name === term || name.replace(/_flowing_sand$/, "") === term.replace(/_flowing_sand$/, "");

/**
 * A reaction in a conversation: the responder's acknowledgement closes the clock of that message; the
 * tracking reaction by a message's author (a party of the agreement) starts one, counted from now.
 */
export async function trackReaction(
  store: Store,
  workspaces: WorkspaceCache,
  event: ReactionEvent,
  now: Date,
): Promise<void> {
  const place = await locate(workspaces, event);
  if (!place) return;
  const { cached } = place;
  for (const clock of await store.replyClocks.openByMessage(place.workspace.id, event.messageRef)) {
    if (clock.conversation !== place.conversation || clock.responderId !== place.author.id) continue;
    const context = await cached.context(clock.internshipId);
    if (!context || reactionName(event) !== context.terms.replies.ackReaction) continue;
    await closeClock(
      store,
      clock,
      event.at,
      place.author.id,
      "reaction",
      await workingMsToReply(cached, clock, event.at),
    );
  }
  if (event.itemAuthor === undefined || event.itemAuthor === event.user)
    await markForTracking(store, event, place, now);
}

async function markForTracking(
  store: Store,
  event: ReactionEvent,
  place: NonNullable<Awaited<ReturnType<typeof locate>>>,
  now: Date,
): Promise<void> {
  const { cached, author, conversation } = place;
  const day = localDateIn(author.timezone, event.at);
  const mine = (await cached.internshipsIn(conversation))
    .filter((i) => i.start <= day && day <= i.end)
    .filter((i) => i.internId === author.id || isCompanyParty(author.id, i));
  // A supervisor of several interns in one channel: whose reply is meant is not known, so none.
  const internship = mine.find((i) => i.internId === author.id) ?? (mine.length === 1 ? mine[0] : undefined);
  if (!internship) return;
  const context = await cached.context(internship.id);
  if (!context || !sameReaction(reactionName(event), context.terms.replies.trackReaction)) return;
  const others = internship.internId === author.id ? [] : [internship.internId];
  const start = clockFor({ authorId: author.id, mentionIds: others, asks: true }, internship);
  if (start)
    await startClock(
      store,
      cached,
      context,
      author,
      start,
      { messageRef: event.messageRef, at: event.at },
      conversation,
      now,
    );
}
