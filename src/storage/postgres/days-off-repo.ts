import type { WorkspaceDaysOff } from "../../domain/days-off.js";
import type { DaysOffRepo } from "../../ports/store.js";
import { type ClosureRow, type HolidayRow, toClosure, toHoliday } from "../rows/days-off-row.js";
import type { Sql } from "./sql.js";

/** A stable text form of a workspace's days off, order-independent, to tell whether an import changes them. */
function fingerprint(days: WorkspaceDaysOff): string {
  const holidays = days.holidays.map((h) => JSON.stringify([h.country, h.region ?? "", h.date, h.name]));
  const closures = days.closures.map((c) =>
    JSON.stringify([c.from, c.to, c.name, c.people ? [...c.people].sort() : null]),
  );
  return JSON.stringify([holidays.sort(), closures.sort()]);
}

export function createDaysOffRepo(sql: Sql): DaysOffRepo {
  const of = async (workspaceId: number): Promise<WorkspaceDaysOff> => ({
    holidays: (
      await sql.rows<HolidayRow>(
        "SELECT country, region, date, name FROM added_holidays WHERE workspace_id = $1 ORDER BY date, id",
        [workspaceId],
      )
    ).map(toHoliday),
    closures: (
      await sql.rows<ClosureRow>(
        "SELECT from_date, to_date, name, people FROM closures WHERE workspace_id = $1 ORDER BY from_date, id",
        [workspaceId],
      )
    ).map(toClosure),
  });
  return {
    of,
    replace: (workspaceId, days) =>
      sql.atomic(async () => {
        // Two replicas importing at once take turns (compare, then replace), so neither adds a second copy.
        // NO KEY UPDATE: rows that merely reference the workspace are not held up.
        await sql.run("SELECT 1 FROM workspaces WHERE id = $1 FOR NO KEY UPDATE", [workspaceId]);
        if (fingerprint(await of(workspaceId)) === fingerprint(days)) return false;
        await sql.run("DELETE FROM added_holidays WHERE workspace_id = $1", [workspaceId]);
        await sql.run("DELETE FROM closures WHERE workspace_id = $1", [workspaceId]);
        for (const h of days.holidays) {
          await sql.run(
            "INSERT INTO added_holidays (workspace_id, country, region, date, name) VALUES ($1, $2, $3, $4, $5)",
            [workspaceId, h.country, h.region ?? null, h.date, h.name],
          );
        }
        for (const c of days.closures) {
          await sql.run(
            "INSERT INTO closures (workspace_id, from_date, to_date, name, people) VALUES ($1, $2, $3, $4, $5)",
            [workspaceId, c.from, c.to, c.name, c.people ? JSON.stringify(c.people) : null],
          );
        }
        return true;
      }),
  };
}
