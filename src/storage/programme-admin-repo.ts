import type { ProgrammeAdminRepo } from "../ports/store.js";
import type { SqliteDatabase } from "./open-database.js";
import type { Synchronous } from "./synchronous.js";

export function createProgrammeAdminRepo(db: SqliteDatabase): Synchronous<ProgrammeAdminRepo> {
  const list = db.prepare<[number], { user_id: string }>(
    "SELECT user_id FROM programme_admins WHERE workspace_id = ? ORDER BY added_at, user_id",
  );
  const has = db.prepare<[number, string], { one: number }>(
    "SELECT 1 AS one FROM programme_admins WHERE workspace_id = ? AND user_id = ?",
  );
  const add = db.prepare(
    `INSERT INTO programme_admins (workspace_id, user_id, added_by, added_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (workspace_id, user_id) DO NOTHING`,
  );
  const remove = db.prepare("DELETE FROM programme_admins WHERE workspace_id = ? AND user_id = ?");
  return {
    list: (workspaceId) => list.all(workspaceId).map((row) => row.user_id),
    has: (workspaceId, userId) => has.get(workspaceId, userId) !== undefined,
    add: (workspaceId, userId, addedBy, at) =>
      add.run(workspaceId, userId, addedBy ?? null, at.getTime()).changes > 0,
    remove: (workspaceId, userId) => remove.run(workspaceId, userId).changes > 0,
  };
}
