/**
 * The `tandem` command on PostgreSQL: with DATABASE_URL every command works on the server (and never opens
 * the SQLite file), the password never shows, SQLite-only commands say what to use instead, and `tandem
 * migrate` run by several processes at once applies each migration once.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { MIGRATION_LOCK_KEY } from "../src/storage/postgres/migrate.js";
import { freshDatabase } from "./helpers/postgres.js";
import { sampleProgramme } from "./helpers/programme.js";
import { cli } from "./helpers/run-cli.js";

const ROOT = join(import.meta.dirname, "..");
const PASSWORD = "s3cret-pw";

/** The versions in migrations/postgres, as `tandem migrate` lists them. */
const POSTGRES_VERSIONS = readdirSync(join(ROOT, "migrations", "postgres"))
  .filter((name) => /^\d{4}_.*\.sql$/.test(name))
  .sort()
  .map((name) => Number(name.slice(0, 4)));

/** The test server trusts loopback and ignores the password: it is there to show it never appears. */
function withPassword(url: string): string {
  const u = new URL(url);
  u.password = PASSWORD;
  return u.toString();
}

/** The sample programme running from today (the CLI imports at the real time) for four months. */
function programmeFromToday() {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const programme = sampleProgramme();
  for (const internship of programme.internships ?? [])
    Object.assign(internship, { start: day(0), end: day(120) });
  return programme;
}

/** 13:00 UTC on the next working day: inside everyone's contact hours (Brussels and São Paulo). */
function nextWorkingAfternoon(): string {
  const at = new Date(Date.now() + 86_400_000);
  while (at.getUTCDay() === 0 || at.getUTCDay() === 6) at.setUTCDate(at.getUTCDate() + 1);
  return `${at.toISOString().slice(0, 10)}T13:00:00Z`;
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** `tandem <args>` as its own process, through bin/tandem.js as an operator runs it. */
function tandem(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "bin", "tandem.js"), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "silent", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("tandem on PostgreSQL (DATABASE_URL)", () => {
  it("imports, exports, reports, ticks and handles a person on the server, never on the SQLite file", async () => {
    const url = await freshDatabase();
    const dir = mkdtempSync(join(tmpdir(), "tandem-cli-pg-"));
    const sqliteFolder = join(dir, "unused");
    const env = { DATABASE_URL: withPassword(url), DATABASE_PATH: join(sqliteFolder, "tandem.db") };
    const outputs: string[] = [];
    const run = async (args: string[]) => {
      const result = await cli(args, env);
      outputs.push(result.stdout, result.stderr);
      return result;
    };

    const migrated = await run(["migrate"]);
    expect(migrated).toMatchObject({ code: 0, stderr: "" });
    expect(migrated.stdout).toMatch(
      new RegExp(
        `^applied migrations ${POSTGRES_VERSIONS.join(", ")} on PostgreSQL postgres://tandem:\\*\\*\\*@`,
      ),
    );
    expect((await run(["migrate"])).stdout).toMatch(/^the database is up to date on PostgreSQL postgres:/);

    const file = join(dir, "programme.yaml");
    writeFileSync(file, stringify(programmeFromToday()));
    const imported = await run(["import", file]);
    expect(imported.stderr).toBe("");
    expect(imported.stdout).toContain("people 7 new");
    expect(await query(url, "SELECT key FROM people ORDER BY key")).toHaveLength(7);

    const exported = join(dir, "export.yaml");
    expect((await run(["export", "--out", exported])).code).toBe(0);
    expect(readFileSync(exported, "utf8")).toContain("key: ana-2026");
    expect((await run(["import", exported])).stdout).toContain("people 0 new, 0 updated, 7 unchanged");

    const at = nextWorkingAfternoon();
    const tick = await run(["tick", "--at", at]);
    expect(tick.code).toBe(0);
    expect(tick.stdout).toMatch(/: planned [1-9]\d*, sent [1-9]/);
    const sent = await query<{ n: string }>(url, "SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'");
    expect(Number(sent[0]!.n)).toBeGreaterThan(0);

    const report = await run(["report", "ana-2026", "--format", "json", "--at", at]);
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ internshipKey: "ana-2026" });

    const person = await run(["person", "export", "ana"]);
    expect(person.code).toBe(0);
    expect(JSON.stringify(JSON.parse(person.stdout))).toContain("Ana Souza");
    expect((await run(["person", "erase", "olga", "--yes"])).stdout).toMatch(
      /^erased olga from console:test/,
    );
    expect(await query(url, "SELECT 1 FROM people WHERE name = 'Olga Berg'")).toHaveLength(0);

    const backup = await run(["backup", join(dir, "copy.db")]);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toMatch(
      /^tandem: backup copies the SQLite file, but DATABASE_URL points at PostgreSQL: .*pg_dump/,
    );
    expect(existsSync(join(dir, "copy.db"))).toBe(false);

    // The console playground's log goes next to DATABASE_PATH; the database file is never created.
    expect(existsSync(sqliteFolder) ? readdirSync(sqliteFolder) : []).toEqual(
      expect.not.arrayContaining([expect.stringMatching(/\.db/)]),
    );
    expect(existsSync(join(sqliteFolder, "tandem.db"))).toBe(false);
    expect(outputs.join("")).not.toContain(PASSWORD);
  });

  it("says which server it could not reach, without the password", async () => {
    const url = new URL(await freshDatabase());
    url.port = "1";
    url.password = PASSWORD;
    const result = await cli(["migrate"], { DATABASE_URL: url.toString() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^tandem: DATABASE_URL postgres:\/\/tandem:\*\*\*@127\.0\.0\.1:1\/.* cannot be used/,
    );
    expect(result.stderr).not.toContain(PASSWORD);
  });

  it("applies each migration once when three processes run tandem migrate at the same moment", async () => {
    const url = await freshDatabase();
    // Hold the migration lock until all three are waiting for it: then they really do run at once.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
      const runs = [1, 2, 3].map(() => tandem(["migrate"], { DATABASE_URL: withPassword(url) }));
      const waiting = async () =>
        Number(
          (
            await holder.query<{ n: string }>(
              "SELECT COUNT(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
            )
          ).rows[0]!.n,
        );
      const deadline = Date.now() + 60_000;
      while ((await waiting()) < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await waiting()).toBe(3);
      await holder.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
      const results = await Promise.all(runs);
      for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0, stderr: "" });
      const applied = results.filter((r) => r.stdout.startsWith("applied migrations"));
      expect(applied.map((r) => r.stdout.split(" on ")[0])).toEqual([
        `applied migrations ${POSTGRES_VERSIONS.join(", ")}`,
      ]);
      expect(results.filter((r) => r.stdout.startsWith("the database is up to date"))).toHaveLength(2);
      expect(results.map((r) => r.stdout).join("")).not.toContain(PASSWORD);
    } finally {
      await holder.end();
    }
    const rows = await query<{ version: number }>(
      url,
      "SELECT version FROM schema_migrations ORDER BY version",
    );
    expect(rows.map((r) => r.version)).toEqual(POSTGRES_VERSIONS);
  }, 90_000);
});
