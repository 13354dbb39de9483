import type { CheckinRepo } from "../../ports/connection-repos.js";
import { type CheckinRow, toCheckin } from "../rows/checkin-row.js";
import type { Sql } from "./sql.js";

/**
 * Every INSERT that reaches ON CONFLICT spends an id; the NOT EXISTS guard spares it, so ids stay dense as
 * on SQLite (only a race between replicas, which ON CONFLICT settles, may leave a gap).
 */
export function createCheckinRepo(sql: Sql): CheckinRepo {
  const one = async (text: string, values: unknown[]) => {
    const row = await sql.one<CheckinRow>(text, values);
    return row ? toCheckin(row) : undefined;
  };
  const all = async (text: string, values: unknown[]) =>
    (await sql.rows<CheckinRow>(text, values)).map(toCheckin);

  return {
    get: (internshipId, date) =>
      one("SELECT * FROM checkins WHERE internship_id = $1 AND local_date = $2", [internshipId, date]),
    byId: (workspaceId, id) =>
      one("SELECT * FROM checkins WHERE workspace_id = $1 AND id = $2", [workspaceId, id]),
    create: async (workspaceId, internshipId, date, initial, at) =>
      (await sql.run(
        `INSERT INTO checkins (workspace_id, internship_id, local_date, status, created_at)
         SELECT $1::bigint, $2::bigint, $3::text, $4::text, $5::bigint
         WHERE NOT EXISTS (SELECT 1 FROM checkins WHERE internship_id = $2 AND local_date = $3)
         ON CONFLICT (internship_id, local_date) DO NOTHING`,
        [workspaceId, internshipId, date, initial, at.getTime()],
      )) > 0,
    setStatus: async (id, next, sentAt) => {
      await sql.run("UPDATE checkins SET status = $1, sent_at = coalesce($2, sent_at) WHERE id = $3", [
        next,
        sentAt?.getTime() ?? null,
        id,
      ]);
    },
    answer: async (id, answers, next, at) => {
      await sql.run(
        `UPDATE checkins SET status = $2, progress = $3, next_steps = $4, blockers = $5, connectedness = $6,
           answered_at = $7 WHERE id = $1`,
        [
          id,
          next,
          answers.progress ?? null,
          answers.nextSteps ?? null,
          answers.blockers ?? null,
          answers.connectedness ?? null,
          at.getTime(),
        ],
      );
    },
    settle: async (id, next, at) =>
      (await sql.run(
        "UPDATE checkins SET status = $1, settled_at = $2 WHERE id = $3 AND settled_at IS NULL",
        [next, at.getTime(), id],
      )) > 0,
    unsettledBefore: (internshipId, date) =>
      all(
        "SELECT * FROM checkins WHERE internship_id = $1 AND settled_at IS NULL AND local_date < $2 ORDER BY local_date",
        [internshipId, date],
      ),
    recent: (internshipId, limit) =>
      all("SELECT * FROM checkins WHERE internship_id = $1 ORDER BY local_date DESC LIMIT $2", [
        internshipId,
        limit,
      ]),
    between: (internshipId, from, to) =>
      all(
        "SELECT * FROM checkins WHERE internship_id = $1 AND local_date BETWEEN $2 AND $3 ORDER BY local_date",
        [internshipId, from, to],
      ),
  };
}
