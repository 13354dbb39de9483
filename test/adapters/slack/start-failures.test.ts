/**
 * Start-up against a Slack that refuses, cannot be reached, hangs or is down: a refused token is a
 * setting to change; anything else is a network failure and must not send the operator after tokens.
 */
import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createSlackPlatform, type SlackConnection } from "../../../adapters/slack/slack-platform.js";
import { type AppError, isAppError } from "../../../src/domain/errors.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../fakes/slack-api.js";
import { captureLog } from "../../helpers/log-capture.js";
import { freePort } from "../../reliability/child.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function slackAt(apiUrl: string, connection: SlackConnection = { mode: "http", signingSecret: "s" }) {
  const log = captureLog();
  // Slack's Socket Mode client logs its own failure before Tandem explains it.
  log.allowErrors(/^Failed to retrieve a new WSS URL/);
  return createSlackPlatform(
    { auth: { kind: "token", botToken: "xoxb-test" }, connection, apiUrl, timeoutMs: 300 },
    { clock: createSettableClock(new Date("2026-12-01T12:00:00Z")), log: log.log },
  );
}

async function startError(apiUrl: string, connection?: SlackConnection): Promise<AppError> {
  const slack = slackAt(apiUrl, connection);
  closers.push(() => slack.stop());
  try {
    await slack.start(async () => undefined);
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected the start to fail");
}

/** An HTTP server on loopback that answers every request with `answer` (or never, when undefined). */
async function server(answer?: (res: import("node:http").ServerResponse) => void): Promise<string> {
  const http: Server = createServer((_req, res) => answer?.(res));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(http.address() as { port: number }).port}/api/`;
}

describe("Slack at start", () => {
  it("reports a connection refused as a network failure, not as a refused token", async () => {
    const port = await freePort();
    const error = await startError(`http://127.0.0.1:${port}/api/`);
    expect(error.code).toBe("NETWORK");
    expect(error.message).toBe(
      `cannot reach Slack at 127.0.0.1:${port} (auth.test: ECONNREFUSED): a network failure, not a refused token; check that this machine can open https://127.0.0.1:${port} (DNS, firewall, or a proxy set in HTTPS_PROXY), then start again`,
    );
    expect(error.message).not.toContain("SLACK_BOT_TOKEN");
  });

  it("reports a Slack that does not answer in time as a network failure", async () => {
    const error = await startError(await server());
    expect(error.code).toBe("NETWORK");
    expect(error.message).toMatch(
      /^cannot reach Slack at 127\.0\.0\.1:\d+ \(auth\.test: no answer within the timeout\): a network failure/,
    );
  });

  it("reports Slack answering 503 as Slack being unavailable, not as a refused token", async () => {
    const url = await server((res) => {
      res.writeHead(503, { "content-type": "text/plain" });
      res.end("upstream unavailable");
    });
    const error = await startError(url);
    expect(error.code).toBe("NETWORK");
    expect(error.message).toMatch(/could not answer auth\.test \(HTTP 503\): this is not a refused token/);
  });

  it("names SLACK_APP_TOKEN when Slack refuses the app-level token of Socket Mode", async () => {
    const fake: FakeSlackApi = await startFakeSlackApi();
    closers.push(() => fake.close());
    const error = await startError(fake.url, { mode: "socket", appToken: "xapp-wrong" });
    expect(error.code).toBe("CONFIG");
    expect(error.message).toMatch(
      /^SLACK_APP_TOKEN was refused by Slack \(apps\.connections\.open: invalid_auth\); create an app-level token with the connections:write scope/,
    );
    expect(error.message).not.toContain("xapp-wrong");
    expect(fake.calls("auth.test")).toHaveLength(1);
  });
});
