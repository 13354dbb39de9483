/**
 * A fake Slack Web API on loopback: `POST /api/<method>` with `Authorization: Bearer <token>`, form-encoded
 * or JSON. It records every call, answers the methods Tandem uses, enforces Slack-like rate limits on
 * chat.postMessage (HTTP 429 + Retry-After) and can be told to fail or hang calls.
 * `POST /response/<name>` stands in for a slash command's or a button's response_url.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { checkView, refuseMessageBlocks } from "./slack-blocks.js";
import {
  answerDirectory,
  DIRECTORY_SCOPES,
  type FakeSlackChannel,
  type FakeSlackDirectory,
  type FakeSlackUser,
  refuseDirectMessage,
} from "./slack-directory.js";

export interface SlackCall {
  method: string;
  params: Record<string, unknown>;
  token: string | undefined;
  /** The workspace the token belongs to, once the call was authorised. */
  team?: string;
  /** Wall-clock milliseconds when the call arrived. */
  time: number;
  /** The HTTP status answered (undefined while a hung call is held). */
  status?: number;
  /** The JSON body answered. */
  response?: Record<string, unknown>;
}

export interface Failure {
  /** `{ ok: false, error }` with HTTP 200, as Slack reports most errors. */
  error?: string;
  /** An HTTP status instead, e.g. 429 (with Retry-After) or 503. */
  status?: number;
  /** Seconds for Retry-After when status is 429; 1 by default. */
  retryAfter?: number;
  /** Only calls with these params fail, e.g. `{ channel: "U0ANA" }`. */
  when?: Record<string, string>;
}

export interface FakeSlackOptions {
  /** Bot tokens this fake accepts, and the workspace each belongs to. */
  tokens?: Record<string, string>;
  /** chat.postMessage per channel: a token bucket refilled at this rate per second... */
  perChannelPerSecond?: number;
  /** ...holding at most this many tokens (Slack allows short bursts). */
  channelBurst?: number;
  /** chat.postMessage per workspace in any sliding minute. */
  workspacePerMinute?: number;
  /** The fake's own time, for rate limits (ms). */
  now?: () => number;
  /** What apps.connections.open hands an app-level token (xapp-...): a Socket Mode WebSocket URL. */
  socketUrl?: string;
  /** OAuth codes oauth.v2.access exchanges: each installs a bot token for a workspace. */
  installs?: Record<string, { team: string; token: string; botUserId: string }>;
  /** The workspaces' members (users.info, users.lookupByEmail); once given, DMs to anyone else fail. */
  users?: FakeSlackUser[];
  /** Channels for conversations.info / conversations.members (the bot is member UBOT). */
  channels?: FakeSlackChannel[];
  /** The bot token's scopes that directory methods check; all they need by default. */
  scopes?: string[];
}

export interface FakeSlackApi {
  /** `http://127.0.0.1:PORT/api/`, for `slackApiUrl`. */
  url: string;
  /** A response_url that records what is posted to it. */
  responseUrl(name: string): string;
  calls(method?: string): SlackCall[];
  /** Calls that Slack accepted (HTTP 200, ok: true). */
  okCalls(method?: string): SlackCall[];
  /** Waits until at least `count` calls of `method` were recorded. */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<SlackCall[]>;
  failNext(method: string, failure: Failure, times?: number): void;
  /** Holds the next `times` calls of `method` without answering until release() or close(). */
  hangNext(method: string, times?: number): void;
  release(): void;
  /** Accepts a bot token for a workspace again, or (undefined) revokes it: every call then gets token_revoked. */
  setToken(token: string, team: string | undefined): void;
  /** The DM channel the fake uses for a user. */
  dmChannel(user: string): string;
  /** The members, channels and scopes it answers with; change them to have someone join later. */
  directory: FakeSlackDirectory;
  /** A file someone shared: the url_private_download a message event carries (GET with the bot token). */
  shareFile(name: string, content: string): string;
  /** chat.postMessage calls allowed per workspace in any sliding minute (more are answered 429). */
  readonly workspacePerMinute: number;
  /**
   * The most calls of `method` one workspace made within any 60 seconds, per workspace: every call that
   * arrived counts, the ones refused with 429 too, so a sender over the limit shows above it. `during`
   * limits it to calls that arrived from `from` (inclusive) to `to` (exclusive), in the fake's time.
   */
  peakPerMinute(method: string, during?: { from?: number; to?: number }): Map<string, number>;
  close(): Promise<void>;
}

const IDENTITY = { user_id: "UBOT", bot_id: "BBOT", user: "tandem", team: "Tandem Test" };

function parseParams(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.startsWith("application/json")) {
    const parsed = raw ? (JSON.parse(raw) as unknown) : {};
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The Web API client sends objects (blocks, view) as JSON text inside the form.
    if (/^[[{]/.test(value)) {
      try {
        params[key] = JSON.parse(value);
        continue;
      } catch {
        // Not JSON after all: keep the text.
      }
    }
    params[key] = value;
  }
  return params;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeSlackApi(options: FakeSlackOptions = {}): Promise<FakeSlackApi> {
  const tokens = options.tokens ?? { "xoxb-test": "T1" };
  const now = options.now ?? (() => Date.now());
  const perSecond = options.perChannelPerSecond ?? 1;
  const burst = options.channelBurst ?? 3;
  const perMinute = options.workspacePerMinute ?? 300;
  const recorded: SlackCall[] = [];
  const failures = new Map<string, { failure: Failure; left: number }[]>();
  const hangs = new Map<string, number>();
  const held: { call: SlackCall; answer: () => void }[] = [];
  const buckets = new Map<string, { tokens: number; at: number }>();
  const posted = new Map<string, number[]>();
  const usedTriggers = new Set<string>();
  const revoked = new Set<string>();
  let sequence = 0;
  const directory: FakeSlackDirectory = {
    users: [...(options.users ?? [])],
    channels: [...(options.channels ?? [])],
    scopes: new Set(options.scopes ?? DIRECTORY_SCOPES),
  };

  const dmChannel = (user: string) => `D${user.replace(/^[UW]/, "")}`;
  const nextTs = () => {
    sequence += 1;
    return `${Math.floor(now() / 1000)}.${String(sequence).padStart(6, "0")}`;
  };

  /** Seconds to wait when chat.postMessage to this channel is over a limit, or undefined. */
  function rateLimited(team: string, channel: string): number | undefined {
    const at = now();
    const bucket = buckets.get(channel) ?? { tokens: burst, at };
    bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.at) / 1000) * perSecond);
    bucket.at = at;
    buckets.set(channel, bucket);
    const minute = (posted.get(team) ?? []).filter((t) => t > at - 60_000);
    posted.set(team, minute);
    if (minute.length >= perMinute) return Math.max(1, Math.ceil((minute[0]! + 60_000 - at) / 1000));
    if (bucket.tokens < 1) return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
    bucket.tokens -= 1;
    minute.push(at);
    return undefined;
  }

  /** The answer to one authorised call: an HTTP status, its JSON body, extra headers. */
  function answer(
    method: string,
    params: Record<string, unknown>,
    team: string,
  ): [number, Record<string, unknown>, Record<string, string>?] {
    const text = (key: string) => (typeof params[key] === "string" ? (params[key] as string) : "");
    switch (method) {
      case "auth.test":
        return [200, { ok: true, url: "https://tandem-test.slack.com/", team_id: team, ...IDENTITY }];
      case "chat.postMessage": {
        const target = text("channel");
        if (!target) return [200, { ok: false, error: "channel_not_found" }];
        if (!text("text") && params.blocks === undefined) return [200, { ok: false, error: "no_text" }];
        if (text("text").length > 40_000) return [200, { ok: false, error: "msg_too_long" }];
        const refused = refuseMessageBlocks(params.blocks);
        if (refused) return [200, { ok: false, error: refused.error, errors: [refused.why] }];
        const channel = /^[UW]/.test(target) ? dmChannel(target) : target;
        const wait = rateLimited(team, channel);
        if (wait !== undefined)
          return [429, { ok: false, error: "ratelimited" }, { "retry-after": `${wait}` }];
        const ts = nextTs();
        return [
          200,
          { ok: true, channel, ts, message: { type: "message", user: "UBOT", text: text("text"), ts } },
        ];
      }
      case "chat.postEphemeral": {
        if (!text("channel") || !text("user")) return [200, { ok: false, error: "channel_not_found" }];
        const refused = refuseMessageBlocks(params.blocks);
        if (refused) return [200, { ok: false, error: refused.error, errors: [refused.why] }];
        return [200, { ok: true, message_ts: nextTs() }];
      }
      case "conversations.open": {
        const users = text("users").split(",").filter(Boolean).sort();
        if (users.length === 0) return [200, { ok: false, error: "users_list_not_supplied" }];
        const refusedDm = refuseDirectMessage(directory, users, team);
        if (refusedDm) return [200, { ok: false, error: refusedDm }];
        const id = users.length === 1 ? dmChannel(users[0]!) : `G${users.map((u) => u.slice(1)).join("")}`;
        return [200, { ok: true, channel: { id } }];
      }
      case "views.open": {
        const trigger = text("trigger_id");
        if (!trigger) return [200, { ok: false, error: "invalid_trigger_id" }];
        if (usedTriggers.has(trigger)) return [200, { ok: false, error: "expired_trigger_id" }];
        const problem = checkView(params.view, "modal");
        if (problem) return [200, { ok: false, error: "invalid_arguments", errors: [problem] }];
        usedTriggers.add(trigger);
        sequence += 1;
        const view = {
          ...(params.view as object),
          id: `V${sequence}`,
          hash: `${sequence}.hash`,
          team_id: team,
        };
        return [200, { ok: true, view }];
      }
      case "views.publish": {
        if (!text("user_id")) return [200, { ok: false, error: "invalid_arguments" }];
        const problem = checkView(params.view, "home");
        if (problem) return [200, { ok: false, error: "invalid_arguments", errors: [problem] }];
        return [200, { ok: true, view: { ...(params.view as object), id: `V${++sequence}` } }];
      }
      default:
        return (
          answerDirectory(directory, method, params, team) ?? [200, { ok: false, error: "unknown_method" }]
        );
    }
  }

  const files = new Map<string, string>();
  /** Like Slack: the file for a valid bot token with files:read, its sign-in page (HTML) otherwise. */
  function serveFile(res: ServerResponse, path: string, token: string | undefined) {
    const content = files.get(path);
    if (content === undefined) {
      res.writeHead(404);
      res.end();
      return;
    }
    const allowed = token !== undefined && tokens[token] !== undefined && directory.scopes.has("files:read");
    res.writeHead(200, { "content-type": allowed ? "application/octet-stream" : "text/html; charset=utf-8" });
    res.end(allowed ? content : "<html><body>Sign in to Slack</body></html>");
  }

  function send(res: ServerResponse, status: number, body: Record<string, unknown>, headers = {}) {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? "").split("?")[0] ?? "";
    const params = parseParams(raw, String(req.headers["content-type"] ?? ""));
    const auth = String(req.headers.authorization ?? "");
    const token = auth.startsWith("Bearer ") ? auth.slice(7) : (params.token as string | undefined);
    const response = path.match(/^\/response\/(.+)$/);
    const method = response ? "response_url" : path.replace(/^\/api\//, "");
    const call: SlackCall = { method, params, token, time: now() };
    recorded.push(call);
    const reply = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      call.status = status;
      call.response = body;
      send(res, status, body, headers);
    };
    if (req.method === "GET" && path.startsWith("/files/")) return serveFile(res, path, token);
    if (req.method !== "POST" || (!response && !path.startsWith("/api/"))) return reply(404, { ok: false });
    if (response) {
      const refused = refuseMessageBlocks(params.blocks);
      return reply(200, refused ? { ok: false, error: refused.error } : { ok: true });
    }
    const queue = failures.get(method) ?? [];
    const pending = queue.find(({ failure }) =>
      Object.entries(failure.when ?? {}).every(([key, value]) => params[key] === value),
    );
    if (pending) {
      pending.left -= 1;
      if (pending.left <= 0) queue.splice(queue.indexOf(pending), 1);
      const { failure } = pending;
      if (failure.status === 429) {
        return reply(
          429,
          { ok: false, error: "ratelimited" },
          { "retry-after": `${failure.retryAfter ?? 1}` },
        );
      }
      if (failure.status) return reply(failure.status, { ok: false, error: `http_${failure.status}` });
      return reply(200, { ok: false, error: failure.error ?? "internal_error" });
    }
    const hang = hangs.get(method) ?? 0;
    if (hang > 0) {
      hangs.set(method, hang - 1);
      held.push({ call, answer: () => finish() });
      return;
    }
    finish();

    function finish() {
      if (method === "oauth.v2.access") {
        const install = options.installs?.[String(params.code ?? "")];
        if (!install || !params.client_id || !params.client_secret)
          return reply(200, { ok: false, error: "invalid_code" });
        tokens[install.token] = install.team;
        return reply(200, {
          ok: true,
          app_id: "A0TANDEM",
          access_token: install.token,
          token_type: "bot",
          scope: "chat:write,commands",
          bot_user_id: install.botUserId,
          team: { id: install.team, name: `Workspace ${install.team}` },
          enterprise: null,
          is_enterprise_install: false,
          authed_user: { id: "U0ADMIN" },
        });
      }
      if (!token) return reply(200, { ok: false, error: "not_authed" });
      if (method === "apps.connections.open") {
        return token.startsWith("xapp-") && options.socketUrl
          ? reply(200, { ok: true, url: options.socketUrl })
          : reply(200, { ok: false, error: "invalid_auth" });
      }
      if (revoked.has(token)) return reply(200, { ok: false, error: "token_revoked" });
      const team = tokens[token];
      if (!team) return reply(200, { ok: false, error: "invalid_auth" });
      call.team = team;
      const [status, body, headers] = answer(method, params, team);
      reply(status, body, headers);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { ok: false, error: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const select = (method?: string) => recorded.filter((c) => method === undefined || c.method === method);
  return {
    url: `http://127.0.0.1:${port}/api/`,
    responseUrl: (name) => `http://127.0.0.1:${port}/response/${encodeURIComponent(name)}`,
    calls: select,
    okCalls: (method) => select(method).filter((c) => c.status === 200 && c.response?.ok === true),
    async waitFor(method, count = 1, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (select(method).length < count) {
        if (Date.now() > deadline) {
          throw new Error(`expected ${count} ${method} call(s), got ${select(method).length}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return select(method);
    },
    failNext(method, failure, times = 1) {
      failures.set(method, [...(failures.get(method) ?? []), { failure, left: times }]);
    },
    hangNext(method, times = 1) {
      hangs.set(method, (hangs.get(method) ?? 0) + times);
    },
    release() {
      for (const { answer: go } of held.splice(0)) go();
    },
    setToken(token, team) {
      if (team === undefined) revoked.add(token);
      else {
        revoked.delete(token);
        tokens[token] = team;
      }
    },
    dmChannel,
    directory,
    shareFile(name, content) {
      const path = `/files/F${files.size + 1}/${encodeURIComponent(name)}`;
      files.set(path, content);
      return `http://127.0.0.1:${port}${path}`;
    },
    workspacePerMinute: perMinute,
    peakPerMinute(method, during = {}) {
      const times = new Map<string, number[]>();
      const from = during.from ?? Number.NEGATIVE_INFINITY;
      const to = during.to ?? Number.POSITIVE_INFINITY;
      for (const call of select(method)) {
        if (call.team === undefined || call.time < from || call.time >= to) continue;
        const list = times.get(call.team) ?? [];
        list.push(call.time);
        times.set(call.team, list);
      }
      const peaks = new Map<string, number>();
      for (const [team, list] of times) {
        list.sort((a, b) => a - b);
        let peak = 0;
        for (let first = 0, last = 0; last < list.length; last++) {
          while (list[last]! - list[first]! >= 60_000) first++;
          peak = Math.max(peak, last - first + 1);
        }
        peaks.set(team, peak);
      }
      return peaks;
    },
    close: () =>
      new Promise<void>((resolve) => {
        held.splice(0);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
