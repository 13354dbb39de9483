import type { IntroductionRepo } from "../ports/connection-repos.js";
import type { SqliteDatabase } from "./open-database.js";
import { type IntroductionRow, toIntroduction } from "./rows/introduction-row.js";
import type { Synchronous } from "./synchronous.js";

export function createIntroductionRepo(db: SqliteDatabase): Synchronous<IntroductionRepo> {
  const get = db.prepare<[number, number], IntroductionRow>(
    "SELECT * FROM introductions WHERE workspace_id = ? AND id = ?",
  );
  const forInternship = db.prepare<[number], IntroductionRow>(
    "SELECT * FROM introductions WHERE internship_id = ? ORDER BY proposed_at, id",
  );
  const forColleague = db.prepare<[number], IntroductionRow>(
    "SELECT * FROM introductions WHERE colleague_id = ? ORDER BY proposed_at, id",
  );
  const insert = db.prepare(
    `INSERT INTO introductions (workspace_id, internship_id, colleague_id, status, proposed_at)
     VALUES (?, ?, ?, 'proposed', ?) ON CONFLICT (internship_id, colleague_id) DO NOTHING`,
  );
  const byPair = db.prepare<[number, number], IntroductionRow>(
    "SELECT * FROM introductions WHERE internship_id = ? AND colleague_id = ?",
  );
  const setStatus = db.prepare(
    `UPDATE introductions SET status = @status,
       responded_at = CASE WHEN @status IN ('accepted', 'declined') AND @lapsed = 0 THEN @at ELSE responded_at END,
       met_answer_at = CASE WHEN @metAnswer = 1 THEN @at ELSE met_answer_at END,
       conversation = coalesce(@conversation, conversation),
       rescheduled = CASE WHEN @rescheduled = 1 THEN 1 ELSE rescheduled END
     WHERE id = @id`,
  );
  const count = db.prepare<[number, number], { n: number }>(
    "SELECT count(*) AS n FROM introductions WHERE colleague_id = ? AND proposed_at >= ? AND status <> 'declined'",
  );
  const last = db.prepare<[number], { at: number | null }>(
    "SELECT max(proposed_at) AS at FROM introductions WHERE colleague_id = ?",
  );

  return {
    get: (workspaceId, id) => {
      const row = get.get(workspaceId, id);
      return row ? toIntroduction(row) : undefined;
    },
    forInternship: (internshipId) => forInternship.all(internshipId).map(toIntroduction),
    forColleague: (colleagueId) => forColleague.all(colleagueId).map(toIntroduction),
    propose: (workspaceId, internshipId, colleagueId, at) => {
      const inserted = insert.run(workspaceId, internshipId, colleagueId, at.getTime()).changes > 0;
      const row = byPair.get(internshipId, colleagueId);
      return inserted && row ? toIntroduction(row) : undefined;
    },
    setStatus: (id, status, at, fields = {}) => {
      setStatus.run({
        id,
        status,
        at: at.getTime(),
        conversation: fields.conversation ?? null,
        metAnswer: fields.metAnswer ? 1 : 0,
        rescheduled: fields.rescheduled ? 1 : 0,
        lapsed: fields.lapsed ? 1 : 0,
      });
    },
    countForColleagueSince: (colleagueId, from) => count.get(colleagueId, from.getTime())?.n ?? 0,
    lastProposedTo: (colleagueId) => {
      const at = last.get(colleagueId)?.at;
      return at === null || at === undefined ? undefined : new Date(at);
    },
  };
}
