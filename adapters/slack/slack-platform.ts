/** Tandem in Slack: the real Bolt app, on the shared server or over Socket Mode, with paced Web API sends. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { App, type webApi } from "@slack/bolt";
import { InstallProvider } from "@slack/oauth";
import type { Logger } from "pino";
import { AppError } from "../../src/domain/errors.js";
import type { Address, OutboundMessage } from "../../src/domain/messages.js";
import type { ChatPlatform, SendResult } from "../../src/ports/chat-platform.js";
import type { Clock } from "../../src/ports/clock.js";
import type { InstallationRepo } from "../../src/ports/platform-repos.js";
import { createPacer } from "../shared/pacer.js";
import { slackTarget } from "./addresses.js";
import { boltLogger } from "./bolt-logger.js";
import { createInstallationStore } from "./installation-store.js";
import { listen } from "./listeners.js";
import { createSlackReceiver } from "./receiver.js";
import { renderMessage } from "./render.js";
import { toSendError } from "./send-errors.js";
import { createSlackDirectory } from "./slack-directory.js";
import { createSocketReceiver } from "./socket-receiver.js";
import { slackStartFailure } from "./start-errors.js";
import { createTokenVault } from "./token-vault.js";
import type { TokenWorkspace } from "./workspace-check.js";
import {
  BOT_SCOPES,
  installedClients,
  singleTokenClients,
  unreadableInstallation,
  type WorkspaceClients,
} from "./workspace-clients.js";

export type SlackConnection = { mode: "http"; signingSecret: string } | { mode: "socket"; appToken: string };

/** One bot token (one workspace), or OAuth installs by many workspaces with tokens sealed at rest. */
export type SlackAuth =
  | { kind: "token"; botToken: string }
  | {
      kind: "oauth";
      clientId: string;
      clientSecret: string;
      stateSecret: string;
      tokenKey: string;
      installations: InstallationRepo;
    };

export interface SlackSettings {
  auth: SlackAuth;
  /** HTTP mode (events on the shared server) or Socket Mode (an outbound WebSocket, no public URL). */
  connection: SlackConnection;
  /** Web API base URL, e.g. a fake on loopback in tests. */
  apiUrl?: string;
  /** Whether debug lines of Slack's libraries may show payloads (what people wrote); credentials never. */
  logMessageText?: boolean;
  /** Pacing, overridable for tests. */
  perChannelMs?: number;
  perWorkspaceMs?: number;
  /** Web API timeout per call (10 s): a hung Slack fails the call, and the outbox retries it. */
  timeoutMs?: number;
  /** How long a slash command may work before "Working on it" (see listeners.ts). */
  commandAckMs?: number;
}

interface Identity {
  user_id?: string;
  bot_id?: string;
  team_id?: string;
  enterprise_id?: string;
}

export const SLACK_INSTALL_PATH = "/slack/install";
export const SLACK_REDIRECT_PATH = "/slack/oauth_redirect";

export function createSlackPlatform(
  settings: SlackSettings,
  deps: { clock: Clock; log: Logger },
): ChatPlatform {
  const log = deps.log.child({ component: "slack" });
  const bolt = boltLogger(deps.log, { messageText: settings.logMessageText ?? false });
  const { connection, auth } = settings;
  // Single-token mode: the token's workspace from auth.test; requests from any other are refused.
  let tokenWorkspace: TokenWorkspace | undefined;
  // Payloads whose workspace's installation exists but cannot be read: answered 5xx so Slack retries.
  const unreadable = new WeakSet<object>();
  const receiver =
    connection.mode === "http"
      ? createSlackReceiver({
          signingSecret: connection.signingSecret,
          clock: deps.clock,
          log: deps.log,
          boltLogger: bolt,
          tokenWorkspace: () => tokenWorkspace,
          unavailable: (body) => unreadable.has(body),
        })
      : undefined;
  const vault = auth.kind === "oauth" ? createTokenVault(auth.tokenKey) : undefined;
  const clientOptions: webApi.WebClientOptions = {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    timeout: settings.timeoutMs ?? 10_000,
    // Retries are the outbox's job: a 429 goes back to it with Retry-After instead of stalling this client.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: bolt as never,
  };
  const installer =
    auth.kind === "oauth"
      ? new InstallProvider({
          clientId: auth.clientId,
          clientSecret: auth.clientSecret,
          stateSecret: auth.stateSecret,
          // A workspace installed again here uses its new token from the next send on.
          installationStore: createInstallationStore(auth.installations, vault!, deps.clock, (team) =>
            clients.forget(team),
          ),
          installUrlOptions: { scopes: BOT_SCOPES },
          clientOptions: {
            ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
            timeout: settings.timeoutMs ?? 10_000,
          },
          logger: bolt as never,
        })
      : undefined;
  const clients: WorkspaceClients = installer
    ? installedClients(installer, clientOptions)
    : singleTokenClients((auth as { botToken: string }).botToken, clientOptions);
  // About one message a second per channel, and under Slack's per-workspace cap (300 a minute) with room to spare.
  const pacer = createPacer({
    perChannelMs: settings.perChannelMs ?? 1_100,
    perWorkspaceMs: settings.perWorkspaceMs ?? 20,
    perWorkspacePerMinute: 280,
  });
  let app: App | undefined;

  /** `GET /slack/install` shows the Add to Slack link; `/slack/oauth_redirect` stores the installation. */
  async function installRoute(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = (req.url ?? "").split("?")[0];
    if (!installer || req.method !== "GET") return false;
    if (path === SLACK_INSTALL_PATH) await installer.handleInstallPath(req, res);
    else if (path === SLACK_REDIRECT_PATH) {
      await installer.handleCallback(req, res, {
        success: (installation, _options, _req, response) => {
          log.info({ team: installation.team?.id }, "Tandem was installed in a Slack workspace");
          response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          response.end(
            "<html><body><h1>Tandem is installed.</h1><p>Import your programme file, then invite @Tandem to each home channel.</p></body></html>",
          );
        },
        failure: (error, _options, _req, response) => {
          log.warn({ err: error }, "a Slack installation failed");
          response.writeHead(400, { "content-type": "text/html; charset=utf-8" });
          response.end(
            "<html><body><h1>Tandem could not be installed.</h1><p>Please start again from the install page.</p></body></html>",
          );
        },
      });
    } else return false;
    return true;
  }

  /** With OAuth, every stored installation must open with today's SLACK_TOKEN_KEY: say which cannot. */
  async function checkInstallations(): Promise<void> {
    if (auth.kind !== "oauth" || !vault) return;
    const unreadableTeams: string[] = [];
    const stored = await auth.installations.list("slack");
    for (const { workspace, data } of stored) {
      try {
        JSON.parse(vault.open(data));
      } catch {
        unreadableTeams.push(workspace);
      }
    }
    if (unreadableTeams.length > 0) {
      log.error(
        { workspaces: unreadableTeams, stored: stored.length },
        "these Slack workspaces' installations cannot be decrypted (SLACK_TOKEN_KEY differs from the key they were stored with): restore the old key, or reinstall Tandem in each from /slack/install; their messages wait meanwhile",
      );
    } else log.info({ stored: stored.length }, "every stored Slack installation can be read");
  }

  /** In single-token mode, check the token and learn the bot's own ids before taking events. */
  async function identity(): Promise<Identity> {
    if (auth.kind !== "token") return {};
    try {
      return (await (await clients.clientFor("")).auth.test()) as Identity;
    } catch (cause) {
      throw slackStartFailure(
        cause,
        "auth.test",
        {
          variable: "SLACK_BOT_TOKEN",
          advice: "copy the Bot User OAuth Token (xoxb-...) from the app's OAuth & Permissions page",
        },
        settings.apiUrl,
      );
    }
  }

  return {
    name: "slack",
    // Events (HTTP mode) and the OAuth install pages.
    routes: [...(receiver ? [receiver.route] : []), installRoute],
    directory: createSlackDirectory(clients),
    async start(handle) {
      await checkInstallations();
      const me = await identity();
      if (auth.kind === "token") {
        if (!me.team_id)
          throw new AppError("CONFIG", "Slack's auth.test named no workspace for SLACK_BOT_TOKEN");
        tokenWorkspace = { team: me.team_id, ...(me.enterprise_id ? { enterprise: me.enterprise_id } : {}) };
      }
      const common = {
        ...(auth.kind === "token"
          ? { token: auth.botToken }
          : {
              authorize: (async (source: Parameters<InstallProvider["authorize"]>[0], body?: object) => {
                try {
                  return await installer!.authorize(source);
                } catch (error) {
                  if (body && unreadableInstallation(error)) unreadable.add(body);
                  throw error;
                }
              }) as never,
            }),
        ...(me.user_id ? { botUserId: me.user_id } : {}),
        ...(me.bot_id ? { botId: me.bot_id } : {}),
        tokenVerificationEnabled: false,
        logger: bolt as never,
        clientOptions,
      };
      app = new App({
        ...common,
        receiver:
          receiver ??
          createSocketReceiver({
            appToken: (connection as { appToken: string }).appToken,
            // The Socket Mode client opens its connection through the Web API, so it needs the same base URL.
            clientOptions: clientOptions as Record<string, unknown>,
            log: deps.log,
            boltLogger: bolt,
            tokenWorkspace: () => tokenWorkspace,
          }),
      });
      listen(app, handle, {
        clock: deps.clock,
        log: deps.log,
        ...(settings.commandAckMs !== undefined ? { commandAckMs: settings.commandAckMs } : {}),
        ...(me.user_id ? { botUserId: me.user_id } : {}),
      });
      if (!receiver) {
        try {
          await app.start();
        } catch (cause) {
          app = undefined;
          throw slackStartFailure(
            cause,
            "apps.connections.open",
            {
              variable: "SLACK_APP_TOKEN",
              advice:
                "create an app-level token with the connections:write scope under the app's Basic Information, and turn on Socket Mode",
            },
            settings.apiUrl,
          );
        }
      }
      log.info(
        { team: me.team_id, botUserId: me.user_id, auth: auth.kind, mode: connection.mode },
        "Slack connected",
      );
    },
    async stop() {
      const running = app;
      app = undefined;
      if (running && !receiver) await running.stop();
    },
    async send(address: Address, message: OutboundMessage): Promise<SendResult> {
      const target = slackTarget(address);
      try {
        const client = await clients.clientFor(target.team);
        const channel =
          "channel" in target
            ? target.channel
            : ((await client.conversations.open({ users: target.users.join(",") })).channel?.id ?? "");
        await pacer.wait(target.team, channel);
        const { text, blocks } = renderMessage(message);
        // Blocks as the JSON text the form carries anyway (the client would stringify them itself): the
        // client's debug line, built whether or not debug is on, then copies a string instead of walking
        // and copying every block (about 110 MB allocated per 10,000 messages).
        const posted = await client.apiCall("chat.postMessage", {
          channel,
          text,
          blocks: JSON.stringify(blocks),
          unfurl_links: false,
        });
        const { ts } = posted as { ts?: unknown };
        return typeof ts === "string" ? { ref: ts } : {};
      } catch (error) {
        const failure = toSendError(error);
        // Slack refused the token: another replica may have stored a new one since it was read.
        if (failure.code === "OUTAGE") clients.forget(target.team);
        throw failure;
      }
    },
  };
}
