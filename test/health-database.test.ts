/**
 * /healthz and /readyz say which database engine Tandem runs on, whether it answers and can be written, and
 * whether its migrations are current; on PostgreSQL never the server's address or password, also when the
 * server refuses connections.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import type { Config } from "../src/config.js";
import { type Running, startService } from "../src/main.js";
import { createSettableClock } from "../src/ports/clock.js";
import { captureLog } from "./helpers/log-capture.js";
import { freshDatabase, postgresUrl } from "./helpers/postgres.js";
import { createTerminal } from "./helpers/streams.js";

const PASSWORD = "s3cret-pw";

let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

function config(databaseUrl?: string): Config {
  return {
    platforms: ["console"],
    databasePath: join(mkdtempSync(join(tmpdir(), "tandem-health-db-")), "tandem.db"),
    ...(databaseUrl ? { databaseUrl } : {}),
    port: 0,
    logLevel: "silent",
    scheduler: false,
    slack: { mode: "http" },
    teams: { appType: "MultiTenant", allowUnauthenticated: false },
  };
}

async function get(path: string): Promise<{ status: number; text: string; body: Record<string, unknown> }> {
  const response = await fetch(`http://127.0.0.1:${running!.port}${path}`);
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Record<string, unknown> };
}

/** On the run's maintenance database: another database's connections and whether it accepts new ones. */
async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe("health reports the database", () => {
  it("names SQLite when Tandem runs on the file", async () => {
    running = await startService(config(), createTerminal(), {
      clock: createSettableClock(new Date("2026-12-01T12:00:00Z")),
      log: captureLog().log,
    });
    const health = await get("/healthz");
    expect(health.status).toBe(200);
    expect(health.body.checks).toMatchObject({ database: "ok", databaseEngine: "sqlite" });
    const ready = await get("/readyz");
    expect(ready.body).toMatchObject({
      ready: true,
      database: { engine: "sqlite", state: "ok", migrationsCurrent: true },
    });
  });

  it("names PostgreSQL, says when it stops answering and when it is back, and never shows where it is", async () => {
    const url = new URL(await freshDatabase());
    const name = url.pathname.slice(1);
    url.password = PASSWORD;
    const captured = captureLog();
    running = await startService(config(url.toString()), createTerminal(), {
      clock: createSettableClock(new Date("2026-12-01T12:00:00Z")),
      log: captured.log,
    });

    const health = await get("/healthz");
    expect(health.status).toBe(200);
    expect(health.body.checks).toMatchObject({
      database: "ok",
      databaseEngine: "postgres",
      migrations: { current: true, pending: [] },
    });
    const ready = await get("/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      ready: true,
      database: { engine: "postgres", state: "ok", migrationsCurrent: true },
    });

    // The server refuses this database's connections and drops those the pool holds.
    await onServer(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await onServer(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
    try {
      const down = await get("/healthz");
      expect(down.status).toBe(503);
      expect(down.body.checks).toMatchObject({ database: "down", databaseEngine: "postgres" });
      expect((down.body.checks as { problems: string[] }).problems).toEqual(["the database does not answer"]);
      const notReady = await get("/readyz");
      expect(notReady.status).toBe(503);
      expect(notReady.body).toMatchObject({
        ready: false,
        reasons: ["the database does not answer"],
        database: { engine: "postgres", state: "down" },
      });
      for (const text of [health.text, ready.text, down.text, notReady.text]) {
        expect(text).not.toContain(PASSWORD);
        expect(text).not.toContain(name);
        expect(text).not.toContain("127.0.0.1");
      }
    } finally {
      await onServer(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    }
    const back = await get("/healthz");
    expect(back.status).toBe(200);
    expect(back.body.checks).toMatchObject({ database: "ok", databaseEngine: "postgres" });
    expect(JSON.stringify(captured.lines)).not.toContain(PASSWORD);
  });
});
