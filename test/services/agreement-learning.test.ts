import { describe, expect, it } from "vitest";
import { DEFAULT_CRITERIA } from "../../src/domain/learning-agreement.js";
import { exportPerson } from "../../src/services/person-data.js";
import { exportProgramme } from "../../src/services/programme/export-programme.js";
import { importProgramme } from "../../src/services/programme/import-programme.js";
import { createBotHarness } from "../helpers/bot-harness.js";
import { sampleProgramme } from "../helpers/programme.js";

/** Ana's internship (2026-11-01 to 2027-03-31) with a small learning agreement from the file. */
function programme(admins: string[] = []) {
  const p = sampleProgramme({ admins });
  p.internships![0] = {
    ...p.internships![0]!,
    learning: {
      title: "Market research assistant",
      hoursPerWeek: 30,
      outcomes: [
        { key: "market-research", description: "Plan and run a small market study" },
        { key: "presenting", description: "Present findings to a client" },
      ],
      language: { code: "en", level: "B2" },
    },
  };
  return p;
}

async function harness(admins: string[] = []) {
  const h = await createBotHarness({ programme: programme(admins) });
  const ship = await h.internship("ana-2026");
  const learning = async () => (await h.store.learning.get(ship.id))!;
  const told = async () =>
    (await h.store.outbox.list())
      .filter((o) => o.key.startsWith("learning-changed:"))
      .map((o) => [o.key, o.recipientId]);
  return { h, ship, learning, told };
}

describe("changing the learning agreement in chat", () => {
  it("lets the supervisor change each part, each change the next version, the others told once", async () => {
    const { h, ship, learning, told } = await harness();
    const [ana, bram, chloe, lena] = await Promise.all(["ana", "bram", "chloe", "lena"].map(h.person));

    expect(await h.say("bram", 'agreement title "Market analyst" for @ana')).toBe(
      'The learning agreement for Ana Souza is now version 2: title "Market analyst". Ana Souza, Chloé Martin, Lena Vogel are told.',
    );
    expect(await told()).toEqual([
      [`learning-changed:${ship.id}:v2:${ana!.id}`, ana!.id],
      [`learning-changed:${ship.id}:v2:${chloe!.id}`, chloe!.id],
      [`learning-changed:${ship.id}:v2:${lena!.id}`, lena!.id],
    ]);
    const message = (await h.store.outbox.list()).find((o) => o.recipientId === ana!.id)!;
    expect(message.payload.text).toBe(
      'Bram Peeters changed the learning agreement for Ana Souza: title "Market analyst" (version 2). Type "agreement show" to read it all.',
    );

    expect(await h.say("bram", "agreement hours 25 for @ana")).toContain("version 3: 25 hours a week");
    expect(
      await h.say("bram", "agreement outcome add teamwork Work in a team across two countries for @ana"),
    ).toContain("version 4: outcome teamwork added");
    expect(
      await h.say(
        "bram",
        'agreement outcome rename presenting "Present findings to a client in English" for @ana',
      ),
    ).toContain("version 5: outcome presenting renamed");
    expect(await h.say("bram", "agreement criteria Teamwork, Initiative, ICT skills for @ana")).toContain(
      "version 6: criteria Teamwork, Initiative, ICT skills",
    );
    expect(await h.say("bram", "agreement evaluation midterm 2027-01-20 for @ana")).toContain(
      "version 7: mid-term evaluation 2027-01-20",
    );
    expect(await h.say("bram", "agreement language pt-BR c1 for @ana")).toContain(
      "version 8: working language pt-br, the intern's level C1",
    );
    expect(await learning()).toEqual({
      title: "Market analyst",
      hoursPerWeek: 25,
      outcomes: [
        { key: "market-research", description: "Plan and run a small market study" },
        { key: "presenting", description: "Present findings to a client in English" },
        { key: "teamwork", description: "Work in a team across two countries" },
      ],
      criteria: [
        { key: "teamwork", name: "Teamwork" },
        { key: "initiative", name: "Initiative" },
        { key: "ict-skills", name: "ICT skills" },
      ],
      midterm: "2027-01-20",
      language: { code: "pt-br", level: "C1" },
    });
    const versions = await h.store.learning.versions(ship.id);
    expect(versions.map((v) => [v.version, v.change, v.changedBy])).toEqual([
      [1, "the programme file", undefined],
      [2, 'title "Market analyst"', bram!.id],
      [3, "25 hours a week", bram!.id],
      [4, "outcome teamwork added", bram!.id],
      [5, "outcome presenting renamed", bram!.id],
      [6, "criteria Teamwork, Initiative, ICT skills", bram!.id],
      [7, "mid-term evaluation 2027-01-20", bram!.id],
      [8, "working language pt-br, the intern's level C1", bram!.id],
    ]);
    expect(versions[1]!.agreement.title).toBe("Market analyst");
    // Each version told each of the three others once; the supervisor who changed it is not told.
    expect(await told()).toHaveLength(7 * 3);
    expect((await told()).some(([, id]) => id === bram!.id)).toBe(false);

    expect(await h.say("bram", "agreement criteria default for @ana")).toContain(
      "version 9: the default criteria",
    );
    expect((await learning()).criteria).toEqual(DEFAULT_CRITERIA);
    expect(await h.say("bram", "agreement evaluation midterm default for @ana")).toContain(
      "version 10: mid-term evaluation at its default date",
    );
    expect((await learning()).midterm).toBeUndefined();
  });

  it("lets the coordinator and a programme admin change it; the intern may read it but not change it", async () => {
    const { h, learning } = await harness(["olga"]);
    expect(await h.say("lena", "agreement hours 20 for @ana")).toContain("version 2: 20 hours a week");
    expect(await h.say("olga", "agreement hours 22 for @ana")).toContain("version 3: 22 hours a week");
    expect(await h.say("ana", "agreement hours 40")).toBe(
      'Only the supervisor, the backup, the coordinator and programme admins change the learning agreement; Bram Peeters can make the change. You can read it with "agreement show".',
    );
    expect(await h.say("piet", "agreement hours 40 for @ana")).toBe(
      "You are not part of Ana Souza's internship, so you cannot see or change it.",
    );
    expect((await learning()).hoursPerWeek).toBe(22);
    const shown = await h.say("ana", "agreement");
    expect(shown).toMatch(/^Learning agreement for Ana Souza, version 3 \(since /);
    expect(shown).toContain("by Olga Berg: 22 hours a week):");
    expect(shown).toContain("• Traineeship: Market research assistant, 22 hours a week");
    expect(shown).toContain(
      "• Expected learning outcomes: market-research (Plan and run a small market study); presenting",
    );
    expect(shown).toContain("• Working language: en, the intern's level B2");
    expect(shown).toContain(
      "Monitoring plan (how the internship is followed: the working agreement's terms):\nWorking agreement for Ana Souza, version 1, in force since",
    );
    expect(shown.indexOf("Monitoring plan")).toBeLessThan(shown.indexOf("Reply within: supervisor 8h"));
  });

  it("refuses to remove an outcome milestones serve, naming them, and removes it once none does", async () => {
    const { h, learning, told } = await harness();
    await h.say("ana", 'milestone add "Survey of 20 customers" due 2026-12-15 for outcome market-research');
    await h.say("ana", 'milestone add "Client deck" due 2026-12-20 for outcomes market-research, presenting');
    expect(await h.say("bram", "agreement outcome remove market-research for @ana")).toBe(
      'Outcome market-research cannot be removed: milestones #1 "Survey of 20 customers", #2 "Client deck" serve it. Remove it once no milestone serves it, or rename it instead (agreement outcome rename market-research <description>). Nothing was changed.',
    );
    expect((await learning()).outcomes).toHaveLength(2);
    expect(await told()).toEqual([]);
    expect(await h.say("bram", "agreement outcome remove teamwork for @ana")).toBe(
      '"teamwork" is not an outcome of this learning agreement; its outcomes are market-research, presenting.',
    );
    await h.say("ana", 'milestone add "Pitch" due 2026-12-21');
    expect(await h.say("bram", "agreement outcome remove presenting for @ana")).toMatch(
      /milestone #2 "Client deck" serves it/,
    );
  });

  it("names the field and what to type when the input is wrong, and writes nothing", async () => {
    const { h, learning, told } = await harness();
    const before = await learning();
    const answers = await Promise.all(
      [
        "agreement hours 99 for @ana",
        "agreement hours many for @ana",
        "agreement criteria Teamwork, teamwork for @ana",
        "agreement evaluation final 2027-06-01 for @ana",
        "agreement evaluation midterm 2027-03-30 for @ana",
        "agreement evaluation sometime 2027-01-01 for @ana",
        "agreement language english for @ana",
        "agreement language en B7 for @ana",
        "agreement outcome add Market! Do research for @ana",
        "agreement outcome add presenting Talk to people for @ana",
        "agreement outcome add pitching for @ana",
        "agreement title Market research assistant for @ana",
      ].map((text) => h.say("bram", text)),
    );
    expect(answers).toEqual([
      "Hours per week must be a whole number from 1 to 60, e.g. agreement hours 30.",
      'agreement hours needs the hours per week as a whole number, e.g. agreement hours 30, not "many".',
      '"teamwork" is the same criterion as "Teamwork"; name each one once.',
      "The final evaluation must fall within the internship (2026-11-01 to 2027-03-31); 2027-06-01 does not.",
      "The mid-term evaluation (2027-03-30) must come before the final one (2027-03-25); pick another date.",
      "agreement evaluation needs midterm or final, then the date, e.g. agreement evaluation midterm 30 Jan.",
      '"english" is not a language code; write one like en or pt-br, e.g. agreement language en B2.',
      '"B7" is not a language level; the intern\'s level is one of A1, A2, B1, B2, C1, C2, native (CEFR levels).',
      '"Market!" is not an outcome key: keys are lower-case words joined by dashes, like market-research (e.g. agreement outcome add market-research Plan and run a small market study).',
      'The learning agreement already has an outcome "presenting"; to change its description type: agreement outcome rename presenting <new description>.',
      "agreement outcome add needs a description after the key, e.g. agreement outcome add market-research Plan and run a small market study.",
      'The title is already "Market research assistant"; nothing changed.',
    ]);
    expect(await learning()).toEqual(before);
    expect(await told()).toEqual([]);
  });

  it("starts a learning agreement for an internship without one, with the default criteria", async () => {
    const h = await createBotHarness();
    const ship = await h.internship("ana-2026");
    expect(await h.say("ana", "agreement")).toContain("Learning agreement for Ana Souza: none yet.");
    expect(
      await h.say("bram", "agreement outcome add presenting Present findings to a client for @ana"),
    ).toContain("now version 1: outcome presenting added");
    expect(await h.store.learning.get(ship.id)).toEqual({
      outcomes: [{ key: "presenting", description: "Present findings to a client" }],
      criteria: DEFAULT_CRITERIA,
    });
    expect(await h.say("ana", 'milestone add "Deck" due 2026-12-15 for outcome presenting')).toContain(
      "It serves the outcome presenting.",
    );
  });

  it("round-trips what chat changed through the programme export: the same agreement, no new version", async () => {
    const { h, ship, learning } = await harness();
    for (const text of [
      "agreement outcome add teamwork Work in a team across two countries for @ana",
      "agreement criteria Teamwork, ICT skills for @ana",
      "agreement evaluation final 2027-03-20 for @ana",
      "agreement language pt-br C1 for @ana",
    ])
      expect(await h.say("bram", text)).toMatch(/^The learning agreement for Ana Souza is now version/);
    const changed = await learning();
    const exported = await exportProgramme(h.store, "console", "test");
    expect(exported.internships!.find((s) => s.key === "ana-2026")!.learning).toMatchObject({
      criteria: ["Teamwork", "ICT skills"],
      evaluations: { final: "2027-03-20" },
      language: { code: "pt-br", level: "C1" },
    });
    const again = await importProgramme(h.store, exported, h.clock.now());
    expect(again.learning).toEqual({ updated: 0, milestonesAdded: 0 });
    expect(await h.store.learning.versions(ship.id)).toHaveLength(5);

    const fresh = await createBotHarness({ programme: exported });
    expect(await fresh.store.learning.get((await fresh.internship("ana-2026")).id)).toEqual(changed);
  });

  it("puts the versions a person wrote in their data export", async () => {
    const { h, ship } = await harness();
    await h.say("bram", "agreement hours 25 for @ana");
    const exported = await exportPerson(h.store, h.workspace, "bram", h.clock.now());
    expect(exported.ok && exported.value.learningAgreements).toEqual([
      expect.objectContaining({
        internship_id: ship.id,
        version: 2,
        change: "25 hours a week",
        agreement: expect.objectContaining({ hoursPerWeek: 25 }),
      }),
    ]);
    const ana = await exportPerson(h.store, h.workspace, "ana", h.clock.now());
    expect(ana.ok && ana.value.learningAgreements).toEqual([]);
  });
});
