/**
 * Redelivery across replicas: three `tandem start` processes on one PostgreSQL database behind a
 * round-robin "load balancer". Every Slack event goes to one replica while Slack's first retry of it
 * reaches the next one at the same moment, and a later retry reaches the third: each event has one
 * effect (one inbound record, one tracked message, one milestone, one reply), whichever replica wins.
 */
import { DateTime } from "luxon";
import { expect } from "vitest";
import {
  appHomeOpenedEvent,
  appMentionEvent,
  eventCallback,
  messageEvent,
  reactionAddedEvent,
  slackTs,
} from "../fakes/slack-requests.js";
import { slackSample } from "./programmes.js";
import { type Replicas, startReplicas, until } from "./replicas.js";

export interface ReplicaEventsReport {
  events: number;
  deliveries: number;
  /** Deliveries each replica took. */
  perReplica: number[];
  /** Read at the end from the database and the fake Slack. */
  state: {
    inboundEvents: number;
    clocks: Record<string, number>;
    milestones: Record<string, number>;
    outbox: Record<string, number>;
    slack: Record<string, number>;
    /** Replies Tandem posted in ana's DM. */
    dmReplies: number;
    /** Calls the fake refused as over Slack's rate limits (a reply lost). */
    rateLimited: number;
  };
  /** How each replica ended when stopped (SIGTERM). */
  exits: { id: string; code: number | null; signal: NodeJS.Signals | null }[];
  seconds: number;
}

/** Every table but the dedupe record itself and the bookkeeping ones, as one string. */
async function fingerprint(r: Replicas): Promise<string> {
  const skip = new Set([
    "inbound_events",
    "platform_references",
    "health_probe",
    "leases",
    "replica_heartbeats",
    "schema_migrations",
  ]);
  const tables = (
    await r.rows<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    )
  )
    .map((t) => t.name)
    .filter((name) => !skip.has(name));
  const parts: [string, string[]][] = [];
  for (const name of tables) {
    const rows = await r.rows(`SELECT * FROM "${name}"`);
    parts.push([name, rows.map((row) => JSON.stringify(row)).sort()]);
  }
  return JSON.stringify(parts);
}

const tally = (rows: { k: string; n: number }[]) => Object.fromEntries(rows.map((row) => [row.k, row.n]));

async function stateOf(r: Replicas): Promise<ReplicaEventsReport["state"]> {
  const slack: Record<string, number> = {};
  for (const call of r.fake.okCalls()) slack[call.method] = (slack[call.method] ?? 0) + 1;
  return {
    inboundEvents: (await r.rows<{ n: number }>("SELECT count(*)::int AS n FROM inbound_events"))[0]!.n,
    clocks: tally(
      await r.rows(
        "SELECT coalesce(close_reason, 'open') AS k, count(*)::int AS n FROM tracked_messages GROUP BY 1",
      ),
    ),
    milestones: tally(await r.rows("SELECT status AS k, count(*)::int AS n FROM milestones GROUP BY 1")),
    outbox: tally(
      await r.rows(
        "SELECT split_part(key, ':', 1) || ':' || status AS k, count(*)::int AS n FROM outbox GROUP BY 1",
      ),
    ),
    slack,
    dmReplies: r.fake.okCalls("chat.postMessage").filter((c) => c.params.channel === "D0ANA").length,
    rateLimited: r.fake.calls().filter((c) => c.status === 429).length,
  };
}

/** The sample programme in Slack workspace T1, its internships running from a month ago. */
function programme() {
  const today = DateTime.utc();
  const base = slackSample("T1");
  return {
    ...base,
    internships: (base.internships ?? []).map((i) => ({
      ...i,
      start: today.minus({ days: 30 }).toISODate(),
      end: today.plus({ days: 120 }).toISODate(),
    })),
  };
}

const retry = (n: number) => ({ "x-slack-retry-num": String(n), "x-slack-retry-reason": "http_timeout" });

export async function eventsAcrossReplicas(rounds: number): Promise<ReplicaEventsReport> {
  const started = Date.now();
  // No scheduler: what changes in the database comes from the events alone.
  const r = await startReplicas({
    programmes: [programme()],
    env: { SCHEDULER: "off", LOG_LEVEL: "debug" },
  });
  const n = r.replicas.length;
  const perReplica = r.replicas.map(() => 0);
  let events = 0;
  const settled = async (targets: number[], before: number[]) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const done = targets.every((t) => r.processed(t) >= before[t]! + targets.filter((x) => x === t).length);
      if (done) return;
      if (Date.now() > deadline) {
        throw new Error(`deliveries to ${targets.map((t) => r.replicas[t]!.id)} were not all handled`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  /**
   * Event number k: the first delivery to replica k mod n and Slack's retry 1 to the next replica at
   * once, then retry 2 to the one after. The pair has one effect; the late retry changes nothing.
   */
  async function deliver(what: string, event: Record<string, unknown>, effect: () => Promise<boolean>) {
    const body = eventCallback(event);
    const k = events++;
    const [first, second, third] = [k % n, (k + 1) % n, (k + 2) % n] as [number, number, number];
    const before = r.replicas.map((_, i) => r.processed(i));
    const answers = await Promise.all([r.post(first, body, "json"), r.post(second, body, "json", retry(1))]);
    for (const answer of answers) expect(answer.status, what).toBeLessThan(300);
    await settled([first, second], before);
    expect(await effect(), `${what} had its effect`).toBe(true);
    const once = await fingerprint(r);
    const calls = r.fake.calls().length;
    const late = r.replicas.map((_, i) => r.processed(i));
    expect((await r.post(third, body, "json", retry(2))).status, what).toBeLessThan(300);
    await settled([third], late);
    expect(await fingerprint(r), `${what}: the late retry wrote nothing`).toBe(once);
    expect(r.fake.calls().length, `${what}: the late retry called Slack`).toBe(calls);
    for (const t of [first, second, third]) perReplica[t]! += 1;
  }

  const one = async (text: string, values: unknown[]) => (await r.rows(text, values)).length === 1;
  try {
    const due = DateTime.utc().plus({ days: 20 }).toISODate();
    let lastDm = 0;
    for (let round = 0; round < rounds; round++) {
      const ts = slackTs(new Date());
      await deliver(
        "question in the home channel",
        messageEvent({ user: "U0ANA", channel: "C0HOME", text: `Question ${round}?`, ts }),
        () => one("SELECT 1 FROM tracked_messages WHERE message_ref = $1", [ts]),
      );
      await deliver(
        "acknowledgement reaction",
        reactionAddedEvent({
          user: "U0BRAM",
          reaction: "white_check_mark",
          channel: "C0HOME",
          ts,
          item_user: "U0ANA",
          event_ts: slackTs(new Date()),
        }),
        () =>
          one("SELECT 1 FROM tracked_messages WHERE message_ref = $1 AND close_reason = 'reaction'", [ts]),
      );
      const title = `Replica ${round}`;
      await deliver(
        "@mention command",
        appMentionEvent({
          user: "U0ANA",
          channel: "C0HOME",
          text: `<@UBOT> milestone add "${title}" due ${due}`,
          ts: slackTs(new Date()),
        }),
        () => one("SELECT 1 FROM milestones WHERE title = $1", [title]),
      );
      const [{ id }] = (await r.rows<{ id: number }>("SELECT id FROM milestones WHERE title = $1", [
        title,
      ])) as [{ id: number }];
      // Ana types her commands no faster than Slack lets a bot answer in one channel (about 1 a second).
      await new Promise((resolve) => setTimeout(resolve, lastDm + 1_100 - Date.now()));
      lastDm = Date.now();
      await deliver(
        "command in a DM",
        messageEvent({
          user: "U0ANA",
          channel: "D0ANA",
          text: `milestone done ${id}`,
          ts: slackTs(new Date()),
        }),
        // The reply goes through the outbox, sent at once: settled once its row is.
        async () =>
          (await one("SELECT 1 FROM milestones WHERE id = $1 AND status = 'done'", [id])) &&
          (await until(
            async () =>
              await one(
                `SELECT 1 WHERE EXISTS (SELECT 1 FROM outbox WHERE key LIKE 'reply-to:%')
                   AND NOT EXISTS (SELECT 1 FROM outbox WHERE key LIKE 'reply-to:%' AND status <> $1)`,
                ["sent"],
              ),
            10_000,
            "the DM reply sent",
          ).then(() => true)),
      );
      const published = r.fake.okCalls("views.publish").length;
      await deliver(
        "App Home opened",
        appHomeOpenedEvent({ user: "U0ANA", event_ts: slackTs(new Date()) }),
        async () => r.fake.okCalls("views.publish").length > published,
      );
    }
    const state = await stateOf(r);
    return {
      events,
      deliveries: events * 3,
      perReplica,
      state,
      exits: await r.stop(),
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } catch (error) {
    await r.stop();
    throw error;
  }
}
