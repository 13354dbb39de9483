import type { InternshipInput, InternshipRepo } from "../../ports/store.js";
import { type InternshipRow, toInternship } from "../rows/internship-row.js";
import type { Sql } from "./sql.js";

export function createInternshipRepo(sql: Sql): InternshipRepo {
  const all = async (text: string, values: unknown[]) =>
    (await sql.rows<InternshipRow>(text, values)).map(toInternship);
  const first = async (text: string, values: unknown[]) => {
    const row = await sql.one<InternshipRow>(text, values);
    return row ? toInternship(row) : undefined;
  };
  const byKey = (workspaceId: number, key: string) =>
    sql.one<InternshipRow>("SELECT * FROM internships WHERE workspace_id = $1 AND key = $2", [
      workspaceId,
      key,
    ]);
  const conversationsOf = async (id: number) =>
    (
      await sql.rows<{ conversation: string }>(
        "SELECT conversation FROM internship_conversations WHERE internship_id = $1 ORDER BY conversation",
        [id],
      )
    ).map((r) => r.conversation);

  return {
    nudgesPausedUntil: async (id) => {
      const until = (
        await sql.one<{ nudges_paused_until: number | null }>(
          "SELECT nudges_paused_until FROM internships WHERE id = $1",
          [id],
        )
      )?.nudges_paused_until;
      return until ? new Date(until) : undefined;
    },
    pauseNudges: async (id, until) => {
      await sql.run("UPDATE internships SET nudges_paused_until = $1 WHERE id = $2", [
        until?.getTime() ?? null,
        id,
      ]);
    },
    // UNION removes an internship found both ways; ORDER BY id is the order SQLite's UNION gives.
    byConversation: (workspaceId, conversation) =>
      all(
        `SELECT * FROM internships WHERE workspace_id = $1 AND home_channel = $2
         UNION SELECT i.* FROM internship_conversations c JOIN internships i ON i.id = c.internship_id
           WHERE c.workspace_id = $1 AND c.conversation = $2
         ORDER BY id`,
        [workspaceId, conversation],
      ),
    conversations: conversationsOf,
    replaceConversations: (workspaceId, internshipId, wanted) =>
      sql.atomic(async () => {
        // Two replicas replacing the same list take turns: compare, then replace.
        await sql.run("SELECT 1 FROM internships WHERE id = $1 FOR NO KEY UPDATE", [internshipId]);
        const next = [...new Set(wanted)].sort();
        if (JSON.stringify(await conversationsOf(internshipId)) === JSON.stringify(next)) return false;
        await sql.run("DELETE FROM internship_conversations WHERE internship_id = $1", [internshipId]);
        for (const conversation of next) {
          await sql.run(
            "INSERT INTO internship_conversations (workspace_id, internship_id, conversation) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            [workspaceId, internshipId, conversation],
          );
        }
        return true;
      }),
    get: (workspaceId, id) =>
      first("SELECT * FROM internships WHERE workspace_id = $1 AND id = $2", [workspaceId, id]),
    getEach: async (ids) =>
      ids.length === 0 ? [] : all("SELECT * FROM internships WHERE id = ANY($1::bigint[])", [[...ids]]),
    byKey: async (workspaceId, key) => {
      const row = await byKey(workspaceId, key);
      return row ? toInternship(row) : undefined;
    },
    list: (workspaceId) =>
      all("SELECT * FROM internships WHERE workspace_id = $1 ORDER BY key", [workspaceId]),
    forPerson: (workspaceId, personId) =>
      all(
        `SELECT * FROM internships WHERE workspace_id = $1
           AND (intern_id = $2 OR supervisor_id = $2 OR backup_supervisor_id = $2 OR coordinator_id = $2)
         ORDER BY end_date DESC, id DESC`,
        [workspaceId, personId],
      ),
    activeOn: (date) =>
      all("SELECT * FROM internships WHERE end_date >= $1 AND start_date <= $1 ORDER BY id", [date]),
    upsert: (workspaceId, input: InternshipInput, at) =>
      sql.atomic(async () => {
        const params = {
          internId: input.internId,
          supervisorId: input.supervisorId,
          backupSupervisorId: input.backupSupervisorId ?? null,
          coordinatorId: input.coordinatorId ?? null,
          start: input.start,
          end: input.end,
          homeChannel: input.homeChannel ?? null,
        };
        const values = [
          params.internId,
          params.supervisorId,
          params.backupSupervisorId,
          params.coordinatorId,
          params.start,
          params.end,
          params.homeChannel,
          at.getTime(),
        ];
        let existing = await byKey(workspaceId, input.key);
        if (!existing) {
          // Another replica importing the same file may insert the key first: then this one updates it.
          const inserted = await sql.one<{ id: number }>(
            `INSERT INTO internships (intern_id, supervisor_id, backup_supervisor_id, coordinator_id, start_date,
               end_date, home_channel, created_at, updated_at, workspace_id, key)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10)
             ON CONFLICT (workspace_id, key) DO NOTHING RETURNING id`,
            [...values, workspaceId, input.key],
          );
          if (inserted) return { id: inserted.id, changed: true };
          existing = (await byKey(workspaceId, input.key))!;
        }
        const same =
          existing.intern_id === params.internId &&
          existing.supervisor_id === params.supervisorId &&
          existing.backup_supervisor_id === params.backupSupervisorId &&
          existing.coordinator_id === params.coordinatorId &&
          existing.start_date === params.start &&
          existing.end_date === params.end &&
          existing.home_channel === params.homeChannel;
        if (!same) {
          await sql.run(
            `UPDATE internships SET intern_id = $1, supervisor_id = $2, backup_supervisor_id = $3, coordinator_id = $4,
               start_date = $5, end_date = $6, home_channel = $7, updated_at = $8
             WHERE id = $9`,
            [...values, existing.id],
          );
        }
        return { id: existing.id, changed: !same };
      }),
  };
}
