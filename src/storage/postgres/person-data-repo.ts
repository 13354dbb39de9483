import type { PersonDataRepo, RetentionRepo } from "../../ports/privacy-repos.js";
import { answersWithoutComments } from "../rows/evaluation-row.js";
import { BLANK_PAYLOAD, ERASED_NAME, type PersonDataRow, parsed } from "../rows/person-data-row.js";
import type { Sql } from "./sql.js";

/** An erased or withdrawn message: its text goes, the row (and its key, for dedupe) stays, unsent. */
const BLANK_OUTBOX = `payload = $1,
  status = CASE WHEN status IN ('pending', 'sending') THEN 'expired' ELSE status END, lease_until = NULL`;

/**
 * Where SQLite's export query has no ORDER BY, rows come in the order its plan gives today: by id for a scan,
 * else the index's order (roles by coordinator, reply clocks by conversation). Introductions, which SQLite
 * reads through two indexes at once, are listed by id.
 */
export function createPersonDataRepo(sql: Sql): PersonDataRepo {
  const asIntern = "SELECT id FROM internships WHERE workspace_id = $1 AND intern_id = $2";

  return {
    async export(w, p) {
      const all = (text: string, values: unknown[] = [w, p]) => sql.rows<PersonDataRow>(text, values);
      const roles = (
        await all(
          `SELECT key, start_date, end_date,
             CASE WHEN intern_id = $2 THEN 'intern' END AS intern,
             CASE WHEN supervisor_id = $2 THEN 'supervisor' END AS supervisor,
             CASE WHEN backup_supervisor_id = $2 THEN 'backupSupervisor' END AS backup,
             CASE WHEN coordinator_id = $2 THEN 'coordinator' END AS coordinator
           FROM internships WHERE workspace_id = $1
             AND $2 IN (intern_id, supervisor_id, coalesce(backup_supervisor_id, -1), coalesce(coordinator_id, -1))
           ORDER BY coordinator_id NULLS FIRST, id`,
        )
      ).map((r) => ({
        internship: r.key,
        start: r.start_date,
        end: r.end_date,
        roles: [r.intern, r.supervisor, r.backup, r.coordinator].filter(Boolean),
      }));
      return {
        profile: parsed(
          await all("SELECT * FROM people WHERE workspace_id = $1 AND id = $2"),
          "languages",
        )[0],
        identities: await all(
          "SELECT platform, external_id FROM person_identities WHERE person_id = $1 ORDER BY platform",
          [p],
        ),
        leave: await all(
          "SELECT from_date, to_date, source FROM leave_periods WHERE person_id = $1 ORDER BY from_date, id",
          [p],
        ),
        roles,
        checkins: await all(
          `SELECT c.* FROM checkins c WHERE c.internship_id IN (${asIntern}) ORDER BY c.local_date, c.internship_id`,
        ),
        reflections: await all(
          `SELECT * FROM reflections WHERE internship_id IN (${asIntern}) ORDER BY week, internship_id`,
        ),
        // Evaluations they wrote, and those about them as the intern (the supervisor's included).
        evaluations: parsed(
          await all(
            `SELECT * FROM evaluations WHERE workspace_id = $1 AND (author_id = $2 OR internship_id IN (${asIntern}))
             ORDER BY id`,
          ),
          "answers",
        ),
        milestones: await all(
          "SELECT * FROM milestones WHERE workspace_id = $1 AND created_by = $2 ORDER BY id",
        ),
        milestoneHistory: await all(
          "SELECT * FROM milestone_history WHERE workspace_id = $1 AND actor_id = $2 ORDER BY id",
        ),
        meetings: await all(
          `SELECT * FROM meetings WHERE workspace_id = $1 AND (person_id = $2 OR internship_id IN (${asIntern}))
           ORDER BY id`,
        ),
        introductions: await all(
          `SELECT * FROM introductions WHERE workspace_id = $1 AND (colleague_id = $2 OR internship_id IN (${asIntern}))
           ORDER BY id`,
        ),
        replyClocks: await all(
          `SELECT * FROM tracked_messages WHERE workspace_id = $1
             AND $2 IN (author_id, responder_id, coalesce(closed_by, -1))
           ORDER BY conversation, closed_at NULLS FIRST, id`,
        ),
        agreements: parsed(
          await all(
            `SELECT * FROM agreements WHERE workspace_id = $1
               AND $2 IN (coalesce(created_by, -1), coalesce(decided_by, -1)) ORDER BY id`,
          ),
          "terms",
        ),
        learningAgreements: parsed(
          await all(
            `SELECT * FROM learning_agreement_versions WHERE workspace_id = $1 AND changed_by = $2
             ORDER BY internship_id, version`,
          ),
          "agreement",
        ),
        outbox: parsed(
          await all(
            `SELECT key, status, payload, created_at, sent_at FROM outbox WHERE workspace_id = $1 AND recipient_id = $2
             ORDER BY id`,
          ),
          "payload",
        ),
        audit: parsed(
          await all(
            `SELECT actor_label, action, entity, entity_id, detail, at FROM audit_log WHERE workspace_id = $1
               AND (actor_id = $2 OR (entity = 'person' AND entity_id = $2)) ORDER BY id`,
          ),
          "detail",
        ),
      };
    },

    erase: (w, p, at) =>
      sql.atomic(async () => {
        const counts: Record<string, number> = {};
        const run = (text: string, values: unknown[] = [w, p]) => sql.run(text, values);
        const internships = (await sql.rows<{ id: number }>(asIntern, [w, p])).map((r) => r.id);
        const checkinIds = (
          await sql.rows<{ id: number }>("SELECT id FROM checkins WHERE internship_id = ANY ($1::bigint[])", [
            internships,
          ])
        ).map((r) => r.id);

        counts.checkins = await run(
          "UPDATE checkins SET progress = NULL, next_steps = NULL, blockers = NULL WHERE internship_id = ANY ($1::bigint[])",
          [internships],
        );
        counts.reflections = await run(
          "UPDATE reflections SET text = '', shared = 0 WHERE internship_id = ANY ($1::bigint[])",
          [internships],
        );
        counts.milestones = await run(
          "UPDATE milestones SET title = 'Milestone ' || id, block_reason = NULL WHERE workspace_id = $1 AND created_by = $2",
        );
        counts.milestoneHistory = await run(
          "UPDATE milestone_history SET note = NULL WHERE workspace_id = $1 AND actor_id = $2",
        );
        counts.meetings = await run(
          `UPDATE meetings SET note = NULL
           WHERE workspace_id = $1 AND (person_id = $2 OR internship_id = ANY ($3::bigint[]))`,
          [w, p, internships],
        );
        counts.agreements = await run(
          "UPDATE agreements SET decline_reason = NULL WHERE workspace_id = $1 AND decided_by = $2",
        );
        // Evaluations they wrote or about them: the comments go, the ratings stay.
        const evaluations = await sql.rows<{ id: number; answers: string }>(
          `SELECT id, answers FROM evaluations WHERE workspace_id = $1
             AND (author_id = $2 OR internship_id = ANY ($3::bigint[])) ORDER BY id`,
          [w, p, internships],
        );
        counts.evaluations = 0;
        for (const e of evaluations) {
          counts.evaluations += await run("UPDATE evaluations SET answers = $1 WHERE id = $2", [
            answersWithoutComments(e.answers),
            e.id,
          ]);
        }
        counts.replyClocks = await run(
          "UPDATE tracked_messages SET permalink = NULL WHERE workspace_id = $1 AND $2 IN (author_id, responder_id)",
        );
        // Messages to them, and messages to others that carried their words (blockers, answers, digests).
        const carried = [
          ...internships.flatMap((i) => [
            `checkin-summary:${i}:`,
            `reflection:${i}:`,
            `evaluation:${i}:`,
            `digest:%:${i}:`,
            `missed-streak:${i}:`,
          ]),
          ...checkinIds.flatMap((c) => [`blocker:${c}:`, `checkin-answer:${c}:`]),
        ].map((prefix) => `${prefix.replaceAll("_", "\\_")}%`);
        counts.outbox = await run(
          `UPDATE outbox SET ${BLANK_OUTBOX}, address = '' WHERE workspace_id = $2 AND recipient_id = $3`,
          [BLANK_PAYLOAD, w, p],
        );
        // One statement for every prefix; a row counts once per prefix it matches, as one UPDATE per prefix
        // would count it. ILIKE: SQLite's LIKE ignores ASCII case.
        const perRow = await sql.rows<{ n: number }>(
          `UPDATE outbox SET ${BLANK_OUTBOX} WHERE workspace_id = $2 AND key ILIKE ANY ($3::text[])
           RETURNING (SELECT count(*) FROM unnest($3::text[]) AS c (prefix) WHERE outbox.key ILIKE c.prefix) AS n`,
          [BLANK_PAYLOAD, w, carried],
        );
        counts.outbox += perRow.reduce((sum, r) => sum + Number(r.n), 0);
        // Any other message that names them (digests, notices): its text goes too, the row stays.
        const named = await sql.one<{ name: string }>("SELECT name FROM people WHERE id = $1", [p]);
        const inJson = named?.name ? JSON.stringify(named.name).slice(1, -1) : "";
        if (inJson.length >= 3) {
          counts.outbox += await run(
            `UPDATE outbox SET ${BLANK_OUTBOX} WHERE workspace_id = $2 AND strpos(payload, $3) > 0`,
            [BLANK_PAYLOAD, w, inJson],
          );
        }
        counts.audit = await run(
          `UPDATE audit_log SET actor_label = 'erased', detail = NULL WHERE workspace_id = $1
             AND (actor_id = $2 OR (entity = 'person' AND entity_id = $2))`,
        );
        // Their adapters' references to reach them, found through their identities before those go.
        await run(
          `DELETE FROM platform_references r USING person_identities i JOIN workspaces ws ON ws.id = i.workspace_id
           WHERE i.person_id = $1 AND r.platform = ws.platform AND r.workspace = ws.external_id
             AND r.kind = 'user' AND r.key = i.external_id`,
          [p],
        );
        counts.identities = await run("DELETE FROM person_identities WHERE person_id = $1", [p]);
        counts.leave = await run("DELETE FROM leave_periods WHERE person_id = $1", [p]);
        counts.profile = await run(
          `UPDATE people SET key = 'erased-' || id, name = $1, region = NULL, department = NULL, email = NULL, languages = '[]',
             is_colleague = 0, updated_at = $2 WHERE workspace_id = $3 AND id = $4`,
          [ERASED_NAME, at.getTime(), w, p],
        );
        return counts;
      }),
  };
}

// Each batch skips rows another replica's batch holds, so concurrent batches never wait on each other.
export function createRetentionRepo(sql: Sql): RetentionRepo {
  return {
    purgeInbound: (before, limit) =>
      sql.run(
        `DELETE FROM inbound_events WHERE (platform, workspace, event_id) IN
           (SELECT platform, workspace, event_id FROM inbound_events WHERE received_at < $1 LIMIT $2
            FOR UPDATE SKIP LOCKED)`,
        [before.getTime(), limit],
      ),
    blankOutboxPayloads: (before, limit) =>
      sql.run(
        `UPDATE outbox SET payload = $1 WHERE id IN
           (SELECT id FROM outbox WHERE status IN ('sent', 'dead', 'expired')
              AND coalesce(sent_at, created_at) < $2 AND payload <> $1 LIMIT $3 FOR UPDATE SKIP LOCKED)`,
        [BLANK_PAYLOAD, before.getTime(), limit],
      ),
    purgeAnswers: async (endedBefore, limit) => {
      const removed = await sql.run(
        `DELETE FROM checkins WHERE id IN (SELECT c.id FROM checkins c JOIN internships i ON i.id = c.internship_id
           WHERE i.end_date < $1 LIMIT $2 FOR UPDATE OF c SKIP LOCKED)`,
        [endedBefore, limit],
      );
      return (
        removed +
        (await sql.run(
          `DELETE FROM reflections WHERE id IN (SELECT r.id FROM reflections r
             JOIN internships i ON i.id = r.internship_id WHERE i.end_date < $1 LIMIT $2 FOR UPDATE OF r SKIP LOCKED)`,
          [endedBefore, Math.max(0, limit - removed)],
        ))
      );
    },
  };
}
