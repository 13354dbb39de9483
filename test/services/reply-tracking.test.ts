import { describe, expect, it } from "vitest";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";
const BXL = "Europe/Brussels";

async function setup() {
  const h = await createServiceHarness();
  let n = 0;
  /** A message in the home channel, as an adapter would pass it: metadata only, the platform's time. */
  const post = async (
    user: string,
    at: Date,
    options: {
      mentions?: string[];
      question?: boolean;
      thread?: string;
      bot?: boolean;
      system?: boolean;
      direct?: boolean;
    } = {},
  ) => {
    n += 1;
    const ref = `m${n}`;
    await h.bot.handle({
      kind: "message",
      id: `ev-${n}`,
      platform: "console",
      workspace: "test",
      user,
      conversation: options.direct ? `console:test:user:${user}` : "console:test:conv:home",
      at,
      messageRef: ref,
      ...(options.thread ? { threadRef: options.thread } : {}),
      mentions: options.mentions ?? [],
      asks: options.question ?? false,
      isDirect: options.direct ?? false,
      fromBot: options.bot ?? false,
      ...(options.system ? { isSystem: true } : {}),
      permalink: `https://chat.example/home/${ref}`,
    });
    return ref;
  };
  const react = (user: string, ref: string, at: Date, reaction = "white_check_mark") =>
    h.bot.handle({
      kind: "reaction",
      id: `re-${++n}`,
      platform: "console",
      workspace: "test",
      user,
      conversation: "console:test:conv:home",
      at,
      messageRef: ref,
      reaction,
    });
  const clocks = async () =>
    await h.store.replyClocks.since((await h.internship("ana-2026")).id, new Date(0));
  const outboxKeys = async (prefix: string) =>
    (await h.store.outbox.list()).filter((o) => o.key.startsWith(prefix)).map((o) => o.key);
  return { h, post, react, clocks, outboxKeys };
}

describe("starting reply clocks", () => {
  it("starts a clock for the supervisor when the intern asks in the home channel, due in his working time", async () => {
    const { h, post, clocks } = await setup();
    h.clock.set(h.local("2026-12-01T10:05", SP));
    await post("ana", h.local("2026-12-01T10:00", SP), { question: true });
    const [clock] = await clocks();
    expect(clock).toMatchObject({
      direction: "to_company",
      responderId: (await h.person("bram")).id,
      allowedMs: 8 * 3_600_000,
    });
    expect(clock?.sentAt).toEqual(h.local("2026-12-01T10:00", SP));
    // 10:00 in São Paulo is 14:00 in Brussels: 14:00-17:00 on Tuesday, then 09:00-14:00 on Wednesday.
    expect(clock?.dueAt).toEqual(h.local("2026-12-02T14:00", BXL));
    const notice = (await h.store.outbox.list()).find((o) => o.key === `reply-due:${clock?.id}`);
    expect(notice?.recipientId).toBe((await h.person("ana")).id);
    expect(notice?.payload.text).toContain("Bram Peeters's reply is due by Wed 2 Dec, 10:00 your time");
    expect(notice?.payload.link).toBe("https://chat.example/home/m1");
  });

  it("starts a clock for the backup supervisor when the intern asks her", async () => {
    const { h, post, clocks } = await setup();
    await post("ana", h.local("2026-12-01T10:00", SP), { mentions: ["chloe"], question: true });
    expect((await clocks())[0]?.responderId).toBe((await h.person("chloe")).id);
  });

  it("starts a clock for the intern when the supervisor asks her something, in her working time", async () => {
    const { h, post, clocks } = await setup();
    await post("bram", h.local("2026-12-01T15:00", BXL), { mentions: ["ana"], question: true });
    const [clock] = await clocks();
    expect(clock).toMatchObject({ direction: "to_intern", responderId: (await h.person("ana")).id });
    expect(clock?.dueAt).toEqual(h.local("2026-12-01T15:00", SP)); // 11:00 + 4h in São Paulo
  });

  it("ignores bots, system messages, direct messages and plain remarks", async () => {
    const { h, post, clocks } = await setup();
    const at = h.local("2026-12-01T10:00", SP);
    await post("ana", at, { question: true, bot: true });
    await post("ana", at, { question: true, system: true });
    await post("ana", at, { question: true, direct: true });
    await post("ana", at, { question: false });
    await post("bram", at, { question: true });
    expect(await clocks()).toEqual([]);
  });

  it("gives a redelivered message no second clock", async () => {
    const { h, clocks } = await setup();
    const event = {
      kind: "message" as const,
      id: "same-event",
      platform: "console" as const,
      workspace: "test",
      user: "ana",
      conversation: "console:test:conv:home",
      at: h.local("2026-12-01T10:00", SP),
      messageRef: "q1",
      mentions: [],
      asks: true,
      isDirect: false,
      fromBot: false,
    };
    await h.bot.handle(event);
    await h.bot.handle(event);
    await h.bot.handle({ ...event, id: "other-delivery-id" });
    expect(await clocks()).toHaveLength(1);
  });
});

describe("stopping reply clocks", () => {
  it("closes on a reply in the thread from the other side and records the working time it took", async () => {
    const { h, post, clocks } = await setup();
    const q = await post("ana", h.local("2026-12-01T10:00", SP), { question: true });
    await post("ana", h.local("2026-12-01T10:30", SP), { thread: q });
    expect((await clocks())[0]?.closedAt).toBeUndefined();
    await post("chloe", h.local("2026-12-01T16:00", BXL), { thread: q });
    expect((await clocks())[0]).toMatchObject({
      closeReason: "reply",
      closedBy: (await h.person("chloe")).id,
      replyMs: 2 * 3_600_000,
    });
  });

  it("closes on the responder's later top-level message to the asker unless the agreement says thread only", async () => {
    const { h, post, clocks } = await setup();
    await h.say("bram", "agreement set reply.where thread for @ana");
    await h.say("ana", "agreement accept"); // a change counts once the intern accepts it
    await post("ana", h.local("2026-12-01T10:00", SP), { question: true });
    await post("bram", h.local("2026-12-01T15:00", BXL), { mentions: ["ana"] });
    expect((await clocks())[0]?.closedAt).toBeUndefined();
    await h.say("bram", "agreement set reply.where both for @ana");
    await h.say("ana", "agreement accept"); // a change counts once the intern accepts it
    await post("bram", h.local("2026-12-01T15:30", BXL), { mentions: ["ana"] });
    expect((await clocks())[0]?.closeReason).toBe("reply");
  });

  it("does not close on a reply in another thread", async () => {
    const { h, post, clocks } = await setup();
    await post("ana", h.local("2026-12-01T10:00", SP), { question: true });
    await post("bram", h.local("2026-12-01T15:00", BXL), { thread: "some-other-thread" });
    expect((await clocks())[0]?.closedAt).toBeUndefined();
  });

  it("closes on the responder's acknowledgement reaction only", async () => {
    const { h, post, react, clocks } = await setup();
    const q = await post("ana", h.local("2026-12-01T10:00", SP), { question: true });
    await react("olga", q, h.local("2026-12-01T15:00", BXL));
    await react("bram", q, h.local("2026-12-01T15:00", BXL), "eyes");
    expect((await clocks())[0]?.closedAt).toBeUndefined();
    await react("bram", q, h.local("2026-12-01T15:00", BXL));
    expect((await clocks())[0]).toMatchObject({ closeReason: "reaction", replyMs: 3_600_000 });
  });

  it("lets the asker close their own question with noreply, withdrawing alerts still waiting", async () => {
    const { h, post, clocks, outboxKeys } = await setup();
    await post("ana", h.local("2026-12-01T10:00", SP), { question: true });
    await h.tickAt(h.local("2026-12-02T12:00", BXL)); // after the warning time, before the due time
    expect(await outboxKeys("reply-warning:")).toHaveLength(1);
    expect(await h.say("ana", "noreply")).toMatch(/^Closed your message in #home of Tue 1 Dec, 10:00/);
    expect((await clocks())[0]?.closeReason).toBe("noreply");
    await h.tickAt(h.local("2026-12-03T12:00", BXL));
    expect(await outboxKeys("reply-breach:")).toEqual([]);
    expect(await h.say("ana", "noreply")).toMatch(/nothing to close/);
  });
});

describe("reply alerts", () => {
  it("warns at 75%, alerts at the due time, then tells the backup supervisor once, never the coordinator", async () => {
    const { h, post, clocks, outboxKeys } = await setup();
    await post("ana", h.local("2026-12-01T10:00", SP), { question: true });
    const id = (await clocks())[0]!.id;
    const steps: [string, string[]][] = [
      ["2026-12-02T11:59", []],
      ["2026-12-02T12:00", [`reply-warning:${id}:warn`]],
      ["2026-12-02T14:00", [`reply-breach:${id}:due`]],
      ["2026-12-03T10:00", [`reply-escalation:${id}:1`]],
      ["2026-12-03T14:00", []],
    ];
    const seen: string[] = [];
    for (const [local, expected] of steps) {
      await h.tickAt(h.local(local, BXL));
      await h.tickAt(h.local(local, BXL));
      seen.push(...expected);
      expect((await outboxKeys("reply-")).filter((k) => !k.startsWith("reply-due"))).toEqual(seen);
    }
    h.restart();
    await h.tickAt(h.local("2026-12-04T12:00", BXL));
    expect((await outboxKeys("reply-")).filter((k) => !k.startsWith("reply-due"))).toEqual(seen);
    const recipients = (await h.store.outbox.list())
      .filter((o) => o.key.startsWith("reply-") && !o.key.startsWith("reply-due"))
      .map((o) => o.recipientId);
    expect(recipients).toEqual([
      (await h.person("bram")).id,
      (await h.person("bram")).id,
      (await h.person("chloe")).id,
    ]);
    const breach = await h.store.outbox.get(h.workspace.id, `reply-breach:${id}:due`);
    expect(breach?.payload.text).toBe(
      "Overdue: Ana Souza's message in #home was due for your reply at Wed 2 Dec, 14:00 your time.",
    );
    expect(breach?.payload.link).toBe("https://chat.example/home/m1");
  });

  it("merges several alerts for one person into one message", async () => {
    const { h, post, outboxKeys } = await setup();
    await post("ana", h.local("2026-12-01T10:00", SP), { question: true });
    await post("ana", h.local("2026-12-01T10:00", SP), { mentions: ["bram"], question: true });
    await h.tickAt(h.local("2026-12-02T14:05", BXL));
    expect(await outboxKeys("reply-breach:")).toHaveLength(2);
    const toBram = (await h.sentTo("bram")).filter((s) => s.message.text.includes("Overdue"));
    expect(toBram).toHaveLength(1);
    expect(toBram[0]?.message.text.match(/Overdue/g)).toHaveLength(2);
  });

  it("moves the due time when the responder takes leave while the clock runs", async () => {
    const { h, post, clocks } = await setup();
    await post("ana", h.local("2026-12-01T10:00", SP), { question: true });
    h.clock.set(h.local("2026-12-01T16:00", BXL));
    await h.say("bram", "leave 2026-12-02");
    await h.tickAt(h.local("2026-12-01T16:30", BXL));
    expect((await clocks())[0]?.dueAt).toEqual(h.local("2026-12-03T14:00", BXL));
  });

  it("closes every open clock when the internship ends", async () => {
    const { h, post, clocks } = await setup();
    await post("ana", h.local("2027-03-30T10:00", SP), { question: true });
    await h.tickAt(h.local("2027-04-01T12:00", SP));
    expect((await clocks())[0]?.closeReason).toBe("ended");
  });

  it("closes a clock whose alerts all went out days before the end, when the internship ends", async () => {
    const { h, post, clocks, outboxKeys } = await setup();
    await post("ana", h.local("2027-03-22T10:00", SP), { question: true });
    await h.tickAt(h.local("2027-03-22T15:00", BXL));
    await h.tickAt(h.local("2027-03-25T12:00", BXL));
    const id = (await clocks())[0]!.id;
    // Warned, overdue and escalated: no deadline of this clock is left to wake the rule.
    expect(await outboxKeys(`reply-escalation:${id}:`)).toHaveLength(1);
    expect((await clocks())[0]?.closedAt).toBeUndefined();
    await h.tickAt(h.local("2027-04-01T12:00", SP));
    expect((await clocks())[0]?.closeReason).toBe("ended");
  });
});

describe("reply figures", () => {
  it("shows each question once per direction in status: on time or late, with the reply times", async () => {
    const { h, post } = await setup();
    const q1 = await post("ana", h.local("2026-12-01T10:00", SP), { question: true });
    await post("bram", h.local("2026-12-01T15:00", BXL), { thread: q1 });
    const q2 = await post("ana", h.local("2026-12-01T11:00", SP), { mentions: ["bram"], question: true });
    await post("bram", h.local("2026-12-03T16:00", BXL), { thread: q2 });
    h.clock.set(h.local("2026-12-04T10:00", SP));
    const status = await h.say("ana", "status");
    expect(status).toContain(
      "Replies to the intern: 2 questions: 1 answered on time, 1 answered late; half answered within 1h, all within 17h of working time",
    );
    expect(status).toContain("Replies from the intern: no questions yet");
  });
});
