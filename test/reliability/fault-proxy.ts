/**
 * A proxy in front of the fake Slack Web API that injects faults: HTTP 5xx, 429 with Retry-After, and
 * calls that never get an answer (some after the fake already took them, as when a platform does the work
 * but the answer is lost). It can also refuse connections altogether, as an unreachable platform does.
 * Decisions come from a seeded generator, so a run can be repeated.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface FaultRates {
  /** Share of calls answered 503 without reaching the platform. */
  serverError: number;
  /** Share answered 429 with Retry-After: 1. */
  rateLimited: number;
  /** Share never answered; every other one is first passed on to the platform. */
  hang: number;
}

export interface FaultStats {
  requests: number;
  forwarded: number;
  serverErrors: number;
  rateLimited: number;
  hung: number;
  /** Hung calls the platform had already carried out: each may become a duplicate. */
  hungAfterForward: number;
  /** Of those, the ones whose forward the platform has answered (its work is done). */
  hungCarriedOut: number;
}

export interface FaultProxy {
  /** Use as the Web API base URL, e.g. http://127.0.0.1:PORT/api/ */
  url: string;
  stats: FaultStats;
  setRates(rates: FaultRates): void;
  /** Stops accepting connections and drops open ones: calls fail with ECONNREFUSED. */
  refuse(): Promise<void>;
  /** Listens again on the same port. */
  accept(): Promise<void>;
  close(): Promise<void>;
  /**
   * True when every connection made so far was closed by its client (or dropped) and no call is being
   * read or passed on: after the client process died, nothing more of its can reach the platform.
   */
  idle(): boolean;
}

/** mulberry32: a small seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFaultProxy(
  target: string,
  options: {
    seed?: number;
    rates?: FaultRates;
    /** Only these Web API methods get faults (auth.test at start-up always goes through). */
    methods?: string[];
    /** Forces one fault of each kind within the first faultable calls, so short runs see them all. */
    ensureEach?: boolean;
    /** The n-th faultable call (1-based) is carried out by the platform but never answered. */
    holdNth?: number;
    /**
     * How long a hung call is held before its connection is dropped; forever (the client's own timeout
     * ends it) when omitted. Short runs drop it sooner: the sender sees the same unknown outcome.
     */
    hangMs?: number;
  } = {},
): Promise<FaultProxy> {
  const random = seededRandom(options.seed ?? 1);
  const methods = new Set(options.methods ?? ["chat.postMessage"]);
  let rates: FaultRates = options.rates ?? { serverError: 0, rateLimited: 0, hang: 0 };
  const stats: FaultStats = {
    requests: 0,
    forwarded: 0,
    serverErrors: 0,
    rateLimited: 0,
    hung: 0,
    hungAfterForward: 0,
    hungCarriedOut: 0,
  };
  let handling = 0;
  const sockets = new Set<Socket>();
  const held = new Set<ServerResponse>();
  let faultable = 0;

  async function forward(req: IncomingMessage, body: Buffer) {
    stats.forwarded += 1;
    const headers: Record<string, string> = {};
    for (const name of ["content-type", "authorization"]) {
      const value = req.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    return fetch(new URL(req.url ?? "/", target), { method: req.method ?? "POST", headers, body });
  }

  function choose(method: string): "serverError" | "rateLimited" | "hang" | undefined {
    if (!methods.has(method)) return undefined;
    faultable += 1;
    if (faultable === options.holdNth) return "hang";
    if (options.ensureEach) {
      if (faultable === 3 && stats.serverErrors === 0) return "serverError";
      if (faultable === 6 && stats.rateLimited === 0) return "rateLimited";
      if (faultable === 9 && stats.hung === 0) return "hang";
    }
    const roll = random();
    if (roll < rates.serverError) return "serverError";
    if (roll < rates.serverError + rates.rateLimited) return "rateLimited";
    if (roll < rates.serverError + rates.rateLimited + rates.hang) return "hang";
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    stats.requests += 1;
    const method = (req.url ?? "").split("?")[0]!.replace(/^\/api\//, "");
    const fault = choose(method);
    if (fault === "serverError") {
      stats.serverErrors += 1;
      res.writeHead(503, { "content-type": "text/plain" });
      res.end("upstream unavailable");
      return;
    }
    if (fault === "rateLimited") {
      stats.rateLimited += 1;
      res.writeHead(429, { "content-type": "application/json", "retry-after": "1" });
      res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
      return;
    }
    if (fault === "hang") {
      stats.hung += 1;
      held.add(res);
      res.on("close", () => held.delete(res));
      if (options.hangMs !== undefined) {
        const timer = setTimeout(() => res.socket?.destroy(), options.hangMs);
        res.on("close", () => clearTimeout(timer));
      }
      if (stats.hung % 2 === 1 || faultable === options.holdNth) {
        stats.hungAfterForward += 1;
        await (await forward(req, body)).arrayBuffer();
        stats.hungCarriedOut += 1;
      }
      return;
    }
    const answer = await forward(req, body);
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (name === "content-type" || name === "retry-after") headers[name] = value;
    });
    res.writeHead(answer.status, headers);
    res.end(Buffer.from(await answer.arrayBuffer()));
  }

  const server = createServer((req, res) => {
    handling += 1;
    handle(req, res)
      .catch(() => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      })
      .finally(() => {
        handling -= 1;
      });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const drop = async () => {
    for (const res of held) res.destroy();
    for (const socket of sockets) socket.destroy();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  return {
    url: `http://127.0.0.1:${port}/api/`,
    stats,
    setRates(next) {
      rates = next;
    },
    refuse: drop,
    accept: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve)),
    close: drop,
    idle: () => handling === 0 && [...sockets].every((socket) => socket.readableEnded || socket.destroyed),
  };
}
