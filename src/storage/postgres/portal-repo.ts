import type {
  PortalLimitRepo,
  PortalLink,
  PortalLinkRepo,
  PortalSessionRepo,
} from "../../ports/portal-repos.js";
import { type PortalLinkRow, toPortalLink } from "../rows/portal-row.js";
import type { Sql } from "./sql.js";

export function createPortalLinkRepo(sql: Sql): PortalLinkRepo {
  return {
    add: async (link: PortalLink) => {
      await sql.run(
        `INSERT INTO portal_links (token_hash, principal, next_path, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [
          link.tokenHash,
          link.principal,
          link.nextPath ?? null,
          link.createdAt.getTime(),
          link.expiresAt.getTime(),
        ],
      );
    },
    use: async (tokenHash, now) => {
      const row = await sql.one<PortalLinkRow>(
        `UPDATE portal_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
         RETURNING *`,
        [now.getTime(), tokenHash],
      );
      return row ? toPortalLink(row) : undefined;
    },
    prune: (before) => sql.run("DELETE FROM portal_links WHERE expires_at < $1", [before.getTime()]),
  };
}

export function createPortalSessionRepo(sql: Sql): PortalSessionRepo {
  return {
    get: async (idHash, now) =>
      (
        await sql.one<{ data: string }>(
          "SELECT data FROM portal_sessions WHERE id_hash = $1 AND expires_at > $2",
          [idHash, now.getTime()],
        )
      )?.data,
    set: async (idHash, data, expiresAt) => {
      await sql.run(
        `INSERT INTO portal_sessions (id_hash, data, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (id_hash) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
        [idHash, data, expiresAt.getTime()],
      );
    },
    destroy: async (idHash) => {
      await sql.run("DELETE FROM portal_sessions WHERE id_hash = $1", [idHash]);
    },
    prune: (before) => sql.run("DELETE FROM portal_sessions WHERE expires_at < $1", [before.getTime()]),
  };
}

export function createPortalLimitRepo(sql: Sql): PortalLimitRepo {
  return {
    hit: async (key, windowMs, now) => {
      const row = await sql.one<{ count: number | string; reset_at: number | string }>(
        `INSERT INTO portal_limits (key, count, reset_at) VALUES ($1, 1, $2)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN portal_limits.reset_at <= $3 THEN 1 ELSE portal_limits.count + 1 END,
           reset_at = CASE WHEN portal_limits.reset_at <= $3 THEN $2 ELSE portal_limits.reset_at END
         RETURNING count, reset_at`,
        [key, now.getTime() + windowMs, now.getTime()],
      );
      return { count: Number(row?.count), resetAt: new Date(Number(row?.reset_at)) };
    },
    prune: (before) => sql.run("DELETE FROM portal_limits WHERE reset_at < $1", [before.getTime()]),
  };
}
