/**
 * Health tells the truth (issue 15): with the database refusing writes (a full disk, simulated by
 * triggers that fail every write to the probe row and the outbox, as SQLite's "database or disk is full"
 * would), /healthz is 503 with the reason, /readyz is 503, and `tandem tick` exits 1.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../src/cli.js";
import type { Config } from "../src/config.js";
import { type Running, startService } from "../src/main.js";
import { createSettableClock } from "../src/ports/clock.js";
import { openStore } from "../src/storage/sqlite-store.js";
import { captureLog } from "./helpers/log-capture.js";
import { createTerminal } from "./helpers/streams.js";

let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const FULL = "SELECT RAISE(ABORT, 'database or disk is full')";

/** Every later write to the probe row and the outbox fails, as on a full disk. */
async function fillDisk(databasePath: string): Promise<void> {
  const other = openStore(databasePath);
  other.db.exec(`
    CREATE TRIGGER full_probe_insert BEFORE INSERT ON health_probe BEGIN ${FULL}; END;
    CREATE TRIGGER full_probe_update BEFORE UPDATE ON health_probe BEGIN ${FULL}; END;
    CREATE TRIGGER full_outbox BEFORE INSERT ON outbox BEGIN ${FULL}; END;`);
  await other.close();
}

function config(databasePath: string): Config {
  return {
    platforms: ["console"],
    databasePath,
    port: 0,
    logLevel: "silent",
    scheduler: false,
    slack: { mode: "http" },
    teams: { appType: "MultiTenant", allowUnauthenticated: false },
  };
}

describe("health under a full disk", () => {
  it("answers 503 on /healthz and /readyz with the reason, once the database cannot be written", async () => {
    const databasePath = join(mkdtempSync(join(tmpdir(), "tandem-full-")), "tandem.db");
    const captured = captureLog();
    captured.allowErrors("plan rule failed");
    const clock = createSettableClock(new Date("2026-12-01T08:30:00Z"));
    running = await startService(config(databasePath), createTerminal(), { clock, log: captured.log });
    const base = `http://127.0.0.1:${running.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    await fillDisk(databasePath);
    clock.set(new Date("2026-12-01T09:31:00Z"));
    const tick = await running.tick(clock.now());
    expect(tick.failed).toBe(true);
    expect(tick.plan.failedRules.length).toBeGreaterThan(0);

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(503);
    const body = (await health.json()) as { status: string; checks: Record<string, unknown> };
    expect(body.status).toBe("failing");
    expect(body.checks.database).toBe("not writable");
    expect(body.checks.problems).toEqual(
      expect.arrayContaining([
        "the database cannot be written (disk full or read-only?)",
        "the last tick failed",
      ]),
    );
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, reasons: ["the database cannot be written"] });
  });

  it("makes `tandem tick` exit 1 when a rule cannot plan", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-full-cli-"));
    const env = { DATABASE_PATH: join(dir, "tandem.db"), LOG_LEVEL: "silent" };
    const io = (out: string[]) => ({
      stdout: { write: (t: string) => void out.push(t) },
      stderr: { write: (t: string) => void out.push(t) },
      stdin: new PassThrough(),
      env,
    });
    expect(await runCli(["migrate"], io([]))).toBe(0);
    await fillDisk(env.DATABASE_PATH);
    // The console platform seeds its demo programme into the empty database: a check-in is due at 09:30.
    const out: string[] = [];
    expect(await runCli(["tick", "--at", "2026-12-01T09:30:00Z"], io(out))).toBe(1);
    expect(out.join("")).toMatch(/tick failed: these rules could not plan \(see the log for why\): \w+/);
  });
});
