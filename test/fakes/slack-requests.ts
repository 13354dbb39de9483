/**
 * Requests as Slack sends them to `POST /slack/events`: signed with the signing secret, and built in
 * the documented shapes of slash commands, Events API envelopes and interactivity payloads.
 */
import { createHmac } from "node:crypto";

type Json = Record<string, unknown>;

let counter = 0;
const next = () => {
  counter += 1;
  return counter;
};

/** A Slack `ts` for an instant: seconds, a dot, six digits that keep messages of one second apart. */
export function slackTs(at: Date, sequence = next()): string {
  return `${Math.floor(at.getTime() / 1000)}.${String(sequence % 1_000_000).padStart(6, "0")}`;
}

/** `v0=` + hex HMAC-SHA256(secret, `v0:<ts>:<raw body>`). */
export function slackSignature(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export interface SignOptions {
  contentType: "json" | "form";
  /** The request time: a Date, or Unix seconds. */
  timestamp: Date | number;
  /** Extra headers, e.g. X-Slack-Retry-Num. */
  headers?: Record<string, string>;
  /** Replaces the computed signature (to test refusals). */
  signature?: string;
}

/** The raw body as Slack would encode it. */
export function encodeBody(body: Json | string, contentType: "json" | "form"): string {
  if (typeof body === "string") return body;
  if (contentType === "json") return JSON.stringify(body);
  return new URLSearchParams(
    Object.entries(body).map(([key, value]): [string, string] => [
      key,
      typeof value === "string" ? value : JSON.stringify(value),
    ]),
  ).toString();
}

/** Posts a signed request; `baseUrl` is the service root (or the full events URL). */
export async function signedRequest(
  baseUrl: string,
  secret: string,
  body: Json | string,
  options: SignOptions,
): Promise<Response> {
  const url = baseUrl.includes("/slack/") ? baseUrl : new URL("/slack/events", baseUrl).toString();
  const raw = encodeBody(body, options.contentType);
  const timestamp =
    typeof options.timestamp === "number"
      ? options.timestamp
      : Math.floor(options.timestamp.getTime() / 1000);
  return fetch(url, {
    method: "POST",
    headers: {
      // Exactly what Slack sends: no charset parameter.
      "content-type":
        options.contentType === "json" ? "application/json" : "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? slackSignature(secret, timestamp, raw),
      ...options.headers,
    },
    body: raw,
  });
}

/* ---------- slash commands (form fields) ---------- */

export interface CommandInput {
  command: string;
  text?: string;
  user_id: string;
  channel_id?: string;
  team_id?: string;
  response_url?: string;
  trigger_id?: string;
  api_app_id?: string;
}

export function slashCommandBody(input: CommandInput): Record<string, string> {
  const n = next();
  return {
    token: "deprecated-verification-token",
    team_id: input.team_id ?? "T1",
    team_domain: "tandem-test",
    channel_id: input.channel_id ?? "C0HOME",
    channel_name: "home",
    user_id: input.user_id,
    user_name: input.user_id.toLowerCase(),
    command: input.command,
    text: input.text ?? "",
    api_app_id: input.api_app_id ?? "A0TANDEM",
    is_enterprise_install: "false",
    response_url: input.response_url ?? `https://hooks.slack.com/commands/T1/${n}/resp`,
    trigger_id: input.trigger_id ?? `${n}.1.trigger${n}`,
  };
}

/* ---------- Events API ---------- */

export interface EnvelopeOptions {
  team_id?: string;
  event_id?: string;
  /** Unix seconds; defaults to the event's own ts. */
  event_time?: number;
  api_app_id?: string;
}

export function eventCallback(event: Json, options: EnvelopeOptions = {}): Json {
  const team = options.team_id ?? "T1";
  const ts = typeof event.event_ts === "string" ? event.event_ts : (event.ts as string | undefined);
  return {
    token: "deprecated-verification-token",
    team_id: team,
    api_app_id: options.api_app_id ?? "A0TANDEM",
    event,
    type: "event_callback",
    event_id: options.event_id ?? `Ev${String(next()).padStart(8, "0")}`,
    event_time: options.event_time ?? Math.floor(Number(ts ?? Date.now() / 1000)),
    authorizations: [{ enterprise_id: null, team_id: team, user_id: "UBOT", is_bot: true }],
    is_ext_shared_channel: false,
    event_context: `4-${next()}`,
  };
}

export interface MessageInput {
  user?: string;
  channel: string;
  text: string;
  ts: string;
  channel_type?: "channel" | "group" | "im" | "mpim";
  thread_ts?: string;
  subtype?: string;
  bot_id?: string;
}

export function messageEvent(input: MessageInput): Json {
  return {
    type: "message",
    channel: input.channel,
    ...(input.user ? { user: input.user } : {}),
    text: input.text,
    ts: input.ts,
    event_ts: input.ts,
    channel_type: input.channel_type ?? (input.channel.startsWith("D") ? "im" : "channel"),
    team: "T1",
    ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
    ...(input.subtype ? { subtype: input.subtype } : {}),
    ...(input.bot_id ? { bot_id: input.bot_id } : {}),
  };
}

export function appMentionEvent(input: { user: string; channel: string; text: string; ts: string }): Json {
  return { type: "app_mention", ...input, event_ts: input.ts, team: "T1" };
}

export function reactionAddedEvent(input: {
  user: string;
  reaction: string;
  channel: string;
  ts: string;
  item_user?: string;
  event_ts: string;
}): Json {
  return {
    type: "reaction_added",
    user: input.user,
    reaction: input.reaction,
    item: { type: "message", channel: input.channel, ts: input.ts },
    ...(input.item_user ? { item_user: input.item_user } : {}),
    event_ts: input.event_ts,
  };
}

export function appHomeOpenedEvent(input: {
  user: string;
  tab?: "home" | "messages";
  event_ts: string;
}): Json {
  return {
    type: "app_home_opened",
    user: input.user,
    channel: `D${input.user.slice(1)}`,
    tab: input.tab ?? "home",
    event_ts: input.event_ts,
  };
}

export function memberJoinedChannelEvent(input: { user: string; channel: string; event_ts: string }): Json {
  return {
    type: "member_joined_channel",
    user: input.user,
    channel: input.channel,
    channel_type: "C",
    team: "T1",
    event_ts: input.event_ts,
  };
}

/* ---------- interactivity (form field `payload`) ---------- */

export interface BlockActionInput {
  user: string;
  team_id?: string;
  action_id: string;
  value?: string;
  block_id?: string;
  trigger_id?: string;
  channel?: string;
  response_url?: string;
  message_ts?: string;
}

export function blockActionsPayload(input: BlockActionInput): Json {
  const team = input.team_id ?? "T1";
  const n = next();
  return {
    type: "block_actions",
    user: { id: input.user, username: input.user.toLowerCase(), team_id: team },
    api_app_id: "A0TANDEM",
    token: "deprecated-verification-token",
    team: { id: team, domain: "tandem-test" },
    trigger_id: input.trigger_id ?? `${n}.1.trigger${n}`,
    ...(input.channel
      ? {
          container: { type: "message", message_ts: input.message_ts ?? "0", channel_id: input.channel },
          channel: { id: input.channel, name: "directmessage" },
        }
      : { container: { type: "view", view_id: "VHOME" } }),
    ...(input.response_url ? { response_url: input.response_url } : {}),
    actions: [
      {
        action_id: input.action_id,
        block_id: input.block_id ?? `b${n}`,
        text: { type: "plain_text", text: "Answer", emoji: true },
        value: input.value ?? "",
        type: "button",
        action_ts: `${Math.floor(Date.now() / 1000)}.${String(n).padStart(6, "0")}`,
      },
    ],
  };
}

/**
 * A value in a modal's state: text for plain_text_input, an option for static_select, a pick of
 * users_select, multi_users_select, conversations_select or datepicker; `options`: several options of a
 * multi_static_select.
 */
export type StateValue =
  | string
  | { selected: string | null }
  | { user: string | null }
  | { users: string[] }
  | { options: string[] }
  | { conversation: string | null }
  | { date: string | null };

function stateOf(value: StateValue): Json {
  if (typeof value === "string") return { type: "plain_text_input", value };
  if ("user" in value) return { type: "users_select", selected_user: value.user };
  if ("users" in value) return { type: "multi_users_select", selected_users: value.users };
  if ("options" in value)
    return {
      type: "multi_static_select",
      selected_options: value.options.map((v) => ({ text: { type: "plain_text", text: v }, value: v })),
    };
  if ("conversation" in value)
    return { type: "conversations_select", selected_conversation: value.conversation };
  if ("date" in value) return { type: "datepicker", selected_date: value.date };
  return {
    type: "static_select",
    selected_option:
      value.selected === null
        ? null
        : { text: { type: "plain_text", text: value.selected }, value: value.selected },
  };
}

export interface ViewSubmissionInput {
  user: string;
  team_id?: string;
  view_id?: string;
  hash?: string;
  callback_id: string;
  private_metadata?: string;
  /** block_id -> value; the action_id is the block_id, as Tandem renders its modals. */
  values: Record<string, StateValue | null>;
  trigger_id?: string;
}

export function viewSubmissionPayload(input: ViewSubmissionInput): Json {
  const team = input.team_id ?? "T1";
  const n = next();
  const values: Record<string, Record<string, Json>> = {};
  for (const [id, value] of Object.entries(input.values)) {
    values[id] = { [id]: value === null ? { type: "plain_text_input", value: null } : stateOf(value) };
  }
  return {
    type: "view_submission",
    team: { id: team, domain: "tandem-test" },
    user: { id: input.user, username: input.user.toLowerCase(), team_id: team },
    api_app_id: "A0TANDEM",
    token: "deprecated-verification-token",
    trigger_id: input.trigger_id ?? `${n}.1.trigger${n}`,
    view: {
      id: input.view_id ?? `V${n}`,
      team_id: team,
      type: "modal",
      callback_id: input.callback_id,
      private_metadata: input.private_metadata ?? "",
      hash: input.hash ?? `${n}.hash`,
      state: { values },
    },
    response_urls: [],
  };
}

/** Interactivity arrives form-encoded as one field, `payload=<JSON>`. */
export function interactivityBody(payload: Json): Record<string, string> {
  return { payload: JSON.stringify(payload) };
}
