import { describe, expect, it } from "vitest";
import type { Store } from "../../src/ports/store.js";
import { handlePreviewCommand } from "../../src/services/command-handlers/preview.js";
import { loadInternshipContext } from "../../src/services/internship-context.js";
import { updatePerson } from "../../src/services/person-update.js";
import { simulateSends } from "../../src/services/week-preview.js";
import { sampleProgramme } from "../helpers/programme.js";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";
type Harness = Awaited<ReturnType<typeof createServiceHarness>>;

/** The preview's lines under one recipient's heading (until the next heading). */
function linesFor(text: string, heading: string): string[] {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => l.startsWith(heading));
  if (at < 0) return [];
  const rest = lines.slice(at + 1);
  const end = rest.findIndex((l) => !l.startsWith("  "));
  return end < 0 ? rest : rest.slice(0, end);
}

async function previewAt(h: Harness, local: string, asker = "bram", text = "preview week for @ana") {
  h.clock.set(h.local(local, SP));
  return await h.say(asker, text);
}

describe("preview week (on either store: it runs the rules on an in-memory SQLite copy)", () => {
  it("lists what the real rules would send over seven days, to whom, each in their own time, and sends nothing", async () => {
    const h = await createServiceHarness({ rules: "every" });
    const before = await h.snapshot();
    const text = await previewAt(h, "2026-12-01T08:00");
    expect(text.split("\n")[0]).toBe(
      "What Tandem would send about Ana Souza from Tue 1 Dec, 08:00 to Tue 8 Dec, 08:00 (Ana's time), if nobody answered or wrote in that time (answers cancel reminders and change summaries); times are each recipient's own. Nothing was sent.",
    );
    const ana = linesFor(text, "Ana Souza (intern, America/Sao Paulo):");
    // A check-in every working day at 09:30 São Paulo time, and its one reminder three working hours later,
    // except on her welcome day (Tue 1 Dec), which stays calm: the welcome and the check-in only.
    for (const day of ["Tue 1 Dec", "Wed 2 Dec", "Thu 3 Dec", "Fri 4 Dec", "Mon 7 Dec"]) {
      expect(ana).toContainEqual(
        expect.stringMatching(new RegExp(`^  ${day}, 09:30 — Hi Ana, time for your check-in`)),
      );
      if (day === "Tue 1 Dec") continue;
      expect(ana).toContainEqual(
        expect.stringMatching(new RegExp(`^  ${day}, 12:30 — Ana, your check-in for`)),
      );
    }
    expect(ana.filter((l) => l.startsWith("  Tue 1 Dec"))).toEqual([
      expect.stringMatching(/^ {2}Tue 1 Dec, 09:00 — Welcome, Ana!/),
      expect.stringMatching(/^ {2}Tue 1 Dec, 09:30 — Hi Ana, time for your check-in/),
    ]);
    expect(ana.join("\n")).not.toContain("Sat 5 Dec");
    // Bram reads the unanswered day at the start of his next working time, in Brussels.
    const bram = linesFor(text, "Bram Peeters (supervisor, Europe/Brussels):");
    expect(bram).toContain("  Wed 2 Dec, 09:00 — Ana Souza did not answer the check-in of Tue 1 Dec 2026.");
    expect(bram.some((l) => l.includes("has not answered the last 3 check-ins"))).toBe(true);
    expect(linesFor(text, "Lena Vogel (coordinator, Europe/Berlin):").length).toBeGreaterThan(0);
    // Ben's internship shares Bram but is not previewed.
    expect(text).not.toContain("Ben Okafor");
    expect(await h.snapshot()).toBe(before);
    expect(h.platform.sent).toHaveLength(0);
  });

  it("follows the agreement and the calendar, because it runs the rules: another time, leave", async () => {
    const programme = sampleProgramme();
    programme.internships![0]!.agreement = { checkIn: { at: "10:15", reminderAfter: "2h" } };
    programme.people![0]!.leave = [{ from: "2026-12-03", to: "2026-12-03" }];
    const h = await createServiceHarness({ rules: "every", programme });
    const ana = linesFor(await previewAt(h, "2026-12-01T08:00"), "Ana Souza (intern");
    expect(ana).toContainEqual(
      expect.stringMatching(/^ {2}Tue 1 Dec, 10:15 — Hi Ana, time for your check-in/),
    );
    expect(ana).toContainEqual(expect.stringMatching(/^ {2}Wed 2 Dec, 12:15 — Ana, your check-in for/));
    // Nothing on her day of leave; the welcome back the next morning is the rules' too.
    expect(ana.filter((l) => l.startsWith("  Thu 3 Dec"))).toEqual([]);
    expect(ana).toContainEqual(expect.stringMatching(/^ {2}Fri 4 Dec, 09:00 — Welcome back, Ana/));
    expect(ana.join("\n")).not.toContain("09:30");
  });

  it("starts from what was already sent: today's check-in is not listed again", async () => {
    const h = await createServiceHarness({ rules: "every" });
    // The day after her welcome day (which has no reminder), so today's reminder is listed.
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    await h.tickAt(h.local("2026-12-02T09:30", SP));
    const sent = await h.sentTo("ana");
    expect(sent.some((s) => s.message.text.includes("time for your check-in (Wed 2 Dec 2026)"))).toBe(true);
    const ana = linesFor(await previewAt(h, "2026-12-02T10:00"), "Ana Souza (intern");
    expect(ana.filter((l) => l.includes("time for your check-in (Wed 2 Dec 2026)"))).toHaveLength(0);
    expect(ana).toContainEqual(
      expect.stringMatching(/^ {2}Wed 2 Dec, 12:30 — Ana, your check-in for Wed 2 Dec/),
    );
  });

  it("before the internship starts, runs until the end of its first week", async () => {
    const programme = sampleProgramme();
    programme.internships![0]!.start = "2027-01-04";
    const h = await createServiceHarness({ rules: "every", programme });
    const text = await previewAt(h, "2026-12-01T08:00", "ana", "preview week");
    expect(text).toContain("to Mon 11 Jan, 00:00 (Ana's time)");
    expect(text).toContain(
      "The internship starts on Mon 4 Jan 2027, so this runs until the end of its first week.",
    );
    const ana = linesFor(text, "Ana Souza (intern");
    expect(ana).toContainEqual(
      expect.stringMatching(/^ {2}Mon 4 Jan, 09:30 — Hi Ana, time for your check-in/),
    );
    expect(ana.join("\n")).not.toContain("Dec, 09:30");
  });

  it("shows a programme admin without a part in the internship the same week", async () => {
    const h = await createServiceHarness({ rules: "every" });
    await h.store.programmeAdmins.add(h.workspace.id, "olga", undefined, h.clock.now());
    const asAdmin = await previewAt(h, "2026-12-01T08:00", "olga");
    expect(asAdmin).toBe(await previewAt(h, "2026-12-01T08:00", "bram"));
  });

  it("lets timers run while it works (a platform must answer within seconds meanwhile)", async () => {
    const h = await createServiceHarness({ rules: "every" });
    h.clock.set(h.local("2026-12-01T08:00", SP));
    const ctx = (await loadInternshipContext(h.store, h.workspace.id, (await h.internship("ana-2026")).id))!;
    const copy = await h.store.snapshot!();
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    try {
      const inCopy = (await loadInternshipContext(copy, h.workspace.id, ctx.internship.id))!;
      const until = new Date(h.clock.now().getTime() + 7 * 86_400_000);
      const sends = await simulateSends(copy, inCopy, { from: h.clock.now(), until }, h.log.log);
      expect(sends.length).toBeGreaterThan(10);
    } finally {
      clearInterval(timer);
      await copy.close();
    }
    // Without a pause between steps, the whole week ran in one turn of the event loop.
    expect(turns).toBeGreaterThan(3);
  });

  it("refuses outsiders, an ended internship, and a store that cannot make a copy", async () => {
    const h = await createServiceHarness({ rules: "every" });
    expect(await previewAt(h, "2026-12-01T08:00", "olga")).toBe(
      "You are not part of Ana Souza's internship, so you cannot see or change it.",
    );
    expect(await h.say("bram", "preview week for")).toContain('"for" needs the person after it');
    expect(await previewAt(h, "2027-04-01T10:00")).toBe(
      "Ana Souza's internship ended on Wed 31 Mar 2027; Tandem sends nothing more about it.",
    );
    const { snapshot: _, ...noCopies } = h.store;
    const speaker = await h.person("bram");
    const answer = await handlePreviewCommand(
      {
        store: noCopies as Store,
        log: h.log.log,
        now: h.clock.now(),
        workspace: h.workspace,
        speaker,
        today: "2026-12-01",
      },
      { name: "preview.week", intern: { kind: "name", name: "ana" } },
    );
    expect(answer.text).toBe(
      "The week preview needs a private copy of Tandem's data, which this database cannot make.",
    );
  });

  it("shows what a coordinator with no chat account would get by e-mail, under her name", async () => {
    const h = await createServiceHarness({ rules: "every" });
    const lena = await h.person("lena");
    await updatePerson(h.store, { ...lena, email: "lena@uni.example" }, { ids: {} }, h.clock.now());
    expect((await h.person("lena")).ids).toEqual({});
    const text = await previewAt(h, "2026-12-01T08:00");
    const lines = linesFor(text, "Lena Vogel (coordinator, Europe/Berlin):");
    expect(lines.length).toBeGreaterThan(0);
    expect(text).not.toContain("email:lena@uni.example");
  });
});
