import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/ports/store.js";
import { openStore, type SqliteStore } from "../../src/storage/sqlite-store.js";

const T0 = new Date("2026-11-30T12:00:00Z");
const folders: string[] = [];
const opened: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** A database file in WAL mode, as the service runs it. */
function fileStore(): SqliteStore {
  const folder = mkdtempSync(join(tmpdir(), "tandem-snapshot-"));
  folders.push(folder);
  const store = openStore(join(folder, "tandem.db"), { now: T0 });
  opened.push(store);
  return store;
}

async function copyOf(store: Store): Promise<Store> {
  const copy = await store.snapshot!();
  opened.push(copy);
  return copy;
}

describe("a snapshot of the SQLite store", () => {
  it("holds everything the database held, and its writes never reach the database", async () => {
    const store = fileStore();
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    const ws = await store.workspaces.ensure("console", "test", "Test", T0);
    const copy = await copyOf(store);
    expect((await copy.workspaces.get(ws.id))?.externalId).toBe("test");
    await copy.workspaces.ensure("console", "other", "Other", T0);
    await copy.outbox.enqueue(
      {
        workspaceId: ws.id,
        key: "k",
        address: "console:test:user:ana",
        payload: { text: "hi" },
        notBefore: T0,
      },
      T0,
    );
    expect((await copy.workspaces.list()).map((w) => w.externalId).sort()).toEqual(["other", "test"]);
    expect((await store.workspaces.list()).map((w) => w.externalId)).toEqual(["test"]);
    expect(await store.outbox.list()).toEqual([]);
    expect((await copy.migrations()).current).toBe(true);
  });

  it("waits for another caller's open transaction instead of copying half of it", async () => {
    const store = fileStore();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const writing = store.transaction(async () => {
      await store.workspaces.ensure("console", "a", "A", T0);
      await held;
      await store.workspaces.ensure("console", "b", "B", T0);
    });
    const copying = copyOf(store);
    release();
    await writing;
    expect((await (await copying).workspaces.list()).map((w) => w.externalId).sort()).toEqual(["a", "b"]);
  });
});
