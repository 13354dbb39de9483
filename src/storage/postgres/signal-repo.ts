import type { ReflectionRepo, SignalRepo } from "../../ports/connection-repos.js";
import { type SignalRow, toSignal } from "../rows/signal-row.js";
import type { Sql } from "./sql.js";

export function createSignalRepo(sql: Sql): SignalRepo {
  return {
    save: async (workspaceId, s) => {
      await sql.run(
        `INSERT INTO isolation_signals (workspace_id, internship_id, local_date, level, reasons, inputs, computed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (internship_id, local_date) DO UPDATE SET level = excluded.level, reasons = excluded.reasons,
           inputs = excluded.inputs, computed_at = excluded.computed_at`,
        [
          workspaceId,
          s.internshipId,
          s.date,
          s.level,
          JSON.stringify(s.reasons),
          JSON.stringify(s.inputs),
          s.computedAt.getTime(),
        ],
      );
    },
    latest: async (internshipId) => {
      const row = await sql.one<SignalRow>(
        "SELECT * FROM isolation_signals WHERE internship_id = $1 ORDER BY local_date DESC LIMIT 1",
        [internshipId],
      );
      return row ? toSignal(row) : undefined;
    },
    between: async (internshipId, from, to) =>
      (
        await sql.rows<SignalRow>(
          `SELECT * FROM isolation_signals WHERE internship_id = $1 AND local_date BETWEEN $2 AND $3
           ORDER BY local_date`,
          [internshipId, from, to],
        )
      ).map(toSignal),
  };
}

export function createReflectionRepo(sql: Sql): ReflectionRepo {
  return {
    // An existing week is updated first: an upsert that reaches ON CONFLICT has spent an id, and ids stay
    // dense as on SQLite. ON CONFLICT still settles a race between replicas.
    save: async (workspaceId, r, at) => {
      await sql.run(
        `WITH changed AS (
           UPDATE reflections SET text = $4, shared = $5 WHERE internship_id = $2 AND week = $3 RETURNING id)
         INSERT INTO reflections (workspace_id, internship_id, week, text, shared, created_at)
         SELECT $1::bigint, $2, $3, $4, $5, $6::bigint WHERE NOT EXISTS (SELECT 1 FROM changed)
         ON CONFLICT (internship_id, week) DO UPDATE SET text = excluded.text, shared = excluded.shared`,
        [workspaceId, r.internshipId, r.week, r.text, r.shared ? 1 : 0, at.getTime()],
      );
    },
    forInternship: async (internshipId) =>
      (
        await sql.rows<{
          internship_id: number;
          week: string;
          text: string;
          shared: number;
          created_at: number;
        }>("SELECT * FROM reflections WHERE internship_id = $1 ORDER BY week", [internshipId])
      ).map((r) => ({
        internshipId: r.internship_id,
        week: r.week,
        text: r.text,
        shared: r.shared === 1,
        createdAt: new Date(r.created_at),
      })),
  };
}
