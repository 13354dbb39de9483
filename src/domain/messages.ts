import type { Platform } from "./types.js";

/**
 * An opaque address that only its adapter decodes: `slack:T1:C2[:ts]`, `teams:<encoded reference>`,
 * `console:<person key>`. The prefix names the platform that can deliver to it.
 */
export type Address = string;

export function platformOf(address: Address): Platform | undefined {
  const prefix = address.slice(0, address.indexOf(":"));
  return prefix === "slack" || prefix === "teams" || prefix === "console" ? prefix : undefined;
}

/** Who spoke, where: the platform's own identifiers. */
export interface Speaker {
  platform: Platform;
  workspace: string; // Slack team id, Teams tenant id, "demo"
  user: string; // platform user id
}

interface InboundBase extends Speaker {
  /** The platform's delivery id (Slack event_id, Teams activity id): redeliveries carry the same one. */
  id: string;
  /** The platform's own timestamp of the event. */
  at: Date;
  /** The speaker's own IANA time zone, when the platform sends it with the event (Teams localTimezone). */
  timezone?: string;
  conversation: Address;
  /**
   * Where the adapter shows the reply when the platform's own response cannot carry it (a direct message,
   * a click with nowhere to answer in place): the core then queues the reply in the outbox there, in the
   * event's transaction, and sends it at once, so a failed post is retried instead of lost.
   */
  replyTo?: Address;
}

export interface CommandEvent extends InboundBase {
  kind: "command";
  text: string;
  /**
   * The reply is shown to everyone in the conversation (a Teams channel or group chat), not to the speaker
   * alone as Slack's ephemeral replies are: nothing for the speaker's eyes only (a sign-in link) goes there.
   */
  shared?: true;
}

/**
 * A message seen in a conversation. Only metadata is kept: who, where, which thread, when.
 * `text` is read only in direct messages to the bot (commands, check-in answers) and never stored.
 */
export interface MessageEvent extends InboundBase {
  kind: "message";
  /** The platform's id of this message (Slack ts, Teams activity id). */
  messageRef: string;
  /** The id of the thread's first message when this is a reply in a thread. */
  threadRef?: string;
  /** Platform user ids mentioned in the message. */
  mentions: string[];
  /**
   * The message asks for something: a question or a request (src/domain/request-words.ts), decided by
   * the adapter; the text itself is not passed for channel messages.
   */
  asks: boolean;
  isDirect: boolean;
  fromBot: boolean;
  /** Edits, joins, topic changes and other system messages: they never start or stop a clock. */
  isSystem?: boolean;
  /** A link that opens the message on its platform, for alerts about it. */
  permalink?: string;
  text?: string;
  /**
   * A file sent in a direct message to Tandem (a programme file to import), read by the adapter before
   * the event is handed over; `problem` when it could not be read (too large, not text, refused).
   */
  attachment?: { name: string; text: string } | { name: string; problem: string };
}

/** A reaction added to a message (Slack reaction_added, Teams messageReaction). */
export interface ReactionEvent extends InboundBase {
  kind: "reaction";
  messageRef: string;
  /** The reaction's name without colons, e.g. white_check_mark. */
  reaction: string;
  /** Platform user id of the message's author, when the platform says (Slack `item_user`, the console). */
  itemAuthor?: string;
}

export interface ActionEvent extends InboundBase {
  kind: "action";
  action: string;
  value: string;
  form?: Record<string, string>;
}

export type InboundEvent = CommandEvent | MessageEvent | ActionEvent | ReactionEvent;

export interface OutboundButton {
  action: string;
  value: string;
  label: string;
  style?: "primary" | "danger";
}

/**
 * What a form field asks for. `user`, `users` and `channel` are answered with platform ids, picked where
 * the platform has a picker (Slack users_select / conversations_select, the Teams people picker) and typed
 * elsewhere; several users arrive as one comma-separated list. A `date` is `YYYY-MM-DD`.
 */
export type FormFieldKind = "text" | "choice" | "user" | "users" | "channel" | "date";

/** A question in a form: a Slack modal, a Teams Adaptive Card, or prompts in the console. */
export interface FormField {
  id: string;
  label: string;
  kind: FormFieldKind;
  optional?: boolean;
  multiline?: boolean;
  maxLength?: number;
  /**
   * A choice of any number of its options (Slack multi_static_select, a Teams multi-select choice set),
   * answered as one comma-separated list of values, as `users` is.
   */
  multiple?: boolean;
  /** The options of a choice; for a user field, names for the ids it starts with (pickers show them). */
  choices?: { value: string; label: string }[];
  /** The answer it starts with: a default, or what is being edited (comma-separated ids for `users`). */
  initial?: string;
  /** One line under the field saying what it is for or where a default came from. */
  hint?: string;
}

/** Submitting it arrives as an ActionEvent with `action`, `value` and the answers in `form`. */
export interface OutboundForm {
  action: string;
  value: string;
  title: string;
  submitLabel: string;
  fields: FormField[];
}

export interface OutboundField {
  label: string;
  value: string;
}

/** What the core asks a platform to show. Plain text: adapters escape it for their markup. */
export interface OutboundMessage {
  text: string;
  /**
   * What the message is about in a few words, where a channel shows a title apart (an e-mail's subject:
   * "Weekly digest: 4 interns at Acme and Globex"). Chat adapters ignore it; without it, the first line.
   */
  subject?: string;
  fields?: OutboundField[];
  buttons?: OutboundButton[];
  /** Why this message was sent, shown under it: every nudge explains itself. */
  reason?: string;
  /** Deep link to the message this one is about. */
  link?: string;
  /**
   * The portal page this message concerns (`/portal/internships/12`), set by the dispatcher for e-mail:
   * the mail adapter turns it into a link when PUBLIC_URL is set. Chat adapters ignore it.
   */
  portalPath?: string;
  /**
   * Where the whole content can be read when a platform has to shorten the message to fit its limits,
   * e.g. 'Type "report" to read every intern's week.' Without it, adapters point to "help".
   */
  more?: string;
}

/** The answer to a command, shown to the speaker (ephemeral where the platform can). */
export interface Reply {
  text: string;
  /** True when the reply announces something others should see. */
  public?: boolean;
  /** A form to fill in now (the `checkin` command, a button that asks for details). */
  form?: OutboundForm;
  /** Buttons under the reply, e.g. "Save this as your check-in?" Yes / No. */
  buttons?: OutboundButton[];
  /** A submitted form had these fields wrong: shown next to the fields where the platform can. */
  formErrors?: Record<string, string>;
  /** The event could not be handled and nothing of it was recorded: a platform may deliver it again. */
  failed?: true;
  /** The reply went to the outbox for the event's `replyTo`: the adapter shows nothing itself. */
  queued?: true;
}

/** A reply (without a form) as a message of its own, e.g. in a direct message. */
export function replyMessage(reply: Reply): OutboundMessage {
  return { text: reply.text, ...(reply.buttons?.length ? { buttons: reply.buttons } : {}) };
}
