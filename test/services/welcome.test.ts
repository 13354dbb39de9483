import { describe, expect, it } from "vitest";
import { importProgramme } from "../../src/services/programme/import-programme.js";
import { sampleProgramme } from "../helpers/programme.js";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";
const BXL = "Europe/Brussels";

const welcomeOf = async (h: Awaited<ReturnType<typeof createServiceHarness>>, person: string) =>
  (await h.sentTo(person)).filter((s) => s.message.reason?.includes("gets this welcome once"));

/** Ana's internship starting on Monday 7 Dec 2026, imported the Monday before. */
const startingMonday = () =>
  sampleProgramme({
    internships: sampleProgramme().internships!.map((i) =>
      i.key === "ana-2026" ? { ...i, start: "2026-12-07" } : i,
    ),
  });

describe("a welcome, so nobody's first message is an alert (issue 14 §8)", () => {
  it("welcomes intern, supervisor, backup and coordinator once each, inside their contact hours, when the internship already runs", async () => {
    const h = await createServiceHarness({ rules: "checkin", welcome: true });
    const ana = (await h.internship("ana-2026")).id;
    await h.tickAt(h.local("2026-11-30T09:00", BXL));
    // 09:00 in Brussels is 05:00 in São Paulo: Ana's waits for her morning.
    // Bram supervises Ana and Ben: one welcome per internship, each with its own agreement.
    expect((await welcomeOf(h, "bram")).map((w) => w.message.text.split("!")[0])).toEqual([
      "Welcome, Bram",
      "Welcome, Bram",
    ]);
    expect((await welcomeOf(h, "bram")).filter((w) => w.message.text.includes("Ana Souza"))).toHaveLength(1);
    expect(await welcomeOf(h, "chloe")).toHaveLength(1);
    expect(await welcomeOf(h, "ana")).toHaveLength(0);
    await h.tickAt(h.local("2026-11-30T09:00", SP));
    await h.tickAt(h.local("2026-11-30T10:00", "Europe/Berlin"));
    for (const person of ["ana", "bram", "chloe", "lena"]) {
      expect(
        (await h.store.outbox.get(h.workspace.id, `welcome:${ana}:${(await h.person(person)).id}`))?.status,
      ).toBe("sent");
      expect((await welcomeOf(h, person)).filter((w) => w.message.text.includes("Ana"))).toHaveLength(1);
    }
    // Another import and more ticks welcome nobody twice.
    await importProgramme(h.store, sampleProgramme(), h.clock.now());
    await h.tickAt(h.local("2026-12-01T10:00", SP));
    expect(await welcomeOf(h, "ana")).toHaveLength(1);
    expect(await welcomeOf(h, "chloe")).toHaveLength(1);
  });

  it("tells the intern in under 12 lines what Tandem does, keeps and who reads it, how to pause nudges, with Acknowledge", async () => {
    const h = await createServiceHarness({ rules: "checkin", welcome: true });
    await h.tickAt(h.local("2026-11-30T09:00", SP));
    const [welcome] = await welcomeOf(h, "ana");
    const text = welcome!.message.text;
    expect(text.split("\n").length + 1).toBeLessThanOrEqual(12);
    expect(text).toContain("Welcome, Ana!");
    expect(text).toContain(
      "A short check-in at 09:30 on Mon-Fri, your time: Bram and Chloé read your answers",
    );
    expect(text).toContain("they answer within 8h of their working time, you within 4h of yours");
    expect(text).toContain("never the text of messages in channels");
    expect(text).toContain("Lena Vogel (coordinator) gets a weekly digest and can read your check-ins");
    expect(text).toContain('"pause nudges 1w"');
    expect(text).toContain("The working agreement (version 1) is in force");
    expect(welcome!.message.buttons).toEqual([
      { action: "agreement.ack", value: "ana", label: "Acknowledge", style: "primary" },
    ]);
    expect(welcome!.message.reason).toBe(
      "Ana's internship started Sun 1 Nov 2026; everyone in it gets this welcome once.",
    );
  });

  it("acknowledges the agreement with the welcome's button, exactly as agreement ack does", async () => {
    const h = await createServiceHarness({ rules: "checkin", welcome: true });
    await h.tickAt(h.local("2026-11-30T09:00", SP));
    const button = (await welcomeOf(h, "ana"))[0]!.message.buttons![0]!;
    const pressed = await h.press("ana", button);
    expect(pressed?.text).toContain("version 1");
    expect((await h.store.agreements.current((await h.internship("ana-2026")).id))?.acknowledgedBy).toContain(
      (await h.person("ana")).id,
    );
    expect(await h.say("ana", "agreement ack")).toMatch(/already/i);
  });

  it("gives the backup and the coordinator no Acknowledge button: only intern and supervisor acknowledge", async () => {
    const h = await createServiceHarness({ rules: "checkin", welcome: true });
    await h.tickAt(h.local("2026-11-30T10:00", "Europe/Berlin"));
    const [chloe] = await welcomeOf(h, "chloe");
    const [lena] = await welcomeOf(h, "lena");
    expect(chloe?.message.buttons).toBeUndefined();
    expect(chloe?.message.text).toContain("While Bram is on leave, you cover");
    expect(lena?.message.buttons).toBeUndefined();
    expect(lena?.message.text).toContain("never about a single message");
    const [bram] = (await welcomeOf(h, "bram")).filter((w) => w.message.text.includes("Ana Souza"));
    expect(bram?.message.buttons?.[0]?.action).toBe("agreement.ack");
  });

  it("on the first working morning of a new internship the welcome comes first, before the check-in", async () => {
    const h = await createServiceHarness({ rules: "checkin", welcome: true, programme: startingMonday() });
    await h.tickAt(h.local("2026-12-04T12:00", SP));
    expect(await welcomeOf(h, "ana")).toHaveLength(0);
    for (const time of ["08:00", "08:59", "09:00", "09:30", "09:31"])
      await h.tickAt(h.local(`2026-12-07T${time}`, SP));
    const texts = (await h.sentTo("ana")).map((s) => s.message.text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain("Welcome, Ana!");
    expect(texts[1]).toContain("time for your check-in");
    expect((await welcomeOf(h, "ana"))[0]?.message.reason).toBe(
      "Ana's internship starts Mon 7 Dec 2026; everyone in it gets this welcome once.",
    );
  });

  it("sends the welcome ahead of the weekly digest even when a tick catches up after a pause", async () => {
    const h = await createServiceHarness({ rules: "every", programme: startingMonday() });
    await h.tickAt(h.local("2026-12-07T13:00", BXL));
    const bram = (await h.sentTo("bram")).map((s) => s.message.text);
    expect(bram.some((t) => t.startsWith("Your weekly digest"))).toBe(true);
    expect(bram.findIndex((t) => t.startsWith("Welcome, Bram!"))).toBe(0);
    const lena = (await h.sentTo("lena")).map((s) => s.message.text);
    expect(lena[0]).toMatch(/^Welcome, Lena!/);
  });

  it("welcomes a coordinator of several interns once, naming all of them", async () => {
    const programme = sampleProgramme({
      internships: sampleProgramme().internships!.map((i) =>
        i.key === "ben-2026" ? { ...i, coordinator: "lena" } : i,
      ),
    });
    const h = await createServiceHarness({ rules: "checkin", welcome: true, programme });
    await h.tickAt(h.local("2026-11-30T10:00", "Europe/Berlin"));
    await h.tickAt(h.local("2026-12-01T10:00", "Europe/Berlin"));
    const welcomes = await welcomeOf(h, "lena");
    expect(welcomes).toHaveLength(1);
    expect(welcomes[0]?.message.text).toContain("You coordinate 2 internships: Ana Souza, Ben Okafor.");
  });

  it("tells a colleague on the introductions list why, once, and the button takes them off it", async () => {
    const h = await createServiceHarness({ rules: "checkin", welcome: true });
    await h.tickAt(h.local("2026-11-30T10:00", BXL));
    await h.tickAt(h.local("2026-12-01T10:00", BXL));
    const notes = (await h.sentTo("olga")).filter((s) =>
      s.message.text.includes("list of colleagues who meet"),
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]?.message.text.split("\n").length).toBeLessThanOrEqual(4);
    expect(
      (
        await h.store.outbox.get(
          h.workspace.id,
          `welcome-colleague:${h.workspace.id}:${(await h.person("olga")).id}`,
        )
      )?.status,
    ).toBe("sent");
    const optOut = notes[0]!.message.buttons!.find((b) => b.action === "intro.optout")!;
    expect((await h.press("olga", optOut))?.text).toContain(
      "Tandem will not ask you to meet interns any more",
    );
    expect(await h.store.people.isColleague((await h.person("olga")).id)).toBe(false);
  });

  it("shows a colleague's open introduction requests in status", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.store.introductions.propose(
      h.workspace.id,
      (await h.internship("ana-2026")).id,
      (await h.person("olga")).id,
      h.clock.now(),
    );
    const status = await h.say("olga", "status");
    expect(status).toContain("You meet interns");
    expect(status).toContain(
      "Introduction requests waiting for your answer: Ana Souza (asked Mon 30 Nov 2026)",
    );
  });

  it("never welcomes anyone because a milestone changed: only an import wakes the welcome", async () => {
    const h = await createServiceHarness({ rules: "checkin", welcome: true });
    const ana = (await h.internship("ana-2026")).id;
    await h.store.wakeups.clear(ana, "welcome");
    await h.say("ana", 'milestone add "Survey" due 2026-12-20');
    await h.tickAt(h.local("2026-11-30T10:00", SP));
    expect(await welcomeOf(h, "ana")).toHaveLength(0);
  });
});

describe("a welcome day is calm (the first morning brought four messages at once)", () => {
  it("brings the intern the welcome and the check-in at most; nothing claims a period longer than Tandem watched", async () => {
    // Ana's internship began on 1 Nov; Tandem first sees it on Mon 30 Nov, a month in, mid-term near.
    const h = await createServiceHarness({ rules: "every" });
    const ana = (await h.internship("ana-2026")).id;
    const texts = async () => (await h.sentTo("ana")).map((s) => s.message.text);
    for (let hour = 6; hour <= 18; hour++) {
      await h.tickAt(h.local(`2026-11-30T${String(hour).padStart(2, "0")}:00`, SP));
      await h.tickAt(h.local(`2026-11-30T${String(hour).padStart(2, "0")}:30`, SP));
    }
    const firstDay = await texts();
    expect(firstDay.length).toBeLessThanOrEqual(2);
    expect(firstDay[0]).toContain("Welcome, Ana!");
    expect(firstDay.slice(1).every((t) => t.includes("time for your check-in"))).toBe(true);
    const signal = (await h.store.signals.between(ana, "2026-11-30", "2026-11-30"))[0];
    expect(signal?.inputs.daysSinceMeeting ?? null).toBeNull();
    expect(signal?.reasons.map((r) => r.code) ?? []).not.toContain("no_meeting");
  });
});
