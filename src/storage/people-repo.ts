import { DEFAULT_INTRO_CAPACITY, type LeavePeriod, type Platform } from "../domain/types.js";
import type { PeopleRepo, PersonInput } from "../ports/store.js";
import type { SqliteDatabase } from "./open-database.js";
import { type LeaveRow, type PersonRow, toPerson } from "./rows/person-row.js";
import type { Synchronous } from "./synchronous.js";

export function createPeopleRepo(db: SqliteDatabase): Synchronous<PeopleRepo> {
  // One query per person: leave and platform ids come along as JSON instead of two more queries each.
  const person = `p.*,
    (SELECT json_group_array(json_array(from_date, to_date)) FROM
      (SELECT from_date, to_date FROM leave_periods WHERE person_id = p.id ORDER BY from_date, to_date)) AS leave_json,
    (SELECT json_group_object(platform, external_id) FROM person_identities WHERE person_id = p.id) AS ids_json`;
  const get = db.prepare<[number, number], PersonRow>(
    `SELECT ${person} FROM people p WHERE p.workspace_id = ? AND p.id = ?`,
  );
  const anyWorkspace = db.prepare<[number], PersonRow>(`SELECT ${person} FROM people p WHERE p.id = ?`);
  const byKey = db.prepare<[number, string], PersonRow>(
    `SELECT ${person} FROM people p WHERE p.workspace_id = ? AND p.key = ?`,
  );
  // SQLite's lower() folds ASCII only, so "CHLOÉ" would miss "Chloé": handles are compared in JS.
  const byId = db.prepare<[number], PersonRow>(
    `SELECT ${person} FROM people p WHERE p.workspace_id = ? ORDER BY p.id`,
  );
  const byPlatformId = db.prepare<[number, string, string], PersonRow>(
    `SELECT ${person} FROM person_identities i JOIN people p ON p.id = i.person_id
     WHERE i.workspace_id = ? AND i.platform = ? AND i.external_id = ?`,
  );
  const list = db.prepare<[number], PersonRow>(
    `SELECT ${person} FROM people p WHERE p.workspace_id = ? ORDER BY p.key`,
  );
  const ids = db.prepare<[number], { platform: Platform; external_id: string }>(
    "SELECT platform, external_id FROM person_identities WHERE person_id = ?",
  );
  const leave = db.prepare<[number], LeaveRow>(
    "SELECT from_date, to_date, source FROM leave_periods WHERE person_id = ? ORDER BY from_date, to_date",
  );
  const setColleague = db.prepare("UPDATE people SET is_colleague = ? WHERE id = ?");
  const colleagues = db.prepare<[number], PersonRow>(
    `SELECT ${person} FROM people p WHERE p.workspace_id = ? AND p.is_colleague = 1 ORDER BY p.id`,
  );
  const colleague = db.prepare<[number], { is_colleague: number }>(
    "SELECT is_colleague FROM people WHERE id = ?",
  );
  const insert = db.prepare(
    `INSERT INTO people (workspace_id, key, name, timezone, country, region, contact_hours, department, is_colleague, daily_budget, languages, intro_capacity, email, created_at, updated_at)
     VALUES (@workspaceId, @key, @name, @timezone, @country, @region, @contactHours, @department, @isColleague, @dailyBudget,
       @languages, @introCapacity, @email, @at, @at)`,
  );
  const update = db.prepare(
    `UPDATE people SET name = @name, timezone = @timezone, country = @country, region = @region,
       contact_hours = @contactHours, department = @department, is_colleague = @isColleague,
       daily_budget = @dailyBudget, languages = @languages, intro_capacity = @introCapacity, email = @email,
       updated_at = @at
     WHERE id = @id`,
  );
  const byEmail = db.prepare<[string], PersonRow>(
    `SELECT ${person} FROM people p WHERE p.email = ? ORDER BY p.id`,
  );
  const setDigestsTo = db.prepare("UPDATE people SET digests_to = ? WHERE id = ?");
  const deleteIds = db.prepare("DELETE FROM person_identities WHERE person_id = ?");
  // The programme file is the truth about who holds a platform id: an id that moves to another
  // person (ids swapped, a key renamed) is released by its old holder first.
  const releaseId = db.prepare(
    "DELETE FROM person_identities WHERE workspace_id = ? AND platform = ? AND external_id = ? AND person_id <> ?",
  );
  const insertId = db.prepare(
    "INSERT INTO person_identities (workspace_id, platform, external_id, person_id) VALUES (?, ?, ?, ?)",
  );
  const deleteLeave = db.prepare("DELETE FROM leave_periods WHERE person_id = ? AND source = ?");
  const insertLeave = db.prepare(
    "INSERT INTO leave_periods (workspace_id, person_id, from_date, to_date, source, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  );

  const maybe = (row: PersonRow | undefined) => (row ? toPerson(row) : undefined);

  const sameIds = (personId: number, wanted: Partial<Record<Platform, string>>) => {
    const current = Object.fromEntries(ids.all(personId).map((i) => [i.platform, i.external_id]));
    return JSON.stringify(sortKeys(current)) === JSON.stringify(sortKeys(wanted));
  };

  return {
    get: (workspaceId, id) => maybe(get.get(workspaceId, id)),
    getEach: (ids) => ids.flatMap((id) => maybe(anyWorkspace.get(id)) ?? []),
    byKey: (workspaceId, key) => maybe(byKey.get(workspaceId, key)),
    byPlatformId: (workspaceId, platform, externalId) =>
      maybe(byPlatformId.get(workspaceId, platform, externalId)),
    byHandle: (workspaceId, handle) => {
      const wanted = fold(handle);
      return maybe(
        byId
          .all(workspaceId)
          .find((row) => fold(row.key) === wanted || fold(row.name.replaceAll(" ", "")) === wanted),
      );
    },
    list: (workspaceId) => list.all(workspaceId).map(toPerson),
    isColleague: (personId) => colleague.get(personId)?.is_colleague === 1,
    setColleague: (personId, value) => {
      setColleague.run(value ? 1 : 0, personId);
    },
    colleagues: (workspaceId) => colleagues.all(workspaceId).map(toPerson),
    upsert: (workspaceId, input: PersonInput, at) => {
      const params = {
        workspaceId,
        key: input.key,
        name: input.name,
        timezone: input.timezone,
        country: input.country,
        region: input.region ?? null,
        contactHours: input.contactHours,
        department: input.department ?? null,
        isColleague: input.isColleague ? 1 : 0,
        dailyBudget: input.dailyBudget,
        languages: JSON.stringify(input.languages ?? []),
        introCapacity: input.introCapacity ?? DEFAULT_INTRO_CAPACITY,
        email: input.email?.trim().toLowerCase() || null,
        at: at.getTime(),
      };
      const existing = byKey.get(workspaceId, input.key);
      let id: number;
      let changed = false;
      if (!existing) {
        id = Number(insert.run(params).lastInsertRowid);
        changed = true;
      } else {
        id = existing.id;
        const same =
          existing.name === params.name &&
          existing.timezone === params.timezone &&
          existing.country === params.country &&
          existing.region === params.region &&
          existing.contact_hours === params.contactHours &&
          existing.department === params.department &&
          existing.is_colleague === params.isColleague &&
          existing.daily_budget === params.dailyBudget &&
          existing.languages === params.languages &&
          existing.intro_capacity === params.introCapacity &&
          existing.email === params.email;
        if (!same) {
          update.run({ ...params, id });
          changed = true;
        }
      }
      if (!sameIds(id, input.ids)) {
        deleteIds.run(id);
        for (const [platform, externalId] of Object.entries(input.ids)) {
          if (!externalId) continue;
          releaseId.run(workspaceId, platform, externalId, id);
          insertId.run(workspaceId, platform, externalId, id);
        }
        changed = true;
      }
      return { id, changed };
    },
    replaceLeave: (workspaceId, personId, source, periods: LeavePeriod[], at) => {
      const current = leave
        .all(personId)
        .filter((l) => l.source === source)
        .map((l) => `${l.from_date}/${l.to_date}`);
      const wanted = periods.map((p) => `${p.from}/${p.to}`).sort();
      if (JSON.stringify(current.sort()) === JSON.stringify(wanted)) return false;
      deleteLeave.run(personId, source);
      for (const p of periods) insertLeave.run(workspaceId, personId, p.from, p.to, source, at.getTime());
      return true;
    },
    addLeave: (workspaceId, personId, period, at) => {
      insertLeave.run(workspaceId, personId, period.from, period.to, "command", at.getTime());
    },
    leaveOf: (personId) =>
      leave.all(personId).map((l) => ({ from: l.from_date, to: l.to_date, source: l.source })),
    byEmail: (email) => byEmail.all(email.trim().toLowerCase()).map(toPerson),
    setDigestsTo: (personId, where) => {
      setDigestsTo.run(where, personId);
    },
  };
}

/** Case-insensitive and indifferent to how an accent was typed (é or e + combining accent). */
function fold(text: string): string {
  return text.normalize("NFC").toLowerCase();
}

function sortKeys(record: Record<string, string | undefined>): [string, string][] {
  return Object.entries(record)
    .filter((entry): entry is [string, string] => Boolean(entry[1]))
    .sort(([a], [b]) => a.localeCompare(b));
}
