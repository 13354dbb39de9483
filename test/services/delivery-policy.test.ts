import { describe, expect, it } from "vitest";
import { conversationAddress, userAddress } from "../../src/domain/addresses.js";
import { composeMerged, mergedReason } from "../../src/domain/copy/merged.js";
import type { OutboundMessage } from "../../src/domain/messages.js";
import type { Platform } from "../../src/domain/types.js";
import type { ChatPlatform } from "../../src/ports/chat-platform.js";
import { createSettableClock } from "../../src/ports/clock.js";
import type { OutboxDraft, PersonInput } from "../../src/ports/store.js";
import { createDispatcher } from "../../src/services/dispatcher.js";
import { captureLog } from "../helpers/log-capture.js";
import { personInput } from "../helpers/person-input.js";
import { createRecordingPlatform } from "../helpers/recording-platform.js";
import { onPostgresRun, openTestStore, type TestStore, testDatabase } from "../helpers/test-store.js";

/** Tuesday 2026-12-01, 10:00 in Brussels (UTC+1). */
const TUESDAY_MORNING = "2026-12-01T09:00:00Z";

async function setup(options: { store?: TestStore; at?: string; withoutRefs?: boolean } = {}) {
  const store = options.store ?? (await openTestStore());
  const clock = createSettableClock(new Date(options.at ?? TUESDAY_MORNING));
  const workspace = await store.workspaces.ensure("console", "w", "", clock.now());
  const platform = createRecordingPlatform("console");
  // A platform that posts but hands back no message id.
  const refless: ChatPlatform = { ...platform, send: async (a, m) => (await platform.send(a, m)) && {} };
  const captured = captureLog();
  const dispatcher = createDispatcher({
    store,
    platforms: new Map<Platform, ChatPlatform>([["console", options.withoutRefs ? refless : platform]]),
    clock,
    log: captured.log,
    options: { backoffMs: () => 60_000, maxAttempts: 3 },
  });

  const person = async (key: string, input: Partial<PersonInput> = {}) =>
    (await store.people.upsert(workspace.id, personInput(key, input), clock.now())).id;

  let counter = 0;
  /** Queues a message due now; without a recipient it is a channel post. */
  const enqueue = async (
    recipientId: number | undefined,
    message: OutboundMessage | string,
    extra: Partial<OutboxDraft> = {},
  ) => {
    const key = `msg-${++counter}`;
    const draft: OutboxDraft = {
      workspaceId: workspace.id,
      key,
      address:
        recipientId === undefined
          ? conversationAddress("console", "w", "general")
          : userAddress("console", "w", `person-${recipientId}`),
      payload: typeof message === "string" ? { text: message } : message,
      notBefore: clock.now(),
      ...extra,
    };
    if (recipientId !== undefined) draft.recipientId = recipientId;
    await store.outbox.enqueue(draft, clock.now());
    return draft.key;
  };

  const row = async (key: string) => (await store.outbox.get(workspace.id, key))!;
  const tick = async () => await dispatcher.dispatch(clock.now());
  const texts = () => platform.sent.map((s) => s.message.text);
  return { store, clock, platform, captured, workspace, person, enqueue, row, tick, texts };
}

describe("delivery policy: contact hours", () => {
  it("holds a message due at 22:00 recipient time until 09:00 on their next working day, then sends it", async () => {
    const t = await setup({ at: "2026-12-01T21:00:00Z" });
    const bram = await t.person("bram");
    const key = await t.enqueue(bram, "your intern asked something");

    expect(await t.tick()).toMatchObject({ sent: 0, deferred: 1 });
    expect(await t.row(key)).toMatchObject({ status: "pending", attempts: 0 });
    expect((await t.row(key)).notBefore.toISOString()).toBe("2026-12-02T08:00:00.000Z");
    expect(t.captured.lines.find((l) => l.msg === "message held back")).toMatchObject({
      level: 20,
      outboxId: (await t.row(key)).id,
      key,
      why: "outside contact hours",
    });

    t.clock.set(new Date("2026-12-02T07:59:00Z"));
    await t.tick();
    expect(t.platform.sent).toHaveLength(0);
    t.clock.set(new Date("2026-12-02T08:00:00Z"));
    await t.tick();
    expect(t.texts()).toEqual(["your intern asked something"]);
  });

  it("waits out a public holiday (Christmas in Belgium) until the next working day", async () => {
    const t = await setup({ at: "2026-12-25T10:00:00Z" });
    const key = await t.enqueue(await t.person("bram"), "a milestone is due");
    await t.tick();
    expect(t.platform.sent).toHaveLength(0);
    expect((await t.row(key)).notBefore.toISOString()).toBe("2026-12-28T08:00:00.000Z");
  });

  it("waits while the recipient is on leave and sends on their first day back", async () => {
    const t = await setup();
    const bram = await t.person("bram");
    await t.store.people.addLeave(
      t.workspace.id,
      bram,
      { from: "2026-12-01", to: "2026-12-03" },
      t.clock.now(),
    );
    const key = await t.enqueue(bram, "a reply is overdue");
    await t.tick();
    expect((await t.row(key)).notBefore.toISOString()).toBe("2026-12-04T08:00:00.000Z");
    t.clock.set(new Date("2026-12-04T08:00:00Z"));
    await t.tick();
    expect(t.texts()).toEqual(["a reply is overdue"]);
  });

  it("answers someone who writes at night at once: a reply names its recipient but is not held", async () => {
    const t = await setup({ at: "2026-12-01T21:00:00Z" });
    const ana = await t.person("ana");
    const key = await t.enqueue(ana, "your milestones", { key: "reply-to:Ev1" });
    const held = await t.enqueue(ana, "a check-in");
    expect(await t.tick()).toMatchObject({ sent: 1, deferred: 1 });
    expect(t.texts()).toEqual(["your milestones"]);
    expect(await t.row(key)).toMatchObject({ status: "sent", recipientId: ana });
    expect((await t.row(held)).status).toBe("pending");
  });

  it("posts to a channel at night: posts without a recipient are not gated", async () => {
    const t = await setup({ at: "2026-12-01T23:00:00Z" });
    await t.enqueue(undefined, "weekly summary");
    expect(await t.tick()).toMatchObject({ sent: 1, deferred: 0 });
  });

  it.skipIf(onPostgresRun())(
    "sends as before when the recipient no longer exists (SQLite only: foreign keys switched off)",
    async () => {
      const t = await setup({ at: "2026-12-01T23:00:00Z" });
      if (!("db" in t.store)) throw new Error("SQLite only");
      t.store.db.pragma("foreign_keys = OFF");
      await t.enqueue(999, "for someone who left");
      expect(await t.tick()).toMatchObject({ sent: 1 });
    },
  );

  it("holds a message at night even past its window, then lets it expire with a warning", async () => {
    const t = await setup({ at: "2026-12-01T21:00:00Z" });
    const key = await t.enqueue(await t.person("ana"), "check-in", {
      expiresAt: new Date("2026-12-01T23:00:00Z"),
    });
    await t.tick();
    expect(
      t.captured.lines.find((l) => l.msg === "message held back; its window closes before then"),
    ).toBeDefined();
    t.clock.set(new Date("2026-12-02T08:00:00Z"));
    expect(await t.tick()).toMatchObject({ sent: 0, expired: 1 });
    expect((await t.row(key)).status).toBe("expired");
    expect(t.captured.atLeast(40)).toContainEqual(
      expect.objectContaining({ msg: "message expired before it could be sent", key }),
    );
  });
});

describe("delivery policy: daily budget", () => {
  it("merges what would exceed a budget of 3 into one message with every text, reason and button", async () => {
    const t = await setup();
    const bram = await t.person("bram", { dailyBudget: 3 });
    await t.enqueue(bram, "first");
    await t.tick();
    await t.enqueue(bram, "second");
    await t.tick();
    expect(t.texts()).toEqual(["first", "second"]);

    const accept = { action: "milestone.accept", value: "7", label: "Accept" };
    const keys = [
      await t.enqueue(bram, { text: "Milestone 7 is done", reason: "you supervise Ana", buttons: [accept] }),
      await t.enqueue(bram, { text: "Ana has not checked in", reason: "Ana missed two days" }),
      await t.enqueue(bram, { text: "Milestone 7 reminder", reason: "due today", buttons: [accept] }),
    ];
    expect(await t.tick()).toMatchObject({ sent: 3, merged: 1 });

    expect(t.platform.sent).toHaveLength(3);
    const digest = t.platform.sent[2]!.message;
    expect(digest.text).toMatch(/^Several things for you today \(merged .* daily limit of 3 messages\):/);
    for (const part of ["Milestone 7 is done", "Ana has not checked in", "Milestone 7 reminder"]) {
      expect(digest.text).toContain(part);
    }
    for (const why of ["why: you supervise Ana", "why: Ana missed two days", "why: due today"]) {
      expect(digest.text).toContain(why);
    }
    expect(digest.buttons).toEqual([accept]);
    expect(digest.reason).toBe(mergedReason(3));

    const refs = new Set((await Promise.all(keys.map((k) => t.row(k)))).map((r) => r.platformRef));
    expect(refs.size).toBe(1);
    expect((await Promise.all(keys.map((k) => t.row(k)))).every((r) => r.status === "sent")).toBe(true);
    expect(await t.store.outbox.sentTo(bram, new Date("2026-11-30T23:00:00Z"))).toBe(3);
    expect(t.captured.lines.find((l) => l.msg?.toString().startsWith("merged"))).toMatchObject({
      level: 30,
      recipientId: bram,
      count: 3,
    });

    // The budget is spent: the next one waits for tomorrow's contact hours.
    const later = await t.enqueue(bram, "one more thing");
    expect(await t.tick()).toMatchObject({ sent: 0, deferred: 1 });
    expect((await t.row(later)).notBefore.toISOString()).toBe("2026-12-02T08:00:00.000Z");
    t.clock.set(new Date("2026-12-02T08:00:00Z"));
    await t.tick();
    expect(t.texts().at(-1)).toBe("one more thing");
  });

  it("does not count replies in the daily budget: it is for what Tandem starts itself", async () => {
    const t = await setup();
    const bram = await t.person("bram", { dailyBudget: 2 });
    for (const id of ["Ev1", "Ev2", "Ev3"]) await t.enqueue(bram, `answer ${id}`, { key: `reply-to:${id}` });
    expect(await t.tick()).toMatchObject({ sent: 3, merged: 0 });
    expect(await t.store.outbox.sentTo(bram, new Date("2026-11-30T23:00:00Z"))).toBe(0);
    await t.enqueue(bram, "first");
    await t.enqueue(bram, "second");
    expect(await t.tick()).toMatchObject({ sent: 2, merged: 0, deferred: 0 });
    expect(t.texts()).toEqual(["answer Ev1", "answer Ev2", "answer Ev3", "first", "second"]);
  });

  it("counts the budget per recipient local day, not per UTC day (Asia/Tokyo)", async () => {
    // Tuesday 10:00 in Tokyo (UTC+9).
    const t = await setup({ at: "2026-12-01T01:00:00Z" });
    const kenji = await t.person("kenji", {
      timezone: "Asia/Tokyo",
      country: "JP",
      contactHours: "Mon-Fri 08:00-18:00",
      dailyBudget: 1,
    });
    await t.enqueue(kenji, "Tuesday's message");
    await t.tick();
    // Same UTC day, but Wednesday 08:30 in Tokyo: a fresh budget.
    t.clock.set(new Date("2026-12-01T23:30:00Z"));
    await t.enqueue(kenji, "Wednesday's message");
    await t.tick();
    expect(t.texts()).toEqual(["Tuesday's message", "Wednesday's message"]);
    // Wednesday 09:30 in Tokyo: the budget of one is used, so Thursday 08:00 Tokyo.
    t.clock.set(new Date("2026-12-02T00:30:00Z"));
    const key = await t.enqueue(kenji, "another one");
    await t.tick();
    expect((await t.row(key)).notBefore.toISOString()).toBe("2026-12-02T23:00:00.000Z");
  });

  it("retries each row of a failed merged message and then sends the merged message once", async () => {
    const t = await setup();
    const bram = await t.person("bram", { dailyBudget: 1 });
    const keys = [await t.enqueue(bram, "one"), await t.enqueue(bram, "two")];
    t.platform.failNext(1);
    expect(await t.tick()).toMatchObject({ sent: 0, retried: 2, merged: 0 });
    for (const key of keys) {
      expect(await t.row(key)).toMatchObject({
        status: "pending",
        attempts: 1,
        lastError: "the platform said no",
      });
    }
    t.clock.advance(60_000);
    expect(await t.tick()).toMatchObject({ sent: 2, merged: 1 });
    expect(t.platform.sent).toHaveLength(1);
    expect((await Promise.all(keys.map((k) => t.row(k)))).map((r) => r.status)).toEqual(["sent", "sent"]);
  });

  it("gives a merged message one synthetic ref when the platform returns none, so it counts once", async () => {
    const t = await setup({ withoutRefs: true });
    const bram = await t.person("bram", { dailyBudget: 1 });
    const keys = [await t.enqueue(bram, "one"), await t.enqueue(bram, "two")];
    await t.tick();
    const first = await t.row(keys[0]!);
    expect((await Promise.all(keys.map((k) => t.row(k)))).map((r) => r.platformRef)).toEqual([
      `merged:${first.id}`,
      `merged:${first.id}`,
    ]);
    expect(await t.store.outbox.sentTo(bram, new Date("2026-11-30T23:00:00Z"))).toBe(1);
  });

  it("sends nothing twice after a restart on the same database: every merged row is marked sent", async () => {
    const database = await testDatabase();
    const first = await setup({ store: await database.open() });
    const bram = await first.person("bram", { dailyBudget: 1 });
    const keys = [
      await first.enqueue(bram, "one"),
      await first.enqueue(bram, "two"),
      await first.enqueue(bram, "three"),
    ];
    await first.tick();
    expect(first.platform.sent).toHaveLength(1);
    await first.store.close();

    const second = await setup({ store: await database.open() });
    expect(await second.tick()).toMatchObject({ sent: 0, deferred: 0 });
    expect(second.platform.sent).toHaveLength(0);
    expect((await Promise.all(keys.map((k) => second.row(k)))).map((r) => r.status)).toEqual([
      "sent",
      "sent",
      "sent",
    ]);
    await second.store.close();
  });
});

describe("delivery policy: alerts about open questions", () => {
  it("sends messages due together one by one while the budget allows, but merges reply alerts for one person", async () => {
    const t = await setup();
    const bram = await t.person("bram");
    await t.enqueue(bram, "check-in summary");
    await t.enqueue(bram, "overdue: question 1", { key: "reply-breach:1:due" });
    await t.enqueue(bram, "overdue: question 2", { key: "reply-breach:2:due" });
    expect(await t.tick()).toMatchObject({ sent: 3, merged: 1 });
    expect(t.texts()).toHaveLength(2);
    expect(t.texts()).toContain("check-in summary");
    const alerts = t.texts().find((text) => text.startsWith("Several messages are waiting for your reply:"));
    expect(alerts).toContain("1. overdue: question 1");
    expect(alerts).toContain("2. overdue: question 2");
  });
});

describe("merged messages", () => {
  it("numbers buttons whose labels would otherwise be ambiguous", () => {
    const digest = composeMerged(
      [
        { text: "Milestone A done", buttons: [{ action: "accept", value: "a", label: "Accept" }] },
        { text: "Milestone B done", buttons: [{ action: "accept", value: "b", label: "Accept" }] },
      ],
      { kind: "budget", budget: 6 },
    );
    expect(digest.buttons?.map((b) => b.label)).toEqual(["Accept (1)", "Accept (2)"]);
    expect(digest.text).toContain("1. Milestone A done\n\n2. Milestone B done");
  });
});
