/**
 * The people and channels of a fake Slack workspace, answering users.info, users.lookupByEmail,
 * conversations.info and conversations.members as Slack does: with the scopes those methods need
 * (missing_scope otherwise), e-mail only with users:read.email, private channels invisible to a bot
 * that is not in them.
 */

export interface FakeSlackUser {
  id: string;
  /** Workspace (team id); T1 by default. */
  team?: string;
  name: string;
  real_name?: string;
  tz?: string;
  email?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
}

export interface FakeSlackChannel {
  id: string;
  team?: string;
  name: string;
  /** User ids in the channel; the bot is UBOT. */
  members: string[];
  is_private?: boolean;
  is_archived?: boolean;
}

/** The bot scopes of adapters/slack/manifest.yaml that the directory methods need. */
export const DIRECTORY_SCOPES = [
  "users:read",
  "users:read.email",
  "channels:read",
  "groups:read",
  "im:write",
  "files:read",
];

export const FAKE_BOT_USER = "UBOT";

export interface FakeSlackDirectory {
  users: FakeSlackUser[];
  channels: FakeSlackChannel[];
  scopes: Set<string>;
}

type Answer = [number, Record<string, unknown>];

const teamOf = (x: { team?: string }) => x.team ?? "T1";

function userObject(u: FakeSlackUser, scopes: Set<string>): Record<string, unknown> {
  const realName = u.real_name ?? u.name;
  return {
    id: u.id,
    team_id: teamOf(u),
    name: u.name,
    deleted: u.deleted ?? false,
    real_name: realName,
    ...(u.tz ? { tz: u.tz, tz_label: u.tz, tz_offset: 0 } : {}),
    is_admin: u.is_admin ?? false,
    is_owner: u.is_owner ?? false,
    is_primary_owner: u.is_primary_owner ?? false,
    is_bot: u.is_bot ?? false,
    is_app_user: false,
    profile: {
      real_name: realName,
      display_name: u.name,
      ...(u.email && scopes.has("users:read.email") ? { email: u.email } : {}),
    },
  };
}

const missing = (needed: string): Answer => [
  200,
  { ok: false, error: "missing_scope", needed, provided: "" },
];

/** The answer to a directory method, or undefined for any other method. */
export function answerDirectory(
  directory: FakeSlackDirectory,
  method: string,
  params: Record<string, unknown>,
  team: string,
): Answer | undefined {
  const { users, channels, scopes } = directory;
  const text = (key: string) => (typeof params[key] === "string" ? (params[key] as string) : "");
  const channelIn = (id: string) => channels.find((c) => c.id === id && teamOf(c) === team);
  switch (method) {
    case "users.info": {
      if (!scopes.has("users:read")) return missing("users:read");
      const user = users.find((u) => u.id === text("user") && teamOf(u) === team);
      return user
        ? [200, { ok: true, user: userObject(user, scopes) }]
        : [200, { ok: false, error: "user_not_found" }];
    }
    case "users.lookupByEmail": {
      if (!scopes.has("users:read.email")) return missing("users:read.email");
      const email = text("email").toLowerCase();
      if (!email) return [200, { ok: false, error: "invalid_arguments" }];
      const user = users.find((u) => u.email?.toLowerCase() === email && teamOf(u) === team && !u.deleted);
      return user
        ? [200, { ok: true, user: userObject(user, scopes) }]
        : [200, { ok: false, error: "users_not_found" }];
    }
    case "conversations.info":
    case "conversations.members": {
      const channel = channelIn(text("channel"));
      const isMember = channel?.members.includes(FAKE_BOT_USER) ?? false;
      // A private channel is invisible to a bot that was not invited.
      if (!channel || (channel.is_private && !isMember))
        return [200, { ok: false, error: "channel_not_found" }];
      if (!scopes.has(channel.is_private ? "groups:read" : "channels:read")) {
        return missing(channel.is_private ? "groups:read" : "channels:read");
      }
      if (method === "conversations.members") {
        return [200, { ok: true, members: channel.members, response_metadata: { next_cursor: "" } }];
      }
      return [
        200,
        {
          ok: true,
          channel: {
            id: channel.id,
            name: channel.name,
            is_channel: !channel.is_private,
            is_group: false,
            is_im: false,
            is_private: channel.is_private ?? false,
            is_archived: channel.is_archived ?? false,
            is_member: isMember,
          },
        },
      ];
    }
    default:
      return undefined;
  }
}

/**
 * What conversations.open says about a DM with these users, when the fake was told the workspace's
 * members: undefined lets it open.
 */
export function refuseDirectMessage(
  directory: FakeSlackDirectory,
  ids: string[],
  team: string,
): string | undefined {
  if (directory.users.length === 0) return undefined;
  if (!directory.scopes.has("im:write")) return "missing_scope";
  for (const id of ids) {
    const user = directory.users.find((u) => u.id === id && teamOf(u) === team);
    if (!user) return "user_not_found";
    if (user.deleted) return "user_disabled";
    if (user.is_bot) return "cannot_dm_bot";
  }
  return undefined;
}
