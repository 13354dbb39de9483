/**
 * SIGKILL of a replica during a fan-out: three `tandem start` processes on one PostgreSQL database send a
 * cohort's check-ins (due now, in real time) to the fake Slack, each for the workspaces rendezvous hashing
 * gives it (so all three send); the replica with the most check-ins left to send is killed a third
 * of the way in, once all three are sending. The other two take its workspaces over once its leases
 * run out (short in this test: LEASE_SECONDS, TICK_SECONDS). Nothing is lost; only what the killed
 * replica had in flight (claimed, and already taken by Slack) can arrive twice; and while all three ran,
 * no workspace got more messages a minute than Slack allows, as the fake measured it.
 */
import { DateTime } from "luxon";
import { expect } from "vitest";
import { isPublicHoliday } from "../../src/domain/holidays.js";
import { DEFAULT_DISPATCH } from "../../src/services/dispatcher.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { cohortProgrammes, slackId } from "./programmes.js";
import { type Replicas, startReplicas, until } from "./replicas.js";

export interface FanOutOptions {
  interns: number;
  perWorkspace: number;
  /** LEASE_SECONDS of every replica. */
  leaseSeconds: number;
  /** How long the whole fan-out may take before the test gives up. */
  timeoutMs: number;
}

export interface ReplicaFanOutReport {
  interns: number;
  workspaces: number;
  killed: string;
  /** Workspaces whose sending lease the killed replica held. */
  killedWorkspaces: number;
  /** Check-ins Slack had accepted when the replica was killed. */
  receivedAtKill: number;
  /** The killed replica's claimed rows, and those of them Slack had already taken (in flight). */
  claimedAtKill: number;
  inFlightAtKill: number;
  /** Interns Slack accepted a check-in for, and check-ins accepted more than once. */
  reached: number;
  duplicates: number;
  /** Each workspace's busiest minute of chat.postMessage while all three ran, at most; and after. */
  peakPerMinute: number;
  peakAfterKill: number;
  limit: number;
  /** chat.postMessage calls the fake answered 429 while all three ran, and after. */
  rateLimited: number;
  rateLimitedAfterKill: number;
  /** Requests each replica put through to Slack (its proxy's count), in all and before the kill. */
  forwarded: Record<string, number>;
  forwardedBeforeKill: Record<string, number>;
  /** Workspaces each replica held the sending lease of when the kill came. */
  sendingFor: Record<string, number>;
  /** Seconds until the three were ready, until the kill, and in all. */
  readySeconds: number;
  killSeconds: number;
  seconds: number;
}

/**
 * A zone where it is about noon now, and a country with no public holiday there today: the replicas run
 * on real time, so the cohort is made due whatever the day and hour of the run.
 */
function noonSomewhere(now: Date): { zone: string; country: string; today: string } {
  const hours = 12 - now.getUTCHours();
  const zone = hours === 0 ? "Etc/GMT" : hours > 0 ? `Etc/GMT-${hours}` : `Etc/GMT+${-hours}`;
  const today = DateTime.fromJSDate(now, { zone }).toISODate()!;
  const country = ["BE", "NL", "DE", "FR", "GB", "JP"].find((c) => !isPublicHoliday(c, undefined, today));
  if (!country) throw new Error(`${today} is a public holiday everywhere in the list`);
  return { zone, country, today };
}

/** Interns whose check-in is due now: every day is a check-in day, contact hours around the clock. */
export function cohortDueNow(interns: number, perWorkspace: number, now: Date): ProgrammeInput[] {
  const { zone, country, today } = noonSomewhere(now);
  const day = DateTime.fromISO(today);
  const programmes = cohortProgrammes(
    [
      {
        prefix: "r",
        count: interns,
        timezone: zone,
        country,
        contactHours: "Mon-Sun 00:00-24:00",
        checkInAt: "09:00",
      },
    ],
    perWorkspace,
    day.minus({ days: 1 }).toISODate()!,
  );
  return programmes.map((p) => ({
    ...p,
    internships: (p.internships ?? []).map((i) => ({
      ...i,
      end: day.plus({ days: 60 }).toISODate()!,
      agreement: { ...i.agreement, checkIn: { ...i.agreement?.checkIn, days: "Mon-Sun" } },
    })),
  }));
}

const isCheckin = (text: unknown) => String(text).includes("time for your check-in");
const userOf = (address: string) => address.split(":").at(-1)!;

async function statuses(r: Replicas): Promise<Record<string, number>> {
  const rows = await r.rows<{ status: string; n: number }>(
    "SELECT status, count(*)::int AS n FROM outbox WHERE key LIKE 'checkin:%' GROUP BY status ORDER BY status",
  );
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

export async function killDuringFanOut(options: FanOutOptions): Promise<ReplicaFanOutReport> {
  const started = Date.now();
  const { interns, perWorkspace } = options;
  const workspaces = Math.ceil(interns / perWorkspace);
  const teams = Array.from({ length: workspaces }, (_, w) => `T${w + 1}`);
  const r = await startReplicas({
    installs: teams,
    env: {
      SCHEDULER: "on",
      TICK_SECONDS: "2",
      LEASE_SECONDS: String(options.leaseSeconds),
      LOG_LEVEL: "warn",
    },
  });
  const ready = Date.now();
  const checkins = () => r.fake.okCalls("chat.postMessage").filter((c) => isCheckin(c.params.text));
  try {
    // The programme is imported once all three run: whichever ticks first plans it, all may send.
    await r.seed(cohortDueNow(interns, perWorkspace, new Date()));
    // The sending is spread (rendezvous hashing over the live replicas): each of the three sends some.
    // The first replica to tick plans the cohort and starts on its share at once; the others start at
    // their next tick.
    await until(
      () =>
        checkins().length >= interns / 3 && r.replicas.every((replica) => replica.proxy.stats.forwarded > 0),
      options.timeoutMs,
      "a third of the check-ins sent, and each replica sending",
      10,
    );

    // The replica with the most check-ins still to send for the workspaces it sends for right now.
    const holders = await r.rows<{ holder: string; workspace: number; unsent: number }>(
      `SELECT holder, substr(name, 6)::int AS workspace,
         (SELECT count(*)::int FROM outbox WHERE workspace_id = substr(name, 6)::int AND key LIKE 'checkin:%'
            AND status IN ('pending', 'sending')) AS unsent
       FROM leases WHERE name LIKE 'send:%' AND until_at > $1`,
      [Date.now()],
    );
    const byHolder = new Map<string, number[]>();
    const unsent = new Map<string, number>();
    for (const { holder, workspace, unsent: n } of holders) {
      byHolder.set(holder, [...(byHolder.get(holder) ?? []), workspace]);
      unsent.set(holder, (unsent.get(holder) ?? 0) + n);
    }
    const [killed, mine] =
      [...byHolder].sort((a, b) => (unsent.get(b[0]) ?? 0) - (unsent.get(a[0]) ?? 0))[0] ?? [];
    const forwardedBeforeKill = Object.fromEntries(r.replicas.map((x) => [x.id, x.proxy.stats.forwarded]));
    expect(killed, "a replica was sending when the third was reached").toBeDefined();
    const victim = r.replicas.findIndex((replica) => replica.id === killed);
    const killedAt = Date.now();
    await r.kill(victim);

    // As the kill left it: the killed replica's claimed rows, those Slack already took are in flight.
    const received = new Set(checkins().map((c) => String(c.params.channel)));
    const claimed = await r.rows<{ address: string }>(
      "SELECT address FROM outbox WHERE key LIKE 'checkin:%' AND status = 'sending' AND workspace_id = ANY($1::bigint[])",
      [mine],
    );
    const takenOver = await r.rows("SELECT 1 FROM leases WHERE name = ANY($1::text[]) AND holder <> $2", [
      mine!.map((w) => `send:${w}`),
      killed,
    ]);
    if (takenOver.length > 0)
      throw new Error("the killed replica's leases ran out before its rows were read");
    const inFlight = new Set(claimed.map((row) => userOf(row.address)).filter((user) => received.has(user)));

    await until(
      async () => JSON.stringify(await statuses(r)) === JSON.stringify({ sent: interns }),
      options.timeoutMs,
      "every check-in sent",
      250,
    );
    expect(await statuses(r)).toEqual({ sent: interns });

    const counts = new Map<string, number>();
    for (const call of checkins()) {
      const user = String(call.params.channel);
      counts.set(user, (counts.get(user) ?? 0) + 1);
    }
    const lost = Array.from({ length: interns }, (_, i) => slackId("r", i)).filter((u) => !counts.has(u));
    expect(lost, "interns whose check-in was lost").toEqual([]);
    const twice = [...counts].filter(([, n]) => n > 1).map(([user]) => user);
    expect(
      twice.filter((user) => !inFlight.has(user)),
      "check-ins sent twice that were not in flight at the kill",
    ).toEqual([]);
    const duplicates = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
    expect(duplicates).toBeLessThanOrEqual(inFlight.size);
    // What one replica can have in flight: one claimed batch, `concurrency` sends of it at once. More
    // would mean another replica was sending for the killed one's workspaces too.
    expect(claimed.length).toBeLessThanOrEqual(DEFAULT_DISPATCH.batchSize);
    expect(inFlight.size).toBeLessThanOrEqual(DEFAULT_DISPATCH.concurrency);

    // The platform's limit, as the fake measured it, while all three ran.
    const peak = (during: { from?: number; to?: number }) =>
      Math.max(0, ...r.fake.peakPerMinute("chat.postMessage", during).values());
    const limited = (from: number, to: number) =>
      r.fake.calls("chat.postMessage").filter((c) => c.status === 429 && c.time >= from && c.time < to)
        .length;
    const peakPerMinute = peak({ to: killedAt });
    expect(peakPerMinute, "chat.postMessage in a workspace's busiest minute").toBeLessThanOrEqual(
      r.fake.workspacePerMinute,
    );
    expect(limited(0, killedAt), "messages Slack refused as over its rate limit").toBe(0);

    const exits = await r.stop();
    for (const exit of exits.filter((e) => e.id !== killed))
      expect(exit, `${exit.id} stopped cleanly`).toMatchObject({ code: 0 });
    return {
      interns,
      workspaces,
      killed: killed!,
      killedWorkspaces: mine!.length,
      receivedAtKill: received.size,
      claimedAtKill: claimed.length,
      inFlightAtKill: inFlight.size,
      reached: counts.size,
      duplicates,
      peakPerMinute,
      peakAfterKill: peak({ from: killedAt }),
      limit: r.fake.workspacePerMinute,
      rateLimited: limited(0, killedAt),
      rateLimitedAfterKill: limited(killedAt, Number.POSITIVE_INFINITY),
      forwarded: Object.fromEntries(r.replicas.map((x) => [x.id, x.proxy.stats.forwarded])),
      forwardedBeforeKill,
      sendingFor: Object.fromEntries([...byHolder].map(([holder, ids]) => [holder, ids.length])),
      readySeconds: Math.round((ready - started) / 1000),
      killSeconds: Math.round((killedAt - started) / 1000),
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } catch (error) {
    await r.stop();
    throw error;
  }
}
