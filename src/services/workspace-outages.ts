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

export interface WorkspaceOutages {
  /** When this workspace's sends should wait until, or undefined to send (a due probe claims its turn). */
  holdUntil(workspaceId: number, now: Date): Date | undefined;
  /** The platform refused Tandem in this workspace; returns when the next probe may go. */
  pause(workspaceId: number, reason: string, now: Date): Date;
  /** A send to this workspace succeeded; true when that ended an outage. */
  resume(workspaceId: number): boolean;
  list(): WorkspaceOutage[];
}

export const PROBE_EVERY_MS = 5 * 60_000;

export function createWorkspaceOutages(deps: { log: Logger; probeEveryMs?: number }): WorkspaceOutages {
  const log = deps.log.child({ component: "outages" });
  const every = deps.probeEveryMs ?? PROBE_EVERY_MS;
  const paused = new Map<number, WorkspaceOutage>();
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
      paused.set(workspaceId, { workspaceId, reason, since: now, nextProbe });
      log.error(
        { workspaceId, reason, nextProbe: nextProbe.toISOString() },
        "the platform refused Tandem in this workspace; its messages wait (nothing is dropped) until a send succeeds again: fix the token or reinstall",
      );
      return nextProbe;
    },
    resume(workspaceId) {
      const outage = paused.get(workspaceId);
      if (!outage) return false;
      paused.delete(workspaceId);
      log.info(
        { workspaceId, since: outage.since.toISOString() },
        "the platform accepts Tandem again in this workspace; its waiting messages go out",
      );
      return true;
    },
    list: () => [...paused.values()].map((o) => ({ ...o })),
  };
}
