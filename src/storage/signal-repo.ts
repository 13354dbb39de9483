import type { ReflectionRepo, SignalRepo } from "../ports/connection-repos.js";
import type { SqliteDatabase } from "./open-database.js";
import { type SignalRow, toSignal } from "./rows/signal-row.js";
import type { Synchronous } from "./synchronous.js";

export function createSignalRepo(db: SqliteDatabase): Synchronous<SignalRepo> {
  const save = db.prepare(
    `INSERT INTO isolation_signals (workspace_id, internship_id, local_date, level, reasons, inputs, computed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (internship_id, local_date) DO UPDATE SET level = excluded.level, reasons = excluded.reasons,
       inputs = excluded.inputs, computed_at = excluded.computed_at`,
  );
  const latest = db.prepare<[number], SignalRow>(
    "SELECT * FROM isolation_signals WHERE internship_id = ? ORDER BY local_date DESC LIMIT 1",
  );
  const between = db.prepare<[number, string, string], SignalRow>(
    "SELECT * FROM isolation_signals WHERE internship_id = ? AND local_date BETWEEN ? AND ? ORDER BY local_date",
  );
  return {
    save: (workspaceId, s) => {
      save.run(
        workspaceId,
        s.internshipId,
        s.date,
        s.level,
        JSON.stringify(s.reasons),
        JSON.stringify(s.inputs),
        s.computedAt.getTime(),
      );
    },
    latest: (internshipId) => {
      const row = latest.get(internshipId);
      return row ? toSignal(row) : undefined;
    },
    between: (internshipId, from, to) => between.all(internshipId, from, to).map(toSignal),
  };
}

export function createReflectionRepo(db: SqliteDatabase): Synchronous<ReflectionRepo> {
  const save = db.prepare(
    `INSERT INTO reflections (workspace_id, internship_id, week, text, shared, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (internship_id, week) DO UPDATE SET text = excluded.text, shared = excluded.shared`,
  );
  const list = db.prepare<
    [number],
    { internship_id: number; week: string; text: string; shared: number; created_at: number }
  >("SELECT * FROM reflections WHERE internship_id = ? ORDER BY week");
  return {
    save: (workspaceId, r, at) => {
      save.run(workspaceId, r.internshipId, r.week, r.text, r.shared ? 1 : 0, at.getTime());
    },
    forInternship: (internshipId) =>
      list.all(internshipId).map((r) => ({
        internshipId: r.internship_id,
        week: r.week,
        text: r.text,
        shared: r.shared === 1,
        createdAt: new Date(r.created_at),
      })),
  };
}
