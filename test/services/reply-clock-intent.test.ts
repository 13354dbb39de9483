import { describe, expect, it } from "vitest";
import { asksForSomething } from "../../src/domain/request-words.js";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";
const BXL = "Europe/Brussels";

/**
 * Issue 14 §1 and §6 as observed in the playground: ana (intern, São Paulo), bram (supervisor) and chloe
 * (backup) in Brussels, lena (coordinator), olga a colleague who agreed to nothing.
 */
async function setup() {
  const h = await createServiceHarness();
  let n = 0;
  /** A home-channel message as an adapter passes it: mentions and whether it asks, decided from the text. */
  const post = async (user: string, at: Date, text: string, options: { thread?: string } = {}) => {
    n += 1;
    const ref = `m${n}`;
    await h.homeMessage(user, at, {
      id: `ev-${n}`,
      ref: ref,
      mentions: [...text.matchAll(/@(\w+)/g)].map((m) => m[1]!),
      asks: asksForSomething(text),
      thread: options.thread,
    });
    return ref;
  };
  const react = (user: string, ref: string, at: Date, reaction: string, itemAuthor?: string) =>
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
      ...(itemAuthor ? { itemAuthor } : {}),
    });
  const clocks = async () =>
    await h.store.replyClocks.since((await h.internship("ana-2026")).id, new Date(0));
  /** Every reply message anyone was sent or is due to be sent, by recipient key. */
  const replyMessagesTo = async (key: string) => {
    const recipientId = (await h.person(key)).id;
    return (await h.store.outbox.list())
      .filter((o) => o.key.startsWith("reply-") && o.recipientId === recipientId)
      .map((o) => o.key);
  };
  const week = async () => {
    for (const day of ["01", "02", "03", "04", "07", "08"]) {
      for (const hour of ["10:00", "14:00", "17:30"]) await h.tickAt(h.local(`2026-12-${day}T${hour}`, BXL));
    }
  };
  return { h, post, react, clocks, replyMessagesTo, week };
}

describe("only real requests between the parties of the agreement start a clock", () => {
  it("starts no clock for the supervisor's praise, so the intern is never warned and nobody is told", async () => {
    const { h, post, clocks, replyMessagesTo, week } = await setup();
    await post("bram", h.local("2026-12-01T10:00", BXL), "Great job on the setup, @ana! 🎉");
    await week();
    expect(await clocks()).toEqual([]);
    for (const person of ["ana", "bram", "chloe", "lena"]) expect(await replyMessagesTo(person)).toEqual([]);
  });

  it("starts a clock for the intern when the supervisor asks her something", async () => {
    const { h, post, clocks } = await setup();
    await post("bram", h.local("2026-12-01T10:00", BXL), "@ana could you share the test plan");
    expect(await clocks()).toMatchObject([
      { direction: "to_intern", responderId: (await h.person("ana")).id },
    ]);
  });

  it("starts no clock when the intern asks a colleague, and nobody hears about the colleague's inbox", async () => {
    const { h, post, clocks, replyMessagesTo, week } = await setup();
    await post("ana", h.local("2026-12-01T10:00", SP), "@olga could you send me the CRM export?");
    await week();
    expect(await clocks()).toEqual([]);
    for (const person of ["olga", "ana", "bram", "chloe", "lena"])
      expect(await replyMessagesTo(person)).toEqual([]);
    // Still an exchange with a colleague for the connection signal.
    expect(
      await h.store.activity.exchangesSince((await h.internship("ana-2026")).id, new Date(0)),
    ).toMatchObject([{ personId: (await h.person("olga")).id, source: "mention" }]);
  });

  it("starts no clock when a colleague asks the intern something", async () => {
    const { h, post, clocks } = await setup();
    await post("olga", h.local("2026-12-01T10:00", BXL), "@ana can you join the sales demo?");
    expect(await clocks()).toEqual([]);
  });

  it("starts a clock for the backup when the intern asks her, and for the supervisor when nobody is named", async () => {
    const { h, post, clocks } = await setup();
    await post("ana", h.local("2026-12-01T10:00", SP), "@olga @chloe please review my pull request");
    await post("ana", h.local("2026-12-01T10:05", SP), "Where do I find the staging credentials?");
    expect((await clocks()).map((c) => c.responderId)).toEqual([
      (await h.person("chloe")).id,
      (await h.person("bram")).id,
    ]);
  });

  it("starts no clock for the intern's question in a colleague's thread, but one in the supervisor's", async () => {
    const { h, post, clocks } = await setup();
    const marcs = await post("olga", h.local("2026-12-01T14:00", BXL), "I put the CRM export in the drive");
    await post("ana", h.local("2026-12-01T10:00", SP), "Which file is it?", { thread: marcs });
    expect(await clocks()).toEqual([]);
    const brams = await post("bram", h.local("2026-12-01T14:30", BXL), "Release notes for this week");
    await post("ana", h.local("2026-12-01T10:40", SP), "Should I add the CRM fix?", { thread: brams });
    expect(await clocks()).toMatchObject([{ responderId: (await h.person("bram")).id }]);
  });

  it("starts a clock when the asker marks their own message with the tracking reaction", async () => {
    const { h, post, react, clocks } = await setup();
    const fyi = await post("ana", h.local("2026-12-01T10:00", SP), "The deploy notes are in the wiki @bram");
    expect(await clocks()).toEqual([]);
    await react("bram", fyi, h.local("2026-12-01T15:00", BXL), "hourglass", "ana"); // not his message
    expect(await clocks()).toEqual([]);
    await react("ana", fyi, h.local("2026-12-01T10:30", SP), "hourglass_flowing_sand", "ana");
    const [clock] = await clocks();
    expect(clock).toMatchObject({ direction: "to_company", responderId: (await h.person("bram")).id });
    expect(clock?.sentAt).toEqual(h.local("2026-12-01T10:30", SP));
  });

  it("starts a clock for every mention between the parties when the agreement says reply.trigger mention", async () => {
    const { h, post, clocks } = await setup();
    expect(await h.say("bram", "agreement set reply.trigger mention for @ana")).toContain("reply.trigger");
    await h.say("ana", "agreement accept"); // a change counts once the intern accepts it
    await post("bram", h.local("2026-12-01T10:00", BXL), "Great job on the setup, @ana! 🎉");
    await post("ana", h.local("2026-12-01T10:00", SP), "@olga thanks for the export");
    expect(await clocks()).toMatchObject([{ direction: "to_intern" }]);
  });
});

describe("a reply closes only the question it answers", () => {
  it("leaves the intern's question open after an unrelated top-level message by the supervisor", async () => {
    const { h, post, clocks } = await setup();
    await post("ana", h.local("2026-12-01T10:00", SP), "@bram can I deploy to staging?");
    await post("bram", h.local("2026-12-01T15:00", BXL), "Lunch is on the team today");
    await post("chloe", h.local("2026-12-01T15:10", BXL), "@ana the coffee machine works again");
    expect((await clocks())[0]?.closedAt).toBeUndefined();
    await post("bram", h.local("2026-12-01T15:30", BXL), "@ana yes, go ahead");
    expect((await clocks())[0]).toMatchObject({
      closeReason: "reply",
      closedBy: (await h.person("bram")).id,
    });
  });

  it("closes a question asked inside a thread on an answer in that thread", async () => {
    const { h, post, clocks } = await setup();
    const root = await post("bram", h.local("2026-12-01T09:00", BXL), "Release notes for this week");
    await post("ana", h.local("2026-12-01T10:00", SP), "Should I add the CRM fix?", { thread: root });
    await post("bram", h.local("2026-12-01T15:00", BXL), "Yes", { thread: root });
    expect((await clocks())[0]?.closeReason).toBe("reply");
  });
});

describe("reply figures count each question once", () => {
  it("shows one unanswered overdue question as overdue, not as on time, a breach and open", async () => {
    const { h, post } = await setup();
    const q1 = await post("ana", h.local("2026-12-01T10:00", SP), "@bram could you check my PR?");
    await post("bram", h.local("2026-12-01T15:00", BXL), "done", { thread: q1 });
    await post("ana", h.local("2026-12-01T11:00", SP), "@bram can you add me to the CRM?");
    h.clock.set(h.local("2026-12-04T10:00", SP));
    const status = await h.say("ana", "status");
    expect(status).toContain(
      "Replies to the intern: 2 questions: 1 answered on time, 1 overdue without a reply; answered in 1h of working time",
    );
    const line = status?.split("\n").find((l) => l.includes("Replies to the intern")) ?? "";
    expect(line).not.toMatch(/100% on time|breach|open/);
  });
});
