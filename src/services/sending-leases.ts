import type { Store } from "../ports/store.js";

/**
 * Which workspaces this replica sends for. Each platform paces sends per workspace inside one process, so
 * with several replicas one at a time sends for a workspace: it holds the workspace's sending lease while
 * rows are ready there and hands it back when nothing is left; if it dies, the lease runs out.
 */
export interface SendingLeases {
  /** Takes or renews the lease of every workspace with rows ready at `now`; returns the workspaces held. */
  take(now: Date): Promise<number[]>;
  /** Hands back the leases of workspaces with nothing left to send. */
  settle(now: Date): Promise<void>;
}

const leaseName = (workspaceId: number) => `send:${workspaceId}`;

export function createSendingLeases(store: Store, holder: string, ttlMs: number): SendingLeases {
  const held = new Set<number>();
  return {
    async take(now) {
      const until = new Date(now.getTime() + ttlMs);
      for (const id of await store.outbox.readyWorkspaces(now)) {
        if (await store.leases.acquire(leaseName(id), holder, now, until)) held.add(id);
        else held.delete(id);
      }
      return [...held];
    },
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
