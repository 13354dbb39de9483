/**
 * botbuilder writes what goes wrong while it authenticates a request with console.error (whole stack
 * traces, outside pino, unredacted). Inside a Teams request those calls go to Tandem's log instead, and
 * the errors are kept so the route can answer with the right status and a generic sentence.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "pino";

interface Scope {
  log: Logger;
  errors: Error[];
}

const scope = new AsyncLocalStorage<Scope>();
const ours = new Set<unknown>();

/** Wraps console.error and console.warn, again if something replaced the wrapper since (a test spy). */
function install(): void {
  for (const level of ["error", "warn"] as const) {
    if (ours.has(console[level])) continue;
    const original = console[level].bind(console);
    const wrapper = (...args: unknown[]) => {
      const current = scope.getStore();
      if (!current) return original(...args);
      const error = args.find((a): a is Error => a instanceof Error);
      if (error) current.errors.push(error);
      const text = args
        .filter((a) => !(a instanceof Error))
        .map(String)
        .join(" ");
      current.log.warn(
        { ...(error ? { sdkError: `${error.name}: ${error.message}` } : {}), ...(text ? { sdk: text } : {}) },
        "botbuilder reported a problem",
      );
    };
    ours.add(wrapper);
    console[level] = wrapper;
  }
}

/** Runs one request with botbuilder's console output in `log`; returns the errors it reported. */
export async function withSdkConsole(log: Logger, run: () => Promise<void>): Promise<Error[]> {
  install();
  const current: Scope = { log, errors: [] };
  await scope.run(current, run);
  return current.errors;
}

/** Errors of the token check itself: a bad, expired or early token is the caller's fault (401). */
const TOKEN_ERRORS = new Set([
  "JsonWebTokenError",
  "TokenExpiredError",
  "NotBeforeError",
  "AuthenticationError",
]);

/** The channel's signing keys could not be fetched: Tandem's (or Microsoft's) problem, not the caller's. */
export function isMetadataFailure(error: Error): boolean {
  return error.name === "FetchError" || /^Failed to load (openID config|Keys)/.test(error.message);
}

/** What to answer for an error botbuilder raised while authenticating or processing a request. */
export function answerFor(error: Error): { status: 401 | 500 | 503; text: string } {
  if (isMetadataFailure(error))
    return { status: 503, text: "Tandem cannot check the request's token right now; try again later." };
  if (TOKEN_ERRORS.has(error.name) || error.constructor.name === "AuthenticationError")
    return { status: 401, text: "The request's token is not valid for this bot." };
  return { status: 500, text: "Tandem could not process this activity." };
}
