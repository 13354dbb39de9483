import { describe, expect, it } from "vitest";
import { formatDate } from "../../src/domain/format.js";
import { MESSAGE_TEXT_BUDGET } from "../../src/domain/message-budget.js";
import type { Platform } from "../../src/domain/types.js";
import type { ChatPlatform } from "../../src/ports/chat-platform.js";
import { createDispatcher } from "../../src/services/dispatcher.js";
import { queueDirect } from "../../src/services/notify.js";
import { createPlanner } from "../../src/services/planner.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { createWeeklyDigestRule } from "../../src/services/rules/weekly-digest-rule.js";
import { createTicker } from "../../src/services/ticker.js";
import { sampleProgramme } from "../helpers/programme.js";
import { createServiceHarness } from "../helpers/service-harness.js";

const BXL = "Europe/Brussels";
const W49 = "2026-W49";
/** Every kind of character people write: emoji with skin tones, flags, accents, markup. */
const LONG_TITLE =
  `Évaluer l'architecture 👩🏽‍💻 🇧🇪 *draft* <@U123> & friends ${"with a long explanation ".repeat(8)}`.slice(
    0,
    200,
  );
const REFLECTION =
  `Decisions here are made in writing 🙂 ${"and negotiation happens in long threads before any meeting. ".repeat(30)}`.slice(
    0,
    2000,
  );

/** Lena coordinates `n` interns, all supervised by bram, each with three overdue milestones and a long shared reflection. */
function cohort(n: number): ProgrammeInput {
  const p = sampleProgramme();
  const keys = Array.from({ length: n }, (_, i) => `intern${String(i + 1).padStart(3, "0")}`);
  p.people = [
    ...p.people,
    ...keys.map((key) => ({
      key,
      name: `Maria-Fernanda ${key} de Albuquerque`,
      timezone: "America/Sao_Paulo",
      country: "BR",
      contactHours: "Mon-Fri 09:00-17:00",
    })),
  ];
  p.internships = keys.map((key) => ({
    key: `${key}-2026`,
    intern: key,
    supervisor: "bram",
    coordinator: "lena",
    start: "2026-11-01",
    end: "2027-03-31",
  }));
  return p;
}

async function setup(programme: ProgrammeInput) {
  const h = await createServiceHarness({ programme, rules: "checkin" });
  const platforms = new Map<Platform, ChatPlatform>([["console", h.platform]]);
  const rules = [createWeeklyDigestRule({ store: h.store, log: h.log.log })];
  const planner = createPlanner({ store: h.store, rules, log: h.log.log });
  const dispatcher = createDispatcher({ store: h.store, platforms, clock: h.clock, log: h.log.log });
  const ticker = createTicker({ planner, dispatcher, log: h.log.log });
  const digestTick = async (at: Date) => {
    h.clock.set(at);
    return await ticker.tick(at);
  };
  return { h, digestTick };
}

async function fillWeek(h: Awaited<ReturnType<typeof setup>>["h"]) {
  const at = new Date("2026-11-30T12:00:00Z");
  for (const internship of await h.store.internships.list(h.workspace.id)) {
    if (internship.coordinatorId !== (await h.person("lena")).id) continue;
    for (const due of ["2026-12-01", "2026-12-02", "2026-12-03"]) {
      await h.store.milestones.add(
        h.workspace.id,
        { internshipId: internship.id, title: LONG_TITLE, due, createdBy: internship.internId },
        at,
      );
    }
    await h.store.reflections.save(
      h.workspace.id,
      { internshipId: internship.id, week: W49, text: REFLECTION, shared: true },
      at,
    );
  }
}

describe("long content shaped at the source", () => {
  it("gives a coordinator of 40 interns with long shared reflections one digest within the message budget", async () => {
    const { h, digestTick } = await setup(cohort(40));
    await fillWeek(h);
    await digestTick(h.local("2026-12-07T09:00", BXL));
    const lena = await h.person("lena");
    const rows = (await h.store.outbox.list()).filter((o) => o.key.startsWith(`digest:${lena.id}:${W49}`));
    expect(rows.map((r) => r.key)).toEqual([`digest:${lena.id}:${W49}`]);
    const text = rows[0]!.payload.text;
    expect(text.length).toBeLessThanOrEqual(MESSAGE_TEXT_BUDGET);
    for (let i = 1; i <= 40; i++) {
      const key = `intern${String(i).padStart(3, "0")}`;
      expect(text).toContain(
        `Maria-Fernanda ${key} de Albuquerque (@${key}): needs attention: 3 overdue milestones`,
      );
    }
    expect(text).toContain("1 shared reflection");
    expect(text).not.toContain("Decisions here are made in writing");
    expect(text).toContain('type "digest for @intern001"');
    // The reflection itself is one command away, whole.
    h.clock.set(h.local("2026-12-07T10:00", BXL));
    expect(await h.say("lena", "digest for @intern007")).toContain(REFLECTION);
  });

  it("sends a digest for 200 interns in parts, in order, each within the budget, once however often it ticks", async () => {
    const { h, digestTick } = await setup(cohort(200));
    await digestTick(h.local("2026-12-07T09:00", BXL));
    await digestTick(h.local("2026-12-07T09:01", BXL));
    const lena = await h.person("lena");
    const rows = (await h.store.outbox.list()).filter((o) => o.key.startsWith(`digest:${lena.id}:${W49}`));
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.map((r) => r.key)).toEqual(
      rows.map((_, i) => (i === 0 ? `digest:${lena.id}:${W49}` : `digest:${lena.id}:${W49}:${i + 1}`)),
    );
    const sent = (await h.sentTo("lena")).map((s) => s.message.text).filter((t) => t.includes(W49));
    expect(sent).toHaveLength(rows.length);
    sent.forEach((t, i) => {
      expect(t.length).toBeLessThanOrEqual(MESSAGE_TEXT_BUDGET);
      expect(t).toContain(`(part ${i + 1} of ${rows.length})`);
    });
    const all = sent.join("\n");
    for (let i = 1; i <= 200; i++) expect(all).toContain(`(@intern${String(i).padStart(3, "0")})`);
  });

  it("answers milestone list all with 60 long-titled milestones in one reply within the budget, every number shown", async () => {
    const h = await createServiceHarness();
    const ana = await h.internship("ana-2026");
    const at = h.clock.now();
    for (let i = 0; i < 60; i++) {
      await h.store.milestones.add(
        h.workspace.id,
        { internshipId: ana.id, title: `${i} ${LONG_TITLE}`, due: "2026-12-20", createdBy: ana.internId },
        at,
      );
    }
    const text = await h.say("ana", "milestone list all");
    expect(text.length).toBeLessThanOrEqual(MESSAGE_TEXT_BUDGET);
    expect(text).toContain("Your milestones, by due date (long titles shortened):");
    for (const m of await h.store.milestones.listFor(ana.id)) expect(text).toContain(`#${m.id}  `);
    // A short list is shown whole, as before.
    const few = await createServiceHarness();
    const small = await few.internship("ana-2026");
    await few.store.milestones.add(
      few.workspace.id,
      { internshipId: small.id, title: LONG_TITLE, due: "2026-12-20", createdBy: small.internId },
      few.clock.now(),
    );
    const plainTitle = LONG_TITLE.replace("<@U123> ", "");
    await few.store.milestones.add(
      few.workspace.id,
      { internshipId: small.id, title: plainTitle, due: "2026-12-21", createdBy: small.internId },
      few.clock.now(),
    );
    expect(await few.say("ana", "milestone list")).toContain(plainTitle);
  });

  it("merges 30 long messages over the daily budget into one readable message within the budget", async () => {
    const h = await createServiceHarness({ now: "2026-12-01T14:00:00Z" });
    const ana = await h.person("ana");
    for (let i = 1; i <= 35; i++) {
      await queueDirect(
        h.store,
        h.workspace,
        ana,
        `milestone-due:${i}:reminder:2026-12-03`,
        {
          text: `Milestone #${i} "${LONG_TITLE}" is due on Thu 3 Dec\n${"Remember to attach the survey results. ".repeat(25)}`,
          reason: "You asked for reminders two working days before a due date.",
          buttons: [{ action: "milestone.done", value: String(i), label: "Mark done" }],
        },
        h.clock.now(),
      );
    }
    await h.tickAt("2026-12-01T14:00:00Z");
    const merged = (await h.sentTo("ana")).find((s) =>
      s.message.text.startsWith("Several things for you today"),
    )!.message;
    expect(merged.text.length).toBeLessThanOrEqual(MESSAGE_TEXT_BUDGET);
    for (let i = 6; i <= 35; i++) expect(merged.text).toContain(`Milestone #${i} "Évaluer`);
    // The day's check-in was merged too: each kind of item names its own command.
    expect(merged.text).toContain('For the full text, type "milestone list" or "checkin".');
    expect(merged.more).toBe('For the full text, type "milestone list" or "checkin".');
    const values = new Set(merged.buttons?.map((b) => b.value));
    for (let i = 6; i <= 35; i++) expect(values.has(String(i))).toBe(true);
  });

  it("shows a fortnight of 2,000-character check-in answers within the budget, every day kept", async () => {
    const h = await createServiceHarness({ now: "2026-12-15T14:00:00Z" });
    const ana = await h.internship("ana-2026");
    const long = (what: string) =>
      `${what} 🙂 ${"worked through the survey answers with the team ".repeat(45)}`.slice(0, 2000);
    const days = Array.from({ length: 14 }, (_, i) => `2026-12-${String(i + 1).padStart(2, "0")}`);
    for (const date of days) {
      await h.store.checkins.create(h.workspace.id, ana.id, date, "due", h.clock.now());
      const row = (await h.store.checkins.get(ana.id, date))!;
      await h.store.checkins.answer(
        row.id,
        { progress: long("done"), nextSteps: long("next"), blockers: long("blocked"), connectedness: 4 },
        "answered",
        h.clock.now(),
      );
    }
    const text = await h.say("bram", "checkin history for @ana");
    expect(text.length).toBeLessThanOrEqual(MESSAGE_TEXT_BUDGET);
    for (const date of days.slice(1)) expect(text).toContain(`${formatDate(date)}  answered — done: done 🙂`);
  });

  it("keeps a supervisor's digest about an intern with 60 overdue milestones within the budget", async () => {
    const { h, digestTick } = await setup(cohort(1));
    const internship = await h.internship("intern001-2026");
    for (let i = 0; i < 60; i++) {
      await h.store.milestones.add(
        h.workspace.id,
        { internshipId: internship.id, title: LONG_TITLE, due: "2026-12-02", createdBy: internship.internId },
        new Date("2026-11-30T12:00:00Z"),
      );
    }
    await digestTick(h.local("2026-12-07T09:00", BXL));
    const row = await h.store.outbox.get(
      h.workspace.id,
      `digest:${(await h.person("bram")).id}:${internship.id}:${W49}`,
    );
    expect(row?.payload.text.length).toBeLessThanOrEqual(MESSAGE_TEXT_BUDGET);
    expect(row?.payload.text).toContain("and 55 more");
    expect(row?.payload.more).toContain('"milestone list all for @intern001"');
  });
});
