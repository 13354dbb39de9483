import type { LeaseRepo } from "../../ports/coordination-repos.js";
import type { Sql } from "./sql.js";

export function createLeaseRepo(sql: Sql): LeaseRepo {
  return {
    // One statement: taken when absent, run out, or already ours. Two replicas racing for a free lease
    // meet on the primary key; the second sees the first's row and takes it only if it ran out.
    acquire: async (name, holder, now, until) =>
      (await sql.run(
        `INSERT INTO leases (name, holder, until_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until_at = excluded.until_at
         WHERE leases.holder = excluded.holder OR leases.until_at <= $4`,
        [name, holder, until.getTime(), now.getTime()],
      )) > 0,
    release: async (name, holder) => {
      await sql.run("DELETE FROM leases WHERE name = $1 AND holder = $2", [name, holder]);
    },
  };
}
