import type { InstallationRepo } from "../../ports/platform-repos.js";
import type { Sql } from "./sql.js";

export function createInstallationRepo(sql: Sql): InstallationRepo {
  return {
    save: async (platform, workspace, data, at) => {
      await sql.run(
        `INSERT INTO installations (platform, workspace, data, installed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (platform, workspace) DO UPDATE SET data = excluded.data, installed_at = excluded.installed_at`,
        [platform, workspace, data, at.getTime()],
      );
    },
    get: async (platform, workspace) =>
      (
        await sql.one<{ data: string }>(
          "SELECT data FROM installations WHERE platform = $1 AND workspace = $2",
          [platform, workspace],
        )
      )?.data,
    remove: async (platform, workspace) => {
      await sql.run("DELETE FROM installations WHERE platform = $1 AND workspace = $2", [
        platform,
        workspace,
      ]);
    },
    // Workspace ids are COLLATE "C" in the schema: byte order, as in SQLite.
    list: (platform) =>
      sql.rows<{ workspace: string; data: string }>(
        "SELECT workspace, data FROM installations WHERE platform = $1 ORDER BY workspace",
        [platform],
      ),
  };
}
