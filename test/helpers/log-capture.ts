import type { Logger } from "pino";
import { createLogger } from "../../src/logger.js";

/** pino's numeric level for `error`: rule evaluation catches and logs at this level instead of throwing. */
export const ERROR_LEVEL = 50;

/** A line's `msg` (a string matches exactly, a RegExp anywhere) or a test of the whole line. */
export type Matcher = string | RegExp | ((line: Record<string, unknown>) => boolean);

export interface CapturedLog {
  log: Logger;
  lines: Record<string, unknown>[];
  /** Lines at `level` or above (pino levels: 40 warn, 50 error). */
  atLeast(level: number): Record<string, unknown>[];
  /**
   * Lets the current test log errors that match: for tests that provoke errors on purpose. Any other error line fails the test (see log-guard.ts).
   */
  allowErrors(...messages: Matcher[]): void;
}

interface Guarded {
  lines: Record<string, unknown>[];
  /** Lines before this index were already checked by an earlier test. */
  checked: number;
  allowed: Matcher[];
}

/** Every capture made in this worker, so the guard can look at them after each test. */
const captures: Guarded[] = [];
/** Allowances made with allowErrorLogs(), for every capture of the current test. */
let allowedEverywhere: Matcher[] = [];

/** Lets every capture of the current test log errors that match, e.g. when a harness is hidden. */
export function allowErrorLogs(...messages: Matcher[]): void {
  allowedEverywhere.push(...messages);
}

/** Matches error lines whose logged `err` says `text`. */
export const errorSaying =
  (text: RegExp) =>
  (line: Record<string, unknown>): boolean =>
    text.test((line.err as { message?: string } | undefined)?.message ?? "");

/** Sends to people who never installed the Teams app are dead-lettered and logged as errors. */
export const neverInstalled = errorSaying(/never installed/);

const matches = (line: Record<string, unknown>, allowed: Matcher[]) =>
  allowed.some((m) =>
    typeof m === "string" ? line.msg === m : m instanceof RegExp ? m.test(String(line.msg)) : m(line),
  );

/**
 * The error lines logged since the last call that no allowance covers; resets the allowances, which
 * last one test. Called by the guard after each test.
 */
export function takeUnexpectedErrors(): Record<string, unknown>[] {
  const unexpected: Record<string, unknown>[] = [];
  for (const c of captures) {
    for (const line of c.lines.slice(c.checked)) {
      if ((line.level as number) >= ERROR_LEVEL && !matches(line, [...c.allowed, ...allowedEverywhere])) {
        unexpected.push(line);
      }
    }
    c.checked = c.lines.length;
    c.allowed = [];
  }
  allowedEverywhere = [];
  return unexpected;
}

/** A real pino logger writing into memory, so tests can assert what the operator would see. */
export function captureLog(level = "debug"): CapturedLog {
  const guarded: Guarded = { lines: [], checked: 0, allowed: [] };
  captures.push(guarded);
  const { lines } = guarded;
  const log = createLogger(level, {
    write(chunk: string) {
      lines.push(JSON.parse(chunk) as Record<string, unknown>);
    },
  });
  return {
    log,
    lines,
    atLeast: (n) => lines.filter((l) => (l.level as number) >= n),
    allowErrors: (...messages) => guarded.allowed.push(...messages),
  };
}
