import type { PlatformRefRepo } from "../ports/platform-repos.js";
import type { SqliteDatabase } from "./open-database.js";
import type { Synchronous } from "./synchronous.js";

/** How many references are remembered in memory; past it the memory starts again (the rows stay). */
const REMEMBERED = 50_000;

export function createPlatformRefRepo(db: SqliteDatabase): Synchronous<PlatformRefRepo> {
  const save = db.prepare(
    `INSERT INTO platform_references (platform, workspace, kind, key, reference, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (platform, workspace, kind, key) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at
     WHERE reference <> excluded.reference`,
  );
  const get = db.prepare<[string, string, string, string], { reference: string }>(
    "SELECT reference FROM platform_references WHERE platform = ? AND workspace = ? AND kind = ? AND key = ?",
  );
  // Every Teams activity saves its references, and they rarely change: an unchanged one costs no write.
  // Only this service writes references, so what it last read or wrote is what the row holds.
  const known = new Map<string, string>();
  const remember = (id: string, reference: string) => {
    // Inside a transaction the value may still be rolled back.
    if (db.inTransaction) return;
    if (known.size >= REMEMBERED) known.clear();
    known.set(id, reference);
  };
  const idOf = (...parts: string[]) => JSON.stringify(parts);
  return {
    save: (platform, workspace, kind, key, reference, at) => {
      const id = idOf(platform, workspace, kind, key);
      if (known.get(id) === reference) return;
      save.run(platform, workspace, kind, key, reference, at.getTime());
      remember(id, reference);
    },
    get: (platform, workspace, kind, key) => {
      const id = idOf(platform, workspace, kind, key);
      const cached = known.get(id);
      if (cached !== undefined) return cached;
      const reference = get.get(platform, workspace, kind, key)?.reference;
      if (reference !== undefined) remember(id, reference);
      return reference;
    },
  };
}
