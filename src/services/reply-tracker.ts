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
import { type InternshipContext, loadInternshipContext } from "./internship-context.js";
import { directDraft } from "./notify.js";
import { calendarFor } from "./person-calendar.js";

/** Where a channel event happened and who did it, or undefined when Tandem has nothing to track there. */
async function locate(store: Store, event: MessageEvent | ReactionEvent) {
  const address = parseAddress(event.conversation);
  if (address?.kind !== "conv") return undefined;
  const workspace = await store.workspaces.find(event.platform, event.workspace);
  const author = workspace && (await store.people.byPlatformId(workspace.id, event.platform, event.user));
  if (!workspace || !author) return undefined;
  return { workspace, author, conversation: address.id };
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
  for (const prefix of replyKeys.alertPrefixes(clock.id))
    await store.outbox.cancelPending(clock.workspaceId, prefix);
  return true;
}

async function workingMsToReply(store: Store, clock: TrackedMessage, at: Date): Promise<number | undefined> {
  const responder = await store.people.get(clock.workspaceId, clock.responderId);
  return responder ? (await calendarFor(store, responder)).workingTimeBetween(clock.sentAt, at) : undefined;
}

/**
 * A message in a conversation: it may answer open clocks (from the other side, in the thread or after
 * them) and start a new one. Bots, system messages and direct messages never count.
 */
export async function trackMessage(store: Store, event: MessageEvent, now: Date): Promise<void> {
  if (event.fromBot || event.isSystem || event.isDirect) return;
  const place = await locate(store, event);
  if (!place) return;
  const { workspace, author, conversation } = place;
  const day = localDateIn(author.timezone, event.at);
  const internships = (await store.internships.byConversation(workspace.id, conversation)).filter(
    (i) => i.start <= day && day <= i.end,
  );
  if (internships.length === 0) return;
  const mentionIds: number[] = [];
  for (const user of event.mentions) {
    const id = (await store.people.byPlatformId(workspace.id, event.platform, user))?.id;
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
  for (const i of internships) contexts.set(i.id, await loadInternshipContext(store, workspace.id, i.id));
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
          await workingMsToReply(store, clock, event.at),
        );
      }
    }
  }
  for (const internship of internships) {
    await recordActivity(store, internship, {
      workspaceId: workspace.id,
      conversation,
      author,
      mentionIds,
      messageRef: event.messageRef,
      ...(event.threadRef ? { threadRef: event.threadRef } : {}),
      at: event.at,
    });
  }
  for (const internship of internships) {
    const context = contexts.get(internship.id);
    if (!context) continue;
    const threadPeople = event.threadRef
      ? await store.activity.threadParticipants(internship.id, conversation, event.threadRef)
      : [];
    const seen = { authorId: author.id, mentionIds, asks: event.asks, threadPeople };
    const start = clockFor(seen, internship, context.terms.replies.trigger);
    if (!start) continue;
    await startClock(store, context, author, start, event, conversation, now);
    return; // one clock per message
  }
}

async function startClock(
  store: Store,
  context: InternshipContext,
  asker: Person,
  start: NonNullable<ReturnType<typeof clockFor>>,
  event: Pick<MessageEvent, "messageRef" | "threadRef" | "permalink" | "at">,
  conversation: string,
  now: Date,
): Promise<void> {
  const { workspace } = context;
  const internshipId = context.internship.id;
  const named = await store.people.get(workspace.id, start.responderId);
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
export async function trackReaction(store: Store, event: ReactionEvent, now: Date): Promise<void> {
  const place = await locate(store, event);
  if (!place) return;
  for (const clock of await store.replyClocks.openByMessage(place.workspace.id, event.messageRef)) {
    if (clock.conversation !== place.conversation || clock.responderId !== place.author.id) continue;
    const context = await loadInternshipContext(store, place.workspace.id, clock.internshipId);
    if (!context || reactionName(event) !== context.terms.replies.ackReaction) continue;
    await closeClock(
      store,
      clock,
      event.at,
      place.author.id,
      "reaction",
      await workingMsToReply(store, clock, event.at),
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
  const { workspace, author, conversation } = place;
  const day = localDateIn(author.timezone, event.at);
  const mine = (await store.internships.byConversation(workspace.id, conversation))
    .filter((i) => i.start <= day && day <= i.end)
    .filter((i) => i.internId === author.id || isCompanyParty(author.id, i));
  // A supervisor of several interns in one channel: whose reply is meant is not known, so none.
  const internship = mine.find((i) => i.internId === author.id) ?? (mine.length === 1 ? mine[0] : undefined);
  if (!internship) return;
  const context = await loadInternshipContext(store, workspace.id, internship.id);
  if (!context || !sameReaction(reactionName(event), context.terms.replies.trackReaction)) return;
  const others = internship.internId === author.id ? [] : [internship.internId];
  const start = clockFor({ authorId: author.id, mentionIds: others, asks: true }, internship);
  if (start)
    await startClock(
      store,
      context,
      author,
      start,
      { messageRef: event.messageRef, at: event.at },
      conversation,
      now,
    );
}
