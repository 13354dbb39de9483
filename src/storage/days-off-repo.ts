import type { WorkspaceDaysOff } from "../domain/days-off.js";
import type { DaysOffRepo } from "../ports/store.js";
import type { SqliteDatabase } from "./open-database.js";
import { type ClosureRow, type HolidayRow, toClosure, toHoliday } from "./rows/days-off-row.js";
import type { Synchronous } from "./synchronous.js";

/** A stable text form of a workspace's days off, order-independent, to tell whether an import changes them. */
function fingerprint(days: WorkspaceDaysOff): string {
  const holidays = days.holidays.map((h) => JSON.stringify([h.country, h.region ?? "", h.date, h.name]));
  const closures = days.closures.map((c) =>
    JSON.stringify([c.from, c.to, c.name, c.people ? [...c.people].sort() : null]),
  );
  return JSON.stringify([holidays.sort(), closures.sort()]);
}

export function createDaysOffRepo(db: SqliteDatabase): Synchronous<DaysOffRepo> {
  const holidays = db.prepare<[number], HolidayRow>(
    "SELECT country, region, date, name FROM added_holidays WHERE workspace_id = ? ORDER BY date, id",
  );
  const closures = db.prepare<[number], ClosureRow>(
    "SELECT from_date, to_date, name, people FROM closures WHERE workspace_id = ? ORDER BY from_date, id",
  );
  const deleteHolidays = db.prepare("DELETE FROM added_holidays WHERE workspace_id = ?");
  const deleteClosures = db.prepare("DELETE FROM closures WHERE workspace_id = ?");
  const insertHoliday = db.prepare(
    "INSERT INTO added_holidays (workspace_id, country, region, date, name) VALUES (?, ?, ?, ?, ?)",
  );
  const insertClosure = db.prepare(
    "INSERT INTO closures (workspace_id, from_date, to_date, name, people) VALUES (?, ?, ?, ?, ?)",
  );
  const of = (workspaceId: number): WorkspaceDaysOff => ({
    holidays: holidays.all(workspaceId).map(toHoliday),
    closures: closures.all(workspaceId).map(toClosure),
  });
  return {
    of,
    replace: (workspaceId, days) => {
      if (fingerprint(of(workspaceId)) === fingerprint(days)) return false;
      deleteHolidays.run(workspaceId);
      deleteClosures.run(workspaceId);
      for (const h of days.holidays)
        insertHoliday.run(workspaceId, h.country, h.region ?? null, h.date, h.name);
      for (const c of days.closures) {
        insertClosure.run(workspaceId, c.from, c.to, c.name, c.people ? JSON.stringify(c.people) : null);
      }
      return true;
    },
  };
}
