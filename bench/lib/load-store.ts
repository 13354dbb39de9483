/**
 * The benchmark's database: seeded before the service starts, counted after the load. A SQLite file by
 * default (opened read-only to count), or a fresh database on a PostgreSQL server (BENCH_STORE=postgres).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { importProgramme } from "../../src/services/programme/import-programme.js";
import { openPostgresStore } from "../../src/storage/postgres/postgres-store.js";
import { openStore } from "../../src/storage/sqlite-store.js";
import { benchProgramme } from "./load-programme.js";

/** Where the service under test keeps its data. */
export type BenchDatabase = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };

/** A temporary SQLite file with the migrations applied and the programme imported. */
export async function seedDatabase(
  platform: "slack" | "teams",
  internships: number,
  now: Date,
): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), `tandem-bench-${platform}-`)), "tandem.db");
  const store = openStore(path, { now });
  await importProgramme(store, benchProgramme(platform, internships, now), now, "bench");
  await store.close();
  return path;
}

let databases = 0;

/** The same on a PostgreSQL server: a new database (migrated, the programme imported); returns its URL. */
export async function seedPostgres(
  serverUrl: string,
  platform: "slack" | "teams",
  internships: number,
  now: Date,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_${process.pid}_${++databases}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const store = await openPostgresStore(url.toString(), { now });
  await importProgramme(store, benchProgramme(platform, internships, now), now, "bench");
  await store.close();
  return {
    url: url.toString(),
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export interface DurableCounts {
  /** Rows in inbound_events for the workspace: one per event the service recorded. */
  inbound: number;
  /** Reply clocks started in the workspace, and how many are still open. */
  tracked: number;
  open: number;
  /** Accepted (2xx) events with no inbound_events row, and accepted questions with no clock. */
  missingEvents: number;
  missingClocks: number;
}

interface Recorded {
  ids: string[];
  clocks: { ref: string; open: boolean }[];
}

const EVENTS = "SELECT event_id AS id FROM inbound_events WHERE platform = $1 AND workspace = $2";
const CLOCKS = `SELECT message_ref AS ref, closed_at IS NULL AS open FROM tracked_messages
  WHERE workspace_id = (SELECT id FROM workspaces WHERE platform = $1 AND external_id = $2)`;

async function recorded(
  database: BenchDatabase,
  platform: "slack" | "teams",
  workspace: string,
): Promise<Recorded> {
  if (database.kind === "postgres") {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const ids = (await client.query<{ id: string }>(EVENTS, [platform, workspace])).rows.map((r) => r.id);
      const clocks = (await client.query<{ ref: string; open: boolean }>(CLOCKS, [platform, workspace])).rows;
      return { ids, clocks };
    } finally {
      await client.end();
    }
  }
  const db = new Database(database.path, { readonly: true, fileMustExist: true });
  try {
    const sqlite = (text: string) => text.replace(/\$\d/g, "?");
    const ids = db.prepare(sqlite(EVENTS)).pluck().all(platform, workspace) as string[];
    const rows = db.prepare(sqlite(CLOCKS)).all(platform, workspace) as { ref: string; open: number }[];
    return { ids, clocks: rows.map((r) => ({ ref: r.ref, open: r.open === 1 })) };
  } finally {
    db.close();
  }
}

/** Reads the database: every accepted event and question must be there. */
export async function countDurable(
  database: BenchDatabase,
  platform: "slack" | "teams",
  workspace: string,
  accepted: { keys: readonly string[]; refs: readonly string[] },
): Promise<DurableCounts> {
  const { ids, clocks } = await recorded(database, platform, workspace);
  const events = new Set(ids);
  const refs = new Set(clocks.map((c) => c.ref));
  return {
    inbound: ids.length,
    tracked: clocks.length,
    open: clocks.filter((c) => c.open).length,
    missingEvents: accepted.keys.filter((k) => !events.has(k)).length,
    missingClocks: accepted.refs.filter((r) => !refs.has(r)).length,
  };
}

/**
 * Waits until every accepted event is recorded, or the count stops changing for two seconds, then checks
 * (events are acknowledged after their commit, so nothing should be missing). `extra` events were recorded
 * although the client gave up on them (abandoned after the deadline): not a loss, but not counted as
 * accepted either.
 */
export async function verifyDurable(
  database: BenchDatabase,
  platform: "slack" | "teams",
  workspace: string,
  load: { acceptedKeys: string[]; acceptedRefs: string[]; okByTag: Record<string, number> },
): Promise<{ durable: boolean; text: string }> {
  const accepted = { keys: load.acceptedKeys, refs: load.acceptedRefs };
  let counts = await countDurable(database, platform, workspace, accepted);
  let stableSince = Date.now();
  while (counts.missingEvents > 0 && Date.now() - stableSince < 2_000) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await countDurable(database, platform, workspace, accepted);
    if (now.inbound !== counts.inbound) stableSince = Date.now();
    counts = now;
  }
  const durable = counts.missingEvents === 0 && counts.missingClocks === 0;
  const extra = counts.inbound - (load.acceptedKeys.length - counts.missingEvents);
  const text =
    `${durable ? "ok" : "LOST"}: ${load.acceptedKeys.length - counts.missingEvents}/${load.acceptedKeys.length} accepted events in inbound_events` +
    `, ${load.acceptedRefs.length - counts.missingClocks}/${load.acceptedRefs.length} accepted questions in tracked_messages (${counts.open} open)` +
    (extra > 0 ? `, ${extra} more recorded after the client gave up` : "");
  return { durable, text };
}
