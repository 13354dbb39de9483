import type { Clock } from "../ports/clock.js";
import type { Store } from "../ports/store.js";

/**
 * Which workspaces this replica sends for. Each platform paces sends per workspace inside one process, so
 * with several replicas one at a time sends for a workspace: it holds the workspace's sending lease while
 * rows are ready there and hands it back when nothing is left; if it dies, the lease runs out.
 */
export interface SendingLeases {
  /** Takes or renews the lease of every workspace with rows ready at `now`; returns the workspaces held. */
  take(now: Date): Promise<number[]>;
  /**
   * Renews every lease held, whether or not rows are ready (the rows being sent are claimed, not ready):
   * while a pass waits for a platform's pacing longer than a lease, no other replica takes its workspaces.
   * Returns the workspaces whose lease was lost meanwhile.
   */
  renew(): Promise<number[]>;
  /** Whether this replica still holds the workspace's lease (a late renewal may have found it taken). */
  holds(workspaceId: number): boolean;
  /** Hands back the leases of workspaces with nothing left to send. */
  settle(now: Date): Promise<void>;
}

const leaseName = (workspaceId: number) => `send:${workspaceId}`;

export function createSendingLeases(
  store: Store,
  holder: string,
  ttlMs: number,
  clock: Clock,
): SendingLeases {
  const held = new Set<number>();
  // A lease runs from the time it is taken, not from the pass's `now`: a pass that started late (a long
  // planning pass ran first) or runs long would otherwise take a lease that has already run out, and
  // another replica would send for the same workspace at the same time.
  const current = (now: Date) => new Date(Math.max(now.getTime(), clock.now().getTime()));
  return {
    async take(now) {
      const from = current(now);
      const until = new Date(from.getTime() + ttlMs);
      // All at once: one at a time, a busy database would let the first leases run out before the last.
      await Promise.all(
        (await store.outbox.readyWorkspaces(now)).map(async (id) => {
          if (await store.leases.acquire(leaseName(id), holder, from, until)) held.add(id);
          else held.delete(id);
        }),
      );
      return [...held];
    },
    async renew() {
      const from = clock.now();
      const until = new Date(from.getTime() + ttlMs);
      const lost: number[] = [];
      await Promise.all(
        [...held].map(async (id) => {
          if (await store.leases.acquire(leaseName(id), holder, from, until)) return;
          held.delete(id);
          lost.push(id);
        }),
      );
      return lost.sort((a, b) => a - b);
    },
    holds: (workspaceId) => held.has(workspaceId),
    async settle(now) {
      const ready = new Set(await store.outbox.readyWorkspaces(now));
      for (const id of held) {
        if (ready.has(id)) continue;
        await store.leases.release(leaseName(id), holder);
        held.delete(id);
      }
    },
  };
}
