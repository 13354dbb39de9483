/**
 * vitest globalSetup: one PostgreSQL server for the whole run, shared by every test file (each works in a
 * database of its own: see postgres.ts). TANDEM_TEST_POSTGRES names a server that is already running (CI
 * starts one); otherwise a throwaway one starts here and stops when the run ends.
 */
import type { TestProject } from "vitest/node";
import { type PostgresServer, startPostgres } from "./postgres-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** vitest runs the global setup once per project (and once for the root): they all share one server. */
const shared = globalThis as { tandemTestPostgres?: { server: Promise<PostgresServer>; users: number } };

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.TANDEM_TEST_POSTGRES?.trim();
  if (given) {
    project.provide("postgresUrl", given);
    return undefined;
  }
  shared.tandemTestPostgres ??= { server: startPostgres(), users: 0 };
  const entry = shared.tandemTestPostgres;
  entry.users++;
  const server = await entry.server;
  project.provide("postgresUrl", server.url);
  return async () => {
    if (--entry.users > 0) return;
    shared.tandemTestPostgres = undefined;
    await server.stop();
  };
}
