import type { Delivery } from "./delivery-policy.js";

/**
 * What became of one delivery: sent (or settled for good), or given up until a time, in which case the
 * rest of its lane goes back to the queue rather than waiting behind it (a hung API would hold every
 * later message to the same person for another timeout each).
 */
export type LaneStep = { giveUpUntil: Date } | undefined;

/**
 * Runs up to `limit` lanes at once, each lane's deliveries in order. When `stopped()` turns true (the
 * pass's time is up, or shutdown), no further delivery starts: what was not started goes to `putBack`.
 * When one throws (a database error), the others still finish what they hold; the first error is
 * rethrown once all have settled.
 */
export async function inLanes(
  lanes: readonly Delivery[][],
  limit: number,
  send: (delivery: Delivery) => Promise<LaneStep>,
  putBack: (deliveries: readonly Delivery[], until?: Date) => Promise<void>,
  stopped: () => boolean,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < lanes.length) {
      const lane = lanes[next++]!;
      for (let i = 0; i < lane.length; i++) {
        if (stopped()) {
          await putBack(lane.slice(i));
          break;
        }
        const step = await send(lane[i]!);
        if (step) {
          await putBack(lane.slice(i + 1), step.giveUpUntil);
          break;
        }
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, lanes.length)) }, worker);
  const failed = (await Promise.allSettled(workers)).find((r) => r.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
}
