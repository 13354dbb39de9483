/**
 * Why Slack could not be used at start, in words that point at the right fix: a token Slack refused is a
 * setting to change, while no connection (DNS, firewall, proxy, timeout) or a Slack outage is not, and
 * saying "refused" then sends the operator to regenerate tokens that were fine.
 */
import { AppError } from "../../src/domain/errors.js";

interface SlackFailure {
  code?: string;
  message?: string;
  data?: { error?: string };
  statusCode?: number;
  retryAfter?: number;
  original?: { name?: string; code?: string | number; message?: string; cause?: { code?: string } };
}

/** ECONNREFUSED, ENOTFOUND, ...; a timeout (fetch's TimeoutError has the numeric code 23) in words. */
function networkReason(e: SlackFailure): string {
  const original = e.original;
  if (original?.name === "TimeoutError") return "no answer within the timeout";
  const code = [original?.code, original?.cause?.code].find((c) => typeof c === "string" && c);
  return (code as string | undefined) ?? original?.message ?? e.message ?? "unknown error";
}

export interface Credential {
  /** The variable holding the credential Slack checked, e.g. SLACK_BOT_TOKEN. */
  variable: string;
  /** Where to get a good one. */
  advice: string;
}

function host(apiUrl: string | undefined): string {
  try {
    return new URL(apiUrl ?? "https://slack.com/api/").host;
  } catch {
    return "slack.com";
  }
}

/** The AppError to stop start-up with, after `call` (auth.test, apps.connections.open) failed. */
export function slackStartFailure(
  error: unknown,
  call: string,
  credential: Credential,
  apiUrl?: string,
): AppError {
  if (error instanceof AppError) return error;
  const e = (error ?? {}) as SlackFailure;
  const where = host(apiUrl);
  if (e.code === "slack_webapi_platform_error") {
    const reason = e.data?.error ?? "unknown_error";
    return new AppError(
      "CONFIG",
      `${credential.variable} was refused by Slack (${call}: ${reason}); ${credential.advice}`,
      { cause: error },
    );
  }
  if (e.code === "slack_webapi_http_error" || e.code === "slack_webapi_rate_limited_error") {
    const status = e.code === "slack_webapi_http_error" ? `HTTP ${e.statusCode ?? "error"}` : "HTTP 429";
    return new AppError(
      "NETWORK",
      `Slack (${where}) could not answer ${call} (${status}): this is not a refused token; try again in a few minutes (status.slack.com says whether Slack is down)`,
      { cause: error },
    );
  }
  const reason = networkReason(e);
  return new AppError(
    "NETWORK",
    `cannot reach Slack at ${where} (${call}: ${reason}): a network failure, not a refused token; check that this machine can open https://${where} (DNS, firewall, or a proxy set in HTTPS_PROXY), then start again`,
    { cause: error },
  );
}
