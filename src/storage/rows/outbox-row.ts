import type { OutboundMessage } from "../../domain/messages.js";
import type { OutboxItem, OutboxStatus } from "../../ports/store.js";

export interface OutboxRow {
  id: number;
  workspace_id: number;
  key: string;
  recipient_id: number | null;
  address: string;
  payload: string;
  status: OutboxStatus;
  not_before: number;
  expires_at: number | null;
  attempts: number;
  last_error: string | null;
  platform_ref: string | null;
  sent_at: number | null;
  delivered_to: string | null;
}

export function toItem(row: OutboxRow): OutboxItem {
  const item: OutboxItem = {
    id: row.id,
    workspaceId: row.workspace_id,
    key: row.key,
    address: row.address,
    payload: JSON.parse(row.payload) as OutboundMessage,
    status: row.status,
    notBefore: new Date(row.not_before),
    attempts: row.attempts,
  };
  if (row.recipient_id !== null) item.recipientId = row.recipient_id;
  if (row.expires_at !== null) item.expiresAt = new Date(row.expires_at);
  if (row.last_error !== null) item.lastError = row.last_error;
  if (row.platform_ref !== null) item.platformRef = row.platform_ref;
  if (row.sent_at !== null) item.sentAt = new Date(row.sent_at);
  if (row.delivered_to !== null) item.deliveredTo = JSON.parse(row.delivered_to) as string[];
  return item;
}
