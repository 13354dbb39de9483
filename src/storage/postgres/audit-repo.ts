import type { AuditEntry, AuditRepo } from "../../ports/store.js";
import { type AuditRow, toAuditEntry } from "../rows/audit-row.js";
import type { Sql } from "./sql.js";

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
        await sql.rows<AuditRow>(
          "SELECT * FROM audit_log WHERE workspace_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
          [workspaceId, limit],
        )
      ).map(toAuditEntry),
  };
}
