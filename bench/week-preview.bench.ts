/**
 * Week preview benchmark: how long `preview week` takes for one intern on a database of N internships:
 * the in-memory copy (Store.snapshot), then a week of the real rules and dispatcher on it. A slash command
 * must be answered within 3 s in Slack, and the preview runs inside the command's transaction.
 *
 *   node --import tsx bench/week-preview.bench.ts [sizes...]     e.g. ... week-preview.bench.ts 1000 10000
 *
 * BENCH_STORE=postgres copies each seeded database to a throwaway PostgreSQL server first and previews
 * there: the copy is then PostgreSQL's snapshot of the intern's workspace into an in-memory SQLite store.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { pino } from "pino";
import type { Store } from "../src/ports/store.js";
import { loadInternshipContext } from "../src/services/internship-context.js";
import { simulateSends } from "../src/services/week-preview.js";
import { sqliteCopySource } from "../src/storage/copy-sqlite.js";
import { copyStore } from "../src/storage/copy-store.js";
import { postgresCopyTarget } from "../src/storage/postgres/copy-postgres.js";
import { openPostgresStore } from "../src/storage/postgres/postgres-store.js";
import { openStore } from "../src/storage/sqlite-store.js";
import { type PostgresServer, startPostgres } from "../test/helpers/postgres-server.js";
import { seedInternships } from "./seed/seed-internships.js";

/** Wednesday 2026-12-02 08:00 UTC, the day after the import: a working week of check-ins ahead. */
const NOW = new Date("2026-12-02T08:00:00Z");
const IMPORTED = new Date("2026-12-01T12:00:00Z");
const RUNS = 5;
const PER_WORKSPACE = 1_000;
const onPostgres = process.env.BENCH_STORE === "postgres";
let server: PostgresServer | undefined;

/** A fresh database on the server holding a copy of the seeded SQLite file. */
async function postgresCopyOf(path: string, size: number): Promise<Store> {
  server ??= await startPostgres();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  const name = `preview_${process.pid}_${size}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  const source = sqliteCopySource(path);
  const target = await postgresCopyTarget(url.toString(), IMPORTED);
  try {
    await copyStore(source, target);
  } finally {
    await source.close();
    await target.close();
  }
  return await openPostgresStore(url.toString(), { now: IMPORTED });
}

async function measure(size: number): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "tandem-preview-bench-"));
  const path = join(folder, "tandem.db");
  try {
    const seeded = await seedInternships({
      path,
      platform: "slack",
      workspaces: Math.max(1, size / PER_WORKSPACE),
      internsPerWorkspace: Math.min(size, PER_WORKSPACE),
      at: IMPORTED,
    });
    const store = onPostgres ? await postgresCopyOf(path, size) : openStore(path);
    const log = pino({ level: "silent" });
    const target = seeded.internships[0]!;
    const copyMs: number[] = [];
    const simulateMs: number[] = [];
    let messages = 0;
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      // As preview week asks: PostgreSQL copies only the intern's workspace (1,000 internships here).
      const copy = await store.snapshot!({ workspaceId: target.workspaceId });
      const t1 = performance.now();
      const ctx = (await loadInternshipContext(copy, target.workspaceId, target.id))!;
      const sends = await simulateSends(
        copy,
        ctx,
        { from: NOW, until: new Date(NOW.getTime() + 7 * 86_400_000) },
        log,
      );
      const t2 = performance.now();
      await copy.close();
      copyMs.push(t1 - t0);
      simulateMs.push(t2 - t1);
      messages = sends.length;
    }
    await store.close();
    const median = (xs: number[]) => Math.round(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
    console.log(
      JSON.stringify({
        store: onPostgres ? "postgres" : "sqlite",
        internships: size,
        databaseMB: Math.round(statSync(path).size / 1024 ** 2),
        copyMsP50: median(copyMs),
        simulateMsP50: median(simulateMs),
        messages,
      }),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const sizes = process.argv.slice(2).map(Number);
try {
  for (const size of sizes.length > 0 ? sizes : [1_000, 10_000]) await measure(size);
} finally {
  await server?.stop();
}
