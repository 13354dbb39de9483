/**
 * Bolt's receiver on Tandem's shared HTTP server: `POST /slack/events` serves events, slash commands
 * and interactivity. Signatures are checked, and timestamps more than five minutes away are refused in
 * both directions (Bolt alone accepts future ones, which would let a captured request be replayed later).
 * Events are answered once recorded (see event-ack.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import {
  type App,
  HTTPModuleFunctions,
  HTTPResponseAck,
  type Receiver,
  verifySlackRequest,
} from "@slack/bolt";
import type { Logger } from "pino";
import { readBody, refuseRequest } from "../../src/http-body.js";
import type { Clock } from "../../src/ports/clock.js";
import { EVENT_RECORDED, holdEventAck } from "./event-ack.js";
import { createEventBacklog, type EventBacklog, RETRY_AFTER_SECONDS } from "./event-backlog.js";
import { checkSlackBody } from "./payload-shape.js";
import { REQUEST_TIME, SLACK_EVENTS_PATH } from "./protocol.js";
import { foreignWorkspace, type TokenWorkspace } from "./workspace-check.js";

const WINDOW_SECONDS = 5 * 60;

export interface SlackReceiver extends Receiver {
  /** The shared server's route: true when it handled the request. */
  route(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

export function createSlackReceiver(deps: {
  signingSecret: string;
  clock: Clock;
  log: Logger;
  boltLogger: unknown;
  /** Single-token mode: the token's workspace (known once Slack answered auth.test); others are refused. */
  tokenWorkspace?: () => TokenWorkspace | undefined;
  /** True when Tandem could not act for this payload's workspace (its installation cannot be read). */
  unavailable?: (body: object) => boolean;
  /** Events waiting to be recorded, and when to refuse more (event-backlog.ts). */
  backlog?: EventBacklog;
}): SlackReceiver {
  const unavailable = deps.unavailable ?? (() => false);
  const backlog = deps.backlog ?? createEventBacklog(() => performance.now());
  let shed = 0;
  let app: App | undefined;
  const log = deps.log.child({ component: "slack-receiver" });

  function refuse(res: ServerResponse, status: number, why: string, req: IncomingMessage): true {
    log.warn({ status, why, ip: req.socket.remoteAddress }, "Slack request refused");
    refuseRequest(res, status, status === 401 ? "invalid signature or timestamp" : why);
    return true;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = (req.url ?? "").split("?")[0];
    if (path !== SLACK_EVENTS_PATH) return false;
    try {
      return await handle(req, res);
    } finally {
      // Every listener of this request has returned, its replies to Slack included (tests wait for it).
      log.debug({ status: res.statusCode }, "Slack request processed");
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<true> {
    if (req.method !== "POST") return refuse(res, 405, "use POST", req);
    if (!app) return refuse(res, 503, "Slack is not ready yet", req);
    // Everything that can be judged from the headers is, before a byte of the body is read.
    const timestamp = Number(req.headers["x-slack-request-timestamp"]);
    const signature = req.headers["x-slack-signature"];
    if (
      typeof signature !== "string" ||
      !signature ||
      req.headers["x-slack-request-timestamp"] === undefined
    ) {
      return refuse(res, 401, "no Slack signature headers", req);
    }
    const nowMs = deps.clock.now().getTime();
    if (!Number.isFinite(timestamp) || Math.abs(nowMs / 1000 - timestamp) > WINDOW_SECONDS) {
      return refuse(res, 401, "timestamp outside five minutes", req);
    }
    const read = await readBody(req);
    if (!read.ok) return refuse(res, read.error.status, read.error.why, req);
    const buffered = Object.assign(req, { rawBody: read.value });
    try {
      verifySlackRequest({
        signingSecret: deps.signingSecret,
        body: buffered.rawBody.toString("utf8"),
        headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
        nowMilliseconds: nowMs,
      });
    } catch {
      return refuse(res, 401, "bad signature", req);
    }
    let body: Record<string, unknown>;
    try {
      body = HTTPModuleFunctions.parseHTTPRequestBody(buffered) as Record<string, unknown>;
    } catch {
      return refuse(res, 400, "body is neither JSON nor a form", req);
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return refuse(res, 400, "the body is not an object", req);
    }
    if (body.type === "url_verification") {
      HTTPModuleFunctions.buildUrlVerificationResponse(res, body);
      return true;
    }
    if (body.ssl_check) {
      HTTPModuleFunctions.buildSSLCheckResponse(res);
      return true;
    }
    const verdict = checkSlackBody(body);
    if (!verdict.ok) {
      if (verdict.error.status === 200) {
        log.warn({ why: verdict.error.why }, "Slack notice acknowledged");
        res.writeHead(200);
        res.end();
        return true;
      }
      return refuse(res, verdict.error.status, verdict.error.why, req);
    }
    const own = deps.tokenWorkspace?.();
    const foreign = own && foreignWorkspace(body, own);
    if (foreign) return refuse(res, 403, foreign, req);
    if (body.type === "event_callback") return routeEvent(app, body, req, res, timestamp);
    const ack = new HTTPResponseAck({
      logger: deps.boltLogger as never,
      processBeforeResponse: false,
      httpRequest: buffered,
      httpRequestBody: buffered.rawBody,
      httpResponse: res,
      // Bolt's own handler logs an error 3 s later even when Tandem already answered (a 400 below).
      unhandledRequestHandler: ({ response }) => {
        if (response.headersSent) return;
        log.warn("no listener acknowledged a Slack request within 3 seconds; answered 404");
        response.writeHead(404);
        response.end();
      },
    });
    const boundAck = ack.bind();
    // Bolt acknowledges (an empty 200) when authorisation fails: a 503 instead tells Slack it failed.
    const answer = async (response?: unknown) => {
      if (!unavailable(body)) return boundAck(response as never);
      if (res.headersSent) return;
      log.error("a Slack request came for a workspace whose installation cannot be read; answered 503");
      res.writeHead(503, { "content-type": "text/plain" });
      res.end("Tandem cannot act for this workspace right now");
    };
    await toBolt(app, body, req, res, answer, { [REQUEST_TIME]: timestamp * 1000 });
    return true;
  }

  async function routeEvent(
    bolt: App,
    body: Record<string, unknown>,
    req: IncomingMessage,
    res: ServerResponse,
    timestamp: number,
  ): Promise<true> {
    const slot = backlog.admit();
    if (!slot) {
      // Behind: a fast 503 keeps the connection and the accepted events' latency, and Slack delivers it again.
      if (shed++ % 1000 === 0)
        log.warn(
          { waiting: backlog.waiting(), refused: shed },
          "Slack events arrive faster than Tandem records them; answered 503 with Retry-After",
        );
      res.writeHead(503, { "retry-after": String(RETRY_AFTER_SECONDS) });
      res.end();
      return true;
    }
    const answer = (status: 200 | 500 | 503) => () => {
      slot.done();
      if (res.headersSent) return;
      res.writeHead(status, status === 503 ? { "retry-after": String(RETRY_AFTER_SECONDS) } : {});
      res.end();
    };
    const held = holdEventAck({
      accept: answer(200),
      refuse: answer(500),
      timedOut: () => {
        log.warn("a Slack event was not recorded within 3 seconds; answered 503 so Slack retries");
        answer(503)();
      },
    });
    // Bolt acknowledges events before their listeners run; that acknowledgement waits for the listener.
    await toBolt(bolt, body, req, res, async () => undefined, {
      [REQUEST_TIME]: timestamp * 1000,
      [EVENT_RECORDED]: held.recorded,
    });
    if (unavailable(body)) {
      // Nothing was recorded: a 5xx makes Slack deliver it again, once the installation is readable.
      log.error(
        "a Slack event came for a workspace whose installation cannot be read; answered 500 so Slack retries",
      );
      held.recorded(false);
    } else held.release();
    return true;
  }

  async function toBolt(
    bolt: App,
    body: Record<string, unknown>,
    req: IncomingMessage,
    res: ServerResponse,
    ack: (response?: unknown) => Promise<void>,
    customProperties: Record<string, unknown>,
  ): Promise<void> {
    const retryNum = HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req);
    const retryReason = HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req);
    try {
      await bolt.processEvent({
        body,
        ack: ack as never,
        ...(retryNum !== undefined ? { retryNum } : {}),
        ...(retryReason !== undefined ? { retryReason } : {}),
        customProperties,
      });
    } catch (error) {
      // Listener failures go to Bolt's error handler; what reaches here is Bolt failing to read the body.
      log.warn({ err: error }, "Slack payload could not be routed");
      if (!res.headersSent) {
        res.writeHead(400, { "content-type": "text/plain" });
        res.end("payload Tandem cannot read");
      }
    }
  }

  return {
    init: (bolt) => {
      app = bolt;
    },
    start: async () => undefined,
    stop: async () => undefined,
    route,
  };
}
