import { describe, expect, it } from "vitest";
import { sampleProgramme } from "../helpers/programme.js";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";
const BXL = "Europe/Brussels";

/** Outbox keys about Ana's internship (the sample programme has three). */
const keys = async (h: Awaited<ReturnType<typeof createServiceHarness>>) => {
  const id = (await h.internship("ana-2026")).id;
  return (await h.store.outbox.list())
    .map((o) => o.key)
    .filter(
      (k) =>
        k.startsWith(`checkin-summary:${id}:`) ||
        k.startsWith(`missed-streak:${id}:`) ||
        k.startsWith("checkin-answer:"),
    );
};

describe("daily check-ins", () => {
  it("sends one check-in at 09:30 local time on a workday, however often the tick runs", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.tickAt(h.local("2026-12-01T09:29", SP));
    expect(await h.sentTo("ana")).toHaveLength(0);
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    await h.tickAt(h.local("2026-12-01T09:31", SP));
    const sent = await h.sentTo("ana");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.message.text).toContain("time for your check-in (Tue 1 Dec 2026)");
    expect(sent[0]?.message.reason).toBe(
      "Your working agreement has a check-in at 09:30 on Mon-Fri, your local time.",
    );
    expect(sent[0]?.message.buttons?.[0]).toMatchObject({ action: "checkin.open", value: "2026-12-01" });
    expect((await h.store.checkins.get((await h.internship("ana-2026")).id, "2026-12-01"))?.status).toBe(
      "sent",
    );
  });

  it("sends nothing twice after a restart on the same database", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    h.restart();
    await h.tickAt(h.local("2026-12-01T09:45", SP));
    await h.tickAt(h.local("2026-12-01T10:00", SP));
    expect(await h.sentTo("ana")).toHaveLength(1);
  });

  it("catches up late the same morning when the service was down at check-in time", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.tickAt(h.local("2026-12-01T11:10", SP));
    expect(await h.sentTo("ana")).toHaveLength(1);
  });

  it("skips the day instead of sending in the evening, and sends the next morning as usual", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.tickAt(h.local("2026-12-01T18:00", SP));
    expect(await h.sentTo("ana")).toHaveLength(0);
    expect((await h.store.checkins.get((await h.internship("ana-2026")).id, "2026-12-01"))?.status).toBe(
      "skipped",
    );
    await h.tickAt(h.local("2026-12-02T09:30", SP));
    expect((await h.sentTo("ana")).map((s) => s.message.text)).toEqual([
      expect.stringContaining("Wed 2 Dec 2026"),
    ]);
  });

  it("sends nothing on weekends, on a public holiday of the intern's country, or on leave", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.say("ana", "leave 2026-12-28 2026-12-29");
    for (const day of ["2026-12-05", "2026-12-06", "2026-12-25", "2026-12-28", "2026-12-29"]) {
      await h.tickAt(h.local(`${day}T09:00`, SP));
      await h.tickAt(h.local(`${day}T10:00`, SP));
    }
    expect(await h.sentTo("ana")).toHaveLength(0);
    await h.tickAt(h.local("2026-12-30T10:00", SP));
    expect(await h.sentTo("ana")).toHaveLength(1);
  });

  it("sends nothing before the internship starts or after it ends", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.tickAt(h.local("2026-10-30T10:00", SP));
    await h.tickAt(h.local("2027-04-01T10:00", SP));
    expect(await h.sentTo("ana")).toHaveLength(0);
  });

  it("reminds once after 3 of the intern's working hours, and counts the day as missed when it ends", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    await h.tickAt(h.local("2026-12-01T12:29", SP));
    expect(await h.sentTo("ana")).toHaveLength(1);
    await h.tickAt(h.local("2026-12-01T12:30", SP));
    await h.tickAt(h.local("2026-12-01T14:00", SP));
    const texts = (await h.sentTo("ana")).map((s) => s.message.text);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain("your check-in for Tue 1 Dec 2026 is still open");
    await h.tickAt(h.local("2026-12-01T17:00", SP));
    expect((await h.store.checkins.get((await h.internship("ana-2026")).id, "2026-12-01"))?.status).toBe(
      "missed",
    );
  });

  it("counts the 3 hours before the reminder in working time, so a lunch break does not count", async () => {
    const base = sampleProgramme();
    const programme = {
      ...base,
      people: base.people.map((p) =>
        p.key === "ana" ? { ...p, contactHours: "Mon-Fri 09:00-12:00 14:00-18:00" } : p,
      ),
    };
    const h = await createServiceHarness({ rules: "checkin", programme });
    const ana = (await h.internship("ana-2026")).id;
    const reminders = async () =>
      (await h.store.outbox.list()).filter((o) => o.key === `checkin-reminder:${ana}:2026-12-01`);
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    // 2.5 working hours before lunch, then the last half hour after it: due at 14:30, not 12:30.
    for (const time of ["12:30", "13:59", "14:29"]) await h.tickAt(h.local(`2026-12-01T${time}`, SP));
    expect(await reminders()).toEqual([]);
    expect(await h.sentTo("ana")).toHaveLength(1);
    await h.tickAt(h.local("2026-12-01T14:30", SP));
    expect((await h.sentTo("ana")).map((s) => s.message.text)).toEqual([
      expect.stringContaining("time for your check-in"),
      expect.stringContaining("is still open"),
    ]);
  });

  it("tells the supervisor privately, with the dates, after three missed check-ins in a row", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    for (const day of ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"]) {
      await h.tickAt(h.local(`${day}T09:30`, SP));
      await h.tickAt(h.local(`${day}T17:30`, SP));
    }
    await h.tickAt(h.local("2026-12-07T09:00", BXL));
    const anaId = (await h.internship("ana-2026")).id;
    const streak = (await h.store.outbox.list()).filter((o) => o.key.startsWith(`missed-streak:${anaId}:`));
    expect(streak).toHaveLength(1);
    expect(streak[0]?.recipientId).toBe((await h.person("bram")).id);
    expect(streak[0]?.payload.text).toContain(
      "has not answered the last 3 check-ins (Tue 1 Dec 2026, Wed 2 Dec 2026, Thu 3 Dec 2026)",
    );
    expect(streak[0]?.address).toMatch(/:user:bram$/);
  });
});

describe("check-in answers", () => {
  it("offers a form with the four questions and stores the answers with their date", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    const reply = await h.bot.handle({
      kind: "command",
      id: "c1",
      platform: "console",
      workspace: "test",
      user: "ana",
      conversation: "console:test:user:ana",
      at: h.clock.now(),
      text: "checkin",
    });
    expect(reply?.form?.fields.map((f) => f.id)).toEqual([
      "progress",
      "nextSteps",
      "blockers",
      "connectedness",
    ]);
    const answer = await h.bot.handle({
      kind: "action",
      id: "a1",
      platform: "console",
      workspace: "test",
      user: "ana",
      conversation: "console:test:user:ana",
      at: h.clock.now(),
      action: "checkin.answer",
      value: "2026-12-01",
      form: { progress: "survey drafted", nextSteps: "interviews", connectedness: "4" },
    });
    expect(answer?.text).toBe("Thanks, your check-in for Tue 1 Dec 2026 is saved.");
    expect(await h.store.checkins.get((await h.internship("ana-2026")).id, "2026-12-01")).toMatchObject({
      status: "answered",
      progress: "survey drafted",
      nextSteps: "interviews",
      connectedness: 4,
    });
  });

  it("titles the form so Slack shows it whole, and stores a long answer without cutting an emoji in two", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.tickAt(h.local("2026-12-16T09:30", SP));
    const event = {
      platform: "console" as const,
      workspace: "test",
      user: "ana",
      conversation: "console:test:user:ana",
    };
    const form = await h.bot.handle({
      ...event,
      kind: "command",
      id: "c1",
      at: h.clock.now(),
      text: "checkin",
    });
    expect(form?.form?.title).toBe("Check-in, 16 Dec");
    const family = "👩‍👩‍👧‍👦"; // one grapheme, eleven UTF-16 units
    const long = `${"a".repeat(1995)}${family}${"b".repeat(500)}`;
    await h.bot.handle({
      ...event,
      kind: "action",
      id: "a1",
      at: h.clock.now(),
      action: "checkin.answer",
      value: "2026-12-16",
      form: { progress: long, nextSteps: `${"c".repeat(1999)}😀 more` },
    });
    const stored = await h.store.checkins.get((await h.internship("ana-2026")).id, "2026-12-16");
    expect(stored?.progress).toBe("a".repeat(1995));
    expect(stored?.nextSteps).toBe("c".repeat(1999));
    expect(`${stored?.progress}${stored?.nextSteps}`).not.toContain("\uFFFD");
  });

  it("takes a labelled reply in the direct message, keeping a partial answer", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    expect((await h.dm("ana", "done: finished the competitor table"))?.text).toContain(
      "Some answers are still open",
    );
    expect(await h.store.checkins.get((await h.internship("ana-2026")).id, "2026-12-01")).toMatchObject({
      status: "partial",
      progress: "finished the competitor table",
    });
    await h.dm("ana", "next: interviews\nconnected: 5");
    expect(await h.store.checkins.get((await h.internship("ana-2026")).id, "2026-12-01")).toMatchObject({
      status: "answered",
      progress: "finished the competitor table",
      nextSteps: "interviews",
      connectedness: 5,
    });
  });

  it("does not treat a command as a check-in answer", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    expect(await h.say("ana", "milestone list")).toContain("Your milestones");
    const checkin = await h.store.checkins.get((await h.internship("ana-2026")).id, "2026-12-01");
    expect(checkin?.progress).toBeUndefined();
    expect(checkin?.answeredAt).toBeUndefined();
  });

  it("refuses a bad score with a clear message and stores nothing", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    const answer = await h.bot.handle({
      kind: "action",
      id: "a2",
      platform: "console",
      workspace: "test",
      user: "ana",
      conversation: "console:test:user:ana",
      at: h.clock.now(),
      action: "checkin.answer",
      value: "2026-12-01",
      form: { progress: "x", connectedness: "7" },
    });
    expect(answer?.text).toBe('"7" is not a score; answer with a number from 1 to 5.');
    expect(
      (await h.store.checkins.get((await h.internship("ana-2026")).id, "2026-12-01"))?.progress,
    ).toBeUndefined();
  });

  it("forwards a blocker to the supervisor at once inside his hours, and at his next working time outside them", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    await h.dm("ana", "blocker: no access to the CRM");
    const [forward] = (await h.store.outbox.list()).filter((o) => o.key.startsWith("blocker:"));
    expect(forward?.payload.text).toBe(
      "Ana Souza is blocked: “no access to the CRM” (check-in of Tue 1 Dec 2026).",
    );
    expect(forward?.notBefore).toEqual(h.clock.now());

    await h.tickAt(h.local("2026-12-02T09:30", SP));
    h.clock.set(h.local("2026-12-02T14:00", SP)); // 18:00 in Brussels
    await h.dm("ana", "blocker: waiting for legal");
    const late = (await h.store.outbox.list()).filter((o) => o.key.startsWith("blocker:"))[1];
    expect(late?.notBefore).toEqual(h.local("2026-12-03T09:00", BXL));
  });

  it("sends a blocker that waited for the supervisor's morning once, inside the daily summary that arrives with it", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    h.clock.set(h.local("2026-12-01T14:00", SP)); // 18:00 in Brussels: Bram reads it tomorrow at 09:00
    await h.dm("ana", "done: survey / blocker: no access to the analytics dashboard / connected: 3");
    await h.tickAt(h.local("2026-12-01T17:00", SP));
    await h.tickAt(h.local("2026-12-02T09:00", BXL));
    const toBram = (await h.sentTo("bram")).filter((s) => s.message.text.startsWith("Ana Souza"));
    expect(toBram).toHaveLength(1);
    expect(toBram[0]?.message.text).toContain("Ana Souza's check-in for Tue 1 Dec 2026");
    expect(toBram[0]?.message.fields).toContainEqual({
      label: "Blocker",
      value: "no access to the analytics dashboard",
    });
    // Inside his hours the blocker still goes at once, and the summary follows at the end of her day.
    await h.tickAt(h.local("2026-12-02T09:30", SP));
    await h.dm("ana", "blocker: waiting for legal");
    await h.tickAt(h.clock.now());
    expect((await h.sentTo("bram")).map((s) => s.message.text)).toContainEqual(
      "Ana Souza is blocked: “waiting for legal” (check-in of Wed 2 Dec 2026).",
    );
  });

  it("sends the supervisor a daily summary when the intern's day ends, with slipping milestones", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.say("ana", 'milestone add "Survey" due 2026-12-10');
    await h.say("ana", "milestone move 1 2026-12-15");
    await h.say("ana", "milestone move 1 2026-12-18");
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    await h.dm("ana", "done: survey\nnext: interviews\nconnected: 3");
    expect((await keys(h)).filter((k) => k.startsWith("checkin-summary"))).toEqual([]);
    await h.tickAt(h.local("2026-12-01T17:00", SP));
    const anaId = (await h.internship("ana-2026")).id;
    const summary = (await h.store.outbox.list()).find(
      (o) => o.key === `checkin-summary:${anaId}:2026-12-01`,
    );
    expect(summary?.recipientId).toBe((await h.person("bram")).id);
    expect(summary?.payload.text).toContain("Ana Souza's check-in for Tue 1 Dec 2026:");
    expect(summary?.payload.text).toContain('Slipping: #1 "Survey" has moved 2 times');
    expect(summary?.payload.fields).toContainEqual({ label: "Connected to the team", value: "3/5" });
    expect(summary?.notBefore).toEqual(h.local("2026-12-02T09:00", BXL));
  });

  it("sends each answer as it comes when the agreement says so", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.say("bram", "agreement set checkin.summary each for @ana");
    await h.say("ana", "agreement accept"); // a change counts once the intern accepts it
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    await h.dm("ana", "done: survey\nnext: interviews\nconnected: 3");
    expect((await keys(h)).filter((k) => k.startsWith("checkin-answer:"))).toHaveLength(1);
    await h.tickAt(h.local("2026-12-01T17:00", SP));
    expect((await keys(h)).filter((k) => k.startsWith("checkin-summary:"))).toEqual([]);
  });

  it("shows the history to the intern and her supervisor but not to others", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    await h.dm("ana", "done: survey <!channel>");
    expect(await h.say("ana", "checkin history")).toMatch(/Tue 1 Dec 2026 {2}partial — done: survey/);
    expect(await h.say("bram", "checkin history for @ana")).toContain("Ana Souza's check-ins");
    expect(await h.say("bram", "checkin history for @ana")).not.toContain("<!channel>");
    expect(await h.say("olga", "checkin history for @ana")).toMatch(/not part of Ana Souza's internship/);
  });
});
