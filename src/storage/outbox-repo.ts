import { inboundReplyKeys } from "../domain/outbox-keys.js";
import type { OutboxRepo } from "../ports/store.js";
import type { SqliteDatabase } from "./open-database.js";
import { type OutboxRow, toItem } from "./rows/outbox-row.js";
import type { Synchronous } from "./synchronous.js";

const REPLY = inboundReplyKeys.prefix;

/** Workspaces take turns among this many times `limit` oldest ready rows: the cost of a claim stays bounded. */
const FAIR_WINDOW = 25;

export function createOutboxRepo(db: SqliteDatabase): Synchronous<OutboxRepo> {
  const enqueue = db.prepare(
    `INSERT INTO outbox (workspace_id, key, recipient_id, address, payload, status, not_before, expires_at, created_at)
     VALUES (@workspaceId, @key, @recipientId, @address, @payload, 'pending', @notBefore, @expiresAt, @at)
     ON CONFLICT (workspace_id, key) DO NOTHING`,
  );
  // Both branches use the outbox_ready index; a crashed sender's lease simply runs out. Among the
  // oldest ready rows, workspaces take turns (each one's rows stay in order): every workspace is rate
  // limited on its own, so a batch from many workspaces can go out at once where one workspace's queues.
  const ready = db.prepare<{ now: number; limit: number; window: number; ids: string | null }, OutboxRow>(
    `WITH ready AS (
       SELECT * FROM (SELECT id, workspace_id, not_before FROM outbox
         WHERE status = 'pending' AND not_before <= @now
           AND (@ids IS NULL OR workspace_id IN (SELECT value FROM json_each(@ids)))
         ORDER BY not_before, id LIMIT @window)
       UNION ALL
       SELECT id, workspace_id, not_before FROM outbox WHERE status = 'sending' AND lease_until <= @now
         AND (@ids IS NULL OR workspace_id IN (SELECT value FROM json_each(@ids)))
     ), turns AS (
       SELECT id, not_before, row_number() OVER (PARTITION BY workspace_id ORDER BY not_before, id) AS turn
       FROM ready
     )
     SELECT outbox.* FROM turns JOIN outbox ON outbox.id = turns.id
     ORDER BY turns.turn, turns.not_before, turns.id LIMIT @limit`,
  );
  const lease = db.prepare(
    "UPDATE outbox SET status = 'sending', lease_until = ?, attempts = attempts + 1 WHERE id = ?",
  );
  const sent = db.prepare(
    "UPDATE outbox SET status = 'sent', sent_at = ?, platform_ref = ?, lease_until = NULL, last_error = NULL WHERE id = ?",
  );
  const retry = db.prepare(
    "UPDATE outbox SET status = 'pending', last_error = ?, not_before = ?, lease_until = NULL WHERE id = ?",
  );
  const dead = db.prepare(
    "UPDATE outbox SET status = 'dead', last_error = ?, lease_until = NULL WHERE id = ?",
  );
  const expired = db.prepare(
    "UPDATE outbox SET status = 'expired', last_error = 'its window closed before it could be sent', lease_until = NULL WHERE id = ?",
  );
  const delivered = db.prepare<{ id: number; member: string }>(
    `UPDATE outbox SET delivered_to = json_insert(coalesce(delivered_to, '[]'), '$[#]', @member)
     WHERE id = @id AND NOT EXISTS (SELECT 1 FROM json_each(coalesce(delivered_to, '[]')) WHERE value = @member)`,
  );
  const defer = db.prepare(
    "UPDATE outbox SET status = 'pending', not_before = ?, attempts = max(attempts - 1, 0), lease_until = NULL WHERE id = ?",
  );
  const readyAt = db.prepare(
    "UPDATE outbox SET not_before = ? WHERE id = ? AND status = 'pending' AND not_before > ?",
  );
  // Replies are not counted: the budget is for what Tandem starts itself (see inboundReplyKeys).
  const sentTo = db.prepare<[number, number, string, string], { n: number }>(
    `SELECT count(DISTINCT coalesce(platform_ref, id)) AS n FROM outbox WHERE recipient_id = ? AND status = 'sent' AND sent_at >= ?
       AND NOT (key >= ? AND key < ?)`,
  );
  // A key range, not LIKE (keys may contain % or _) nor substr (a scan): the (workspace_id, key) index
  // finds the prefix's rows directly. Keys are ASCII, so prefix + U+FFFF is above every key with that prefix.
  const cancel = db.prepare(
    `UPDATE outbox SET status = 'expired', last_error = 'withdrawn: no longer needed', lease_until = NULL
     WHERE workspace_id = ? AND key >= ? AND key < ? AND status = 'pending'`,
  );
  const get = db.prepare<[number, string], OutboxRow>(
    "SELECT * FROM outbox WHERE workspace_id = ? AND key = ?",
  );
  const withPrefix = db.prepare<[number, string, string], OutboxRow>(
    "SELECT * FROM outbox WHERE workspace_id = ? AND key >= ? AND key < ? ORDER BY not_before, id",
  );
  const list = db.prepare<{ status: string | null; workspaceId: number | null }, OutboxRow>(
    `SELECT * FROM outbox WHERE (@status IS NULL OR status = @status)
       AND (@workspaceId IS NULL OR workspace_id = @workspaceId) ORDER BY id`,
  );

  const readyWorkspaces = db.prepare<{ now: number }, { workspace_id: number }>(
    `SELECT DISTINCT workspace_id FROM outbox WHERE status = 'pending' AND not_before <= @now
     UNION SELECT DISTINCT workspace_id FROM outbox WHERE status = 'sending' AND lease_until <= @now`,
  );

  const readyByKey = db.prepare<[number, string, number, number], OutboxRow>(
    `SELECT * FROM outbox WHERE workspace_id = ? AND key = ?
       AND ((status = 'pending' AND not_before <= ?) OR (status = 'sending' AND lease_until <= ?))`,
  );
  const claimKey = db.transaction((workspaceId: number, key: string, now: number, leaseMs: number) => {
    const row = readyByKey.get(workspaceId, key, now, now);
    if (!row) return undefined;
    lease.run(now + leaseMs, row.id);
    return toItem({ ...row, status: "sending", attempts: row.attempts + 1 });
  });
  const claim = db.transaction((now: number, leaseMs: number, limit: number, ids: string | null) => {
    const rows = ready.all({ now, limit, window: limit * FAIR_WINDOW, ids });
    for (const row of rows) lease.run(now + leaseMs, row.id);
    return rows.map((row) => toItem({ ...row, status: "sending", attempts: row.attempts + 1 }));
  });

  return {
    enqueue: (draft, at) =>
      enqueue.run({
        workspaceId: draft.workspaceId,
        key: draft.key,
        recipientId: draft.recipientId ?? null,
        address: draft.address,
        payload: JSON.stringify(draft.payload),
        notBefore: draft.notBefore.getTime(),
        expiresAt: draft.expiresAt?.getTime() ?? null,
        at: at.getTime(),
      }).changes > 0,
    claim: (now, leaseMs, limit, workspaceIds) =>
      claim.immediate(now.getTime(), leaseMs, limit, workspaceIds ? JSON.stringify(workspaceIds) : null),
    claimKey: (workspaceId, key, now, leaseMs) =>
      claimKey.immediate(workspaceId, key, now.getTime(), leaseMs),
    readyWorkspaces: (now) => readyWorkspaces.all({ now: now.getTime() }).map((r) => r.workspace_id),
    markSent: (id, at, ref) => {
      sent.run(at.getTime(), ref ?? null, id);
    },
    markRetry: (id, error, notBefore) => {
      retry.run(error, notBefore.getTime(), id);
    },
    markDead: (id, error) => {
      dead.run(error, id);
    },
    markExpired: (id) => {
      expired.run(id);
    },
    markDelivered: (id, member) => {
      delivered.run({ id, member });
    },
    defer: (id, notBefore) => {
      defer.run(notBefore.getTime(), id);
    },
    readyAt: (id, at) => {
      readyAt.run(at.getTime(), id, at.getTime());
    },
    cancelPending: (workspaceId, prefix) =>
      (typeof prefix === "string" ? [prefix] : prefix).reduce(
        (n, p) => n + cancel.run(workspaceId, p, `${p}\uffff`).changes,
        0,
      ),
    sentTo: (recipientId, since) => sentTo.get(recipientId, since.getTime(), REPLY, `${REPLY}\uffff`)?.n ?? 0,
    sentToEach: (counts) =>
      new Map(
        counts.map(({ recipientId, since }) => [
          recipientId,
          sentTo.get(recipientId, since.getTime(), REPLY, `${REPLY}\uffff`)?.n ?? 0,
        ]),
      ),
    get: (workspaceId, key) => {
      const row = get.get(workspaceId, key);
      return row ? toItem(row) : undefined;
    },
    withPrefix: (workspaceId, prefix) => withPrefix.all(workspaceId, prefix, `${prefix}\uffff`).map(toItem),
    list: (filter = {}) =>
      list.all({ status: filter.status ?? null, workspaceId: filter.workspaceId ?? null }).map(toItem),
  };
}
