import { describe, expect, it } from "vitest";
import type { OutboxItem } from "../../src/ports/store.js";
import type { CommandContext } from "../../src/services/command-context.js";
import { handleMilestoneAction } from "../../src/services/command-handlers/milestone-actions.js";
import { createPlanner } from "../../src/services/planner.js";
import { createMilestoneRule } from "../../src/services/rules/milestone-rule.js";
import { createBotHarness } from "../helpers/bot-harness.js";

// Ana works in São Paulo (UTC-3), Bram in Brussels (UTC+1): 03:00Z is Ana's midnight.
async function setup() {
  const h = await createBotHarness();
  const planner = () =>
    createPlanner({
      store: h.store,
      rules: [createMilestoneRule({ store: h.store, log: h.log.log })],
      log: h.log.log,
    });
  let current = planner();
  const tick = async (iso: string) => {
    h.clock.set(new Date(iso));
    return await current.tick(h.clock.now());
  };
  /** A new rule and planner on the same database, as after a restart. */
  const restart = () => {
    current = planner();
  };
  const milestoneMessages = async (): Promise<OutboxItem[]> =>
    (await h.store.outbox.list()).filter((o) => o.key.startsWith("milestone"));
  const keys = async () => (await milestoneMessages()).map((o) => o.key);
  const item = async (key: string) => (await h.store.outbox.get(h.workspace.id, key))!;
  const at = async (iso: string, user: string, text: string) => {
    h.clock.set(new Date(iso));
    return h.say(user, text);
  };
  const ana = (await h.person("ana")).id;
  const bram = (await h.person("bram")).id;
  return { h, tick, restart, milestoneMessages, keys, item, at, ana, bram };
}

const PINGS = /<!channel>|<@U999>|(^|\s)@here\b/;

describe("milestone reminders before the due date", () => {
  it("reminds the intern 2 working days before, over a weekend, once across repeated ticks", async () => {
    const { h, tick, keys, item, ana } = await setup();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    await tick("2026-12-10T15:00:00Z");
    expect(await keys()).toEqual([]);
    await tick("2026-12-11T03:00:00Z"); // Friday 00:00 in São Paulo
    expect(await keys()).toEqual(["milestone-due:1:reminder:2026-12-15"]);
    const reminder = await item("milestone-due:1:reminder:2026-12-15");
    expect(reminder.recipientId).toBe(ana);
    expect(reminder.notBefore.toISOString()).toBe("2026-12-11T12:00:00.000Z");
    expect(reminder.expiresAt?.toISOString()).toBe("2026-12-15T20:00:00.000Z");
    expect(reminder.payload.text).toContain('"milestone done 1"');
    expect(reminder.payload.reason).toBe(
      'Because "Survey" is due Tue 15 Dec 2026 and your working agreement reminds you 2 working days before.',
    );
    for (const iso of [
      "2026-12-11T12:00:00Z",
      "2026-12-12T12:00:00Z",
      "2026-12-14T12:00:00Z",
      "2026-12-15T12:00:00Z",
    ]) {
      await tick(iso);
    }
    expect(await keys()).toEqual(["milestone-due:1:reminder:2026-12-15"]);
  });

  it("sends no reminder when the agreement says 0 days", async () => {
    const { h, tick, keys } = await setup();
    expect(await h.say("bram", "agreement set milestone.remind 0 for @ana")).toMatch(/version 2/);
    await h.say("ana", "agreement accept"); // a change counts once the intern accepts it
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    for (const iso of ["2026-12-11T12:00:00Z", "2026-12-14T12:00:00Z", "2026-12-15T12:00:00Z"])
      await tick(iso);
    expect(await keys()).toEqual([]);
  });

  it("gives a moved milestone a fresh reminder for its new date, and none for the old one", async () => {
    const { h, tick, keys, at } = await setup();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    await tick("2026-12-11T12:00:00Z");
    await at("2026-12-11T13:00:00Z", "ana", "milestone move 1 2026-12-22 because the data is late");
    // The move brought the wake-up forward so the rule looks again at once.
    expect(await h.store.wakeups.get((await h.internship("ana-2026")).id, "milestones")).toEqual(
      h.clock.now(),
    );
    for (const iso of ["2026-12-14T12:00:00Z", "2026-12-16T12:00:00Z", "2026-12-17T12:00:00Z"])
      await tick(iso);
    expect(await keys()).toEqual(["milestone-due:1:reminder:2026-12-15"]);
    await tick("2026-12-18T12:00:00Z");
    expect(await keys()).toEqual([
      "milestone-due:1:reminder:2026-12-15",
      "milestone-due:1:reminder:2026-12-22",
    ]);
  });

  it("does not remind the intern of a date they set themselves inside the reminder window", async () => {
    const { tick, keys, at } = await setup();
    await at("2026-12-10T13:00:00Z", "ana", 'milestone add "Own" due 2026-12-11');
    await at("2026-12-10T13:00:00Z", "bram", 'milestone add "Asked" due 2026-12-11 for @ana');
    await tick("2026-12-10T13:00:00Z");
    expect(await keys()).toEqual(["milestone-due:2:reminder:2026-12-11"]);
  });
});

describe("overdue milestones", () => {
  it("alerts intern and supervisor on the first working day after the due date, then once the next week", async () => {
    const { h, tick, keys, item, ana, bram } = await setup();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    await h.say("bram", "agreement set milestone.remind 0 for @ana");
    await h.say("ana", "agreement accept"); // a change counts once the intern accepts it
    await tick("2026-12-15T20:00:00Z"); // Tuesday 17:00 in São Paulo: due today, not overdue
    expect(await keys()).toEqual([]);
    await tick("2026-12-16T03:00:00Z");
    const week51 = [
      `milestone-due:1:overdue:2026-12-15:2026-W51:${ana}`,
      `milestone-due:1:overdue:2026-12-15:2026-W51:${bram}`,
    ];
    expect(await keys()).toEqual(week51);
    expect(await item(week51[0]!)).toMatchObject({ recipientId: ana });
    expect((await item(week51[0]!)).notBefore.toISOString()).toBe("2026-12-16T12:00:00.000Z");
    expect(await item(week51[1]!)).toMatchObject({ recipientId: bram });
    expect((await item(week51[1]!)).notBefore.toISOString()).toBe("2026-12-16T08:00:00.000Z");
    expect((await item(week51[1]!)).payload.text).toContain("Ana Souza's milestone #1");
    expect((await item(week51[0]!)).payload.reason).toMatch(/at most once a working week/);
    for (const day of ["17", "18", "19", "20", "21", "22"]) await tick(`2026-12-${day}T15:00:00Z`);
    expect(await keys()).toEqual(week51);
    await tick("2026-12-23T15:00:00Z");
    expect(await keys()).toEqual([
      ...week51,
      `milestone-due:1:overdue:2026-12-15:2026-W52:${ana}`,
      `milestone-due:1:overdue:2026-12-15:2026-W52:${bram}`,
    ]);
  });

  it("says nothing on a weekend: a Friday due date is raised on Monday", async () => {
    const { h, tick, keys } = await setup();
    await h.say("ana", 'milestone add "Survey" due 2026-12-04');
    await h.say("bram", "agreement set milestone.remind 0 for @ana");
    await h.say("ana", "agreement accept"); // a change counts once the intern accepts it
    await tick("2026-12-05T15:00:00Z");
    await tick("2026-12-06T15:00:00Z");
    expect(await keys()).toEqual([]);
    await tick("2026-12-07T15:00:00Z");
    expect((await keys()).map((k) => k.split(":").slice(0, 5).join(":"))).toEqual([
      "milestone-due:1:overdue:2026-12-04:2026-W50",
      "milestone-due:1:overdue:2026-12-04:2026-W50",
    ]);
  });

  it("stops once the milestone is done", async () => {
    const { h, tick, keys, at } = await setup();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    await h.say("bram", "agreement set milestone.remind 0 for @ana");
    await h.say("ana", "agreement accept"); // a change counts once the intern accepts it
    await tick("2026-12-16T15:00:00Z");
    await at("2026-12-17T15:00:00Z", "ana", "milestone done 1");
    await tick("2026-12-23T15:00:00Z");
    expect((await keys()).filter((k) => k.includes("W52"))).toEqual([]);
  });

  it("withdraws an alert still waiting for contact hours when the milestone is done meanwhile", async () => {
    const { h, tick, item, at, bram } = await setup();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    await tick("2026-12-16T03:30:00Z"); // Ana's night: the alerts wait for contact hours
    const waiting = (await h.store.outbox.list()).filter(
      (o) => o.key.startsWith("milestone-due:1:overdue") && o.recipientId === bram,
    );
    expect(waiting).toHaveLength(1);
    await at("2026-12-16T04:00:00Z", "ana", "milestone done 1");
    expect(await item(waiting[0]!.key)).toMatchObject({
      status: "expired",
      lastError: "withdrawn: no longer needed",
    });
  });
});

describe("acceptance", () => {
  it("asks the supervisor at once, with a button and the command, when the intern marks done", async () => {
    const { h, at, keys, item, bram } = await setup();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    await at("2026-12-04T13:00:00Z", "ana", "milestone done 1");
    const key = `milestone-accept:1:${Date.parse("2026-12-04T13:00:00Z")}`;
    expect(await keys()).toEqual([key]);
    const ask = await item(key);
    expect(ask.recipientId).toBe(bram);
    expect(ask.notBefore).toEqual(h.clock.now());
    expect(ask.payload.buttons).toEqual([
      { action: "milestone.accept", value: "1", label: "Accept…", style: "primary" },
    ]);
    expect(ask.payload.text).toContain('"milestone accept 1 <how you will use it>"');
    expect(ask.payload.reason).toMatch(/^Because Ana Souza finished it/);
  });

  it("asks nobody when the supervisor marks a milestone done himself", async () => {
    const { h, tick, keys } = await setup();
    await h.say("bram", 'milestone add "Demo" due 2026-12-15 for @ana');
    await h.say("bram", "milestone done 1");
    await tick("2026-12-10T15:00:00Z");
    expect(await keys()).toEqual([]);
  });

  it("reminds the supervisor once after 2 of his working days: done on Friday, reminded on Tuesday", async () => {
    const { h, tick, keys, at, item } = await setup();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    await at("2026-12-04T13:00:00Z", "ana", "milestone done 1"); // Friday 14:00 in Brussels
    const reminderKey = `milestone-accept:1:${Date.parse("2026-12-04T13:00:00Z")}:reminder`;
    await tick("2026-12-07T15:00:00Z");
    await tick("2026-12-08T05:00:00Z");
    // The wake-up comes before Ana's next midnight because the reminder is due sooner.
    expect(
      (await h.store.wakeups.get((await h.internship("ana-2026")).id, "milestones"))?.toISOString(),
    ).toBe("2026-12-08T13:00:00.000Z");
    await tick("2026-12-08T12:59:00Z");
    expect(await keys()).not.toContain(reminderKey);
    await tick("2026-12-08T13:00:00Z");
    expect(await item(reminderKey)).toMatchObject({ recipientId: (await h.person("bram")).id });
    expect((await item(reminderKey)).payload.text).toContain("since Fri 4 Dec 2026");
    expect((await item(reminderKey)).payload.buttons?.[0]?.action).toBe("milestone.accept");
    for (const iso of ["2026-12-09T13:00:00Z", "2026-12-10T13:00:00Z", "2026-12-15T13:00:00Z"])
      await tick(iso);
    expect((await keys()).filter((k) => k.endsWith(":reminder"))).toEqual([reminderKey]);
  });

  it("tells the intern that the work was accepted and how it will be used", async () => {
    const { h, at, item, ana } = await setup();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    await h.say("ana", "milestone done 1");
    await at("2026-12-02T10:00:00Z", "bram", "milestone accept 1 we use it in the Q1 plan");
    const accepted = await item(`milestone-accepted:1:${Date.parse("2026-12-02T10:00:00Z")}`);
    expect(accepted.recipientId).toBe(ana);
    expect(accepted.payload.text).toBe(
      'Bram Peeters accepted your milestone #1 "Survey". How it will be used: we use it in the Q1 plan',
    );
    expect(accepted.payload.reason).toMatch(/counts on this work/);
  });

  it("writes nothing when queueing a follow-up fails", async () => {
    const { h } = await setup();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    const before = await h.snapshot();
    h.log.allowErrors("event failed");
    h.store.outbox.enqueue = () => {
      throw new Error("disk full");
    };
    expect(await h.say("ana", "milestone done 1")).toMatch(/nothing was changed/);
    expect(await h.snapshot()).toBe(before);
  });
});

describe("the accept button", () => {
  const context = async (
    h: Awaited<ReturnType<typeof setup>>["h"],
    key: string,
  ): Promise<CommandContext> => ({
    store: h.store,
    log: h.log.log,
    now: h.clock.now(),
    workspace: h.workspace,
    speaker: await h.person(key),
    today: "2026-12-01",
  });

  it("opens a form first, then accepts with the feedback like the command", async () => {
    const { h, keys } = await setup();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    await h.say("ana", "milestone done 1");
    const opened = await handleMilestoneAction(await context(h, "bram"), {
      action: "milestone.accept",
      value: "1",
    });
    expect(opened.form).toEqual({
      action: "milestone.accept",
      value: "1",
      title: "Accept milestone #1",
      submitLabel: "Accept",
      fields: [
        {
          id: "feedback",
          label: "How will you use this result?",
          kind: "text",
          multiline: true,
          maxLength: 1000,
          optional: true,
        },
      ],
    });
    const done = await handleMilestoneAction(await context(h, "bram"), {
      action: "milestone.accept",
      value: "1",
      form: { feedback: "It goes into the board deck" },
    });
    expect(done.text).toBe('Accepted #1 "Survey" with feedback: It goes into the board deck.');
    expect((await h.store.milestones.get(h.workspace.id, 1))?.feedback).toBe("It goes into the board deck");
    expect((await keys()).some((k) => k.startsWith("milestone-accepted:1:"))).toBe(true);
  });

  it("accepts without feedback when the optional field is left out", async () => {
    const { h } = await setup();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    await h.say("ana", "milestone done 1");
    const done = await handleMilestoneAction(await context(h, "bram"), {
      action: "milestone.accept",
      value: "1",
      form: {},
    });
    expect(done.text).toBe('Accepted #1 "Survey".');
  });

  it("answers a bad value or a refused accept clearly, without a form", async () => {
    const { h } = await setup();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    const bad = await handleMilestoneAction(await context(h, "bram"), {
      action: "milestone.accept",
      value: "abc",
    });
    expect(bad.text).toMatch(/names no milestone number/);
    expect(bad.form).toBeUndefined();
    const early = await handleMilestoneAction(await context(h, "bram"), {
      action: "milestone.accept",
      value: "1",
    });
    expect(early.text).toMatch(/not done yet/);
    expect(early.form).toBeUndefined();
    await h.say("ana", "milestone done 1");
    const byIntern = await handleMilestoneAction(await context(h, "ana"), {
      action: "milestone.accept",
      value: "1",
    });
    expect(byIntern.text).toBe("Only the supervisor or the coordinator can accept a milestone.");
  });
});

describe("announcements, restarts and mentions", () => {
  it("announces a done milestone in the home channel only when the agreement says so", async () => {
    const { h, keys, item, at } = await setup();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    await h.say("ana", 'milestone add "Report" due 2026-12-20');
    await h.say("ana", "milestone done 1");
    expect((await keys()).some((k) => k.startsWith("milestone-announce:"))).toBe(false);
    await h.say("bram", "agreement set milestone.announce yes for @ana");
    await h.say("ana", "agreement accept"); // a change counts once the intern accepts it
    await at("2026-12-02T10:00:00Z", "ana", "milestone done 2");
    const announce = await item(`milestone-announce:2:${Date.parse("2026-12-02T10:00:00Z")}`);
    expect(announce.address).toBe("console:test:conv:home");
    expect(announce.recipientId).toBeUndefined();
    expect(announce.payload.text).toBe('Ana Souza finished milestone #2 "Report", due Sun 20 Dec 2026.');
    expect(announce.payload.reason).toMatch(/working agreement announces/);
  });

  it("sends nothing twice after a restart", async () => {
    const { h, tick, restart, milestoneMessages, at } = await setup();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    await h.say("ana", 'milestone add "Report" due 2026-12-11');
    await at("2026-12-10T13:00:00Z", "ana", "milestone done 2");
    const instants = ["2026-12-11T12:00:00Z", "2026-12-14T15:00:00Z", "2026-12-16T15:00:00Z"];
    for (const iso of instants) await tick(iso);
    const before = (await milestoneMessages()).map((o) => o.key);
    expect(before.length).toBe(5);
    restart();
    await h.store.wakeups.touch(
      h.workspace.id,
      (await h.internship("ana-2026")).id,
      ["milestones"],
      new Date(0),
    );
    for (const iso of instants) await tick(iso);
    expect((await milestoneMessages()).map((o) => o.key)).toEqual(before);
  });

  it("echoes titles so that no message can ping anyone", async () => {
    const { h, tick, milestoneMessages, at } = await setup();
    await h.say("bram", "agreement set milestone.announce yes for @ana");
    await h.say("ana", "agreement accept"); // a change counts once the intern accepts it
    await h.say("ana", 'milestone add "<!channel> ping @here and <@U999>" due 2026-12-15');
    await h.say("ana", 'milestone add "<!channel> two @here <@U999>" due 2026-12-15');
    await tick("2026-12-16T15:00:00Z");
    await at("2026-12-16T16:00:00Z", "ana", "milestone done 2");
    await at("2026-12-16T16:00:00Z", "bram", "milestone accept 2 tell <!channel> and @here");
    const messages = await milestoneMessages();
    expect(messages.map((o) => o.key.split(":")[0])).toEqual(
      expect.arrayContaining([
        "milestone-due",
        "milestone-accept",
        "milestone-announce",
        "milestone-accepted",
      ]),
    );
    for (const o of messages) {
      expect(o.payload.text).not.toMatch(PINGS);
      expect(o.payload.reason ?? "").not.toMatch(PINGS);
    }
  });
});
