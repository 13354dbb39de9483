/**
 * Web API clients per Slack workspace: one bot token for a single workspace, or OAuth installations
 * (tokens sealed in the database) for many. Clients are cached per workspace and token.
 */
import { type InstallationStore, webApi as slackWebApi, type webApi } from "@slack/bolt";
import type { InstallProvider } from "@slack/oauth";
import { AppError } from "../../src/domain/errors.js";

export type WorkspaceClients = {
  clientFor(team: string): Promise<webApi.WebClient>;
};

export function singleTokenClients(botToken: string, options: webApi.WebClientOptions): WorkspaceClients {
  const client = new slackWebApi.WebClient(botToken, options);
  return { clientFor: async () => client };
}

export function installedClients(
  installer: InstallProvider,
  options: webApi.WebClientOptions,
): WorkspaceClients {
  const cache = new Map<string, { token: string; client: webApi.WebClient }>();
  return {
    async clientFor(team) {
      let token: string | undefined;
      try {
        token = (
          await installer.authorize({ teamId: team, isEnterpriseInstall: false, enterpriseId: undefined })
        ).botToken;
      } catch (cause) {
        // The whole workspace is out, not one person: sends pause instead of reporting people unreachable.
        throw new AppError(
          "OUTAGE",
          unreadableInstallation(cause)
            ? `the stored Slack installation of workspace ${team} cannot be read (SLACK_TOKEN_KEY changed?): restore the key or reinstall Tandem there`
            : `Tandem is not installed in Slack workspace ${team}: install it from /slack/install`,
          { cause, retryable: true },
        );
      }
      if (!token) {
        throw new AppError("OUTAGE", `Slack workspace ${team} has no bot token: reinstall Tandem there`, {
          retryable: true,
        });
      }
      const cached = cache.get(team);
      if (cached?.token === token) return cached.client;
      const client = new slackWebApi.WebClient(token, options);
      cache.set(team, { token, client });
      return client;
    },
  };
}

/**
 * The installation exists but cannot be opened (SLACK_TOKEN_KEY differs, or a format this Tandem cannot
 * read): the token vault's CONFIG error, possibly wrapped by @slack/oauth's AuthorizationError.
 */
export function unreadableInstallation(error: unknown): boolean {
  let e: unknown = error;
  while (e) {
    if (e instanceof AppError && e.code === "CONFIG") return true;
    const wrapped = e as { original?: unknown; cause?: unknown };
    e = wrapped.original ?? wrapped.cause;
  }
  return false;
}

/** The bot scopes of adapters/slack/manifest.yaml (a test keeps them equal), asked for when a workspace installs Tandem. */
export const BOT_SCOPES = [
  "app_mentions:read",
  "channels:history",
  "channels:read",
  "groups:read",
  "groups:history",
  "im:history",
  "mpim:history",
  "chat:write",
  "commands",
  "files:read",
  "im:write",
  "mpim:write",
  "reactions:read",
  "users:read",
  "users:read.email",
];

export type { InstallationStore };
