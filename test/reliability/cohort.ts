/** A cohort of interns in Slack workspaces T1, T2, ... behind the fault proxy, and what reached them. */
import { DateTime } from "luxon";
import { type FaultProxy, type FaultRates, startFaultProxy } from "./fault-proxy.js";
import { type CohortGroup, cohortProgrammes, slackId } from "./programmes.js";
import { type ReliableService, startReliableService } from "./service.js";

export const BXL = "Europe/Brussels";
/** A wall-clock time in Brussels on the scenario day, e.g. at("09:30"). */
export const at = (time: string, day = "2026-12-01") =>
  DateTime.fromISO(`${day}T${time}`, { zone: BXL }).toJSDate();

export interface Cohort {
  s: ReliableService;
  proxy: FaultProxy;
  groups: CohortGroup[];
  /** Check-in prompts Slack accepted, per intern's DM channel. */
  received(): Map<string, number>;
  /** The DM channel of the n-th intern of a group. */
  channel(prefix: string, n: number): string;
  /** Outbox rows of check-in prompts by status. */
  statuses(): Record<string, number>;
  stop(): Promise<void>;
}

/** `perWorkspace`: interns per Slack workspace and group (see cohortProgrammes). */
export async function startCohort(
  groups: CohortGroup[],
  proxyOptions: { seed?: number; rates?: FaultRates; ensureEach?: boolean; hangMs?: number } = {},
  perWorkspace = 250,
): Promise<Cohort> {
  let proxy: FaultProxy | undefined;
  const s = await startReliableService({
    programmes: cohortProgrammes(groups, perWorkspace),
    slackApiUrl: async (fakeUrl) => {
      proxy = await startFaultProxy(fakeUrl, proxyOptions);
      return proxy.url;
    },
    logLevel: "warn",
  });
  const channel = (prefix: string, n: number) => s.fake.dmChannel(slackId(prefix, n));
  return {
    s,
    proxy: proxy!,
    groups,
    channel,
    received() {
      const counts = new Map<string, number>();
      for (const call of s.fake.okCalls("chat.postMessage")) {
        if (!String(call.params.text).includes("time for your check-in")) continue;
        const target = String(call.response?.channel);
        counts.set(target, (counts.get(target) ?? 0) + 1);
      }
      return counts;
    },
    statuses() {
      const rows = s.peek.db
        .prepare("SELECT status, count(*) AS n FROM outbox WHERE key LIKE 'checkin:%' GROUP BY status")
        .all() as { status: string; n: number }[];
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    },
    async stop() {
      await proxy?.close();
      await s.stop();
    },
  };
}

/** Ticks once a simulated minute from `from` until `done()` or `until`; returns the ticks run. */
export async function tickEveryMinute(
  s: ReliableService,
  from: Date,
  until: Date,
  done: () => boolean = () => false,
  before?: (now: Date) => Promise<void> | void,
): Promise<number> {
  let ticks = 0;
  for (let now = from.getTime(); now <= until.getTime(); now += 60_000) {
    await before?.(new Date(now));
    await s.tickAt(new Date(now));
    ticks += 1;
    if (done()) break;
  }
  return ticks;
}
