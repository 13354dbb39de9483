import type { AuditEntry, AuditRepo } from "../ports/store.js";
import type { SqliteDatabase } from "./open-database.js";
import type { Synchronous } from "./synchronous.js";

interface Row {
  workspace_id: number;
  actor_id: number | null;
  actor_label: string;
  action: string;
  entity: string;
  entity_id: number | null;
  detail: string | null;
  at: number;
}

export function createAuditRepo(db: SqliteDatabase): Synchronous<AuditRepo> {
  const insert = db.prepare(
    `INSERT INTO audit_log (workspace_id, actor_id, actor_label, action, entity, entity_id, detail, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const list = db.prepare<[number, number], Row>(
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
    list: (workspaceId, limit = 100) =>
      list.all(workspaceId, limit).map((row) => {
        const entry: AuditEntry & { at: Date } = {
          workspaceId: row.workspace_id,
          actorLabel: row.actor_label,
          action: row.action,
          entity: row.entity,
          at: new Date(row.at),
        };
        if (row.actor_id !== null) entry.actorId = row.actor_id;
        if (row.entity_id !== null) entry.entityId = row.entity_id;
        if (row.detail !== null) entry.detail = JSON.parse(row.detail);
        return entry;
      }),
  };
}
