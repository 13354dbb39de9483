/**
 * SIGKILL during a fan-out: `tandem tick` (a real child process) sends N due check-ins to the fake Slack
 * in this process and is killed while the platform holds the answer to the message a third of the way
 * in (it delivered it; the answer never comes). `tandem tick` runs again after the claim leases ran out,
 * until everything is sent. Nothing is lost; a message can only be sent twice when its send had started
 * (the platform got it) but its row was still claimed ('sending') at the kill.
 */

import { expect } from "vitest";
import { DEFAULT_DISPATCH } from "../../src/services/dispatcher.js";
import { openStore } from "../../src/storage/sqlite-store.js";
import { startFakeSlackApi } from "../fakes/slack-api.js";
import { seededDatabase, tempDatabasePath } from "../helpers/seeded-database.js";
import { runTandem, slackEnv, spawnTandem } from "./child.js";
import { startFaultProxy } from "./fault-proxy.js";
import { cohortProgrammes, slackId } from "./programmes.js";
import { eventually, IMPORTED_AT } from "./service.js";
import { type ServiceState, serviceState } from "./service-state.js";

/** 09:30 in Brussels on Tuesday 1 December 2026: every intern's check-in is due. */
const DUE = new Date("2026-12-01T08:30:00Z");

export interface CrashReport {
  interns: number;
  receivedBeforeKill: number;
  claimedAtKill: number;
  inFlightAtKill: number;
  /** The bound used: sends the dispatcher runs at once. */
  lanes: number;
  duplicates: number;
  restarts: number;
  seconds: number;
  /** Read at the end from the database and the fake Slack. */
  state?: ServiceState;
  /** Interns the fake Slack accepted a check-in for. */
  reached?: number;
}

type Row = { address: string; status: string };
const userOf = (address: string) => address.split(":").at(-1)!;

export async function crashDuringFanOut(interns: number): Promise<CrashReport> {
  const started = Date.now();
  const databasePath = await seededDatabase(
    cohortProgrammes([{ prefix: "k", count: interns }]),
    IMPORTED_AT,
    tempDatabasePath("tandem-crash"),
  );
  const fake = await startFakeSlackApi({ tokens: { "xoxb-test": "T1" }, workspacePerMinute: 1_000_000_000 });
  const killAt = Math.max(1, Math.floor(interns / 3));
  const proxy = await startFaultProxy(fake.url, { holdNth: killAt });
  const env = slackEnv(databasePath, proxy.url);
  const posts = () => fake.calls("chat.postMessage");
  try {
    const first = spawnTandem(["tick", "--at", DUE.toISOString()], env);
    let ended = false;
    void first.exited.then(() => {
      ended = true;
    });
    // Kill once the platform carried out the held message: its answer never comes, so it is in flight.
    await eventually(() => proxy.stats.hungCarriedOut > 0 || ended, 60_000);
    expect(ended, `the first tick ended before it was killed:\n${first.output()}`).toBe(false);
    first.process.kill("SIGKILL");
    expect(await first.exited).toMatchObject({ signal: "SIGKILL" });
    // A request already on the wire still lands: look once the dead process's connections are all read.
    await eventually(() => proxy.idle(), 10_000);

    // The database as the crash left it: claimed rows whose send had started are in flight.
    const received = new Set(posts().map((c) => String(c.params.channel)));
    const receivedBeforeKill = posts().length;
    const atKill = openStore(databasePath);
    const rows = atKill.db
      .prepare("SELECT address, status FROM outbox WHERE key LIKE 'checkin:%'")
      .all() as Row[];
    expect(atKill.db.pragma("integrity_check", { simple: true })).toBe("ok");
    await atKill.close();
    const claimed = rows.filter((r) => r.status === "sending").map((r) => userOf(r.address));
    const inFlight = new Set(claimed.filter((user) => received.has(user)));

    // Restart after the leases ran out, as the scheduler would a few minutes later.
    let restarts = 0;
    let now = DUE.getTime() + DEFAULT_DISPATCH.leaseMs + 60_000;
    for (; restarts < 6; restarts++, now += 60_000) {
      const check = openStore(databasePath);
      const open = check.db
        .prepare("SELECT count(*) AS n FROM outbox WHERE key LIKE 'checkin:%' AND status <> 'sent'")
        .get() as { n: number };
      const total = check.db.prepare("SELECT count(*) AS n FROM outbox WHERE key LIKE 'checkin:%'").get() as {
        n: number;
      };
      await check.close();
      if (open.n === 0 && total.n === interns) break;
      await runTandem(["tick", "--at", new Date(now).toISOString()], env);
    }

    const after = openStore(databasePath);
    const statuses = after.db
      .prepare("SELECT status, count(*) AS n FROM outbox WHERE key LIKE 'checkin:%' GROUP BY status")
      .all();
    expect(after.db.pragma("integrity_check", { simple: true })).toBe("ok");
    const state = serviceState(after.db, { slack: fake });
    await after.close();
    expect(statuses).toEqual([{ status: "sent", n: interns }]);

    const counts = new Map<string, number>();
    for (const call of fake.okCalls("chat.postMessage")) {
      const user = String(call.params.channel);
      counts.set(user, (counts.get(user) ?? 0) + 1);
    }
    const lost = Array.from({ length: interns }, (_, i) => slackId("k", i)).filter((u) => !counts.has(u));
    expect(lost, "interns whose check-in was lost").toEqual([]);
    const twice = [...counts].filter(([, n]) => n > 1).map(([user]) => user);
    const duplicates = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
    // Only messages in flight at the kill can be sent twice, and only once more each.
    expect(
      twice.filter((user) => !inFlight.has(user)),
      "duplicates that were not in flight",
    ).toEqual([]);
    expect(duplicates).toBeLessThanOrEqual(inFlight.size);
    // A claim leases at most one batch, and at most `concurrency` sends of it run at once (one at a time
    // in a dispatcher without lanes): that bounds what can be in flight, hence the duplicates.
    const lanes = (DEFAULT_DISPATCH as Partial<{ concurrency: number }>).concurrency ?? 1;
    expect(claimed.length).toBeLessThanOrEqual(DEFAULT_DISPATCH.batchSize);
    expect(inFlight.size).toBeLessThanOrEqual(Math.min(lanes, DEFAULT_DISPATCH.batchSize));
    expect(inFlight.size, "the held message was in flight").toBeGreaterThanOrEqual(1);
    return {
      interns,
      receivedBeforeKill,
      claimedAtKill: claimed.length,
      inFlightAtKill: inFlight.size,
      lanes,
      duplicates,
      restarts,
      seconds: Math.round((Date.now() - started) / 1000),
      state,
      reached: counts.size,
    };
  } finally {
    await proxy.close();
    await fake.close();
  }
}
