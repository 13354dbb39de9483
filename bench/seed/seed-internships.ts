/**
 * Bulk seeding for benchmarks: N internships (intern, supervisor, coordinator, agreement, one wake-up
 * per rule) written straight into a SQLite file through the real migrations and prepared statements,
 * in one transaction. The programme importer validates, upserts row by row and audits everything: right
 * for real programmes, far too slow for 100,000 internships. The rows written here are what the importer
 * writes for the same people (minus the audit log), so the planner and dispatcher see a realistic store.
 */
import { DEFAULT_TERMS } from "../../src/domain/agreement.js";
import type { Platform } from "../../src/domain/types.js";
import { WAKEUP_KINDS, type WakeupKind } from "../../src/services/rules/wakeup-rule.js";
import { openStore, type SqliteStore } from "../../src/storage/sqlite-store.js";

export interface Zone {
  timezone: string;
  country: string;
}

/** Where interns live. The first five are all inside a 09:00-17:00 day at 13:00 UTC on a winter weekday. */
export const ZONES: readonly Zone[] = [
  { timezone: "America/Sao_Paulo", country: "BR" },
  { timezone: "Europe/Brussels", country: "BE" },
  { timezone: "Europe/Lisbon", country: "PT" },
  { timezone: "Africa/Nairobi", country: "KE" },
  { timezone: "Europe/Berlin", country: "DE" },
  { timezone: "Asia/Kolkata", country: "IN" },
  { timezone: "Asia/Tokyo", country: "JP" },
  { timezone: "America/New_York", country: "US" },
];

export interface SeedOptions {
  path: string;
  platform: Platform;
  workspaces: number;
  internsPerWorkspace: number;
  /** When the rows were "imported". */
  at: Date;
  /** Zones interns are spread over, round-robin; ZONES by default. */
  zones?: readonly Zone[];
  /** When each wake-up is due; by default spread over the day after `at` (nothing due at `at`). */
  wakeAt?(kind: WakeupKind, internship: number): Date;
  /** Interns per supervisor (5 by default); one coordinator per workspace. */
  internsPerSupervisor?: number;
}

export interface SeededInternship {
  id: number;
  workspaceId: number;
  /** The workspace's platform id, e.g. T7. */
  team: string;
  /** The intern's platform id, unique across workspaces, e.g. U7N42. */
  user: string;
  zone: Zone;
}

export interface SeedResult {
  internships: SeededInternship[];
  workspaces: { id: number; team: string }[];
  ms: number;
}

const HOUR = 3_600_000;

/** Seeds a fresh database file and closes it; returns what was written. */
export async function seedInternships(options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const store = openStore(options.path, { now: options.at });
  try {
    const result = await store.transaction(async () => writeAll(store, options));
    return { ...result, ms: performance.now() - started };
  } finally {
    await store.close();
  }
}

function writeAll(store: SqliteStore, options: SeedOptions): Omit<SeedResult, "ms"> {
  const { db } = store;
  const at = options.at.getTime();
  const zones = options.zones ?? ZONES;
  const perSupervisor = options.internsPerSupervisor ?? 5;
  const wakeAt =
    options.wakeAt ??
    ((_kind: WakeupKind, n: number) => new Date(at + HOUR + ((n * 7_919) % 1_440) * 60_000));
  const workspace = db.prepare(
    "INSERT INTO workspaces (platform, external_id, name, created_at) VALUES (?, ?, ?, ?)",
  );
  const person = db.prepare(
    `INSERT INTO people (workspace_id, key, name, timezone, country, contact_hours, department, is_colleague, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'Mon-Fri 09:00-17:00', ?, 0, ?, ?)`,
  );
  const identity = db.prepare(
    "INSERT INTO person_identities (workspace_id, platform, external_id, person_id) VALUES (?, ?, ?, ?)",
  );
  const internship = db.prepare(
    `INSERT INTO internships (workspace_id, key, intern_id, supervisor_id, coordinator_id, start_date, end_date, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, '2026-09-01', '2027-02-26', ?, ?)`,
  );
  const agreement = db.prepare(
    "INSERT INTO agreements (workspace_id, internship_id, version, terms, created_at) VALUES (?, ?, 1, ?, ?)",
  );
  const wakeup = db.prepare(
    "INSERT INTO wakeups (workspace_id, internship_id, kind, due_at) VALUES (?, ?, ?, ?)",
  );
  const terms = JSON.stringify(DEFAULT_TERMS);
  const addPerson = (ws: number, key: string, name: string, zone: Zone, user: string, dept?: string) => {
    const id = Number(
      person.run(ws, key, name, zone.timezone, zone.country, dept ?? null, at, at).lastInsertRowid,
    );
    identity.run(ws, options.platform, user, id);
    return id;
  };

  const internships: SeededInternship[] = [];
  const workspaces: { id: number; team: string }[] = [];
  let n = 0;
  for (let w = 1; w <= options.workspaces; w++) {
    const team = `T${w}`;
    const ws = Number(workspace.run(options.platform, team, `Workspace ${w}`, at).lastInsertRowid);
    workspaces.push({ id: ws, team });
    const coordinator = addPerson(ws, "coordinator", "Coordinator", ZONES[1]!, `U${w}C`);
    let supervisor = 0;
    for (let i = 0; i < options.internsPerWorkspace; i++) {
      if (i % perSupervisor === 0) {
        const s = i / perSupervisor;
        supervisor = addPerson(ws, `sup${s}`, `Supervisor ${s}`, ZONES[1]!, `U${w}S${s}`, "Engineering");
      }
      const zone = zones[n % zones.length]!;
      const user = `U${w}N${i}`;
      const intern = addPerson(ws, `intern${i}`, `Intern ${w}-${i}`, zone, user);
      const id = Number(
        internship.run(ws, `intern${i}-2026`, intern, supervisor, coordinator, at, at).lastInsertRowid,
      );
      agreement.run(ws, id, terms, at);
      for (const kind of WAKEUP_KINDS) wakeup.run(ws, id, kind, wakeAt(kind, n).getTime());
      internships.push({ id, workspaceId: ws, team, user, zone });
      n += 1;
    }
  }
  return { internships, workspaces };
}
