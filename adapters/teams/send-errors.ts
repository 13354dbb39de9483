import { AppError } from "../../src/domain/errors.js";

/** Bot Connector statuses worth another try, per Teams' guidance on throttling and transient faults. */
const RETRYABLE = new Set([412, 429, 500, 502, 503, 504]);

/** A failed Bot Connector call as the dispatcher understands it. */
export function toTeamsSendError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as {
    statusCode?: number;
    response?: { headers?: { get?: (name: string) => string | undefined } };
    message?: string;
  };
  const status = e.statusCode;
  if (status === 401) {
    // The Bot Connector refused the bot's own credentials: every send would fail alike, so sends pause.
    return new AppError("OUTAGE", "Teams refused Tandem's bot credentials (HTTP 401)", {
      cause: error,
      retryable: true,
    });
  }
  if (status === 403 || status === 404) {
    return new AppError(
      "UNREACHABLE",
      `Teams refused the conversation (HTTP ${status}): the app is not installed or was removed`,
      { cause: error },
    );
  }
  if (status === 413) {
    return new AppError("REFUSED", "Teams refused the message as too large (HTTP 413 MessageSizeTooBig)", {
      cause: error,
    });
  }
  if (status !== undefined && !RETRYABLE.has(status)) {
    return new AppError("PLATFORM", `Teams refused the message (HTTP ${status})`, { cause: error });
  }
  const retryAfter = Number(e.response?.headers?.get?.("retry-after"));
  return new AppError("PLATFORM", `Teams could not take the message now: ${e.message ?? `HTTP ${status}`}`, {
    cause: error,
    retryable: true,
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
  });
}
