/** What every service under test starts on: a migrated database with programmes imported. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importProgramme } from "../../src/services/programme/import-programme.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { openPostgresStore } from "../../src/storage/postgres/postgres-store.js";
import { openStore } from "../../src/storage/sqlite-store.js";
import { freshDatabase } from "./postgres.js";
import { rawRows, type StoreKind } from "./test-store.js";

/** A fresh database file in its own temporary folder; `name` says whose it is when one is left behind. */
export function tempDatabasePath(name = "tandem"): string {
  return join(mkdtempSync(join(tmpdir(), `${name}-`)), "tandem.db");
}

/**
 * Imports the programmes at `at` and closes the database again. SQLite by default: a new file unless `path`
 * is given, and the path is returned (DATABASE_PATH). With `store: "postgres"`: a fresh database of the
 * file's (dropped when the file ends), and its URL is returned (DATABASE_URL); `path` is not used.
 */
export async function seededDatabase(
  programmes: ProgrammeInput[],
  at: Date,
  path = tempDatabasePath(),
  options: { welcome?: boolean; store?: StoreKind } = {},
): Promise<string> {
  const url = options.store === "postgres" ? await freshDatabase() : undefined;
  const seed = url ? await openPostgresStore(url, { now: at }) : openStore(path, { now: at });
  try {
    for (const programme of programmes) await importProgramme(seed, programme, at);
    // A deployment whose people were welcomed long ago, unless the test is about the welcome: platform
    // and reliability tests count what reaches people, and the welcome has tests of its own.
    if (!options.welcome) await rawRows(seed, "DELETE FROM wakeups WHERE kind = 'welcome'");
  } finally {
    await seed.close();
  }
  return url ?? path;
}
