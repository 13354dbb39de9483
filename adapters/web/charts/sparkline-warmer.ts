/**
 * Draws the cohort boards' trend pictures before anyone opens a board: a board of 500 interns after a day
 * of check-ins would otherwise draw 500 new sparklines in the request (about a second). Every minute it
 * reads each internship's trend scores (one small query each) and draws the sequences not kept yet, a few
 * at a time with turns of the event loop between, so requests never wait behind it. Only pictures of
 * numbers are kept (no names): a board names each one when it shows it.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Logger } from "pino";
import type { Store } from "../../../src/ports/store.js";
import { trendScores } from "../../../src/services/portal/cohort-board.js";
import { sparklines } from "./sparkline.js";

export const WARM_EVERY_MS = 60_000;
/** Pictures drawn in one turn of the event loop: a few milliseconds. */
const BATCH = 8;

export interface SparklineWarmer {
  /** One pass now (the next timed pass is not moved); resolves with the pictures it read. */
  warm(): Promise<number>;
  /** Stops the timer and waits for a pass under way. */
  stop(): Promise<void>;
}

export function startSparklineWarmer(
  store: Store,
  log: Logger,
  options: { everyMs?: number; firstAfterMs?: number } = {},
): SparklineWarmer {
  let stopped = false;
  let running: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const pass = async (): Promise<number> => {
    let pending: number[][] = [];
    let read = 0;
    const draw = async () => {
      sparklines(pending.map((scores) => ({ scores, label: "" })));
      pending = [];
      await nextTurn();
    };
    for (const workspace of await store.workspaces.list()) {
      for (const internship of await store.internships.list(workspace.id)) {
        if (stopped) return read;
        pending.push(await trendScores(store, internship.id));
        read += 1;
        if (pending.length >= BATCH) await draw();
      }
    }
    if (pending.length > 0) await draw();
    return read;
  };

  const warm = () => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      warm()
        .catch((error: unknown) =>
          log.warn({ err: error }, "drawing the cohort boards' sparklines ahead failed"),
        )
        .finally(() => schedule(options.everyMs ?? WARM_EVERY_MS));
    }, ms);
    timer.unref();
  };
  schedule(options.firstAfterMs ?? 1_000);

  return {
    warm,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
