import type { ReplicaRepo } from "../ports/coordination-repos.js";
import type { SqliteDatabase } from "./open-database.js";
import type { Synchronous } from "./synchronous.js";

export function createReplicaRepo(db: SqliteDatabase): Synchronous<ReplicaRepo> {
  const beat = db.prepare(
    `INSERT INTO replica_heartbeats (name, seen_at) VALUES (?, ?)
     ON CONFLICT (name) DO UPDATE SET seen_at = excluded.seen_at`,
  );
  const live = db.prepare<[number], { name: string }>(
    "SELECT name FROM replica_heartbeats WHERE seen_at >= ? ORDER BY name",
  );
  const leave = db.prepare("DELETE FROM replica_heartbeats WHERE name = ?");
  return {
    beat: (name, at) => {
      beat.run(name, at.getTime());
    },
    live: (since) => live.all(since.getTime()).map((row) => row.name),
    leave: (name) => {
      leave.run(name);
    },
  };
}
