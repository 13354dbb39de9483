import type { Direction } from "./reply-clock.js";

export type CloseReason = "reply" | "reaction" | "noreply" | "ended";

/** One reply clock as stored: metadata of the question, never its text. */
export interface TrackedMessage {
  id: number;
  workspaceId: number;
  internshipId: number;
  conversation: string;
  messageRef: string;
  threadRef?: string;
  permalink?: string;
  direction: Direction;
  authorId: number;
  responderId: number;
  sentAt: Date;
  allowedMs: number;
  dueAt: Date;
  closedAt?: Date;
  closedBy?: number;
  closeReason?: CloseReason;
  replyMs?: number;
}
