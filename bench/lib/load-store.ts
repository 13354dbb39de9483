/** The benchmark's database: seeded before the service starts, counted read-only after the load. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { importProgramme } from "../../src/services/programme/import-programme.js";
import { openStore } from "../../src/storage/sqlite-store.js";
import { benchProgramme } from "./load-programme.js";

/** A temporary SQLite file with the migrations applied and the programme imported. */
export async function seedDatabase(
  platform: "slack" | "teams",
  internships: number,
  now: Date,
): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), `tandem-bench-${platform}-`)), "tandem.db");
  const store = openStore(path, { now });
  await importProgramme(store, benchProgramme(platform, internships, now), now, "bench");
  await store.close();
  return path;
}

export interface DurableCounts {
  /** Rows in inbound_events for the workspace: one per event the service recorded. */
  inbound: number;
  /** Reply clocks started in the workspace, and how many are still open. */
  tracked: number;
  open: number;
  /** Accepted (2xx) events with no inbound_events row, and accepted questions with no clock. */
  missingEvents: number;
  missingClocks: number;
}

/** Reads the database read-only: every accepted event and question must be there. */
export function countDurable(
  path: string,
  platform: "slack" | "teams",
  workspace: string,
  accepted: { keys: readonly string[]; refs: readonly string[] },
): DurableCounts {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const ids = db
      .prepare("SELECT event_id AS id FROM inbound_events WHERE platform = ? AND workspace = ?")
      .pluck()
      .all(platform, workspace) as string[];
    const clocks = db
      .prepare(
        `SELECT message_ref AS ref, closed_at IS NULL AS open FROM tracked_messages
         WHERE workspace_id = (SELECT id FROM workspaces WHERE platform = ? AND external_id = ?)`,
      )
      .all(platform, workspace) as { ref: string; open: number }[];
    const recorded = new Set(ids);
    const refs = new Set(clocks.map((c) => c.ref));
    return {
      inbound: ids.length,
      tracked: clocks.length,
      open: clocks.filter((c) => c.open).length,
      missingEvents: accepted.keys.filter((k) => !recorded.has(k)).length,
      missingClocks: accepted.refs.filter((r) => !refs.has(r)).length,
    };
  } finally {
    db.close();
  }
}

/**
 * Slack is acknowledged before the listener writes: wait until every accepted event is recorded, or the
 * count stops changing for two seconds, then check. `extra` events were recorded although the client
 * gave up on them (abandoned after the deadline): not a loss, but not counted as accepted either.
 */
export async function verifyDurable(
  path: string,
  platform: "slack" | "teams",
  workspace: string,
  load: { acceptedKeys: string[]; acceptedRefs: string[]; okByTag: Record<string, number> },
): Promise<{ durable: boolean; text: string }> {
  const accepted = { keys: load.acceptedKeys, refs: load.acceptedRefs };
  let counts = countDurable(path, platform, workspace, accepted);
  let stableSince = Date.now();
  while (counts.missingEvents > 0 && Date.now() - stableSince < 2_000) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = countDurable(path, platform, workspace, accepted);
    if (now.inbound !== counts.inbound) stableSince = Date.now();
    counts = now;
  }
  const durable = counts.missingEvents === 0 && counts.missingClocks === 0;
  const extra = counts.inbound - (load.acceptedKeys.length - counts.missingEvents);
  const text =
    `${durable ? "ok" : "LOST"}: ${load.acceptedKeys.length - counts.missingEvents}/${load.acceptedKeys.length} accepted events in inbound_events` +
    `, ${load.acceptedRefs.length - counts.missingClocks}/${load.acceptedRefs.length} accepted questions in tracked_messages (${counts.open} open)` +
    (extra > 0 ? `, ${extra} more recorded after the client gave up` : "");
  return { durable, text };
}
