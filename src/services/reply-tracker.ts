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
function locate(store: Store, event: MessageEvent | ReactionEvent) {
  const address = parseAddress(event.conversation);
  if (address?.kind !== "conv") return undefined;
  const workspace = store.workspaces.find(event.platform, event.workspace);
  const author = workspace && store.people.byPlatformId(workspace.id, event.platform, event.user);
  if (!workspace || !author) return undefined;
  return { workspace, author, conversation: address.id };
}

/** Closes a clock and withdraws its alerts that are still waiting. */
export function closeClock(
  store: Store,
  clock: TrackedMessage,
  at: Date,
  by: number | undefined,
  reason: CloseReason,
  replyMs?: number,
): boolean {
  if (!store.replyClocks.close(clock.id, at, by, reason, replyMs)) return false;
  for (const prefix of replyKeys.alertPrefixes(clock.id))
    store.outbox.cancelPending(clock.workspaceId, prefix);
  return true;
}

function workingMsToReply(store: Store, clock: TrackedMessage, at: Date): number | undefined {
  const responder = store.people.get(clock.workspaceId, clock.responderId);
  return responder ? calendarFor(store, responder).workingTimeBetween(clock.sentAt, at) : undefined;
}

/**
 * A message in a conversation: it may answer open clocks (from the other side, in the thread or after
 * them) and start a new one. Bots, system messages and direct messages never count.
 */
export function trackMessage(store: Store, event: MessageEvent, now: Date): void {
  if (event.fromBot || event.isSystem || event.isDirect) return;
  const place = locate(store, event);
  if (!place) return;
  const { workspace, author, conversation } = place;
  const day = localDateIn(author.timezone, event.at);
  const internships = store.internships
    .byConversation(workspace.id, conversation)
    .filter((i) => i.start <= day && day <= i.end);
  if (internships.length === 0) return;
  const mentionIds = event.mentions
    .map((user) => store.people.byPlatformId(workspace.id, event.platform, user)?.id)
    .filter((id): id is number => id !== undefined && id !== author.id);
  const reply = {
    authorId: author.id,
    at: event.at,
    mentionIds,
    ...(event.threadRef ? { threadRef: event.threadRef } : {}),
  };
  const open = store.replyClocks.openIn(workspace.id, conversation);
  const contexts = new Map(internships.map((i) => [i.id, loadInternshipContext(store, workspace.id, i.id)]));
  for (const internship of internships) {
    const context = contexts.get(internship.id);
    if (!context) continue;
    for (const clock of open.filter((c) => c.internshipId === internship.id)) {
      if (answers(clock, reply, internship, context.terms.replies.where)) {
        closeClock(store, clock, event.at, author.id, "reply", workingMsToReply(store, clock, event.at));
      }
    }
  }
  for (const internship of internships) {
    recordActivity(store, internship, {
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
      ? store.activity.threadParticipants(internship.id, conversation, event.threadRef)
      : [];
    const seen = { authorId: author.id, mentionIds, asks: event.asks, threadPeople };
    const start = clockFor(seen, internship, context.terms.replies.trigger);
    if (!start) continue;
    startClock(store, context, author, start, event, conversation, now);
    return; // one clock per message
  }
}

function startClock(
  store: Store,
  context: InternshipContext,
  asker: Person,
  start: NonNullable<ReturnType<typeof clockFor>>,
  event: Pick<MessageEvent, "messageRef" | "threadRef" | "permalink" | "at">,
  conversation: string,
  now: Date,
): void {
  const { workspace } = context;
  const internshipId = context.internship.id;
  const named = store.people.get(workspace.id, start.responderId);
  if (!named) return;
  // While the one asked is on leave, whoever covers for them owes the reply, on their own clock.
  const responder = addresseeFor(context, named, event.at);
  const calendar = context.calendarOf(responder);
  const times = deadlines(calendar, event.at, context.terms, start.direction);
  const clock = store.replyClocks.start({
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
  if (notice) store.outbox.enqueue(notice, now);
  store.wakeups.touch(workspace.id, internshipId, ["replies"], times.warnAt);
}

const reactionName = (event: ReactionEvent) => event.reaction.replace(/:/g, "").toLowerCase();
/** Slack has two hourglasses (⌛ hourglass, ⏳ hourglass_flowing_sand): either one marks for tracking. */
const sameReaction = (name: string, term: string) =>
  name === term || name.replace(/_flowing_sand$/, "") === term.replace(/_flowing_sand$/, "");

/**
 * A reaction in a conversation: the responder's acknowledgement closes the clock of that message; the
 * tracking reaction by a message's author (a party of the agreement) starts one, counted from now.
 */
export function trackReaction(store: Store, event: ReactionEvent, now: Date): void {
  const place = locate(store, event);
  if (!place) return;
  for (const clock of store.replyClocks.openByMessage(place.workspace.id, event.messageRef)) {
    if (clock.conversation !== place.conversation || clock.responderId !== place.author.id) continue;
    const context = loadInternshipContext(store, place.workspace.id, clock.internshipId);
    if (!context || reactionName(event) !== context.terms.replies.ackReaction) continue;
    closeClock(store, clock, event.at, place.author.id, "reaction", workingMsToReply(store, clock, event.at));
  }
  if (event.itemAuthor === undefined || event.itemAuthor === event.user)
    markForTracking(store, event, place, now);
}

function markForTracking(
  store: Store,
  event: ReactionEvent,
  place: NonNullable<ReturnType<typeof locate>>,
  now: Date,
): void {
  const { workspace, author, conversation } = place;
  const day = localDateIn(author.timezone, event.at);
  const mine = store.internships
    .byConversation(workspace.id, conversation)
    .filter((i) => i.start <= day && day <= i.end)
    .filter((i) => i.internId === author.id || isCompanyParty(author.id, i));
  // A supervisor of several interns in one channel: whose reply is meant is not known, so none.
  const internship = mine.find((i) => i.internId === author.id) ?? (mine.length === 1 ? mine[0] : undefined);
  if (!internship) return;
  const context = loadInternshipContext(store, workspace.id, internship.id);
  if (!context || !sameReaction(reactionName(event), context.terms.replies.trackReaction)) return;
  const others = internship.internId === author.id ? [] : [internship.internId];
  const start = clockFor({ authorId: author.id, mentionIds: others, asks: true }, internship);
  if (start)
    startClock(
      store,
      context,
      author,
      start,
      { messageRef: event.messageRef, at: event.at },
      conversation,
      now,
    );
}
