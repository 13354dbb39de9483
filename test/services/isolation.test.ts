import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/domain/command-syntax/parse.js";
import { localDateIn } from "../../src/domain/zone-time.js";
import type { CommandContext } from "../../src/services/command-context.js";
import { handleMetCommand } from "../../src/services/command-handlers/met.js";
import { handlePauseNudges, handleWhyCommand } from "../../src/services/command-handlers/nudges.js";
import { loadInternshipContext } from "../../src/services/internship-context.js";
import { gatherIsolationInputs } from "../../src/services/isolation-inputs.js";
import { createPlanner } from "../../src/services/planner.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { createIsolationRule } from "../../src/services/rules/isolation-rule.js";
import { sampleProgramme } from "../helpers/programme.js";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";
const BXL = "Europe/Brussels";

/** The service harness with only the isolation rule planning into the outbox (no dispatcher needed). */
async function setup(programme?: ProgrammeInput) {
  const h = await createServiceHarness(programme ? { programme } : {});
  const build = () =>
    createPlanner({
      store: h.store,
      rules: [createIsolationRule({ store: h.store, log: h.log.log })],
      log: h.log.log,
    });
  let planner = build();
  const ana = await h.internship("ana-2026");
  const tick = async (at: Date) => {
    h.clock.set(at);
    return await planner.tick(at);
  };
  let n = 0;
  /** A channel message in the home channel (metadata only), at the platform's time. */
  const post = async (user: string, at: Date, thread?: string, question = false) => {
    const ref = `m${++n}`;
    h.clock.set(at);
    await h.homeMessage(user, at, { id: `ev-${n}`, ref: ref, mentions: [], asks: question, thread: thread });
    return ref;
  };
  /** Runs one of this file's commands as `key` at the harness clock (the bot wires them later). */
  const run = async (key: string, text: string) => {
    const speaker = await h.person(key);
    const now = h.clock.now();
    const today = localDateIn(speaker.timezone, now);
    const ctx: CommandContext = {
      store: h.store,
      log: h.log.log,
      now,
      workspace: h.workspace,
      speaker,
      today,
    };
    const parsed = parseCommand(text, { today });
    if (!parsed.ok) throw new Error(parsed.error);
    const command = parsed.value;
    switch (command.name) {
      case "why":
        return (await handleWhyCommand(ctx)).text;
      case "met":
        return (await handleMetCommand(ctx, command)).text;
      case "nudges.pause":
      case "nudges.resume":
        return (await handlePauseNudges(ctx, command)).text;
      default:
        throw new Error(`not an isolation command: ${text}`);
    }
  };
  const rows = async (prefix: string) =>
    (await h.store.outbox.list()).filter((o) => o.key.startsWith(prefix));
  const nudges = async () => (await rows(`nudge:${ana.id}:`)).map((o) => o.key);
  const signalOn = async (date: string) => (await h.store.signals.between(ana.id, date, date))[0];
  /** Ana talked with Olga and Chloé on Tue 24 Nov and met Bram: only her silence afterwards can count. */
  const quietSince24Nov = async () => {
    const o = await post("olga", h.local("2026-11-24T14:00", BXL));
    await post("ana", h.local("2026-11-24T10:30", SP), o);
    const c = await post("chloe", h.local("2026-11-24T14:40", BXL));
    await post("ana", h.local("2026-11-24T11:00", SP), c);
    h.clock.set(h.local("2026-11-24T11:30", SP));
    await run("ana", "met @bram kickoff");
  };
  return {
    h,
    ana,
    tick,
    post,
    run,
    rows,
    nudges,
    signalOn,
    quietSince24Nov,
    restart: () => (planner = build()),
  };
}

describe("the isolation signal and its nudges", () => {
  it("nudges a quiet intern once a week, in the afternoon, across repeated ticks and a restart", async () => {
    const { h, ana, tick, run, rows, nudges, signalOn, quietSince24Nov, restart } = await setup();
    await quietSince24Nov();
    await tick(h.local("2026-11-30T08:00", SP)); // before Ana's day starts
    expect(await signalOn("2026-11-30")).toBeUndefined();
    await tick(h.local("2026-11-30T09:05", SP));
    expect(await signalOn("2026-11-30")).toMatchObject({ level: "watch", reasons: [{ code: "quiet" }] });
    expect(await nudges()).toEqual([]); // the morning is the check-in's
    await tick(h.local("2026-11-30T14:00", SP));
    expect(await nudges()).toEqual([`nudge:${ana.id}:quiet:2026-W49`]);
    const [nudge] = await rows(`nudge:${ana.id}:`);
    expect(nudge?.recipientId).toBe((await h.person("ana")).id);
    expect(nudge?.address).toMatch(/:user:/);
    expect(nudge?.payload.text).toMatch(
      /^A small idea for this week: post a short update in your team's channel/,
    );
    expect(nudge?.payload.reason).toMatch(
      /^Because 3 working days have passed without a message from you in the team's conversations\./,
    );
    expect(nudge?.payload.reason).toContain('"why"');
    expect(nudge?.payload.reason).toContain('"pause nudges 1w"');

    await tick(h.local("2026-11-30T10:00", SP));
    restart();
    await tick(h.local("2026-11-30T16:00", SP));
    await tick(h.local("2026-12-01T09:05", SP)); // still quiet, already nudged this week
    await tick(h.local("2026-12-01T14:00", SP));
    expect((await signalOn("2026-12-01"))?.inputs.quietWorkingDays).toBe(4);
    expect(await nudges()).toHaveLength(1);

    // A logged meeting is contact too: after it, four more silent working days make her quiet again.
    h.clock.set(h.local("2026-12-01T15:00", SP));
    await run("ana", "met @bram planning");
    await tick(h.local("2026-12-07T14:00", SP)); // a new week, 7 days after the first nudge
    await tick(h.local("2026-12-08T09:05", SP));
    expect(await nudges()).toEqual([`nudge:${ana.id}:quiet:2026-W49`, `nudge:${ana.id}:quiet:2026-W50`]);
    // Still quiet: said in other words than a week ago.
    const [first, second] = await rows(`nudge:${ana.id}:`);
    expect(second?.payload.text).not.toBe(first?.payload.text);
    expect(await rows(`isolation-risk:${ana.id}:`)).toEqual([]);
  });

  it("does not repeat a Friday nudge on Monday: a reason waits 7 days, across the ISO week boundary", async () => {
    const { h, ana, tick, post, run, nudges } = await setup();
    const quiet = async () => (await nudges()).filter((key) => key.includes(":quiet:"));
    // Ana talks with Olga and Chloé and meets Bram on Monday 30 Nov, then goes quiet.
    const o = await post("olga", h.local("2026-11-30T14:00", BXL));
    await post("ana", h.local("2026-11-30T10:30", SP), o);
    const c = await post("chloe", h.local("2026-11-30T14:40", BXL));
    await post("ana", h.local("2026-11-30T11:00", SP), c);
    h.clock.set(h.local("2026-11-30T11:30", SP));
    await run("ana", "met @bram kickoff");
    await tick(h.local("2026-12-04T14:05", SP)); // Friday: 3 quiet working days
    expect(await quiet()).toEqual([`nudge:${ana.id}:quiet:2026-W49`]);
    await tick(h.local("2026-12-07T14:05", SP)); // Monday, a new ISO week, 3 days later
    await tick(h.local("2026-12-10T14:05", SP));
    expect(await nudges()).toEqual([`nudge:${ana.id}:quiet:2026-W49`]);
    await tick(h.local("2026-12-11T14:05", SP)); // a week after the first
    expect(await quiet()).toEqual([`nudge:${ana.id}:quiet:2026-W49`, `nudge:${ana.id}:quiet:2026-W50`]);
  });

  it("nudges about the strongest reason, at most once a week, each with a concrete suggestion", async () => {
    const programme = sampleProgramme();
    for (const p of programme.people) if (p.key === "olga") Object.assign(p, { department: "Sales" });
    const { h, ana, tick, post, run, rows } = await setup(programme);
    await post("ana", h.local("2026-11-25T10:00", SP), undefined, true); // a question to Bram, never answered
    h.clock.set(h.local("2026-11-25T10:30", SP));
    await run("ana", "met @bram kickoff");
    await tick(h.local("2026-11-30T14:00", SP));
    expect((await h.store.signals.latest(ana.id))?.reasons.map((r) => r.code)).toEqual([
      "unanswered_questions",
      "few_colleagues",
    ]);
    for (const day of ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"]) {
      await tick(h.local(`${day}T09:05`, SP)); // now also quiet
      await tick(h.local(`${day}T14:00`, SP));
    }
    expect((await rows(`nudge:${ana.id}:`)).map((o) => o.key.split(":")[2])).toEqual([
      "unanswered_questions",
    ]);
    const [first] = await rows(`nudge:${ana.id}:`);
    expect(first?.payload.text).toContain(
      "Your question to Bram Peeters is still open past the agreed reply time: Tandem reminds them within their working hours.",
    );
    expect(first?.payload.reason).toContain(
      "Because 1 question from you waited longer than the agreed reply time",
    );
    await tick(h.local("2026-12-07T14:00", SP));
    const second = (await rows(`nudge:${ana.id}:`))[1];
    expect(second?.key.split(":")[2]).toBe("quiet");
    expect(second?.notBefore).toEqual(h.local("2026-12-07T14:00", SP));
  });

  it("gathers missed check-ins, connectedness and introductions from the store", async () => {
    const { h, ana } = await setup();
    const ws = h.workspace.id;
    const at = h.local("2026-11-20T14:00", SP);
    const day = async (date: string, status: "answered" | "missed", connectedness?: number) => {
      await h.store.checkins.create(ws, ana.id, date, "due", at);
      const checkin = (await h.store.checkins.get(ana.id, date))!;
      if (status === "answered") {
        await h.store.checkins.answer(
          checkin.id,
          { progress: "p", nextSteps: "n", connectedness },
          "answered",
          at,
        );
      }
      await h.store.checkins.settle(checkin.id, status, at);
    };
    await day("2026-11-24", "answered", 4);
    await day("2026-11-25", "answered", 4);
    await day("2026-11-30", "missed");
    await day("2026-12-01", "answered", 2);
    await day("2026-12-02", "answered", 2);
    await day("2026-12-03", "answered", 1);
    await day("2026-12-04", "missed");
    // Accepted more than 3 weeks ago and not held yet; accepted last week (still time); said not held.
    const introduce = async (key: string, status: "accepted" | "not_held", when: Date) => {
      const intro = (await h.store.introductions.propose(ws, ana.id, (await h.person(key)).id, when))!;
      await h.store.introductions.setStatus(intro.id, status, when);
    };
    await introduce("olga", "accepted", h.local("2026-11-10T14:00", SP));
    await introduce("piet", "accepted", h.local("2026-12-01T14:00", SP));
    await introduce("ben", "not_held", h.local("2026-12-02T14:00", SP));
    const now = h.local("2026-12-07T09:05", SP);
    const inputs = await gatherIsolationInputs(
      h.store,
      (await loadInternshipContext(h.store, ws, ana.id))!,
      now,
    );
    expect(inputs).toMatchObject({
      missedCheckins: 2,
      recentConnectedness: 1.7,
      connectednessTrend: -2.3,
      introductionsNotHeld: 2,
      // Her answered check-ins (all on 20 Nov here) are her last contact: 10 working days ago.
      quietWorkingDays: 10,
      // Nothing seen in the conversations yet: unknown, not zero.
      breachedQuestions: null,
      colleaguesInTwoWeeks: null,
      daysSinceMeeting: 36,
    });
  });

  it("an intern who answers every check-in with 4-5/5 but never writes in the channel is not at risk and gets no nudge", async () => {
    const { h, ana, tick, post, nudges, signalOn } = await setup();
    const ws = h.workspace.id;
    // Her supervisor writes in the home channel, so the conversations are tracked; Ana never does.
    await post("bram", h.local("2026-11-23T10:00", BXL));
    const days = ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"];
    const weeks = [0, 7, 14].flatMap((offset) =>
      days.map((d) =>
        new Date(Date.parse(`${d}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10),
      ),
    );
    for (const [i, date] of weeks.entries()) {
      const asked = h.local(`${date}T09:30`, SP);
      await h.store.checkins.create(ws, ana.id, date, "due", asked);
      const checkin = (await h.store.checkins.get(ana.id, date))!;
      const answered = h.local(`${date}T09:45`, SP);
      const connectedness = i % 2 === 0 ? 5 : 4;
      await h.store.checkins.answer(
        checkin.id,
        { progress: "p", nextSteps: "n", connectedness },
        "answered",
        answered,
      );
      await h.store.checkins.settle(checkin.id, "answered", answered);
      await tick(h.local(`${date}T10:00`, SP));
      await tick(h.local(`${date}T14:30`, SP));
      expect((await signalOn(date))?.level).not.toBe("at_risk");
    }
    const last = (await signalOn("2026-12-11"))!;
    // Answered check-ins are contact: she is not "quiet", whatever channel she uses.
    expect(last.inputs.quietWorkingDays).toBe(0);
    expect(last.reasons.map((r) => r.code)).not.toContain("quiet");
    expect(await nudges()).toEqual([]);
  });

  it("sends nothing while nudges are paused, and starts again after resume", async () => {
    const { h, tick, run, nudges, signalOn, quietSince24Nov } = await setup();
    await quietSince24Nov();
    h.clock.set(h.local("2026-11-30T08:00", SP));
    expect(await run("ana", "pause nudges 1w")).toContain("paused up to and including Sun 6 Dec 2026");
    expect(await run("bram", "pause nudges 1w")).toContain("Only an intern");
    await tick(h.local("2026-11-30T14:05", SP));
    await tick(h.local("2026-12-01T14:05", SP));
    expect((await signalOn("2026-12-01"))?.level).toBe("watch");
    expect(await nudges()).toEqual([]);
    expect(await run("ana", "why")).toContain("Your nudges are paused until");

    h.clock.set(h.local("2026-12-01T14:00", SP));
    expect(await run("ana", "resume nudges")).toContain("back on");
    expect(await run("ana", "resume nudges")).toContain("were not paused");
    await tick(h.local("2026-12-02T14:05", SP));
    expect(await nudges()).toHaveLength(1);
  });

  it("at risk, also notes the supervisor privately, once a week", async () => {
    const { h, ana, tick, post, rows, nudges } = await setup();
    await post("ana", h.local("2026-11-19T10:00", SP)); // then nothing: no exchange, no meeting ever
    await tick(h.local("2026-11-30T09:05", SP));
    expect(await h.store.signals.latest(ana.id)).toMatchObject({ date: "2026-11-30", level: "at_risk" });
    await tick(h.local("2026-11-30T14:00", SP));
    expect(await nudges()).toHaveLength(1);
    const [intern] = await rows(`nudge:${ana.id}:`);
    expect(intern?.payload.reason).toContain("Bram Peeters gets a short private note");

    const notes = await rows(`isolation-risk:${ana.id}:`);
    expect(notes.map((o) => o.key)).toEqual([`isolation-risk:${ana.id}:2026-W49`]);
    const [note] = notes;
    expect(note?.recipientId).toBe((await h.person("bram")).id);
    expect(note?.address).toBe("console:test:user:bram");
    expect(note?.payload.text).toContain("Ana Souza could use some extra contact this week");
    expect(note?.payload.text).toContain("without a message from Ana Souza");
    expect(note?.payload.text).toContain("schedule a short call with Ana Souza");
    expect(note?.payload.text).toContain("introduce Ana Souza to a colleague");

    await tick(h.local("2026-12-01T09:05", SP));
    expect(await rows(`isolation-risk:${ana.id}:`)).toHaveLength(1);
    // Never in a channel: every message about Ana's signal is a direct message.
    const mine = (await h.store.outbox.list()).filter((o) => o.key.includes(`:${ana.id}:`));
    for (const row of mine) expect(row.address).not.toContain(":conv:");
  });

  it('"why" shows the level, the reasons and every input, with unknown for what is not known', async () => {
    const { h, tick, run, quietSince24Nov } = await setup();
    h.clock.set(h.local("2026-11-30T08:00", SP));
    expect(await run("ana", "why")).toContain("There is no connection signal for you yet");
    await quietSince24Nov();
    await tick(h.local("2026-11-30T09:05", SP));
    const why = await run("ana", "why");
    expect(why).toContain("Connection signal for you, computed Mon 30 Nov 2026: watch.");
    expect(why).toContain("• 3 working days have passed without a message from you");
    expect(why).toContain(
      "Working days since the intern's last sign of contact (a message in a tracked conversation, an answered check-in, a logged meeting or milestone): 3",
    );
    expect(why).toContain("Check-ins missed in the last 5 working days: unknown");
    expect(why).toContain("Connectedness trend (last 3 scores against the ones before): unknown");
    expect(why).toContain("Introductions a colleague agreed to that did not take place: unknown");
    expect(why).toContain("Days since the last live meeting: 6");
    expect(why).toContain("exchanged messages with (2 weeks): 3");
    expect(await run("chloe", "why")).toContain("without a message from Ana Souza");
    expect(await run("bram", "why")).toContain("several interns");
  });

  it('"met" logs a meeting that clears the no-meeting reason the same day', async () => {
    const { h, ana, tick, post, run, signalOn } = await setup();
    const o = await post("olga", h.local("2026-11-27T14:00", BXL));
    await post("ana", h.local("2026-11-27T10:30", SP), o);
    const c = await post("chloe", h.local("2026-11-27T14:40", BXL));
    await post("ana", h.local("2026-11-27T11:00", SP), c);
    await tick(h.local("2026-11-30T09:05", SP));
    expect(await signalOn("2026-11-30")).toMatchObject({ level: "watch", reasons: [{ code: "no_meeting" }] });
    expect((await signalOn("2026-11-30"))?.inputs.daysSinceMeeting).toBe(29);

    h.clock.set(h.local("2026-11-30T10:00", SP));
    expect(await run("ana", "met @bram weekly call <!channel>")).toBe(
      "Logged your meeting with Bram Peeters today. Note: weekly call @\u200Bchannel Live conversations count for your connection signal.",
    );
    expect(await h.store.activity.lastMeeting(ana.id)).toMatchObject({
      personId: (await h.person("bram")).id,
      note: "weekly call <!channel>",
    });
    expect((await h.store.activity.exchangesSince(ana.id, h.clock.now())).map((e) => e.source)).toEqual([
      "meeting",
    ]);
    await tick(h.local("2026-11-30T10:01", SP));
    expect(await signalOn("2026-11-30")).toMatchObject({ level: "ok", reasons: [] });
    expect(await run("ana", "why")).toContain("Days since the last live meeting: 0");
  });

  it('"met" from a colleague introduced to the intern counts for the intern, and odd meetings are refused clearly', async () => {
    const { h, ana, run } = await setup();
    h.clock.set(h.local("2026-12-01T15:00", BXL));
    // Since issue 15 only the internship's people and introduced colleagues may log a meeting with an intern.
    const intro = (await h.store.introductions.propose(
      h.workspace.id,
      ana.id,
      (
        await h.person("olga")
      ).id,
      h.clock.now(),
    ))!;
    await h.store.introductions.setStatus(intro.id, "accepted", h.clock.now());
    expect(await run("olga", "met @ana coffee")).toContain(
      "Logged your meeting with Ana Souza today. Note: coffee",
    );
    expect((await h.store.activity.lastMeeting(ana.id))?.personId).toBe((await h.person("olga")).id);
    const before = (await h.store.activity.meetingsSince(ana.id, new Date(0))).length;
    expect(await run("ana", "met @ana")).toContain("A meeting needs someone else");
    expect(await run("ana", "met @nobody")).toContain("I don't know @nobody in this workspace");
    expect(await run("ana", "met @ben")).toContain("is an intern too");
    expect(await run("piet", "met @ana")).toContain("is an intern too");
    expect(await run("bram", "met @olga")).toContain("is not an intern");
    expect(await h.store.activity.meetingsSince(ana.id, new Date(0))).toHaveLength(before);
  });

  it("computes nothing and sends nothing on a weekend or a public holiday, and stops after the end", async () => {
    const { h, ana, tick, nudges, signalOn, quietSince24Nov } = await setup();
    await quietSince24Nov();
    await tick(h.local("2026-12-04T09:05", SP));
    const sent = (await nudges()).length;
    await tick(h.local("2026-12-05T10:00", SP)); // Saturday
    await tick(h.local("2026-12-06T10:00", SP));
    await tick(h.local("2026-12-25T09:05", SP)); // Christmas, a public holiday in Brazil
    expect(await signalOn("2026-12-05")).toBeUndefined();
    expect(await signalOn("2026-12-06")).toBeUndefined();
    expect(await signalOn("2026-12-25")).toBeUndefined();
    expect(await nudges()).toHaveLength(sent);
    await tick(h.local("2027-04-01T09:05", SP));
    expect(await h.store.wakeups.get(ana.id, "isolation")).toBeUndefined();
  });
});
