import type { Logger } from "pino";
import { createLogger } from "../../src/logger.js";

export interface CapturedLog {
  log: Logger;
  lines: Record<string, unknown>[];
  /** Lines at `level` or above (pino levels: 40 warn, 50 error). */
  atLeast(level: number): Record<string, unknown>[];
}

/** A real pino logger writing into memory, so tests can assert what the operator would see. */
export function captureLog(level = "debug"): CapturedLog {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger(level, {
    write(chunk: string) {
      lines.push(JSON.parse(chunk) as Record<string, unknown>);
    },
  });
  return { log, lines, atLeast: (n) => lines.filter((l) => (l.level as number) >= n) };
}
