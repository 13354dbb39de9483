/**
 * The forgiving programme file, checked against the fake Slack Web API through the real Slack
 * directory: people by e-mail, names and time zones from users.info, country and hours proposed,
 * wrong ids refused before anything is written, checks the platform can answer reported at once, and
 * a person not on Slack yet linked when they first write to Tandem.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackPlatform } from "../../adapters/slack/slack-platform.js";
import { AppError } from "../../src/domain/errors.js";
import { createSettableClock } from "../../src/ports/clock.js";
import type { PlatformDirectory } from "../../src/ports/platform-directory.js";
import { createBot } from "../../src/services/bot.js";
import { exportProgramme } from "../../src/services/programme/export-programme.js";
import { importProgramme } from "../../src/services/programme/import-programme.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { type FakeSlackApi, startFakeSlackApi } from "../fakes/slack-api.js";
import type { FakeSlackUser } from "../fakes/slack-directory.js";
import { captureLog } from "../helpers/log-capture.js";
import { openTestStore, type TestStore } from "../helpers/test-store.js";

const T0 = new Date("2026-11-30T12:00:00Z");
const MEMBERS: FakeSlackUser[] = [
  { id: "U0ANA", name: "ana", real_name: "Ana Souza", tz: "America/Sao_Paulo", email: "ana@acme.example" },
  {
    id: "U0BRAM",
    name: "bram",
    real_name: "Bram Peeters",
    tz: "Europe/Brussels",
    email: "bram@acme.example",
  },
  { id: "U0GONE", name: "gone", real_name: "Gone Away", tz: "Europe/Brussels", deleted: true },
  { id: "U0UTC", name: "utc", real_name: "Una Tee", tz: "UTC", email: "una@acme.example" },
];
const CHANNELS = [
  { id: "C0HOME", name: "intern-ana", members: ["U0ANA", "UBOT"] },
  { id: "C0NOBOT", name: "intern-kenji", members: ["U0ANA"] },
];

let fake: FakeSlackApi;
let store: TestStore;
let directory: PlatformDirectory;

beforeEach(async () => {
  fake = await startFakeSlackApi({ users: [...MEMBERS], channels: CHANNELS });
  store = await openTestStore(undefined, { now: T0 });
  const slack = createSlackPlatform(
    {
      auth: { kind: "token", botToken: "xoxb-test" },
      connection: { mode: "http", signingSecret: "secret" },
      apiUrl: fake.url,
      timeoutMs: 2_000,
    },
    { clock: createSettableClock(T0), log: captureLog().log },
  );
  directory = slack.directory!;
});
afterEach(async () => {
  await store.close();
  await fake.close();
});

/** Ana by e-mail only, Bram by id only, Kenji by e-mail before his account exists. */
function programme(overrides: Partial<ProgrammeInput> = {}): ProgrammeInput {
  return {
    workspace: { platform: "slack", id: "T1" },
    people: [
      { key: "ana", email: "Ana@Acme.example" },
      { key: "bram", ids: { slack: "U0BRAM" }, contactHours: "Mon-Thu 08:00-16:00" },
      { key: "kenji", email: "kenji@acme.example", name: "Kenji Sato", timezone: "Asia/Tokyo" },
    ],
    internships: [
      {
        key: "ana-2026",
        intern: "ana",
        supervisor: "bram",
        start: "2026-12-01",
        end: "2027-03-31",
        homeChannel: "C0HOME",
      },
      {
        key: "kenji-2026",
        intern: "kenji",
        supervisor: "bram",
        start: "2026-12-07",
        end: "2027-03-31",
        homeChannel: "C0NOBOT",
      },
    ],
    ...overrides,
  };
}

async function refusal(raw: unknown): Promise<string> {
  const error = await importProgramme(store, raw, T0, "test", { directory }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect(await store.workspaces.isEmpty()).toBe(true);
  return (error as AppError).message;
}

describe("importing a programme with the platform's help", () => {
  it("resolves e-mail through users.lookupByEmail and fills names and time zones from users.info", async () => {
    const summary = await importProgramme(store, programme(), T0, "test", { directory });
    expect(fake.calls("users.lookupByEmail").map((c) => c.params.email)).toEqual([
      "ana@acme.example",
      "kenji@acme.example",
    ]);
    const ws = (await store.workspaces.find("slack", "T1"))!;
    expect(await store.people.byKey(ws.id, "ana")).toMatchObject({
      name: "Ana Souza",
      timezone: "America/Sao_Paulo",
      country: "BR",
      contactHours: "Mon-Fri 09:00-17:00",
      ids: { slack: "U0ANA" },
    });
    // What the file gave wins over what would be proposed.
    expect(await store.people.byKey(ws.id, "bram")).toMatchObject({
      name: "Bram Peeters",
      country: "BE",
      contactHours: "Mon-Thu 08:00-16:00",
    });
    expect(summary.report.checkedWith).toBe("slack");
    expect(summary.report.notes).toEqual(
      expect.arrayContaining([
        "people[0] (ana): ana@acme.example is Slack member U0ANA",
        "people[0] (ana): name and time zone America/Sao_Paulo from Slack",
        "people[0] (ana): country BR and contact hours Mon-Fri 09:00-17:00 proposed from the time zone America/Sao_Paulo: correct it in the file, or the person types my country / my hours",
        "people[1] (bram): country BE proposed from the time zone Europe/Brussels: correct it in the file, or the person types my country / my hours",
      ]),
    );
  });

  it("keeps someone nobody on Slack has yet pending, and says so with the channel Tandem is not in", async () => {
    const summary = await importProgramme(store, programme(), T0, "test", { directory });
    expect(summary.report.pending).toEqual(["kenji"]);
    expect(summary.report.warnings).toEqual([
      "people[2] (kenji): no Slack member has kenji@acme.example yet: kept pending (written to by e-mail meanwhile, when SMTP_URL is set), and linked when they first write to Tandem",
      "internships[1] (kenji-2026).homeChannel: Tandem is not in #intern-kenji: type /invite @Tandem in it",
    ]);
    const ws = (await store.workspaces.find("slack", "T1"))!;
    expect((await store.people.byKey(ws.id, "kenji"))?.ids).toEqual({});
    // The export gives the address back, so export -> import stays a no-op.
    const exported = await exportProgramme(store, "slack", "T1");
    expect(exported.people.find((p) => p.key === "kenji")).toMatchObject({ email: "kenji@acme.example" });
    const again = await importProgramme(store, exported, T0, "test", { directory });
    expect(again.people).toEqual({ created: 0, updated: 0, unchanged: 3 });
  });

  it("links a pending person when they first write to Tandem, and wakes their internship for the welcome", async () => {
    await importProgramme(store, programme(), T0, "test", { directory });
    const ws = (await store.workspaces.find("slack", "T1"))!;
    const bot = createBot({
      store,
      clock: createSettableClock(T0),
      log: captureLog().log,
      directories: new Map([["slack", directory]]),
    });
    const say = async (user: string) =>
      (
        await bot.handle({
          kind: "command",
          id: `e-${user}-${Math.random()}`,
          platform: "slack",
          workspace: "T1",
          user,
          conversation: `slack:T1:user:${user}`,
          at: T0,
          text: "status",
        })
      )?.text ?? "";
    // A stranger stays a stranger.
    expect(await say("U0STRANGER")).toMatch(/don't know you/);
    // Kenji's account is created on Slack; his first command links him.
    fake.directory.users.push({
      id: "U0KENJI",
      name: "kenji",
      real_name: "Kenji S.",
      tz: "Asia/Tokyo",
      email: "kenji@acme.example",
    });
    expect(await say("U0KENJI")).not.toMatch(/don't know you/);
    const kenji = (await store.people.byKey(ws.id, "kenji"))!;
    expect(kenji.ids).toEqual({ slack: "U0KENJI" });
    expect(kenji.name).toBe("Kenji Sato");
    const internship = (await store.internships.byKey(ws.id, "kenji-2026"))!;
    expect(await store.wakeups.due("welcome", T0, 10)).toContainEqual({
      workspaceId: ws.id,
      internshipId: internship.id,
    });
    // A re-import of the same file (e-mail only) keeps the link.
    await importProgramme(store, programme(), T0, "test");
    expect((await store.people.byKey(ws.id, "kenji"))?.ids).toEqual({ slack: "U0KENJI" });
  });

  it("refuses ids Slack does not know and ids of the wrong shape, naming the field, before writing anything", async () => {
    const unknown = await refusal(
      programme({ people: [...programme().people.slice(0, 2), { key: "kenji", ids: { slack: "U0NOPE" } }] }),
    );
    expect(unknown).toContain("people[2] (kenji).ids.slack: Slack has no member U0NOPE in this workspace");
    const asked = fake.calls("users.info").length;
    const shapes = await refusal(
      programme({
        people: [
          { key: "ana", ids: { slack: "ana@acme.example" } },
          { key: "bram", ids: { slack: "U0BRAM" } },
          { key: "kenji", ids: { slack: "@kenji" } },
        ],
        internships: [
          {
            key: "ana-2026",
            intern: "ana",
            supervisor: "bram",
            start: "2026-12-01",
            end: "2027-03-31",
            homeChannel: "#intern-ana",
          },
        ],
      }),
    );
    expect(shapes).toContain(
      'people[0] (ana).ids.slack: "ana@acme.example" is an e-mail address; write it as email: ana@acme.example',
    );
    expect(shapes).toContain('people[2] (kenji).ids.slack: "@kenji" is a mention or a display name');
    expect(shapes).toContain(
      'internships[0] (ana-2026).homeChannel: "#intern-ana" is a channel name; Tandem needs the channel\'s id',
    );
    expect(shapes).toContain("Copy member ID");
    // Shapes are checked before Slack is asked.
    expect(fake.calls("users.info")).toHaveLength(asked);
  });

  it("names a field nobody can fill: a pending person's time zone, a country for a UTC member", async () => {
    const message = await refusal(
      programme({
        people: [
          { key: "ana", email: "ana@acme.example" },
          { key: "bram", ids: { slack: "U0UTC" } },
          { key: "kenji", email: "kenji@acme.example", name: "Kenji Sato" },
        ],
        internships: [],
      }),
    );
    expect(message).toContain("people[1] (bram).country: is required: UTC belongs to no country");
    expect(message).toContain(
      "people[2] (kenji).timezone: is required while nobody has kenji@acme.example on the platform",
    );
  });

  it("warns about someone Tandem cannot message, and still imports", async () => {
    const summary = await importProgramme(
      store,
      programme({ people: [...programme().people.slice(0, 2), { key: "kenji", ids: { slack: "U0GONE" } }] }),
      T0,
      "test",
      { directory },
    );
    expect(summary.report.warnings).toContain(
      "people[2] (kenji): this account is deactivated: Tandem cannot message it",
    );
    expect(summary.people.created).toBe(3);
  });

  it("without the platform, needs the time zone in the file but keeps people by e-mail pending", async () => {
    const error = await importProgramme(store, programme(), T0).catch((e: unknown) => e);
    expect((error as AppError).message).toContain(
      "people[1] (bram).timezone: is required: Tandem could not ask Slack for it",
    );
    const given = { key: "ana", email: "ana@acme.example", name: "Ana", timezone: "America/Sao_Paulo" };
    const bram = { key: "bram", ids: { slack: "U0BRAM" }, name: "Bram", timezone: "Europe/Brussels" };
    const offline = await importProgramme(
      store,
      programme({ people: [given, bram, programme().people[2]!] }),
      T0,
    );
    expect(offline.report.pending).toEqual(["ana", "kenji"]);
    expect(offline.report.checkedWith).toBeUndefined();
    expect(fake.calls()).toHaveLength(0);
  });
});
