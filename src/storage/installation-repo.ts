import type { InstallationRepo } from "../ports/platform-repos.js";
import type { SqliteDatabase } from "./open-database.js";
import type { Synchronous } from "./synchronous.js";

export function createInstallationRepo(db: SqliteDatabase): Synchronous<InstallationRepo> {
  const save = db.prepare(
    `INSERT INTO installations (platform, workspace, data, installed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (platform, workspace) DO UPDATE SET data = excluded.data, installed_at = excluded.installed_at`,
  );
  const get = db.prepare<[string, string], { data: string }>(
    "SELECT data FROM installations WHERE platform = ? AND workspace = ?",
  );
  const remove = db.prepare("DELETE FROM installations WHERE platform = ? AND workspace = ?");
  const list = db.prepare<[string], { workspace: string; data: string }>(
    "SELECT workspace, data FROM installations WHERE platform = ? ORDER BY workspace",
  );
  return {
    save: (platform, workspace, data, at) => {
      save.run(platform, workspace, data, at.getTime());
    },
    get: (platform, workspace) => get.get(platform, workspace)?.data,
    remove: (platform, workspace) => {
      remove.run(platform, workspace);
    },
    list: (platform) => list.all(platform),
  };
}
