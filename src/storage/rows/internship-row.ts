import type { Internship } from "../../domain/types.js";

export interface InternshipRow {
  id: number;
  workspace_id: number;
  key: string;
  intern_id: number;
  supervisor_id: number;
  backup_supervisor_id: number | null;
  coordinator_id: number | null;
  start_date: string;
  end_date: string;
  home_channel: string | null;
  created_at?: number | string | null;
}

export function toInternship(row: InternshipRow): Internship {
  const internship: Internship = {
    id: row.id,
    workspaceId: row.workspace_id,
    key: row.key,
    internId: row.intern_id,
    supervisorId: row.supervisor_id,
    start: row.start_date,
    end: row.end_date,
  };
  if (row.backup_supervisor_id !== null) internship.backupSupervisorId = row.backup_supervisor_id;
  if (row.coordinator_id !== null) internship.coordinatorId = row.coordinator_id;
  if (row.home_channel !== null) internship.homeChannel = row.home_channel;
  if (row.created_at !== undefined && row.created_at !== null)
    internship.addedAt = new Date(Number(row.created_at));
  return internship;
}
