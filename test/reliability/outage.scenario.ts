/**
 * The platform unreachable for 10 simulated minutes (connections refused), from 09:30 to 09:40 in
 * Brussels, while the scheduler ticks every minute. Three groups of interns:
 *   a: check-in at 09:30, contact hours until 17:00  -> queued during the outage, sent afterwards
 *   b: check-in at 09:30, contact hours end at 09:35 -> the window closes during the outage: expired
 *   c: check-in at 09:36, contact hours until 17:00  -> planned during the outage, sent afterwards
 * Nothing is dead-lettered, nothing is sent outside its window, and nothing goes out in the evening.
 */
import { expect } from "vitest";
import { at, startCohort, tickEveryMinute } from "./cohort.js";
import type { ServiceState } from "./service-state.js";

export interface OutageReport {
  perGroup: number;
  sentAfterOutage: number;
  expired: number;
  firstSentAt: string;
  lastSentAt: string;
  /** Read at the end: check-ins the fake Slack accepted per group, and the database. */
  reached?: Record<string, number>;
  state?: ServiceState;
}

export async function platformOutage(perGroup: number): Promise<OutageReport> {
  // Every failed attempt takes a slot of the workspace's pacing too: 15 interns a group keep each
  // workspace under Slack's cap of about 300 sends a minute (about 14 attempts per three interns).
  const cohort = await startCohort(
    [
      { prefix: "a", count: perGroup, checkInAt: "09:30" },
      { prefix: "b", count: perGroup, checkInAt: "09:30", contactHours: "Mon-Fri 06:00-09:35" },
      { prefix: "c", count: perGroup, checkInAt: "09:36" },
    ],
    {},
    15,
  );
  const { s, proxy } = cohort;
  try {
    const outageEnds = at("09:40");
    await proxy.refuse();
    await tickEveryMinute(s, at("09:30"), at("10:30"), undefined, async (now) => {
      if (now.getTime() === outageEnds.getTime()) await proxy.accept();
    });
    // The evening: the day is settled, and nothing reaches the interns late.
    for (const time of ["17:05", "19:30", "22:00"]) await s.tickAt(at(time));

    const rows = s.peek.db
      .prepare(
        "SELECT key, status, attempts, sent_at AS sentAt, expires_at AS expiresAt, recipient_id AS recipient FROM outbox WHERE key LIKE 'checkin:%'",
      )
      .all() as { key: string; status: string; attempts: number; sentAt: number | null; expiresAt: number }[];
    expect(rows.filter((r) => r.status === "dead")).toEqual([]);
    const sent = rows.filter((r) => r.status === "sent");
    for (const row of sent) {
      expect(row.sentAt!, `${row.key} waited for the platform`).toBeGreaterThanOrEqual(outageEnds.getTime());
      expect(row.sentAt!, `${row.key} was sent inside its window`).toBeLessThanOrEqual(row.expiresAt);
    }
    const received = cohort.received();
    const count = (prefix: string) => {
      let got = 0;
      for (let i = 0; i < perGroup; i++) got += received.get(cohort.channel(prefix, i)) ?? 0;
      return got;
    };
    // Refused connections never reach the platform, so nothing is sent twice.
    expect({ a: count("a"), b: count("b"), c: count("c") }).toEqual({ a: perGroup, b: 0, c: perGroup });
    expect(cohort.statuses()).toEqual({ sent: 2 * perGroup, expired: perGroup });
    // Interns whose window closed had their day skipped, never a late prompt.
    const days = s.peek.db
      .prepare(
        `SELECT substr(p.key, 1, 1) AS grp, c.status, count(*) AS n FROM checkins c
         JOIN internships i ON i.id = c.internship_id JOIN people p ON p.id = i.intern_id
         WHERE c.local_date = '2026-12-01' GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all();
    expect(days).toEqual([
      { grp: "a", status: "missed", n: perGroup },
      { grp: "b", status: "skipped", n: perGroup },
      { grp: "c", status: "missed", n: perGroup },
    ]);
    const times = sent.map((r) => r.sentAt!).sort((x, y) => x - y);
    return {
      perGroup,
      sentAfterOutage: sent.length,
      expired: rows.length - sent.length,
      firstSentAt: new Date(times[0]!).toISOString(),
      lastSentAt: new Date(times.at(-1)!).toISOString(),
      reached: { a: count("a"), b: count("b"), c: count("c") },
      state: s.state(),
    };
  } finally {
    await cohort.stop();
  }
}
