import type { PersonInput } from "../../src/ports/store.js";

/** A person as the programme file gives one: Brussels office hours, reachable in the playground as `key`. */
export function personInput(key: string, overrides: Partial<PersonInput> = {}): PersonInput {
  return {
    key,
    name: key,
    timezone: "Europe/Brussels",
    country: "BE",
    contactHours: "Mon-Fri 09:00-17:00",
    ids: { console: key },
    isColleague: false,
    dailyBudget: 6,
    ...overrides,
  };
}
