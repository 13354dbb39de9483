import type { PlatformRefRepo } from "../../ports/platform-repos.js";
import type { Sql } from "./sql.js";

/**
 * Unlike SQLite's, no memory of references: another replica may change a row at any time, so what this
 * process last wrote is not what the row holds. An unchanged reference still costs no new row version.
 */
export function createPlatformRefRepo(sql: Sql): PlatformRefRepo {
  return {
    save: async (platform, workspace, kind, key, reference, at) => {
      await sql.run(
        `INSERT INTO platform_references (platform, workspace, kind, key, reference, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (platform, workspace, kind, key)
           DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at
           WHERE platform_references.reference <> excluded.reference`,
        [platform, workspace, kind, key, reference, at.getTime()],
      );
    },
    get: async (platform, workspace, kind, key) =>
      (
        await sql.one<{ reference: string }>(
          "SELECT reference FROM platform_references WHERE platform = $1 AND workspace = $2 AND kind = $3 AND key = $4",
          [platform, workspace, kind, key],
        )
      )?.reference,
  };
}
