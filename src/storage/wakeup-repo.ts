import type { WakeupRepo } from "../ports/coordination-repos.js";
import type { SqliteDatabase } from "./open-database.js";
import type { Synchronous } from "./synchronous.js";

export function createWakeupRepo(db: SqliteDatabase): Synchronous<WakeupRepo> {
  const due = db.prepare<[string, number, number], { workspace_id: number; internship_id: number }>(
    "SELECT workspace_id, internship_id FROM wakeups WHERE kind = ? AND due_at <= ? ORDER BY due_at LIMIT ?",
  );
  const set = db.prepare(
    `INSERT INTO wakeups (workspace_id, internship_id, kind, due_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (internship_id, kind) DO UPDATE SET due_at = excluded.due_at`,
  );
  // Touch never postpones: an earlier wake-up already planned stays.
  const touch = db.prepare(
    `INSERT INTO wakeups (workspace_id, internship_id, kind, due_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (internship_id, kind) DO UPDATE SET due_at = min(due_at, excluded.due_at)`,
  );
  const clear = db.prepare("DELETE FROM wakeups WHERE internship_id = ? AND kind = ?");
  const clearAll = db.prepare("DELETE FROM wakeups WHERE internship_id = ?");
  const get = db.prepare<[number, string], { due_at: number }>(
    "SELECT due_at FROM wakeups WHERE internship_id = ? AND kind = ?",
  );
  return {
    due: (kind, now, limit) =>
      due
        .all(kind, now.getTime(), limit)
        .map((r) => ({ workspaceId: r.workspace_id, internshipId: r.internship_id })),
    set: (workspaceId, internshipId, kind, at) => {
      set.run(workspaceId, internshipId, kind, at.getTime());
    },
    touch: (workspaceId, internshipId, kinds, at) => {
      for (const kind of kinds) touch.run(workspaceId, internshipId, kind, at.getTime());
    },
    touchEach: (internships, kinds, at) => {
      for (const { workspaceId, internshipId } of internships)
        for (const kind of kinds) touch.run(workspaceId, internshipId, kind, at.getTime());
    },
    clear: (internshipId, kind) => {
      clear.run(internshipId, kind);
    },
    clearAll: (internshipId) => {
      clearAll.run(internshipId);
    },
    get: (internshipId, kind) => {
      const row = get.get(internshipId, kind);
      return row ? new Date(row.due_at) : undefined;
    },
  };
}
