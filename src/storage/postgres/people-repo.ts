import { DEFAULT_INTRO_CAPACITY, type LeavePeriod, type Platform } from "../../domain/types.js";
import type { PeopleRepo, PersonInput } from "../../ports/store.js";
import { type LeaveRow, type PersonRow, toPerson } from "../rows/person-row.js";
import type { Sql } from "./sql.js";

// One query per person: leave and platform ids come along as JSON text (parsed here, whatever type parsers
// the pool has) instead of two more queries each.
const PERSON = `p.*,
  (SELECT coalesce(json_agg(json_build_array(from_date, to_date) ORDER BY from_date, to_date), '[]')::text
     FROM leave_periods WHERE person_id = p.id) AS leave_json,
  (SELECT coalesce(json_object_agg(platform, external_id ORDER BY platform), '{}')::text
     FROM person_identities WHERE person_id = p.id) AS ids_json`;

const maybe = (row: PersonRow | undefined) => (row ? toPerson(row) : undefined);

export function createPeopleRepo(sql: Sql): PeopleRepo {
  const byKey = (workspaceId: number, key: string) =>
    sql.one<PersonRow>(`SELECT ${PERSON} FROM people p WHERE p.workspace_id = $1 AND p.key = $2`, [
      workspaceId,
      key,
    ]);
  const leave = (personId: number) =>
    sql.rows<LeaveRow>(
      "SELECT from_date, to_date, source FROM leave_periods WHERE person_id = $1 ORDER BY from_date, to_date",
      [personId],
    );
  const insertLeave = (
    workspaceId: number,
    personId: number,
    period: LeavePeriod,
    source: string,
    at: Date,
  ) =>
    sql.run(
      "INSERT INTO leave_periods (workspace_id, person_id, from_date, to_date, source, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
      [workspaceId, personId, period.from, period.to, source, at.getTime()],
    );
  const sameIds = async (personId: number, wanted: Partial<Record<Platform, string>>) => {
    const ids = await sql.rows<{ platform: Platform; external_id: string }>(
      "SELECT platform, external_id FROM person_identities WHERE person_id = $1",
      [personId],
    );
    const current = Object.fromEntries(ids.map((i) => [i.platform, i.external_id]));
    return JSON.stringify(sortKeys(current)) === JSON.stringify(sortKeys(wanted));
  };

  return {
    get: async (workspaceId, id) =>
      maybe(
        await sql.one<PersonRow>(`SELECT ${PERSON} FROM people p WHERE p.workspace_id = $1 AND p.id = $2`, [
          workspaceId,
          id,
        ]),
      ),
    getEach: async (ids) =>
      ids.length === 0
        ? []
        : (
            await sql.rows<PersonRow>(`SELECT ${PERSON} FROM people p WHERE p.id = ANY($1::bigint[])`, [
              [...ids],
            ])
          ).map(toPerson),
    byKey: async (workspaceId, key) => maybe(await byKey(workspaceId, key)),
    byPlatformId: async (workspaceId, platform, externalId) =>
      maybe(
        await sql.one<PersonRow>(
          `SELECT ${PERSON} FROM person_identities i JOIN people p ON p.id = i.person_id
           WHERE i.workspace_id = $1 AND i.platform = $2 AND i.external_id = $3`,
          [workspaceId, platform, externalId],
        ),
      ),
    // Handles are compared in JS, as on SQLite: the same folding on both stores.
    byHandle: async (workspaceId, handle) => {
      const wanted = fold(handle);
      const rows = await sql.rows<PersonRow>(
        `SELECT ${PERSON} FROM people p WHERE p.workspace_id = $1 ORDER BY p.id`,
        [workspaceId],
      );
      return maybe(
        rows.find((row) => fold(row.key) === wanted || fold(row.name.replaceAll(" ", "")) === wanted),
      );
    },
    list: async (workspaceId) =>
      (
        await sql.rows<PersonRow>(`SELECT ${PERSON} FROM people p WHERE p.workspace_id = $1 ORDER BY p.key`, [
          workspaceId,
        ])
      ).map(toPerson),
    isColleague: async (personId) =>
      (await sql.one<{ is_colleague: number }>("SELECT is_colleague FROM people WHERE id = $1", [personId]))
        ?.is_colleague === 1,
    setColleague: async (personId, value) => {
      await sql.run("UPDATE people SET is_colleague = $1 WHERE id = $2", [value ? 1 : 0, personId]);
    },
    colleagues: async (workspaceId) =>
      (
        await sql.rows<PersonRow>(
          `SELECT ${PERSON} FROM people p WHERE p.workspace_id = $1 AND p.is_colleague = 1 ORDER BY p.id`,
          [workspaceId],
        )
      ).map(toPerson),
    upsert: (workspaceId, input: PersonInput, at) =>
      sql.atomic(async () => {
        const params = {
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
        };
        const values = [
          params.name,
          params.timezone,
          params.country,
          params.region,
          params.contactHours,
          params.department,
          params.isColleague,
          params.dailyBudget,
          params.languages,
          params.introCapacity,
          params.email,
          at.getTime(),
        ];
        let existing = await byKey(workspaceId, input.key);
        let id: number | undefined;
        let changed = false;
        if (!existing) {
          // Another replica importing the same file may insert the key first: then this one updates it.
          const inserted = await sql.one<{ id: number }>(
            `INSERT INTO people (name, timezone, country, region, contact_hours, department, is_colleague, daily_budget,
               languages, intro_capacity, email, created_at, updated_at, workspace_id, key)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14)
             ON CONFLICT (workspace_id, key) DO NOTHING RETURNING id`,
            [...values, workspaceId, input.key],
          );
          if (inserted) {
            id = inserted.id;
            changed = true;
          } else {
            existing = await byKey(workspaceId, input.key);
          }
        }
        if (existing) {
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
            await sql.run(
              `UPDATE people SET name = $1, timezone = $2, country = $3, region = $4, contact_hours = $5,
                 department = $6, is_colleague = $7, daily_budget = $8, languages = $9, intro_capacity = $10,
                 email = $11, updated_at = $12
               WHERE id = $13`,
              [...values, id],
            );
            changed = true;
          }
        }
        const personId = id!;
        if (!(await sameIds(personId, input.ids))) {
          await sql.run("DELETE FROM person_identities WHERE person_id = $1", [personId]);
          for (const [platform, externalId] of Object.entries(input.ids)) {
            if (!externalId) continue;
            // The programme file is the truth about who holds a platform id: an id that moves to another
            // person (ids swapped, a key renamed) is released by its old holder first.
            await sql.run(
              "DELETE FROM person_identities WHERE workspace_id = $1 AND platform = $2 AND external_id = $3 AND person_id <> $4",
              [workspaceId, platform, externalId, personId],
            );
            await sql.run(
              "INSERT INTO person_identities (workspace_id, platform, external_id, person_id) VALUES ($1, $2, $3, $4)",
              [workspaceId, platform, externalId, personId],
            );
          }
          changed = true;
        }
        return { id: personId, changed };
      }),
    replaceLeave: (workspaceId, personId, source, periods: LeavePeriod[], at) =>
      sql.atomic(async () => {
        // Two replicas replacing the same person's leave take turns: compare, then replace.
        await sql.run("SELECT 1 FROM people WHERE id = $1 FOR NO KEY UPDATE", [personId]);
        const current = (await leave(personId))
          .filter((l) => l.source === source)
          .map((l) => `${l.from_date}/${l.to_date}`);
        const wanted = periods.map((p) => `${p.from}/${p.to}`).sort();
        if (JSON.stringify(current.sort()) === JSON.stringify(wanted)) return false;
        await sql.run("DELETE FROM leave_periods WHERE person_id = $1 AND source = $2", [personId, source]);
        for (const p of periods) await insertLeave(workspaceId, personId, p, source, at);
        return true;
      }),
    addLeave: async (workspaceId, personId, period, at) => {
      await insertLeave(workspaceId, personId, period, "command", at);
    },
    leaveOf: async (personId) =>
      (await leave(personId)).map((l) => ({ from: l.from_date, to: l.to_date, source: l.source })),
    byEmail: async (email) =>
      (
        await sql.rows<PersonRow>(`SELECT ${PERSON} FROM people p WHERE p.email = $1 ORDER BY p.id`, [
          email.trim().toLowerCase(),
        ])
      ).map(toPerson),
    setDigestsTo: async (personId, where) => {
      await sql.run("UPDATE people SET digests_to = $1 WHERE id = $2", [where, personId]);
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
