import type { ProgrammeAdminRepo } from "../../ports/store.js";
import type { Sql } from "./sql.js";

export function createProgrammeAdminRepo(sql: Sql): ProgrammeAdminRepo {
  return {
    list: async (workspaceId) =>
      (
        await sql.rows<{ user_id: string }>(
          "SELECT user_id FROM programme_admins WHERE workspace_id = $1 ORDER BY added_at, user_id",
          [workspaceId],
        )
      ).map((row) => row.user_id),
    has: async (workspaceId, userId) =>
      (await sql.one<{ one: number }>(
        "SELECT 1 AS one FROM programme_admins WHERE workspace_id = $1 AND user_id = $2",
        [workspaceId, userId],
      )) !== undefined,
    add: async (workspaceId, userId, addedBy, at) =>
      (await sql.run(
        `INSERT INTO programme_admins (workspace_id, user_id, added_by, added_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (workspace_id, user_id) DO NOTHING`,
        [workspaceId, userId, addedBy ?? null, at.getTime()],
      )) > 0,
    remove: async (workspaceId, userId) =>
      (await sql.run("DELETE FROM programme_admins WHERE workspace_id = $1 AND user_id = $2", [
        workspaceId,
        userId,
      ])) > 0,
  };
}
