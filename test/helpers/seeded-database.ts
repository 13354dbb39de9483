/** What every service under test starts on: a temporary SQLite file, migrated, with programmes imported. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importProgramme } from "../../src/services/programme/import-programme.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { openStore } from "../../src/storage/sqlite-store.js";

/** A fresh database file in its own temporary folder; `name` says whose it is when one is left behind. */
export function tempDatabasePath(name = "tandem"): string {
  return join(mkdtempSync(join(tmpdir(), `${name}-`)), "tandem.db");
}

/** Imports the programmes at `at` (a new file unless `path` is given) and closes it again; returns the path. */
export async function seededDatabase(
  programmes: ProgrammeInput[],
  at: Date,
  path = tempDatabasePath(),
  options: { welcome?: boolean } = {},
): Promise<string> {
  const seed = openStore(path, { now: at });
  try {
    for (const programme of programmes) await importProgramme(seed, programme, at);
    // A deployment whose people were welcomed long ago, unless the test is about the welcome: platform
    // and reliability tests count what reaches people, and the welcome has tests of its own.
    if (!options.welcome) seed.db.prepare("DELETE FROM wakeups WHERE kind = 'welcome'").run();
  } finally {
    await seed.close();
  }
  return path;
}
