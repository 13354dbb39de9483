import type { ExchangeSource } from "../domain/records.js";
import type { ActivityRepo } from "../ports/connection-repos.js";
import type { SqliteDatabase } from "./open-database.js";
import { type MeetingRow, toMeeting } from "./rows/activity-row.js";
import type { Synchronous } from "./synchronous.js";

export function createActivityRepo(db: SqliteDatabase): Synchronous<ActivityRepo> {
  const record = db.prepare(
    "INSERT INTO activity (workspace_id, internship_id, person_id, conversation, thread_key, at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const lastBy = db.prepare<[number, number], { at: number | null }>(
    "SELECT max(at) AS at FROM activity WHERE internship_id = ? AND person_id = ?",
  );
  // Without INDEXED BY, SQLite reads DISTINCT person_id from the (internship, person, at) index, which
  // visits every activity row of the internship: each reply in a thread cost more than the one before.
  // ORDER BY: by id, as PostgreSQL answers (the thread index alone gives them in the order they wrote).
  const participants = db.prepare<[number, string, string], { person_id: number }>(
    "SELECT DISTINCT person_id FROM activity INDEXED BY activity_thread WHERE internship_id = ? AND conversation = ? AND thread_key = ? ORDER BY person_id",
  );
  const addExchange = db.prepare(
    "INSERT INTO exchanges (workspace_id, internship_id, person_id, source, at) VALUES (?, ?, ?, ?, ?)",
  );
  const exchanges = db.prepare<
    [number, number],
    { internship_id: number; person_id: number; source: ExchangeSource; at: number }
  >(
    "SELECT internship_id, person_id, source, at FROM exchanges WHERE internship_id = ? AND at >= ? ORDER BY at",
  );
  const addMeeting = db.prepare(
    "INSERT INTO meetings (workspace_id, internship_id, person_id, note, at) VALUES (?, ?, ?, ?, ?)",
  );
  const meeting = db.prepare<[number], MeetingRow>("SELECT * FROM meetings WHERE id = ?");
  const meetings = db.prepare<[number, number], MeetingRow>(
    "SELECT * FROM meetings WHERE internship_id = ? AND at >= ? ORDER BY at",
  );
  const lastMeeting = db.prepare<[number], MeetingRow>(
    "SELECT * FROM meetings WHERE internship_id = ? ORDER BY at DESC, id DESC LIMIT 1",
  );

  return {
    record: (workspaceId, internshipId, personId, conversation, threadKey, at) => {
      record.run(workspaceId, internshipId, personId, conversation, threadKey, at.getTime());
    },
    lastBy: (internshipId, personId) => {
      const at = lastBy.get(internshipId, personId)?.at;
      return at === null || at === undefined ? undefined : new Date(at);
    },
    threadParticipants: (internshipId, conversation, threadKey) =>
      participants.all(internshipId, conversation, threadKey).map((r) => r.person_id),
    recordInThread: (workspaceId, internshipId, personId, conversation, threadKey, at) => {
      const before = participants.all(internshipId, conversation, threadKey).map((r) => r.person_id);
      record.run(workspaceId, internshipId, personId, conversation, threadKey, at.getTime());
      return before;
    },
    addExchange: (workspaceId, e) => {
      addExchange.run(workspaceId, e.internshipId, e.personId, e.source, e.at.getTime());
    },
    exchangesSince: (internshipId, from) =>
      exchanges.all(internshipId, from.getTime()).map((r) => ({
        internshipId: r.internship_id,
        personId: r.person_id,
        source: r.source,
        at: new Date(r.at),
      })),
    addMeeting: (workspaceId, internshipId, personId, note, at) => {
      const id = Number(
        addMeeting.run(workspaceId, internshipId, personId, note ?? null, at.getTime()).lastInsertRowid,
      );
      return toMeeting(meeting.get(id)!);
    },
    meetingsSince: (internshipId, from) => meetings.all(internshipId, from.getTime()).map(toMeeting),
    lastMeeting: (internshipId) => {
      const row = lastMeeting.get(internshipId);
      return row ? toMeeting(row) : undefined;
    },
  };
}
