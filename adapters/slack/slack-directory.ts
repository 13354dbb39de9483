/**
 * Slack's answers about people and channels: users.info (name, tz, admin flags; e-mail with
 * users:read.email), users.lookupByEmail, conversations.open (would a DM reach them) and
 * conversations.info (is the bot in the channel). A scope the app lacks is reported as such, with the
 * scope to add, rather than as "no such person".
 */
import type { webApi } from "@slack/bolt";
import { AppError } from "../../src/domain/errors.js";
import type {
  ChannelMembership,
  DirectoryPerson,
  PlatformDirectory,
  Reachability,
  UnreachableReason,
} from "../../src/ports/platform-directory.js";
import type { WorkspaceClients } from "./workspace-clients.js";

interface SlackUser {
  id?: string;
  name?: string;
  real_name?: string;
  tz?: string;
  deleted?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  is_bot?: boolean;
  profile?: { real_name?: string; display_name?: string; email?: string };
}

/** Slack's own answers for "no such person" / "no such channel": expected absence, not a failure. */
const NO_USER = new Set(["user_not_found", "users_not_found", "user_not_visible"]);
const NO_CHANNEL = new Set(["channel_not_found"]);

/** Why conversations.open refused a DM, in the port's words. */
const DM_REFUSALS: Record<string, UnreachableReason> = {
  user_not_found: "unknown-user",
  users_not_found: "unknown-user",
  user_disabled: "deleted",
  cannot_dm_bot: "bot",
};

function platformError(error: unknown): string | undefined {
  const e = error as { code?: string; data?: { error?: string } };
  return e.code === "slack_webapi_platform_error" ? e.data?.error : undefined;
}

/** A failure to ask Slack, with what the operator can do about it. */
function askError(method: string, error: unknown): AppError {
  const e = error as { code?: string; retryAfter?: number; data?: { needed?: string }; message?: string };
  const reason = platformError(error);
  if (reason === "missing_scope") {
    const scope = e.data?.needed ?? "the scope it needs";
    return new AppError(
      "CONFIG",
      `Slack refused ${method}: the Tandem app lacks the ${scope} scope; add it under OAuth & Permissions (adapters/slack/manifest.yaml lists it) and reinstall the app`,
      { cause: error },
    );
  }
  if (e.code === "slack_webapi_rate_limited_error") {
    return new AppError("PLATFORM", `Slack rate limit on ${method}: retry after ${e.retryAfter ?? 1}s`, {
      cause: error,
      retryable: true,
      retryAfterMs: (e.retryAfter ?? 1) * 1000,
    });
  }
  if (reason) return new AppError("PLATFORM", `Slack refused ${method}: ${reason}`, { cause: error });
  if (error instanceof AppError) return error;
  return new AppError("PLATFORM", `Slack could not be reached for ${method}: ${e.message ?? String(error)}`, {
    cause: error,
    retryable: true,
  });
}

function toPerson(user: SlackUser): DirectoryPerson {
  const owner = (user.is_owner ?? false) || (user.is_primary_owner ?? false);
  const name = user.real_name || user.profile?.real_name || user.profile?.display_name || user.name;
  return {
    userId: user.id ?? "",
    name: name || (user.id ?? ""),
    ...(user.tz ? { timezone: user.tz } : {}),
    ...(user.profile?.email ? { email: user.profile.email } : {}),
    isAdmin: (user.is_admin ?? false) || owner,
    isOwner: owner,
    // Slackbot is not flagged is_bot, but is one.
    isBot: (user.is_bot ?? false) || user.id === "USLACKBOT",
    deleted: user.deleted ?? false,
  };
}

export function createSlackDirectory(clients: WorkspaceClients): PlatformDirectory {
  /** Runs one Web API call; Slack's "not found" answers become undefined. */
  async function ask<T>(
    team: string,
    method: string,
    call: (client: webApi.WebClient) => Promise<T>,
    absent: Set<string>,
  ): Promise<T | undefined> {
    try {
      return await call(await clients.clientFor(team));
    } catch (error) {
      if (absent.has(platformError(error) ?? "")) return undefined;
      throw askError(method, error);
    }
  }

  async function person(team: string, userId: string): Promise<DirectoryPerson | undefined> {
    const found = await ask(team, "users.info", (c) => c.users.info({ user: userId }), NO_USER);
    return found?.user ? toPerson(found.user as SlackUser) : undefined;
  }

  return {
    platform: "slack",
    person,
    async byEmail(team, email) {
      const found = await ask(
        team,
        "users.lookupByEmail",
        (c) => c.users.lookupByEmail({ email: email.trim() }),
        NO_USER,
      );
      return found?.user ? toPerson(found.user as SlackUser) : undefined;
    },
    async canMessage(team, userId): Promise<Reachability> {
      const p = await person(team, userId);
      if (!p) return { reachable: false, reason: "unknown-user" };
      if (p.deleted) return { reachable: false, reason: "deleted" };
      if (p.isBot) return { reachable: false, reason: "bot" };
      // Opening the DM posts nothing, and is what a send does first: its refusal is the send's.
      try {
        await (await clients.clientFor(team)).conversations.open({ users: userId });
        return { reachable: true };
      } catch (error) {
        const refused = DM_REFUSALS[platformError(error) ?? ""];
        if (refused) return { reachable: false, reason: refused };
        throw askError("conversations.open", error);
      }
    },
    async botInChannel(team, channel): Promise<ChannelMembership> {
      const found = await ask(
        team,
        "conversations.info",
        (c) => c.conversations.info({ channel }),
        new Set([...NO_CHANNEL, "invalid_arguments"]),
      );
      const info = found?.channel as
        | { name?: string; is_member?: boolean; is_archived?: boolean }
        | undefined;
      if (!info) return { state: "not-found" };
      const name = info.name ? { name: info.name } : {};
      if (info.is_archived) return { state: "archived", ...name };
      return { state: info.is_member ? "member" : "not-member", ...name };
    },
  };
}
