import type { ExchangeSource } from "../../domain/records.js";
import type { ActivityRepo } from "../../ports/connection-repos.js";
import { type MeetingRow, toMeeting } from "../rows/activity-row.js";
import type { Sql } from "./sql.js";

// Ties in time are broken by id, and participants come by id: the order SQLite gives.
export function createActivityRepo(sql: Sql): ActivityRepo {
  return {
    record: async (workspaceId, internshipId, personId, conversation, threadKey, at) => {
      await sql.run(
        `INSERT INTO activity (workspace_id, internship_id, person_id, conversation, thread_key, at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [workspaceId, internshipId, personId, conversation, threadKey, at.getTime()],
      );
    },
    lastBy: async (internshipId, personId) => {
      const at = (
        await sql.one<{ at: number | null }>(
          "SELECT max(at) AS at FROM activity WHERE internship_id = $1 AND person_id = $2",
          [internshipId, personId],
        )
      )?.at;
      return at === null || at === undefined ? undefined : new Date(Number(at));
    },
    threadParticipants: async (internshipId, conversation, threadKey) =>
      (
        await sql.rows<{ person_id: number }>(
          `SELECT DISTINCT person_id FROM activity WHERE internship_id = $1 AND conversation = $2 AND thread_key = $3
           ORDER BY person_id`,
          [internshipId, conversation, threadKey],
        )
      ).map((r) => r.person_id),
    // A data-modifying CTE: the SELECT sees the thread as it was before the INSERT (one snapshot).
    recordInThread: async (workspaceId, internshipId, personId, conversation, threadKey, at) =>
      (
        await sql.rows<{ person_id: number }>(
          `WITH added AS (
             INSERT INTO activity (workspace_id, internship_id, person_id, conversation, thread_key, at)
             VALUES ($1, $2, $3, $4, $5, $6))
           SELECT DISTINCT person_id FROM activity WHERE internship_id = $2 AND conversation = $4 AND thread_key = $5
           ORDER BY person_id`,
          [workspaceId, internshipId, personId, conversation, threadKey, at.getTime()],
        )
      ).map((r) => r.person_id),
    addExchange: async (workspaceId, e) => {
      await sql.run(
        "INSERT INTO exchanges (workspace_id, internship_id, person_id, source, at) VALUES ($1, $2, $3, $4, $5)",
        [workspaceId, e.internshipId, e.personId, e.source, e.at.getTime()],
      );
    },
    exchangesSince: async (internshipId, from) =>
      (
        await sql.rows<{ internship_id: number; person_id: number; source: ExchangeSource; at: number }>(
          `SELECT internship_id, person_id, source, at FROM exchanges WHERE internship_id = $1 AND at >= $2
           ORDER BY at, id`,
          [internshipId, from.getTime()],
        )
      ).map((r) => ({
        internshipId: r.internship_id,
        personId: r.person_id,
        source: r.source,
        at: new Date(r.at),
      })),
    addMeeting: async (workspaceId, internshipId, personId, note, at) => {
      const row = await sql.one<MeetingRow>(
        `INSERT INTO meetings (workspace_id, internship_id, person_id, note, at) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, internship_id, person_id, note, at`,
        [workspaceId, internshipId, personId, note ?? null, at.getTime()],
      );
      return toMeeting(row!);
    },
    meetingsSince: async (internshipId, from) =>
      (
        await sql.rows<MeetingRow>(
          "SELECT * FROM meetings WHERE internship_id = $1 AND at >= $2 ORDER BY at, id",
          [internshipId, from.getTime()],
        )
      ).map(toMeeting),
    lastMeeting: async (internshipId) => {
      const row = await sql.one<MeetingRow>(
        "SELECT * FROM meetings WHERE internship_id = $1 ORDER BY at DESC, id DESC LIMIT 1",
        [internshipId],
      );
      return row ? toMeeting(row) : undefined;
    },
  };
}
