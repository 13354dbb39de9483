import type { InboundRepo } from "../../ports/store.js";
import type { Sql } from "./sql.js";

export function createInboundRepo(sql: Sql): InboundRepo {
  return {
    // The primary key is the dedupe: a replica inserting the same delivery concurrently waits for the
    // first one's transaction, then inserts nothing (or inserts it, if the first rolled back).
    firstSeen: async (platform, workspace, eventId, at) =>
      (await sql.run(
        "INSERT INTO inbound_events (platform, workspace, event_id, received_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        [platform, workspace, eventId, at.getTime()],
      )) > 0,
    forget: async (platform, workspace, eventId) => {
      await sql.run("DELETE FROM inbound_events WHERE platform = $1 AND workspace = $2 AND event_id = $3", [
        platform,
        workspace,
        eventId,
      ]);
    },
    prune: (olderThan) => sql.run("DELETE FROM inbound_events WHERE received_at < $1", [olderThan.getTime()]),
  };
}
