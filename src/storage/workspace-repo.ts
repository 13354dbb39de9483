import type { WorkspaceRepo } from "../ports/store.js";
import type { SqliteDatabase } from "./open-database.js";
import { toWorkspace, type WorkspaceRow } from "./rows/workspace-row.js";
import type { Synchronous } from "./synchronous.js";

export function createWorkspaceRepo(db: SqliteDatabase): Synchronous<WorkspaceRepo> {
  const find = db.prepare<[string, string], WorkspaceRow>(
    "SELECT * FROM workspaces WHERE platform = ? AND external_id = ?",
  );
  const findVersioned = db.prepare<[string, string], WorkspaceRow & { directory_version: number | null }>(
    `SELECT w.*, v.version AS directory_version FROM workspaces w
     LEFT JOIN directory_versions v ON v.workspace_id = w.id WHERE w.platform = ? AND w.external_id = ?`,
  );
  const get = db.prepare<[number], WorkspaceRow>("SELECT * FROM workspaces WHERE id = ?");
  const insert = db.prepare(
    "INSERT INTO workspaces (platform, external_id, name, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
  );
  const rename = db.prepare("UPDATE workspaces SET name = ? WHERE id = ? AND name <> ?");
  const list = db.prepare<[], WorkspaceRow>("SELECT * FROM workspaces ORDER BY id");
  const any = db.prepare("SELECT 1 FROM workspaces LIMIT 1");

  return {
    find: (platform, externalId) => {
      const row = find.get(platform, externalId);
      return row ? toWorkspace(row) : undefined;
    },
    // No version row yet: nothing in the directory was written since migration 0014.
    findVersioned: (platform, externalId) => {
      const row = findVersioned.get(platform, externalId);
      return row ? { workspace: toWorkspace(row), directoryVersion: row.directory_version ?? 0 } : undefined;
    },
    get: (id) => {
      const row = get.get(id);
      return row ? toWorkspace(row) : undefined;
    },
    ensure: (platform, externalId, name, at) => {
      insert.run(platform, externalId, name, at.getTime());
      const row = find.get(platform, externalId)!;
      if (name && row.name !== name) rename.run(name, row.id, name);
      return toWorkspace({ ...row, name: name || row.name });
    },
    list: () => list.all().map(toWorkspace),
    isEmpty: () => any.get() === undefined,
  };
}
