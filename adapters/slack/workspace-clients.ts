/**
 * Web API clients per Slack workspace: one bot token for a single workspace, or OAuth installations
 * (tokens sealed in the database) for many. Clients are cached per workspace and token, tokens for a while.
 */
import { type InstallationStore, webApi as slackWebApi, type webApi } from "@slack/bolt";
import type { InstallProvider } from "@slack/oauth";
import { AppError } from "../../src/domain/errors.js";

export type WorkspaceClients = {
  clientFor(team: string): Promise<webApi.WebClient>;
  /**
   * Forgets a workspace's token: it was installed again or uninstalled here, or Slack refused it (another
   * replica stored a new one); the next call reads the installation again.
   */
  forget(team: string): void;
};

export function singleTokenClients(botToken: string, options: webApi.WebClientOptions): WorkspaceClients {
  const client = new slackWebApi.WebClient(botToken, options);
  return { clientFor: async () => client, forget: () => undefined };
}

/**
 * How long a workspace's token is used without reading its installation again. Reading it (a database read
 * and a decryption) on every send cost a round trip per message on PostgreSQL; a token changed by another
 * replica is picked up after this at the latest, and at once when Slack refuses the old one.
 */
export const TOKEN_KEPT_MS = 10 * 60_000;

export function installedClients(
  installer: Pick<InstallProvider, "authorize">,
  options: webApi.WebClientOptions,
  elapsed: () => number = () => performance.now(),
): WorkspaceClients {
  /** Per workspace, one client per token (its HTTP connections and queue), kept while the token is. */
  const clients = new Map<string, { token: string; client: webApi.WebClient }>();
  /** Per workspace, the client being looked up or found, and when: concurrent sends share one lookup. */
  const found = new Map<string, { at: number; client: Promise<webApi.WebClient> }>();

  async function lookUp(team: string): Promise<webApi.WebClient> {
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
    const cached = clients.get(team);
    if (cached?.token === token) return cached.client;
    const client = new slackWebApi.WebClient(token, options);
    clients.set(team, { token, client });
    return client;
  }

  return {
    clientFor(team) {
      const now = elapsed();
      const known = found.get(team);
      if (known && now - known.at < TOKEN_KEPT_MS) return known.client;
      const client = lookUp(team);
      const entry = { at: now, client };
      found.set(team, entry);
      // A failed lookup is not kept: the next send looks again (the outbox paces those retries).
      client.catch(() => {
        if (found.get(team) === entry) found.delete(team);
      });
      return client;
    },
    forget(team) {
      found.delete(team);
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
