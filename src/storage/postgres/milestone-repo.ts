import type { MilestoneRepo } from "../../ports/store.js";
import { type MilestoneHistoryRow, type MilestoneRow, toEntry, toMilestone } from "../rows/milestone-row.js";
import type { Sql } from "./sql.js";

const RECORD = `INSERT INTO milestone_history
  (workspace_id, milestone_id, action, actor_id, from_status, to_status, from_due, to_due, note, at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;

export function createMilestoneRepo(sql: Sql): MilestoneRepo {
  return {
    get: async (workspaceId, id) => {
      const row = await sql.one<MilestoneRow>(
        "SELECT * FROM milestones WHERE workspace_id = $1 AND id = $2",
        [workspaceId, id],
      );
      return row ? toMilestone(row) : undefined;
    },
    listFor: async (internshipId) =>
      (
        await sql.rows<MilestoneRow>(
          "SELECT * FROM milestones WHERE internship_id = $1 ORDER BY due_date, id",
          [internshipId],
        )
      ).map(toMilestone),
    add: (workspaceId, input, at) =>
      sql.atomic(async () => {
        const row = (await sql.one<MilestoneRow>(
          `INSERT INTO milestones (workspace_id, internship_id, title, due_date, status, created_by, created_at, updated_at)
           VALUES ($1, $2, $3, $4, 'planned', $5, $6, $6) RETURNING *`,
          [workspaceId, input.internshipId, input.title, input.due, input.createdBy ?? null, at.getTime()],
        ))!;
        await sql.run(RECORD, [
          workspaceId,
          row.id,
          "add",
          input.createdBy ?? null,
          null,
          "planned",
          null,
          input.due,
          null,
          at.getTime(),
        ]);
        return toMilestone(row);
      }),
    change: (workspaceId, milestone, change, entry, at) =>
      sql.atomic(async () => {
        const status = change.status ?? milestone.status;
        const due = change.due ?? milestone.due;
        // Like SQLite's, the update is not scoped by workspace: the caller passes a milestone it read from it.
        await sql.run(
          `UPDATE milestones SET status = $1, due_date = $2, block_reason = $3, feedback = $4,
             moves = moves + $5, updated_at = $6 WHERE id = $7`,
          [
            status,
            due,
            change.blockReason === undefined ? (milestone.blockReason ?? null) : change.blockReason,
            change.feedback === undefined ? (milestone.feedback ?? null) : change.feedback,
            change.moved ? 1 : 0,
            at.getTime(),
            milestone.id,
          ],
        );
        await sql.run(RECORD, [
          workspaceId,
          milestone.id,
          entry.action,
          entry.actorId,
          milestone.status,
          status,
          milestone.due,
          due,
          entry.note ?? null,
          at.getTime(),
        ]);
        const row = await sql.one<MilestoneRow>(
          "SELECT * FROM milestones WHERE workspace_id = $1 AND id = $2",
          [workspaceId, milestone.id],
        );
        // SQLite's non-null assertion throws on a milestone of another workspace; so does this.
        return toMilestone(row!);
      }),
    history: async (milestoneId) =>
      (
        await sql.rows<MilestoneHistoryRow>(
          "SELECT * FROM milestone_history WHERE milestone_id = $1 ORDER BY at, id",
          [milestoneId],
        )
      ).map(toEntry),
  };
}
