import type { Platform } from "../../domain/types.js";
import type { InboundRepo } from "../../ports/coordination-repos.js";
import type { Sql } from "./sql.js";

interface Delivery {
  platform: Platform;
  workspace: string;
  eventId: string;
  at: number;
}

const ONE = `INSERT INTO inbound_events (platform, workspace, event_id, received_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT DO NOTHING`;
const MANY = `INSERT INTO inbound_events (platform, workspace, event_id, received_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) ON CONFLICT DO NOTHING
  RETURNING platform, workspace, event_id`;

const keyOf = (d: { platform: string; workspace: string; event_id?: string; eventId?: string }) =>
  JSON.stringify([d.platform, d.workspace, d.eventId ?? d.event_id]);

/**
 * The dedupe rows of the events sharing a transaction, in one statement: true for each delivery whose row
 * it inserted. The same delivery twice in one batch (a retry arriving with the first) is new only once.
 */
async function firstSeenAll(sql: Sql, deliveries: Delivery[]): Promise<boolean[]> {
  if (deliveries.length === 1) {
    const d = deliveries[0]!;
    return [(await sql.run(ONE, [d.platform, d.workspace, d.eventId, d.at])) > 0];
  }
  // In key order: two replicas inserting the same deliveries wait for each other in one order, never both.
  const sorted = [...deliveries].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  const inserted = await sql.rows<{ platform: string; workspace: string; event_id: string }>(MANY, [
    sorted.map((d) => d.platform),
    sorted.map((d) => d.workspace),
    sorted.map((d) => d.eventId),
    sorted.map((d) => d.at),
  ]);
  const fresh = new Set(inserted.map(keyOf));
  return deliveries.map((d) => fresh.delete(keyOf(d)));
}

export function createInboundRepo(sql: Sql): InboundRepo {
  return {
    // The primary key is the dedupe: a replica inserting the same delivery concurrently waits for the
    // first one's transaction, then inserts nothing (or inserts it, if the first rolled back). The events
    // of one shared transaction insert theirs together (sql.gather).
    firstSeen: (platform, workspace, eventId, at) =>
      sql.gather("inbound.firstSeen", { platform, workspace, eventId, at: at.getTime() }, (all) =>
        firstSeenAll(sql, all),
      ),
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
