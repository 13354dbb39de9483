import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createPortal } from "../../../adapters/web/portal-app.js";
import type { Config } from "../../../src/config.js";
import { createHttpServer, type HttpServer } from "../../../src/http-server.js";
import { type Running, startService } from "../../../src/main.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import { captureLog } from "../../helpers/log-capture.js";
import { createTerminal } from "../../helpers/streams.js";
import { openTestStore } from "../../helpers/test-store.js";

const SECRET = "a-test-portal-secret-of-at-least-32-chars";
let running: Running | undefined;
let server: HttpServer | undefined;
afterEach(async () => {
  await running?.stop();
  await server?.close();
  running = undefined;
  server = undefined;
});

function config(portal: boolean): Config {
  return {
    platforms: ["console"],
    databasePath: join(mkdtempSync(join(tmpdir(), "tandem-portal-")), "tandem.db"),
    port: 0,
    host: "127.0.0.1",
    logLevel: "info",
    scheduler: false,
    slack: { mode: "http" },
    teams: { appType: "MultiTenant", allowUnauthenticated: false },
    ...(portal ? { publicUrl: "http://tandem.test", portal: { secret: SECRET } } : {}),
  };
}

describe("the portal in the running service", () => {
  it("is served at /portal when PUBLIC_URL is set, beside /healthz", async () => {
    running = await startService(config(true), createTerminal(), {
      clock: createSettableClock(new Date("2026-12-01T12:00:00Z")),
      log: captureLog().log,
    });
    const page = await fetch(`http://127.0.0.1:${running.port}/portal/sign-in`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Sign in to Tandem");
    expect((await fetch(`http://127.0.0.1:${running.port}/healthz`)).status).toBe(200);
  });

  it("is not there without PUBLIC_URL", async () => {
    running = await startService(config(false), createTerminal(), {
      clock: createSettableClock(new Date("2026-12-01T12:00:00Z")),
      log: captureLog().log,
    });
    expect((await fetch(`http://127.0.0.1:${running.port}/portal/sign-in`)).status).toBe(404);
  });

  it("makes its cookies Secure behind an https PUBLIC_URL (the proxy says X-Forwarded-Proto: https)", async () => {
    const clock = createSettableClock(new Date("2026-12-01T12:00:00Z"));
    const store = await openTestStore(undefined, { now: clock.now() });
    const log = captureLog().log;
    const portal = await createPortal({
      store,
      clock,
      log,
      publicUrl: "https://tandem.example.edu",
      secret: SECRET,
    });
    server = createHttpServer({
      log,
      health: async () => ({ ok: true, checks: {} }),
      ready: async () => true,
    });
    server.addRoute(portal.route);
    const port = await server.listen(0, "127.0.0.1");
    const page = await fetch(`http://127.0.0.1:${port}/portal/sign-in`, {
      headers: { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.7" },
    });
    const csrfCookie = page.headers.getSetCookie().find((c) => c.startsWith("tandem_csrf="));
    expect(csrfCookie).toMatch(/; Secure/i);
    expect(csrfCookie).toMatch(/HttpOnly/i);
    expect(csrfCookie).toMatch(/SameSite=Lax/i);
    await portal.close();
  });
});
