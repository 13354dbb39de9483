/** `setup` and `colleagues` through the real bot, with the playground's directory as the platform. */
import { describe, expect, it } from "vitest";
import { createConsoleDirectory } from "../../adapters/console/console-directory.js";
import { DEMO_WORKSPACE, demoProgramme } from "../../adapters/console/demo-programme.js";
import type { InboundEvent, Reply } from "../../src/domain/messages.js";
import type { Platform } from "../../src/domain/types.js";
import { createSettableClock } from "../../src/ports/clock.js";
import type { DirectoryPerson, PlatformDirectory } from "../../src/ports/platform-directory.js";
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
  const say = async (user: string, text: string) =>
    (await bot.handle({
      ...base,
      kind: "command",
      id: `e${++n}`,
      user,
      conversation: `console:demo:user:${user}`,
      text,
    }))!;
  const submit = async (user: string, action: string, value: string, form: Record<string, string>) =>
    (await bot.handle({
      ...base,
      kind: "action",
      id: `e${++n}`,
      user,
      conversation: `console:demo:user:${user}`,
      action,
      value,
      form,
    }))!;
  return { store, bot, clock, workspace, say, submit };
}

describe("setup in chat", () => {
  it("refuses someone who is not an admin, saying who can", async () => {
    const p = await playground();
    const answer = await p.say("ana", "setup");
    expect(answer.form).toBeUndefined();
    expect(answer.text).toMatch(
      /^Only the playground workspace's admins and owner and Tandem's programme admins can set up/,
    );
  });

  it("lets a workspace admin set up a new intern and supervisor picked from the platform, with the time zone's proposals", async () => {
    const p = await playground();
    const opened = await p.say("marc", "setup");
    expect(opened.form?.action).toBe("setup.submit");
    expect(opened.text).toMatch(/Names and time zones come from the playground/);

    const saved = await p.submit("marc", "setup.submit", opened.form!.value, FORM);
    expect(saved.formErrors).toBeUndefined();
    expect(saved.text).toMatch(
      /^Set up Kenji Sato's internship: Mon 7 Dec 2026 to Fri 26 Feb 2027, home channel #intern-kenji\./,
    );
    expect(saved.text).toContain(
      '- Intern: Kenji Sato (@kenji), time zone Asia/Tokyo from the playground; proposed from the time zone: country JP and contact hours Mon-Fri 09:00-17:00. Kenji can correct them with "my country" and "my hours".',
    );
    expect(saved.text).toContain(
      "- Supervisor: Olga Nowak (@olga), time zone Europe/Warsaw from the playground",
    );
    expect(saved.text).toContain('Next: "try checkin for @kenji"');

    const kenji = (await p.store.people.byKey(p.workspace.id, "kenji"))!;
    expect(kenji).toMatchObject({
      name: "Kenji Sato",
      timezone: "Asia/Tokyo",
      country: "JP",
      ids: { console: "kenji" },
    });
    const [internship] = (await p.store.internships.forPerson(p.workspace.id, kenji.id)).filter(
      (i) => i.internId === kenji.id,
    );
    expect(internship).toMatchObject({
      key: "kenji-2026",
      start: "2026-12-07",
      end: "2027-02-26",
      homeChannel: "intern-kenji",
    });
    expect((await p.store.agreements.currentTerms(internship!.id))?.checkIn.at).toBe("09:00");
    expect(await p.store.wakeups.get(internship!.id, "welcome")).toEqual(NOW);
    // Whoever set it up may now try it out: a programme admin, known to Tandem.
    expect(await p.store.programmeAdmins.list(p.workspace.id)).toEqual(["marc"]);
  });

  it("takes a coordinator outside the workspace by e-mail, reached by e-mail, and shows the address when edited", async () => {
    const p = await playground();
    const opened = await p.say("marc", "setup");
    const saved = await p.submit("marc", "setup.submit", opened.form!.value, {
      ...FORM,
      coordinatorEmail: "Lena.Vogel@Uni.example",
    });
    expect(saved.formErrors).toBeUndefined();
    expect(saved.text).toContain("Coordinator: Lena Vogel");
    const [coordinator] = await p.store.people.byEmail("lena.vogel@uni.example");
    expect(coordinator).toMatchObject({ name: "Lena Vogel", ids: {}, email: "lena.vogel@uni.example" });
    const kenji = (await p.store.people.byKey(p.workspace.id, "kenji"))!;
    const [internship] = await p.store.internships.forPerson(p.workspace.id, kenji.id);
    expect(internship?.coordinatorId).toBe(coordinator!.id);
    const edit = await p.say("marc", "setup for @kenji");
    expect(edit.form?.fields.find((f) => f.id === "coordinatorEmail")?.initial).toBe(
      "lena.vogel@uni.example",
    );
    // Saved again with the same address: the same person, not a second one.
    await p.submit("marc", "setup.submit", edit.form!.value, {
      ...FORM,
      coordinatorEmail: "lena.vogel@uni.example",
    });
    expect(await p.store.people.byEmail("lena.vogel@uni.example")).toHaveLength(1);
  });

  it("refuses a malformed coordinator address, or one given beside a picked coordinator", async () => {
    const p = await playground();
    const opened = await p.say("marc", "setup");
    const bad = await p.submit("marc", "setup.submit", opened.form!.value, {
      ...FORM,
      coordinatorEmail: "lena",
    });
    expect(bad.formErrors?.coordinatorEmail).toMatch(/^Give an e-mail address/);
    const both = await p.submit("marc", "setup.submit", opened.form!.value, {
      ...FORM,
      coordinator: "lena",
      coordinatorEmail: "lena@uni.example",
    });
    expect(both.formErrors?.coordinatorEmail).toMatch(/not both/);
    expect(await p.store.people.byEmail("lena@uni.example")).toEqual([]);
  });

  it("updates the same internship when the form is saved again, with a new agreement version only when terms changed", async () => {
    const p = await playground();
    const opened = await p.say("lena", "setup");
    await p.submit("lena", "setup.submit", opened.form!.value, FORM);
    const again = await p.submit("lena", "setup.submit", opened.form!.value, { ...FORM, end: "2027-03-05" });
    expect(again.text).toMatch(/^Updated Kenji Sato's internship: .* to Fri 5 Mar 2027/);
    expect(again.text).toContain("The agreement is unchanged.");
    expect(again.text).toContain("already known to Tandem, left as they were");
    const kenji = (await p.store.people.byKey(p.workspace.id, "kenji"))!;
    expect(
      (await p.store.internships.forPerson(p.workspace.id, kenji.id)).filter((i) => i.internId === kenji.id),
    ).toHaveLength(1);
  });

  it("opens the form of an intern's internship as it is with setup for @intern", async () => {
    const p = await playground();
    const opened = await p.say("marc", "setup for @ana");
    expect(opened.form?.title).toBe("Edit internship");
    const field = (id: string) => opened.form?.fields.find((f) => f.id === id);
    expect(field("intern")).toMatchObject({
      initial: "ana",
      choices: [{ value: "ana", label: "Ana Souza" }],
    });
    expect(field("supervisor")?.initial).toBe("bram");
    expect(JSON.parse(opened.form!.value)).toEqual({ edit: "ana-internship" });
    expect((await p.say("marc", "setup for @olga")).text).toMatch(/not an intern in any internship here/);
  });

  it("names people the platform does not know, bots and deactivated accounts at set-up, and saves nothing", async () => {
    const p = await playground();
    const opened = await p.say("marc", "setup");
    const refused = await p.submit("marc", "setup.submit", opened.form!.value, {
      ...FORM,
      intern: "nobody",
      supervisor: "helpbot",
      backup: "pieter",
    });
    expect(refused.formErrors).toEqual({
      intern: "The playground does not know this person in this workspace; pick them again.",
      supervisor: "Help Bot is a bot or app; pick a person.",
      backup: "Pieter Maes's account is deactivated; pick someone else.",
    });
    expect(refused.text).toMatch(/^Nothing was saved yet; please fix:\n- Intern: /);
    expect(await p.store.people.byKey(p.workspace.id, "olga")).toBeUndefined();
    expect(await p.store.programmeAdmins.list(p.workspace.id)).toEqual([]);
  });

  it("refuses a home channel Tandem cannot use", async () => {
    const p = await playground();
    const opened = await p.say("marc", "setup");
    const refused = await p.submit("marc", "setup.submit", opened.form!.value, {
      ...FORM,
      home: "Not A Channel!",
    });
    expect(refused.formErrors?.home).toBe("There is no such channel; use a name like intern-kenji.");
  });

  it("refuses a forged submission from someone who may not set up", async () => {
    const p = await playground();
    const refused = await p.submit("ana", "setup.submit", "{}", FORM);
    expect(refused.text).toMatch(/^Only /);
    expect(await p.store.people.byKey(p.workspace.id, "kenji")).toBeUndefined();
  });

  it("lets a programme admin set up, and names programme admins when refusing others", async () => {
    const p = await playground();
    await p.store.programmeAdmins.add(p.workspace.id, "rita", undefined, NOW);
    expect((await p.say("rita", "setup")).form).toBeDefined();
    expect((await p.say("tiago", "setup")).text).toContain("Tandem's programme admins are Rita Almeida.");
  });
});

describe("colleagues in chat", () => {
  it("shows the colleagues in a picker, adds and removes them, and asks nobody anything yet", async () => {
    const p = await playground();
    const opened = await p.say("marc", "colleagues");
    const field = opened.form!.fields[0]!;
    expect(field).toMatchObject({
      id: "colleagues",
      kind: "users",
      initial: "dries,ines,sofie,tiago,marc,rita",
    });
    const saved = await p.submit("marc", "colleagues.submit", "", {
      colleagues: "dries,ines,sofie,tiago,marc,kenji",
    });
    expect(saved.text).toBe(
      "Added Kenji Sato: each is asked first, with their first introduction request. Removed Rita Almeida: no more introduction requests for them. 6 colleagues now meet interns.",
    );
    const colleagues = (await p.store.people.colleagues(p.workspace.id)).map((c) => c.key);
    expect(colleagues.sort()).toEqual(["dries", "ines", "kenji", "marc", "sofie", "tiago"]);
  });

  it("refuses a colleague the platform does not know", async () => {
    const p = await playground();
    const refused = await p.submit("marc", "colleagues.submit", "", { colleagues: "dries,ghost" });
    expect(refused.formErrors?.colleagues).toMatch(/does not know this person.*\(ghost\)/);
  });

  it("is for admins only", async () => {
    const p = await playground();
    expect((await p.say("kenji", "colleagues")).text).toMatch(/^Only /);
  });
});

describe("programme admins in chat", () => {
  it("lists them for anyone, lets an admin add and remove one, and refuses others", async () => {
    const p = await playground();
    expect((await p.say("ana", "admins")).text).toBe(
      "This workspace has no programme admins yet. Besides them, the playground workspace's admins and owner can set up internships. Whoever sets up an internship becomes one.",
    );
    expect((await p.say("ana", "admins add @rita")).text).toMatch(/^Only /);
    expect((await p.say("marc", "admins add @kenji")).text).toBe(
      "Kenji Sato is now a programme admin: they can set up internships and choose colleagues.",
    );
    // Added in the same instant: listed by id.
    expect(await p.store.programmeAdmins.list(p.workspace.id)).toEqual(["kenji", "marc"]);
    expect((await p.say("kenji", "setup")).form).toBeDefined();
    expect((await p.say("ana", "admins")).text).toContain(
      "Tandem's programme admins here: Kenji Sato and Marc Dubois.",
    );
    expect((await p.say("kenji", "admins remove @marc")).text).toBe(
      "Marc Dubois is no longer a programme admin.",
    );
    expect((await p.say("kenji", "admins remove @marc")).text).toMatch(/is not a programme admin/);
    expect((await p.say("marc", "admins add @ghost")).text).toMatch(/does not know @ghost/);
    expect((await p.say("marc", "admins add")).text).toMatch(/admins add needs the person/);
  });
});

/** A Teams-like directory: it knows its members, but names no admins (Teams does not tell a bot). */
function teamsDirectory(members: DirectoryPerson[]): PlatformDirectory {
  return {
    platform: "teams",
    person: async (_ws, id) => members.find((m) => m.userId === id),
    byEmail: async () => undefined,
    canMessage: async (_ws, id) =>
      id === "aad-far" ? { reachable: false, reason: "not-installed" } : { reachable: true },
    botInChannel: async (_ws, channel) =>
      channel.startsWith("19:") ? { state: "member", name: "Interns" } : { state: "not-found" },
  };
}

const member = (userId: string, name: string, timezone?: string): DirectoryPerson => ({
  userId,
  name,
  ...(timezone ? { timezone } : {}),
  isAdmin: false,
  isOwner: false,
  isBot: false,
  deleted: false,
});

describe("setup on Teams", () => {
  async function teams() {
    const clock = createSettableClock(NOW);
    const store = await openTestStore(undefined, { now: NOW });
    const members = [
      member("aad-hr", "Hana Ruiz", "Europe/Madrid"),
      member("aad-kenji", "Kenji Sato", "Asia/Tokyo"),
      member("aad-olga", "Olga Nowak", "Europe/Warsaw"),
      member("aad-far", "Farid Haddad"),
      member("aad-other", "Otto Berg", "Europe/Oslo"),
    ];
    const directory = teamsDirectory(members);
    const bot = createBot({
      store,
      clock,
      log: captureLog().log,
      directories: new Map([["teams" as Platform, directory]]),
    });
    const event = (user: string, conversation: string, extra: Partial<InboundEvent>) =>
      ({
        platform: "teams",
        workspace: "tenant-1",
        at: NOW,
        id: `t${++n}`,
        user,
        conversation,
        ...extra,
      }) as InboundEvent;
    const handle = async (e: InboundEvent) => (await bot.handle(e)) as Reply;
    return { store, handle, event, members };
  }

  it("makes the first person to set up in a fresh workspace its programme admin; the home is the channel typed in", async () => {
    const t = await teams();
    const channel = "teams:tenant-1:conv:19:interns@thread.tacv2";
    const opened = await t.handle(t.event("aad-hr", channel, { kind: "command", text: "setup" }));
    expect(opened.form?.fields.some((f) => f.id === "home")).toBe(false);
    expect(opened.text).toContain("The home channel is this channel.");
    const saved = await t.handle(
      t.event("aad-hr", "teams:tenant-1:user:aad-hr", {
        kind: "action",
        action: "setup.submit",
        value: opened.form!.value,
        form: { ...FORM, intern: "aad-kenji", supervisor: "aad-olga", backup: "aad-far", home: "" },
      }),
    );
    expect(saved.text).toContain("home channel #Interns");
    expect(saved.text).toContain("You are this workspace's first programme admin");
    expect(saved.text).toContain(
      "- Backup supervisor: Farid Haddad (@farid), time zone Europe/Madrid assumed (Teams does not say theirs yet)",
    );
    expect(saved.text).toContain(
      "Tandem cannot message Farid Haddad yet: ask them to add the Tandem app in Teams",
    );
    const ws = (await t.store.workspaces.find("teams", "tenant-1"))!;
    expect(await t.store.programmeAdmins.list(ws.id)).toEqual(["aad-hr"]);
    expect((await t.store.internships.list(ws.id))[0]?.homeChannel).toBe("19:interns@thread.tacv2");

    const other = await t.handle(t.event("aad-other", channel, { kind: "command", text: "setup" }));
    expect(other.text).toBe(
      "Only Tandem's programme admins can set up internships and choose colleagues. Tandem's programme admins are Hana Ruiz. Ask one of them to do it, or to make you a programme admin.",
    );
  });

  it("replaces a time zone it had to assume with the person's own when they first write, telling them once and keeping their hours and country", async () => {
    const t = await teams();
    const opened = await t.handle(
      t.event("aad-hr", "teams:tenant-1:user:aad-hr", { kind: "command", text: "setup" }),
    );
    await t.handle(
      t.event("aad-hr", "teams:tenant-1:user:aad-hr", {
        kind: "action",
        action: "setup.submit",
        value: opened.form!.value,
        form: { ...FORM, intern: "aad-kenji", supervisor: "aad-olga", backup: "aad-far", home: "" },
      }),
    );
    const ws = (await t.store.workspaces.find("teams", "tenant-1"))!;
    const before = (await t.store.people.byKey(ws.id, "farid"))!;
    expect(before).toMatchObject({ timezone: "Europe/Madrid", country: "ES" });
    const dm = (user: string, timezone: string) =>
      t.event(user, `teams:tenant-1:user:${user}`, {
        kind: "message",
        text: "status",
        messageRef: `m${n}`,
        mentions: [],
        asks: false,
        isDirect: true,
        fromBot: false,
        timezone,
      });

    await t.handle(dm("aad-far", "America/Sao_Paulo"));
    const farid = (await t.store.people.byKey(ws.id, "farid"))!;
    expect(farid).toMatchObject({
      timezone: "America/Sao_Paulo",
      country: "ES",
      contactHours: before.contactHours,
    });
    const notice = await t.store.outbox.get(ws.id, `zone-learnt:${farid.id}:America/Sao_Paulo`);
    expect(notice?.payload.text).toBe(
      `Tandem now uses your time zone from Teams, America/Sao_Paulo: when you were set up it could only assume Europe/Madrid. Your contact hours stay ${before.contactHours}, now in America/Sao_Paulo; your public holidays stay those of ES. If either is wrong, correct it with e.g. my hours Mon-Fri 09:00-17:00 or my country BR SP.`,
    );

    // Known now: a later zone (a trip) changes nothing, and nobody is told again.
    await t.handle(dm("aad-far", "Asia/Dubai"));
    expect((await t.store.people.byKey(ws.id, "farid"))!.timezone).toBe("America/Sao_Paulo");
    expect(await t.store.outbox.withPrefix(ws.id, `zone-learnt:${farid.id}:`)).toHaveLength(1);
    // A zone Teams gave at set-up was never assumed: it stays.
    await t.handle(dm("aad-olga", "Europe/Berlin"));
    expect((await t.store.people.byKey(ws.id, "olga"))!.timezone).toBe("Europe/Warsaw");
  });

  it("takes a person's own time zone when set-up runs again after Teams learnt it, the notice waiting for their hours", async () => {
    const t = await teams();
    const setUp = async () => {
      const opened = await t.handle(
        t.event("aad-hr", "teams:tenant-1:user:aad-hr", { kind: "command", text: "setup" }),
      );
      return await t.handle(
        t.event("aad-hr", "teams:tenant-1:user:aad-hr", {
          kind: "action",
          action: "setup.submit",
          value: opened.form!.value,
          form: { ...FORM, intern: "aad-kenji", supervisor: "aad-olga", backup: "aad-far", home: "" },
        }),
      );
    };
    await setUp();
    const ws = (await t.store.workspaces.find("teams", "tenant-1"))!;
    expect((await t.store.people.byKey(ws.id, "farid"))!.timezone).toBe("Europe/Madrid");
    // Farid wrote somewhere Tandem saw (a reaction, a channel): Teams now says his zone.
    t.members[3] = member("aad-far", "Farid Haddad", "Africa/Cairo");
    await setUp();
    const farid = (await t.store.people.byKey(ws.id, "farid"))!;
    expect(farid.timezone).toBe("Africa/Cairo");
    const notice = await t.store.outbox.get(ws.id, `zone-learnt:${farid.id}:Africa/Cairo`);
    expect(notice?.recipientId).toBe(farid.id);
  });

  it("keeps the last programme admin, as Teams names no admins of its own", async () => {
    const t = await teams();
    const chat = "teams:tenant-1:user:aad-hr";
    await t.handle(t.event("aad-hr", chat, { kind: "command", text: "admins add <@aad-olga>" }));
    expect(
      (await t.handle(t.event("aad-hr", chat, { kind: "command", text: "admins remove <@aad-olga>" }))).text,
    ).toBe("Olga Nowak is no longer a programme admin.");
    expect(
      (await t.handle(t.event("aad-hr", chat, { kind: "command", text: "admins remove <@aad-hr>" }))).text,
    ).toMatch(/^Hana Ruiz is the last programme admin here/);
  });

  it("says in a personal chat that the internship gets no home channel there", async () => {
    const t = await teams();
    const opened = await t.handle(
      t.event("aad-hr", "teams:tenant-1:user:aad-hr", { kind: "command", text: "setup" }),
    );
    expect(opened.text).toMatch(/Typed here, the internship gets no home channel/);
  });
});
