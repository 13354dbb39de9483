import { describe, expect, it } from "vitest";
import type { Dispatcher, DispatchResult } from "../../src/services/dispatcher.js";
import type { Planner } from "../../src/services/planner.js";
import { createTicker } from "../../src/services/ticker.js";
import { captureLog } from "../helpers/log-capture.js";

const NOW = new Date("2026-12-01T09:00:00Z");
const sent = (n: number): DispatchResult => ({
  sent: n,
  retried: 0,
  dead: 0,
  expired: 0,
  deferred: 0,
  merged: 0,
  refused: 0,
  paused: 0,
  putBack: 0,
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("a tick whose planning commits in parts (a fan-out)", () => {
  it("starts sending what was committed while planning goes on, and reports every pass's sends", async () => {
    const events: string[] = [];
    let part = 0;
    const planner: Planner = {
      async tick(_now, committed) {
        for (part = 1; part <= 3; part++) {
          events.push(`planned ${part}`);
          if (part < 3) committed?.();
          await settle();
        }
        events.push("planning done");
        return { enqueued: 3, byRule: {}, failedRules: [] };
      },
    };
    const dispatcher = {
      async dispatch() {
        events.push(`dispatch during part ${part}`);
        await settle();
        return sent(10);
      },
      stop() {},
    } as unknown as Dispatcher;
    const result = await createTicker({ planner, dispatcher, log: captureLog().log }).tick(NOW);
    expect(events.indexOf("dispatch during part 1")).toBeGreaterThan(-1);
    expect(events.indexOf("dispatch during part 1")).toBeLessThan(events.indexOf("planning done"));
    // A last pass after planning sends what the last part queued.
    expect(events.at(-1)).toMatch(/^dispatch/);
    const passes = events.filter((e) => e.startsWith("dispatch")).length;
    expect(passes).toBeGreaterThanOrEqual(2);
    expect(result.dispatch.sent).toBe(10 * passes);
  });

  it("fails the tick when a pass started during planning fails", async () => {
    const planner: Planner = {
      async tick(_now, committed) {
        committed?.();
        await settle();
        return { enqueued: 1, byRule: {}, failedRules: [] };
      },
    };
    let calls = 0;
    const dispatcher = {
      async dispatch() {
        calls += 1;
        if (calls === 1) throw new Error("database gone");
        return sent(1);
      },
      stop() {},
    } as unknown as Dispatcher;
    const log = captureLog();
    log.allowErrors("tick failed");
    const ticker = createTicker({ planner, dispatcher, log: log.log });
    await expect(ticker.tick(NOW)).rejects.toThrow("database gone");
    expect(ticker.health().failing?.error).toBe("database gone");
  });

  it("plans small ticks without sending before planning ends", async () => {
    const events: string[] = [];
    const planner: Planner = {
      async tick() {
        await settle();
        events.push("planning done");
        return { enqueued: 1, byRule: {}, failedRules: [] };
      },
    };
    const dispatcher = {
      async dispatch() {
        events.push("dispatch");
        return sent(1);
      },
      stop() {},
    } as unknown as Dispatcher;
    const result = await createTicker({ planner, dispatcher, log: captureLog().log }).tick(NOW);
    expect(events).toEqual(["planning done", "dispatch"]);
    expect(result.dispatch.sent).toBe(1);
  });
});
