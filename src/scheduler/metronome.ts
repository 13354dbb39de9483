import cron from "node-cron";
import type { Logger } from "pino";
import type { Clock } from "../ports/clock.js";

export interface Metronome {
  stop(): void;
}

/**
 * Calls `beat(now)` at start-up (to catch up after downtime) and then every minute. It is only a
 * metronome: all state is in the database, so a skipped or late beat loses nothing.
 */
export function startMetronome(clock: Clock, beat: (now: Date) => Promise<unknown>, log: Logger): Metronome {
  const run = () => {
    beat(clock.now()).catch((error: unknown) => log.error({ err: error }, "scheduled tick failed"));
  };
  run();
  const task = cron.schedule("* * * * *", run, { noOverlap: true, name: "tandem-tick" });
  return {
    stop: () => {
      void task.stop();
    },
  };
}
