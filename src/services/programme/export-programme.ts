import { stringify } from "yaml";
import { AppError } from "../../domain/errors.js";
import { DEFAULT_CRITERIA } from "../../domain/learning-agreement.js";
import {
  DEFAULT_DAILY_BUDGET,
  DEFAULT_INTRO_CAPACITY,
  type Person,
  type Platform,
} from "../../domain/types.js";
import type { Store } from "../../ports/store.js";
import { pendingEmail } from "../pending-people.js";
import type { ProgrammeInput } from "./programme-schema.js";

type InternshipInput = NonNullable<ProgrammeInput["internships"]>[number];

/** Writes a workspace back in the programme format, so export -> import is a no-op. */
export async function exportProgramme(
  store: Store,
  platform: Platform,
  externalId: string,
): Promise<ProgrammeInput> {
  const workspace = await store.workspaces.find(platform, externalId);
  if (!workspace) {
    const known = (await store.workspaces.list()).map((w) => `${w.platform}:${w.externalId}`);
    throw new AppError(
      "NOT_FOUND",
      `there is no workspace ${platform}:${externalId}${known.length ? `; known: ${known.join(", ")}` : "; import a programme first"}`,
    );
  }
  const people = await store.people.list(workspace.id);
  const keyOf = new Map(people.map((p) => [p.id, p.key]));
  const colleague = await Promise.all(people.map((p) => store.people.isColleague(p.id)));
  const programme: ProgrammeInput = {
    workspace: { platform, id: externalId, ...(workspace.name ? { name: workspace.name } : {}) },
    people: await Promise.all(
      people.map(async (p) => {
        const leave = (await store.people.leaveOf(p.id)).filter((l) => l.source === "programme");
        // Someone still waiting for their account is exported with the address they were imported by.
        const email = p.email ?? (p.ids[platform] ? undefined : await pendingEmail(store, workspace, p.key));
        return {
          key: p.key,
          name: p.name,
          ...(email ? { email } : {}),
          ids: p.ids,
          timezone: p.timezone,
          country: p.country,
          ...(p.region ? { region: p.region } : {}),
          contactHours: p.contactHours,
          ...(p.department ? { department: p.department } : {}),
          ...(p.dailyBudget !== DEFAULT_DAILY_BUDGET ? { dailyBudget: p.dailyBudget } : {}),
          ...(p.languages.length ? { languages: p.languages } : {}),
          ...(p.introCapacity !== DEFAULT_INTRO_CAPACITY ? { introCapacity: p.introCapacity } : {}),
          ...(leave.length ? { leave: leave.map((l) => ({ from: l.from, to: l.to })) } : {}),
        };
      }),
    ),
    ...(await daysOffOf(store, workspace.id)),
    colleagues: people.filter((_, i) => colleague[i]).map((p) => p.key),
    ...(await adminsOf(store, workspace.id, platform, people)),
    internships: await Promise.all(
      (await store.internships.list(workspace.id)).map(async (s) => {
        const agreement = await store.agreements.current(s.id);
        const conversations = await store.internships.conversations(s.id);
        const learning = await learningOf(store, s.id);
        return {
          key: s.key,
          intern: keyOf.get(s.internId)!,
          supervisor: keyOf.get(s.supervisorId)!,
          ...(s.backupSupervisorId ? { backupSupervisor: keyOf.get(s.backupSupervisorId)! } : {}),
          ...(s.coordinatorId ? { coordinator: keyOf.get(s.coordinatorId)! } : {}),
          start: s.start,
          end: s.end,
          ...(s.homeChannel ? { homeChannel: s.homeChannel } : {}),
          ...(conversations.length ? { conversations } : {}),
          ...(agreement ? { agreement: agreement.terms } : {}),
          ...learning,
        };
      }),
    ),
  };
  return programme;
}

/** Programme admins: by key when Tandem knows them as a person, else by their platform id. */
async function adminsOf(
  store: Store,
  workspaceId: number,
  platform: Platform,
  people: readonly Person[],
): Promise<Pick<ProgrammeInput, "admins">> {
  const ids = await store.programmeAdmins.list(workspaceId);
  if (ids.length === 0) return {};
  return {
    admins: ids.map((id) => {
      const person = people.find((p) => p.ids[platform] === id);
      return person ? person.key : { ids: { [platform]: id } };
    }),
  };
}

async function daysOffOf(
  store: Store,
  workspaceId: number,
): Promise<Pick<ProgrammeInput, "holidays" | "closures">> {
  const { holidays, closures } = await store.daysOff.of(workspaceId);
  return {
    ...(holidays.length ? { holidays: holidays.map((h) => ({ ...h })) } : {}),
    ...(closures.length ? { closures: closures.map((c) => ({ ...c })) } : {}),
  };
}

/** The learning agreement as the file writes it (criteria left out when they are the default list) and the milestones with the outcomes they serve. */
async function learningOf(
  store: Store,
  internshipId: number,
): Promise<Pick<InternshipInput, "learning" | "milestones">> {
  const stored = await store.learning.get(internshipId);
  const served = await store.learning.outcomesOfMilestones(internshipId);
  const milestones = (await store.milestones.listFor(internshipId)).map((m) => ({
    title: m.title,
    due: m.due,
    ...(served.get(m.id) ? { outcomes: served.get(m.id)! } : {}),
  }));
  const defaultCriteria =
    stored !== undefined &&
    stored.criteria.length === DEFAULT_CRITERIA.length &&
    stored.criteria.every(
      (c, i) => c.key === DEFAULT_CRITERIA[i]!.key && c.name === DEFAULT_CRITERIA[i]!.name,
    );
  const evaluations = stored && {
    ...(stored.midterm ? { midterm: stored.midterm } : {}),
    ...(stored.final ? { final: stored.final } : {}),
  };
  return {
    ...(stored
      ? {
          learning: {
            ...(stored.title ? { title: stored.title } : {}),
            ...(stored.hoursPerWeek ? { hoursPerWeek: stored.hoursPerWeek } : {}),
            outcomes: stored.outcomes.map((o) => ({ ...o })),
            ...(defaultCriteria ? {} : { criteria: stored.criteria.map((c) => c.name) }),
            ...(evaluations && Object.keys(evaluations).length ? { evaluations } : {}),
            ...(stored.language ? { language: { ...stored.language } } : {}),
          },
        }
      : {}),
    ...(milestones.length ? { milestones } : {}),
  };
}

export function programmeToYaml(programme: ProgrammeInput): string {
  return stringify(programme, { lineWidth: 0 });
}
