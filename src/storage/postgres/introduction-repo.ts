import type { IntroductionRepo } from "../../ports/connection-repos.js";
import { type IntroductionRow, toIntroduction } from "../rows/introduction-row.js";
import type { Sql } from "./sql.js";

// The NOT EXISTS guard keeps ids dense as on SQLite: an INSERT that reaches ON CONFLICT has spent an id already.
export function createIntroductionRepo(sql: Sql): IntroductionRepo {
  const all = async (text: string, values: unknown[]) =>
    (await sql.rows<IntroductionRow>(text, values)).map(toIntroduction);

  return {
    get: async (workspaceId, id) => {
      const row = await sql.one<IntroductionRow>(
        "SELECT * FROM introductions WHERE workspace_id = $1 AND id = $2",
        [workspaceId, id],
      );
      return row ? toIntroduction(row) : undefined;
    },
    forInternship: (internshipId) =>
      all("SELECT * FROM introductions WHERE internship_id = $1 ORDER BY proposed_at, id", [internshipId]),
    forColleague: (colleagueId) =>
      all("SELECT * FROM introductions WHERE colleague_id = $1 ORDER BY proposed_at, id", [colleagueId]),
    propose: async (workspaceId, internshipId, colleagueId, at) => {
      const row = await sql.one<IntroductionRow>(
        `INSERT INTO introductions (workspace_id, internship_id, colleague_id, status, proposed_at)
         SELECT $1::bigint, $2::bigint, $3::bigint, 'proposed', $4::bigint
         WHERE NOT EXISTS (SELECT 1 FROM introductions WHERE internship_id = $2 AND colleague_id = $3)
         ON CONFLICT (internship_id, colleague_id) DO NOTHING RETURNING *`,
        [workspaceId, internshipId, colleagueId, at.getTime()],
      );
      return row ? toIntroduction(row) : undefined;
    },
    setStatus: async (id, status, at, fields = {}) => {
      await sql.run(
        `UPDATE introductions SET status = $2,
           responded_at = CASE WHEN $2 IN ('accepted', 'declined') AND $7 = 0 THEN $3 ELSE responded_at END,
           met_answer_at = CASE WHEN $4 = 1 THEN $3 ELSE met_answer_at END,
           conversation = coalesce($5, conversation),
           rescheduled = CASE WHEN $6 = 1 THEN 1 ELSE rescheduled END
         WHERE id = $1`,
        [
          id,
          status,
          at.getTime(),
          fields.metAnswer ? 1 : 0,
          fields.conversation ?? null,
          fields.rescheduled ? 1 : 0,
          fields.lapsed ? 1 : 0,
        ],
      );
    },
    countForColleagueSince: async (colleagueId, from) =>
      Number(
        (
          await sql.one<{ n: number }>(
            `SELECT count(*) AS n FROM introductions
             WHERE colleague_id = $1 AND proposed_at >= $2 AND status <> 'declined'`,
            [colleagueId, from.getTime()],
          )
        )?.n ?? 0,
      ),
    lastProposedTo: async (colleagueId) => {
      const at = (
        await sql.one<{ at: number | null }>(
          "SELECT max(proposed_at) AS at FROM introductions WHERE colleague_id = $1",
          [colleagueId],
        )
      )?.at;
      return at === null || at === undefined ? undefined : new Date(Number(at));
    },
  };
}
