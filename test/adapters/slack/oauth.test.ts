import { afterEach, describe, expect, it } from "vitest";
import { createTokenVault } from "../../../adapters/slack/token-vault.js";
import type { Config } from "../../../src/config.js";
import { type Running, startService } from "../../../src/main.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import { openStore, type SqliteStore } from "../../../src/storage/sqlite-store.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../fakes/slack-api.js";
import {
  eventCallback,
  messageEvent,
  signedRequest,
  slackTs,
  slashCommandBody,
} from "../../fakes/slack-requests.js";
import { allowErrorLogs, captureLog, errorSaying } from "../../helpers/log-capture.js";
import { seededDatabase, tempDatabasePath } from "../../helpers/seeded-database.js";
import { createTerminal } from "../../helpers/streams.js";
import { eventually, SECRET, slackProgramme } from "./slack-harness.js";

const TOKEN_KEY = Buffer.alloc(32, 7).toString("base64");

let fake: FakeSlackApi | undefined;
let running: Running | undefined;
let peek: SqliteStore | undefined;

afterEach(async () => {
  await running?.stop();
  await peek?.close();
  await fake?.close();
  running = undefined;
  peek = undefined;
  fake = undefined;
});

/** Tandem with OAuth installs and no bot token; workspace T2 has a programme but is not installed yet. */
async function startOauthService(options: { before?: (databasePath: string) => void } = {}) {
  fake = await startFakeSlackApi({
    installs: { "code-T2": { team: "T2", token: "xoxb-t2-secret", botUserId: "UBOT2" } },
  });
  const clock = createSettableClock(new Date("2026-12-01T14:00:00Z"));
  const databasePath = await seededDatabase(
    [{ ...slackProgramme(), workspace: { platform: "slack", id: "T2" } }],
    clock.now(),
    tempDatabasePath("tandem-oauth"),
  );
  options.before?.(databasePath);
  const config: Config = {
    platforms: ["slack"],
    databasePath,
    port: 0,
    logLevel: "info",
    scheduler: false,
    slack: {
      mode: "http",
      signingSecret: SECRET,
      apiUrl: fake.url,
      oauth: {
        clientId: "123.456",
        clientSecret: "client-secret",
        stateSecret: "a-long-enough-state-secret",
        tokenKey: TOKEN_KEY,
      },
    },
    teams: { appType: "MultiTenant", allowUnauthenticated: false },
  };
  const log = captureLog();
  running = await startService(config, createTerminal(), { clock, log: log.log });
  peek = openStore(databasePath);
  const base = `http://127.0.0.1:${running.port}`;
  return { base, clock, fake, peek, log };
}

/** The install page's state and cookie, as a browser would carry them to the redirect. */
async function beginInstall(base: string) {
  const page = await fetch(`${base}/slack/install`, { redirect: "manual" });
  const html = await page.text();
  const state = /state=([^"&]+)/.exec(html)?.[1];
  const cookie = page.headers.get("set-cookie")?.split(";")[0];
  return { page, html, state, cookie };
}

describe("Slack OAuth installs", () => {
  it("installs a workspace, stores its bot token encrypted, and serves it with that token", async () => {
    const { base, clock, fake, peek } = await startOauthService();
    const install = await beginInstall(base);
    expect(install.page.status).toBe(200);
    expect(install.html).toContain("https://slack.com/oauth/v2/authorize?");
    expect(install.html).toContain("scope=app_mentions%3Aread%2Cchannels%3Ahistory");
    expect(install.state).toBeTruthy();

    const done = await fetch(`${base}/slack/oauth_redirect?code=code-T2&state=${install.state}`, {
      headers: { cookie: install.cookie ?? "" },
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Tandem is installed.");
    const sealed = await peek.installations.get("slack", "T2");
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain("xoxb-t2-secret");
    expect(peek.db.prepare("SELECT count(*) AS n FROM installations").get()).toEqual({ n: 1 });

    const command = await signedRequest(
      base,
      SECRET,
      slashCommandBody({ command: "/tandem", text: "status", user_id: "U0ANA", team_id: "T2" }),
      {
        contentType: "form",
        timestamp: clock.now(),
      },
    );
    expect(command.status).toBe(200);
    expect(await command.text()).toContain("You are Ana Souza");

    const dm = messageEvent({
      user: "U0ANA",
      channel: "D0ANA",
      channel_type: "im",
      text: "help",
      ts: slackTs(clock.now()),
    });
    await signedRequest(base, SECRET, eventCallback(dm, { team_id: "T2" }), {
      contentType: "json",
      timestamp: clock.now(),
    });
    const posted = await eventually(() =>
      fake.calls("chat.postMessage").find((c) => c.params.channel === "D0ANA"),
    );
    expect(posted.token).toBe("xoxb-t2-secret");
  });

  it("refuses a redirect whose state was not issued by this Tandem, and stores nothing", async () => {
    const { base, peek } = await startOauthService();
    allowErrorLogs(/^InvalidStateError: /);
    const forged = await fetch(`${base}/slack/oauth_redirect?code=code-T2&state=forged-state`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("could not be installed");
    expect(await peek.installations.get("slack", "T2")).toBeUndefined();
  });

  it("answers a workspace that never installed Tandem without crashing", async () => {
    const { base, clock } = await startOauthService();
    allowErrorLogs(errorSaying(/Tandem is not installed in Slack workspace T9/));
    const command = await signedRequest(
      base,
      SECRET,
      slashCommandBody({ command: "/tandem", text: "status", user_id: "U0ANA", team_id: "T9" }),
      {
        contentType: "form",
        timestamp: clock.now(),
      },
    );
    expect(command.status).toBeLessThan(500);
  });

  it("answers 5xx for a workspace whose installation cannot be decrypted, and names it at start", async () => {
    allowErrorLogs(/cannot be decrypted/, /installation cannot be read/, errorSaying(/cannot be decrypted/));
    const { base, clock, peek, log } = await startOauthService({
      before: async (databasePath) => {
        // Stored under another SLACK_TOKEN_KEY, as after the key was changed.
        const other = createTokenVault(Buffer.alloc(32, 9).toString("base64"));
        const store = openStore(databasePath);
        const installation = { team: { id: "T2" }, bot: { token: "xoxb-old", userId: "UBOT2" } };
        await store.installations.save("slack", "T2", other.seal(JSON.stringify(installation)), new Date());
        await store.close();
      },
    });
    const named = log.lines.find((l) => String(l.msg).includes("cannot be decrypted"));
    expect(named).toMatchObject({ workspaces: ["T2"] });

    const command = await signedRequest(
      base,
      SECRET,
      slashCommandBody({ command: "/tandem", text: "status", user_id: "U0ANA", team_id: "T2" }),
      { contentType: "form", timestamp: clock.now() },
    );
    expect(command.status).toBe(503);
    const dm = messageEvent({
      user: "U0ANA",
      channel: "D0ANA",
      channel_type: "im",
      text: "help",
      ts: slackTs(clock.now()),
    });
    const event = await signedRequest(
      base,
      SECRET,
      eventCallback(dm, { team_id: "T2", event_id: "Ev-unreadable" }),
      {
        contentType: "json",
        timestamp: clock.now(),
      },
    );
    expect(event.status).toBe(500);
    // Nothing was recorded, so Slack's retry (once the key is restored) is handled in full.
    expect(peek.db.prepare("SELECT count(*) AS n FROM inbound_events").get()).toEqual({ n: 0 });
  });
});
