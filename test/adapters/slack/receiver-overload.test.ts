import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { EventBacklog } from "../../../adapters/slack/event-backlog.js";
import { createSlackReceiver } from "../../../adapters/slack/receiver.js";
import { eventCallback, messageEvent, signedRequest, slackTs } from "../../fakes/slack-requests.js";

const SECRET = "overload-secret";
const NOW = new Date();

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** Bolt on Tandem's receiver, with a backlog that admits while `full` is false; counts listener calls. */
async function start(state: { full: boolean }) {
  const backlog: EventBacklog = {
    admit: () => (state.full ? undefined : { done: () => undefined }),
    waiting: () => 0,
  };
  const receiver = createSlackReceiver({
    signingSecret: SECRET,
    clock: { now: () => new Date() },
    log: pino({ level: "silent" }),
    boltLogger: undefined,
    backlog,
  });
  const app = new App({
    token: "xoxb-test",
    receiver,
    tokenVerificationEnabled: false,
    botId: "B0TEST",
    botUserId: "U0TESTBOT",
    logLevel: LogLevel.ERROR,
  });
  let handled = 0;
  app.event("message", async () => {
    handled += 1;
  });
  server = createServer((req, res) => {
    void receiver.route(req, res).then((done) => {
      if (!done) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  const send = () =>
    signedRequest(
      url,
      SECRET,
      eventCallback(messageEvent({ user: "U1", channel: "C1", text: "hello", ts: slackTs(NOW) })),
      { contentType: "json", timestamp: NOW },
    );
  return { send, handled: () => handled };
}

describe("the Slack receiver under overload", () => {
  it("answers an event it has no room for with 503 and Retry-After at once, and hands it to no listener", async () => {
    const state = { full: true };
    const service = await start(state);
    const refused = await service.send();
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(service.handled()).toBe(0);
    state.full = false;
    const accepted = await service.send();
    expect(accepted.status).toBe(200);
    expect(service.handled()).toBe(1);
  });
});
