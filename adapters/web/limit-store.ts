/**
 * @fastify/rate-limit's store over Tandem's database: every replica counts the same sign-in requests
 * (its own store counts per process). Keys are hashed: an address is never written as it is.
 */
import { createHash } from "node:crypto";
import type { Clock } from "../../src/ports/clock.js";
import type { Store } from "../../src/ports/store.js";

type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

export function limitStoreFor(store: Store, clock: Clock) {
  return class PortalLimitStore {
    incr(key: string, callback: IncrCallback, timeWindow: number): void {
      const now = clock.now();
      const hashed = createHash("sha256").update(key).digest("hex");
      store.portalLimits.hit(hashed, timeWindow, now).then(
        ({ count, resetAt }) => callback(null, { current: count, ttl: resetAt.getTime() - now.getTime() }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }
    child(): PortalLimitStore {
      return this;
    }
  };
}
