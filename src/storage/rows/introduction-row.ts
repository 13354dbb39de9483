import type { Introduction, IntroductionStatus } from "../../domain/records.js";

export interface IntroductionRow {
  id: number;
  workspace_id: number;
  internship_id: number;
  colleague_id: number;
  status: IntroductionStatus;
  conversation: string | null;
  proposed_at: number;
  responded_at: number | null;
  met_answer_at: number | null;
  rescheduled: number;
}

export function toIntroduction(row: IntroductionRow): Introduction {
  const intro: Introduction = {
    id: row.id,
    workspaceId: row.workspace_id,
    internshipId: row.internship_id,
    colleagueId: row.colleague_id,
    status: row.status,
    proposedAt: new Date(row.proposed_at),
    rescheduled: row.rescheduled === 1,
  };
  if (row.conversation !== null) intro.conversation = row.conversation;
  if (row.responded_at !== null) intro.respondedAt = new Date(row.responded_at);
  if (row.met_answer_at !== null) intro.metAnswerAt = new Date(row.met_answer_at);
  return intro;
}
