import { describe, expect, it } from "vitest";
import type { Platform } from "../../src/domain/types.js";
import type { ChatPlatform } from "../../src/ports/chat-platform.js";
import { createDispatcher } from "../../src/services/dispatcher.js";
import { createPlanner } from "../../src/services/planner.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { createWeeklyDigestRule } from "../../src/services/rules/weekly-digest-rule.js";
import { createTicker } from "../../src/services/ticker.js";
import { sampleProgramme } from "../helpers/programme.js";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";
const BXL = "Europe/Brussels";
const W49 = "2026-W49";

/** The sample, with departments for the colleagues and lena coordinating both of bram's interns. */
function programme(anaStart = "2026-11-01"): ProgrammeInput {
  const p = sampleProgramme();
  const departments: Record<string, string> = { olga: "Sales", piet: "Finance" };
  p.people = p.people.map((person) =>
    departments[person.key] ? { ...person, department: departments[person.key] } : person,
  );
  p.internships = p.internships!.map((i) =>
    i.key === "ben-2026"
      ? { ...i, coordinator: "lena" }
      : i.key === "ana-2026"
        ? { ...i, start: anaStart }
        : i,
  );
  return p;
}

/** The service harness (check-ins, for the week's data) plus a planner that runs only the digest rule. */
async function setup(p = programme()) {
  const h = await createServiceHarness({ programme: p, rules: "checkin" });
  const platforms = new Map<Platform, ChatPlatform>([["console", h.platform]]);
  const build = () => {
    const rules = [createWeeklyDigestRule({ store: h.store, log: h.log.log })];
    const planner = createPlanner({ store: h.store, rules, log: h.log.log });
    const dispatcher = createDispatcher({ store: h.store, platforms, clock: h.clock, log: h.log.log });
    return createTicker({ planner, dispatcher, log: h.log.log });
  };
  let ticker = build();
  const digestTick = async (at: Date) => {
    h.clock.set(at);
    return await ticker.tick(at);
  };
  let n = 0;
  const post = async (
    user: string,
    at: Date,
    options: { mentions?: string[]; thread?: string; question?: boolean } = {},
  ) => {
    h.clock.set(at);
    const ref = `m${++n}`;
    await h.homeMessage(user, at, {
      id: `msg-${n}`,
      ref: ref,
      mentions: options.mentions ?? [],
      asks: options.question ?? false,
      thread: options.thread,
    });
    return ref;
  };
  const answerCheckin = (date: string, form: Record<string, string>) => {
    h.clock.set(h.local(`${date}T10:00`, SP));
    return h.bot.handle({
      kind: "action",
      id: `answer-${date}`,
      platform: "console",
      workspace: "test",
      user: "ana",
      conversation: "console:test:user:ana",
      at: h.clock.now(),
      action: "checkin.answer",
      value: date,
      form,
    });
  };
  const sayAt = (at: Date, user: string, text: string) => {
    h.clock.set(at);
    return h.say(user, text);
  };
  const digest = async (key: string) => await h.store.outbox.get(h.workspace.id, key);
  const digestRows = async () => (await h.store.outbox.list()).filter((o) => o.key.startsWith("digest:"));
  return { h, digestTick, post, answerCheckin, sayAt, digest, digestRows, restart: () => (ticker = build()) };
}

type World = Awaited<ReturnType<typeof setup>>;

/** Ana's week of 30 Nov - 4 Dec 2026: check-ins, milestones, questions both ways, one introduction. */
async function anasWeek(w: World) {
  const { h } = w;
  const full = (score: string) => ({ progress: "survey", nextSteps: "interviews", connectedness: score });
  const days: [string, Record<string, string> | undefined][] = [
    ["2026-11-30", full("5")],
    ["2026-12-01", full("4")],
    ["2026-12-02", full("2")],
    ["2026-12-03", { progress: "only this" }],
    ["2026-12-04", undefined],
  ];
  for (const [date, form] of days) {
    await h.tickAt(h.local(`${date}T09:30`, SP));
    if (form) await w.answerCheckin(date, form);
    await h.tickAt(h.local(`${date}T17:30`, SP));
  }
  const at = (date: string, time: string, zone = SP) => h.local(`${date}T${time}`, zone);
  await w.sayAt(at("2026-12-01", "11:00"), "ana", 'milestone add "Survey draft" due 2026-12-03');
  await w.sayAt(at("2026-12-01", "11:01"), "ana", 'milestone add "Interview plan" due 2026-12-02');
  await w.sayAt(at("2026-12-01", "11:02"), "ana", 'milestone add "Glossary" due 2026-12-02');
  const id = async (title: string) =>
    (await h.store.milestones.listFor((await h.internship("ana-2026")).id)).find((m) => m.title === title)!
      .id;
  const ids = {
    survey: await id("Survey draft"),
    plan: await id("Interview plan"),
    glossary: await id("Glossary"),
  };
  await w.sayAt(at("2026-12-02", "11:00"), "ana", `milestone done ${ids.survey}`);
  await w.sayAt(at("2026-12-03", "11:00"), "bram", `milestone accept ${ids.survey} used in the client pitch`);
  await w.sayAt(
    at("2026-12-01", "12:00"),
    "ana",
    `milestone move ${ids.plan} 2026-12-09 because data is late`,
  );
  await w.sayAt(at("2026-12-02", "12:00"), "ana", `milestone move ${ids.plan} 2026-12-16 because still late`);
  // Ana asks, Bram answers an hour later (his time); Bram asks Ana, she answers 1.5 of her working hours later.
  const question = await w.post("ana", at("2026-12-01", "14:00", BXL), { question: true });
  await w.post("bram", at("2026-12-01", "15:00", BXL), { thread: question });
  const asked = await w.post("bram", at("2026-12-02", "10:00", BXL), { mentions: ["ana"], question: true });
  await w.post("ana", at("2026-12-02", "10:30"), { thread: asked });
  const intro = (await h.store.introductions.propose(
    h.workspace.id,
    (
      await h.internship("ana-2026")
    ).id,
    (
      await h.person("olga")
    ).id,
    at("2026-12-02", "09:00"),
  ))!;
  await h.store.introductions.setStatus(intro.id, "held", at("2026-12-03", "15:00"), { metAnswer: true });
  return ids;
}

describe("weekly digest", () => {
  it("says an introduction only asked for waits for the colleague's answer, not that it waits to be held", async () => {
    const w = await setup();
    await anasWeek(w);
    const { h } = w;
    const ship = (await h.internship("ana-2026")).id;
    const at = (date: string, time: string) => h.local(`${date}T${time}`, SP);
    await h.store.introductions.propose(
      h.workspace.id,
      ship,
      (await h.person("piet")).id,
      at("2026-12-03", "09:00"),
    );
    const held = (await h.store.introductions.propose(
      h.workspace.id,
      ship,
      (
        await h.person("chloe")
      ).id,
      at("2026-12-03", "09:00"),
    ))!;
    await h.store.introductions.setStatus(held.id, "accepted", at("2026-12-03", "10:00"));
    await w.digestTick(h.local("2026-12-07T09:00", BXL));
    const text = (await w.digest(`digest:${(await h.person("bram")).id}:${ship}:${W49}`))!.payload.text;
    expect(text).toContain("1 introduction asked, waiting for the colleague's answer");
    expect(text).toContain("1 introduction accepted, waiting to be held");
    expect(text).not.toContain("2 introductions waiting to be held");
  });

  it("sends bram a digest about ana's last week at 09:00 on Monday, his time, with every section", async () => {
    const w = await setup();
    const ids = await anasWeek(w);
    const { h } = w;
    const key = `digest:${(await h.person("bram")).id}:${(await h.internship("ana-2026")).id}:${W49}`;
    await w.digestTick(h.local("2026-12-07T08:59", BXL));
    expect(await w.digest(key)).toBeUndefined();
    await w.digestTick(h.local("2026-12-07T09:00", BXL));
    const row = await w.digest(key);
    expect(row).toMatchObject({ status: "sent", recipientId: (await h.person("bram")).id });
    expect(row?.address).toBe("console:test:user:bram");
    const text = row!.payload.text;
    expect(text).toContain(
      "Your weekly digest about Ana Souza for 2026-W49 (Mon 30 Nov 2026 to Sun 6 Dec 2026):",
    );
    expect(text).toContain(
      "Ana Souza (ana-2026), Mon 30 Nov 2026 to Sun 6 Dec 2026, week 6 of the internship",
    );
    expect(text).toContain("Done, waiting for acceptance: none");
    expect(text).toContain(`Accepted: #${ids.survey} "Survey draft" (due Thu 3 Dec 2026)`);
    expect(text.match(/"Survey draft"/g)).toHaveLength(1);
    expect(text).toContain(
      `Slipping: #${ids.plan} "Interview plan" (moved 2 times, now due Wed 16 Dec 2026)`,
    );
    expect(text).toContain(`Overdue: #${ids.glossary} "Glossary" (due Wed 2 Dec 2026)`);
    expect(text).toContain("Check-ins: 3 answered, 1 partly answered, 1 missed, 0 skipped");
    expect(text).toContain("Connectedness (1-5): 5, 4, 2 (average 3.7, falling)");
    expect(text).toContain(
      "Replies to Ana Souza: 1 question: 1 answered on time; answered in 1h of working time",
    );
    expect(text).toContain(
      "Replies from Ana Souza: 1 question: 1 answered on time; answered in 1.5h of working time",
    );
    expect(text).toContain("Connection signal: not computed yet");
    expect(text).toContain(
      // Week 6 of a 6-week plan with 1 of 6 met: behind (issue 14 §6: the pace cannot reach the plan).
      "Met 1 of 6 colleagues (Olga Berg), 1 of 3 departments (Sales), within 6 weeks: behind the plan",
    );
    expect(text).toContain("Concentration: 100% of 3 exchanges with Bram Peeters");
    expect(text).toContain("Flagged: after week 3, more than 60% of Ana Souza's exchanges go to one person");
    expect(text).not.toContain("Reflections");
    expect(row?.payload.reason).toBe(
      "You supervise Ana Souza; Tandem sends you this digest at the start of your working week, about the week before.",
    );
    expect(
      (await w.h.sentTo("bram")).some((s) => s.message.text.includes("digest about Ana Souza for 2026-W49")),
    ).toBe(true);
  });

  it("shows the latest isolation level with its reasons", async () => {
    const w = await setup();
    const { h } = w;
    await h.store.signals.save(h.workspace.id, {
      internshipId: (await h.internship("ana-2026")).id,
      date: "2026-12-04",
      level: "watch",
      reasons: [{ code: "few_people", text: "Ana wrote with only one person this week." }],
      inputs: { exchanges: 3, people: 1, connectedness: null },
      computedAt: h.local("2026-12-04T18:00", SP),
    });
    await w.digestTick(h.local("2026-12-07T09:00", BXL));
    const text = (await w.digest(
      `digest:${(await h.person("bram")).id}:${(await h.internship("ana-2026")).id}:${W49}`,
    ))!.payload.text;
    expect(text).toContain(
      "Connection signal: watch (Fri 4 Dec 2026); Ana wrote with only one person this week.",
    );
  });

  // Behaviour change (issue 13): the coordinator's digest is a short paragraph per intern; the
  // sections it used to repeat for every intern are one "digest for @intern" away.
  it("sends lena one short digest covering ana and ben, each in a paragraph with what needs attention first", async () => {
    const w = await setup();
    await anasWeek(w);
    const { h } = w;
    await w.digestTick(h.local("2026-12-07T09:00", BXL));
    const row = await w.digest(`digest:${(await h.person("lena")).id}:${W49}`);
    expect(row).toMatchObject({ status: "sent", address: "console:test:user:lena" });
    const text = row!.payload.text;
    expect(text).toContain(
      "Your weekly digest for 2026-W49 (Mon 30 Nov 2026 to Sun 6 Dec 2026), 2 interns, all needing attention:",
    );
    expect(text).toContain(
      "Ana Souza (@ana): needs attention: 1 overdue milestone, 100% of exchanges with Bram Peeters, connectedness falling, 1 slipping milestone, introductions behind the plan. Check-ins 4 of 5 answered, connectedness 3.7; milestones 1 accepted; met 1 of 6 colleagues.",
    );
    expect(text).toContain(
      "Ben Okafor (@ben): needs attention: 5 check-ins missed, introductions behind the plan. Check-ins 0 of 5 answered; met 0 of 6 colleagues.",
    );
    expect(text.indexOf("Ana Souza (@ana)")).toBeLessThan(text.indexOf("Ben Okafor (@ben)"));
    expect(text).toContain('type "digest for @ana"');
    expect(text).not.toContain("Reply times");
    expect(row?.payload.reason).toContain("You coordinate the internships of Ana Souza and Ben Okafor");
    expect((await h.sentTo("lena")).filter((s) => s.message.text.includes("2026-W49"))).toHaveLength(1);
  });

  it("shows lena one intern's whole week on request, saying what is unknown instead of inventing zeros", async () => {
    const w = await setup();
    await anasWeek(w);
    const { h } = w;
    h.clock.set(h.local("2026-12-07T10:00", BXL));
    const ben = await h.say("lena", "digest for @ben");
    expect(ben).toContain("The digest about Ben Okafor for 2026-W49 (Mon 30 Nov 2026 to Sun 6 Dec 2026):");
    expect(ben).toContain("Check-ins: 0 answered, 0 partly answered, 5 missed, 0 skipped");
    expect(ben).toContain("Replies to Ben Okafor: no questions yet");
    expect(ben).toContain("Connection signal: not computed yet");
    expect(ben).toContain("Concentration: no exchanges recorded");
    expect(ben).toContain("Reflections shared with the coordinator: none");
    const ana = await h.say("lena", "digest for @ana");
    expect(ana).toContain("Check-ins: 3 answered, 1 partly answered, 1 missed, 0 skipped");
    expect(ana).toContain('Overdue: #3 "Glossary" (due Wed 2 Dec 2026)');
    // The supervisor reads the same week without the reflections, which are for the coordinator.
    const bram = await h.say("bram", "digest for @ana");
    expect(bram).toContain("Check-ins: 3 answered, 1 partly answered, 1 missed, 0 skipped");
    expect(bram).not.toContain("Reflections");
    expect(await h.say("olga", "digest for @ana")).toBe(
      "You are not part of Ana Souza's internship, so you cannot see or change it.",
    );
  });

  it("sends each digest once across repeated ticks, a restart and the rest of the week, never to a channel", async () => {
    const w = await setup();
    const { h } = w;
    await w.digestTick(h.local("2026-12-07T09:00", BXL));
    await w.digestTick(h.local("2026-12-07T09:01", BXL));
    w.restart();
    await w.digestTick(h.local("2026-12-07T09:30", BXL));
    await w.digestTick(h.local("2026-12-08T09:00", BXL));
    await w.digestTick(h.local("2026-12-10T15:00", BXL));
    const w49 = (await w.digestRows()).filter((o) => o.key.endsWith(W49));
    expect(w49.map((o) => o.key).sort()).toEqual(
      [
        `digest:${(await h.person("bram")).id}:${(await h.internship("ana-2026")).id}:${W49}`,
        `digest:${(await h.person("bram")).id}:${(await h.internship("ben-2026")).id}:${W49}`,
        `digest:${(await h.person("lena")).id}:${W49}`,
        `digest:${(await h.person("olga")).id}:${(await h.internship("piet-2026")).id}:${W49}`,
      ].sort(),
    );
    expect((await w.digestRows()).every((o) => o.address.includes(":user:"))).toBe(true);
    expect((await h.sentTo("bram")).filter((s) => s.message.text.includes("2026-W49"))).toHaveLength(2);
    expect((await h.sentTo("lena")).filter((s) => s.message.text.includes("2026-W49"))).toHaveLength(1);
    // The next Monday brings the next week's digest.
    await w.digestTick(h.local("2026-12-14T09:00", BXL));
    expect((await w.digest(`digest:${(await h.person("lena")).id}:2026-W50`))?.status).toBe("sent");
  });

  it("waits for the supervisor's first working day when Monday is off", async () => {
    const w = await setup();
    const { h } = w;
    await w.sayAt(h.local("2026-12-02T10:00", BXL), "bram", "leave 2026-12-07");
    const key = `digest:${(await h.person("bram")).id}:${(await h.internship("ana-2026")).id}:${W49}`;
    await w.digestTick(h.local("2026-12-07T12:00", BXL));
    expect(await w.digest(key)).toBeUndefined();
    expect((await w.digest(`digest:${(await h.person("lena")).id}:${W49}`))?.status).toBe("sent");
    await w.digestTick(h.local("2026-12-08T08:59", BXL));
    expect(await w.digest(key)).toBeUndefined();
    await w.digestTick(h.local("2026-12-08T09:00", BXL));
    expect((await w.digest(key))?.status).toBe("sent");
  });

  it("does not flag concentration before the end of the internship's third week", async () => {
    const w = await setup(programme("2026-11-23"));
    const { h } = w;
    await w.post("bram", h.local("2026-12-01T10:00", BXL), { mentions: ["ana"] });
    await w.digestTick(h.local("2026-12-07T09:00", BXL));
    const text = (await w.digest(
      `digest:${(await h.person("bram")).id}:${(await h.internship("ana-2026")).id}:${W49}`,
    ))!.payload.text;
    expect(text).toContain("week 2 of the internship");
    expect(text).toContain("Concentration: 100% of 1 exchange with Bram Peeters");
    expect(text).not.toContain("Flagged");
  });
});
