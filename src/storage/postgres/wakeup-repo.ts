import type { WakeupRepo } from "../../ports/coordination-repos.js";
import type { Sql } from "./sql.js";

/**
 * How long a wake-up handed out by due() stays with the replica that took it. The rule moves it (set or
 * clear) as soon as it has evaluated the internship; if that replica dies first, another one takes the
 * wake-up when this runs out. Long enough for a batch of several thousand evaluations.
 */
export const WAKEUP_CLAIM_MS = 5 * 60_000;

export function createWakeupRepo(sql: Sql): WakeupRepo {
  return {
    // A claim, not a plain read: the due rows are locked (SKIP LOCKED: rows another replica is claiming are
    // left to it) and moved to the end of the claim in one statement, so two replicas never plan the same
    // wake-up. On one replica nothing changes: every wake-up handed out is set or cleared by its rule.
    due: async (kind, now, limit) => {
      const rows = await sql.rows<{ workspace_id: number; internship_id: number; was: number }>(
        `UPDATE wakeups w SET due_at = $4
         FROM (SELECT internship_id, kind, due_at FROM wakeups WHERE kind = $1 AND due_at <= $2
               ORDER BY due_at, internship_id LIMIT $3 FOR UPDATE SKIP LOCKED) c
         WHERE w.internship_id = c.internship_id AND w.kind = c.kind
         RETURNING w.workspace_id, w.internship_id, c.due_at AS was`,
        [kind, now.getTime(), limit, now.getTime() + WAKEUP_CLAIM_MS],
      );
      // RETURNING keeps no order: the earliest due first, as SQLite's index gives them.
      rows.sort((a, b) => a.was - b.was || a.internship_id - b.internship_id);
      return rows.map((r) => ({ workspaceId: r.workspace_id, internshipId: r.internship_id }));
    },
    set: async (workspaceId, internshipId, kind, at) => {
      await sql.run(
        `INSERT INTO wakeups (workspace_id, internship_id, kind, due_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (internship_id, kind) DO UPDATE SET due_at = excluded.due_at`,
        [workspaceId, internshipId, kind, at.getTime()],
      );
    },
    // Touch never postpones: an earlier wake-up already planned stays. One statement for all kinds; sorted
    // and without repeats (an upsert may not touch a row twice, and one lock order avoids deadlocks).
    touch: async (workspaceId, internshipId, kinds, at) => {
      const unique = [...new Set(kinds)].sort();
      if (unique.length === 0) return;
      await sql.run(
        `INSERT INTO wakeups (workspace_id, internship_id, kind, due_at)
         SELECT $1, $2, kind, $4 FROM unnest($3::text[]) AS kind
         ON CONFLICT (internship_id, kind) DO UPDATE SET due_at = least(wakeups.due_at, excluded.due_at)`,
        [workspaceId, internshipId, unique, at.getTime()],
      );
    },
    // The same for many internships in one statement: pairs without repeats, in (internship, kind) order.
    touchEach: async (internships, kinds, at) => {
      const unique = [...new Set(kinds)].sort();
      const byId = new Map(internships.map((i) => [i.internshipId, i.workspaceId]));
      if (unique.length === 0 || byId.size === 0) return;
      const ids = [...byId.keys()].sort((a, b) => a - b);
      await sql.run(
        `INSERT INTO wakeups (workspace_id, internship_id, kind, due_at)
         SELECT t.workspace_id, t.internship_id, k.kind, $4
         FROM unnest($1::bigint[], $2::bigint[]) WITH ORDINALITY AS t(workspace_id, internship_id, n)
         CROSS JOIN unnest($3::text[]) WITH ORDINALITY AS k(kind, m)
         ORDER BY t.n, k.m
         ON CONFLICT (internship_id, kind) DO UPDATE SET due_at = least(wakeups.due_at, excluded.due_at)`,
        [ids.map((id) => byId.get(id)), ids, unique, at.getTime()],
      );
    },
    clear: async (internshipId, kind) => {
      await sql.run("DELETE FROM wakeups WHERE internship_id = $1 AND kind = $2", [internshipId, kind]);
    },
    clearAll: async (internshipId) => {
      await sql.run("DELETE FROM wakeups WHERE internship_id = $1", [internshipId]);
    },
    get: async (internshipId, kind) => {
      const row = await sql.one<{ due_at: number }>(
        "SELECT due_at FROM wakeups WHERE internship_id = $1 AND kind = $2",
        [internshipId, kind],
      );
      return row ? new Date(row.due_at) : undefined;
    },
  };
}
