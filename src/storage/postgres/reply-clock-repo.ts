import type { TrackedMessage } from "../../domain/reply-records.js";
import type { ReplyClockRepo } from "../../ports/connection-repos.js";
import { type ReplyClockRow, toTracked } from "../rows/reply-clock-row.js";
import type { Sql } from "./sql.js";

// Ties (and lists SQLite leaves unordered) come in the order SQLite's indexes give them: by id, or by
// conversation then id where it walks tracked_messages_conversation. The NOT EXISTS guard keeps ids dense as
// on SQLite: an INSERT that reaches ON CONFLICT has spent an id already.
const OPEN_IN = `SELECT * FROM tracked_messages WHERE workspace_id = $1 AND conversation = $2 AND closed_at IS NULL
  ORDER BY sent_at, id`;

export function createReplyClockRepo(sql: Sql): ReplyClockRepo {
  const all = async (text: string, values: unknown[]) =>
    (await sql.rows<ReplyClockRow>(text, values)).map(toTracked);
  /** Open clocks of several conversations of a workspace, each conversation's in openIn's order. */
  const openInEach = async (workspaceId: number, conversations: string[]) => {
    const byConversation = new Map<string, TrackedMessage[]>();
    const rows = await all(
      `SELECT * FROM tracked_messages
       WHERE workspace_id = $1 AND conversation = ANY($2::text[]) AND closed_at IS NULL
       ORDER BY sent_at, id`,
      [workspaceId, conversations],
    );
    for (const clock of rows) {
      const list = byConversation.get(clock.conversation);
      if (list) list.push(clock);
      else byConversation.set(clock.conversation, [clock]);
    }
    return byConversation;
  };

  return {
    start: async (input) => {
      const row = await sql.one<ReplyClockRow>(
        `INSERT INTO tracked_messages (workspace_id, internship_id, conversation, message_ref, thread_ref, permalink,
           direction, author_id, responder_id, sent_at, allowed_ms, due_at)
         SELECT $1::bigint, $2::bigint, $3::text, $4::text, $5::text, $6::text, $7::text, $8::bigint, $9::bigint,
           $10::bigint, $11::bigint, $12::bigint
         WHERE NOT EXISTS
           (SELECT 1 FROM tracked_messages WHERE workspace_id = $1 AND conversation = $3 AND message_ref = $4)
         ON CONFLICT (workspace_id, conversation, message_ref) DO NOTHING RETURNING *`,
        [
          input.workspaceId,
          input.internshipId,
          input.conversation,
          input.messageRef,
          input.threadRef ?? null,
          input.permalink ?? null,
          input.direction,
          input.authorId,
          input.responderId,
          input.sentAt.getTime(),
          input.allowedMs,
          input.dueAt.getTime(),
        ],
      );
      return row ? toTracked(row) : undefined;
    },
    // The events of one shared transaction asking in the same turn (other conversations: one conversation's
    // events run one after another) read theirs in one statement (sql.gather).
    openIn: (workspaceId, conversation) =>
      sql.gather("replyClocks.openIn", { workspaceId, conversation }, async (asked) => {
        if (asked.length === 1) return [await all(OPEN_IN, [asked[0]!.workspaceId, asked[0]!.conversation])];
        const read = new Map<number, Promise<Map<string, TrackedMessage[]>>>();
        for (const { workspaceId: ws } of asked) {
          if (read.has(ws)) continue;
          const conversations = [
            ...new Set(asked.filter((a) => a.workspaceId === ws).map((a) => a.conversation)),
          ];
          read.set(ws, openInEach(ws, conversations));
        }
        return await Promise.all(
          asked.map(async (a) => (await read.get(a.workspaceId)!).get(a.conversation) ?? []),
        );
      }),
    openByMessage: (workspaceId, messageRef) =>
      all(
        `SELECT * FROM tracked_messages WHERE workspace_id = $1 AND message_ref = $2 AND closed_at IS NULL
         ORDER BY conversation, id`,
        [workspaceId, messageRef],
      ),
    openFor: (internshipId) =>
      all(
        "SELECT * FROM tracked_messages WHERE internship_id = $1 AND closed_at IS NULL ORDER BY due_at, id",
        [internshipId],
      ),
    openAskedBy: (workspaceId, personId) =>
      all(
        `SELECT * FROM tracked_messages WHERE workspace_id = $1 AND author_id = $2 AND closed_at IS NULL
         ORDER BY sent_at DESC, conversation, id`,
        [workspaceId, personId],
      ),
    since: (internshipId, from) =>
      all(
        `SELECT * FROM tracked_messages WHERE internship_id = $1 AND sent_at >= $2
         ORDER BY sent_at, closed_at NULLS FIRST, due_at, id`,
        [internshipId, from.getTime()],
      ),
    close: async (id, at, by, reason, replyMs) =>
      (await sql.run(
        `UPDATE tracked_messages SET closed_at = $2, closed_by = $3, close_reason = $4, reply_ms = $5
         WHERE id = $1 AND closed_at IS NULL`,
        [id, at.getTime(), by ?? null, reason, replyMs ?? null],
      )) > 0,
    setDue: async (id, dueAt) => {
      await sql.run("UPDATE tracked_messages SET due_at = $1 WHERE id = $2", [dueAt.getTime(), id]);
    },
  };
}
