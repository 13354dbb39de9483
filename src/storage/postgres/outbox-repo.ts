import { inboundReplyKeys } from "../../domain/outbox-keys.js";
import type { OutboxRepo } from "../../ports/store.js";
import { type OutboxRow, toItem } from "../rows/outbox-row.js";
import type { Sql } from "./sql.js";

/** Workspaces take turns among this many times `limit` oldest ready rows: the cost of a claim stays bounded. */
const FAIR_WINDOW = 25;

// One statement claims: the ready rows are locked with SKIP LOCKED (rows another replica is claiming at this
// moment are left to it, and a row it claimed no longer matches once its claim commits), then leased. Both
// branches use the outbox_ready index; a crashed sender's lease simply runs out. Among the oldest ready rows,
// workspaces take turns (each one's rows stay in order): every workspace is rate limited on its own, so a
// batch from many workspaces can go out at once where one workspace's queues. The window's rows not chosen
// are locked only while this statement runs.
const CLAIM = `
  WITH pending AS (
    SELECT id, workspace_id, not_before FROM outbox WHERE status = 'pending' AND not_before <= $1
      AND ($5::bigint[] IS NULL OR workspace_id = ANY($5::bigint[]))
    ORDER BY not_before, id LIMIT $4 FOR UPDATE SKIP LOCKED
  ), stale AS (
    SELECT id, workspace_id, not_before FROM outbox WHERE status = 'sending' AND lease_until <= $1
      AND ($5::bigint[] IS NULL OR workspace_id = ANY($5::bigint[]))
    FOR UPDATE SKIP LOCKED
  ), turns AS (
    SELECT id, not_before, (row_number() OVER (PARTITION BY workspace_id ORDER BY not_before, id))::int AS turn
    FROM (SELECT * FROM pending UNION ALL SELECT * FROM stale) ready
  ), chosen AS (
    SELECT id, turn FROM turns ORDER BY turn, not_before, id LIMIT $3
  )
  UPDATE outbox SET status = 'sending', lease_until = $2, attempts = outbox.attempts + 1
  FROM chosen WHERE outbox.id = chosen.id
  RETURNING outbox.*, chosen.turn`;

export function createOutboxRepo(sql: Sql): OutboxRepo {
  const update = async (text: string, values: unknown[]) => {
    await sql.run(text, values);
  };
  return {
    enqueue: async (draft, at) =>
      (await sql.run(
        // NOT EXISTS first: every tick enqueues keys already there, and an insert that ON CONFLICT drops
        // would still use up an id each time.
        `INSERT INTO outbox (workspace_id, key, recipient_id, address, payload, status, not_before, expires_at, created_at)
         SELECT $1::bigint, $2::text, $3::bigint, $4::text, $5::text, 'pending', $6::bigint, $7::bigint, $8::bigint
         WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE workspace_id = $1 AND key = $2)
         ON CONFLICT (workspace_id, key) DO NOTHING`,
        [
          draft.workspaceId,
          draft.key,
          draft.recipientId ?? null,
          draft.address,
          JSON.stringify(draft.payload),
          draft.notBefore.getTime(),
          draft.expiresAt?.getTime() ?? null,
          at.getTime(),
        ],
      )) > 0,
    claimKey: async (workspaceId, key, now, leaseMs) => {
      const [row] = await sql.rows<OutboxRow>(
        `UPDATE outbox SET status = 'sending', lease_until = $4, attempts = attempts + 1
         WHERE id = (SELECT id FROM outbox WHERE workspace_id = $1 AND key = $2
           AND ((status = 'pending' AND not_before <= $3) OR (status = 'sending' AND lease_until <= $3))
           FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [workspaceId, key, now.getTime(), now.getTime() + leaseMs],
      );
      return row && toItem(row);
    },
    readyWorkspaces: async (now) =>
      (
        await sql.rows<{ workspace_id: number }>(
          `SELECT DISTINCT workspace_id FROM outbox WHERE status = 'pending' AND not_before <= $1
           UNION SELECT DISTINCT workspace_id FROM outbox WHERE status = 'sending' AND lease_until <= $1`,
          [now.getTime()],
        )
      ).map((r) => r.workspace_id),
    claim: async (now, leaseMs, limit, workspaceIds) => {
      const rows = await sql.rows<OutboxRow & { turn: number }>(CLAIM, [
        now.getTime(),
        now.getTime() + leaseMs,
        limit,
        limit * FAIR_WINDOW,
        workspaceIds ? [...workspaceIds] : null,
      ]);
      // RETURNING keeps no order: the claim's own (turn, then age).
      rows.sort((a, b) => a.turn - b.turn || a.not_before - b.not_before || a.id - b.id);
      return rows.map(toItem);
    },
    markSent: (id, at, ref) =>
      update(
        "UPDATE outbox SET status = 'sent', sent_at = $1, platform_ref = $2, lease_until = NULL, last_error = NULL WHERE id = $3",
        [at.getTime(), ref ?? null, id],
      ),
    markRetry: (id, error, notBefore) =>
      update(
        "UPDATE outbox SET status = 'pending', last_error = $1, not_before = $2, lease_until = NULL WHERE id = $3",
        [error, notBefore.getTime(), id],
      ),
    markDead: (id, error) =>
      update("UPDATE outbox SET status = 'dead', last_error = $1, lease_until = NULL WHERE id = $2", [
        error,
        id,
      ]),
    markExpired: (id) =>
      update(
        "UPDATE outbox SET status = 'expired', last_error = 'its window closed before it could be sent', lease_until = NULL WHERE id = $1",
        [id],
      ),
    // One statement: two senders recording members of the same row at once both keep theirs.
    markDelivered: (id, member) =>
      update(
        `UPDATE outbox SET delivered_to = (coalesce(delivered_to, '[]')::jsonb || jsonb_build_array($2::text))::text
         WHERE id = $1 AND NOT coalesce(delivered_to, '[]')::jsonb @> jsonb_build_array($2::text)`,
        [id, member],
      ),
    defer: (id, notBefore) =>
      update(
        "UPDATE outbox SET status = 'pending', not_before = $1, attempts = greatest(attempts - 1, 0), lease_until = NULL WHERE id = $2",
        [notBefore.getTime(), id],
      ),
    readyAt: (id, at) =>
      update("UPDATE outbox SET not_before = $1 WHERE id = $2 AND status = 'pending' AND not_before > $1", [
        at.getTime(),
        id,
      ]),
    // A key range, not LIKE (keys may contain % or _): the (workspace_id, key) index finds the prefix's rows
    // directly (keys are COLLATE "C", byte order). Keys are ASCII, so prefix + U+FFFF is above every key
    // with that prefix.
    // Several prefixes in one statement (one round trip): a key range each, every one on the key index.
    cancelPending: (workspaceId, prefix) => {
      const prefixes = typeof prefix === "string" ? [prefix] : [...prefix];
      if (prefixes.length === 0) return Promise.resolve(0);
      const ranges = prefixes.map((_, i) => `(key >= $${2 * i + 2} AND key < $${2 * i + 3})`).join(" OR ");
      return sql.run(
        `UPDATE outbox SET status = 'expired', last_error = 'withdrawn: no longer needed', lease_until = NULL
         WHERE workspace_id = $1 AND (${ranges}) AND status = 'pending'`,
        [workspaceId, ...prefixes.flatMap((p) => [p, `${p}\uffff`])],
      );
    },
    // Rows sharing a platform reference were one delivery (a merged digest); rows without one count each.
    // Replies are not counted: the budget is for what Tandem starts itself (see inboundReplyKeys).
    sentTo: async (recipientId, since) =>
      (
        await sql.one<{ n: number }>(
          `SELECT (count(DISTINCT platform_ref) + count(*) FILTER (WHERE platform_ref IS NULL))::int AS n
           FROM outbox WHERE recipient_id = $1 AND status = 'sent' AND sent_at >= $2
             AND NOT (key >= $3 AND key < $4)`,
          [recipientId, since.getTime(), inboundReplyKeys.prefix, `${inboundReplyKeys.prefix}\uffff`],
        )
      )?.n ?? 0,
    // The same count for several people in one statement, each from their own instant.
    sentToEach: async (counts) => {
      if (counts.length === 0) return new Map();
      const rows = await sql.rows<{ id: number; n: number }>(
        `SELECT r.id, (SELECT (count(DISTINCT platform_ref) + count(*) FILTER (WHERE platform_ref IS NULL))::int
                       FROM outbox WHERE recipient_id = r.id AND status = 'sent' AND sent_at >= r.since
                         AND NOT (key >= $3 AND key < $4)) AS n
         FROM unnest($1::bigint[], $2::bigint[]) AS r(id, since)`,
        [
          counts.map((c) => c.recipientId),
          counts.map((c) => c.since.getTime()),
          inboundReplyKeys.prefix,
          `${inboundReplyKeys.prefix}\uffff`,
        ],
      );
      return new Map(rows.map((r) => [r.id, r.n]));
    },
    get: async (workspaceId, key) => {
      const row = await sql.one<OutboxRow>("SELECT * FROM outbox WHERE workspace_id = $1 AND key = $2", [
        workspaceId,
        key,
      ]);
      return row ? toItem(row) : undefined;
    },
    withPrefix: async (workspaceId, prefix) =>
      (
        await sql.rows<OutboxRow>(
          "SELECT * FROM outbox WHERE workspace_id = $1 AND key >= $2 AND key < $3 ORDER BY not_before, id",
          [workspaceId, prefix, `${prefix}\uffff`],
        )
      ).map(toItem),
    list: async (filter = {}) =>
      (
        await sql.rows<OutboxRow>(
          `SELECT * FROM outbox WHERE ($1::text IS NULL OR status = $1)
             AND ($2::bigint IS NULL OR workspace_id = $2) ORDER BY id`,
          [filter.status ?? null, filter.workspaceId ?? null],
        )
      ).map(toItem),
  };
}
