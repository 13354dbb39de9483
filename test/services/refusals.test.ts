import { describe, expect, it } from "vitest";
import { conversationAddress } from "../../src/domain/addresses.js";
import { MESSAGE_TEXT_BUDGET } from "../../src/domain/message-budget.js";
import type { Platform } from "../../src/domain/types.js";
import type { ChatPlatform } from "../../src/ports/chat-platform.js";
import { createDispatcher } from "../../src/services/dispatcher.js";
import { queueDirect } from "../../src/services/notify.js";
import { createBotHarness } from "../helpers/bot-harness.js";
import { createRecordingPlatform } from "../helpers/recording-platform.js";

/** The sample programme at 11:00 in São Paulo and 15:00 in Brussels, a Tuesday: everyone is working. */
async function setup() {
  const h = await createBotHarness({ now: "2026-12-01T14:00:00Z" });
  // Every test here has the platform refuse messages, which the dispatcher logs as errors.
  h.log.allowErrors(/^the platform refused this message for good/);
  const platform = createRecordingPlatform("console");
  const dispatcher = createDispatcher({
    store: h.store,
    platforms: new Map<Platform, ChatPlatform>([["console", platform]]),
    clock: h.clock,
    log: h.log.log,
  });
  const queue = async (person: string, key: string, text: string, buttons = false) =>
    await queueDirect(
      h.store,
      h.workspace,
      await h.person(person),
      key,
      {
        text,
        reason: "a test",
        ...(buttons ? { buttons: [{ action: "milestone.accept", value: key, label: "Accept" }] } : {}),
      },
      h.clock.now(),
    );
  const row = async (key: string) => await h.store.outbox.get(h.workspace.id, key);
  const to = (person: string) =>
    platform.sent.filter((s) => s.address === `console:test:user:${person}`).map((s) => s.message);
  return {
    h,
    platform,
    dispatcher,
    queue,
    row,
    to,
    dispatch: async () => await dispatcher.dispatch(h.clock.now()),
  };
}

const LONG = `Milestone #12 "Survey draft" is overdue\n${"details ".repeat(2_000)}`;

describe("a message the platform refuses for good", () => {
  it("is re-sent once as a short plain version naming the command that shows it, in the same pass", async () => {
    const t = await setup();
    t.platform.refuseWhen((message) => message.text.length > 5_000);
    await t.queue("ana", "milestone-due:12:reminder:2026-12-03", LONG, true);

    const result = await t.dispatch();

    expect(result).toMatchObject({ refused: 1, dead: 1 });
    expect(t.platform.refused).toHaveLength(1);
    expect((await t.row("milestone-due:12:reminder:2026-12-03"))?.status).toBe("dead");
    expect((await t.row("milestone-due:12:reminder:2026-12-03"))?.lastError).toContain("msg_blocks_too_long");
    const fallback = await t.row("refused:milestone-due:12:reminder:2026-12-03");
    expect(fallback).toMatchObject({ status: "sent", recipientId: (await t.h.person("ana")).id });
    const [shown] = t.to("ana");
    expect(shown?.text).toContain('Milestone #12 "Survey draft" is overdue');
    expect(shown?.text).toContain('Type "milestone list" to see it in full.');
    expect(shown?.text.length).toBeLessThan(500);
    expect(shown?.buttons).toBeUndefined();
    expect(shown?.fields).toBeUndefined();
  });

  it("logs the refusal as an error with the outbox key and the fallback's key", async () => {
    const t = await setup();
    t.platform.refuseWhen((message) => message.text.length > 5_000);
    await t.queue("ana", "checkin:1:2026-12-01", LONG);
    await t.dispatch();
    const line = t.h.log.atLeast(50).find((l) => String(l.msg).includes("refused this message for good"));
    expect(line).toMatchObject({
      keys: ["checkin:1:2026-12-01"],
      fallback: "refused:checkin:1:2026-12-01",
      recipientId: (await t.h.person("ana")).id,
    });
    expect(JSON.stringify(line?.err)).toContain("msg_blocks_too_long");
  });

  it("tells the intern's supervisor once, however many of the intern's messages are refused", async () => {
    const t = await setup();
    t.platform.refuseWhen((message) => message.text.length > 5_000);
    await t.queue("ana", "checkin:1:2026-12-01", LONG);
    await t.dispatch();
    await t.queue("ana", "nudge:1:few_people:2026-W49", LONG);
    await t.dispatch();

    const notices = t.to("bram");
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain("refused some of Tandem's messages for Ana Souza");
    expect((await t.row(`refused-report:${(await t.h.person("ana")).id}`))?.status).toBe("sent");
    expect(t.to("ana").map((m) => m.text.split(":")[0])).toEqual([
      "This message was too long or too complex for this chat, so here is the short version",
      "This message was too long or too complex for this chat, so here is the short version",
    ]);
  });

  it("tells a supervisor's coordinator when the supervisor's message is refused", async () => {
    const t = await setup();
    t.platform.refuseWhen((message) => message.text.length > 5_000);
    await t.queue("bram", "digest:2:1:2026-W49", LONG);
    await t.dispatch();
    expect(t.to("lena")[0]?.text).toContain("messages for Bram Peeters");
    expect(t.to("bram")[0]?.text).toContain('Type "digest" to see it in full.');
  });

  it("replaces a refused merged message with one short version that names each merged item", async () => {
    const t = await setup();
    // Twelve messages for a budget of six: five go alone, the sixth slot carries seven merged.
    for (let i = 1; i <= 12; i++)
      await t.queue("ana", `milestone-due:${i}:reminder:2026-12-03`, `Item ${i} is due`, true);
    t.platform.refuseWhen((message) => message.text.startsWith("Several things for you today"));

    const result = await t.dispatch();

    expect(result).toMatchObject({ refused: 1 });
    const merged = t.platform.refused[0]!.message;
    expect(merged.buttons?.length).toBe(7);
    for (let i = 6; i <= 12; i++) {
      expect((await t.row(`milestone-due:${i}:reminder:2026-12-03`))?.status).toBe("dead");
    }
    const fallback = await t.row("refused:milestone-due:6:reminder:2026-12-03");
    expect(fallback?.status).toBe("sent");
    const text = fallback!.payload.text;
    expect(text).toContain("7 messages were too long or too complex for this chat");
    for (let i = 6; i <= 12; i++) expect(text).toContain(`- Item ${i} is due`);
    expect(text).toContain('Type "milestone list" to see them in full.');
    expect(t.to("ana")).toHaveLength(6);
  });

  it("keeps the short version of thirty merged items short", async () => {
    const t = await setup();
    for (let i = 1; i <= 36; i++) {
      await t.queue(
        "ana",
        `milestone-due:${i}:reminder:2026-12-03`,
        `Item ${i} ${"is due soon ".repeat(30)}`,
        true,
      );
    }
    t.platform.refuseWhen((message) => message.text.startsWith("Several things for you today"));
    await t.dispatch();
    const text = (await t.row("refused:milestone-due:6:reminder:2026-12-03"))!.payload.text;
    expect(text).toContain("31 messages were too long");
    expect(text).toContain("and 21 more");
    expect(text.length).toBeLessThan(MESSAGE_TEXT_BUDGET / 3);
  });

  it("only logs when the short version is refused too: nothing loops", async () => {
    const t = await setup();
    t.platform.refuseWhen(() => true);
    await t.queue("ana", "checkin:1:2026-12-01", LONG);
    const result = await t.dispatch();
    await t.dispatch();
    // The original, its short version and the supervisor's notice: each refused once, nothing more.
    expect(t.platform.refused.map((r) => r.address)).toEqual([
      "console:test:user:ana",
      "console:test:user:ana",
      "console:test:user:bram",
    ]);
    expect(result.refused).toBe(3);
    expect((await t.h.store.outbox.list()).map((o) => [o.key, o.status])).toEqual([
      ["checkin:1:2026-12-01", "dead"],
      ["refused:checkin:1:2026-12-01", "dead"],
      [`refused-report:${(await t.h.person("ana")).id}`, "dead"],
    ]);
  });

  it("tells the coordinator of the internship at home in a channel when a channel post is refused", async () => {
    const t = await setup();
    t.platform.refuseWhen((message) => message.text.length > 5_000);
    await t.h.store.outbox.enqueue(
      {
        workspaceId: t.h.workspace.id,
        key: "milestone-announce:3:1764590400000",
        address: conversationAddress("console", "test", "home"),
        payload: { text: LONG },
        notBefore: t.h.clock.now(),
      },
      t.h.clock.now(),
    );
    await t.dispatch();
    expect(t.platform.sent.find((s) => s.address === "console:test:conv:home")?.message.text).toContain(
      "here is the short version",
    );
    expect(t.to("lena")[0]?.text).toContain("refused some of Tandem's posts in a channel");
  });

  it("still retries a message the platform could not take for now", async () => {
    const t = await setup();
    t.platform.failNext(1, true);
    await t.queue("ana", "checkin:1:2026-12-01", "Good morning");
    expect(await t.dispatch()).toMatchObject({ retried: 1, refused: 0 });
    expect(await t.row("refused:checkin:1:2026-12-01")).toBeUndefined();
  });
});
