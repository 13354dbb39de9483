import { afterAll, afterEach } from "vitest";
import { takeUnexpectedErrors } from "./log-capture.js";

/**
 * Rules, listeners and the dispatcher catch and log what goes wrong, so a crash can look like "nothing
 * was sent". Any error line a test did not allow (CapturedLog.allowErrors, allowErrorLogs) fails it.
 */
function failOnUnexpectedErrors(when: string) {
  const unexpected = takeUnexpectedErrors();
  if (unexpected.length === 0) return;
  const shown = unexpected.slice(0, 5).map((line) => {
    const { level: _l, time: _t, pid: _p, hostname: _h, service: _s, msg, err, ...rest } = line;
    const cause = (err as { message?: string } | undefined)?.message;
    return `  ${String(msg)}${cause ? ` (${cause})` : ""} ${JSON.stringify(rest).slice(0, 300)}`;
  });
  throw new Error(
    `${unexpected.length} unexpected error log line(s) ${when}; allow them with log.allowErrors(msg) if the test provokes them:\n${shown.join("\n")}`,
  );
}

afterEach(() => failOnUnexpectedErrors("during this test"));
afterAll(() => failOnUnexpectedErrors("after the last test of this file"));
