/**
 * The timers that keep a replica's sending leases and its presence alive, each every third of a lease:
 * renewal while a dispatch pass runs, and the heartbeat the other replicas see (see sending-leases.ts).
 */
import type { Logger } from "pino";
import type { SendingLeases } from "./sending-leases.js";

export interface LeaseTimers {
  /**
   * Renews the sending leases while a pass runs: its sends may wait for a platform's pacing (a minute at
   * Slack's per-workspace cap) longer than a lease. The returned stop waits for a renewal under way, so
   * none re-takes a lease that settle() hands back.
   */
  keepDuringPass(): () => Promise<void>;
  /** This replica's heartbeat, while its passes run on a metronome. */
  startHeartbeat(): NodeJS.Timeout;
}

export function createLeaseTimers(sending: SendingLeases, leaseMs: number, log: Logger): LeaseTimers {
  const every = (tick: () => void) => {
    const timer = setInterval(tick, leaseMs / 3);
    timer.unref();
    return timer;
  };
  return {
    keepDuringPass() {
      let renewing: Promise<unknown> = Promise.resolve();
      const timer = every(() => {
        renewing = sending.renew().then(
          (lost) => {
            if (lost.length > 0)
              log.warn({ workspaceIds: lost }, "another replica took these workspaces' sending leases");
          },
          (error: unknown) =>
            log.warn(
              { err: error },
              "could not renew the sending leases; another replica takes them when they run out",
            ),
        );
      });
      return async () => {
        clearInterval(timer);
        await renewing;
      };
    },
    startHeartbeat: () =>
      every(() => {
        sending
          .beat()
          .catch((error: unknown) =>
            log.warn(
              { err: error },
              "could not announce this replica; the others take its workspaces if it stays silent",
            ),
          );
      }),
  };
}
