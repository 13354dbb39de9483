import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Logger } from "pino";
import { declaredTooLarge, MAX_BODY_BYTES, refuseRequest } from "./http-body.js";
import type { Route } from "./ports/http-route.js";

export interface HealthReport {
  ok: boolean;
  /** "ok", "degraded" (working, someone should look) or "failing". */
  status?: string;
  checks: Record<string, unknown>;
}

/** Whether to send traffic here, and if not, why (more fields are sent as they are). */
export interface ReadyReport {
  ready: boolean;
}

export interface HttpServer {
  readonly server: Server;
  /** Each platform's routes join here (ChatPlatform.routes). */
  addRoute(route: Route): void;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * How long a connection may stay silent or slow, and how many may be open. Slack and Teams send small
 * requests quickly, so seconds are plenty; a reverse proxy in front absorbs slow clients in production.
 */
export interface HttpLimits {
  /** A connection with no request in progress (a fresh silent socket, or between requests) is closed. */
  idleSeconds: number;
  /** Between two requests on a kept-alive connection. */
  keepAliveSeconds: number;
  /** To receive a request's headers. */
  headersSeconds: number;
  /** To receive a whole request, body included (the answer may take longer). */
  requestSeconds: number;
  /** Open connections; at the cap the longest-idle one makes room, or the new one is refused. */
  maxConnections: number;
}

export const HTTP_LIMITS: HttpLimits = {
  idleSeconds: 10,
  keepAliveSeconds: 5,
  headersSeconds: 10,
  requestSeconds: 30,
  maxConnections: 1000,
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/**
 * The one HTTP server on PORT. /healthz: JSON with a status; 503 when failing (see services/health.ts).
 * /readyz: the platforms have started and Tandem can do its work; 503 otherwise, with the reasons.
 */
export function createHttpServer(deps: {
  health: () => Promise<HealthReport>;
  ready: () => Promise<boolean | ReadyReport>;
  log: Logger;
  limits?: Partial<HttpLimits>;
}): HttpServer {
  const log = deps.log.child({ component: "http" });
  const limits = { ...HTTP_LIMITS, ...deps.limits };
  const routes: Route[] = [];
  // Node checks the header and request timeouts every connectionsCheckingInterval (30 s by default).
  const server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
    void handle(req, res).catch((error: unknown) => {
      log.error({ err: error, url: req.url, method: req.method }, "request failed");
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: "internal error" });
      else res.end();
    });
  });

  server.headersTimeout = limits.headersSeconds * 1000;
  server.requestTimeout = limits.requestSeconds * 1000;
  server.keepAliveTimeout = limits.keepAliveSeconds * 1000;
  server.timeout = limits.idleSeconds * 1000;
  const connections = trackConnections(server, limits.maxConnections, log);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    if (declaredTooLarge(req)) {
      log.warn({ path, length: req.headers["content-length"] }, "request refused: body too large");
      return refuseRequest(res, 413, `the body must be at most ${MAX_BODY_BYTES} bytes`);
    }
    if (req.method === "GET" && path === "/healthz") {
      let report: HealthReport;
      try {
        report = await deps.health();
      } catch (error) {
        log.error({ err: error }, "health check failed");
        report = { ok: false, status: "failing", checks: { database: "unreachable" } };
      }
      return sendJson(res, report.ok ? 200 : 503, report);
    }
    if (req.method === "GET" && path === "/readyz") {
      let report: ReadyReport;
      try {
        const ready = await deps.ready();
        report = typeof ready === "boolean" ? { ready } : ready;
      } catch (error) {
        log.error({ err: error }, "readiness check failed");
        const failed = { ready: false, status: "failing", reasons: ["the readiness check failed"] };
        report = failed;
      }
      return sendJson(res, report.ready ? 200 : 503, report);
    }
    for (const route of routes) if (await route(req, res)) return;
    sendJson(res, 404, { ok: false, error: `no route for ${req.method} ${path}` });
  }

  return {
    server,
    addRoute: (route) => {
      routes.push(route);
    },
    listen: (port, host = "0.0.0.0") =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const address = server.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        connections.closeAll();
      }),
  };
}

/**
 * Every open connection, longest idle first. A connection with no request in progress is closed after
 * the idle timeout (Node itself would close only kept-alive ones, never a socket that sent nothing); at
 * the cap a new connection replaces the longest-idle one, so silent sockets cannot lock out /healthz or
 * Slack; only when every connection is busy is the new one refused.
 */
function longestIdle(busy: Map<Socket, number>): Socket | undefined {
  for (const [socket, count] of busy) if (count === 0) return socket;
  return undefined;
}

function trackConnections(server: Server, max: number, log: Logger) {
  const busy = new Map<Socket, number>();
  let refused = 0;
  const touch = (socket: Socket, change: number) => {
    const count = (busy.get(socket) ?? 0) + change;
    busy.delete(socket);
    busy.set(socket, count);
  };
  server.on("connection", (socket: Socket) => {
    if (busy.size >= max) {
      const idle = longestIdle(busy);
      if (idle) {
        busy.delete(idle);
        idle.destroy();
      } else {
        if (refused++ % 100 === 0)
          log.warn({ open: busy.size, max }, "connection refused: all connections are busy");
        socket.destroy();
        return;
      }
    }
    busy.set(socket, 0);
    socket.on("close", () => busy.delete(socket));
  });
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    if (!busy.has(socket)) return;
    touch(socket, 1);
    res.on("close", () => {
      if (busy.has(socket)) touch(socket, -1);
    });
  });
  // With a listener here Node leaves timed-out sockets to it: only those without a request in progress go.
  server.on("timeout", (socket: Socket) => {
    if ((busy.get(socket) ?? 0) === 0) socket.destroy();
  });
  return {
    closeAll: () => {
      for (const socket of busy.keys()) socket.destroy();
    },
  };
}
