/**
 * Bot Framework activities as Microsoft Teams sends them to a bot's messaging endpoint: messages in a
 * personal chat and in channel threads, Action.Submit card data, installs, Action.Execute invokes and
 * reactions. Only the fields Teams really sets; ids are deterministic so tests can predict them.
 */

export const BOT = { id: "28:bot-id", name: "Tandem" } as const;

/** A Teams user: the AAD object id is what a programme file lists as `ids.teams`. */
export interface TeamsUser {
  aad: string;
  name: string;
}

/** The Teams user id (29:...) Teams uses for this AAD user in this bot's conversations. */
export const teamsUserId = (user: TeamsUser) => `29:1${user.aad}`;
/** The id of this user's personal chat with the bot. */
export const personalConversationId = (user: TeamsUser) => `a:1${user.aad}`;
/** A channel thread's conversation id: the channel plus the id of the thread's first message. */
export const threadConversationId = (channel: string, root: string) => `${channel};messageid=${root}`;

export interface Common {
  serviceUrl: string;
  tenant: string;
  from: TeamsUser;
  /** The activity id; a fresh one when omitted. */
  id?: string;
  /** When the person acted (Teams' own timestamp); now when omitted. */
  timestamp?: Date;
}

export interface ChannelPlace {
  channel: string;
  /** The thread's first message; the activity itself starts a thread when omitted. */
  root?: string;
  team?: string;
}

let counter = 0;
/** A fresh activity id, like Teams' millisecond-based message ids. */
export const activityId = () => String(1_764_000_000_000 + ++counter);

export const mention = (who: { id: string; name: string }) => ({
  type: "mention",
  mentioned: { id: who.id, name: who.name },
  text: `<at>${who.name}</at>`,
});

export const mentionOf = (user: TeamsUser) => mention({ id: teamsUserId(user), name: user.name });

export interface TeamsConversation {
  id: string;
  conversationType: "personal" | "channel" | "groupChat";
  tenantId: string;
  isGroup?: boolean;
}

export interface TeamsChannelData {
  tenant: { id: string };
  teamsChannelId?: string;
  teamsTeamId?: string;
  channel?: { id: string };
  team?: { id: string };
}

function base<E extends object>(
  type: string,
  input: Common,
  conversation: Omit<TeamsConversation, "tenantId">,
  extra: E,
) {
  const at = (input.timestamp ?? new Date()).toISOString();
  const channelData: TeamsChannelData = { tenant: { id: input.tenant } };
  return {
    type,
    id: input.id ?? activityId(),
    timestamp: at,
    localTimestamp: at,
    serviceUrl: input.serviceUrl,
    channelId: "msteams",
    from: { id: teamsUserId(input.from), name: input.from.name, aadObjectId: input.from.aad },
    recipient: { id: BOT.id, name: BOT.name },
    conversation: { tenantId: input.tenant, ...conversation } as TeamsConversation,
    channelData,
    locale: "en-US",
    ...extra,
  };
}

const personal = (input: Common) => ({
  id: personalConversationId(input.from),
  conversationType: "personal" as const,
});

function inChannel<E extends object>(input: Common & ChannelPlace, type: string, extra: E) {
  const id = input.id ?? activityId();
  const root = input.root ?? id;
  const team = input.team ?? "19:team@thread.tacv2";
  const activity = base(
    type,
    { ...input, id },
    { id: threadConversationId(input.channel, root), conversationType: "channel", isGroup: true },
    extra,
  );
  activity.channelData = {
    tenant: { id: input.tenant },
    teamsChannelId: input.channel,
    teamsTeamId: team,
    channel: { id: input.channel },
    team: { id: team },
  };
  return activity;
}

/** A message typed in the person's own chat with the bot. */
export function personalMessage(input: Common & { text: string }) {
  return base("message", input, personal(input), { text: input.text, textFormat: "plain" });
}

/**
 * A message in a channel. `mentions` are people @mentioned; `atBot` puts `<at>Tandem</at>` first, as
 * Teams does when someone addresses the bot.
 */
export function channelMessage(
  input: Common & ChannelPlace & { text: string; mentions?: TeamsUser[]; atBot?: boolean },
) {
  const people = (input.mentions ?? []).map(mentionOf);
  const entities = [...(input.atBot ? [mention(BOT)] : []), ...people];
  const text = `${input.atBot ? `<at>${BOT.name}</at> ` : ""}${input.text}`;
  return inChannel(input, "message", { text, textFormat: "xml", entities });
}

/**
 * A file sent in the person's own chat with the bot (the manifest's supportsFiles): Teams stores it in
 * their OneDrive and sends a file.download.info attachment with a short-lived download link, beside the
 * message's own text/html attachment.
 */
export function personalFile(input: Common & { name: string; downloadUrl: string; text?: string }) {
  const fileType = input.name.includes(".") ? input.name.split(".").pop()! : "";
  return base("message", input, personal(input), {
    text: input.text ?? "",
    textFormat: "plain",
    attachments: [
      {
        contentType: "application/vnd.microsoft.teams.file.download.info",
        contentUrl: `https://acme-my.sharepoint.com/personal/${input.from.aad}/Documents/Microsoft%20Teams%20Chat%20Files/${encodeURIComponent(input.name)}`,
        name: input.name,
        content: { downloadUrl: input.downloadUrl, uniqueId: `unique-${input.name}`, fileType },
      },
      { contentType: "text/html", content: `<p>${input.text ?? ""}</p>` },
    ],
  });
}

/** Action.Submit on a card in the personal chat: a message with the card's data (and inputs) as `value`. */
export function submitMessage(
  input: Common & {
    action: string;
    value?: string;
    inputs?: Record<string, string>;
    /** The card's activity id. */
    replyToId?: string;
  },
) {
  return base("message", input, personal(input), {
    value: { tandemAction: input.action, tandemValue: input.value ?? "", ...input.inputs },
    ...(input.replyToId ? { replyToId: input.replyToId } : {}),
  });
}

/** The bot added to the person's personal scope (the app installed): Teams' conversationUpdate. */
export function personalInstall(input: Common) {
  return base("conversationUpdate", input, personal(input), {
    membersAdded: [{ id: BOT.id }],
  });
}

/** installationUpdate with action "add", sent alongside the conversationUpdate on install. */
export function installationUpdate(input: Common & { channel?: string }) {
  const conversation = input.channel
    ? { id: input.channel, conversationType: "channel" as const, isGroup: true }
    : personal(input);
  return base("installationUpdate", input, conversation, { action: "add" });
}

/** Action.Execute on a Universal Action card: an adaptiveCard/action invoke, answered in the HTTP response. */
export function adaptiveCardAction(
  input: Common & { verb: string; data: Record<string, unknown>; replyToId?: string },
) {
  return base("invoke", input, personal(input), {
    name: "adaptiveCard/action",
    value: { action: { type: "Action.Execute", verb: input.verb, data: input.data }, trigger: "manual" },
    ...(input.replyToId ? { replyToId: input.replyToId } : {}),
  });
}

/** A reaction added to a message in a channel thread. */
export function messageReaction(input: Common & ChannelPlace & { replyToId: string; reaction?: string }) {
  return inChannel({ ...input, root: input.root ?? input.replyToId }, "messageReaction", {
    reactionsAdded: [{ type: input.reaction ?? "like" }],
    replyToId: input.replyToId,
  });
}
