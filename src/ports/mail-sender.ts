import type { Address, OutboundMessage } from "../domain/messages.js";
import type { SendResult } from "./chat-platform.js";

/**
 * E-mail as the dispatcher sees it (adapters/email): sends one message to an `email:` address. Throws
 * AppError UNREACHABLE (not retryable) when the mail server refuses the recipient for good (5xx), and a
 * retryable error for what may pass later (4xx, a server that cannot be reached).
 */
export interface MailSender {
  send(address: Address, message: OutboundMessage): Promise<SendResult>;
}
