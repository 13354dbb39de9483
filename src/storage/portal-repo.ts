import type {
  PortalLimitRepo,
  PortalLink,
  PortalLinkRepo,
  PortalSessionRepo,
} from "../ports/portal-repos.js";
import type { SqliteDatabase } from "./open-database.js";
import { type PortalLinkRow, toPortalLink } from "./rows/portal-row.js";
import type { Synchronous } from "./synchronous.js";

export function createPortalLinkRepo(db: SqliteDatabase): Synchronous<PortalLinkRepo> {
  const add = db.prepare(
    `INSERT INTO portal_links (token_hash, principal, next_path, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const use = db.prepare<[number, string, number], PortalLinkRow>(
    `UPDATE portal_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
     RETURNING *`,
  );
  const prune = db.prepare("DELETE FROM portal_links WHERE expires_at < ?");
  return {
    add: (link: PortalLink) => {
      add.run(
        link.tokenHash,
        link.principal,
        link.nextPath ?? null,
        link.createdAt.getTime(),
        link.expiresAt.getTime(),
      );
    },
    use: (tokenHash, now) => {
      const row = use.get(now.getTime(), tokenHash, now.getTime());
      return row ? toPortalLink(row) : undefined;
    },
    prune: (before) => prune.run(before.getTime()).changes,
  };
}

export function createPortalSessionRepo(db: SqliteDatabase): Synchronous<PortalSessionRepo> {
  const get = db.prepare<[string, number], { data: string }>(
    "SELECT data FROM portal_sessions WHERE id_hash = ? AND expires_at > ?",
  );
  const set = db.prepare(
    `INSERT INTO portal_sessions (id_hash, data, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (id_hash) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
  );
  const destroy = db.prepare("DELETE FROM portal_sessions WHERE id_hash = ?");
  const prune = db.prepare("DELETE FROM portal_sessions WHERE expires_at < ?");
  return {
    get: (idHash, now) => get.get(idHash, now.getTime())?.data,
    set: (idHash, data, expiresAt) => {
      set.run(idHash, data, expiresAt.getTime());
    },
    destroy: (idHash) => {
      destroy.run(idHash);
    },
    prune: (before) => prune.run(before.getTime()).changes,
  };
}

/** Old values on the right of SET: a window that ended starts again at 1. */
const HIT = `INSERT INTO portal_limits (key, count, reset_at) VALUES (@key, 1, @reset)
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN portal_limits.reset_at <= @now THEN 1 ELSE portal_limits.count + 1 END,
    reset_at = CASE WHEN portal_limits.reset_at <= @now THEN @reset ELSE portal_limits.reset_at END
  RETURNING count, reset_at`;

export function createPortalLimitRepo(db: SqliteDatabase): Synchronous<PortalLimitRepo> {
  const hit = db.prepare<{ key: string; reset: number; now: number }, { count: number; reset_at: number }>(
    HIT,
  );
  const prune = db.prepare("DELETE FROM portal_limits WHERE reset_at < ?");
  return {
    hit: (key, windowMs, now) => {
      const row = hit.get({ key, reset: now.getTime() + windowMs, now: now.getTime() })!;
      return { count: row.count, resetAt: new Date(row.reset_at) };
    },
    prune: (before) => prune.run(before.getTime()).changes,
  };
}
