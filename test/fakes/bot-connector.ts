/**
 * A fake Bot Connector (the Bot Framework REST API Teams exposes at an activity's `serviceUrl`) on
 * loopback: it records every request, answers the conversation routes the SDK uses, enforces Teams'
 * throttling per bot per conversation with 429 + Retry-After, and can be told to fail or hang. Like the
 * real one it checks the bearer token, gives each new conversation its own id and refuses malformed cards.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { adaptiveCardProblem } from "./adaptive-card-check.js";
import { teamsUserId } from "./teams-activities.js";
import { answerRoster, type FakeRoster } from "./teams-roster.js";

export interface ConnectorCall {
  method: string;
  /** The decoded path, e.g. /v3/conversations/a:1-aad-ana/activities/1700. */
  path: string;
  /** The conversation id from the path, decoded, when the route has one. */
  conversationId?: string;
  /** The activity this one replies to (POST .../activities/{replyToId}). */
  replyToId?: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown> | undefined;
  /** The HTTP status answered; 0 while the call hangs. */
  status: number;
  response?: unknown;
  at: number;
}

/** An activity the connector accepted, with the id it gave it. */
export interface PostedActivity {
  id: string;
  conversationId: string;
  replyToId?: string;
  activity: Record<string, unknown>;
}

export type Failure = 403 | 412 | 429 | 500 | 502 | 504 | "hang";

/** Teams' documented limits per bot per conversation. */
export const TEAMS_LIMITS = [
  { max: 7, perMs: 1_000 },
  { max: 8, perMs: 2_000 },
  { max: 60, perMs: 30_000 },
  { max: 1_800, perMs: 3_600_000 },
] as const;

export interface FakeBotConnector {
  /** The serviceUrl to put on activities, ending with a slash like Teams' own. */
  url: string;
  calls: ConnectorCall[];
  /** Accepted activities, oldest first; only those in this conversation (thread suffix ignored) when given. */
  activities(conversationId?: string): PostedActivity[];
  /** The next `n` calls fail with this status (429 with Retry-After) or never get an answer. */
  failNext(n: number, failure: Failure, retryAfterSeconds?: number): void;
  /** Like failNext, for the next `n` calls in this conversation only; other conversations are served. */
  failIn(conversationId: string, n: number, failure: Failure, retryAfterSeconds?: number): void;
  /** Resolves once `count` activities were accepted (in this conversation, when given). */
  waitForActivities(count: number, conversationId?: string, timeoutMs?: number): Promise<PostedActivity[]>;
  /** The tenant's people and teams the roster routes answer with; change them to have someone join. */
  roster: FakeRoster;
  /**
   * Keeps a file someone sends the bot and returns its downloadUrl, as Teams puts it in a
   * file.download.info attachment (a pre-authorised link: GET it without a token). `expire` revokes it.
   */
  shareFile(name: string, content: string | Buffer): string;
  expireFile(url: string): void;
  close(): Promise<void>;
}

/** A channel thread `19:x@thread.tacv2;messageid=1` is throttled and listed with its channel. */
const baseConversation = (id: string) => id.split(";messageid=")[0] ?? id;

/**
 * Microsoft refuses a bot message over about 100 KB, counted as UTF-16, with 413 MessageSizeTooBig.
 * Written here from Microsoft's documentation, not imported from the renderer's limits.
 */
export const MESSAGE_BYTES_REFUSED = 100 * 1024;

const ERROR_CODES: Record<number, string> = {
  400: "BadArgument",
  401: "Unauthorized",
  403: "BotNotInConversationRoster",
  413: "MessageSizeTooBig",
  412: "PreconditionFailed",
  429: "Throttled",
  500: "InternalServerError",
  502: "BadGateway",
  504: "GatewayTimeout",
};

export interface FakeConnectorOptions {
  now?: () => number;
  limits?: readonly { max: number; perMs: number }[];
  /**
   * The bearer token every call must carry (`Authorization: Bearer <token>`), as a bot with an app id
   * sends. Without it the fake serves a bot with authentication off, which sends no Authorization
   * header; a header that is there must still be a well-formed bearer token.
   */
  token?: string;
  /** People and teams for the roster routes (members, pagedmembers, a team's channels). */
  roster?: Partial<FakeRoster>;
}

/** Why the connector refuses this Authorization header with 401, or undefined when it accepts it. */
function authProblem(header: string | undefined, token: string | undefined): string | undefined {
  if (header === undefined) return token === undefined ? undefined : "no Authorization header";
  const bearer = /^Bearer (\S+)$/.exec(header)?.[1];
  if (!bearer) return "the Authorization header is not a bearer token";
  return token === undefined || bearer === token ? undefined : "the bearer token is not valid";
}

export async function startFakeBotConnector(options: FakeConnectorOptions = {}): Promise<FakeBotConnector> {
  const now = options.now ?? (() => Date.now());
  const limits = options.limits ?? TEAMS_LIMITS;
  const calls: ConnectorCall[] = [];
  const posted: PostedActivity[] = [];
  const accepted = new Map<string, number[]>();
  const hanging = new Set<ServerResponse>();
  const waiters = new Set<() => void>();
  let failures: { left: number; failure: Failure; retryAfter: number } = {
    left: 0,
    failure: 502,
    retryAfter: 1,
  };
  const conversationIds = new Map<string, string>();
  /** Files sent to the bot, by their download path (on loopback, like SharePoint's link in Teams). */
  const files = new Map<string, Buffer>();
  const failuresIn = new Map<string, { left: number; failure: Failure; retryAfter: number }>();
  let nextId = 1_700_000_000_000;
  const roster: FakeRoster = {
    tenant: options.roster?.tenant ?? "tenant-1",
    people: [...(options.roster?.people ?? [])],
    teams: [...(options.roster?.teams ?? [])],
  };

  /** Seconds until a slot frees up in the first window that is full, or undefined when one is free. */
  function throttled(key: string, at: number): number | undefined {
    const stamps = accepted.get(key) ?? [];
    for (const { max, perMs } of limits) {
      const inWindow = stamps.filter((t) => t > at - perMs);
      if (inWindow.length >= max) return Math.max(1, Math.ceil((inWindow[0]! + perMs - at) / 1000));
    }
    return undefined;
  }

  function answer(res: ServerResponse, call: ConnectorCall, status: number, body: unknown, headers = {}) {
    call.status = status;
    call.response = body;
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  const fail = (res: ServerResponse, call: ConnectorCall, status: number, headers = {}) =>
    answer(
      res,
      call,
      status,
      { error: { code: ERROR_CODES[status] ?? "Error", message: `fake connector answered ${status}` } },
      headers,
    );

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: Record<string, unknown> | undefined;
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    } catch {
      body = undefined;
    }
    const requestUrl = new URL(req.url ?? "/", "http://127.0.0.1");
    const rawPath = requestUrl.pathname.replace(/\/{2,}/g, "/");
    const segments = rawPath.split("/").filter(Boolean).map(decodeURIComponent);
    const call: ConnectorCall = {
      method: req.method ?? "GET",
      path: `/${segments.join("/")}`,
      headers: req.headers,
      body,
      status: 0,
      at: now(),
    };
    const [version, collection, conversationId, resource, replyToId] = segments;
    if (conversationId) call.conversationId = conversationId;
    if (replyToId) call.replyToId = replyToId;
    calls.push(call);

    // A file's download link is pre-authorised (SharePoint's, not the connector's): no token is checked.
    if (version === "files") {
      const file = files.get(call.path);
      if (req.method !== "GET" || !file) {
        answer(res, call, file ? 405 : 403, { error: { code: "accessDenied", message: "link expired" } });
        return;
      }
      call.status = 200;
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": file.length });
      res.end(file);
      return;
    }
    const unauthorized = authProblem(req.headers.authorization, options.token);
    if (unauthorized) {
      answer(res, call, 401, { error: { code: ERROR_CODES[401], message: unauthorized } });
      return;
    }
    const failing = conversationId ? failuresIn.get(baseConversation(conversationId)) : undefined;
    const planned = failing && failing.left > 0 ? failing : failures;
    if (planned.left > 0) {
      planned.left -= 1;
      if (planned.failure === "hang") {
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      }
      const status = planned.failure;
      fail(res, call, status, status === 429 ? { "retry-after": String(planned.retryAfter) } : {});
      return;
    }
    const rostered = answerRoster(roster, req.method ?? "GET", segments, requestUrl.searchParams);
    if (rostered) {
      answer(res, call, rostered[0], rostered[1]);
      return;
    }
    if (req.method !== "POST" || version !== "v3" || collection !== "conversations") {
      fail(res, call, 404);
      return;
    }
    if (!conversationId) {
      const members = Array.isArray(body?.members) ? (body.members as { id?: unknown }[]) : [];
      if (members.length === 0 || members.some((m) => typeof m?.id !== "string")) {
        answer(res, call, 400, { error: { code: ERROR_CODES[400], message: "members must list user ids" } });
        return;
      }
      // Told a roster, the fake refuses a chat with someone in no team the bot is in, as Teams does.
      const inATeam = (id: string) =>
        roster.teams.some((t) =>
          t.members.some((aad) => aad === id || teamsUserId({ aad, name: "" }) === id),
        );
      if (roster.teams.length > 0 && members.some((m) => !inATeam(m.id as string))) {
        fail(res, call, 403);
        return;
      }
      // Teams keeps one chat per set of members: the same members get the same conversation back.
      const membersKey = members
        .map((m) => m.id as string)
        .sort()
        .join(",");
      const id = conversationIds.get(membersKey) ?? `a:new-${conversationIds.size + 1}`;
      conversationIds.set(membersKey, id);
      answer(res, call, 200, { id, activityId: String(nextId++), serviceUrl: url });
      return;
    }
    if (resource !== "activities" || segments.length > 5 || !body) {
      fail(res, call, 404);
      return;
    }
    if (raw.length * 2 > MESSAGE_BYTES_REFUSED) {
      fail(res, call, 413);
      return;
    }
    const malformed = adaptiveCardProblem(body);
    if (malformed) {
      answer(res, call, 400, { error: { code: ERROR_CODES[400], message: malformed } });
      return;
    }
    const from = body.from as { id?: string } | undefined;
    const key = `${from?.id ?? "bot"}|${baseConversation(conversationId)}`;
    const retryAfter = throttled(key, call.at);
    if (retryAfter !== undefined) {
      fail(res, call, 429, { "retry-after": String(retryAfter) });
      return;
    }
    accepted.set(key, [...(accepted.get(key) ?? []), call.at].slice(-2_000));
    const id = String(nextId++);
    posted.push({ id, conversationId, ...(replyToId ? { replyToId } : {}), activity: body });
    answer(res, call, 200, { id });
    for (const wake of waiters) wake();
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const activities = (conversationId?: string) =>
    conversationId === undefined
      ? [...posted]
      : posted.filter((p) => baseConversation(p.conversationId) === baseConversation(conversationId));

  return {
    url,
    calls,
    activities,
    roster,
    shareFile(name, content) {
      const path = `/files/${files.size + 1}/${encodeURIComponent(name)}`;
      files.set(decodeURIComponent(path), Buffer.from(content));
      return `${url}${path.slice(1)}`;
    },
    expireFile(fileUrl) {
      files.delete(decodeURIComponent(new URL(fileUrl).pathname));
    },
    failNext(n, failure, retryAfterSeconds = 1) {
      failures = { left: n, failure, retryAfter: retryAfterSeconds };
    },
    failIn(conversationId, n, failure, retryAfterSeconds = 1) {
      failuresIn.set(baseConversation(conversationId), { left: n, failure, retryAfter: retryAfterSeconds });
    },
    waitForActivities(count, conversationId, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = activities(conversationId);
          if (found.length < count) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(`the fake connector got ${activities(conversationId).length} of ${count} activities`),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
