import type { ReplicaRepo } from "../../ports/coordination-repos.js";
import type { Sql } from "./sql.js";

export function createReplicaRepo(sql: Sql): ReplicaRepo {
  return {
    beat: async (name, at) => {
      await sql.run(
        `INSERT INTO replica_heartbeats (name, seen_at) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET seen_at = excluded.seen_at`,
        [name, at.getTime()],
      );
    },
    live: async (since) =>
      (
        await sql.rows<{ name: string }>(
          "SELECT name FROM replica_heartbeats WHERE seen_at >= $1 ORDER BY name",
          [since.getTime()],
        )
      ).map((row) => row.name),
    leave: async (name) => {
      await sql.run("DELETE FROM replica_heartbeats WHERE name = $1", [name]);
    },
  };
}
