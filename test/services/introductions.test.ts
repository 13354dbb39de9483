import { describe, expect, it } from "vitest";
import { createConsolePlatform } from "../../adapters/console/console-platform.js";
import { groupAddress, parseAddress } from "../../src/domain/addresses.js";
import type { Platform } from "../../src/domain/types.js";
import { localDateIn } from "../../src/domain/zone-time.js";
import type { ChatPlatform } from "../../src/ports/chat-platform.js";
import type { CommandContext } from "../../src/services/command-context.js";
import { handleIntroCommand, type IntroCommand } from "../../src/services/command-handlers/intro.js";
import { handleIntroAction } from "../../src/services/command-handlers/intro-actions.js";
import { createDispatcher } from "../../src/services/dispatcher.js";
import { summarizeWholeInternship } from "../../src/services/internship-summary.js";
import { createPlanner } from "../../src/services/planner.js";
import { buildInternshipPage } from "../../src/services/portal/internship-page.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { createIntroductionRule } from "../../src/services/rules/introduction-rule.js";
import { renderMarkdown } from "../../src/services/summary-render.js";
import { createTicker } from "../../src/services/ticker.js";
import { createBotHarness } from "../helpers/bot-harness.js";
import { createRecordingPlatform } from "../helpers/recording-platform.js";

const BRUSSELS = ["dries", "sofie", "marc", "kenji"];

/** Intern ana (São Paulo) and colleagues in several departments and zones; kenji (Tokyo) shares no hours with her. */
function introProgramme(
  colleagues: string[] = BRUSSELS,
  extra: Partial<ProgrammeInput> = {},
): ProgrammeInput {
  const person = (key: string, name: string, timezone: string, country: string, department?: string) => ({
    key,
    name,
    timezone,
    country,
    contactHours: "Mon-Fri 09:00-17:00",
    ...(department ? { department } : {}),
  });
  return {
    workspace: { platform: "console", id: "test" },
    people: [
      { ...person("ana", "Ana Souza", "America/Sao_Paulo", "BR", "Engineering"), languages: ["pt", "en"] },
      person("bram", "Bram Peeters", "Europe/Brussels", "BE", "Engineering"),
      person("lena", "Lena Vogel", "Europe/Berlin", "DE"),
      {
        ...person("dries", "Dries Janssens", "Europe/Brussels", "BE", "Engineering"),
        languages: ["nl", "en"],
      },
      person("ines", "Inês Costa", "Europe/Lisbon", "PT", "Engineering"),
      person("sofie", "Sofie Claes", "Europe/Brussels", "BE", "Sales"),
      person("tiago", "Tiago Ramos", "Europe/Lisbon", "PT", "Sales"),
      person("marc", "Marc Dubois", "Europe/Brussels", "BE", "Operations"),
      person("kenji", "Kenji Sato", "Asia/Tokyo", "JP", "Research"),
      person("piet", "Piet Smet", "Europe/Brussels", "BE", "Marketing"),
      person("ben", "Ben Okafor", "America/Sao_Paulo", "BR", "Sales"),
      person("carla", "Carla Reis", "America/Sao_Paulo", "BR", "Design"),
    ],
    colleagues: ["bram", ...colleagues],
    internships: [
      {
        key: "ana-2026",
        intern: "ana",
        supervisor: "bram",
        coordinator: "lena",
        start: "2026-11-01",
        end: "2027-03-31",
      },
    ],
    ...extra,
  };
}

async function createIntroHarness(programme = introProgramme()) {
  const h = await createBotHarness({ now: "2026-11-30T08:00:00Z", programme });
  const platform = createRecordingPlatform("console");
  const platforms = new Map<Platform, ChatPlatform>([["console", platform]]);
  const build = () => {
    const rules = [createIntroductionRule({ store: h.store, log: h.log.log })];
    const planner = createPlanner({ store: h.store, rules, log: h.log.log });
    const dispatcher = createDispatcher({ store: h.store, platforms, clock: h.clock, log: h.log.log });
    return createTicker({ planner, dispatcher, log: h.log.log });
  };
  let ticker = build();
  const ctxOf = async (key: string): Promise<CommandContext> => {
    const speaker = await h.person(key);
    const now = h.clock.now();
    return {
      store: h.store,
      log: h.log.log,
      now,
      workspace: h.workspace,
      speaker,
      today: localDateIn(speaker.timezone, now),
    };
  };
  const intros = async (key = "ana-2026") =>
    await h.store.introductions.forInternship((await h.internship(key)).id);
  const keyOf = async (id: number) => (await h.store.people.get(h.workspace.id, id))!.key;
  return {
    ...h,
    platform,
    tickAt: async (iso: string) => {
      h.clock.set(new Date(iso));
      return await ticker.tick(h.clock.now());
    },
    restart: () => {
      ticker = build();
    },
    press: async (key: string, action: string, id: number) =>
      (await handleIntroAction(await ctxOf(key), { action, value: String(id) })).text,
    command: async (key: string, command: IntroCommand) =>
      (await handleIntroCommand(await ctxOf(key), command)).text,
    at: (iso: string) => h.clock.set(new Date(iso)),
    intros,
    /** The newest introduction with its colleague's key. */
    latest: async (key = "ana-2026") => {
      const intro = (await intros(key)).at(-1)!;
      return { intro, colleague: await keyOf(intro.colleagueId) };
    },
    sentTo: (key: string) => platform.sent.filter((s) => s.address === `console:test:user:${key}`),
    groups: () => platform.sent.filter((s) => s.address.includes(":group:")),
  };
}

const TUESDAY = "2026-12-01T13:00:00Z"; // 10:00 in São Paulo, 14:00 in Brussels

describe("introductions", () => {
  it("asks the colleague first, not the intern, with buttons and the reason", async () => {
    const t = await createIntroHarness();
    await t.tickAt(TUESDAY);
    const { intro, colleague } = await t.latest();
    expect(intro.status).toBe("proposed");
    expect(["dries", "sofie", "marc"]).toContain(colleague);
    expect(t.sentTo("ana")).toEqual([]);
    const [ask] = t.sentTo(colleague);
    expect(ask?.message.text).toContain("Would you meet Ana Souza, a virtual intern working from Brazil?");
    expect(ask?.message.buttons?.map((b) => [b.action, b.value])).toEqual([
      ["intro.accept", String(intro.id)],
      ["intro.decline", String(intro.id)],
    ]);
    expect(ask?.message.reason).toContain(
      "You agreed to meet interns. Tandem asks you at most 2 times a month",
    );
    expect(ask?.message.fields).toContainEqual({
      label: "Your shared working hours",
      value: "Mon-Fri: 13:00-17:00 in Brussels = 09:00-13:00 in Sao Paulo",
    });
    // More ticks the same week ask nobody else.
    await t.tickAt("2026-12-01T15:00:00Z");
    await t.tickAt("2026-12-03T15:00:00Z");
    expect(await t.intros()).toHaveLength(1);
    expect(t.platform.sent).toHaveLength(1);
  });

  it("after a decline asks another colleague the next week, never the intern's supervisor nor someone without shared hours", async () => {
    const t = await createIntroHarness();
    const asked: string[] = [];
    for (let week = 0; week < 8; week++) {
      const tuesday = new Date(Date.parse(TUESDAY) + week * 7 * 86_400_000).toISOString();
      await t.tickAt(tuesday);
      const { intro, colleague } = await t.latest();
      if (intro.status !== "proposed") continue;
      asked.push(colleague);
      t.at(new Date(Date.parse(tuesday) + 3_600_000).toISOString());
      expect(await t.press(colleague, "intro.decline", intro.id)).toContain(
        "Tandem will not ask you about Ana again",
      );
      // Nobody else is asked until a working week after the last request.
      await t.tickAt(new Date(Date.parse(tuesday) + 2 * 86_400_000).toISOString());
      expect(await t.intros()).toHaveLength(asked.length);
    }
    expect(asked.sort()).toEqual(["dries", "marc", "sofie"]);
    const ship = await t.internship("ana-2026");
    const page = await buildInternshipPage(t.store, t.workspace.id, ship.id, ["coordinator"], t.clock.now());
    expect(page!.introductions.map((i) => i.status)).toEqual(["declined", "declined", "declined"]);
    expect(t.sentTo("kenji")).toEqual([]);
    expect(t.sentTo("bram")).toEqual([]);
    expect(t.sentTo("ana")).toEqual([]);
  });

  it("on yes opens one group conversation with both, their shared hours in both zones and a conversation starter", async () => {
    const t = await createIntroHarness();
    await t.tickAt(TUESDAY);
    const { intro, colleague } = await t.latest();
    t.at("2026-12-01T13:05:00Z");
    expect(await t.press(colleague, "intro.accept", intro.id)).toMatch(
      /^Thank you! Tandem opens a group conversation with Ana Souza/,
    );
    for (const at of ["2026-12-01T13:06:00Z", "2026-12-01T14:00:00Z", "2026-12-02T13:00:00Z"])
      await t.tickAt(at);
    const groups = t.groups();
    expect(groups).toHaveLength(1);
    expect(groups[0]!.address).toBe(groupAddress("console", "test", ["ana", colleague]));
    const message = groups[0]!.message;
    const fields = Object.fromEntries((message.fields ?? []).map((f) => [f.label, f.value]));
    expect(fields["Ana Souza"]).toBe(
      "Engineering, works from Brazil (Sao Paulo time), speaks Portuguese, English",
    );
    expect(fields["When you both work"]).toBe("Mon-Fri: 09:00-13:00 in Sao Paulo = 13:00-17:00 in Brussels");
    expect(fields["To start the conversation"]).toMatch(
      /in Brazil and in Belgium.*decision.*negotiate.*written message/,
    );
    expect(message.reason).toContain("6 colleagues from 3 departments");
    expect(await t.store.introductions.get(t.workspace.id, intro.id)).toMatchObject({
      status: "accepted",
      conversation: groups[0]!.address,
    });
    const exchanges = await t.store.activity.exchangesSince((await t.internship("ana-2026")).id, new Date(0));
    expect(exchanges.map((e) => [e.source, e.personId])).toEqual([["introduction", intro.colleagueId]]);
    expect(await t.press(colleague, "intro.accept", intro.id)).toContain("You already said yes");
    expect(t.groups()).toHaveLength(1);
  });

  it("holds the group message until both are at work", async () => {
    const t = await createIntroHarness();
    await t.tickAt(TUESDAY);
    const { intro, colleague } = await t.latest();
    t.at("2026-12-02T08:30:00Z"); // 09:30 in Brussels, 05:30 in São Paulo
    expect(await t.press(colleague, "intro.accept", intro.id)).toContain(
      "on Wed 2 Dec, 13:00 your time, when you both work",
    );
    await t.tickAt("2026-12-02T11:59:00Z");
    expect(t.groups()).toHaveLength(0);
    await t.tickAt("2026-12-02T12:00:00Z");
    expect(t.groups()).toHaveLength(1);
  });

  it('asks both "did you meet?" a working week later, once across ticks and a restart', async () => {
    const t = await createIntroHarness();
    await t.tickAt(TUESDAY);
    const { intro, colleague } = await t.latest();
    t.at("2026-12-01T13:05:00Z");
    await t.press(colleague, "intro.accept", intro.id);
    const didYouMeet = (key: string) => t.sentTo(key).filter((s) => s.message.text.startsWith("Did you and"));
    await t.tickAt("2026-12-08T13:00:00Z");
    expect(didYouMeet("ana")).toHaveLength(0);
    await t.tickAt("2026-12-08T13:10:00Z");
    await t.tickAt("2026-12-08T13:20:00Z");
    t.restart();
    await t.tickAt("2026-12-08T13:30:00Z");
    await t.tickAt("2026-12-09T13:30:00Z");
    expect(didYouMeet("ana")).toHaveLength(1);
    expect(didYouMeet(colleague)).toHaveLength(1);
    const [toAna] = didYouMeet("ana");
    expect(toAna!.message.buttons?.map((b) => b.action)).toEqual(["intro.met", "intro.notmet"]);
    expect(toAna!.message.reason).toContain("a working week after an introduction");
    expect(
      (await t.store.outbox.get(t.workspace.id, `intro-followup:${intro.id}:${(await t.person("ana")).id}`))
        ?.status,
    ).toBe("sent");
  });

  it("after not met offers a new time once, and asks again a week after they take it", async () => {
    const t = await createIntroHarness();
    await t.tickAt(TUESDAY);
    const { intro, colleague } = await t.latest();
    t.at("2026-12-01T13:05:00Z");
    await t.press(colleague, "intro.accept", intro.id);
    await t.tickAt("2026-12-08T13:10:00Z");
    expect(await t.press("ana", "intro.notmet", intro.id)).toContain(
      "I offered you both one chance to find a new time",
    );
    expect(await t.press(colleague, "intro.notmet", intro.id)).toContain("Already noted");
    await t.tickAt("2026-12-08T13:20:00Z");
    await t.tickAt("2026-12-08T14:20:00Z");
    const offers = t.groups().filter((g) => g.message.buttons?.some((b) => b.action === "intro.reschedule"));
    expect(offers).toHaveLength(1);
    expect(await t.press(colleague, "intro.reschedule", intro.id)).toContain(
      "asks you both again in a working week",
    );
    expect(await t.press("ana", "intro.reschedule", intro.id)).toContain("Already done");
    await t.tickAt("2026-12-15T14:10:00Z");
    expect(t.sentTo("ana").filter((s) => s.message.text.includes("meet this time"))).toHaveLength(0);
    await t.tickAt("2026-12-15T14:30:00Z");
    const again = t.sentTo("ana").filter((s) => s.message.text.includes("meet this time"));
    expect(again).toHaveLength(1);
    expect(await t.press("ana", "intro.notmet", intro.id)).toContain(
      "will not ask about this introduction again",
    );
    await t.tickAt("2026-12-15T14:30:00Z");
    expect(
      t.groups().filter((g) => g.message.buttons?.some((b) => b.action === "intro.reschedule")),
    ).toHaveLength(1);
    expect(await t.store.introductions.get(t.workspace.id, intro.id)).toMatchObject({
      status: "not_held",
      rescheduled: true,
    });
  });

  it("records a meeting when either says they met; coverage counts the department and the next colleague is from elsewhere", async () => {
    const t = await createIntroHarness(introProgramme(["dries", "ines", "sofie", "tiago", "marc", "kenji"]));
    await t.tickAt("2026-12-02T13:00:00Z");
    const { intro, colleague } = await t.latest();
    t.at("2026-12-02T14:00:00Z");
    await t.press(colleague, "intro.accept", intro.id);
    expect(await t.press(colleague, "intro.met", intro.id)).toContain("noted: you and Ana met");
    expect(await t.press("ana", "intro.notmet", intro.id)).toContain("said you met, so it stays recorded");
    const internshipId = (await t.internship("ana-2026")).id;
    expect(await t.store.activity.meetingsSince(internshipId, new Date(0))).toMatchObject([
      { personId: intro.colleagueId },
    ]);
    expect((await t.store.activity.exchangesSince(internshipId, new Date(0))).map((e) => e.source)).toEqual([
      "introduction",
      "meeting",
    ]);
    const met = await t.person(colleague);
    const status = await t.command("ana", { name: "intro.status" });
    expect(status).toContain("1 of 6 colleagues met, from 1 of 3 departments");
    expect(status).toContain(`Departments: ${met.department}`);
    // Nobody asks "did you meet?" after they said so.
    await t.tickAt("2026-12-10T13:00:00Z");
    expect(t.sentTo("ana").filter((s) => s.message.text.startsWith("Did you"))).toHaveLength(0);
    const next = await t.person((await t.latest()).colleague);
    expect(next.key).not.toBe(met.key);
    expect(next.department).not.toBe(met.department);
    expect(["BR", met.country]).not.toContain(next.country);
  });

  it("lets an unanswered request lapse after a working week of the colleague, without a reminder", async () => {
    const t = await createIntroHarness();
    await t.tickAt(TUESDAY);
    const { intro, colleague } = await t.latest();
    for (let day = 1; day <= 7; day++) {
      await t.tickAt(new Date(Date.parse(TUESDAY) + day * 86_400_000 + 60_000).toISOString());
    }
    expect((await t.store.introductions.get(t.workspace.id, intro.id))?.status).toBe("declined");
    expect(t.sentTo(colleague)).toHaveLength(1);
    expect((await t.store.audit.list(t.workspace.id)).map((a) => a.action)).toContain("introduction.lapse");
    expect((await t.latest()).colleague).not.toBe(colleague);
    expect(await t.press(colleague, "intro.accept", intro.id)).toContain("This request has closed");
    // Nobody said no: the internship page says the request lapsed; the report claims no decline either.
    const ship = await t.internship("ana-2026");
    const now = t.clock.now();
    const page = await buildInternshipPage(t.store, t.workspace.id, ship.id, ["coordinator"], now);
    const name = (await t.person(colleague)).name;
    expect(page!.introductions.find((i) => i.colleague === name)?.status).toBe("lapsed");
    const report = renderMarkdown((await summarizeWholeInternship(t.store, t.workspace.id, ship.id, now))!);
    expect(report).not.toContain("declined");
  });

  it("keeps to each colleague's monthly capacity across interns", async () => {
    const programme = introProgramme(["dries", "sofie"]);
    programme.people = programme.people.map((p) =>
      p.key === "dries" || p.key === "sofie" ? { ...p, introCapacity: 1 } : p,
    );
    programme.internships = [
      ...programme.internships!,
      { key: "ben-2026", intern: "ben", supervisor: "bram", start: "2026-11-01", end: "2027-03-31" },
      { key: "carla-2026", intern: "carla", supervisor: "bram", start: "2026-11-01", end: "2027-03-31" },
    ];
    const t = await createIntroHarness(programme);
    const all = async () => {
      const found = [];
      for (const k of ["ana-2026", "ben-2026", "carla-2026"]) found.push(...(await t.intros(k)));
      return found;
    };
    // Every colleague says yes to every request, for some weeks from a start date.
    const month = async (start: string, days: number) => {
      for (let day = 0; day < days; day++) {
        await t.tickAt(new Date(Date.parse(start) + day * 86_400_000).toISOString());
        for (const intro of (await all()).filter((i) => i.status === "proposed")) {
          await t.press(
            (await t.store.people.get(t.workspace.id, intro.colleagueId))!.key,
            "intro.accept",
            intro.id,
          );
        }
      }
    };
    await month(TUESDAY, 28);
    const december = await all();
    expect(december).toHaveLength(2);
    expect(new Set(december.map((i) => i.colleagueId)).size).toBe(2);
    await month("2027-01-05T13:00:00Z", 24);
    const january = (await all()).filter((i) => i.proposedAt >= new Date("2027-01-01T00:00:00Z"));
    expect(january.length).toBeGreaterThan(0);
    expect(january.length).toBeLessThanOrEqual(2);
    expect(new Set(january.map((i) => i.colleagueId)).size).toBe(january.length);
  });

  it("asks nobody when the only colleagues share no working hour with the intern", async () => {
    const t = await createIntroHarness(introProgramme(["kenji"]));
    for (let day = 0; day < 10; day++)
      await t.tickAt(new Date(Date.parse(TUESDAY) + day * 86_400_000).toISOString());
    expect(await t.intros()).toEqual([]);
    expect(t.platform.sent).toEqual([]);
  });

  it("opts colleagues in and out, with an audit entry; an intern cannot opt in", async () => {
    const t = await createIntroHarness();
    expect(await t.command("piet", { name: "intro.optin" })).toContain(
      "Tandem may ask you to meet an intern (at most 2 introductions a month",
    );
    expect(await t.store.people.isColleague((await t.person("piet")).id)).toBe(true);
    expect(await t.command("piet", { name: "intro.optin" })).toContain("You already meet interns");
    expect(await t.command("ana", { name: "intro.optin" })).toContain("You are an intern here");
    expect(await t.store.people.isColleague((await t.person("ana")).id)).toBe(false);
    expect(await t.command("piet", { name: "intro.status" })).toContain("You meet interns");

    await t.tickAt(TUESDAY);
    const { intro, colleague } = await t.latest();
    expect(await t.command(colleague, { name: "intro.optout" })).toContain("1 open request to you closed");
    expect(await t.store.people.isColleague((await t.person(colleague)).id)).toBe(false);
    expect((await t.store.introductions.get(t.workspace.id, intro.id))?.status).toBe("declined");
    expect(await t.command(colleague, { name: "intro.optout" })).toContain("You are not on the list");
    const actions = (await t.store.audit.list(t.workspace.id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["intro.optin", "intro.optout"]));
  });

  it("refuses buttons from people outside the introduction, and unknown ones", async () => {
    const t = await createIntroHarness();
    await t.tickAt(TUESDAY);
    const { intro, colleague } = await t.latest();
    const name = (await t.person(colleague)).name.split(" ")[0];
    expect(await t.press("ana", "intro.accept", intro.id)).toBe(
      `This introduction is between Ana and ${name}. Only ${name} can say yes.`,
    );
    expect(await t.press("lena", "intro.met", intro.id)).toBe(
      `This introduction is between Ana and ${name}.`,
    );
    expect(await t.press(colleague, "intro.met", intro.id)).toContain("has not agreed to this introduction");
    expect(await t.press(colleague, "intro.explode", intro.id)).toContain("I don't know the button");
    expect(await t.press(colleague, "intro.accept", 9999)).toContain(
      "That button names no introduction I know",
    );
    expect((await t.store.introductions.get(t.workspace.id, intro.id))?.status).toBe("proposed");
  });
});

describe("group addresses", () => {
  it("are the same whatever the order and parse back into their users", () => {
    const address = groupAddress("slack", "T1", ["U2", "U1", "U2"]);
    expect(address).toBe("slack:T1:group:U1,U2");
    expect(parseAddress(address)).toEqual({
      platform: "slack",
      workspace: "T1",
      kind: "group",
      ids: ["U1", "U2"],
    });
    expect(parseAddress("slack:T1:user:U1")).toMatchObject({ kind: "user", id: "U1" });
    expect(parseAddress("slack:T1:group:")).toMatchObject({ kind: "other" });
  });

  it("are printed by the console with everyone's name", async () => {
    let text = "";
    const names: Record<string, string> = { ana: "Ana Souza", dries: "Dries Janssens" };
    const console = createConsolePlatform(
      {
        write: (chunk) => {
          text += chunk;
        },
      },
      async (id) => names[id] ?? id,
    );
    await console.send(groupAddress("console", "test", ["dries", "ana"]), { text: "Meet each other!" });
    expect(text).toContain("📨 to Ana Souza, Dries Janssens (group)\n  Meet each other!");
  });
});
