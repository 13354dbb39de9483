/** The learning agreement in the set-up form, through the real bot with the playground's directory. */
import { describe, expect, it } from "vitest";
import { createConsoleDirectory } from "../../adapters/console/console-directory.js";
import { DEMO_WORKSPACE, demoProgramme } from "../../adapters/console/demo-programme.js";
import { DEFAULT_CRITERIA } from "../../src/domain/learning-agreement.js";
import { createSettableClock } from "../../src/ports/clock.js";
import { createBot } from "../../src/services/bot.js";
import { importProgramme } from "../../src/services/programme/import-programme.js";
import { captureLog } from "../helpers/log-capture.js";
import { openTestStore } from "../helpers/test-store.js";

const NOW = new Date("2026-12-03T10:00:00Z");
const FORM = {
  intern: "kenji",
  supervisor: "olga",
  home: "intern-kenji",
  start: "2026-12-07",
  end: "2027-02-26",
  checkinAt: "09:00",
  checkinDays: "Mon-Fri",
  replySupervisor: "8h",
  replyIntern: "4h",
  sync: "weekly",
};
const LEARNING = {
  learningTitle: "Market research assistant",
  hoursPerWeek: "30",
  outcomes: "market-research: Plan and run a small market study\n\nPresenting:  Present findings to a client",
  criteria: "Teamwork, Initiative",
  midterm: "2027-01-15",
  language: "en b2",
};

let n = 0;
async function playground() {
  const clock = createSettableClock(NOW);
  const store = await openTestStore(undefined, { now: NOW });
  await importProgramme(store, demoProgramme("2026-12-01"), NOW, "demo");
  const bot = createBot({
    store,
    clock,
    log: captureLog().log,
    directories: new Map([["console", createConsoleDirectory(store)]]),
  });
  const workspace = (await store.workspaces.find("console", DEMO_WORKSPACE))!;
  const base = { platform: "console" as const, workspace: DEMO_WORKSPACE, at: NOW };
  const conversation = (user: string) => `console:demo:user:${user}`;
  const say = async (user: string, text: string) =>
    (await bot.handle({
      ...base,
      kind: "command",
      id: `s${++n}`,
      user,
      conversation: conversation(user),
      text,
    }))!;
  const submit = async (user: string, value: string, form: Record<string, string>) =>
    (await bot.handle({
      ...base,
      kind: "action",
      id: `s${++n}`,
      user,
      conversation: conversation(user),
      action: "setup.submit",
      value,
      form,
    }))!;
  const kenjiShip = async () => {
    const kenji = (await store.people.byKey(workspace.id, "kenji"))!;
    return (await store.internships.forPerson(workspace.id, kenji.id)).find((i) => i.internId === kenji.id)!;
  };
  return { store, say, submit, kenjiShip };
}

describe("the learning agreement in set-up", () => {
  it("saves the optional learning agreement with the internship, as its first version by the admin", async () => {
    const p = await playground();
    const opened = await p.say("marc", "setup");
    const saved = await p.submit("marc", opened.form!.value, { ...FORM, ...LEARNING });
    expect(saved.formErrors).toBeUndefined();
    const ship = await p.kenjiShip();
    expect(await p.store.learning.get(ship.id)).toEqual({
      title: "Market research assistant",
      hoursPerWeek: 30,
      outcomes: [
        { key: "market-research", description: "Plan and run a small market study" },
        { key: "presenting", description: "Present findings to a client" },
      ],
      criteria: [
        { key: "teamwork", name: "Teamwork" },
        { key: "initiative", name: "Initiative" },
      ],
      midterm: "2027-01-15",
      language: { code: "en", level: "B2" },
    });
    const marc = (await p.store.people.byKey((await p.kenjiShip()).workspaceId, "marc"))!;
    expect((await p.store.learning.versions(ship.id)).map((v) => [v.version, v.change, v.changedBy])).toEqual(
      [[1, "set-up", marc.id]],
    );
  });

  it("leaves the learning agreement out when its fields are empty", async () => {
    const p = await playground();
    const opened = await p.say("marc", "setup");
    await p.submit("marc", opened.form!.value, FORM);
    expect(await p.store.learning.get((await p.kenjiShip()).id)).toBeUndefined();
  });

  it("shows the stored agreement when edited, and saves a new version only when it changed", async () => {
    const p = await playground();
    const opened = await p.say("marc", "setup");
    await p.submit("marc", opened.form!.value, { ...FORM, ...LEARNING, criteria: "" });
    const edit = await p.say("marc", "setup for @kenji");
    const initial = Object.fromEntries(edit.form!.fields.map((f) => [f.id, f.initial]));
    expect(initial).toMatchObject({
      learningTitle: "Market research assistant",
      hoursPerWeek: "30",
      outcomes:
        "market-research: Plan and run a small market study\npresenting: Present findings to a client",
      criteria: undefined,
      midterm: "2027-01-15",
      final: undefined,
      language: "en B2",
    });
    const ship = await p.kenjiShip();
    expect((await p.store.learning.get(ship.id))?.criteria).toEqual(DEFAULT_CRITERIA);
    const asShown = Object.fromEntries(
      Object.entries(initial).filter((e): e is [string, string] => typeof e[1] === "string"),
    );
    await p.submit("marc", edit.form!.value, asShown);
    expect(await p.store.learning.versions(ship.id)).toHaveLength(1);
    await p.submit("marc", edit.form!.value, { ...asShown, hoursPerWeek: "25" });
    expect((await p.store.learning.get(ship.id))?.hoursPerWeek).toBe(25);
    expect(await p.store.learning.versions(ship.id)).toHaveLength(2);
  });

  it("names each wrong field and what to type, and saves nothing", async () => {
    const p = await playground();
    const opened = await p.say("marc", "setup");
    const refused = await p.submit("marc", opened.form!.value, {
      ...FORM,
      hoursPerWeek: "90",
      outcomes: "market-research: Plan a study\nMarket Research!: again",
      criteria: "Teamwork, teamwork",
      midterm: "2027-05-01",
      language: "english",
    });
    expect(refused.formErrors).toEqual({
      hoursPerWeek: "Give the hours per week as a whole number from 1 to 60, e.g. 30, or leave it empty.",
      outcomes:
        'Line 2: "market research!" is not an outcome key; write lower-case words joined by dashes, then a colon and the description, e.g. market-research: Plan and run a small market study.',
      criteria: '"teamwork" is the same criterion as "Teamwork"; name each one once.',
      midterm: "Pick a day within the internship (2026-12-07 to 2027-02-26), or leave it empty.",
      language: "Give a language code and, if you like, the intern's level, e.g. en B2 or pt-br.",
    });
    expect(refused.text).toContain("Hours per week");
    expect(
      await p.store.people.byKey((await p.store.workspaces.find("console", DEMO_WORKSPACE))!.id, "kenji"),
    ).toBeUndefined();
  });

  it("refuses to drop an outcome milestones serve, naming them", async () => {
    const p = await playground();
    const opened = await p.say("marc", "setup");
    await p.submit("marc", opened.form!.value, { ...FORM, ...LEARNING });
    await p.say("kenji", 'milestone add "Survey" due 2026-12-18 for outcome presenting');
    const edit = await p.say("marc", "setup for @kenji");
    const refused = await p.submit("marc", edit.form!.value, {
      ...FORM,
      ...LEARNING,
      outcomes: "market-research: Plan and run a small market study",
    });
    expect(refused.formErrors).toEqual({
      outcomes:
        'Milestones serve presenting (served by #1 "Survey"): keep its line (the words after the colon may change), or link the milestones elsewhere first.',
    });
    expect((await p.store.learning.get((await p.kenjiShip()).id))?.outcomes).toHaveLength(2);
  });
});
