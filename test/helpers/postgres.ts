/**
 * PostgreSQL for the tests: the run's server (postgres-global-setup.ts) and a fresh, empty database per test
 * file, so that files running in parallel never see each other's rows. The databases a file created are
 * dropped after its last test.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

/** The URL of the run's server, on its maintenance database (`postgres`). */
export function postgresUrl(): string {
  return inject("postgresUrl");
}

/** The same server with another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const created: string[] = [];

/** Creates an empty database on the run's server and returns its URL; it is dropped when the file ends. */
export async function freshDatabase(): Promise<string> {
  const name = `tandem_test_${randomBytes(6).toString("hex")}`;
  await onServer(`CREATE DATABASE ${name}`);
  created.push(name);
  return databaseUrl(postgresUrl(), name);
}

afterAll(async () => {
  // FORCE: a pool the test forgot to end must not keep the database (and the server) busy.
  for (const name of created.splice(0)) await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});
