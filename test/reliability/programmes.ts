/** Programmes for the reliability scenarios: a cohort of N interns, or the sample programme per workspace. */
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { sampleProgramme } from "../helpers/programme.js";

export interface CohortGroup {
  /** Key prefix and Slack id prefix, e.g. "a" -> people a0, a1, ... with ids UA0, UA1, ... */
  prefix: string;
  count: number;
  timezone?: string;
  country?: string;
  contactHours?: string;
  /** The agreed local check-in time. */
  checkInAt?: string;
}

/**
 * Interns who only get their daily check-in: their internships start the day before, so no weekly
 * digest or isolation nudge is due yet, and no sync meeting is agreed. One supervisor per 50 interns.
 * Interns are spread over Slack workspaces T1, T2, ... of at most `perWorkspace` each (per group):
 * Tandem paces each workspace under Slack's cap of about 300 messages a minute, in real time, so a
 * fan-out of thousands goes out at a useful speed only across workspaces. Intern n keeps key `<prefix>n`
 * and Slack id `U<PREFIX>n` whichever workspace holds them.
 */
export function cohortProgrammes(
  groups: CohortGroup[],
  perWorkspace = 250,
  start = "2026-11-30",
): ProgrammeInput[] {
  const programmes = new Map<
    number,
    { people: ProgrammeInput["people"]; internships: NonNullable<ProgrammeInput["internships"]> }
  >();
  const into = (w: number) => {
    const existing = programmes.get(w);
    if (existing) return existing;
    const created = {
      people: [] as ProgrammeInput["people"],
      internships: [] as NonNullable<ProgrammeInput["internships"]>,
    };
    programmes.set(w, created);
    return created;
  };
  for (const group of groups) {
    const zone = group.timezone ?? "Europe/Brussels";
    const country = group.country ?? "BE";
    const person = (key: string, name: string, id: string, contactHours: string) => ({
      key,
      name,
      ids: { slack: id },
      timezone: zone,
      country,
      contactHours,
    });
    for (let i = 0; i < group.count; i++) {
      const w = Math.floor(i / perWorkspace);
      const { people, internships } = into(w);
      const sup = Math.floor((i % perWorkspace) / 50);
      const supervisor = `${group.prefix}-sup${w}-${sup}`;
      if ((i % perWorkspace) % 50 === 0) {
        const name = `Supervisor ${group.prefix.toUpperCase()}${w}-${sup}`;
        people.push(person(supervisor, name, slackId(`${group.prefix}S${w}X`, sup), "Mon-Fri 09:00-17:00"));
      }
      const contactHours = group.contactHours ?? "Mon-Fri 09:00-17:00";
      people.push(
        person(
          `${group.prefix}${i}`,
          `Intern ${group.prefix.toUpperCase()}${i}`,
          slackId(group.prefix, i),
          contactHours,
        ),
      );
      internships.push({
        key: `${group.prefix}-int${i}`,
        intern: `${group.prefix}${i}`,
        supervisor,
        start,
        end: "2027-03-31",
        agreement: { syncMeeting: "none", ...(group.checkInAt ? { checkIn: { at: group.checkInAt } } : {}) },
      });
    }
  }
  return [...programmes.entries()].map(([w, { people, internships }]) => ({
    workspace: { platform: "slack" as const, id: `T${w + 1}` },
    people,
    internships,
  }));
}

/** A Slack user id for the n-th person of a group: U + prefix + number, upper case. */
export function slackId(prefix: string, n: number): string {
  return `U${prefix.toUpperCase()}${n}`;
}

/** The sample programme in a Slack workspace: ana is U0ANA, bram U0BRAM, ...; ana's home channel C0HOME. */
export function slackSample(team = "T1", overrides: Partial<ProgrammeInput> = {}): ProgrammeInput {
  const base = sampleProgramme();
  return {
    ...base,
    workspace: { platform: "slack", id: team },
    people: base.people.map((p) => ({ ...p, ids: { slack: `U0${p.key.toUpperCase()}` } })),
    internships: (base.internships ?? []).map((i) =>
      i.key === "ana-2026" ? { ...i, homeChannel: "C0HOME" } : i,
    ),
    ...overrides,
  };
}

/** The sample programme in a Teams tenant: ana is aad-ana, ...; ana's home channel is HOME. */
export const TEAMS_HOME = "19:home@thread.tacv2";
export function teamsSample(tenant = "tenant-1"): ProgrammeInput {
  const base = sampleProgramme();
  return {
    ...base,
    workspace: { platform: "teams", id: tenant },
    people: base.people.map((p) => ({ ...p, ids: { teams: `aad-${p.key}` } })),
    internships: (base.internships ?? []).map((i) =>
      i.key === "ana-2026"
        ? {
            ...i,
            homeChannel: TEAMS_HOME,
            agreement: { ...i.agreement, tools: ["Teams"], replies: { ackReaction: "like" } },
          }
        : i,
    ),
  };
}
