import type { ReplyClockRepo } from "../ports/connection-repos.js";
import type { SqliteDatabase } from "./open-database.js";
import { type ReplyClockRow, toTracked } from "./rows/reply-clock-row.js";
import type { Synchronous } from "./synchronous.js";

export function createReplyClockRepo(db: SqliteDatabase): Synchronous<ReplyClockRepo> {
  const insert = db.prepare(
    `INSERT INTO tracked_messages (workspace_id, internship_id, conversation, message_ref, thread_ref, permalink, direction,
       author_id, responder_id, sent_at, allowed_ms, due_at)
     VALUES (@workspaceId, @internshipId, @conversation, @messageRef, @threadRef, @permalink, @direction,
       @authorId, @responderId, @sentAt, @allowedMs, @dueAt)
     ON CONFLICT (workspace_id, conversation, message_ref) DO NOTHING`,
  );
  const byRef = db.prepare<[number, string, string], ReplyClockRow>(
    "SELECT * FROM tracked_messages WHERE workspace_id = ? AND conversation = ? AND message_ref = ?",
  );
  const byMessage = db.prepare<[number, string], ReplyClockRow>(
    "SELECT * FROM tracked_messages WHERE workspace_id = ? AND message_ref = ? AND closed_at IS NULL",
  );
  const openIn = db.prepare<[number, string], ReplyClockRow>(
    "SELECT * FROM tracked_messages WHERE workspace_id = ? AND conversation = ? AND closed_at IS NULL ORDER BY sent_at",
  );
  const openFor = db.prepare<[number], ReplyClockRow>(
    "SELECT * FROM tracked_messages WHERE internship_id = ? AND closed_at IS NULL ORDER BY due_at",
  );
  const askedBy = db.prepare<[number, number], ReplyClockRow>(
    "SELECT * FROM tracked_messages WHERE workspace_id = ? AND author_id = ? AND closed_at IS NULL ORDER BY sent_at DESC",
  );
  const since = db.prepare<[number, number], ReplyClockRow>(
    "SELECT * FROM tracked_messages WHERE internship_id = ? AND sent_at >= ? ORDER BY sent_at",
  );
  const close = db.prepare(
    `UPDATE tracked_messages SET closed_at = @at, closed_by = @by, close_reason = @reason, reply_ms = @replyMs
     WHERE id = @id AND closed_at IS NULL`,
  );
  const setDue = db.prepare("UPDATE tracked_messages SET due_at = ? WHERE id = ?");
  const all = (rows: ReplyClockRow[]) => rows.map(toTracked);

  return {
    start: (input) => {
      const inserted =
        insert.run({
          ...input,
          threadRef: input.threadRef ?? null,
          permalink: input.permalink ?? null,
          sentAt: input.sentAt.getTime(),
          dueAt: input.dueAt.getTime(),
        }).changes > 0;
      const row = byRef.get(input.workspaceId, input.conversation, input.messageRef);
      return inserted && row ? toTracked(row) : undefined;
    },
    openIn: (workspaceId, conversation) => all(openIn.all(workspaceId, conversation)),
    openByMessage: (workspaceId, messageRef) => all(byMessage.all(workspaceId, messageRef)),
    openFor: (internshipId) => all(openFor.all(internshipId)),
    openAskedBy: (workspaceId, personId) => all(askedBy.all(workspaceId, personId)),
    since: (internshipId, from) => all(since.all(internshipId, from.getTime())),
    close: (id, at, by, reason, replyMs) =>
      close.run({ id, at: at.getTime(), by: by ?? null, reason, replyMs: replyMs ?? null }).changes > 0,
    setDue: (id, dueAt) => {
      setDue.run(dueAt.getTime(), id);
    },
  };
}
