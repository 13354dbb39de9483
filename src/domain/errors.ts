/** The one error type of Tandem. `code` is stable and machine-readable; `message` is for people. */
export type ErrorCode =
  | "BAD_INPUT"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "CONFLICT"
  | "NOT_SUPPORTED"
  | "CONFIG"
  | "MIGRATION"
  | "NO_WORKING_TIME"
  | "PLATFORM"
  | "UNREACHABLE"
  /** Tandem could not reach a service at all (no connection, DNS, timeout, HTTP 5xx): nothing was refused. */
  | "NETWORK"
  /**
   * The platform cannot act for a whole workspace (bot token revoked or invalid, installation unreadable):
   * its sends pause, nothing is dead-lettered, and they resume once a send succeeds again.
   */
  | "OUTAGE"
  /** The platform refused this message's content for good (too long, too many blocks): never retried. */
  | "REFUSED"
  | "INTERNAL";

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  /** The platform said when to try again (HTTP 429 Retry-After). */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean; retryAfterMs?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
