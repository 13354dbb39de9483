import { describe, expect, it } from "vitest";
import { userAddress } from "../../src/domain/addresses.js";
import type { Platform } from "../../src/domain/types.js";
import type { ChatPlatform } from "../../src/ports/chat-platform.js";
import { createSettableClock } from "../../src/ports/clock.js";
import type { Store } from "../../src/ports/store.js";
import { createDispatcher } from "../../src/services/dispatcher.js";
import { createPlanner, type PlanRule } from "../../src/services/planner.js";
import { createTicker } from "../../src/services/ticker.js";
import { captureLog } from "../helpers/log-capture.js";
import { createRecordingPlatform } from "../helpers/recording-platform.js";
import { openTestStore, testDatabase } from "../helpers/test-store.js";

/** A rule that says "one greeting per local date", keyed by what is due, not by when the tick ran. */
function dailyGreeting(workspaceId: number): PlanRule {
  return {
    name: "greeting",
    plan: async (now) => {
      const date = now.toISOString().slice(0, 10);
      return [
        {
          workspaceId,
          key: `greeting:${date}`,
          address: userAddress("console", "w", "ana"),
          payload: { text: `good morning, it is ${date}` },
          notBefore: now,
          expiresAt: new Date(`${date}T12:00:00Z`),
        },
      ];
    },
  };
}

async function setup(store: Store, options: { maxAttempts?: number } = {}) {
  const clock = createSettableClock(new Date("2026-12-01T09:00:00Z"));
  const workspace = await store.workspaces.ensure("console", "w", "", clock.now());
  const platform = createRecordingPlatform("console");
  const captured = captureLog();
  const platforms = new Map<Platform, ChatPlatform>([["console", platform]]);
  const planner = createPlanner({ store, rules: [dailyGreeting(workspace.id)], log: captured.log });
  const dispatcher = createDispatcher({
    store,
    platforms,
    clock,
    log: captured.log,
    options: { backoffMs: () => 60_000, maxAttempts: options.maxAttempts ?? 3 },
  });
  const ticker = createTicker({ planner, dispatcher, log: captured.log });
  return { clock, platform, ticker, captured, workspace };
}

describe("outbox delivery", () => {
  it("sends one message however many times the tick runs", async () => {
    const store = await openTestStore();
    const { clock, platform, ticker } = await setup(store);
    await ticker.tick(clock.now());
    await ticker.tick(clock.now());
    clock.advance(60_000);
    await Promise.all([await ticker.tick(clock.now()), await ticker.tick(clock.now())]);
    expect(platform.sent.map((s) => s.message.text)).toEqual(["good morning, it is 2026-12-01"]);
    expect(await store.outbox.list({ status: "sent" })).toHaveLength(1);
  });

  it("sends nothing twice after a restart on the same database", async () => {
    const database = await testDatabase();
    const first = await database.open();
    const before = await setup(first);
    await before.ticker.tick(before.clock.now());
    await first.close();

    const second = await database.open();
    const after = await setup(second);
    await after.ticker.tick(after.clock.now());
    expect(before.platform.sent).toHaveLength(1);
    expect(after.platform.sent).toHaveLength(0);
    await second.close();
  });

  it("retries a failed send after the backoff and then delivers it", async () => {
    const store = await openTestStore();
    const { clock, platform, ticker, captured } = await setup(store);
    platform.failNext(1);
    const first = await ticker.tick(clock.now());
    expect(first.dispatch).toMatchObject({ sent: 0, retried: 1 });
    clock.advance(30_000);
    expect((await ticker.tick(clock.now())).dispatch.sent).toBe(0);
    clock.advance(30_000);
    expect((await ticker.tick(clock.now())).dispatch.sent).toBe(1);
    expect(platform.sent).toHaveLength(1);
    expect(captured.atLeast(40).some((line) => line.msg === "send failed; will retry")).toBe(true);
  });

  it("dead-letters after the last attempt and logs why", async () => {
    const store = await openTestStore();
    const { clock, platform, ticker, captured } = await setup(store, { maxAttempts: 2 });
    captured.allowErrors("send failed for good; message dead-lettered");
    platform.failNext(5);
    await ticker.tick(clock.now());
    clock.advance(60_000);
    await ticker.tick(clock.now());
    const [row] = await store.outbox.list();
    expect(row).toMatchObject({ status: "dead", attempts: 2, lastError: "the platform said no" });
    expect(captured.atLeast(50).map((line) => line.msg)).toContain(
      "send failed for good; message dead-lettered",
    );
  });

  it("dead-letters at once when the platform refuses for good", async () => {
    const store = await openTestStore();
    const { clock, platform, ticker, captured } = await setup(store);
    captured.allowErrors("send failed for good; message dead-lettered");
    platform.failNext(1, false);
    await ticker.tick(clock.now());
    expect((await store.outbox.list())[0]).toMatchObject({ status: "dead", attempts: 1 });
  });

  it("lets a message expire when its window closed during an outage, instead of sending it late", async () => {
    const store = await openTestStore();
    const { clock, platform, ticker } = await setup(store);
    platform.failNext(1);
    await ticker.tick(clock.now());
    clock.set(new Date("2026-12-01T13:00:00Z"));
    await ticker.tick(clock.now());
    expect(platform.sent).toHaveLength(0);
    expect((await store.outbox.get(1, "greeting:2026-12-01"))?.status).toBe("expired");
  });

  it("retries a message whose sender crashed once its lease runs out", async () => {
    const store = await openTestStore();
    const { clock, platform, ticker, workspace } = await setup(store);
    await store.outbox.enqueue(
      {
        workspaceId: workspace.id,
        key: "orphan",
        address: userAddress("console", "w", "bram"),
        payload: { text: "hi" },
        notBefore: clock.now(),
      },
      clock.now(),
    );
    // A sender claims the row and dies before marking it sent.
    expect((await store.outbox.claim(clock.now(), 120_000, 10)).map((i) => i.key)).toContain("orphan");
    clock.advance(60_000);
    await ticker.tick(clock.now());
    expect(platform.sent.map((s) => s.message.text)).not.toContain("hi");
    clock.advance(61_000);
    await ticker.tick(clock.now());
    expect(platform.sent.map((s) => s.message.text)).toContain("hi");
  });

  it("keeps going when one rule throws, and says which rule failed", async () => {
    const store = await openTestStore();
    const captured = captureLog();
    captured.allowErrors("plan rule failed");
    const workspace = await store.workspaces.ensure("console", "w", "", new Date());
    const broken: PlanRule = {
      name: "broken",
      plan: () => {
        throw new Error("bug");
      },
    };
    const planner = createPlanner({
      store,
      rules: [broken, dailyGreeting(workspace.id)],
      log: captured.log,
    });
    const result = await planner.tick(new Date("2026-12-01T09:00:00Z"));
    expect(result).toMatchObject({ enqueued: 1, failedRules: ["broken"] });
    expect(captured.atLeast(50)[0]).toMatchObject({ rule: "broken", msg: "plan rule failed" });
  });

  it("dead-letters a message for a platform that is not configured, naming it", async () => {
    const store = await openTestStore();
    const { clock, ticker, workspace, captured } = await setup(store);
    captured.allowErrors("no platform for this address; add it to PLATFORMS");
    await store.outbox.enqueue(
      {
        workspaceId: workspace.id,
        key: "to-slack",
        address: "slack:T1:user:U1",
        payload: { text: "hi" },
        notBefore: clock.now(),
      },
      clock.now(),
    );
    await ticker.tick(clock.now());
    expect(await store.outbox.get(workspace.id, "to-slack")).toMatchObject({
      status: "dead",
      lastError: "no configured platform can deliver to slack",
    });
  });
});
