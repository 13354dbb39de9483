import type { InternshipInput, InternshipRepo } from "../ports/store.js";
import type { SqliteDatabase } from "./open-database.js";
import { type InternshipRow, toInternship } from "./rows/internship-row.js";
import type { Synchronous } from "./synchronous.js";

export function createInternshipRepo(db: SqliteDatabase): Synchronous<InternshipRepo> {
  const getById = db.prepare<[number], InternshipRow>("SELECT * FROM internships WHERE id = ?");
  const get = db.prepare<[number, number], InternshipRow>(
    "SELECT * FROM internships WHERE workspace_id = ? AND id = ?",
  );
  const byKey = db.prepare<[number, string], InternshipRow>(
    "SELECT * FROM internships WHERE workspace_id = ? AND key = ?",
  );
  const list = db.prepare<[number], InternshipRow>(
    "SELECT * FROM internships WHERE workspace_id = ? ORDER BY key",
  );
  const forPerson = db.prepare<{ w: number; p: number }, InternshipRow>(
    `SELECT * FROM internships WHERE workspace_id = @w
       AND (intern_id = @p OR supervisor_id = @p OR backup_supervisor_id = @p OR coordinator_id = @p)
     ORDER BY end_date DESC, id DESC`,
  );
  const activeOn = db.prepare<[string, string], InternshipRow>(
    "SELECT * FROM internships WHERE end_date >= ? AND start_date <= ? ORDER BY id",
  );
  const insert = db.prepare(
    `INSERT INTO internships (workspace_id, key, intern_id, supervisor_id, backup_supervisor_id, coordinator_id,
       start_date, end_date, home_channel, created_at, updated_at)
     VALUES (@workspaceId, @key, @internId, @supervisorId, @backupSupervisorId, @coordinatorId,
       @start, @end, @homeChannel, @at, @at)`,
  );
  const update = db.prepare(
    `UPDATE internships SET intern_id = @internId, supervisor_id = @supervisorId,
       backup_supervisor_id = @backupSupervisorId, coordinator_id = @coordinatorId, start_date = @start,
       end_date = @end, home_channel = @homeChannel, updated_at = @at
     WHERE id = @id`,
  );

  const byConversation = db.prepare<{ w: number; c: string }, InternshipRow>(
    `SELECT * FROM internships WHERE workspace_id = @w AND home_channel = @c
     UNION SELECT i.* FROM internship_conversations c JOIN internships i ON i.id = c.internship_id
       WHERE c.workspace_id = @w AND c.conversation = @c`,
  );
  const conversations = db.prepare<[number], { conversation: string }>(
    "SELECT conversation FROM internship_conversations WHERE internship_id = ? ORDER BY conversation",
  );
  const clearConversations = db.prepare("DELETE FROM internship_conversations WHERE internship_id = ?");
  const addConversation = db.prepare(
    "INSERT INTO internship_conversations (workspace_id, internship_id, conversation) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
  );
  const conversationsOf = (id: number) => conversations.all(id).map((r) => r.conversation);

  const pausedUntil = db.prepare<[number], { nudges_paused_until: number | null }>(
    "SELECT nudges_paused_until FROM internships WHERE id = ?",
  );
  const pause = db.prepare("UPDATE internships SET nudges_paused_until = ? WHERE id = ?");

  return {
    nudgesPausedUntil: (id) => {
      const until = pausedUntil.get(id)?.nudges_paused_until;
      return until ? new Date(until) : undefined;
    },
    pauseNudges: (id, until) => {
      pause.run(until?.getTime() ?? null, id);
    },
    byConversation: (workspaceId, conversation) =>
      byConversation.all({ w: workspaceId, c: conversation }).map(toInternship),
    conversations: conversationsOf,
    replaceConversations: (workspaceId, internshipId, wanted) => {
      const next = [...new Set(wanted)].sort();
      if (JSON.stringify(conversationsOf(internshipId)) === JSON.stringify(next)) return false;
      clearConversations.run(internshipId);
      for (const conversation of next) addConversation.run(workspaceId, internshipId, conversation);
      return true;
    },
    get: (workspaceId, id) => {
      const row = get.get(workspaceId, id);
      return row ? toInternship(row) : undefined;
    },
    getEach: (ids) => ids.flatMap((id) => getById.all(id).map(toInternship)),
    byKey: (workspaceId, key) => {
      const row = byKey.get(workspaceId, key);
      return row ? toInternship(row) : undefined;
    },
    list: (workspaceId) => list.all(workspaceId).map(toInternship),
    forPerson: (workspaceId, personId) => forPerson.all({ w: workspaceId, p: personId }).map(toInternship),
    activeOn: (date) => activeOn.all(date, date).map(toInternship),
    upsert: (workspaceId, input: InternshipInput, at) => {
      const params = {
        workspaceId,
        key: input.key,
        internId: input.internId,
        supervisorId: input.supervisorId,
        backupSupervisorId: input.backupSupervisorId ?? null,
        coordinatorId: input.coordinatorId ?? null,
        start: input.start,
        end: input.end,
        homeChannel: input.homeChannel ?? null,
        at: at.getTime(),
      };
      const existing = byKey.get(workspaceId, input.key);
      if (!existing) return { id: Number(insert.run(params).lastInsertRowid), changed: true };
      const same =
        existing.intern_id === params.internId &&
        existing.supervisor_id === params.supervisorId &&
        existing.backup_supervisor_id === params.backupSupervisorId &&
        existing.coordinator_id === params.coordinatorId &&
        existing.start_date === params.start &&
        existing.end_date === params.end &&
        existing.home_channel === params.homeChannel;
      if (!same) update.run({ ...params, id: existing.id });
      return { id: existing.id, changed: !same };
    },
  };
}
