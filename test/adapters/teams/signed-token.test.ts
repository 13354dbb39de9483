/**
 * Authentication on, end to end over loopback: a request the channel signed with a key its OpenID
 * metadata publishes reaches Tandem; the same request signed with another key does not.
 */
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
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
import { type CapturedLog, captureLog } from "../../helpers/log-capture.js";
import { createTestStore } from "../../helpers/test-store.js";

const APP_ID = "00000000-0000-0000-0000-0000000000b0";
let issuer: TeamsTokenIssuer;
let fake: FakeBotConnector;
let store: SqliteStore;
let teams: ChatPlatform;
let http: HttpServer;
let base: string;
let received: InboundEvent[];
let captured: CapturedLog;
/** botbuilder prints refused requests with console.error: Tandem routes them to its log instead. */
let sdkConsole: MockInstance;

async function startTeams(openIdMetadataUrl: string) {
  await teams?.stop();
  await http?.close();
  captured = captureLog();
  const { log } = captured;
  teams = createTeamsPlatform(
    {
      appId: APP_ID,
      appPassword: "not-a-real-secret",
      appType: "MultiTenant",
      allowUnauthenticated: false,
      openIdMetadataUrl,
    },
    { clock: createSettableClock(new Date("2026-12-01T12:00:00Z")), log, refs: store.platformRefs },
  );
  received = [];
  await teams.start(async (event) => {
    received.push(event);
    return undefined;
  });
  http = createHttpServer({ log, ready: async () => true, health: async () => ({ ok: true, checks: {} }) });
  for (const route of teams.routes) http.addRoute(route);
  base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
}

beforeEach(async () => {
  sdkConsole = vi.spyOn(console, "error").mockImplementation(() => {});
  issuer = await startTeamsTokenIssuer();
  fake = await startFakeBotConnector();
  store = createTestStore();
  await startTeams(issuer.metadataUrl);
});
afterEach(async () => {
  sdkConsole.mockRestore();
  await teams.stop();
  await http.close();
  await store.close();
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
    expect(await store.platformRefs.get("teams", "tenant-1", "user", "aad-ana")).toBeDefined();
  });

  it("refuses the same request signed with another key, or for another app", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const forged = issuer.sign({ appId: APP_ID, serviceUrl: fake.url }, { key: privateKey });
    // botbuilder alone answers a bad signature with 500 (its verify error is not an AuthenticationError).
    const bad = await post(activity(), forged);
    expect(bad.status).toBe(401);
    expect(await bad.text()).toBe("The request's token is not valid for this bot.");
    const otherApp = issuer.sign({ appId: "another-app", serviceUrl: fake.url });
    expect((await post(activity(), otherApp)).status).toBe(401);
    expect(received).toEqual([]);
    // botbuilder's console output went to Tandem's log, not to the console.
    expect(sdkConsole).not.toHaveBeenCalled();
    expect(captured.lines.some((l) => l.msg === "botbuilder reported a problem")).toBe(true);
  });

  it("answers a generic 503 when the signing keys cannot be fetched, and waits before fetching again", async () => {
    let fetches = 0;
    const down = createServer((_req, res) => {
      fetches += 1;
      res.writeHead(500);
      res.end("internal detail of the key host");
    });
    await new Promise<void>((resolve) => down.listen(0, "127.0.0.1", resolve));
    const downUrl = `http://127.0.0.1:${(down.address() as AddressInfo).port}/openidconfiguration`;
    try {
      for (const url of [downUrl, "http://127.0.0.1:9/openidconfiguration"]) {
        await startTeams(url);
        const token = issuer.sign({ appId: APP_ID, serviceUrl: fake.url });
        const first = await post(activity(), token);
        const text = await first.text();
        expect(first.status).toBe(503);
        expect(text).toBe("Tandem cannot check the request's token right now; try again later.");
        expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|Failed to load/);
        expect((await post(activity(), token)).status).toBe(503);
      }
      // The failed fetch was not repeated for the second request.
      expect(fetches).toBe(1);
      expect(received).toEqual([]);
      expect(sdkConsole).not.toHaveBeenCalled();
    } finally {
      await new Promise((resolve) => down.close(resolve));
    }
  });
});
