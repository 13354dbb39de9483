import cron from "node-cron";
import type { Logger } from "pino";
import type { Clock } from "../ports/clock.js";

export interface Metronome {
  stop(): void;
}

/**
 * Calls `beat(now)` at start-up (to catch up after downtime) and then every minute, or every
 * `everySeconds` (a divisor of 60). It is only a metronome: all state is in the database, so a skipped
 * or late beat loses nothing.
 */
export function startMetronome(
  clock: Clock,
  beat: (now: Date) => Promise<unknown>,
  log: Logger,
  everySeconds = 60,
): Metronome {
  const run = () => {
    beat(clock.now()).catch((error: unknown) => log.error({ err: error }, "scheduled tick failed"));
  };
  run();
  const expression = everySeconds >= 60 ? "* * * * *" : `*/${everySeconds} * * * * *`;
  const task = cron.schedule(expression, run, { noOverlap: true, name: "tandem-tick" });
  return {
    stop: () => {
      void task.stop();
    },
  };
}
