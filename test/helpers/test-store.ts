import { openStore, type SqliteStore } from "../../src/storage/sqlite-store.js";

/** A real in-memory SQLite with the real migrations. */
export function createTestStore(now = new Date("2026-11-30T12:00:00Z")): SqliteStore {
  return openStore(":memory:", { now });
}
