/**
 * A flaky platform: 2% of chat.postMessage calls answered 5xx, 1% 429 and 0.2% never answered (the Web
 * client gives up after its 10 s timeout). Ticking on past the backoffs, every check-in is delivered,
 * nothing is dead-lettered, and the only duplicates come from calls the platform carried out but never
 * answered.
 */
import { expect } from "vitest";
import { DEFAULT_DISPATCH } from "../../src/services/dispatcher.js";
import { at, startCohort, tickEveryMinute } from "./cohort.js";
import type { ServiceState } from "./service-state.js";

export interface FaultsReport {
  interns: number;
  delivered: number;
  duplicates: number;
  ticks: number;
  maxAttempts: number;
  stats: Record<string, number>;
  /** Read at the end from the database and the fake Slack. */
  state?: ServiceState;
}

/** `hangMs`: how long a hung call is held before the connection drops; by default until the client's 10 s timeout. */
export async function flakyPlatform(interns: number, seed = 7, hangMs?: number): Promise<FaultsReport> {
  const cohort = await startCohort([{ prefix: "f", count: interns }], {
    seed,
    rates: { serverError: 0.02, rateLimited: 0.01, hang: 0.002 },
    ensureEach: true,
    ...(hangMs === undefined ? {} : { hangMs }),
  });
  const { s, proxy } = cohort;
  try {
    const settled = () => {
      const statuses = cohort.statuses();
      return (statuses.sent ?? 0) + (statuses.dead ?? 0) + (statuses.expired ?? 0) === interns;
    };
    // The check-ins are due at 09:30; an hour of ticks is far more than 8 attempts with backoff need.
    const ticks = await tickEveryMinute(s, at("09:30"), at("10:30"), settled);
    const statuses = cohort.statuses();
    expect(statuses, "every check-in was sent, none dead or expired").toEqual({ sent: interns });
    const received = cohort.received();
    const missing: string[] = [];
    let duplicates = 0;
    for (let i = 0; i < interns; i++) {
      const count = received.get(cohort.channel("f", i)) ?? 0;
      if (count === 0) missing.push(cohort.channel("f", i));
      duplicates += Math.max(0, count - 1);
    }
    expect(missing, "interns who never got their check-in").toEqual([]);
    // A duplicate needs a call the platform carried out while the answer was lost.
    expect(duplicates).toBeLessThanOrEqual(proxy.stats.hungAfterForward);
    const maxAttempts = (
      s.peek.db.prepare("SELECT max(attempts) AS n FROM outbox WHERE key LIKE 'checkin:%'").get() as {
        n: number;
      }
    ).n;
    expect(maxAttempts).toBeLessThan(DEFAULT_DISPATCH.maxAttempts);
    expect(proxy.stats.serverErrors).toBeGreaterThan(0);
    expect(proxy.stats.rateLimited).toBeGreaterThan(0);
    expect(proxy.stats.hung).toBeGreaterThan(0);
    // The service's own check-in records follow the outbox.
    await s.tickAt(at("10:31"));
    const checkins = s.peek.db
      .prepare("SELECT status, count(*) AS n FROM checkins WHERE local_date = '2026-12-01' GROUP BY status")
      .all();
    expect(checkins).toEqual([{ status: "sent", n: interns }]);
    return {
      interns,
      delivered: interns - missing.length,
      duplicates,
      ticks,
      maxAttempts,
      stats: { ...proxy.stats },
      state: s.state(),
    };
  } finally {
    await cohort.stop();
  }
}
