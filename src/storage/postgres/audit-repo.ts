import type { AuditEntry, AuditRepo } from "../../ports/store.js";
import type { Sql } from "./sql.js";

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

export function createAuditRepo(sql: Sql): AuditRepo {
  return {
    record: async (entry: AuditEntry, at) => {
      await sql.run(
        `INSERT INTO audit_log (workspace_id, actor_id, actor_label, action, entity, entity_id, detail, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          entry.workspaceId,
          entry.actorId ?? null,
          entry.actorLabel,
          entry.action,
          entry.entity,
          entry.entityId ?? null,
          entry.detail === undefined ? null : JSON.stringify(entry.detail),
          at.getTime(),
        ],
      );
    },
    list: async (workspaceId, limit = 100) =>
      (
        await sql.rows<Row>(
          "SELECT * FROM audit_log WHERE workspace_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
          [workspaceId, limit],
        )
      ).map((row) => {
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
