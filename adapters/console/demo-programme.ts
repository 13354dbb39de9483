import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";

export const DEMO_WORKSPACE = "demo";

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A small programme for the playground: an intern in São Paulo, her company in Brussels and Lisbon,
 * a university coordinator in Berlin. Dates are relative to `today` so the demo is always running.
 */
export function demoProgramme(today: string): ProgrammeInput {
  const person = (key: string, name: string, timezone: string, country: string, department?: string) => ({
    key,
    name,
    timezone,
    country,
    contactHours: "Mon-Fri 09:00-17:00",
    ...(department ? { department } : {}),
  });
  return {
    workspace: { platform: "console", id: DEMO_WORKSPACE, name: "Playground" },
    people: [
      { ...person("ana", "Ana Souza", "America/Sao_Paulo", "BR", "Engineering"), region: "SP" },
      person("bram", "Bram Peeters", "Europe/Brussels", "BE", "Engineering"),
      person("chloe", "Chloé Martin", "Europe/Brussels", "BE", "Engineering"),
      {
        ...person("lena", "Lena Vogel", "Europe/Berlin", "DE"),
        region: "BE",
        contactHours: "Mon-Thu 08:30-16:30",
      },
      person("dries", "Dries Janssens", "Europe/Brussels", "BE", "Engineering"),
      person("ines", "Inês Costa", "Europe/Lisbon", "PT", "Engineering"),
      person("sofie", "Sofie Claes", "Europe/Brussels", "BE", "Sales"),
      person("tiago", "Tiago Ramos", "Europe/Lisbon", "PT", "Sales"),
      person("marc", "Marc Dubois", "Europe/Brussels", "BE", "Operations"),
      person("rita", "Rita Almeida", "Europe/Lisbon", "PT", "Operations"),
    ],
    colleagues: ["dries", "ines", "sofie", "tiago", "marc", "rita"],
    internships: [
      {
        key: "ana-internship",
        intern: "ana",
        supervisor: "bram",
        backupSupervisor: "chloe",
        coordinator: "lena",
        start: addDays(today, -7),
        end: addDays(today, 120),
        homeChannel: "home",
        agreement: {
          replyWithin: { supervisor: "8h", intern: "4h" },
          checkIn: { at: "09:30", days: "Mon-Fri" },
          syncMeeting: "weekly",
          introductions: { target: 6, departments: 3, withinWeeks: 6 },
          tools: ["Slack", "Zoom"],
        },
      },
    ],
  };
}
