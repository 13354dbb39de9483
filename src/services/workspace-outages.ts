/**
 * Workspaces whose platform refused Tandem itself (bot token revoked or invalid, installation that cannot
 * be read): every send there would fail alike, so their sends pause instead of dead-lettering, with one
 * probe send every `probeEveryMs`; the first send that succeeds resumes them. Kept in memory: a restart
 * starts unpaused, and the first refused send pauses again.
 */
import type { Logger } from "pino";

export interface WorkspaceOutage {
  workspaceId: number;
  /** What the platform said, for the operator. */
  reason: string;
  since: Date;
  /** When the next probe send may go. */
  nextProbe: Date;
}

interface Paused extends WorkspaceOutage {
  /** Outbox rows put back while paused: ready again the moment a send succeeds. */
  held: Set<number>;
}

export interface WorkspaceOutages {
  /** When this workspace's sends should wait until, or undefined to send (a due probe claims its turn). */
  holdUntil(workspaceId: number, now: Date): Date | undefined;
  /** The platform refused Tandem in this workspace; returns when the next probe may go. */
  pause(workspaceId: number, reason: string, now: Date): Date;
  /** Remembers rows put back because this workspace is paused (ignored when it is not). */
  hold(workspaceId: number, outboxIds: readonly number[]): void;
  /** A send to this workspace succeeded: the rows it held when that ended an outage, else undefined. */
  resume(workspaceId: number): number[] | undefined;
  list(): WorkspaceOutage[];
}

export const PROBE_EVERY_MS = 5 * 60_000;

export function createWorkspaceOutages(deps: { log: Logger; probeEveryMs?: number }): WorkspaceOutages {
  const log = deps.log.child({ component: "outages" });
  const every = deps.probeEveryMs ?? PROBE_EVERY_MS;
  const paused = new Map<number, Paused>();
  return {
    holdUntil(workspaceId, now) {
      const outage = paused.get(workspaceId);
      if (!outage) return undefined;
      if (outage.nextProbe.getTime() > now.getTime()) return outage.nextProbe;
      // This send is the probe; the others wait for its outcome.
      outage.nextProbe = new Date(now.getTime() + every);
      return undefined;
    },
    pause(workspaceId, reason, now) {
      const nextProbe = new Date(now.getTime() + every);
      const known = paused.get(workspaceId);
      if (known) {
        known.nextProbe = nextProbe;
        known.reason = reason;
        return nextProbe;
      }
      paused.set(workspaceId, { workspaceId, reason, since: now, nextProbe, held: new Set() });
      log.error(
        { workspaceId, reason, nextProbe: nextProbe.toISOString() },
        "the platform refused Tandem in this workspace; its messages wait (nothing is dropped) until a send succeeds again: fix the token or reinstall",
      );
      return nextProbe;
    },
    hold(workspaceId, outboxIds) {
      const outage = paused.get(workspaceId);
      for (const id of outboxIds) outage?.held.add(id);
    },
    resume(workspaceId) {
      const outage = paused.get(workspaceId);
      if (!outage) return undefined;
      paused.delete(workspaceId);
      log.info(
        { workspaceId, since: outage.since.toISOString() },
        "the platform accepts Tandem again in this workspace; its waiting messages go out",
      );
      return [...outage.held];
    },
    list: () => [...paused.values()].map(({ held: _held, ...outage }) => ({ ...outage })),
  };
}
