import { describe, expect, it } from "vitest";
import type { AppError } from "../../src/domain/errors.js";
import { exportProgramme, programmeToYaml } from "../../src/services/programme/export-programme.js";
import { importProgramme, parseProgrammeText } from "../../src/services/programme/import-programme.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { sampleProgramme } from "../helpers/programme.js";
import { createServiceHarness } from "../helpers/service-harness.js";
import { openTestStore } from "../helpers/test-store.js";

const SP = "America/Sao_Paulo";
const BXL = "Europe/Brussels";

/** The sample programme with Ana in the state of São Paulo, plus the given workspace days off. */
function programme(extra: Pick<ProgrammeInput, "holidays" | "closures"> = {}): ProgrammeInput {
  const p = sampleProgramme(extra);
  p.people[0] = { ...p.people[0]!, region: "SP" };
  return p;
}

async function setup(now: string, extra: Pick<ProgrammeInput, "holidays" | "closures"> = {}) {
  const h = await createServiceHarness({ now, programme: programme(extra) });
  let n = 0;
  const post = (user: string, at: Date, mentions: string[] = []) =>
    h.bot.handle({
      kind: "message",
      id: `ev-${++n}`,
      platform: "console",
      workspace: "test",
      user,
      conversation: "console:test:conv:home",
      at,
      messageRef: `m${n}`,
      mentions,
      asks: true,
      isDirect: false,
      fromBot: false,
      permalink: `https://chat.example/home/m${n}`,
    });
  const clocks = async () =>
    await h.store.replyClocks.since((await h.internship("ana-2026")).id, new Date(0));
  return { h, post, clocks };
}

describe("holidays the library misses", () => {
  it("counts 20 November as a holiday in São Paulo: a question on the 19th is due after it", async () => {
    const { h, post, clocks } = await setup("2026-11-19T17:00:00Z");
    // Thu 19 Nov 15:00 in São Paulo: 2h of Ana's 4h that day, Fri 20 Nov is Consciência Negra, 2h on Monday.
    await post("bram", h.local("2026-11-19T15:00", SP), ["ana"]);
    const [clock] = await clocks();
    expect(clock).toMatchObject({ direction: "to_intern", responderId: (await h.person("ana")).id });
    expect(clock?.dueAt).toEqual(h.local("2026-11-23T11:00", SP));
    const notice = (await h.store.outbox.list()).find((o) => o.key === `reply-due:${clock?.id}`);
    expect(notice?.payload.reason).toContain("Days off not counted: Fri 20 Nov (Dia da Consciência Negra).");
  });

  it("skips a public holiday the programme adds for the responder's country", async () => {
    const { h, post, clocks } = await setup("2026-12-01T13:00:00Z", {
      holidays: [{ country: "BE", date: "2026-12-02", name: "Company holiday" }],
    });
    // 14:00-17:00 in Brussels on Tuesday, Wednesday off, 09:00-14:00 on Thursday.
    await post("ana", h.local("2026-12-01T10:00", SP));
    const [clock] = await clocks();
    expect(clock?.responderId).toBe((await h.person("bram")).id);
    expect(clock?.dueAt).toEqual(h.local("2026-12-03T14:00", BXL));
    const notice = (await h.store.outbox.list()).find((o) => o.key === `reply-due:${clock?.id}`);
    expect(notice?.payload.reason).toBe(
      "Your working agreement asks for a reply within 8h of Bram Peeters's working time. Days off not counted: Wed 2 Dec (Company holiday).",
    );
  });

  it("applies a regional holiday in its region only", async () => {
    const { h } = await setup("2027-01-24T12:00:00Z", {
      holidays: [
        { country: "BR", region: "SP", date: "2027-01-25", name: "Aniversário de São Paulo" },
        { country: "BR", region: "RJ", date: "2027-01-26", name: "Somewhere else" },
      ],
    });
    await h.tickAt(h.local("2027-01-25T09:30", SP));
    expect(await h.sentTo("ana")).toHaveLength(0);
    await h.tickAt(h.local("2027-01-26T09:30", SP));
    expect((await h.sentTo("ana")).map((s) => s.message.text)).toEqual([
      expect.stringContaining("Tue 26 Jan 2027"),
    ]);
  });
});

describe("company closures", () => {
  const closures = [{ from: "2026-12-24", to: "2027-01-01", name: "Year-end closure" }];

  it("sends no check-in on a closure day, and the first one after it as usual", async () => {
    const { h } = await setup("2026-12-23T12:00:00Z", { closures });
    await h.tickAt(h.local("2026-12-28T09:30", SP));
    await h.tickAt(h.local("2026-12-31T09:30", SP));
    expect(await h.sentTo("ana")).toHaveLength(0);
    await h.tickAt(h.local("2027-01-04T09:30", SP));
    expect((await h.sentTo("ana")).map((s) => s.message.text)).toEqual([
      expect.stringContaining("Mon 4 Jan 2027"),
    ]);
  });

  it("closes only for the people a closure lists", async () => {
    const { h } = await setup("2026-12-23T12:00:00Z", {
      closures: [{ ...closures[0]!, people: ["bram", "chloe"] }],
    });
    await h.tickAt(h.local("2026-12-28T09:30", SP));
    expect((await h.sentTo("ana")).map((s) => s.message.text)).toEqual([
      expect.stringContaining("Mon 28 Dec 2026"),
    ]);
  });

  it("runs reply clocks across a closure on the next working day", async () => {
    const { h, post, clocks } = await setup("2026-12-23T19:00:00Z", { closures });
    // Wed 23 Dec 15:00 in São Paulo: 2h that day, closed until Fri 1 Jan, 2h on Mon 4 Jan.
    await post("bram", h.local("2026-12-23T15:00", SP), ["ana"]);
    expect((await clocks())[0]?.dueAt).toEqual(h.local("2027-01-04T11:00", SP));
  });
});

describe("days off in the programme file", () => {
  const T0 = new Date("2026-10-15T08:00:00Z");
  const extra = {
    holidays: [
      { country: "BR", date: "2026-11-20", name: "Consciência Negra" },
      { country: "BR", region: "SP", date: "2027-01-25", name: "Aniversário de São Paulo" },
    ],
    closures: [
      { from: "2026-12-24", to: "2027-01-01", name: "Year-end closure" },
      { from: "2027-02-15", to: "2027-02-16", name: "Carnival", people: ["ana"] },
    ],
  };

  it("exports what was imported, and importing the export again changes nothing", async () => {
    const store = await openTestStore(undefined, { now: T0 });
    const first = await importProgramme(store, programme(extra), T0);
    expect(first.daysOff).toEqual({ holidays: 2, closures: 2, changed: true });
    const yaml = programmeToYaml(await exportProgramme(store, "console", "test"));
    expect(yaml).toContain("closures:");
    const exported = await exportProgramme(store, "console", "test");
    expect(exported.holidays).toEqual(extra.holidays);
    expect(exported.closures).toEqual(extra.closures);
    const again = await importProgramme(store, parseProgrammeText(yaml, "export.yaml"), T0);
    expect(again.daysOff.changed).toBe(false);
    expect(again.people.updated + again.internships.updated + again.agreements.versioned).toBe(0);
    expect(programmeToYaml(await exportProgramme(store, "console", "test"))).toBe(yaml);
  });

  it("reads unquoted YAML dates and replaces the days off when the file changes", async () => {
    const store = await openTestStore(undefined, { now: T0 });
    await importProgramme(store, programme(extra), T0);
    const text = `${programmeToYaml(programme())}holidays:\n  - { country: br, region: SP, date: 2026-11-20, name: Consciência Negra }\n`;
    const summary = await importProgramme(store, parseProgrammeText(text, "p.yaml"), T0);
    expect(summary.daysOff).toEqual({ holidays: 1, closures: 0, changed: true });
    const ws = (await store.workspaces.find("console", "test"))!;
    expect(await store.daysOff.of(ws.id)).toEqual({
      holidays: [{ country: "BR", region: "SP", date: "2026-11-20", name: "Consciência Negra" }],
      closures: [],
    });
  });

  it("refuses unknown places, closures that end before they start and unknown people, naming each", async () => {
    const store = await openTestStore(undefined, { now: T0 });
    let caught: unknown;
    try {
      await importProgramme(
        store,
        programme({
          holidays: [
            { country: "XX", date: "2026-11-20", name: "Nowhere" },
            { country: "BR", region: "ZZ", date: "2026-11-20", name: "Nowhere either" },
            { country: "BR", date: "2026-11-31", name: "Not a date" },
          ],
          closures: [
            { from: "2027-01-01", to: "2026-12-24", name: "Backwards" },
            { from: "2026-12-24", to: "2027-01-01", name: "Year-end closure", people: ["nobody"] },
          ],
        }),
        T0,
      );
    } catch (error) {
      caught = error;
    }
    const message = (caught as AppError).message;
    expect(message).toContain("nothing was imported");
    expect(message).toContain('holidays[2].date: "2026-11-31" is not a date');
    // Shape errors come first; fix the date and the meaning is checked.
    try {
      await importProgramme(
        store,
        programme({
          holidays: [
            { country: "XX", date: "2026-11-20", name: "Nowhere" },
            { country: "BR", region: "ZZ", date: "2026-11-20", name: "Nowhere either" },
          ],
          closures: [
            { from: "2027-01-01", to: "2026-12-24", name: "Backwards" },
            { from: "2026-12-24", to: "2027-01-01", name: "Year-end closure", people: ["nobody"] },
          ],
        }),
        T0,
      );
    } catch (error) {
      caught = error;
    }
    const lines = (caught as AppError).message
      .split("\n")
      .slice(1)
      .map((l) => l.trim());
    expect(lines).toEqual([
      expect.stringMatching(/^- holidays\[0\] \(2026-11-20\)\.country: country "XX" is not/),
      expect.stringMatching(/^- holidays\[1\] \(2026-11-20\)\.region: region "ZZ" is not a region of BR/),
      "- closures[0] (Backwards).to: ends (2026-12-24) before it starts (2027-01-01)",
      '- closures[1] (Year-end closure).people[0]: "nobody" is not a key in people',
    ]);
    expect(await store.workspaces.list()).toEqual([]);
  });
});
