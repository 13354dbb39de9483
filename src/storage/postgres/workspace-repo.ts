import type { Platform } from "../../domain/types.js";
import type { WorkspaceRepo } from "../../ports/store.js";
import { toWorkspace, type WorkspaceRow } from "../rows/workspace-row.js";
import type { Sql } from "./sql.js";

type Versioned = NonNullable<Awaited<ReturnType<WorkspaceRepo["findVersioned"]>>>;

export function createWorkspaceRepo(sql: Sql): WorkspaceRepo {
  const findVersioned = async (key: string): Promise<Versioned | undefined> => {
    const [platform, externalId] = key.split("\u0000") as [Platform, string];
    const row = await sql.one<WorkspaceRow & { directory_version: number | null }>(
      `SELECT w.*, v.version AS directory_version FROM workspaces w
       LEFT JOIN directory_versions v ON v.workspace_id = w.id WHERE w.platform = $1 AND w.external_id = $2`,
      [platform, externalId],
    );
    return row ? { workspace: toWorkspace(row), directoryVersion: row.directory_version ?? 0 } : undefined;
  };
  const find = (platform: Platform, externalId: string) =>
    sql.one<WorkspaceRow>("SELECT * FROM workspaces WHERE platform = $1 AND external_id = $2", [
      platform,
      externalId,
    ]);
  return {
    find: async (platform, externalId) => {
      const row = await find(platform, externalId);
      return row ? toWorkspace(row) : undefined;
    },
    // No version row yet: nothing in the directory was written since migration 0014. The events of one
    // shared transaction asking in the same turn read each workspace once (sql.gather).
    findVersioned: (platform, externalId) =>
      sql.gather("workspaces.findVersioned", `${platform}\u0000${externalId}`, async (keys) => {
        const read = new Map<string, Promise<Versioned | undefined>>();
        for (const key of keys) if (!read.has(key)) read.set(key, findVersioned(key));
        return await Promise.all(keys.map((key) => read.get(key)!));
      }),
    get: async (id) => {
      const row = await sql.one<WorkspaceRow>("SELECT * FROM workspaces WHERE id = $1", [id]);
      return row ? toWorkspace(row) : undefined;
    },
    // Insert-if-absent then read: two replicas ensuring the same workspace at once get the same row. NOT
    // EXISTS first: an insert that ON CONFLICT drops would still use up an id (SQLite's ids have no gaps).
    ensure: (platform, externalId, name, at) =>
      sql.atomic(async () => {
        await sql.run(
          `INSERT INTO workspaces (platform, external_id, name, created_at)
           SELECT $1::text, $2::text, $3::text, $4::bigint
           WHERE NOT EXISTS (SELECT 1 FROM workspaces WHERE platform = $1 AND external_id = $2)
           ON CONFLICT DO NOTHING`,
          [platform, externalId, name, at.getTime()],
        );
        const row = (await find(platform, externalId))!;
        if (name && row.name !== name) {
          await sql.run("UPDATE workspaces SET name = $1 WHERE id = $2 AND name <> $1", [name, row.id]);
        }
        return toWorkspace({ ...row, name: name || row.name });
      }),
    list: async () => (await sql.rows<WorkspaceRow>("SELECT * FROM workspaces ORDER BY id")).map(toWorkspace),
    isEmpty: async () => (await sql.one("SELECT 1 FROM workspaces LIMIT 1")) === undefined,
  };
}
