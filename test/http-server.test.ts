import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Config } from "../src/config.js";
import { createHttpServer } from "../src/http-server.js";
import { type Running, startService } from "../src/main.js";
import { createSettableClock } from "../src/ports/clock.js";
import { captureLog } from "./helpers/log-capture.js";
import { createTerminal } from "./helpers/streams.js";

let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

function config(): Config {
  return {
    platforms: ["console"],
    databasePath: join(mkdtempSync(join(tmpdir(), "tandem-http-")), "tandem.db"),
    port: 0,
    logLevel: "info",
    scheduler: true,
    slack: { mode: "http" },
    teams: { appType: "MultiTenant", allowUnauthenticated: false },
  };
}

describe("http server", () => {
  it("answers /healthz with the database and migration state, and /readyz once started", async () => {
    running = await startService(config(), createTerminal(), {
      clock: createSettableClock(new Date("2026-12-01T12:00:00Z")),
      log: captureLog().log,
    });
    const health = await fetch(`http://127.0.0.1:${running.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      ok: true,
      status: "ok",
      checks: { database: "ok", migrations: { current: true, pending: [] }, pausedWorkspaces: [] },
    });
    const ready = await fetch(`http://127.0.0.1:${running.port}/readyz`);
    expect(await ready.json()).toEqual({
      ready: true,
      status: "ok",
      reasons: [],
      database: { engine: "sqlite", state: "ok", migrationsCurrent: true },
    });
    const missing = await fetch(`http://127.0.0.1:${running.port}/nope`);
    expect(missing.status).toBe(404);
  });

  it("reports unhealthy with 503 when the database check fails, without leaking the error", async () => {
    const captured = captureLog();
    captured.allowErrors("health check failed");
    const http = createHttpServer({
      log: captured.log,
      ready: async () => false,
      health: async () => {
        throw new Error("SQLITE_CANTOPEN secret/path");
      },
    });
    const port = await http.listen(0, "127.0.0.1");
    try {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.text()).not.toContain("secret/path");
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(503);
      expect(captured.atLeast(50)[0]?.msg).toBe("health check failed");
    } finally {
      await http.close();
    }
  });

  it("answers 500 with no details when a route throws, and keeps serving", async () => {
    const captured = captureLog();
    captured.allowErrors("request failed");
    const http = createHttpServer({
      log: captured.log,
      ready: async () => true,
      health: async () => ({ ok: true, checks: {} }),
    });
    http.addRoute(() => {
      throw new Error("boom with token xoxb-123");
    });
    const port = await http.listen(0, "127.0.0.1");
    try {
      const failed = await fetch(`http://127.0.0.1:${port}/anything`);
      expect(failed.status).toBe(500);
      expect(await failed.text()).not.toContain("xoxb");
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(captured.atLeast(50).map((line) => line.msg)).toEqual(["request failed"]);
    } finally {
      await http.close();
    }
  });
});
