import type { AuditEntry, AuditRepo } from "../ports/store.js";
import type { SqliteDatabase } from "./open-database.js";
import { type AuditRow, toAuditEntry } from "./rows/audit-row.js";
import type { Synchronous } from "./synchronous.js";

export function createAuditRepo(db: SqliteDatabase): Synchronous<AuditRepo> {
  const insert = db.prepare(
    `INSERT INTO audit_log (workspace_id, actor_id, actor_label, action, entity, entity_id, detail, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const list = db.prepare<[number, number], AuditRow>(
    "SELECT * FROM audit_log WHERE workspace_id = ? ORDER BY at DESC, id DESC LIMIT ?",
  );
  return {
    record: (entry: AuditEntry, at) => {
      insert.run(
        entry.workspaceId,
        entry.actorId ?? null,
        entry.actorLabel,
        entry.action,
        entry.entity,
        entry.entityId ?? null,
        entry.detail === undefined ? null : JSON.stringify(entry.detail),
        at.getTime(),
      );
    },
    list: (workspaceId, limit = 100) => list.all(workspaceId, limit).map(toAuditEntry),
  };
}
