import type { Milestone, MilestoneHistoryEntry, MilestoneStatus } from "../../domain/milestones.js";

export interface MilestoneRow {
  id: number;
  workspace_id: number;
  internship_id: number;
  title: string;
  due_date: string;
  status: MilestoneStatus;
  block_reason: string | null;
  feedback: string | null;
  moves: number;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

export interface MilestoneHistoryRow {
  action: string;
  actor_id: number | null;
  from_status: MilestoneStatus | null;
  to_status: MilestoneStatus | null;
  from_due: string | null;
  to_due: string | null;
  note: string | null;
  at: number;
}

export function toMilestone(row: MilestoneRow): Milestone {
  const m: Milestone = {
    id: row.id,
    workspaceId: row.workspace_id,
    internshipId: row.internship_id,
    title: row.title,
    due: row.due_date,
    status: row.status,
    moves: row.moves,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
  if (row.block_reason !== null) m.blockReason = row.block_reason;
  if (row.feedback !== null) m.feedback = row.feedback;
  if (row.created_by !== null) m.createdBy = row.created_by;
  return m;
}

export function toEntry(row: MilestoneHistoryRow): MilestoneHistoryEntry {
  const entry: MilestoneHistoryEntry = { action: row.action, at: new Date(row.at) };
  if (row.actor_id !== null) entry.actorId = row.actor_id;
  if (row.from_status !== null) entry.fromStatus = row.from_status;
  if (row.to_status !== null) entry.toStatus = row.to_status;
  if (row.from_due !== null) entry.fromDue = row.from_due;
  if (row.to_due !== null) entry.toDue = row.to_due;
  if (row.note !== null) entry.note = row.note;
  return entry;
}
