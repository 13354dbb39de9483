import { afterEach, describe, expect, it } from "vitest";
import type { Config } from "../../../src/config.js";
import { type Running, startService } from "../../../src/main.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import { openStore } from "../../../src/storage/sqlite-store.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../fakes/slack-api.js";
import { type FakeSlackSocket, startFakeSlackSocket } from "../../fakes/slack-socket.js";
import { allowErrorLogs, captureLog } from "../../helpers/log-capture.js";
import { seededDatabase, tempDatabasePath } from "../../helpers/seeded-database.js";
import { createTerminal } from "../../helpers/streams.js";
import { eventually, slackProgramme } from "./slack-harness.js";

let api: FakeSlackApi | undefined;
let socket: FakeSlackSocket | undefined;
let running: Running | undefined;

afterEach(async () => {
  await running?.stop();
  await socket?.close();
  await api?.close();
  running = undefined;
  socket = undefined;
  api = undefined;
});

async function startSocketMode() {
  socket = await startFakeSlackSocket();
  api = await startFakeSlackApi({ socketUrl: socket.url });
  const clock = createSettableClock(new Date("2026-12-01T14:00:00Z"));
  const databasePath = await seededDatabase(
    [slackProgramme()],
    clock.now(),
    tempDatabasePath("tandem-socket"),
  );
  const config: Config = {
    platforms: ["slack"],
    databasePath,
    port: 0,
    logLevel: "info",
    scheduler: false,
    slack: { mode: "socket", botToken: "xoxb-test", appToken: "xapp-test", apiUrl: api.url },
    teams: { appType: "MultiTenant", allowUnauthenticated: false },
  };
  const log = captureLog();
  running = await startService(config, createTerminal(), { clock, log: log.log });
  await socket.connected();
  return { socket, api, log, peek: openStore(databasePath) };
}

/** An Events API envelope, as Slack sends it over the socket. */
function eventsEnvelope(eventId: string, event: Record<string, unknown>) {
  return {
    type: "events_api" as const,
    accepts_response_payload: false,
    retry_attempt: 0,
    retry_reason: "",
    payload: {
      type: "event_callback",
      team_id: "T1",
      api_app_id: "A0TANDEM",
      event_id: eventId,
      event_time: 1_796_140_800,
      event,
    },
  };
}

/** A question in ana's home channel. */
const question = (eventId: string, ts = "1796140800.000100") =>
  eventsEnvelope(eventId, {
    type: "message",
    channel: "C0HOME",
    channel_type: "channel",
    user: "U0ANA",
    text: "Could someone review my draft?",
    ts,
  });

/** What the socket receiver logs when an event could not be recorded and is left unacknowledged. */
const LEFT_FOR_SLACK = "a Slack event could not be recorded; left for Slack to deliver again";

describe("Slack Socket Mode", () => {
  it("connects through apps.connections.open with the app token, with no public URL", async () => {
    const { api } = await startSocketMode();
    expect(api.calls("apps.connections.open").map((c) => c.token)).toEqual(["xapp-test"]);
  });

  it("answers a slash command in its acknowledgement", async () => {
    const { socket } = await startSocketMode();
    const ack = await socket.send({
      type: "slash_commands",
      accepts_response_payload: true,
      payload: {
        command: "/milestone",
        text: 'add "Survey" due 2026-12-15',
        user_id: "U0ANA",
        channel_id: "D0ANA",
        team_id: "T1",
        trigger_id: "trigger-socket-1",
        response_url: "https://hooks.slack.invalid/commands/1",
        api_app_id: "A0TANDEM",
      },
    });
    expect(JSON.stringify(ack.payload)).toContain('Added milestone #1 \\"Survey\\", due Tue 15 Dec 2026.');
    expect((ack.payload as { response_type?: string }).response_type).toBe("ephemeral");
  });

  it("acknowledges an event's envelope once the event is recorded, and leaves a failed one for Slack to resend", async () => {
    const { socket, peek, log } = await startSocketMode();
    const clocks = () => peek.db.prepare("SELECT count(*) FROM tracked_messages").pluck().get();
    try {
      const acked = await socket.send(question("Ev-socket-q1"));
      expect(acked.envelope_id).toEqual(expect.any(String));
      // Acknowledged means recorded: the clock is there without waiting.
      expect(clocks()).toBe(1);

      allowErrorLogs("event failed");
      peek.db.exec(
        "CREATE TRIGGER refuse_event BEFORE INSERT ON inbound_events BEGIN SELECT RAISE(ABORT, 'disk trouble'); END",
      );
      let refused = "not acknowledged";
      void socket.send(question("Ev-socket-q2")).then(() => {
        refused = "acknowledged";
      });
      await eventually(() => log.lines.some((l) => l.msg === LEFT_FOR_SLACK));
      expect(clocks()).toBe(1);
      // A later event on the same socket is acknowledged: an acknowledgement of the refused one would
      // have been sent before it, when its failure was decided.
      peek.db.exec("DROP TRIGGER refuse_event");
      await socket.send(question("Ev-socket-q3", "1796140860.000100"));
      expect(clocks()).toBe(2);
      expect(refused).toBe("not acknowledged");
    } finally {
      await peek.close();
    }
  });

  it("takes events: a direct message to the bot is answered in the conversation", async () => {
    const { socket, api } = await startSocketMode();
    await socket.send(
      eventsEnvelope("Ev-socket-1", {
        type: "message",
        channel: "D0ANA",
        channel_type: "im",
        user: "U0ANA",
        text: "status",
        ts: "1796140800.000100",
      }),
    );
    const posted = await eventually(() =>
      api.calls("chat.postMessage").find((c) => c.params.channel === "D0ANA"),
    );
    expect(String(posted.params.text)).toContain("You are Ana Souza");
  });
});
