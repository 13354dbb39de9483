import type { CloseReason, TrackedMessage } from "../../domain/reply-records.js";

export interface ReplyClockRow {
  id: number;
  workspace_id: number;
  internship_id: number;
  conversation: string;
  message_ref: string;
  thread_ref: string | null;
  permalink: string | null;
  direction: TrackedMessage["direction"];
  author_id: number;
  responder_id: number;
  sent_at: number;
  allowed_ms: number;
  due_at: number;
  closed_at: number | null;
  closed_by: number | null;
  close_reason: CloseReason | null;
  reply_ms: number | null;
}

export function toTracked(row: ReplyClockRow): TrackedMessage {
  const t: TrackedMessage = {
    id: row.id,
    workspaceId: row.workspace_id,
    internshipId: row.internship_id,
    conversation: row.conversation,
    messageRef: row.message_ref,
    direction: row.direction,
    authorId: row.author_id,
    responderId: row.responder_id,
    sentAt: new Date(row.sent_at),
    allowedMs: row.allowed_ms,
    dueAt: new Date(row.due_at),
  };
  if (row.thread_ref !== null) t.threadRef = row.thread_ref;
  if (row.permalink !== null) t.permalink = row.permalink;
  if (row.closed_at !== null) t.closedAt = new Date(row.closed_at);
  if (row.closed_by !== null) t.closedBy = row.closed_by;
  if (row.close_reason !== null) t.closeReason = row.close_reason;
  if (row.reply_ms !== null) t.replyMs = row.reply_ms;
  return t;
}
