import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween } from "../../src/domain/local-date.js";
import { createPlanner } from "../../src/services/planner.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { createIsolationRule } from "../../src/services/rules/isolation-rule.js";
import { sampleProgramme } from "../helpers/programme.js";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";
const BXL = "Europe/Brussels";

/** Every rule, the dispatcher and a recording platform; Ana last wrote on Tue 24 Nov. */
async function setup(programme: ProgrammeInput = sampleProgramme(), closeAfter?: "file") {
  const h = await createServiceHarness({ programme, rules: "every", ...(closeAfter ? { closeAfter } : {}) });
  const ana = await h.internship("ana-2026");
  let n = 0;
  const post = async (user: string, at: Date, options: { thread?: string; question?: boolean } = {}) => {
    const ref = `m${++n}`;
    h.clock.set(at);
    await h.homeMessage(user, at, {
      id: `ev-${n}`,
      ref: ref,
      mentions: [],
      asks: options.question ?? false,
      thread: options.thread,
    });
    return ref;
  };
  /** Every half hour of Ana's day (06:00 to 21:00 in São Paulo), from `from` to `to` inclusive. */
  const live = async (from: string, to: string) => {
    for (let day = from; day <= to; day = addDays(day, 1)) {
      for (let minutes = 6 * 60; minutes <= 21 * 60; minutes += 30) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
        await h.tickAt(h.local(`${day}T${time}`, SP));
      }
    }
  };
  const rows = async (prefix: string) =>
    (await h.store.outbox.list()).filter((o) => o.key.startsWith(prefix));
  const sentRows = async (prefix: string) => (await rows(prefix)).filter((o) => o.status === "sent");
  const localOf = (at: Date, zone = SP) => DateTime.fromJSDate(at, { zone });
  // Only the isolation rule, planning into the outbox without sending: what waits there can be seen.
  const planner = createPlanner({
    store: h.store,
    rules: [createIsolationRule({ store: h.store, log: h.log.log })],
    log: h.log.log,
  });
  const plan = async (at: Date) => {
    h.clock.set(at);
    return await planner.tick(at);
  };
  /** Ana talked with Olga and Chloé and met Bram on `date`: nothing else can count against her. */
  const activeOn = async (date: string) => {
    const o = await post("olga", h.local(`${date}T14:00`, BXL));
    await post("ana", h.local(`${date}T10:30`, SP), { thread: o });
    const c = await post("chloe", h.local(`${date}T14:40`, BXL));
    await post("ana", h.local(`${date}T11:00`, SP), { thread: c });
    h.clock.set(h.local(`${date}T11:30`, SP));
    await h.say("ana", "met @bram kickoff");
  };
  return { h, ana, post, live, rows, sentRows, localOf, plan, activeOn };
}

/** Four weeks of a quiet intern who answers no check-in, lived once for the tests that read it. */
let quietMonth: ReturnType<typeof setup> | undefined;
async function fourQuietWeeks() {
  quietMonth ??= (async () => {
    // Read by several tests: kept open until the file ends.
    const sim = await setup(sampleProgramme(), "file");
    await sim.post("ana", sim.h.local("2026-11-24T10:30", SP));
    await sim.live("2026-11-30", "2026-12-24");
    return sim;
  })();
  return await quietMonth;
}

describe("nudges: few, varied and true", () => {
  it("nudges a quiet intern at most once a week over four weeks, never twice in the same words", async () => {
    const { h, ana, sentRows, localOf } = await fourQuietWeeks();

    const nudges = await sentRows(`nudge:${ana.id}:`);
    const days = nudges.map((o) => localOf(o.sentAt!).toISODate()!);
    // Today's main sent 9 in these four weeks, on up to 5 working days in a row.
    expect(nudges.length).toBeGreaterThanOrEqual(2);
    expect(nudges.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < days.length; i++)
      expect(daysBetween(days[i - 1]!, days[i]!)).toBeGreaterThanOrEqual(7);
    for (let i = 0; i < nudges.length; i++) {
      for (let j = i + 1; j < nudges.length; j++) {
        if (daysBetween(days[i]!, days[j]!) < 21)
          expect(nudges[j]!.payload.text).not.toBe(nudges[i]!.payload.text);
      }
    }
    // Nudges arrive in the afternoon: the morning holds the check-in and its reminder.
    for (const o of nudges) expect(localOf(o.sentAt!).hour).toBeGreaterThanOrEqual(14);

    // At most two proactive messages before noon on any day (a merged message counts once).
    const anaId = (await h.person("ana")).id;
    const morning = new Map<string, Set<string>>();
    for (const o of await h.store.outbox.list({ status: "sent" })) {
      if (o.recipientId !== anaId) continue;
      const at = localOf(o.sentAt!);
      if (at.hour >= 12) continue;
      const day = at.toISODate()!;
      morning.set(day, (morning.get(day) ?? new Set()).add(o.platformRef ?? o.key));
    }
    for (const [, messages] of morning) expect(messages.size).toBeLessThanOrEqual(2);

    // The supervisor's at-risk notes: at most one in any 7 days.
    const notes = (await sentRows(`isolation-risk:${ana.id}:`)).map(
      (o) => localOf(o.sentAt!, BXL).toISODate()!,
    );
    for (let i = 1; i < notes.length; i++)
      expect(daysBetween(notes[i - 1]!, notes[i]!)).toBeGreaterThanOrEqual(7);
  });

  it("tells the supervisor truly whether Tandem nudged the intern about missed check-ins", async () => {
    const { ana, sentRows, localOf } = await fourQuietWeeks();
    const checkinNudges = await sentRows(`nudge:${ana.id}:missed_checkins:`);
    expect(checkinNudges.length).toBeGreaterThan(0);
    const nudgedOn = localOf(checkinNudges[0]!.sentAt!).toISODate()!;
    const streaks = await sentRows(`missed-streak:${ana.id}:`);
    expect(streaks.length).toBeGreaterThan(1);
    for (const streak of streaks) {
      const text = streak.payload.text;
      expect(text).not.toContain("has not said anything");
      const firstMissed = /check-ins \((\w{3} \d+ \w{3} \d{4})/.exec(text)![1]!;
      const from = DateTime.fromFormat(firstMissed, "ccc d LLL yyyy", { zone: SP }).toISODate()!;
      const told = checkinNudges.some(
        (o) => localOf(o.sentAt!).toISODate()! >= from && o.sentAt! < streak.sentAt!,
      );
      if (told) expect(text).toContain("Tandem suggested to Ana on");
      else
        expect(text).toContain("Apart from the check-ins themselves, Tandem has not raised this with Ana.");
    }
    expect(streaks.map((s) => s.payload.text).join("\n")).toContain(
      `Tandem suggested to Ana on ${DateTime.fromISO(nudgedOn).toFormat("ccc d LLL yyyy")}`,
    );
  });

  it("sends no unanswered-question nudge once the question was answered", async () => {
    const { h, ana, post, rows } = await setup();
    // Ana talks every day; Tuesday she asks Bram something, which he answers late, Wednesday morning.
    await post("ana", h.local("2026-11-30T10:00", SP));
    await post("olga", h.local("2026-11-30T15:00", BXL));
    const question = await post("ana", h.local("2026-12-01T10:00", SP), { question: true });
    h.clock.set(h.local("2026-12-01T10:30", SP));
    await h.say("ana", "met @bram weekly");
    await h.tickAt(h.local("2026-12-02T09:05", SP));
    await post("bram", h.local("2026-12-02T15:30", BXL), { thread: question });
    await post("ana", h.local("2026-12-02T11:40", SP));
    for (const at of ["2026-12-02T14:00", "2026-12-03T09:05", "2026-12-03T14:00", "2026-12-03T15:00"])
      await h.tickAt(h.local(at, SP));
    expect((await h.store.signals.latest(ana.id))?.reasons.map((r) => r.code)).toContain(
      "unanswered_questions",
    );
    expect(await rows(`nudge:${ana.id}:unanswered_questions:`)).toEqual([]);
  });

  it("withdraws a waiting nudge whose reason went away before it was sent", async () => {
    const { h, ana, post, plan, rows } = await setup();
    const question = await post("ana", h.local("2026-11-25T10:00", SP), { question: true });
    h.clock.set(h.local("2026-11-25T10:30", SP));
    await h.say("ana", "met @bram kickoff");
    await plan(h.local("2026-11-30T14:00", SP));
    const [waiting] = await rows(`nudge:${ana.id}:`);
    expect(waiting).toMatchObject({
      status: "pending",
      key: `nudge:${ana.id}:unanswered_questions:2026-W49`,
    });
    await post("bram", h.local("2026-11-30T16:05", BXL), { thread: question });
    await plan(h.local("2026-11-30T14:15", SP));
    expect((await h.store.outbox.get(h.workspace.id, waiting!.key))?.status).toBe("expired");
    // One decision a day: the withdrawn nudge is not replaced by another one today.
    await plan(h.local("2026-11-30T15:00", SP));
    expect(await rows(`nudge:${ana.id}:`)).toHaveLength(1);
  });

  it("names the colleague who agreed to an introduction, never an introduction the intern accepted", async () => {
    const { h, ana, plan, rows, activeOn } = await setup();
    const olga = await h.person("olga");
    const intro = (await h.store.introductions.propose(
      h.workspace.id,
      ana.id,
      olga.id,
      h.local("2026-11-02T14:00", SP),
    ))!;
    await h.store.introductions.setStatus(intro.id, "accepted", h.local("2026-11-03T14:00", SP));
    await activeOn("2026-11-27");
    await plan(h.local("2026-11-30T14:00", SP));
    const [nudge] = await rows(`nudge:${ana.id}:`);
    expect(nudge?.key).toBe(`nudge:${ana.id}:intro_not_held:2026-W49`);
    expect(nudge?.payload.text).toContain(
      "Olga Berg agreed to meet you, and the introduction has not taken place yet.",
    );
    expect(nudge?.payload.reason).toContain(
      "Because 1 introduction that a colleague agreed to has not taken place yet.",
    );
    expect(`${nudge?.payload.text} ${nudge?.payload.reason}`).not.toMatch(
      /you accepted|accepted introduction/,
    );
  });

  it("sends the supervisor at most one at-risk note in any 7 days, across a week's end", async () => {
    const { h, ana, post, plan, rows } = await setup();
    await post("ana", h.local("2026-11-19T10:00", SP)); // then nothing: no exchange, no meeting ever
    await plan(h.local("2026-12-04T09:05", SP)); // a Friday
    await plan(h.local("2026-12-07T09:05", SP)); // Monday, a new ISO week, still at risk
    await plan(h.local("2026-12-10T09:05", SP));
    expect((await rows(`isolation-risk:${ana.id}:`)).map((o) => o.key)).toEqual([
      `isolation-risk:${ana.id}:2026-W49`,
    ]);
    await plan(h.local("2026-12-11T09:05", SP)); // 7 days after the first
    expect(await rows(`isolation-risk:${ana.id}:`)).toHaveLength(2);
  });

  it("follows the nudges.perWeek term: 0 sends none, 2 sends two on different days", async () => {
    const count = async (perWeek: number) => {
      const programme = sampleProgramme();
      const anas = programme.internships?.[0];
      if (anas) anas.agreement = { ...anas.agreement, nudges: { perWeek } };
      const { h, ana, post, plan, rows } = await setup(programme);
      await post("ana", h.local("2026-11-19T10:00", SP));
      for (const day of ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"])
        await plan(h.local(`${day}T14:00`, SP));
      const notBefore: Date[] = [];
      for (const o of await rows(`nudge:${ana.id}:`))
        notBefore.push((await h.store.outbox.get(h.workspace.id, o.key))!.notBefore);
      return notBefore;
    };
    expect(await count(0)).toEqual([]);
    const two = await count(2);
    expect(two).toHaveLength(2);
    expect(two[0]!.toDateString()).not.toBe(two[1]!.toDateString());
  });
});
