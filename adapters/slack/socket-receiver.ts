/**
 * Socket Mode without a public URL: Slack's own Socket Mode client, with the envelope of an Events API
 * delivery acknowledged once its event is recorded (see event-ack.ts). Bolt's SocketModeReceiver would
 * acknowledge it before the listener writes anything. Commands and interactivity keep Bolt's behaviour:
 * their listeners acknowledge with the answer.
 */
import type { App, Receiver } from "@slack/bolt";
import { SocketModeClient } from "@slack/socket-mode";
import type { Logger } from "pino";
import { EVENT_RECORDED, holdEventAck } from "./event-ack.js";
import { foreignWorkspace, type TokenWorkspace } from "./workspace-check.js";

interface Envelope {
  type: string;
  body: Record<string, unknown>;
  ack(response?: unknown): Promise<void>;
  retry_num?: number;
  retry_reason?: string;
}

export function createSocketReceiver(deps: {
  appToken: string;
  clientOptions: Record<string, unknown>;
  log: Logger;
  boltLogger: unknown;
  /** Single-token mode: the token's workspace; envelopes from any other are acknowledged and dropped. */
  tokenWorkspace?: () => TokenWorkspace | undefined;
}): Receiver {
  const log = deps.log.child({ component: "slack-socket" });
  const client = new SocketModeClient({
    appToken: deps.appToken,
    logger: deps.boltLogger as never,
    clientOptions: deps.clientOptions,
  });
  let app: App | undefined;

  async function deliver(envelope: Envelope): Promise<void> {
    if (!app) return;
    const send = (response?: unknown) =>
      envelope.ack(response).catch((error) => log.warn({ err: error }, "Socket Mode acknowledgement failed"));
    const own = deps.tokenWorkspace?.();
    const foreign = own && foreignWorkspace(envelope.body ?? {}, own);
    if (foreign) {
      log.warn({ why: foreign }, "Slack request refused");
      await send();
      return;
    }
    const isEvent = envelope.type === "events_api";
    // Refused or late: no acknowledgement, so Slack sends the envelope again.
    const held = isEvent
      ? holdEventAck({
          accept: () => void send(),
          refuse: () => log.warn("a Slack event could not be recorded; left for Slack to deliver again"),
          timedOut: () => log.warn("a Slack event was not recorded within 3 seconds; Slack will retry it"),
        })
      : undefined;
    try {
      await app.processEvent({
        body: envelope.body,
        ack: (isEvent ? async () => undefined : send) as never,
        ...(envelope.retry_num !== undefined ? { retryNum: envelope.retry_num } : {}),
        ...(envelope.retry_reason ? { retryReason: envelope.retry_reason } : {}),
        customProperties: held ? { [EVENT_RECORDED]: held.recorded } : {},
      });
    } catch (error) {
      // Bolt could not route the payload at all: acknowledge it, a retry would fail the same way.
      log.warn({ err: error }, "Slack payload could not be routed");
      if (!isEvent) await send();
    }
    held?.release();
  }

  client.on("slack_event", (envelope: Envelope) => void deliver(envelope));
  return {
    init: (bolt) => {
      app = bolt;
    },
    start: () => client.start(),
    stop: () => client.disconnect(),
  };
}
