import type { PersonDataRepo, RetentionRepo } from "../ports/privacy-repos.js";
import type { SqliteDatabase } from "./open-database.js";
import { answersWithoutComments } from "./rows/evaluation-row.js";
import { BLANK_PAYLOAD, ERASED_NAME, type PersonDataRow, parsed } from "./rows/person-data-row.js";
import type { Synchronous } from "./synchronous.js";

export function createPersonDataRepo(db: SqliteDatabase): Synchronous<PersonDataRepo> {
  const all = (sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as PersonDataRow[];
  const run = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params).changes;
  const asIntern = "SELECT id FROM internships WHERE workspace_id = ? AND intern_id = ?";

  return {
    export(w, p) {
      const roles = all(
        `SELECT key, start_date, end_date,
           CASE WHEN intern_id = @p THEN 'intern' END AS intern,
           CASE WHEN supervisor_id = @p THEN 'supervisor' END AS supervisor,
           CASE WHEN backup_supervisor_id = @p THEN 'backupSupervisor' END AS backup,
           CASE WHEN coordinator_id = @p THEN 'coordinator' END AS coordinator
         FROM internships WHERE workspace_id = @w
           AND @p IN (intern_id, supervisor_id, coalesce(backup_supervisor_id, -1), coalesce(coordinator_id, -1))`,
        { w, p },
      ).map((r) => ({
        internship: r.key,
        start: r.start_date,
        end: r.end_date,
        roles: [r.intern, r.supervisor, r.backup, r.coordinator].filter(Boolean),
      }));
      return {
        profile: parsed(all("SELECT * FROM people WHERE workspace_id = ? AND id = ?", w, p), "languages")[0],
        identities: all("SELECT platform, external_id FROM person_identities WHERE person_id = ?", p),
        leave: all("SELECT from_date, to_date, source FROM leave_periods WHERE person_id = ?", p),
        roles,
        checkins: all(
          `SELECT c.* FROM checkins c WHERE c.internship_id IN (${asIntern}) ORDER BY c.local_date`,
          w,
          p,
        ),
        reflections: all(
          `SELECT * FROM reflections WHERE internship_id IN (${asIntern}) ORDER BY week`,
          w,
          p,
        ),
        // Evaluations they wrote, and those about them as the intern (the supervisor's included).
        evaluations: parsed(
          all(
            `SELECT * FROM evaluations WHERE workspace_id = ? AND (author_id = ? OR internship_id IN (${asIntern}))
             ORDER BY id`,
            w,
            p,
            w,
            p,
          ),
          "answers",
        ),
        milestones: all("SELECT * FROM milestones WHERE workspace_id = ? AND created_by = ?", w, p),
        milestoneHistory: all(
          "SELECT * FROM milestone_history WHERE workspace_id = ? AND actor_id = ?",
          w,
          p,
        ),
        meetings: all(
          `SELECT * FROM meetings WHERE workspace_id = ? AND (person_id = ? OR internship_id IN (${asIntern}))`,
          w,
          p,
          w,
          p,
        ),
        introductions: all(
          `SELECT * FROM introductions WHERE workspace_id = ? AND (colleague_id = ? OR internship_id IN (${asIntern}))`,
          w,
          p,
          w,
          p,
        ),
        replyClocks: all(
          `SELECT * FROM tracked_messages WHERE workspace_id = @w
             AND @p IN (author_id, responder_id, coalesce(closed_by, -1))`,
          { w, p },
        ),
        agreements: parsed(
          all(
            "SELECT * FROM agreements WHERE workspace_id = @w AND @p IN (coalesce(created_by, -1), coalesce(decided_by, -1))",
            { w, p },
          ),
          "terms",
        ),
        learningAgreements: parsed(
          all(
            "SELECT * FROM learning_agreement_versions WHERE workspace_id = ? AND changed_by = ? ORDER BY internship_id, version",
            w,
            p,
          ),
          "agreement",
        ),
        outbox: parsed(
          all(
            "SELECT key, status, payload, created_at, sent_at FROM outbox WHERE workspace_id = ? AND recipient_id = ? ORDER BY id",
            w,
            p,
          ),
          "payload",
        ),
        audit: parsed(
          all(
            `SELECT actor_label, action, entity, entity_id, detail, at FROM audit_log WHERE workspace_id = @w
               AND (actor_id = @p OR (entity = 'person' AND entity_id = @p)) ORDER BY id`,
            { w, p },
          ),
          "detail",
        ),
      };
    },

    erase(w, p, at) {
      const counts: Record<string, number> = {};
      const internships = (db.prepare(asIntern).all(w, p) as { id: number }[]).map((r) => r.id);
      const inList = internships.length ? internships.join(",") : "-1";
      const checkinIds = (
        db.prepare(`SELECT id FROM checkins WHERE internship_id IN (${inList})`).all() as { id: number }[]
      ).map((r) => r.id);
      const identities = db
        .prepare(
          "SELECT w.platform, w.external_id AS workspace, i.external_id AS user FROM person_identities i JOIN workspaces w ON w.id = i.workspace_id WHERE i.person_id = ?",
        )
        .all(p) as { platform: string; workspace: string; user: string }[];

      counts.checkins = run(
        `UPDATE checkins SET progress = NULL, next_steps = NULL, blockers = NULL WHERE internship_id IN (${inList})`,
      );
      counts.reflections = run(
        `UPDATE reflections SET text = '', shared = 0 WHERE internship_id IN (${inList})`,
      );
      counts.milestones = run(
        "UPDATE milestones SET title = 'Milestone ' || id, block_reason = NULL WHERE workspace_id = ? AND created_by = ?",
        w,
        p,
      );
      counts.milestoneHistory = run(
        "UPDATE milestone_history SET note = NULL WHERE workspace_id = ? AND actor_id = ?",
        w,
        p,
      );
      counts.meetings = run(
        `UPDATE meetings SET note = NULL WHERE workspace_id = ? AND (person_id = ? OR internship_id IN (${inList}))`,
        w,
        p,
      );
      counts.agreements = run(
        "UPDATE agreements SET decline_reason = NULL WHERE workspace_id = ? AND decided_by = ?",
        w,
        p,
      );
      // Evaluations they wrote or about them: the comments go, the ratings stay (a record is never rewritten otherwise).
      const evaluations = db
        .prepare(
          `SELECT id, answers FROM evaluations WHERE workspace_id = ? AND (author_id = ? OR internship_id IN (${inList}))`,
        )
        .all(w, p) as { id: number; answers: string }[];
      counts.evaluations = evaluations.reduce(
        (n, e) =>
          n + run("UPDATE evaluations SET answers = ? WHERE id = ?", answersWithoutComments(e.answers), e.id),
        0,
      );
      counts.replyClocks = run(
        "UPDATE tracked_messages SET permalink = NULL WHERE workspace_id = @w AND @p IN (author_id, responder_id)",
        { w, p },
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
      ];
      counts.outbox = run(
        `UPDATE outbox SET payload = ?, address = '',
           status = CASE WHEN status IN ('pending', 'sending') THEN 'expired' ELSE status END, lease_until = NULL
         WHERE workspace_id = ? AND recipient_id = ?`,
        BLANK_PAYLOAD,
        w,
        p,
      );
      for (const prefix of carried) {
        counts.outbox += run(
          `UPDATE outbox SET payload = ?,
             status = CASE WHEN status IN ('pending', 'sending') THEN 'expired' ELSE status END, lease_until = NULL
           WHERE workspace_id = ? AND key LIKE ? ESCAPE '\\'`,
          BLANK_PAYLOAD,
          w,
          `${prefix.replaceAll("_", "\\_")}%`,
        );
      }
      // Any other message that names them (digests, notices): its text goes too, the row stays.
      const named = db.prepare("SELECT name FROM people WHERE id = ?").get(p) as { name: string } | undefined;
      const inJson = named?.name ? JSON.stringify(named.name).slice(1, -1) : "";
      if (inJson.length >= 3) {
        counts.outbox += run(
          `UPDATE outbox SET payload = ?,
             status = CASE WHEN status IN ('pending', 'sending') THEN 'expired' ELSE status END, lease_until = NULL
           WHERE workspace_id = ? AND instr(payload, ?) > 0`,
          BLANK_PAYLOAD,
          w,
          inJson,
        );
      }
      counts.audit = run(
        `UPDATE audit_log SET actor_label = 'erased', detail = NULL WHERE workspace_id = @w
           AND (actor_id = @p OR (entity = 'person' AND entity_id = @p))`,
        { w, p },
      );
      for (const id of identities) {
        run(
          "DELETE FROM platform_references WHERE platform = ? AND workspace = ? AND kind = 'user' AND key = ?",
          id.platform,
          id.workspace,
          id.user,
        );
      }
      counts.identities = run("DELETE FROM person_identities WHERE person_id = ?", p);
      counts.leave = run("DELETE FROM leave_periods WHERE person_id = ?", p);
      counts.profile = run(
        `UPDATE people SET key = 'erased-' || id, name = ?, region = NULL, department = NULL, email = NULL, languages = '[]',
           is_colleague = 0, updated_at = ? WHERE workspace_id = ? AND id = ?`,
        ERASED_NAME,
        at.getTime(),
        w,
        p,
      );
      return counts;
    },
  };
}

export function createRetentionRepo(db: SqliteDatabase): Synchronous<RetentionRepo> {
  const inbound = db.prepare(
    `DELETE FROM inbound_events WHERE (platform, workspace, event_id) IN
       (SELECT platform, workspace, event_id FROM inbound_events WHERE received_at < ? LIMIT ?)`,
  );
  const outbox = db.prepare(
    `UPDATE outbox SET payload = ? WHERE id IN
       (SELECT id FROM outbox WHERE status IN ('sent', 'dead', 'expired')
          AND coalesce(sent_at, created_at) < ? AND payload <> ? LIMIT ?)`,
  );
  const checkins = db.prepare(
    `DELETE FROM checkins WHERE id IN (SELECT c.id FROM checkins c JOIN internships i ON i.id = c.internship_id
       WHERE i.end_date < ? LIMIT ?)`,
  );
  const reflections = db.prepare(
    `DELETE FROM reflections WHERE id IN (SELECT r.id FROM reflections r JOIN internships i ON i.id = r.internship_id
       WHERE i.end_date < ? LIMIT ?)`,
  );
  return {
    purgeInbound: (before, limit) => inbound.run(before.getTime(), limit).changes,
    blankOutboxPayloads: (before, limit) =>
      outbox.run(BLANK_PAYLOAD, before.getTime(), BLANK_PAYLOAD, limit).changes,
    purgeAnswers: (endedBefore, limit) => {
      const removed = checkins.run(endedBefore, limit).changes;
      return removed + reflections.run(endedBefore, Math.max(0, limit - removed)).changes;
    },
  };
}
