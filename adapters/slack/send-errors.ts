import { AppError } from "../../src/domain/errors.js";

/** Slack errors that no retry can fix: the outbox dead-letters these at once. */
const FINAL = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "user_not_found",
  "users_not_found",
  "account_inactive",
  "user_disabled",
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "missing_scope",
  "cannot_dm_bot",
]);

/** Slack refused the message itself: the dispatcher sends a short plain version instead (never retried). */
const REFUSED = new Set(["msg_too_long", "msg_blocks_too_long", "invalid_blocks", "invalid_arguments"]);

/** A Web API failure as the dispatcher understands it: retryable or final, with Retry-After when given. */
export function toSendError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; message?: string };
  if (e.code === "slack_webapi_rate_limited_error") {
    return new AppError("PLATFORM", `Slack rate limit: retry after ${e.retryAfter ?? 1}s`, {
      cause: error,
      retryable: true,
      retryAfterMs: (e.retryAfter ?? 1) * 1000,
    });
  }
  if (e.code === "slack_webapi_platform_error") {
    const reason = e.data?.error ?? "unknown_error";
    if (REFUSED.has(reason)) {
      return new AppError("REFUSED", `Slack refused the message: ${reason}`, { cause: error });
    }
    return new AppError("PLATFORM", `Slack refused the message: ${reason}`, {
      cause: error,
      retryable: !FINAL.has(reason),
    });
  }
  // Timeouts, connection errors and HTTP 5xx: the next attempt may well succeed.
  return new AppError("PLATFORM", `Slack could not be reached: ${e.message ?? String(error)}`, {
    cause: error,
    retryable: true,
  });
}
