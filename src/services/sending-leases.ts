import { createHash } from "node:crypto";
import type { Clock } from "../ports/clock.js";
import type { Store } from "../ports/store.js";

/**
 * Which workspaces this replica sends for. Each platform paces sends per workspace inside one process, so
 * with several replicas one at a time sends for a workspace: it holds the workspace's sending lease while
 * rows are ready there and hands it back when nothing is left; if it dies, the lease runs out.
 *
 * The sending is spread: each replica announces itself (a heartbeat, renewed with its leases) and takes
 * only the workspaces that rendezvous hashing gives it among the live replicas. A replica that dies stops
 * announcing itself; a sending lease later, the others count without it and take its workspaces over,
 * and a replica that joins gets its share as the others hand workspaces back between batches.
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
  /**
   * Announces this replica now. Called every third of a lease whatever the passes do, so a replica busy
   * planning (no pass for a while) is not counted out and its workspaces are not handed to the others.
   */
  beat(): Promise<void>;
  /** Whether this replica still holds the workspace's lease (a late renewal may have found it taken). */
  holds(workspaceId: number): boolean;
  /** Hands back the leases of workspaces with nothing left to send. */
  settle(now: Date): Promise<void>;
  /** Hands back every lease and stops announcing this replica (a clean shutdown): the others take over at once. */
  leave(): Promise<void>;
}

const leaseName = (workspaceId: number) => `send:${workspaceId}`;

const score = (replica: string, workspaceId: number) =>
  createHash("sha256").update(`${replica}\n${workspaceId}`).digest().readUIntBE(0, 6);

/**
 * The replica that sends for a workspace among those alive (rendezvous hashing): the highest score. When
 * one dies or joins, only the workspaces it had, or that it gets, change hands.
 */
export function preferredReplica(workspaceId: number, replicas: readonly string[]): string | undefined {
  let best: { name: string; score: number } | undefined;
  for (const name of replicas) {
    const s = score(name, workspaceId);
    if (!best || s > best.score || (s === best.score && name < best.name)) best = { name, score: s };
  }
  return best?.name;
}

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
  let beatAt = Number.NEGATIVE_INFINITY;
  async function announce(at: Date): Promise<void> {
    await store.replicas.beat(holder, at);
    beatAt = at.getTime();
  }
  /** Announces this replica (unless it did lately); returns the live ones, itself included. */
  async function live(from: Date): Promise<string[]> {
    if (from.getTime() - beatAt >= ttlMs / 3) await announce(from);
    const names = await store.replicas.live(new Date(from.getTime() - ttlMs));
    return names.includes(holder) ? names : [...names, holder];
  }
  return {
    async take(now) {
      const from = current(now);
      const until = new Date(from.getTime() + ttlMs);
      const replicas = await live(from);
      // All at once: one at a time, a busy database would let the first leases run out before the last.
      await Promise.all(
        (await store.outbox.readyWorkspaces(now)).map(async (id) => {
          // Another live replica's workspace: handed back between batches, so that one can take it.
          if (preferredReplica(id, replicas) !== holder) {
            if (held.delete(id)) await store.leases.release(leaseName(id), holder);
            return;
          }
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
    beat: async () => await announce(clock.now()),
    async settle(now) {
      const ready = new Set(await store.outbox.readyWorkspaces(now));
      for (const id of held) {
        if (ready.has(id)) continue;
        await store.leases.release(leaseName(id), holder);
        held.delete(id);
      }
    },
    async leave() {
      for (const id of held) await store.leases.release(leaseName(id), holder);
      held.clear();
      await store.replicas.leave(holder);
    },
  };
}
