/** Bot Framework activities (Teams) turned into the core's InboundEvents. */
import { conversationAddress, userAddress } from "../../src/domain/addresses.js";
import type { ActionEvent, InboundEvent, MessageEvent, ReactionEvent } from "../../src/domain/messages.js";
import { asksForSomething } from "../../src/domain/request-words.js";

/** The activity fields Tandem reads; the rest of the Bot Framework schema is ignored. */
export interface TeamsActivity {
  type: string;
  id?: string;
  timestamp?: string | Date;
  text?: string;
  value?: unknown;
  name?: string;
  replyToId?: string;
  from?: { id?: string; aadObjectId?: string; name?: string; role?: string };
  recipient?: { id?: string };
  conversation?: { id?: string; conversationType?: string; tenantId?: string; isGroup?: boolean };
  channelData?: { tenant?: { id?: string }; eventType?: string; channel?: { id?: string } };
  entities?: { type?: string; mentioned?: { id?: string; name?: string }; text?: string }[];
  reactionsAdded?: { type?: string }[];
}

type Entity = NonNullable<TeamsActivity["entities"]>[number];

/** The activity's entities that are objects: a malformed list must not fail the turn. */
function entitiesOf(activity: TeamsActivity): Entity[] {
  const entities: unknown = activity.entities;
  return Array.isArray(entities)
    ? entities.filter((e): e is Entity => typeof e === "object" && e !== null && !Array.isArray(e))
    : [];
}

/** The Teams ids of everyone an activity @mentions: what a UserLookup is asked about. */
export function mentionedIds(activity: TeamsActivity): string[] {
  return entitiesOf(activity).flatMap((e) =>
    e.type === "mention" && typeof e.mentioned?.id === "string" && e.mentioned.id ? [e.mentioned.id] : [],
  );
}

/** The activity's text; anything but a string counts as none. */
const textOf = (activity: TeamsActivity): string => (typeof activity.text === "string" ? activity.text : "");

/** Turns a Teams user id (29:...) into the AAD object id the programme file uses, when known. */
export type UserLookup = (teamsUserId: string) => string | undefined;

export function tenantOf(activity: TeamsActivity): string | undefined {
  return activity.conversation?.tenantId ?? activity.channelData?.tenant?.id;
}

/** A channel thread's conversation id is `<channel>;messageid=<root>`: the channel and the thread root. */
export function splitConversation(id: string): { channel: string; root?: string } {
  const [channel = id, root] = id.split(";messageid=");
  return root ? { channel, root } : { channel };
}

/** The activity's own timestamp; the time it arrived only when Teams sent none. */
const whenOf = (activity: TeamsActivity, receivedAt: Date) =>
  activity.timestamp ? new Date(activity.timestamp) : receivedAt;

/** Redeliveries carry the same activity id, unique within its conversation. */
export const deliveryId = (activity: TeamsActivity) =>
  `${activity.conversation?.id ?? ""}|${activity.id ?? ""}`;

/** Strips `<at>Tandem</at>` and any other tags Teams puts in message text. */
export function plainText(html: string): string {
  return (
    html
      .replace(/<at>[^<]*<\/at>/gi, " ")
      // Line breaks stay: a check-in answer is one label a line ("done: ...", "next: ...").
      .replace(/<br\s*\/?>|<\/(?:p|div|li)>/gi, "\n")
      // [^<>], not [^>]: text full of "<" without ">" made this quadratic (seconds per message).
      .replace(/<[^<>]+>/g, " ")
      .replace(/&nbsp;/g, " ")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      // Last, so a typed "&lt;" (sent as &amp;lt;) stays as typed.
      .replace(/&amp;/g, "&")
      .replace(/[^\S\n]+/g, " ")
      .replace(/ ?\n[\s]*/g, "\n")
      .trim()
  );
}

/** Marks a person's mention while the markup is stripped (a private-use character Teams never sends). */
const MARK = "\uE000";

/**
 * Text a person typed to Tandem: the bot's own `<at>Tandem</at>` removed, and each person @mentioned
 * written as `<@aad id>`, the form the command parser reads (`milestone list for <at>Ana</at>`).
 */
export function commandText(activity: TeamsActivity, lookup: UserLookup): string {
  const bot = activity.recipient?.id;
  let html = textOf(activity).replaceAll(MARK, "");
  const people: string[] = [];
  for (const entity of entitiesOf(activity)) {
    const id = entity.mentioned?.id;
    if (entity.type !== "mention" || typeof id !== "string" || !id || typeof entity.text !== "string")
      continue;
    if (!entity.text) continue;
    const at = html.indexOf(entity.text);
    if (at < 0) continue;
    const swap = id === bot ? " " : ` ${MARK}${people.push(lookup(id) ?? id) - 1}${MARK} `;
    html = html.slice(0, at) + swap + html.slice(at + entity.text.length);
  }
  return plainText(html).replace(
    new RegExp(`${MARK}(\\d+)${MARK}`, "g"),
    (_, i) => `<@${people[Number(i)]}>`,
  );
}

function mentionIds(activity: TeamsActivity, lookup: UserLookup): string[] {
  const bot = activity.recipient?.id;
  return entitiesOf(activity)
    .filter((e) => e.type === "mention" && e.mentioned?.id && e.mentioned.id !== bot)
    .map((e) => lookup(e.mentioned!.id!) ?? e.mentioned!.id!);
}

export function botMentioned(activity: TeamsActivity): boolean {
  const bot = activity.recipient?.id;
  return entitiesOf(activity).some((e) => e.type === "mention" && e.mentioned?.id === bot);
}

/**
 * A message: in the personal chat it keeps its text (commands, check-in answers); in channels and group
 * chats only metadata, unless the bot was @mentioned, in which case the text is a command.
 */
export function messageEvent(
  activity: TeamsActivity,
  lookup: UserLookup,
  receivedAt: Date,
): InboundEvent | undefined {
  const tenant = tenantOf(activity);
  const user = activity.from?.aadObjectId;
  const conversationId = activity.conversation?.id;
  if (!tenant || !user || !conversationId || !activity.id) return undefined;
  const personal = activity.conversation?.conversationType === "personal";
  const text = plainText(textOf(activity));
  if (!personal && botMentioned(activity)) {
    return {
      kind: "command",
      id: deliveryId(activity),
      platform: "teams",
      workspace: tenant,
      user,
      conversation: conversationAddress("teams", tenant, splitConversation(conversationId).channel),
      at: whenOf(activity, receivedAt),
      text: commandText(activity, lookup),
      // Answered in the channel or group chat, for everyone there to read.
      shared: true,
    };
  }
  const { channel, root } = splitConversation(conversationId);
  const event: MessageEvent = {
    kind: "message",
    id: deliveryId(activity),
    platform: "teams",
    workspace: tenant,
    user,
    conversation: personal
      ? userAddress("teams", tenant, user)
      : conversationAddress("teams", tenant, channel),
    at: whenOf(activity, receivedAt),
    messageRef: activity.id,
    mentions: mentionIds(activity, lookup),
    asks: asksForSomething(text),
    isDirect: personal,
    fromBot: activity.from?.role === "bot",
  };
  if (root && root !== activity.id) event.threadRef = root;
  if (personal) event.text = text;
  return event;
}

/** Action.Submit arrives as a message with `value`; Action.Execute as an adaptiveCard/action invoke. */
export function actionEvent(
  activity: TeamsActivity,
  data: Record<string, unknown>,
  receivedAt: Date,
): ActionEvent | undefined {
  const tenant = tenantOf(activity);
  const user = activity.from?.aadObjectId;
  const action = data.tandemAction;
  if (!tenant || !user || typeof action !== "string") return undefined;
  const form: Record<string, string> = {};
  // A card's inputs arrive as fields beside Tandem's own, even when left empty; a plain button sends none.
  // Only a submitted form has a `form`: the core opens one (e.g. accepting a milestone asks for feedback)
  // when a button press comes without it.
  let submittedInputs = false;
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith("tandem")) continue;
    submittedInputs = true;
    if (value === undefined || value === null || value === "") continue;
    form[key] = String(value);
  }
  return {
    kind: "action",
    id: deliveryId(activity),
    platform: "teams",
    workspace: tenant,
    user,
    conversation: userAddress("teams", tenant, user),
    at: whenOf(activity, receivedAt),
    action,
    value: typeof data.tandemValue === "string" ? data.tandemValue : "",
    ...(submittedInputs ? { form } : {}),
  };
}

export function reactionEvent(activity: TeamsActivity, receivedAt: Date): ReactionEvent | undefined {
  const tenant = tenantOf(activity);
  const user = activity.from?.aadObjectId;
  const reaction = activity.reactionsAdded?.[0]?.type;
  const conversationId = activity.conversation?.id;
  if (!tenant || !user || !reaction || !activity.replyToId || !conversationId) return undefined;
  return {
    kind: "reaction",
    id: deliveryId(activity),
    platform: "teams",
    workspace: tenant,
    user,
    conversation: conversationAddress("teams", tenant, splitConversation(conversationId).channel),
    at: whenOf(activity, receivedAt),
    messageRef: activity.replyToId,
    reaction,
  };
}
