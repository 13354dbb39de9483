/** Changes some of a stored person's fields, keeping the rest (the people repo writes whole people). */
import type { Person } from "../domain/types.js";
import type { PersonInput, Store } from "../ports/store.js";

export type PersonChanges = Partial<
  Pick<PersonInput, "ids" | "contactHours" | "country" | "region" | "timezone">
>;

export async function updatePerson(
  store: Store,
  person: Person,
  changes: PersonChanges,
  at: Date,
): Promise<boolean> {
  const next = { ...person, ...changes };
  const region = "region" in changes ? changes.region : person.region;
  const { changed } = await store.people.upsert(
    person.workspaceId,
    {
      key: next.key,
      name: next.name,
      timezone: next.timezone,
      country: next.country,
      ...(region ? { region } : {}),
      contactHours: next.contactHours,
      ...(next.department ? { department: next.department } : {}),
      ...(next.email ? { email: next.email } : {}),
      dailyBudget: next.dailyBudget,
      languages: next.languages,
      introCapacity: next.introCapacity,
      ids: next.ids,
      isColleague: await store.people.isColleague(person.id),
    },
    at,
  );
  return changed;
}
