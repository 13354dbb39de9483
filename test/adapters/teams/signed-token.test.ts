/**
 * Authentication on, end to end over loopback: a request the channel signed with a key its OpenID
 * metadata publishes reaches Tandem; the same request signed with another key does not.
 */
import { generateKeyPairSync } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { createTeamsPlatform } from "../../../adapters/teams/teams-platform.js";
import type { InboundEvent } from "../../../src/domain/messages.js";
import { createHttpServer, type HttpServer } from "../../../src/http-server.js";
import type { ChatPlatform } from "../../../src/ports/chat-platform.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import type { SqliteStore } from "../../../src/storage/sqlite-store.js";
import { type FakeBotConnector, startFakeBotConnector } from "../../fakes/bot-connector.js";
import { personalMessage } from "../../fakes/teams-activities.js";
import { startTeamsTokenIssuer, type TeamsTokenIssuer } from "../../fakes/teams-token-issuer.js";
import { captureLog } from "../../helpers/log-capture.js";
import { createTestStore } from "../../helpers/test-store.js";

const APP_ID = "00000000-0000-0000-0000-0000000000b0";
let issuer: TeamsTokenIssuer;
let fake: FakeBotConnector;
let store: SqliteStore;
let teams: ChatPlatform;
let http: HttpServer;
let base: string;
let received: InboundEvent[];
/** botbuilder's CloudAdapter prints each refused request with console.error; kept out of the test output. */
let sdkConsole: MockInstance;

beforeEach(async () => {
  issuer = await startTeamsTokenIssuer();
  fake = await startFakeBotConnector();
  store = createTestStore();
  const { log } = captureLog();
  teams = createTeamsPlatform(
    {
      appId: APP_ID,
      appPassword: "not-a-real-secret",
      appType: "MultiTenant",
      allowUnauthenticated: false,
      openIdMetadataUrl: issuer.metadataUrl,
    },
    { clock: createSettableClock(new Date("2026-12-01T12:00:00Z")), log, refs: store.platformRefs },
  );
  received = [];
  await teams.start(async (event) => {
    received.push(event);
    return undefined;
  });
  http = createHttpServer({ log, ready: () => true, health: () => ({ ok: true, checks: {} }) });
  for (const route of teams.routes) http.addRoute(route);
  base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
  sdkConsole = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(async () => {
  sdkConsole.mockRestore();
  await teams.stop();
  await http.close();
  store.close();
  await fake.close();
  await issuer.close();
});

const activity = () =>
  personalMessage({
    serviceUrl: fake.url,
    tenant: "tenant-1",
    from: { aad: "aad-ana", name: "Ana Souza" },
    text: "hello Tandem",
  });
const post = (body: unknown, token: string) =>
  fetch(`${base}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

describe("Teams with authentication on", () => {
  it("accepts a request signed by the channel's published key, for this app and serviceUrl", async () => {
    const response = await post(activity(), issuer.sign({ appId: APP_ID, serviceUrl: fake.url }));
    expect(response.status).toBe(200);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ kind: "message" });
    expect(store.platformRefs.get("teams", "tenant-1", "user", "aad-ana")).toBeDefined();
  });

  it("refuses the same request signed with another key, or for another app", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const forged = issuer.sign({ appId: APP_ID, serviceUrl: fake.url }, { key: privateKey });
    // botbuilder answers a bad signature with 500 (its verify error is not an AuthenticationError).
    expect((await post(activity(), forged)).status).toBeGreaterThanOrEqual(400);
    const otherApp = issuer.sign({ appId: "another-app", serviceUrl: fake.url });
    expect((await post(activity(), otherApp)).status).toBe(401);
    expect(received).toEqual([]);
  });
});
