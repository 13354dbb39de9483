import { describe, expect, it } from "vitest";
import { createBotHarness } from "../helpers/bot-harness.js";

describe("agreement commands", () => {
  it("shows the agreement with who has acknowledged it", async () => {
    const h = await createBotHarness();
    await h.say("ana", "agreement ack");
    const shown = await h.say("ana", "agreement show");
    expect(shown).toContain("version 1");
    expect(shown).toContain("supervisor 8h, intern 4h");
    expect(shown).toContain("Ana Souza: acknowledged; Bram Peeters: not yet");
  });

  it("records an acknowledgement once", async () => {
    const h = await createBotHarness();
    expect(await h.say("ana", "agreement ack")).toMatch(/Waiting for Bram Peeters/);
    expect(await h.say("ana", "agreement ack")).toBe("You already acknowledged version 1 of the agreement.");
    expect(await h.say("bram", "agreement ack for @ana")).toMatch(/Both sides have acknowledged/);
    const agreement = (await h.store.agreements.current((await h.internship("ana-2026")).id))!;
    expect(agreement.acknowledgedBy).toEqual([(await h.person("ana")).id, (await h.person("bram")).id]);
  });

  it("writes a change as a proposal for the other side to accept, keeps version 1 in force, and audits it", async () => {
    const h = await createBotHarness();
    await h.say("ana", "agreement ack");
    expect(await h.say("bram", "agreement set reply.supervisor 6h for @ana")).toMatch(/proposed version 2/);
    const ship = (await h.internship("ana-2026")).id;
    const agreement = (await h.store.agreements.current(ship))!;
    expect(agreement.version).toBe(1);
    expect(agreement.terms.replyWithin.supervisor).toBe("8h");
    expect(agreement.acknowledgedBy).toEqual([(await h.person("ana")).id]);
    const proposal = (await h.store.agreements.proposal(ship))!;
    expect(proposal).toMatchObject({
      version: 2,
      state: "proposed",
      acknowledgedBy: [(await h.person("bram")).id],
    });
    expect(proposal.terms.replyWithin.supervisor).toBe("6h");
    const asks = (await h.store.outbox.list()).map((o) => o.key);
    expect(asks).toEqual([`agreement-proposal:${ship}:v2:${(await h.person("ana")).id}`]);
    expect((await h.store.audit.list(h.workspace.id, 1))[0]).toMatchObject({
      action: "agreement.propose",
      actorLabel: "bram",
    });
    expect(await h.say("ana", "status")).toMatch(
      /version 1 in force; version 2 proposed — waiting for your answer/,
    );
  });

  it("lets only people of the internship propose a change, and writes nothing otherwise", async () => {
    const h = await createBotHarness();
    const before = await h.snapshot();
    expect(await h.say("olga", "agreement set reply.intern 8h for @ana")).toMatch(
      /not part of Ana Souza's internship/,
    );
    expect(await h.snapshot()).toBe(before);
  });

  it.each([
    ["agreement set reply.supervisor soon for @ana", /reply.supervisor/],
    ["agreement set checkin.at 9.30 for @ana", /09:30/],
    ["agreement set checkin.days Funday for @ana", /Funday/],
    ["agreement set sync hourly for @ana", /daily, weekly/],
    ["agreement set intro.target many for @ana", /whole number/],
    ["agreement set colour blue for @ana", /not an agreement field|colour/],
  ])("refuses %s with a clear message", async (command, expected) => {
    const h = await createBotHarness();
    const before = await h.snapshot();
    expect(await h.say("bram", command)).toMatch(expected);
    expect(await h.snapshot()).toBe(before);
  });
});

describe("leave", () => {
  it("records leave in the speaker's dates and tells the people they work with", async () => {
    const h = await createBotHarness();
    expect(await h.say("ana", "leave 24 Dec 1 Jan")).toMatch(/from Thu 24 Dec 2026 to Fri 1 Jan 2027/);
    expect(await h.store.people.leaveOf((await h.person("ana")).id)).toEqual([
      { from: "2026-12-24", to: "2027-01-01", source: "command" },
    ]);
    const told = await h.store.outbox.list();
    expect(told).toHaveLength(1);
    expect(told[0]?.recipientId).toBe((await h.person("bram")).id);
    expect(told[0]?.payload.text).toBe("Ana Souza will be on leave from Thu 24 Dec 2026 to Fri 1 Jan 2027.");
    expect(await h.say("ana", "leave list")).toContain("Thu 24 Dec 2026 to Fri 1 Jan 2027");
  });

  it("refuses leave that is over, or already covered, without writing", async () => {
    const h = await createBotHarness();
    await h.say("ana", "leave 2026-12-24 2027-01-01");
    const before = await h.snapshot();
    expect(await h.say("ana", "leave 2026-11-02 2026-11-03")).toMatch(/already over/);
    expect(await h.say("ana", "leave 2026-12-26 2026-12-28")).toMatch(/already on leave/);
    expect(await h.say("ana", "leave 2027-01-05 2026-12-30")).toMatch(/before/);
    expect(await h.snapshot()).toBe(before);
  });
});

describe("status and help", () => {
  it("summarises each internship the speaker is part of", async () => {
    const h = await createBotHarness();
    await h.say("ana", 'milestone add "A" due 2026-12-03');
    await h.say("ana", 'milestone add "B" due 2026-12-20');
    await h.say("ana", "milestone done 2");
    h.clock.set(new Date("2026-12-05T12:00:00Z"));
    const status = await h.say("bram", "status");
    expect(status).toContain("Ana Souza's internship (you: supervisor)");
    expect(status).toContain("Ben Okafor's internship (you: supervisor)");
    expect(status).toContain("1 open milestone, 1 overdue, 1 waiting for acceptance");
  });

  it("explains every command and each one on its own", async () => {
    const h = await createBotHarness();
    const all = await h.say("ana", "help");
    for (const word of ["milestone add", "agreement ack", "leave", "status"]) expect(all).toContain(word);
    expect(await h.say("ana", "help milestone move")).toContain("milestone move <number> <date>");
  });

  it("suggests the closest command for a typo", async () => {
    const h = await createBotHarness();
    expect(await h.say("ana", "stauts")).toMatch(/status/);
  });
});
