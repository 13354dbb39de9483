import { describe, expect, it } from "vitest";
import type { Dispatcher, DispatchResult } from "../../src/services/dispatcher.js";
import type { Planner, PlanResult } from "../../src/services/planner.js";
import { createTicker } from "../../src/services/ticker.js";
import { captureLog } from "../helpers/log-capture.js";

const NOW = new Date("2026-12-01T09:00:00Z");
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const NOTHING: DispatchResult = {
  sent: 0,
  retried: 0,
  dead: 0,
  expired: 0,
  deferred: 0,
  merged: 0,
  refused: 0,
  paused: 0,
  putBack: 0,
};

describe("ticks that arrive while a planning pass runs", () => {
  it("share that pass instead of planning the same work again at the same time", async () => {
    const passes: Date[] = [];
    let running = 0;
    let most = 0;
    let finish: () => void = () => {};
    const planner: Planner = {
      async tick(now) {
        passes.push(now);
        most = Math.max(most, ++running);
        if (passes.length === 1) await new Promise<void>((resolve) => (finish = resolve));
        running -= 1;
        return { enqueued: passes.length, byRule: {}, failedRules: [] } satisfies PlanResult;
      },
    };
    const dispatcher = { dispatch: async () => NOTHING, stop() {} } as unknown as Dispatcher;
    const ticker = createTicker({ planner, dispatcher, log: captureLog().log });
    const slow = ticker.tick(at(0));
    const during = [ticker.tick(at(2)), ticker.tick(at(4))];
    await new Promise((resolve) => setTimeout(resolve, 10));
    finish();
    const results = await Promise.all([slow, ...during]);
    expect(results.map((r) => r.plan.enqueued)).toEqual([1, 1, 1]);
    // The next tick after it plans again, at its own time.
    expect((await ticker.tick(at(6))).plan.enqueued).toBe(2);
    expect(passes).toEqual([at(0), at(6)]);
    expect(most).toBe(1);
  });
});
