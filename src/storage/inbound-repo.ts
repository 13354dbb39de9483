import type { InboundRepo } from "../ports/coordination-repos.js";
import type { SqliteDatabase } from "./open-database.js";
import type { Synchronous } from "./synchronous.js";

export function createInboundRepo(db: SqliteDatabase): Synchronous<InboundRepo> {
  const insert = db.prepare(
    "INSERT INTO inbound_events (platform, workspace, event_id, received_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
  );
  const remove = db.prepare(
    "DELETE FROM inbound_events WHERE platform = ? AND workspace = ? AND event_id = ?",
  );
  const prune = db.prepare("DELETE FROM inbound_events WHERE received_at < ?");
  return {
    firstSeen: (platform, workspace, eventId, at) =>
      insert.run(platform, workspace, eventId, at.getTime()).changes > 0,
    forget: (platform, workspace, eventId) => {
      remove.run(platform, workspace, eventId);
    },
    prune: (olderThan) => prune.run(olderThan.getTime()).changes,
  };
}
