/**
 * The Teams directory against the fake Bot Connector: names and time zones noted from real activities
 * posted to the platform's route, rosters read through TeamsInfo, chats started with team members.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTeamsPlatform } from "../../../adapters/teams/teams-platform.js";
import { AppError } from "../../../src/domain/errors.js";
import type { ChatPlatform } from "../../../src/ports/chat-platform.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import type { PlatformDirectory } from "../../../src/ports/platform-directory.js";
import { importProgramme } from "../../../src/services/programme/import-programme.js";
import type { SqliteStore } from "../../../src/storage/sqlite-store.js";
import { type FakeBotConnector, startFakeBotConnector } from "../../fakes/bot-connector.js";
import { channelMessage, personalMessage, type TeamsUser } from "../../fakes/teams-activities.js";
import type { RosterMember } from "../../fakes/teams-roster.js";
import { captureLog } from "../../helpers/log-capture.js";
import { createTestStore } from "../../helpers/test-store.js";

const TENANT = "tenant-1";
const TEAM = "19:team@thread.tacv2";
const HOME = "19:home@thread.tacv2";
const PEOPLE: RosterMember[] = [
  { aad: "aad-kenji", name: "Kenji Sato", email: "kenji@acme.example" },
  { aad: "aad-maya", name: "Maya Berg", email: "maya@acme.example" },
  {
    aad: "aad-guest",
    name: "Gus Guest",
    upn: "gus_partner.example#EXT#@acme.onmicrosoft.com",
    userRole: "guest",
  },
  { aad: "aad-outsider", name: "Out Sider", email: "out@acme.example" },
];
const maya: TeamsUser = { aad: "aad-maya", name: "Maya Berg" };
const kenji: TeamsUser = { aad: "aad-kenji", name: "Kenji Sato" };

let fake: FakeBotConnector;
let store: SqliteStore;
let teams: ChatPlatform;
let directory: PlatformDirectory;
let server: Server;
let endpoint: string;

beforeEach(async () => {
  fake = await startFakeBotConnector({
    roster: {
      tenant: TENANT,
      people: PEOPLE,
      teams: [
        {
          id: TEAM,
          members: ["aad-kenji", "aad-maya", "aad-guest"],
          channels: [{ id: HOME, name: "intern-kenji" }],
        },
      ],
    },
  });
  store = createTestStore();
  teams = createTeamsPlatform(
    { appType: "MultiTenant", allowUnauthenticated: true, sendTimeoutMs: 2_000 },
    {
      clock: createSettableClock(new Date("2026-12-01T12:00:00Z")),
      log: captureLog().log,
      refs: store.platformRefs,
    },
  );
  await teams.start(async () => undefined);
  directory = teams.directory!;
  server = createServer((req, res) => {
    void teams.routes[0]!(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
});
afterEach(async () => {
  await teams.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await store.close();
  await fake.close();
});

async function post(activity: object): Promise<void> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(activity),
  });
  expect(response.status).toBeLessThan(300);
}

/** Maya speaks in the team's home channel: Tandem learns the team (and the channel). */
const mayaInTeam = () =>
  post(
    channelMessage({
      serviceUrl: fake.url,
      tenant: TENANT,
      from: maya,
      channel: TEAM,
      team: TEAM,
      text: "hi",
      atBot: true,
    }),
  );

describe("Teams directory", () => {
  it("knows nobody before Tandem has heard from Teams", async () => {
    expect(await directory.person(TENANT, "aad-kenji")).toBeUndefined();
    expect(await directory.byEmail(TENANT, "kenji@acme.example")).toBeUndefined();
    expect(await directory.botInChannel(TENANT, HOME)).toEqual({ state: "not-found" });
  });

  it("takes a person's time zone from their activity's localTimezone, and their name and e-mail from the roster", async () => {
    await post({
      ...personalMessage({ serviceUrl: fake.url, tenant: TENANT, from: kenji, text: "help" }),
      localTimezone: "Asia/Tokyo",
    });
    expect(await directory.person(TENANT, "aad-kenji")).toEqual({
      userId: "aad-kenji",
      name: "Kenji Sato",
      timezone: "Asia/Tokyo",
      email: "kenji@acme.example",
      isAdmin: false,
      isOwner: false,
      isBot: false,
      deleted: false,
    });
    // Asked in Kenji's own chat with Tandem, by his AAD object id.
    expect(
      fake.calls.some(
        (c) => c.method === "GET" && c.path === "/v3/conversations/a:1aad-kenji/members/aad-kenji",
      ),
    ).toBe(true);
  });

  it("falls back to the clientInfo entity's time zone, and ignores one that is not a real zone", async () => {
    const at = { serviceUrl: fake.url, tenant: TENANT, from: kenji, text: "help" };
    await post({
      ...personalMessage(at),
      entities: [{ type: "clientInfo", timezone: "America/Sao_Paulo", locale: "pt-BR" }],
    });
    expect((await directory.person(TENANT, "aad-kenji"))?.timezone).toBe("America/Sao_Paulo");
    await post({ ...personalMessage(at), localTimezone: "Mars/Olympus" });
    expect((await directory.person(TENANT, "aad-kenji"))?.timezone).toBe("America/Sao_Paulo");
  });

  it("reads a team's roster once Tandem has heard from the team: people by id and by e-mail or UPN", async () => {
    await mayaInTeam();
    const found = await directory.person(TENANT, "aad-kenji");
    expect(found).toMatchObject({ name: "Kenji Sato", email: "kenji@acme.example" });
    expect(found).not.toHaveProperty("timezone");
    expect((await directory.byEmail(TENANT, "KENJI@acme.example"))?.userId).toBe("aad-kenji");
    expect((await directory.byEmail(TENANT, "gus_partner.example#ext#@acme.onmicrosoft.com"))?.userId).toBe(
      "aad-guest",
    );
    expect(await directory.byEmail(TENANT, "out@acme.example")).toBeUndefined();
    expect(await directory.person(TENANT, "aad-nobody")).toBeUndefined();
  });

  it("reads a roster larger than one page", async () => {
    const many = Array.from({ length: 620 }, (_, n) => ({
      aad: `aad-m${n}`,
      name: `Member ${n}`,
      email: `m${n}@acme.example`,
    }));
    fake.roster.people.push(...many);
    fake.roster.teams[0]!.members.push(...many.map((m) => m.aad));
    await mayaInTeam();
    expect((await directory.byEmail(TENANT, "m610@acme.example"))?.name).toBe("Member 610");
    expect(fake.calls.filter((c) => c.path.endsWith("/pagedmembers")).length).toBe(2);
  });

  it("can message someone with a chat, starts one with a team member, and says why it cannot reach others", async () => {
    await mayaInTeam();
    await post(personalMessage({ serviceUrl: fake.url, tenant: TENANT, from: maya, text: "help" }));
    expect(await directory.canMessage(TENANT, "aad-maya")).toEqual({ reachable: true });
    // Kenji never wrote to Tandem, but is in its team: a chat is started and kept for later sends.
    expect(await directory.canMessage(TENANT, "aad-kenji")).toEqual({ reachable: true });
    expect(fake.calls.filter((c) => c.method === "POST" && c.path === "/v3/conversations")).toHaveLength(1);
    await teams.send(`teams:${TENANT}:user:aad-kenji`, { text: "Welcome, Kenji" });
    expect(fake.activities("a:new-1").map((a) => a.activity.text)).toEqual(["Welcome, Kenji"]);
    expect(await directory.canMessage(TENANT, "aad-outsider")).toEqual({
      reachable: false,
      reason: "unknown-user",
    });
  });

  it("names someone it knows but cannot reach as not having installed Tandem", async () => {
    await post({ ...personalMessage({ serviceUrl: fake.url, tenant: TENANT, from: kenji, text: "help" }) });
    // Kenji's chat reference exists; Olga was only seen in passing and is in no team of Tandem's.
    const olga: TeamsUser = { aad: "aad-olga", name: "Olga Berg" };
    await post(
      channelMessage({
        serviceUrl: fake.url,
        tenant: TENANT,
        from: olga,
        channel: "19:other@thread.skype",
        team: "19:other@thread.skype",
        text: "hi",
        atBot: true,
      }),
    );
    expect(await directory.canMessage(TENANT, "aad-olga")).toEqual({
      reachable: false,
      reason: "not-installed",
    });
  });

  it("finds the bot in a channel of a team it is installed in, and then can post there", async () => {
    await mayaInTeam();
    expect(await directory.botInChannel(TENANT, HOME)).toEqual({ state: "member", name: "intern-kenji" });
    await teams.send(`teams:${TENANT}:conv:${HOME}`, { text: "The home channel works" });
    expect(fake.activities(HOME).map((a) => a.activity.text)).toEqual(["The home channel works"]);
    expect(await directory.botInChannel(TENANT, "19:elsewhere@thread.tacv2")).toEqual({ state: "not-found" });
  });

  it("reports a Bot Connector that fails as a retryable platform error", async () => {
    await mayaInTeam();
    fake.failNext(1, 502);
    const failure = await directory.person(TENANT, "aad-kenji").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).retryable).toBe(true);
  });

  it("lets a programme file give Teams people by e-mail: found in the team's roster, time zones from their messages", async () => {
    await post({
      ...channelMessage({
        serviceUrl: fake.url,
        tenant: TENANT,
        from: maya,
        channel: TEAM,
        team: TEAM,
        text: "hi",
        atBot: true,
      }),
      localTimezone: "Europe/Oslo",
    });
    const summary = await importProgramme(
      store,
      {
        workspace: { platform: "teams", id: TENANT },
        people: [
          { key: "maya", email: "maya@acme.example" },
          { key: "kenji", email: "kenji@acme.example", timezone: "Asia/Tokyo" },
        ],
        internships: [
          {
            key: "kenji-2026",
            intern: "kenji",
            supervisor: "maya",
            start: "2026-12-07",
            end: "2027-03-31",
            homeChannel: HOME,
          },
        ],
      },
      new Date("2026-12-01T12:00:00Z"),
      "test",
      { directory },
    );
    const ws = (await store.workspaces.find("teams", TENANT))!;
    expect(await store.people.byKey(ws.id, "maya")).toMatchObject({
      name: "Maya Berg",
      timezone: "Europe/Oslo",
      country: "NO",
      ids: { teams: "aad-maya" },
    });
    expect(await store.people.byKey(ws.id, "kenji")).toMatchObject({
      name: "Kenji Sato",
      timezone: "Asia/Tokyo",
      country: "JP",
      ids: { teams: "aad-kenji" },
    });
    // Both can be messaged (Kenji through a chat Tandem started), and Tandem is in the home channel.
    expect(summary.report.warnings).toEqual([]);
    expect(summary.report.pending).toEqual([]);
  });
});
