import { describe, expect, it } from "vitest";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";
const BXL = "Europe/Brussels";
const HOUR = 3_600_000;

async function setup() {
  const h = await createServiceHarness();
  h.clock.set(new Date("2026-12-01T14:00:00Z")); // Tue 1 Dec: 11:00 in São Paulo, 15:00 in Brussels
  const ship = await h.internship("ana-2026");
  let n = 0;
  const press = async (user: string, action: string, value: string, form?: Record<string, string>) => {
    const reply = await h.bot.handle({
      kind: "action",
      id: `act-${++n}`,
      platform: "console",
      workspace: "test",
      user,
      conversation: `console:test:user:${user}`,
      at: h.clock.now(),
      action,
      value,
      ...(form ? { form } : {}),
    });
    return reply;
  };
  /** Bram mentions Ana in the home channel: a request for her reply. */
  const mentionAna = async () => {
    await h.homeMessage("bram", h.clock.now(), {
      id: `msg-${++n}`,
      ref: `m${n}`,
      mentions: ["ana"],
      asks: true,
    });
    return (await h.store.replyClocks.since(ship.id, new Date(0))).at(-1)!;
  };
  const inForce = async () => (await h.store.agreements.currentTerms(ship.id))!;
  const queued = async (prefix: string) =>
    (await h.store.outbox.list()).filter((o) => o.key.startsWith(prefix));
  return { h, ship, press, mentionAna, inForce, queued };
}

describe("an agreement change is a proposal until both sides accept it", () => {
  it("keeps the terms in force when the supervisor proposes a shorter reply time for the intern", async () => {
    const { h, ship, mentionAna, inForce, queued } = await setup();
    expect(await h.say("bram", "agreement set reply.intern 2h for @ana")).toBe(
      "You proposed version 2 of the working agreement: reply.intern 4h → 2h. Version 1 stays in force until Ana Souza accepts it; I have asked. If it is not accepted by Tue 8 Dec 2026, it lapses and you will be told.",
    );
    expect((await inForce()).replyWithin.intern).toBe("4h");
    expect((await h.store.agreements.current(ship.id))?.version).toBe(1);
    // A request made while the proposal waits runs on the agreed 4h: no alert within the hour.
    const clock = await mentionAna();
    expect(clock.allowedMs).toBe(4 * HOUR);
    await h.tickAt(h.local("2026-12-01T13:30", SP));
    expect(
      (await queued("reply-breach")).concat(await queued("reply-escalation"), await queued("reply-warning")),
    ).toEqual([]);
  });

  it("asks the intern with Accept and Decline, and never says the agreement in force does not count", async () => {
    const { h, ship, queued } = await setup();
    await h.say("bram", "agreement set reply.intern 2h for @ana");
    const [ask, ...others] = await queued("agreement-");
    expect(others).toEqual([]);
    expect(ask?.key).toBe(`agreement-proposal:${ship.id}:v2:${(await h.person("ana")).id}`);
    expect(ask?.payload.text).toBe(
      'Bram Peeters proposes a change to the working agreement for Ana Souza (version 2): reply.intern 4h → 2h. Version 1 stays in force until the intern and the supervisor have both accepted. Press Accept or Decline, or type "agreement accept" or "agreement decline <reason>".',
    );
    expect(ask?.payload.buttons?.map((b) => [b.action, b.value, b.label])).toEqual([
      ["agreement.accept", `${ship.id}:v2`, "Accept"],
      ["agreement.decline", `${ship.id}:v2`, "Decline…"],
    ]);
    for (const item of await h.store.outbox.list()) {
      expect(`${item.payload.text} ${item.payload.reason}`).not.toMatch(/only counts once/);
    }
    const shown = await h.say("ana", "agreement show");
    expect(shown).toContain("version 1, in force since");
    expect(shown).toContain("supervisor 8h, intern 4h");
    expect(shown).toContain(
      "Proposed: version 2 by Bram Peeters: reply.intern 4h → 2h. It counts only when the intern and the supervisor have both accepted it; accepted by Bram Peeters; waiting for Ana Souza",
    );
    expect(await h.say("ana", "status")).toContain(
      'version 1 in force — waiting for your acknowledgement: type "agreement ack"; version 2 proposed — waiting for your answer',
    );
  });

  it("puts the change in force when the intern presses Accept, tells the supervisor, and new requests use it", async () => {
    const { h, ship, press, mentionAna, inForce, queued } = await setup();
    await h.say("bram", "agreement set reply.intern 2h for @ana");
    const reply = await press("ana", "agreement.accept", `${ship.id}:v2`);
    expect(reply?.text).toBe("You accepted version 2: it is in force from now (reply.intern 4h → 2h).");
    expect((await inForce()).replyWithin.intern).toBe("2h");
    expect(await h.store.agreements.current(ship.id)).toMatchObject({ version: 2, state: "agreed" });
    expect(await h.store.agreements.proposal(ship.id)).toBeUndefined();
    const told = await queued("agreement-decided");
    expect(told.map((o) => o.recipientId)).toEqual([(await h.person("bram")).id]);
    // Ana accepted her own agreement: her name once, not "of the working agreement for Ana Souza".
    expect(told[0]?.payload.text).toBe(
      "Ana Souza accepted version 2 of the working agreement: it is in force from now (reply.intern 4h → 2h).",
    );
    expect((await mentionAna()).allowedMs).toBe(2 * HOUR);
    // The button, pressed again, says what is true now.
    expect((await press("ana", "agreement.accept", `${ship.id}:v2`))?.text).toBe(
      'Version 2 is no longer waiting for an answer; version 2 is in force ("agreement show").',
    );
  });

  it("needs both the intern and the supervisor when the backup proposes", async () => {
    const { h, inForce } = await setup();
    expect(await h.say("chloe", "agreement set reply.supervisor 6h for @ana")).toContain(
      "until Ana Souza and Bram Peeters accept it",
    );
    expect(await h.say("bram", "agreement accept for @ana")).toBe(
      "You accepted version 2. It comes into force when Ana Souza accepts it too; until then version 1 stays in force.",
    );
    expect((await inForce()).replyWithin.supervisor).toBe("8h");
    expect(await h.say("bram", "agreement accept for @ana")).toBe(
      "You already accepted version 2; it waits for Ana Souza.",
    );
    expect(await h.say("ana", "agreement accept")).toMatch(/in force from now/);
    expect((await inForce()).replyWithin.supervisor).toBe("6h");
  });

  it("lets the intern propose, and only the supervisor answer", async () => {
    const { h } = await setup();
    expect(await h.say("ana", "agreement set checkin.at 10:00")).toContain("until Bram Peeters accepts it");
    expect(await h.say("ana", "agreement accept")).toBe("Version 2 waits for Bram Peeters, not for you.");
    expect(await h.say("lena", "agreement accept for @ana")).toBe(
      "Version 2 waits for Bram Peeters, not for you.",
    );
    expect(await h.say("bram", "agreement accept for @ana")).toMatch(/in force from now/);
  });

  it("keeps the terms in force on a decline, and tells the proposer the reason", async () => {
    const { h, ship, press, inForce, queued } = await setup();
    await h.say("bram", "agreement set reply.intern 2h for @ana");
    const opened = await press("ana", "agreement.decline", `${ship.id}:v2`);
    expect(opened?.form?.fields.map((f) => f.id)).toEqual(["reason"]);
    const reply = await press("ana", "agreement.decline", `${ship.id}:v2`, { reason: "I have classes" });
    expect(reply?.text).toBe("You declined version 2; version 1 stays in force. Bram Peeters is told.");
    expect((await inForce()).replyWithin.intern).toBe("4h");
    const [told] = await queued("agreement-decided");
    expect(told?.recipientId).toBe((await h.person("bram")).id);
    expect(told?.payload.text).toBe(
      'Ana Souza declined version 2 of the working agreement (reply.intern 4h → 2h): "I have classes". Version 1 stays in force.',
    );
    expect(await h.say("ana", "agreement accept")).toBe(
      'No change to the agreement is waiting for an answer; version 1 is in force ("agreement show").',
    );
  });

  it("lets an unanswered proposal lapse after a working week of the intern, and tells the proposer", async () => {
    const { h, ship, inForce, queued } = await setup();
    await h.say("bram", "agreement set reply.intern 2h for @ana");
    // Five working days after Tue 1 Dec is Tue 8 Dec; it lapses when Ana's contact hours end that day.
    await h.tickAt(h.local("2026-12-08T16:59", SP));
    expect((await h.store.agreements.proposal(ship.id))?.version).toBe(2);
    await h.tickAt(h.local("2026-12-08T17:00", SP));
    expect(await h.store.agreements.proposal(ship.id)).toBeUndefined();
    expect((await inForce()).replyWithin.intern).toBe("4h");
    const told = await queued("agreement-decided");
    expect(told.map((o) => [o.key, o.recipientId])).toEqual([
      [`agreement-decided:${ship.id}:v2:lapsed:${(await h.person("bram")).id}`, (await h.person("bram")).id],
    ]);
    expect(told[0]?.payload.text).toBe(
      'Your proposal to change the working agreement (version 2: reply.intern 4h → 2h) lapsed: Ana Souza did not accept it within a working week. Version 1 stays in force; "agreement set" proposes it again.',
    );
    // Told in his own contact hours, once.
    await h.tickAt(h.local("2026-12-09T09:00", BXL));
    await h.tickAt(h.local("2026-12-09T10:00", BXL));
    expect((await h.sentTo("bram")).filter((s) => s.message.text.includes("lapsed"))).toHaveLength(1);
  });

  it("adds a second change by the proposer to the open proposal, and makes others wait for it", async () => {
    const { h, ship, queued } = await setup();
    await h.say("bram", "agreement set reply.intern 2h for @ana");
    expect(await h.say("lena", "agreement set sync daily for @ana")).toMatch(
      /^Bram Peeters's proposal \(version 2: reply.intern 4h → 2h\) is still waiting for answers/,
    );
    expect(await h.say("bram", "agreement set sync daily for @ana")).toContain(
      "You changed your proposal; it is now version 3 of the working agreement: reply.intern 4h → 2h; sync weekly → daily.",
    );
    expect((await h.store.agreements.proposal(ship.id))?.version).toBe(3);
    const asks = (await queued("agreement-proposal")).map((o) => [o.key, o.status]);
    expect(asks).toEqual([
      [`agreement-proposal:${ship.id}:v2:${(await h.person("ana")).id}`, "expired"],
      [`agreement-proposal:${ship.id}:v3:${(await h.person("ana")).id}`, "pending"],
    ]);
  });
});

describe("reply times have a floor and a ceiling", () => {
  it.each([
    ["reply.intern 30m", '"30m" is shorter than 1h; a reply time goes from 1h to 5d (5 working days)'],
    ["reply.supervisor 0.1d", '"0.1d" is shorter than 1h'],
    ["reply.supervisor 6d", '"6d" is longer than 5 working days; a reply time goes from 1h to 5d'],
    ["reply.intern 41h", '"41h" is longer than 5 working days'],
  ])("refuses %s with the range, and writes nothing", async (change, expected) => {
    const { h } = await setup();
    const before = await h.snapshot();
    expect(await h.say("bram", `agreement set ${change} for @ana`)).toContain(expected);
    expect(await h.snapshot()).toBe(before);
  });

  it.each(["1h", "60m", "5d", "40h"])("accepts %s as a proposal", async (value) => {
    const { h, ship } = await setup();
    expect(await h.say("bram", `agreement set reply.intern ${value} for @ana`)).toMatch(/^You proposed/);
    expect((await h.store.agreements.proposal(ship.id))?.terms.replyWithin.intern).toBe(value);
  });
});
