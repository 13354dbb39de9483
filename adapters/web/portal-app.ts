/**
 * The web portal: a fastify app mounted at /portal on Tandem's one HTTP server (src/http-server.ts hands
 * it every /portal request through fastify's router; health checks and the platforms' routes stay as
 * they are). Cookies, sessions, CSRF tokens, form bodies and rate limits come from fastify's own plugins.
 */
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import rateLimit from "@fastify/rate-limit";
import session from "@fastify/session";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { MAX_BODY_BYTES } from "../../src/http-body.js";
import type { Route } from "../../src/ports/http-route.js";
import { startSparklineWarmer } from "./charts/sparkline-warmer.js";
import { registerLearningRoutes } from "./learning-routes.js";
import { limitStoreFor } from "./limit-store.js";
import { messagePage } from "./pages/message-page.js";
import { type PortalDeps, SIGN_IN_LIMITS } from "./portal-context.js";
import { registerPortalRoutes } from "./portal-routes.js";
import { createSessionStore, SESSION_IDLE_MS } from "./session-store.js";
import "./session-types.js";
import { registerSignInRoutes } from "./sign-in-routes.js";

export interface Portal {
  /** Joins the shared HTTP server: takes every request under /portal. */
  route: Route;
  /** The fastify app, for pages that add their routes before start. */
  app: FastifyInstance;
  close(): Promise<void>;
}

export const COOKIE_PATH = "/portal";

/** No scripts at all; styles from the portal (and inline SVG charts' style attributes). */
const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  // A sign-in link carries its token in the path: never send it on.
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cache-control": "no-store",
};

export async function createPortal(
  deps: PortalDeps,
  extend?: (app: FastifyInstance) => void | Promise<void>,
): Promise<Portal> {
  const log = deps.log.child({ component: "portal" });
  const https = deps.publicUrl.startsWith("https:");
  const limits = { ...SIGN_IN_LIMITS, ...deps.limits };
  // Behind https Tandem expects one TLS-terminating proxy: its X-Forwarded-Proto and the client address it
  // saw are believed, not addresses a client put further left in X-Forwarded-For (the per-client limit).
  const trustProxy = https ? (_address: string, hop: number) => hop === 0 : false;
  const app = Fastify({ logger: false, bodyLimit: MAX_BODY_BYTES, trustProxy });

  await app.register(cookie, { secret: deps.secret });
  await app.register(formbody);
  await app.register(session, {
    secret: deps.secret,
    cookieName: "tandem_session",
    store: createSessionStore(deps.store, deps.clock),
    saveUninitialized: false,
    rolling: true,
    cookie: { path: COOKIE_PATH, httpOnly: true, sameSite: "lax", secure: https, maxAge: SESSION_IDLE_MS },
  });
  await app.register(csrf, {
    sessionPlugin: "@fastify/cookie",
    cookieKey: "tandem_csrf",
    cookieOpts: { path: COOKIE_PATH, httpOnly: true, sameSite: "lax", secure: https, signed: true },
  });
  await app.register(rateLimit, { global: false, store: limitStoreFor(deps.store, deps.clock) });

  app.addHook("onSend", async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
    return payload;
  });

  app.setNotFoundHandler((_request, reply) => {
    void reply
      .code(404)
      .type("text/html; charset=utf-8")
      .send(
        messagePage("Not found", "There is no page here.", { href: "/portal", label: "Go to the portal" }),
      );
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    const send = (title: string, text: string) =>
      reply
        .code(status)
        .type("text/html; charset=utf-8")
        .send(messagePage(title, text, { href: "/portal", label: "Go to the portal" }));
    if (
      error.code === "FST_CSRF_MISSING_SECRET" ||
      error.code === "FST_CSRF_INVALID_TOKEN" ||
      status === 403
    ) {
      log.warn(
        { path: request.routeOptions.url, code: error.code },
        "portal form refused: no valid CSRF token",
      );
      return send("This form has expired", "Nothing was changed. Go back, reload the page and try again.");
    }
    if (status === 429) {
      return send("Too many requests", "Please wait a few minutes before asking again.");
    }
    if (status >= 400 && status < 500) return send("Bad request", "The request could not be read.");
    log.error({ err: error, path: request.routeOptions.url }, "portal request failed");
    return send("Something went wrong", "Tandem could not show this page. Please try again later.");
  });

  const context = { ...deps, log, limits };
  registerSignInRoutes(app, context);
  registerPortalRoutes(app, context);
  registerLearningRoutes(app, context);
  if (extend) await extend(app);
  await app.ready();

  const route: Route = (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path !== COOKIE_PATH && !path.startsWith(`${COOKIE_PATH}/`)) return false;
    app.routing(req, res);
    return true;
  };
  // The boards' trend pictures are drawn ahead, so a board's first view after new check-ins does not wait.
  const warmer = startSparklineWarmer(deps.store, log);
  return {
    route,
    app,
    close: async () => {
      await warmer.stop();
      await app.close();
    },
  };
}
