/**
 * SIGKILL while Slack events pour in: `tandem start` (a real child process) takes signed questions for
 * ana's home channel, 32 at a time, and is killed a third of the way in. Every event it acknowledged
 * must be in the database (acknowledged means recorded). Restarted on the same file, it takes Slack's
 * redelivery of every event, acknowledged or not: each question then has exactly one reply clock.
 */

import { expect } from "vitest";
import { openStore } from "../../src/storage/sqlite-store.js";
import { startFakeSlackApi } from "../fakes/slack-api.js";
import { eventCallback, messageEvent, signedRequest, slackTs } from "../fakes/slack-requests.js";
import { seededDatabase, tempDatabasePath } from "../helpers/seeded-database.js";
import { slackEnv, startServing } from "./child.js";
import { slackSample } from "./programmes.js";
import { IMPORTED_AT, SECRET } from "./service.js";

const CONCURRENCY = 32;
/** The questions' own time: a Tuesday morning of the internship (Slack's request time is the real one). */
const ASKED_FROM = Date.parse("2026-12-01T13:00:00Z");

export interface InboundCrashReport {
  events: number;
  acknowledgedBeforeKill: number;
  /** Recorded at the kill though their answer never reached Slack: harmless, the redelivery is a duplicate. */
  recordedNotAcknowledged: number;
  lostAcknowledged: number;
  clocksAfterRedelivery: number;
  seconds: number;
  /** Events recorded for deduplication at the end, from the database. */
  inboundEventsAfterRedelivery?: number;
}

export async function crashDuringInbound(events: number): Promise<InboundCrashReport> {
  const started = Date.now();
  const databasePath = await seededDatabase(
    [slackSample()],
    IMPORTED_AT,
    tempDatabasePath("tandem-inbound-crash"),
  );
  const fake = await startFakeSlackApi({ tokens: { "xoxb-test": "T1" }, workspacePerMinute: 1_000_000_000 });
  const env = slackEnv(databasePath, fake.url);
  const bodies = Array.from({ length: events }, (_, i) => {
    const ts = slackTs(new Date(ASKED_FROM + i * 1000), i);
    return {
      ts,
      body: eventCallback(
        messageEvent({ user: "U0ANA", channel: "C0HOME", text: `Question ${i}, could you look?`, ts }),
        { event_id: `EvCrash${i}` },
      ),
    };
  });
  const send = (base: string, i: number, retry?: number) =>
    signedRequest(base, SECRET, bodies[i]!.body, {
      contentType: "json",
      timestamp: new Date(),
      ...(retry
        ? { headers: { "x-slack-retry-num": String(retry), "x-slack-retry-reason": "http_error" } }
        : {}),
    });
  try {
    // First life: killed once a third of the events were acknowledged.
    const first = await startServing(env);
    const acknowledged = new Set<number>();
    const killAfter = Math.max(1, Math.floor(events / 3));
    let nextEvent = 0;
    let killed = false;
    const lane = async () => {
      while (!killed && nextEvent < events) {
        const i = nextEvent++;
        const response = await send(first.base, i).catch(() => undefined);
        if (response?.status === 200) acknowledged.add(i);
        if (acknowledged.size >= killAfter && !killed) {
          killed = true;
          first.child.process.kill("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    expect(await first.child.exited, first.child.output()).toMatchObject({ signal: "SIGKILL" });

    const atKill = openStore(databasePath);
    expect(atKill.db.pragma("integrity_check", { simple: true })).toBe("ok");
    const recorded = new Set(
      (atKill.db.prepare("SELECT event_id FROM inbound_events").pluck().all() as string[]).map((id) =>
        Number(id.replace("EvCrash", "")),
      ),
    );
    const clockRefs = new Set(atKill.db.prepare("SELECT message_ref FROM tracked_messages").pluck().all());
    await atKill.close();
    const lost = [...acknowledged].filter((i) => !recorded.has(i) || !clockRefs.has(bodies[i]!.ts));

    // Second life: Slack delivers everything again (unacknowledged events are retried; duplicates happen).
    const second = await startServing(env);
    try {
      for (let from = 0; from < events; from += CONCURRENCY) {
        const batch = Array.from({ length: Math.min(CONCURRENCY, events - from) }, (_, k) => from + k);
        const statuses = await Promise.all(batch.map((i) => send(second.base, i, 1).then((r) => r.status)));
        expect(statuses.every((status) => status === 200)).toBe(true);
      }
    } finally {
      second.child.process.kill("SIGTERM");
      await second.child.exited;
    }
    const after = openStore(databasePath);
    const clocks = after.db
      .prepare("SELECT message_ref, count(*) AS n FROM tracked_messages GROUP BY message_ref")
      .all() as { message_ref: string; n: number }[];
    const inbound = after.db.prepare("SELECT count(*) FROM inbound_events").pluck().get() as number;
    await after.close();
    expect(clocks.filter((c) => c.n > 1)).toEqual([]);
    return {
      events,
      acknowledgedBeforeKill: acknowledged.size,
      recordedNotAcknowledged: [...recorded].filter((i) => !acknowledged.has(i)).length,
      lostAcknowledged: lost.length,
      clocksAfterRedelivery: clocks.length,
      seconds: Math.round((Date.now() - started) / 1000),
      inboundEventsAfterRedelivery: inbound,
    };
  } finally {
    await fake.close();
  }
}
