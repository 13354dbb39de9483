import type { LeaseRepo } from "../ports/coordination-repos.js";
import type { SqliteDatabase } from "./open-database.js";
import type { Synchronous } from "./synchronous.js";

export function createLeaseRepo(db: SqliteDatabase): Synchronous<LeaseRepo> {
  // One statement: taken when absent, run out, or already ours; otherwise the row stays as it is.
  const acquire = db.prepare<{ name: string; holder: string; now: number; until: number }>(
    `INSERT INTO leases (name, holder, until_at) VALUES (@name, @holder, @until)
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until_at = excluded.until_at
     WHERE leases.holder = excluded.holder OR leases.until_at <= @now`,
  );
  const release = db.prepare("DELETE FROM leases WHERE name = ? AND holder = ?");
  return {
    acquire: (name, holder, now, until) =>
      acquire.run({ name, holder, now: now.getTime(), until: until.getTime() }).changes > 0,
    release: (name, holder) => {
      release.run(name, holder);
    },
  };
}
