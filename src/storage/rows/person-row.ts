import type { Person } from "../../domain/types.js";

export interface PersonRow {
  id: number;
  workspace_id: number;
  key: string;
  name: string;
  timezone: string;
  country: string;
  region: string | null;
  contact_hours: string;
  department: string | null;
  is_colleague: number;
  daily_budget: number;
  languages: string;
  intro_capacity: number;
  email: string | null;
  digests_to: string;
  /** [[from, to], ...] in date order. */
  leave_json: string;
  /** { platform: external id }. */
  ids_json: string;
}

export type LeaveRow = { from_date: string; to_date: string; source: "programme" | "command" };

export function toPerson(row: PersonRow): Person {
  const person: Person = {
    id: row.id,
    workspaceId: row.workspace_id,
    key: row.key,
    name: row.name,
    timezone: row.timezone,
    country: row.country,
    contactHours: row.contact_hours,
    dailyBudget: row.daily_budget,
    languages: JSON.parse(row.languages) as string[],
    introCapacity: row.intro_capacity,
    leave: (JSON.parse(row.leave_json) as [string, string][]).map(([from, to]) => ({ from, to })),
    ids: JSON.parse(row.ids_json) as Person["ids"],
  };
  if (row.region) person.region = row.region;
  if (row.department) person.department = row.department;
  if (row.email) person.email = row.email;
  if (row.digests_to === "email") person.digestsTo = "email";
  return person;
}
