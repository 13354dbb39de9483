import type { Checkin, CheckinStatus } from "../../domain/checkins.js";

export interface CheckinRow {
  id: number;
  workspace_id: number;
  internship_id: number;
  local_date: string;
  status: CheckinStatus;
  progress: string | null;
  next_steps: string | null;
  blockers: string | null;
  connectedness: number | null;
  sent_at: number | null;
  answered_at: number | null;
  settled_at: number | null;
}

export function toCheckin(row: CheckinRow): Checkin {
  const c: Checkin = {
    id: row.id,
    workspaceId: row.workspace_id,
    internshipId: row.internship_id,
    date: row.local_date,
    status: row.status,
  };
  if (row.progress !== null) c.progress = row.progress;
  if (row.next_steps !== null) c.nextSteps = row.next_steps;
  if (row.blockers !== null) c.blockers = row.blockers;
  if (row.connectedness !== null) c.connectedness = row.connectedness;
  if (row.sent_at !== null) c.sentAt = new Date(row.sent_at);
  if (row.answered_at !== null) c.answeredAt = new Date(row.answered_at);
  if (row.settled_at !== null) c.settledAt = new Date(row.settled_at);
  return c;
}
