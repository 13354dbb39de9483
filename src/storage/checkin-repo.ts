import type { CheckinAnswers } from "../domain/checkins.js";
import type { LocalDate } from "../domain/types.js";
import type { CheckinRepo } from "../ports/connection-repos.js";
import type { SqliteDatabase } from "./open-database.js";
import { type CheckinRow, toCheckin } from "./rows/checkin-row.js";
import type { Synchronous } from "./synchronous.js";

export function createCheckinRepo(db: SqliteDatabase): Synchronous<CheckinRepo> {
  const get = db.prepare<[number, string], CheckinRow>(
    "SELECT * FROM checkins WHERE internship_id = ? AND local_date = ?",
  );
  const byId = db.prepare<[number, number], CheckinRow>(
    "SELECT * FROM checkins WHERE workspace_id = ? AND id = ?",
  );
  const create = db.prepare(
    `INSERT INTO checkins (workspace_id, internship_id, local_date, status, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (internship_id, local_date) DO NOTHING`,
  );
  const status = db.prepare("UPDATE checkins SET status = ?, sent_at = coalesce(?, sent_at) WHERE id = ?");
  const answer = db.prepare(
    `UPDATE checkins SET status = @status, progress = @progress, next_steps = @nextSteps, blockers = @blockers,
       connectedness = @connectedness, answered_at = @at WHERE id = @id`,
  );
  const unsettled = db.prepare<[number, string], CheckinRow>(
    "SELECT * FROM checkins WHERE internship_id = ? AND settled_at IS NULL AND local_date < ? ORDER BY local_date",
  );
  const settle = db.prepare(
    "UPDATE checkins SET status = ?, settled_at = ? WHERE id = ? AND settled_at IS NULL",
  );
  const recent = db.prepare<[number, number], CheckinRow>(
    "SELECT * FROM checkins WHERE internship_id = ? ORDER BY local_date DESC LIMIT ?",
  );
  const between = db.prepare<[number, string, string], CheckinRow>(
    "SELECT * FROM checkins WHERE internship_id = ? AND local_date BETWEEN ? AND ? ORDER BY local_date",
  );

  return {
    get: (internshipId, date) => {
      const row = get.get(internshipId, date);
      return row ? toCheckin(row) : undefined;
    },
    byId: (workspaceId, id) => {
      const row = byId.get(workspaceId, id);
      return row ? toCheckin(row) : undefined;
    },
    create: (workspaceId, internshipId, date: LocalDate, initial, at) =>
      create.run(workspaceId, internshipId, date, initial, at.getTime()).changes > 0,
    setStatus: (id, next, sentAt) => {
      status.run(next, sentAt?.getTime() ?? null, id);
    },
    answer: (id, answers: CheckinAnswers, next, at) => {
      answer.run({
        id,
        status: next,
        progress: answers.progress ?? null,
        nextSteps: answers.nextSteps ?? null,
        blockers: answers.blockers ?? null,
        connectedness: answers.connectedness ?? null,
        at: at.getTime(),
      });
    },
    settle: (id, next, at) => settle.run(next, at.getTime(), id).changes > 0,
    unsettledBefore: (internshipId, date) => unsettled.all(internshipId, date).map(toCheckin),
    recent: (internshipId, limit) => recent.all(internshipId, limit).map(toCheckin),
    between: (internshipId, from, to) => between.all(internshipId, from, to).map(toCheckin),
  };
}
