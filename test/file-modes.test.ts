/**
 * The database, its WAL, backups, exports, reports and the playground's log hold check-ins and
 * reflections: only the account that runs Tandem may read them (files 0600, folders 0700), whatever the
 * process umask says and also for a database an older Tandem created world-readable.
 */
import { chmodSync, existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { Config } from "../src/config.js";
import { type Running, startService } from "../src/main.js";
import { createSettableClock } from "../src/ports/clock.js";
import { sampleProgramme } from "./helpers/programme.js";
import { cli } from "./helpers/run-cli.js";
import { createTerminal } from "./helpers/streams.js";

const mode = (path: string) => statSync(path).mode & 0o777;

/** `tandem <args>`, which must write nothing to stderr; its exit code. */
async function tandem(args: string[], env: Record<string, string>) {
  const { code, stderr } = await cli(args, env);
  expect(stderr).toBe("");
  return code;
}

let running: Running | undefined;
let umask: number;
beforeEach(() => {
  // The usual umask, which alone would make every file world-readable.
  umask = process.umask(0o022);
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
  process.umask(umask);
});

describe("file modes", () => {
  it("creates the database folder 0700 and the database, its WAL and shared memory 0600", async () => {
    const folder = join(mkdtempSync(join(tmpdir(), "tandem-modes-")), "data");
    const config: Config = {
      platforms: ["console"],
      databasePath: join(folder, "tandem.db"),
      port: 0,
      logLevel: "info",
      scheduler: false,
      slack: { mode: "http" },
      teams: { appType: "MultiTenant", allowUnauthenticated: false },
    };
    running = await startService(config, createTerminal(), {
      clock: createSettableClock(new Date("2026-12-01T12:00:00Z")),
    });
    expect(mode(folder)).toBe(0o700);
    for (const file of ["tandem.db", "tandem.db-wal", "tandem.db-shm", "tandem.log"]) {
      expect(existsSync(join(folder, file)), file).toBe(true);
      expect(mode(join(folder, file)), file).toBe(0o600);
    }
  });

  it("narrows a world-readable database an older Tandem left behind", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-modes-"));
    const env = { DATABASE_PATH: join(dir, "tandem.db") };
    expect(await tandem(["migrate"], env)).toBe(0);
    chmodSync(env.DATABASE_PATH, 0o644);
    expect(await tandem(["migrate"], env)).toBe(0);
    expect(mode(env.DATABASE_PATH)).toBe(0o600);
  });

  it("writes backups, exports and reports 0600, also over an existing world-readable file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-modes-"));
    const env = { DATABASE_PATH: join(dir, "tandem.db") };
    const programme = join(dir, "programme.yaml");
    writeFileSync(programme, stringify(sampleProgramme()));
    expect(await tandem(["import", programme], env)).toBe(0);
    const out = {
      backup: join(dir, "backup.db"),
      export: join(dir, "export.yaml"),
      report: join(dir, "report.md"),
    };
    writeFileSync(out.export, "old");
    chmodSync(out.export, 0o644);
    expect(await tandem(["backup", out.backup], env)).toBe(0);
    expect(await tandem(["export", "--out", out.export], env)).toBe(0);
    expect(await tandem(["report", "ana-2026", "--out", out.report], env)).toBe(0);
    for (const [what, file] of Object.entries(out)) expect(mode(file), what).toBe(0o600);
  });
});
