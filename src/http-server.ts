import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Route } from "./ports/http-route.js";

export interface HealthReport {
  ok: boolean;
  checks: Record<string, unknown>;
}

export interface HttpServer {
  readonly server: Server;
  /** Each platform's routes join here (ChatPlatform.routes). */
  addRoute(route: Route): void;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/**
 * The one HTTP server on PORT. /healthz: the database answers and its migrations are current.
 * /readyz: healthy and the platforms have started.
 */
export function createHttpServer(deps: {
  health: () => HealthReport;
  ready: () => boolean;
  log: Logger;
}): HttpServer {
  const log = deps.log.child({ component: "http" });
  const routes: Route[] = [];
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      log.error({ err: error, url: req.url, method: req.method }, "request failed");
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: "internal error" });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/healthz") {
      let report: HealthReport;
      try {
        report = deps.health();
      } catch (error) {
        log.error({ err: error }, "health check failed");
        report = { ok: false, checks: { database: "unreachable" } };
      }
      return sendJson(res, report.ok ? 200 : 503, report);
    }
    if (req.method === "GET" && path === "/readyz") {
      const ready = deps.ready();
      return sendJson(res, ready ? 200 : 503, { ready });
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
      }),
  };
}
