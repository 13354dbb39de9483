import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";

/**
 * A small console programme: intern `ana` (São Paulo), supervisor `bram` and backup `chloe`
 * (Brussels), coordinator `lena`; a second intern `ben` supervised by `bram` too; an outsider `olga`.
 */
export function sampleProgramme(overrides: Partial<ProgrammeInput> = {}): ProgrammeInput {
  const person = (key: string, name: string, timezone = "Europe/Brussels", country = "BE") => ({
    key,
    name,
    timezone,
    country,
    contactHours: "Mon-Fri 09:00-17:00",
  });
  return {
    workspace: { platform: "console", id: "test" },
    people: [
      { ...person("ana", "Ana Souza", "America/Sao_Paulo", "BR"), department: "Engineering" },
      person("bram", "Bram Peeters"),
      person("chloe", "Chloé Martin"),
      { ...person("lena", "Lena Vogel", "Europe/Berlin", "DE"), region: "BE" },
      person("ben", "Ben Okafor"),
      person("olga", "Olga Berg"),
      person("piet", "Piet Smet"),
    ],
    colleagues: ["olga"],
    internships: [
      {
        key: "ana-2026",
        intern: "ana",
        supervisor: "bram",
        backupSupervisor: "chloe",
        coordinator: "lena",
        start: "2026-11-01",
        end: "2027-03-31",
        homeChannel: "home",
        agreement: { replyWithin: { supervisor: "8h", intern: "4h" }, tools: ["Slack"] },
      },
      {
        key: "ben-2026",
        intern: "ben",
        supervisor: "bram",
        start: "2026-11-01",
        end: "2027-02-28",
      },
      {
        key: "piet-2026",
        intern: "piet",
        supervisor: "olga",
        start: "2026-11-01",
        end: "2027-02-28",
      },
    ],
    ...overrides,
  };
}
