import type { PlatformRefRepo } from "../../ports/platform-repos.js";
import type { Sql } from "./sql.js";

/**
 * Unlike SQLite's, no memory of references: another replica may change a row at any time, so what this
 * process last wrote is not what the row holds. Every Teams activity saves its references and they rarely
 * change: the NOT EXISTS guard makes an unchanged one a plain read (no row lock, no WAL).
 */
export function createPlatformRefRepo(sql: Sql): PlatformRefRepo {
  return {
    save: async (platform, workspace, kind, key, reference, at) => {
      await sql.run(
        `INSERT INTO platform_references (platform, workspace, kind, key, reference, updated_at)
         SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::bigint
         WHERE NOT EXISTS (SELECT 1 FROM platform_references
           WHERE platform = $1 AND workspace = $2 AND kind = $3 AND key = $4 AND reference = $5)
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
