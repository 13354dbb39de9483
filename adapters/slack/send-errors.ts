import { AppError } from "../../src/domain/errors.js";

/**
 * The recipient (a person or a channel) cannot be reached: the message is dead-lettered at once and
 * whoever works with them is told, once.
 */
const UNREACHABLE = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "user_not_found",
  "users_not_found",
  "user_disabled",
  "cannot_dm_bot",
]);

/**
 * The bot itself cannot act in this workspace (token revoked or invalid, bot user deactivated): every
 * send there would fail alike, so its sends pause rather than dead-letter.
 */
const OUTAGE = new Set(["invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"]);

/** Final but neither of the above (a scope the app lacks): dead-lettered and logged for the operator. */
const FINAL = new Set(["missing_scope", "not_allowed_token_type"]);

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
    const message = `Slack refused the message: ${reason}`;
    if (REFUSED.has(reason)) return new AppError("REFUSED", message, { cause: error });
    if (UNREACHABLE.has(reason)) return new AppError("UNREACHABLE", message, { cause: error });
    if (OUTAGE.has(reason)) {
      return new AppError("OUTAGE", `Slack refused Tandem's bot token: ${reason}`, {
        cause: error,
        retryable: true,
      });
    }
    return new AppError("PLATFORM", message, { cause: error, retryable: !FINAL.has(reason) });
  }
  // Timeouts, connection errors and HTTP 5xx: the next attempt may well succeed.
  return new AppError("PLATFORM", `Slack could not be reached: ${e.message ?? String(error)}`, {
    cause: error,
    retryable: true,
  });
}
