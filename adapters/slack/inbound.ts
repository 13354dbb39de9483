/** Slack payloads (events, slash commands, interactivity) turned into the core's InboundEvents. */
import { userAddress } from "../../src/domain/addresses.js";
import type {
  ActionEvent,
  CommandEvent,
  InboundEvent,
  MessageEvent,
  ReactionEvent,
} from "../../src/domain/messages.js";
import { asksForSomething } from "../../src/domain/request-words.js";
import { actionOf } from "./action-ids.js";
import { slackConversation } from "./addresses.js";

type Json = Record<string, unknown>;
const str = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

/** Slack's `ts` ("1733050800.000200") is the message's own time, in seconds. */
export function tsToDate(ts: string): Date {
  return new Date(Math.round(Number(ts) * 1000));
}

// Labels never hold a raw "<" (Slack sends &lt;): excluding it keeps these linear on hostile text.
const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>/g;

export function mentionsIn(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!))];
}

/** Subtypes that are still people talking; every other subtype is a system message (edits, joins, ...). */
const PERSON_SUBTYPES = new Set(["thread_broadcast", "file_share", "me_message"]);

/** A link Slack resolves to the message in whichever workspace the reader is signed in to. */
export function permalink(channel: string, ts: string): string {
  return `https://slack.com/archives/${channel}/p${ts.replace(".", "")}`;
}

/**
 * A `message` event. Direct messages to the bot keep their text (commands, check-in answers);
 * channel messages keep metadata only.
 */
export function messageEvent(team: string, eventId: string, event: Json): MessageEvent | undefined {
  const user = str(event.user);
  const channel = str(event.channel);
  const ts = str(event.ts);
  if (!channel || !ts) return undefined;
  const subtype = str(event.subtype);
  const text = typeof event.text === "string" ? event.text : "";
  const isDirect = event.channel_type === "im";
  const fromBot = Boolean(event.bot_id) || subtype === "bot_message" || !user;
  const result: MessageEvent = {
    kind: "message",
    id: eventId,
    platform: "slack",
    workspace: team,
    user: user ?? str(event.bot_id) ?? "unknown",
    conversation: isDirect ? userAddress("slack", team, user ?? "unknown") : slackConversation(team, channel),
    at: tsToDate(ts),
    messageRef: ts,
    mentions: mentionsIn(text),
    asks: asksForSomething(text),
    isDirect,
    fromBot,
    permalink: permalink(channel, ts),
  };
  const thread = str(event.thread_ts);
  if (thread && thread !== ts) result.threadRef = thread;
  if (subtype && !PERSON_SUBTYPES.has(subtype)) result.isSystem = true;
  if (isDirect) result.text = text;
  return result;
}

export function reactionEvent(team: string, eventId: string, event: Json): ReactionEvent | undefined {
  const item = (event.item ?? {}) as Json;
  const user = str(event.user);
  const channel = str(item.channel);
  const ts = str(item.ts);
  const reaction = str(event.reaction);
  if (!user || !channel || !ts || !reaction || item.type !== "message") return undefined;
  return {
    kind: "reaction",
    id: eventId,
    platform: "slack",
    workspace: team,
    user,
    conversation: slackConversation(team, channel),
    at: tsToDate(str(event.event_ts) ?? ts),
    messageRef: ts,
    reaction,
    ...(str(event.item_user) ? { itemAuthor: str(event.item_user) } : {}),
  };
}

/** `@Tandem milestone list` in a channel: the mention is stripped and the rest is a command. */
export function mentionCommand(
  team: string,
  eventId: string,
  event: Json,
  botUserId: string | undefined,
): CommandEvent | undefined {
  const user = str(event.user);
  const channel = str(event.channel);
  const ts = str(event.ts);
  if (!user || !channel || !ts) return undefined;
  const text = String(event.text ?? "")
    .replace(
      botUserId ? new RegExp(`<@${botUserId}(\\|[^<>]*)?>`, "g") : /^\s*<@[UW][A-Z0-9]+(\|[^<>]*)?>/,
      "",
    )
    .trim();
  return {
    kind: "command",
    id: eventId,
    platform: "slack",
    workspace: team,
    user,
    conversation: slackConversation(team, channel),
    at: tsToDate(ts),
    text,
  };
}

/** `/milestone add ...` means `milestone add ...`; `/tandem status` means `status`. */
export function slashCommand(body: Json, at: Date): CommandEvent | undefined {
  const user = str(body.user_id);
  const team = str(body.team_id);
  const command = str(body.command);
  const trigger = str(body.trigger_id);
  if (!user || !team || !command || !trigger) return undefined;
  const text = String(body.text ?? "").trim();
  return {
    kind: "command",
    id: `command:${trigger}`,
    platform: "slack",
    workspace: team,
    user,
    conversation: slackConversation(team, str(body.channel_id) ?? user),
    at,
    text: command === "/milestone" ? `milestone ${text}`.trim() : text,
  };
}

/** A button press in a message or in App Home. */
export function blockAction(body: Json, at: Date): ActionEvent | undefined {
  const user = ((body.user ?? {}) as Json).id;
  const team = str(((body.team ?? {}) as Json).id) ?? str(((body.user ?? {}) as Json).team_id);
  const action = ((body.actions as Json[] | undefined) ?? [])[0];
  const trigger = str(body.trigger_id);
  if (typeof user !== "string" || !team || !action || !trigger) return undefined;
  const actionId = str(action.action_id);
  if (!actionId) return undefined;
  const channel = str(((body.channel ?? {}) as Json).id) ?? user;
  return {
    kind: "action",
    id: `action:${trigger}`,
    platform: "slack",
    workspace: team,
    user,
    conversation: slackConversation(team, channel),
    at,
    action: actionOf(actionId),
    value: str(action.value) ?? "",
  };
}

/** What one input of a submitted modal holds, as text: a picked user, channel or date is its id or day. */
function stateValue(input: Json): string | undefined {
  const selected = (input.selected_option as Json | null | undefined)?.value;
  if (typeof selected === "string") return selected;
  for (const key of ["selected_user", "selected_conversation", "selected_channel", "selected_date"]) {
    if (typeof input[key] === "string") return input[key] as string;
  }
  const many = input.selected_users;
  if (Array.isArray(many)) return many.filter((id) => typeof id === "string").join(",");
  const options = input.selected_options;
  if (Array.isArray(options))
    return options
      .map((o) => (typeof o === "object" && o !== null ? (o as Json).value : undefined))
      .filter((v): v is string => typeof v === "string")
      .join(",");
  return typeof input.value === "string" ? input.value : undefined;
}

/** A submitted modal: callback_id is the form's action, private_metadata its value. */
export function viewSubmission(body: Json, at: Date): ActionEvent | undefined {
  const user = ((body.user ?? {}) as Json).id;
  const team = str(((body.team ?? {}) as Json).id) ?? str(((body.user ?? {}) as Json).team_id);
  const view = (body.view ?? {}) as Json;
  const action = str(view.callback_id);
  if (typeof user !== "string" || !team || !action) return undefined;
  const form: Record<string, string> = {};
  const values = ((view.state as Json | undefined)?.values ?? {}) as Record<string, Record<string, Json>>;
  const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;
  for (const block of Object.values(isObject(values) ? values : {})) {
    if (!isObject(block)) continue;
    for (const [field, input] of Object.entries(block)) {
      // A malformed input must not fail the listener before it acknowledges the submission.
      if (!isObject(input)) continue;
      const value = stateValue(input);
      if (value !== undefined && value.trim() !== "") form[field] = value;
    }
  }
  return {
    kind: "action",
    // Each submission has its own trigger_id; a view's id and hash stay the same when the person corrects
    // a refused form and submits again, which must not look like a redelivery.
    id: str(body.trigger_id)
      ? `view:${str(view.id) ?? "unknown"}:${str(body.trigger_id)}`
      : `view:${str(view.id) ?? "unknown"}:${str(view.hash) ?? at.getTime()}`,
    platform: "slack",
    workspace: team,
    user,
    conversation: userAddress("slack", team, user),
    at,
    action,
    value: str(view.private_metadata) ?? "",
    form,
  };
}

export type { InboundEvent };
