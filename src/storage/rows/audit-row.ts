import type { AuditEntry } from "../../ports/store.js";

export interface AuditRow {
  workspace_id: number;
  actor_id: number | null;
  actor_label: string;
  action: string;
  entity: string;
  entity_id: number | null;
  detail: string | null;
  at: number;
}

export function toAuditEntry(row: AuditRow): AuditEntry & { at: Date } {
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
}
