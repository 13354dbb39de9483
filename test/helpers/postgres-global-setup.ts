/**
 * vitest globalSetup: one PostgreSQL server for the whole run, shared by every test file (each works in a
 * database of its own: see postgres.ts). TANDEM_TEST_POSTGRES names a server that is already running (CI
 * starts one); otherwise a throwaway one starts here and stops when the run ends.
 */
import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.TANDEM_TEST_POSTGRES?.trim();
  if (given) {
    project.provide("postgresUrl", given);
    return undefined;
  }
  const server = await startPostgres();
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
