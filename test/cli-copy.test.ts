/**
 * `tandem copy` moves an installation between SQLite and PostgreSQL row for row: ids kept, counts checked,
 * id generators continued, a non-empty target refused, a failed copy leaving nothing behind. The databases
 * are compared through their own drivers, table by table, not through anything the copy reports.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../src/services/programme/import-programme.js";
import { openPostgresStore } from "../src/storage/postgres/postgres-store.js";
import { createPool } from "../src/storage/postgres/sql.js";
import { openStore } from "../src/storage/sqlite-store.js";
import { freshDatabase } from "./helpers/postgres.js";
import { sampleProgramme } from "./helpers/programme.js";
import { cli } from "./helpers/run-cli.js";
import { seededDatabase } from "./helpers/seeded-database.js";

const AT = new Date("2026-11-02T08:00:00Z");
/** Not data: each engine's own bookkeeping, directory versions its triggers write, replicas' leases and heartbeats. */
const BOOKKEEPING = new Set([
  "schema_migrations",
  "health_probe",
  "sqlite_sequence",
  "directory_versions",
  "leases",
  "replica_heartbeats",
]);
const AUDIT_ROWS = 2_500;

type Dump = Record<string, Record<string, unknown>[]>;
type Row = Record<string, unknown>;

/** Rows in one order whatever the engine (they sort NULLs differently): by their JSON, keys sorted. */
function sorted(rows: Row[]): Row[] {
  const text = (row: Row) =>
    JSON.stringify(
      Object.keys(row)
        .sort()
        .map((k) => [k, row[k]]),
    );
  return rows
    .map((row) => [text(row), row] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
}

/** Every row of every table, in a stable order. */
function sqliteDump(path: string): Dump {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    const dump: Dump = {};
    for (const table of tables.filter((t) => !BOOKKEEPING.has(t))) {
      const columns = (db.pragma(`table_info(${table})`) as { name: string }[])
        .map((c) => `"${c.name}"`)
        .sort();
      dump[table] = sorted(db.prepare(`SELECT ${columns} FROM ${table}`).all() as Row[]);
    }
    return dump;
  } finally {
    db.close();
  }
}

async function postgresDump(url: string): Promise<Dump> {
  const pool = createPool(url);
  try {
    const { rows } = await pool.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, column_name",
    );
    const dump: Dump = {};
    for (const table of [...new Set(rows.map((r) => r.table_name))].filter((t) => !BOOKKEEPING.has(t))) {
      const columns = rows.filter((r) => r.table_name === table).map((r) => `"${r.column_name}"`);
      dump[table] = sorted((await pool.query<Row>(`SELECT ${columns} FROM ${table}`)).rows);
    }
    return dump;
  } finally {
    await pool.end();
  }
}

function rowCounts(dump: Dump): Record<string, number> {
  return Object.fromEntries(Object.entries(dump).map(([table, rows]) => [table, rows.length]));
}

/** With a password, to show it never appears (the test server trusts loopback and ignores it). */
function withPassword(url: string): string {
  const u = new URL(url);
  u.password = "s3cret-pw";
  return u.toString();
}

function tempPath(name: string): string {
  return join(mkdtempSync(join(tmpdir(), `tandem-copy-${name}-`)), "tandem.db");
}

/** A SQLite installation: the sample programme, a few ticks of sends, and more audit rows than one batch. */
async function seededInstallation(): Promise<string> {
  const path = await seededDatabase([sampleProgramme()], AT, tempPath("source"), { welcome: true });
  for (const at of ["2026-11-02T09:30:00Z", "2026-11-03T12:30:00Z", "2026-11-05T16:00:00Z"]) {
    const tick = await cli(["tick", "--at", at], { DATABASE_PATH: path });
    expect(tick.code).toBe(0);
  }
  const db = new Database(path);
  try {
    const insert = db.prepare(
      "INSERT INTO audit_log (workspace_id, actor_id, actor_label, action, entity, entity_id, detail, at) VALUES (1, ?, 'cli', 'test', 'person', ?, ?, ?)",
    );
    db.transaction(() => {
      for (let i = 0; i < AUDIT_ROWS; i++) {
        insert.run(
          i % 3 === 0 ? null : 1,
          i,
          JSON.stringify({ text: `Chloé "quoted" 🙂\nline ${i}` }),
          1e12 + i,
        );
      }
      // Gaps in the ids: a copy that let the target number rows afresh would not keep them.
      db.prepare("DELETE FROM audit_log WHERE id % 7 = 0").run();
      db.prepare(
        "INSERT INTO inbound_events (platform, workspace, event_id, received_at) VALUES (?, ?, ?, ?)",
      ).run("slack", "T0001", "Ev'01;--", AT.getTime());
      db.prepare("INSERT INTO leases (name, holder, until_at) VALUES ('send:1', 'local', ?)").run(
        AT.getTime(),
      );
    })();
  } finally {
    db.close();
  }
  return path;
}

describe("tandem copy", () => {
  let source: string;
  let original: Dump;

  beforeAll(async () => {
    source = await seededInstallation();
    original = sqliteDump(source);
  });

  it("copies a SQLite installation to PostgreSQL and back with the same rows and ids", async () => {
    const counts = rowCounts(original);
    // The comparison means something only if the interesting tables have rows.
    for (const table of ["workspaces", "people", "internships", "agreements", "outbox", "wakeups"]) {
      expect(counts[table], table).toBeGreaterThan(0);
    }
    expect(counts.audit_log).toBeGreaterThan(2_000);

    const url = await freshDatabase();
    const there = await cli(["copy", "--from", `sqlite:${source}`, "--to", withPassword(url)]);
    expect(there.stderr).toBe("");
    expect(there.code).toBe(0);
    expect(there.stdout).toContain(`  audit_log: ${counts.audit_log} rows\n`);
    expect(there.stdout).toContain(`  people: ${counts.people} rows\n`);
    expect(there.stdout).toMatch(/copied \d+ rows in \d+ tables/);
    expect(there.stdout).toContain(":***@");
    expect(there.stdout).not.toContain("s3cret-pw");
    expect(await postgresDump(url)).toEqual(original);

    const back = tempPath("back");
    const again = await cli(["copy", "--from", withPassword(url), "--to", `sqlite:${back}`]);
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain("s3cret-pw");
    expect(sqliteDump(back)).toEqual(original);
    // The source was only read.
    expect(sqliteDump(source)).toEqual(original);
  });

  it("moves every id generator past the copied ids, so new rows get fresh ids on either engine", async () => {
    const url = await freshDatabase();
    expect((await cli(["copy", "--from", `sqlite:${source}`, "--to", url])).code).toBe(0);
    // Every identity column but people's (tried with a real insert below): next is one past the highest copied id.
    const pool = createPool(url);
    try {
      const { rows } = await pool.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES' AND table_name <> 'people'",
      );
      expect(rows.length).toBeGreaterThan(10);
      for (const { table_name } of rows) {
        const copied = original[table_name]!.map((r) => r.id as number);
        const next = await pool.query<{ id: number }>(
          `SELECT nextval(pg_get_serial_sequence('${table_name}', 'id')) AS id`,
        );
        expect(next.rows[0]!.id, table_name).toBe(Math.max(0, ...copied) + 1);
      }
    } finally {
      await pool.end();
    }

    const maxPerson = Math.max(...original.people!.map((p) => p.id as number));
    const bigger = sampleProgramme();
    bigger.people.push({
      key: "zoe",
      name: "Zoë",
      timezone: "Europe/Brussels",
      country: "BE",
      contactHours: "Mon-Fri 09:00-17:00",
    });
    const store = await openPostgresStore(url);
    try {
      await importProgramme(store, bigger, AT);
      const zoe = await store.people.byKey(1, "zoe");
      expect(zoe?.id).toBe(maxPerson + 1);
    } finally {
      await store.close();
    }

    const back = tempPath("ids");
    expect((await cli(["copy", "--from", url, "--to", `sqlite:${back}`])).code).toBe(0);
    const sqlite = openStore(back);
    try {
      const extra = sampleProgramme();
      extra.people.push({ ...bigger.people.at(-1)!, key: "yves", name: "Yves" });
      await importProgramme(sqlite, extra, AT);
      expect((await sqlite.people.byKey(1, "yves"))?.id).toBe(maxPerson + 2);
      const maxAudit = Math.max(...original.audit_log!.map((r) => r.id as number));
      const audit = sqlite.db
        .prepare(
          "INSERT INTO audit_log (workspace_id, actor_label, action, entity, at) VALUES (1, 'cli', 'test', 'person', 0) RETURNING id",
        )
        .pluck()
        .get();
      expect(audit).toBeGreaterThan(maxAudit);
    } finally {
      await sqlite.close();
    }
  });

  it("refuses a target that holds data, and with --replace empties it first", async () => {
    const url = await freshDatabase();
    expect((await cli(["copy", "--from", `sqlite:${source}`, "--to", url])).code).toBe(0);
    const refused = await cli(["copy", "--from", `sqlite:${source}`, "--to", withPassword(url)]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^tandem: the target database is not empty \(rows: .*people \d+.*\); /);
    expect(refused.stderr).toContain("add --replace");
    expect(await postgresDump(url)).toEqual(original);

    // A smaller installation replaces it whole: nothing of the first copy stays.
    const small = await seededDatabase([sampleProgramme({ internships: [] })], AT, tempPath("small"));
    const replaced = await cli(["copy", "--from", `sqlite:${small}`, "--to", url, "--replace"]);
    expect(replaced.stderr).toBe("");
    expect(replaced.code).toBe(0);
    expect(await postgresDump(url)).toEqual(sqliteDump(small));
  });

  it("leaves the target as it was when a row cannot be copied, without quoting the row", async () => {
    const broken = await seededDatabase([sampleProgramme()], AT, tempPath("broken"));
    const raw = new Database(broken);
    // SQLite keeps text in an INTEGER column; PostgreSQL's BIGINT refuses it, half-way through the copy.
    raw.prepare("UPDATE audit_log SET at = 'private words' WHERE id = (SELECT MAX(id) FROM audit_log)").run();
    raw.close();
    const url = await freshDatabase();
    const failed = await cli(["copy", "--from", `sqlite:${broken}`, "--to", url]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^tandem: .*bigint/);
    expect(failed.stderr).not.toContain("private words");
    const left = rowCounts(await postgresDump(url));
    expect(Object.keys(left).length).toBeGreaterThan(10);
    expect(Object.values(left).every((n) => n === 0)).toBe(true);
  });

  it.each([
    [["copy"], /^tandem: copy needs --from, e.g. tandem copy --from sqlite:/],
    [["copy", "--from", "sqlite:x.db"], /^tandem: copy needs --to, e.g. tandem copy --from sqlite:/],
    [
      ["copy", "--from", "./data/tandem.db", "--to", "sqlite:y.db"],
      /--from "\.\/data\/tandem\.db" must be sqlite:<file>/,
    ],
    [
      ["copy", "--from", "sqlite:x.db", "--to", "mysql://root:hunter2@db/tandem"],
      /--to "mysql:\/\/root:\*\*\*@db\/tandem" must be sqlite:<file> \(e\.g\. sqlite:\.\/data\/tandem\.db\) or a postgres:\/\/ URL/,
    ],
    [["copy", "--from", "sqlite:a.db", "--to", "sqlite:./a.db"], /--from and --to name the same database/],
    [["copy", "--from", "sqlite:a.db", "--to", "sqlite:b.db", "--force"], /copy does not know --force/],
    [
      ["copy", "--from", "sqlite:/nonexistent/tandem.db", "--to", "sqlite:b.db"],
      /cannot read the SQLite file/,
    ],
  ])("answers %j with what it expects", async (args, expected) => {
    const result = await cli(args);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).not.toContain("hunter2");
    expect(result.stdout).toBe("");
  });

  it("says which target file it cannot write", async () => {
    const result = await cli([
      "copy",
      "--from",
      `sqlite:${source}`,
      "--to",
      "sqlite:/etc/hostname/tandem/tandem.db",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^tandem: cannot write the SQLite file \/etc\/hostname\/tandem\/tandem\.db: /,
    );
  });

  it("refuses a source that this Tandem's migrations have not all reached", async () => {
    const old = tempPath("old");
    const db = new Database(old);
    db.exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, checksum TEXT, applied_at INTEGER)",
    );
    db.exec("INSERT INTO schema_migrations VALUES (1, 'initial', 'x', 0)");
    db.close();
    const target = tempPath("new");
    const result = await cli(["copy", "--from", `sqlite:${old}`, "--to", `sqlite:${target}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /the source database cannot be copied: migrations 2, 3, .* are not applied to it yet: run tandem migrate/,
    );
    expect(existsSync(old)).toBe(true);
  });
});
