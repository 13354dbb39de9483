import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { createRetention } from "../../src/services/retention.js";
import { openStore } from "../../src/storage/sqlite-store.js";
import { createBotHarness } from "../helpers/bot-harness.js";
import { countRows, onPostgresRun, rawRows } from "../helpers/test-store.js";

const DAY = 86_400_000;

/**
 * On 2028-03-30 (a year after 2027-03-31): Ana's internship ended exactly 365 days ago, Ben's
 * (2027-02-28) longer ago. Rows a day either side of each retention limit.
 */
async function setup() {
  const h = await createBotHarness({ now: "2028-03-30T12:00:00Z" });
  const now = h.clock.now();
  const ago = (days: number, extraMs = 0) => new Date(now.getTime() - days * DAY - extraMs);
  for (const [id, days] of [
    ["old", 31],
    ["edge", 30],
    ["recent", 29],
  ] as const) {
    await h.store.inbound.firstSeen("console", "test", id, id === "edge" ? ago(30, -60_000) : ago(days));
  }
  const outbox = async (key: string, sentDaysAgo: number | undefined) => {
    await h.store.outbox.enqueue(
      {
        workspaceId: h.workspace.id,
        key,
        recipientId: (await h.person("bram")).id,
        address: "console:test:user:bram",
        payload: { text: `blocker text ${key}` },
        notBefore: ago(200),
      },
      ago(200),
    );
    const row = (await h.store.outbox.get(h.workspace.id, key))!;
    if (sentDaysAgo !== undefined) await h.store.outbox.markSent(row.id, ago(sentDaysAgo), undefined);
  };
  await outbox("sent-91", 91);
  await outbox("sent-89", 89);
  await outbox("pending", undefined);
  for (const key of ["ana-2026", "ben-2026"]) {
    const internship = await h.internship(key);
    await h.store.checkins.create(h.workspace.id, internship.id, "2027-01-05", "due", ago(400));
    await h.store.reflections.save(
      h.workspace.id,
      { internshipId: internship.id, week: "2027-W02", text: `reflection of ${key}`, shared: true },
      ago(400),
    );
  }
  return { h, retention: createRetention({ store: h.store, log: h.log.log }) };
}

describe("retention", () => {
  it("deletes or blanks exactly what is older than each setting", async () => {
    const { h, retention } = await setup();
    expect(await retention.run(h.clock.now())).toBe(true);
    const inbound = await rawRows(h.store, "SELECT event_id FROM inbound_events ORDER BY event_id");
    expect(inbound).toEqual([{ event_id: "edge" }, { event_id: "recent" }]);
    const payloads = Object.fromEntries((await h.store.outbox.list()).map((o) => [o.key, o.payload.text]));
    expect(payloads).toEqual({
      "sent-91": "",
      "sent-89": "blocker text sent-89",
      pending: "blocker text pending",
    });
    expect(await h.store.checkins.get((await h.internship("ben-2026")).id, "2027-01-05")).toBeUndefined();
    expect(await h.store.checkins.get((await h.internship("ana-2026")).id, "2027-01-05")).toBeDefined();
    expect(await h.store.reflections.forInternship((await h.internship("ben-2026")).id)).toEqual([]);
    expect(await h.store.reflections.forInternship((await h.internship("ana-2026")).id)).toHaveLength(1);
  });

  it("deletes expired portal sign-in links and sessions, and keeps those still valid", async () => {
    const { h, retention } = await setup();
    const now = h.clock.now().getTime();
    const link = (hash: string, expiresAt: number) => ({
      tokenHash: hash,
      principal: "{}",
      createdAt: new Date(expiresAt - 15 * 60_000),
      expiresAt: new Date(expiresAt),
    });
    await h.store.portalLinks.add(link("expired", now - 1));
    await h.store.portalLinks.add(link("valid", now + 60_000));
    await h.store.portalSessions.set("idle", "{}", new Date(now - 1));
    await h.store.portalSessions.set("active", "{}", new Date(now + 60_000));
    expect(await retention.run(h.clock.now())).toBe(true);
    expect(await rawRows(h.store, "SELECT token_hash FROM portal_links")).toEqual([{ token_hash: "valid" }]);
    expect(await rawRows(h.store, "SELECT id_hash FROM portal_sessions")).toEqual([{ id_hash: "active" }]);
  });

  it("runs once a day, in batches that leave the rest for the next tick", async () => {
    const { h, retention } = await setup();
    const old = new Date(h.clock.now().getTime() - 40 * DAY);
    for (let i = 0; i < 6_000; i++) await h.store.inbound.firstSeen("console", "test", `bulk-${i}`, old);
    const count = () => countRows(h.store, "inbound_events");
    expect(await retention.run(h.clock.now())).toBe(false);
    expect(await count()).toBe(6_003 - 5_000);
    expect(await retention.run(h.clock.now())).toBe(true);
    expect(await count()).toBe(2);
    await h.store.inbound.firstSeen("console", "test", "late", old);
    expect(await retention.run(h.clock.now())).toBe(true);
    expect(await count()).toBe(3);
    // The next day: "late" goes, and so does "edge", now past 30 days; "recent" stays.
    expect(await retention.run(new Date(h.clock.now().getTime() + DAY))).toBe(true);
    expect(await rawRows(h.store, "SELECT event_id FROM inbound_events")).toEqual([{ event_id: "recent" }]);
  });
});

describe.skipIf(onPostgresRun())("retention in the ticker (SQLite only: the CLI opens DATABASE_PATH)", () => {
  it("tandem tick applies it with the configured days", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-retention-"));
    const env = { LOG_LEVEL: "silent", DATABASE_PATH: join(dir, "tandem.db"), RETENTION_INBOUND_DAYS: "7" };
    const io = {
      stdout: { write: () => undefined },
      stderr: { write: () => undefined },
      stdin: new PassThrough(),
      env,
    };
    expect(await runCli(["migrate"], io)).toBe(0);
    const at = new Date("2026-12-01T12:00:00Z");
    const store = openStore(env.DATABASE_PATH, { now: at });
    await store.inbound.firstSeen("console", "test", "eight-days", new Date(at.getTime() - 8 * DAY));
    await store.inbound.firstSeen("console", "test", "six-days", new Date(at.getTime() - 6 * DAY));
    await store.close();
    expect(await runCli(["tick", "--at", at.toISOString()], io)).toBe(0);
    const after = openStore(env.DATABASE_PATH, { now: at });
    try {
      expect(after.db.prepare("SELECT event_id FROM inbound_events").all()).toEqual([
        { event_id: "six-days" },
      ]);
    } finally {
      await after.close();
    }
  });
});
