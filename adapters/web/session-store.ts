/**
 * The portal's sessions in Tandem's store (SQLite or PostgreSQL), so every replica knows them and a
 * restart signs nobody out. Keyed by a hash of the session id; each write pushes the expiry to 12 hours
 * after the last request (the session library saves on every response: rolling), read on Tandem's clock.
 */
import { createHash } from "node:crypto";
import type { SessionStore } from "@fastify/session";
import type { Session } from "fastify";
import type { Clock } from "../../src/ports/clock.js";
import type { Store } from "../../src/ports/store.js";

export const SESSION_IDLE_MS = 12 * 60 * 60_000;

const hashOf = (sessionId: string) => createHash("sha256").update(sessionId).digest("hex");

export function createSessionStore(store: Store, clock: Clock, idleMs = SESSION_IDLE_MS): SessionStore {
  return {
    set(sessionId, session, callback) {
      const expires = new Date(clock.now().getTime() + idleMs);
      store.portalSessions.set(hashOf(sessionId), JSON.stringify(session), expires).then(
        () => callback(),
        (error: unknown) => callback(error),
      );
    },
    get(sessionId, callback) {
      store.portalSessions.get(hashOf(sessionId), clock.now()).then(
        (data) => callback(null, data ? (JSON.parse(data) as Session) : null),
        (error: unknown) => callback(error),
      );
    },
    destroy(sessionId, callback) {
      store.portalSessions.destroy(hashOf(sessionId)).then(
        () => callback(),
        (error: unknown) => callback(error),
      );
    },
  };
}
