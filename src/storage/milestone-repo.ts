import type { MilestoneRepo } from "../ports/store.js";
import type { SqliteDatabase } from "./open-database.js";
import { type MilestoneHistoryRow, type MilestoneRow, toEntry, toMilestone } from "./rows/milestone-row.js";
import type { Synchronous } from "./synchronous.js";

export function createMilestoneRepo(db: SqliteDatabase): Synchronous<MilestoneRepo> {
  const get = db.prepare<[number, number], MilestoneRow>(
    "SELECT * FROM milestones WHERE workspace_id = ? AND id = ?",
  );
  const listFor = db.prepare<[number], MilestoneRow>(
    "SELECT * FROM milestones WHERE internship_id = ? ORDER BY due_date, id",
  );
  const insert = db.prepare(
    `INSERT INTO milestones (workspace_id, internship_id, title, due_date, status, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'planned', ?, ?, ?)`,
  );
  const update = db.prepare(
    `UPDATE milestones SET status = @status, due_date = @due, block_reason = @blockReason, feedback = @feedback,
       moves = moves + @moved, updated_at = @at WHERE id = @id`,
  );
  const record = db.prepare(
    `INSERT INTO milestone_history (workspace_id, milestone_id, action, actor_id, from_status, to_status, from_due, to_due, note, at)
     VALUES (@workspaceId, @milestoneId, @action, @actorId, @fromStatus, @toStatus, @fromDue, @toDue, @note, @at)`,
  );
  const history = db.prepare<[number], MilestoneHistoryRow>(
    "SELECT * FROM milestone_history WHERE milestone_id = ? ORDER BY at, id",
  );

  return {
    get: (workspaceId, id) => {
      const row = get.get(workspaceId, id);
      return row ? toMilestone(row) : undefined;
    },
    listFor: (internshipId) => listFor.all(internshipId).map(toMilestone),
    add: (workspaceId, input, at) =>
      db.transaction(() => {
        const id = Number(
          insert.run(
            workspaceId,
            input.internshipId,
            input.title,
            input.due,
            input.createdBy ?? null,
            at.getTime(),
            at.getTime(),
          ).lastInsertRowid,
        );
        record.run({
          workspaceId,
          milestoneId: id,
          action: "add",
          actorId: input.createdBy ?? null,
          fromStatus: null,
          toStatus: "planned",
          fromDue: null,
          toDue: input.due,
          note: null,
          at: at.getTime(),
        });
        return toMilestone(get.get(workspaceId, id)!);
      })(),
    change: (workspaceId, milestone, change, entry, at) =>
      db.transaction(() => {
        const status = change.status ?? milestone.status;
        const due = change.due ?? milestone.due;
        update.run({
          id: milestone.id,
          status,
          due,
          blockReason:
            change.blockReason === undefined ? (milestone.blockReason ?? null) : change.blockReason,
          feedback: change.feedback === undefined ? (milestone.feedback ?? null) : change.feedback,
          moved: change.moved ? 1 : 0,
          at: at.getTime(),
        });
        record.run({
          workspaceId,
          milestoneId: milestone.id,
          action: entry.action,
          actorId: entry.actorId,
          fromStatus: milestone.status,
          toStatus: status,
          fromDue: milestone.due,
          toDue: due,
          note: entry.note ?? null,
          at: at.getTime(),
        });
        return toMilestone(get.get(workspaceId, milestone.id)!);
      })(),
    history: (milestoneId) => history.all(milestoneId).map(toEntry),
  };
}
