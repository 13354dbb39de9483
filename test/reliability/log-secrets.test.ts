/**
 * At LOG_LEVEL=debug, through the real service: an OAuth install, commands, a direct message and a tick
 * that sends messages. The captured log never holds a credential, and holds what people wrote only when
 * LOG_MESSAGE_TEXT=true.
 */
import { afterEach, describe, expect, it } from "vitest";
import { messageEvent, slackTs } from "../fakes/slack-requests.js";
import { slackSample } from "./programmes.js";
import { type ReliableService, startReliableService } from "./service.js";

let s: ReliableService | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

/** What startReliableService uses for OAuth (client secret, install code, bot token, token key). */
const SECRETS = [
  "client-secret",
  "code-T1",
  "xoxb-T1",
  Buffer.alloc(32, 7).toString("base64"),
  "a-long-enough-state-secret",
];
const TEXT = ["PLANTED-MILESTONE-TITLE", "PLANTED-BLOCKER-TEXT"];
/** Tandem's answer to that chat in a direct message: an outbound message body. */
const REPLY = "I am a bot and read direct messages only";

async function run(logMessageText: boolean): Promise<string> {
  s = await startReliableService({
    programmes: [slackSample("T1")],
    slackInstalls: ["T1"],
    logLevel: "debug",
    logMessageText,
  });
  s.clock.set(new Date("2026-12-01T13:00:00Z"));
  const added = await s.command({ user_id: "U0ANA", text: `milestone add "${TEXT[0]}" due 2026-12-20` });
  expect(await added.text()).toContain(TEXT[0]);
  await s.event(
    messageEvent({
      user: "U0ANA",
      channel: "D0ANA",
      channel_type: "im",
      text: `the vendor said ${TEXT[1]}`,
      ts: slackTs(s.clock.now()),
    }),
    { team_id: "T1" },
  );
  await s.slackSettled();
  await s.tickAt(new Date("2026-12-02T12:30:00Z"));
  // Messages were really sent with the planted text in them (so its absence from the log means something).
  expect(s.fake.okCalls("chat.postMessage").length).toBeGreaterThan(0);
  return s.log.lines.map((line) => JSON.stringify(line)).join("\n");
}

describe("logs at debug", { timeout: 60_000 }, () => {
  it("hold no credential and no message text by default", async () => {
    const log = await run(false);
    expect(log).toContain("oauth.v2.access");
    for (const secret of SECRETS) expect(log, secret).not.toContain(secret);
    for (const text of [...TEXT, REPLY]) expect(log, text).not.toContain(text);
    expect(log).toContain("LOG_MESSAGE_TEXT=true shows them");
  });

  it("hold message text with LOG_MESSAGE_TEXT=true, and still no credential", async () => {
    const log = await run(true);
    for (const secret of SECRETS) expect(log, secret).not.toContain(secret);
    expect(log).toContain(REPLY);
  });
});
