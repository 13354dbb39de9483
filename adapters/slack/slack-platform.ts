/** Tandem in Slack: the real Bolt app, our receiver on the shared server, and paced Web API sends. */
import { App, webApi as slackWebApi, type webApi } from "@slack/bolt";
import type { Logger } from "pino";
import { AppError } from "../../src/domain/errors.js";
import type { Address, OutboundMessage, Reply } from "../../src/domain/messages.js";
import type { ChatPlatform, InboundHandler, SendResult } from "../../src/ports/chat-platform.js";
import type { Clock } from "../../src/ports/clock.js";
import { createPacer } from "../shared/pacer.js";
import { slackTarget } from "./addresses.js";
import { boltLogger } from "./bolt-logger.js";
import {
  blockAction,
  mentionCommand,
  messageEvent,
  reactionEvent,
  slashCommand,
  viewSubmission,
} from "./inbound.js";
import { createSlackReceiver, REQUEST_TIME, type SlackReceiver } from "./receiver.js";
import { renderHome, renderMessage, renderModal, renderReply } from "./render.js";
import { toSendError } from "./send-errors.js";

export type SlackConnection = { mode: "http"; signingSecret: string } | { mode: "socket"; appToken: string };

export interface SlackSettings {
  botToken: string;
  /** HTTP mode (events on the shared server) or Socket Mode (an outbound WebSocket, no public URL). */
  connection: SlackConnection;
  /** Web API base URL, e.g. a fake on loopback in tests. */
  apiUrl?: string;
  /** Pacing, overridable for tests. */
  perChannelMs?: number;
  perWorkspaceMs?: number;
}

/** A button that opens a modal straight from its value, when a form came in a direct message. */
const OPEN_FORM = "tandem.form";

export interface SlackPlatform extends ChatPlatform {
  /** The route for the shared HTTP server; absent in Socket Mode. */
  receiver?: SlackReceiver;
}

export function createSlackPlatform(
  settings: SlackSettings,
  deps: { clock: Clock; log: Logger },
): SlackPlatform {
  const log = deps.log.child({ component: "slack" });
  const bolt = boltLogger(deps.log);
  const { connection } = settings;
  const receiver =
    connection.mode === "http"
      ? createSlackReceiver({
          signingSecret: connection.signingSecret,
          clock: deps.clock,
          log: deps.log,
          boltLogger: bolt,
        })
      : undefined;
  const clientOptions: webApi.WebClientOptions = {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    timeout: 10_000,
    // Retries are the outbox's job: a 429 goes back to it with Retry-After instead of stalling this client.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: bolt as never,
  };
  const client = new slackWebApi.WebClient(settings.botToken, clientOptions);
  const pacer = createPacer({
    perChannelMs: settings.perChannelMs ?? 1_100,
    perWorkspaceMs: settings.perWorkspaceMs ?? 20,
  });
  let app: App | undefined;

  const requestTime = (context: Record<string, unknown>) =>
    new Date(
      typeof context[REQUEST_TIME] === "number"
        ? (context[REQUEST_TIME] as number)
        : deps.clock.now().getTime(),
    );

  /** A reply in a direct message; a form becomes a button that opens it. */
  async function postReply(channel: string, reply: Reply): Promise<void> {
    const rendered = renderMessage({ text: reply.text });
    if (reply.form) {
      rendered.blocks.push({
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: OPEN_FORM,
            value: JSON.stringify(reply.form).slice(0, 2000),
            text: { type: "plain_text", text: reply.form.title.slice(0, 75) },
            style: "primary",
          },
        ],
      });
    }
    await client.chat.postMessage({ channel, ...rendered, unfurl_links: false });
  }

  function listen(bolt: App, handle: InboundHandler, botUserId: string | undefined): void {
    bolt.command(/^\/(tandem|milestone)$/, async ({ command, ack, context }) => {
      const event = slashCommand(command as never, requestTime(context));
      const reply = event && (await handle(event));
      if (reply?.form) {
        await ack();
        await client.views.open({
          trigger_id: command.trigger_id,
          view: renderModal(reply.form, reply.text) as never,
        });
        return;
      }
      await ack(reply ? renderReply(reply) : undefined);
    });
    bolt.event("message", async ({ event, body }) => {
      const inbound = messageEvent(body.team_id ?? "", body.event_id, event as never);
      if (!inbound || inbound.user === botUserId) return;
      const reply = await handle(inbound);
      if (reply && inbound.isDirect) await postReply((event as { channel: string }).channel, reply);
    });
    bolt.event("app_mention", async ({ event, body }) => {
      const inbound = mentionCommand(body.team_id ?? "", body.event_id, event as never, botUserId);
      const reply = inbound && (await handle(inbound));
      if (reply && inbound) {
        await client.chat.postEphemeral({
          channel: event.channel,
          user: inbound.user,
          ...renderMessage({ text: reply.text }),
        });
      }
    });
    bolt.event("reaction_added", async ({ event, body }) => {
      const inbound = reactionEvent(body.team_id ?? "", body.event_id, event as never);
      if (inbound) await handle(inbound);
    });
    bolt.event("member_joined_channel", async ({ event }) => {
      log.debug({ channel: event.channel, user: event.user }, "member joined a channel");
    });
    bolt.event("app_home_opened", async ({ event, body }) => {
      if (event.tab !== "home") return;
      const reply = await handle({
        kind: "command",
        id: `home:${body.event_id}`,
        platform: "slack",
        workspace: body.team_id ?? "",
        user: event.user,
        conversation: `slack:${body.team_id}:user:${event.user}`,
        at: deps.clock.now(),
        text: "status",
      });
      if (reply) await client.views.publish({ user_id: event.user, view: renderHome(reply.text) as never });
    });
    bolt.action(/.+/, async ({ ack, body, action, context, respond }) => {
      await ack();
      const trigger = (body as { trigger_id?: string }).trigger_id;
      if ((action as { action_id?: string }).action_id === OPEN_FORM && trigger) {
        const form = JSON.parse((action as { value?: string }).value ?? "{}");
        await client.views.open({ trigger_id: trigger, view: renderModal(form) as never });
        return;
      }
      const inbound = blockAction(body as never, requestTime(context));
      const reply = inbound && (await handle(inbound));
      if (!reply || !inbound) return;
      if (reply.form && trigger) {
        await client.views.open({ trigger_id: trigger, view: renderModal(reply.form, reply.text) as never });
      } else if ((body as { response_url?: string }).response_url) {
        await respond({
          response_type: "ephemeral",
          replace_original: false,
          ...renderMessage({ text: reply.text }),
        });
      } else await postReply(inbound.user, reply);
    });
    bolt.view(/.+/, async ({ ack, body, context }) => {
      const inbound = viewSubmission(body as never, requestTime(context));
      const reply = inbound && (await handle(inbound));
      if (reply?.formErrors) {
        await ack({ response_action: "errors", errors: reply.formErrors });
        return;
      }
      await ack();
      if (reply && inbound) await postReply(inbound.user, reply);
    });
    bolt.error(async (error) => {
      log.error({ err: error }, "Slack listener failed");
    });
  }

  return {
    name: "slack",
    ...(receiver ? { receiver } : {}),
    async start(handle) {
      let identity: { user_id?: string; bot_id?: string; team_id?: string };
      try {
        identity = (await client.auth.test()) as typeof identity;
      } catch (cause) {
        throw new AppError(
          "CONFIG",
          `SLACK_BOT_TOKEN was refused by Slack (${(cause as Error).message}); copy the Bot User OAuth Token (xoxb-...) from the app's OAuth & Permissions page`,
          { cause },
        );
      }
      const identityOptions = {
        token: settings.botToken,
        ...(identity.user_id ? { botUserId: identity.user_id } : {}),
        ...(identity.bot_id ? { botId: identity.bot_id } : {}),
        tokenVerificationEnabled: false,
        logger: bolt as never,
        clientOptions,
      };
      app = receiver
        ? new App({ ...identityOptions, receiver })
        : new App({
            ...identityOptions,
            socketMode: true,
            appToken: (connection as { appToken: string }).appToken,
            // The Socket Mode client opens its connection through the Web API, so it needs the same base URL.
            installerOptions: { clientOptions },
          });
      listen(app, handle, identity.user_id);
      if (!receiver) await app.start();
      log.info({ team: identity.team_id, botUserId: identity.user_id }, "Slack connected");
    },
    async stop() {
      const running = app;
      app = undefined;
      if (running && !receiver) await running.stop();
    },
    async send(address: Address, message: OutboundMessage): Promise<SendResult> {
      const target = slackTarget(address);
      try {
        const channel =
          "channel" in target
            ? target.channel
            : ((await client.conversations.open({ users: target.users.join(",") })).channel?.id ?? "");
        await pacer.wait(target.team, channel);
        const posted = await client.chat.postMessage({
          channel,
          ...renderMessage(message),
          unfurl_links: false,
        });
        return posted.ts ? { ref: posted.ts } : {};
      } catch (error) {
        throw toSendError(error);
      }
    },
  };
}
