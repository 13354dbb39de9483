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
 */
export function cohortProgramme(
  workspace: string,
  groups: CohortGroup[],
  start = "2026-11-30",
): ProgrammeInput {
  const people: ProgrammeInput["people"] = [];
  const internships: NonNullable<ProgrammeInput["internships"]> = [];
  for (const group of groups) {
    const zone = group.timezone ?? "Europe/Brussels";
    const country = group.country ?? "BE";
    const supervisors = Math.ceil(group.count / 50);
    for (let s = 0; s < supervisors; s++) {
      people.push({
        key: `${group.prefix}-sup${s}`,
        name: `Supervisor ${group.prefix.toUpperCase()}${s}`,
        ids: { slack: slackId(`${group.prefix}S`, s) },
        timezone: zone,
        country,
        contactHours: "Mon-Fri 09:00-17:00",
      });
    }
    for (let i = 0; i < group.count; i++) {
      people.push({
        key: `${group.prefix}${i}`,
        name: `Intern ${group.prefix.toUpperCase()}${i}`,
        ids: { slack: slackId(group.prefix, i) },
        timezone: zone,
        country,
        contactHours: group.contactHours ?? "Mon-Fri 09:00-17:00",
      });
      internships.push({
        key: `${group.prefix}-int${i}`,
        intern: `${group.prefix}${i}`,
        supervisor: `${group.prefix}-sup${Math.floor(i / 50)}`,
        start,
        end: "2027-03-31",
        agreement: { syncMeeting: "none", ...(group.checkInAt ? { checkIn: { at: group.checkInAt } } : {}) },
      });
    }
  }
  return { workspace: { platform: "slack", id: workspace }, people, internships };
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
