/** Tandem in Microsoft Teams: botbuilder's CloudAdapter on the shared server, proactive sends by reference. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from "botbuilder";
import type { Logger } from "pino";
import { parseAddress } from "../../src/domain/addresses.js";
import { AppError } from "../../src/domain/errors.js";
import type { Address, OutboundMessage } from "../../src/domain/messages.js";
import { err } from "../../src/domain/result.js";
import { readBody, refuseRequest } from "../../src/http-body.js";
import type { ChatPlatform, GroupProgress, SendResult } from "../../src/ports/chat-platform.js";
import type { Clock } from "../../src/ports/clock.js";
import type { PlatformRefRepo } from "../../src/ports/platform-repos.js";
import { createPacer } from "../shared/pacer.js";
import { checkActivity } from "./activity-shape.js";
import { messageActivity } from "./cards.js";
import { keepingStoredReferences } from "./references.js";
import { answerFor, isMetadataFailure, withSdkConsole } from "./sdk-console.js";
import { toTeamsSendError } from "./send-errors.js";
import { createTeamsDirectory } from "./teams-directory.js";
import { NOT_RECORDED, TandemTeamsHandler } from "./teams-handler.js";

export const TEAMS_MESSAGES_PATH = "/api/messages";
/** A Bot Connector call that takes longer is abandoned; the outbox retries it later. */
const SEND_TIMEOUT_MS = 15_000;
/** After the channel's signing keys could not be fetched, requests are answered 503 this long. */
const KEYS_RETRY_MS = 30_000;

export interface TeamsSettings {
  appId?: string;
  appPassword?: string;
  appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
  tenantId?: string;
  allowUnauthenticated: boolean;
  /** How long one Bot Connector call may take (default 15 s). */
  sendTimeoutMs?: number;
  /** Where the keys that sign the channel's tokens are published; Microsoft's by default (tests use loopback). */
  openIdMetadataUrl?: string;
}

function parseJson(raw: Buffer): Record<string, unknown> | undefined {
  try {
    const body = JSON.parse(raw.toString("utf8")) as unknown;
    return body && typeof body === "object" ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The pipeline of the Azure REST client inside botbuilder's ConnectorClient (not part of its typings). */
interface ConnectorPipeline {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: {
    name: string;
    sendRequest(
      request: { timeout: number },
      next: (request: { timeout: number }) => Promise<unknown>,
    ): Promise<unknown>;
  }): void;
}

/**
 * Bot Connector calls get a timeout (the SDK has none, so a hung connector would stall the dispatcher);
 * for outbox sends the SDK's own retries (up to 3, sleeping for Retry-After) are removed too, so a 429,
 * 412, 502 or 504 comes back at once and the outbox retries with its backoff, without blocking other sends.
 */
function tuneConnector(context: TurnContext, timeoutMs: number, retries: boolean, log: Logger): void {
  const connector = context.turnState.get(context.adapter.ConnectorClientKey) as
    | { client?: { pipeline?: ConnectorPipeline } }
    | undefined;
  const pipeline = connector?.client?.pipeline;
  if (!pipeline) {
    log.warn(
      "cannot tune the Bot Connector client: botbuilder's internals changed; sends keep the SDK defaults",
    );
    return;
  }
  if (!retries) pipeline.removePolicy({ name: "defaultRetryPolicy" });
  pipeline.removePolicy({ name: "tandemTimeout" });
  pipeline.addPolicy({
    name: "tandemTimeout",
    sendRequest(request, next) {
      if (!request.timeout) request.timeout = timeoutMs;
      return next(request);
    },
  });
}

/**
 * botbuilder's Response interface over node's ServerResponse. The answer is held until flush(): what
 * botbuilder answers after an error it raised (its message, e.g. a DNS failure naming Microsoft's host)
 * is replaced with a status and a sentence of Tandem's.
 */
export function responseShim(res: ServerResponse) {
  let failed = false;
  let status = 200;
  const headers = new Map<string, string>();
  const chunks: string[] = [];
  return {
    socket: res.socket,
    /** The turn ran but its activity was not recorded: answer 500 instead of the adapter's 200. */
    failTurn() {
      failed = true;
    },
    get statusCode() {
      return status;
    },
    status(code: number) {
      status = failed && code < 300 ? 500 : code;
      return this;
    },
    header(name: string, value: unknown) {
      headers.set(name.toLowerCase(), String(value));
      return this;
    },
    send(body?: unknown) {
      if (body === undefined || body === null) return this;
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
      chunks.push(typeof body === "string" ? body : JSON.stringify(body));
      return this;
    },
    end() {
      return this;
    },
    /** Replaces the answer (botbuilder's own error text never reaches the caller). */
    answer(code: number, text: string) {
      status = code;
      headers.set("content-type", "text/plain; charset=utf-8");
      chunks.splice(0, chunks.length, text);
    },
    flush() {
      if (res.headersSent) return void res.end();
      res.writeHead(status, Object.fromEntries(headers));
      res.end(chunks.join(""));
    },
  };
}

/**
 * botbuilder's public-cloud settings with another place for the channel's signing keys. Setting any one
 * of them makes botbuilder expect them all (it leaves the rest empty), so each is spelled out.
 */
function publicCloudWith(openIdMetadataUrl: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
    ToChannelFromBotOAuthScope: "https://api.botframework.com",
    ToBotFromChannelTokenIssuer: "https://api.botframework.com",
    OAuthUrl: "https://api.botframework.com",
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl:
      "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
    CallerId: "urn:botframework:azure",
  };
}

export function createTeamsPlatform(
  settings: TeamsSettings,
  deps: { clock: Clock; log: Logger; refs: PlatformRefRepo },
): ChatPlatform {
  const log = deps.log.child({ component: "teams" });
  const appId = settings.appId ?? "";
  const timeoutMs = settings.sendTimeoutMs ?? SEND_TIMEOUT_MS;
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: appId,
    MicrosoftAppPassword: settings.appPassword ?? "",
    MicrosoftAppType: settings.appType,
    MicrosoftAppTenantId: settings.tenantId ?? "",
    ...(settings.openIdMetadataUrl ? publicCloudWith(settings.openIdMetadataUrl) : {}),
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: error, activityType: context.activity.type }, "Teams turn failed");
  };
  // 60 messages per 30 s per conversation is the binding limit; tenants allow about 30-50 per second.
  const pacer = createPacer({ perChannelMs: 500, perWorkspaceMs: 25 });
  let handler: TandemTeamsHandler | undefined;
  /** Until when a failed fetch of the channel's signing keys is not tried again. */
  let keysUnavailableUntil = 0;

  async function sendTo(
    tenant: string,
    kind: "user" | "conversation",
    key: string,
    message: OutboundMessage,
  ): Promise<SendResult> {
    const stored = await deps.refs.get("teams", tenant, kind, key);
    if (!stored) {
      throw new AppError(
        "UNREACHABLE",
        `no Teams conversation with ${key}: the app was never installed for them`,
      );
    }
    const reference = JSON.parse(stored) as { conversation?: { id?: string } };
    await pacer.wait(tenant, reference.conversation?.id ?? key);
    let ref: string | undefined;
    // The adapter hands errors thrown in the callback to onTurnError, which only logs: catch them here,
    // or every refused send would look delivered to the outbox.
    let failed: { error: unknown } | undefined;
    try {
      await adapter.continueConversationAsync(appId, reference as never, async (context) => {
        try {
          tuneConnector(context, timeoutMs, false, log);
          ref = (await context.sendActivity(messageActivity(message) as never))?.id;
        } catch (error) {
          failed = { error };
        }
      });
    } catch (error) {
      failed = { error };
    }
    if (failed) throw toTeamsSendError(failed.error);
    return ref ? { ref } : {};
  }

  /** Work in a proactive turn on a stored reference, for the directory: its errors come back to the caller. */
  async function converse<T>(reference: object, work: (context: TurnContext) => Promise<T>): Promise<T> {
    // Set inside the callback, which TypeScript cannot follow: hence the widened type.
    let outcome = { error: new Error("the proactive turn did not run") } as { value: T } | { error: unknown };
    try {
      await adapter.continueConversationAsync(appId, reference as never, async (context) => {
        try {
          tuneConnector(context, timeoutMs, false, log);
          outcome = { value: await work(context) };
        } catch (error) {
          outcome = { error };
        }
      });
    } catch (error) {
      outcome = { error };
    }
    if ("error" in outcome) throw outcome.error;
    return outcome.value;
  }

  /** POST /api/messages: activities from the Bot Connector, checked before botbuilder reads them. */
  async function route(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = (req.url ?? "").split("?")[0];
    if (path !== TEAMS_MESSAGES_PATH) return false;
    if (req.method !== "POST" || !handler) {
      res.writeHead(req.method !== "POST" ? 405 : 503);
      res.end();
      return true;
    }
    const read = await readBody(req);
    if (!read.ok) {
      log.warn({ problem: read.error.why }, "Teams activity refused");
      refuseRequest(res, read.error.status, read.error.why);
      return true;
    }
    const body = parseJson(read.value);
    const checked = body ? checkActivity(body) : err("the body is not JSON");
    if (!checked.ok) {
      const problem = checked.error;
      log.warn({ problem }, "Teams activity refused");
      res.writeHead(400, { "content-type": "text/plain" });
      res.end(`the body must be a Bot Framework activity in JSON: ${problem}`);
      return true;
    }
    if (appId && Date.now() < keysUnavailableUntil) {
      refuseRequest(res, 503, "Tandem cannot check the request's token right now; try again later.");
      return true;
    }
    const active = handler;
    const shim = responseShim(res);
    const errors = await withSdkConsole(log, () =>
      adapter.process({ body, headers: req.headers, method: req.method }, shim as never, async (context) => {
        // Replies within a turn keep the SDK's quick retries: there is no outbox behind them.
        tuneConnector(context, timeoutMs, true, log);
        await active.run(context);
        if (context.turnState.get(NOT_RECORDED)) shim.failTurn();
      }),
    );
    const error = errors.at(-1);
    if (error && shim.statusCode >= 400) {
      const answer = answerFor(error);
      // Fetching the keys again for every request would hammer a host that is down: wait a little.
      if (isMetadataFailure(error)) keysUnavailableUntil = Date.now() + KEYS_RETRY_MS;
      log.warn(
        { status: answer.status, problem: `${error.name}: ${error.message}` },
        "Teams activity refused",
      );
      shim.answer(answer.status, answer.text);
    }
    shim.flush();
    return true;
  }

  return {
    name: "teams",
    async start(handle) {
      if (!appId && settings.allowUnauthenticated) {
        log.warn(
          "Teams authentication is OFF (TEAMS_ALLOW_UNAUTHENTICATED=true): anyone can post to /api/messages. Use this only for local tests.",
        );
      }
      // Unauthenticated activities may add references but never change a stored one.
      const refs = appId ? deps.refs : keepingStoredReferences(deps.refs);
      handler = new TandemTeamsHandler(handle, refs, deps.clock, deps.log, deps.refs);
    },
    async stop() {
      handler = undefined;
    },
    routes: [route],
    directory: createTeamsDirectory({ refs: deps.refs, converse, clock: deps.clock }),
    async send(address: Address, message: OutboundMessage, progress?: GroupProgress): Promise<SendResult> {
      const parsed = parseAddress(address);
      if (parsed?.platform !== "teams") throw new AppError("PLATFORM", `${address} is not a Teams address`);
      if (parsed.kind === "user") return await sendTo(parsed.workspace, "user", parsed.id, message);
      if (parsed.kind === "conv") return await sendTo(parsed.workspace, "conversation", parsed.id, message);
      if (parsed.kind === "group") {
        // Bots cannot start group chats in Teams: each member gets the message in their own chat with Tandem.
        // A retry (a later member's 429) skips those an earlier attempt reached, so each gets one copy.
        const already = new Set(progress?.delivered ?? []);
        let first: SendResult | undefined;
        const unreachable: string[] = [];
        for (const user of parsed.ids.filter((id) => !already.has(id))) {
          try {
            // Every member gets it (`first ??= await ...` would skip the send once one had gone).
            const result = await sendTo(parsed.workspace, "user", user, message);
            await progress?.memberDelivered(user);
            first ??= result;
          } catch (error) {
            if (error instanceof AppError && error.code === "UNREACHABLE") unreachable.push(user);
            else throw error;
          }
        }
        if (!first && already.size === 0)
          throw new AppError("UNREACHABLE", `none of ${parsed.ids.join(", ")} can be reached in Teams`);
        if (unreachable.length)
          log.warn({ unreachable }, "some members of a group message could not be reached");
        return first ?? {};
      }
      throw new AppError("PLATFORM", `Teams cannot deliver to ${address}`);
    },
  };
}
