/**
 * A group message in Teams goes to each member in turn; when a later member's send is throttled, the
 * outbox retries the row, and the retry must not send the earlier members a second copy.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTeamsPlatform } from "../../../adapters/teams/teams-platform.js";
import type { ChatPlatform } from "../../../src/ports/chat-platform.js";
import { createSettableClock, type SettableClock } from "../../../src/ports/clock.js";
import { createDispatcher, type Dispatcher } from "../../../src/services/dispatcher.js";
import type { SqliteStore } from "../../../src/storage/sqlite-store.js";
import { type FakeBotConnector, startFakeBotConnector } from "../../fakes/bot-connector.js";
import { BOT, personalConversationId, teamsUserId } from "../../fakes/teams-activities.js";
import { captureLog } from "../../helpers/log-capture.js";
import { createTestStore } from "../../helpers/test-store.js";

const TENANT = "tenant-1";
const T0 = new Date("2026-12-01T12:00:00Z");
const GROUP = `teams:${TENANT}:group:aad-ana,aad-bram,aad-olga`;
const chatOf = (key: string) => personalConversationId({ aad: `aad-${key}`, name: key });

let fake: FakeBotConnector;
let store: SqliteStore;
let clock: SettableClock;
let teams: ChatPlatform;
let dispatcher: Dispatcher;
let workspaceId: number;

/** What TurnContext.getConversationReference stores for a person's personal chat with Tandem. */
async function rememberPersonalChat(key: string) {
  const aad = `aad-${key}`;
  const reference = {
    user: { id: teamsUserId({ aad, name: key }), name: key, aadObjectId: aad },
    bot: BOT,
    conversation: { id: chatOf(key), conversationType: "personal", tenantId: TENANT },
    channelId: "msteams",
    serviceUrl: fake.url,
  };
  await store.platformRefs.save("teams", TENANT, "user", aad, JSON.stringify(reference), T0);
}

beforeEach(async () => {
  fake = await startFakeBotConnector();
  store = createTestStore(T0);
  clock = createSettableClock(T0);
  const { log } = captureLog();
  teams = createTeamsPlatform(
    { appType: "MultiTenant", allowUnauthenticated: true, sendTimeoutMs: 2_000 },
    { clock, log, refs: store.platformRefs },
  );
  await teams.start(async () => undefined);
  dispatcher = createDispatcher({ store, platforms: new Map([["teams", teams]]), clock, log });
  workspaceId = (await store.workspaces.ensure("teams", TENANT, "Tenant", T0)).id;
  for (const key of ["ana", "bram", "olga"]) await rememberPersonalChat(key);
});
afterEach(async () => {
  await teams.stop();
  await store.close();
  await fake.close();
});

describe("group messages in Teams", () => {
  it("gives each member one copy when a later member's send is throttled and the row is retried", async () => {
    await store.outbox.enqueue(
      {
        workspaceId,
        key: "intro:group:1",
        address: GROUP,
        payload: { text: "Meet each other" },
        notBefore: T0,
      },
      T0,
    );
    fake.failIn(chatOf("olga"), 1, 429, 5);

    const first = await dispatcher.dispatch(T0);
    expect(first.retried).toBe(1);
    expect(await store.outbox.get(workspaceId, "intro:group:1")).toMatchObject({
      status: "pending",
      deliveredTo: ["aad-ana", "aad-bram"],
    });

    const later = new Date(T0.getTime() + 10 * 60_000);
    clock.set(later);
    const second = await dispatcher.dispatch(later);
    expect(second.sent).toBe(1);
    expect((await store.outbox.get(workspaceId, "intro:group:1"))?.status).toBe("sent");
    expect(fake.activities(chatOf("ana"))).toHaveLength(1);
    expect(fake.activities(chatOf("bram"))).toHaveLength(1);
    expect(fake.activities(chatOf("olga"))).toHaveLength(1);
  });

  it("marks the row sent when every member already had their copy before a crash", async () => {
    await store.outbox.enqueue(
      {
        workspaceId,
        key: "intro:group:2",
        address: GROUP,
        payload: { text: "Meet each other" },
        notBefore: T0,
      },
      T0,
    );
    const row = (await store.outbox.get(workspaceId, "intro:group:2"))!;
    for (const member of ["aad-ana", "aad-bram", "aad-olga"])
      await store.outbox.markDelivered(row.id, member);

    const result = await dispatcher.dispatch(T0);
    expect(result.sent).toBe(1);
    expect(fake.activities()).toEqual([]);
  });
});
