import type { PlatformRefRepo } from "../ports/platform-repos.js";
import type { SqliteDatabase } from "./open-database.js";

export function createPlatformRefRepo(db: SqliteDatabase): PlatformRefRepo {
  const save = db.prepare(
    `INSERT INTO platform_references (platform, workspace, kind, key, reference, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (platform, workspace, kind, key) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at
     WHERE reference <> excluded.reference`,
  );
  const get = db.prepare<[string, string, string, string], { reference: string }>(
    "SELECT reference FROM platform_references WHERE platform = ? AND workspace = ? AND kind = ? AND key = ?",
  );
  return {
    save: (platform, workspace, kind, key, reference, at) => {
      save.run(platform, workspace, kind, key, reference, at.getTime());
    },
    get: (platform, workspace, kind, key) => get.get(platform, workspace, kind, key)?.reference,
  };
}
