import type { Logger } from "pino";
import type { Dispatcher, DispatchResult } from "./dispatcher.js";
import type { Planner, PlanResult } from "./planner.js";

export interface TickResult {
  plan: PlanResult;
  dispatch: DispatchResult;
}

export interface Ticker {
  /** One pass: plan what is due at `now`, then send it. Overlapping calls wait for each other. */
  tick(now: Date): Promise<TickResult>;
  /** Resolves when no pass is running: for a clean shutdown. */
  idle(): Promise<void>;
}

export function createTicker(deps: { planner: Planner; dispatcher: Dispatcher; log: Logger }): Ticker {
  let running: Promise<unknown> = Promise.resolve();
  return {
    tick(now) {
      const pass = running.then(async () => {
        const plan = deps.planner.tick(now);
        const dispatch = await deps.dispatcher.dispatch(now);
        return { plan, dispatch };
      });
      running = pass.catch((error: unknown) => deps.log.error({ err: error }, "tick failed"));
      return pass;
    },
    idle: () => running.then(() => undefined),
  };
}
